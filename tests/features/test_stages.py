"""Every allowed and forbidden stage move, with who/when/why recorded."""

import pytest
from sqlalchemy import select

from bot.storage.models import Bottleneck, StageChange
from bot.vocabulary.enums import Stage
from bot.vocabulary.stages import moves
from tests.helpers import Harness

S = Stage
# (from, to) -> reason required. Everything not listed is forbidden.
ALLOWED = {
    (S.OOGSTEN, S.TOETSEN): False,
    (S.TOETSEN, S.VERDIEPEN): False,
    (S.TOETSEN, S.AGENDEREN): False,  # the seed allows skipping to step 6
    (S.VERDIEPEN, S.DELEN): False,
    (S.DELEN, S.AGENDEREN): False,
    (S.AGENDEREN, S.TERUGKOPPELEN): False,
    (S.TERUGKOPPELEN, S.AFGEROND): False,
    (S.TOETSEN, S.OOGSTEN): True,
    (S.VERDIEPEN, S.TOETSEN): True,
    (S.DELEN, S.VERDIEPEN): True,
    (S.AGENDEREN, S.DELEN): True,
    (S.TERUGKOPPELEN, S.AGENDEREN): True,
    (S.AFGEROND, S.TERUGKOPPELEN): True,
    (S.NOT_RECOGNISED, S.TOETSEN): True,
    (S.PARKED, S.OOGSTEN): True,  # back to where it was parked (here: oogsten)
}
for open_stage in (S.OOGSTEN, S.TOETSEN, S.VERDIEPEN, S.DELEN, S.AGENDEREN, S.TERUGKOPPELEN):
    ALLOWED[(open_stage, S.PARKED)] = True
    ALLOWED[(open_stage, S.NOT_RECOGNISED)] = True

PAIRS = [(a, b) for a in Stage for b in Stage if a is not b]


def test_rule_table_matches_the_design():
    found = {(a, b): need for a in Stage for b, need in moves(a, S.OOGSTEN).items()}
    assert found == ALLOWED


async def _bottleneck_in(app, stage: Stage) -> Harness:
    h = Harness(app)
    await h.run('@vera:staf /knelpunt nieuw titel:"Test"')
    async with app.sessions() as s, s.begin():
        b = await s.get(Bottleneck, 1)
        b.stage = stage
    return h


@pytest.mark.parametrize(("frm", "to"), PAIRS, ids=[f"{a.value}->{b.value}" for a, b in PAIRS])
async def test_move(app, frm, to):
    h = await _bottleneck_in(app, frm)
    out = await h.run(f"@vera /knelpunt fase nr:1 fase:{to.value} toelichting:\"omdat\"")
    async with app.sessions() as s:
        stage = (await s.get(Bottleneck, 1)).stage
    if (frm, to) in ALLOWED:
        assert stage is to, out
        assert "→" in out
    else:
        assert stage is frm
        assert "kan niet" in out and "Vanaf hier kan" in out


async def test_reason_is_required_for_back_parking_and_not_recognised(app):
    h = await _bottleneck_in(app, S.TOETSEN)
    for target in ("oogsten", "geparkeerd", "niet-herkend"):
        out = await h.run(f"@vera /knelpunt fase nr:1 fase:{target}")
        assert "Geef een `toelichting:`" in out
    async with app.sessions() as s:
        assert (await s.get(Bottleneck, 1)).stage is S.TOETSEN


async def test_history_records_who_when_why(app, clock):
    h = await _bottleneck_in(app, S.OOGSTEN)
    await h.run("@vera /knelpunt fase nr:1 fase:toetsen")
    clock.advance(days=1)
    await h.run('@vera /knelpunt fase nr:1 fase:geparkeerd toelichting:"Eerst onderzoek"')
    await h.run('@vera /knelpunt fase nr:1 fase:toetsen toelichting:"Onderzoek is er"')
    async with app.sessions() as s:
        changes = (await s.scalars(select(StageChange).order_by(StageChange.id))).all()
    assert [(c.from_stage, c.to_stage, c.reason) for c in changes] == [
        (None, S.OOGSTEN, None),
        (S.OOGSTEN, S.TOETSEN, None),
        (S.TOETSEN, S.PARKED, "Eerst onderzoek"),
        (S.PARKED, S.TOETSEN, "Onderzoek is er"),  # reopened where it was parked
    ]
    assert changes[2].at > changes[1].at
    timeline = await h.run("@sanne:lid /knelpunt toon nr:1")
    assert 'toetsen → geparkeerd door vera — "Eerst onderzoek"' in timeline


async def test_same_stage_is_explained(app):
    h = await _bottleneck_in(app, S.OOGSTEN)
    assert "staat al in fase" in await h.run("@vera /knelpunt fase nr:1 fase:oogsten")
