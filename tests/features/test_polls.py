"""Step 3: recognition polls."""

from sqlalchemy import select

from bot.settings import Community, PollRules
from bot.storage.models import Vote
from bot.vocabulary.enums import Recognition, Urgency
from tests.conftest import make_app
from tests.helpers import Harness

SETUP = ('@vera:staf /knelpunt nieuw titel:"Wachtlijst jeugd-ggz" domein:zorg',
         "@vera /peiling start knelpunt:1")


async def votes(app) -> list[Vote]:
    async with app.sessions() as s:
        return list((await s.scalars(select(Vote).order_by(Vote.id))).all())


async def test_poll_card_has_buttons_and_a_form(app):
    out = await Harness(app).run(*SETUP)
    assert "[#peilingen] **🗳 Peiling #1**" in out
    assert "[Herken ik] [Deels] [Herken ik niet]" in out
    assert "[Urgentie laag] [Urgentie middel] [Urgentie hoog]" in out
    assert "[Wat is er nodig?]" in out


async def test_one_vote_per_member_changeable_until_close(app):
    h = Harness(app)
    await h.run(*SETUP, '@sanne:lid klik "Herken ik"', '@sanne klik "Herken ik niet"',
                '@sanne klik "Urgentie hoog"',
                '@sanne klik "Wat is er nodig?" nodig:"Meer behandelplekken"')
    [vote] = await votes(app)
    assert (vote.recognition, vote.urgency, vote.needed) == (
        Recognition.NO, Urgency.HIGH, "Meer behandelplekken")
    await h.run("@vera /peiling sluit nr:1")
    out = await h.run('@sanne klik "Herken ik"')
    assert "Peiling #1 is gesloten" in out
    assert (await votes(app))[0].recognition is Recognition.NO


async def test_vote_command_without_buttons(app):
    h = Harness(app)
    out = await h.run(*SETUP, '@sanne:lid /stem peiling:1 herkend:deels urgentie:middel nodig:"Tijd"')
    assert "opgeslagen (herkend: deels, urgentie: middel, wat nodig is: ingevuld)" in out
    out = await h.run("@sanne /stem peiling:1 herkend:misschien")
    assert "`herkend:` kan zijn: ja, deels, nee" in out
    assert len(await votes(app)) == 1


async def test_ambassador_poll_only_for_ambassadors(app):
    h = Harness(app)
    await h.run("@fatima:ambassadeur /mijn instellingen domein:kinderopvang")
    out = await h.run('@vera:staf /knelpunt nieuw titel:"X"',
                      "@vera /peiling start knelpunt:1 doelgroep:ambassadeurs")
    assert "[dm @fatima] **🗳 Peiling #1**" in out  # ambassadors get it privately too
    out = await h.run('@sanne:lid klik "Herken ik"')
    assert "alleen voor ambassadeurs" in out
    await h.run("@fatima klik Deels")
    assert [v.recognition for v in await votes(app)] == [Recognition.PARTLY]


async def test_result_percentages_domains_and_threshold(tmp_path, clock):
    community = Community(polls=PollRules(min_votes=4, min_recognised_share=0.75))
    app = await make_app(f"sqlite:///{tmp_path / 'p.db'}", community, clock)
    try:
        h = Harness(app)
        for name, domain in (("a", "onderwijs"), ("b", "onderwijs"), ("c", "zorg"), ("d", "zorg")):
            await h.run(f"@{name}:lid /mijn instellingen domein:{domain}")
        await h.run(*SETUP, '@a klik "Herken ik"', '@b klik "Deels"', '@c klik "Herken ik"')
        out = await h.run("@vera /peiling uitslag nr:1")
        assert "3 stemmen" in out and "niet breed herkend" in out  # 3 < 4 votes
        await h.run('@d klik "Herken ik niet"', '@a klik "Urgentie hoog"')
        out = await h.run("@vera /peiling sluit nr:1")
        assert "[#peilingen] **📊 Uitslag peiling #1**" in out
        assert "ja 2 (50%) · deels 1 (25%) · nee 1 (25%)" in out
        assert "• onderwijs: ja 1, deels 1, nee 0 — 100% herkent het" in out
        assert "• zorg: ja 1, deels 0, nee 1 — 50% herkent het" in out
        assert "✅ Breed herkend: 75% ja of deels bij 4 stemmen" in out  # exactly on the rule
        await h.run('@vera /knelpunt nieuw titel:"Y"', "@vera /peiling start knelpunt:2",
                    '@a klik "Herken ik"', '@b klik "Herken ik niet"', '@c klik "Herken ik niet"',
                    '@d klik "Deels"')
        assert "(Nog) niet breed herkend: 50%" in await h.run("@vera /peiling sluit nr:2")
    finally:
        await app.close()


async def test_needed_texts_only_shown_to_staff(app):
    h = Harness(app)
    await h.run(*SETUP, '@sanne:lid /stem peiling:1 herkend:ja nodig:"Geheim plan"')
    assert "Geheim plan" in await h.run("@vera /peiling uitslag nr:1")
    member_view = await h.run("@sanne /peiling uitslag nr:1")
    assert "Geheim plan" not in member_view and "1 persoon schreef" in member_view


async def test_poll_on_closed_or_unknown_bottleneck(app):
    h = Harness(app)
    assert "Knelpunt #4 bestaat niet" in await h.run("@vera:staf /peiling start knelpunt:4")
    await h.run('@vera /knelpunt nieuw titel:"X"',
                '@vera /knelpunt fase nr:1 fase:niet-herkend toelichting:"Niemand herkent het"')
    assert "niet meer open" in await h.run("@vera /peiling start knelpunt:1")


async def test_poll_closes_itself_at_close_time(app, clock):
    h = Harness(app)
    await h.run('@vera:staf /knelpunt nieuw titel:"X"',
                '@vera /peiling start knelpunt:1 sluit:"2026-11-02 18:00"')
    clock.advance(hours=12)
    assert "is gesloten" in await h.run('@sanne:lid klik "Herken ik"')


async def test_long_needs_list_is_paged_and_every_need_shows_once(app):
    """Staff read the needs ten at a time with a hint to the next page and the export;
    across the pages each need shows exactly once; members only see how many wrote."""
    h = Harness(app)
    await h.run(*SETUP)
    await h.run(*(f'@lid{i}:lid /stem peiling:1 herkend:ja nodig:"Nodig nummer {i}."'
                  for i in range(23)))
    pages = [await h.run(f"@vera /peiling uitslag nr:1 pagina:{p}") for p in (1, 2, 3)]
    assert "Wat is er nodig (1–10 van 23):" in pages[0]
    assert "Pagina 1 van 3. De volgende: `/peiling uitslag nr:1 pagina:2`" in pages[0]
    assert "de export (tabel `nodig`)" in pages[0]
    assert "Pagina 3 van 3 (de laatste)" in pages[2]
    shown = [line.strip() for page in pages for line in page.splitlines() if "Nodig nummer" in line]
    assert sorted(shown) == sorted(f"• Nodig nummer {i}." for i in range(23))
    assert await h.run("@vera /peiling uitslag nr:1") == pages[0]
    assert "Pagina 3 van 3" in await h.run("@vera /peiling uitslag nr:1 pagina:9")
    member = await h.run("@lid1 /peiling uitslag nr:1")
    assert "23 mensen schreven op wat er nodig is" in member and "Nodig nummer" not in member


async def test_short_needs_list_shows_whole_without_pages(app):
    h = Harness(app)
    await h.run(*SETUP, '@sanne:lid /stem peiling:1 herkend:ja nodig:"Meer tijd"')
    out = await h.run("@vera /peiling uitslag nr:1")
    assert "Wat is er nodig:" in out and "• Meer tijd" in out and "Pagina" not in out
