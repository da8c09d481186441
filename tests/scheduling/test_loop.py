"""Close the loop: stage moves and feedback reach each involved person once, in their
language, respecting their preference; staff see who heard nothing for N days; the
weekly digest posts what moved; retention erases old texts but keeps the counts."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from bot.scheduling.due import run_due
from bot.storage.models import JobRun, Notice, Signal
from tests.helpers import Harness
from tests.scheduling.support import dm_names, rows

SETUP = (
    '@vera:staf /oproep open vraag:"Waar loop je tegenaan?"',
    "@sanne:lid thread 1 Ouders vinden de weg naar jeugdhulp niet",  # signal 1
    "@ahmed:lid dm De wachtlijst is maanden lang",  # signal 2
    "@piet:lid /mijn instellingen meldingen:uit",
    '@piet /signaal tekst:"Ook bij ons een wachtlijst"',  # signal 3
    "@joke:lid /mijn instellingen taal:en",
    '@vera /knelpunt nieuw titel:"Wachtlijst jeugdhulp" signaal:1',
    "/knelpunt koppel signaal:2 knelpunt:1",
    "/knelpunt koppel signaal:3 knelpunt:1",
    "/peiling start knelpunt:1",
    "@joke /stem peiling:1 herkend:ja",
    "@sanne /stem peiling:1 herkend:deels",  # contributed and voted: still one person
)


async def test_stage_move_reaches_each_involved_person_once_in_their_language(app):
    h = Harness(app)
    await h.run(*SETUP)
    out = await h.run('@vera /knelpunt fase nr:1 fase:toetsen toelichting:"We peilen"')
    assert "Knelpunt #1: oogsten → toetsen. 3 betrokkenen kregen hier persoonlijk bericht" in out
    stage_dms = await dm_names(app, "fase")
    assert sorted(stage_dms) == ["ahmed", "sanne"]  # Dutch
    assert await dm_names(app, "New stage: **test**") == ["joke"]  # English
    # notifications off: no news, only the one-time privacy notice (an information duty)
    assert (await dm_names(app)).count("piet") == 1
    assert "piet" in await dm_names(app, "met je gegevens om")
    assert "Waarom: We peilen" in out

    await h.run('@vera /terugkoppeling knelpunt:1 tekst:"De gemeente opent een inloopspreekuur."')
    assert sorted(await dm_names(app, "inloopspreekuur")) == ["ahmed", "joke", "sanne"]
    async with app.sessions() as session:
        notices = (await session.scalars(select(Notice).order_by(Notice.id))).all()
    assert sorted((n.kind, n.member_id) for n in notices) == sorted(
        {(n.kind, n.member_id) for n in notices}
    )  # one per update per person
    assert [n.kind for n in notices].count("stage") == 3
    assert [n.kind for n in notices].count("feedback") == 3


async def test_staff_list_bottlenecks_whose_contributors_heard_nothing(app, clock):
    h = Harness(app)
    await h.run(*SETUP, '@vera /knelpunt nieuw titel:"Geen opvangplek" signaal:3')
    out = await h.run("/knelpunt stil dagen:30")
    assert "Iedereen die bijdroeg hoorde in de laatste 30 dagen" in out
    clock.advance(days=31)
    out = await h.run("/knelpunt stil dagen:30")
    assert "#1 Wachtlijst jeugdhulp (oogsten): 3 van 3 betrokkenen, al 31 dagen stil" in out
    assert "Geen opvangplek" not in out  # its only contributor turned notifications off
    await h.run("/knelpunt fase nr:1 fase:toetsen")
    assert "Iedereen die bijdroeg" in await h.run("/knelpunt stil dagen:30")
    assert "Alleen de staf" in await h.run("@sanne /knelpunt stil")


async def test_weekly_digest_posts_what_moved_once(app, clock):
    h = Harness(app)
    assert (await run_due(app)).digest == "baseline"  # first start: no digest right away
    await h.run(
        *SETUP,
        "@vera /knelpunt fase nr:1 fase:toetsen",
        "/peiling sluit nr:1",
        '/terugkoppeling knelpunt:1 tekst:"Besproken met de gemeente"',
        '/bijeenkomst nieuw titel:"Intervisie wachtlijsten" soort:intervisie '
        'start:"2026-11-12 15:00"',
    )
    clock.set(datetime(2026, 11, 9, 7, 59, tzinfo=UTC))
    assert (await run_due(app)).digest == "done"  # still last week's slot
    clock.set(datetime(2026, 11, 9, 8, 0, tzinfo=UTC))  # Monday 09:00 in Amsterdam
    assert (await run_due(app)).digest == "posted"
    assert (await run_due(app)).digest == "done"
    (post,) = [r for r in await rows(app, channel_key="news") if "deze week" in r.payload["title"]]
    text = post.payload["text"]
    assert "3 nieuwe signalen deze week" in text
    assert "• #1 Wachtlijst jeugdhulp: oogsten → toetsen" in text
    assert "Peiling #1 over #1 Wachtlijst jeugdhulp: 2 stemmen" in text
    assert "• #1 Wachtlijst jeugdhulp: terugkoppeling" in text
    assert "Intervisie wachtlijsten" in text

    clock.set(datetime(2026, 11, 16, 8, 0, tzinfo=UTC) + timedelta(hours=25))
    assert (await run_due(app)).digest == "skipped"  # more than a day late: the next covers it
    clock.set(datetime(2026, 11, 23, 8, 0, tzinfo=UTC))
    assert (await run_due(app)).digest == "empty"  # nothing moved: nothing posted
    assert (
        len([r for r in await rows(app, channel_key="news") if "deze week" in r.payload["title"]])
        == 1
    )
    async with app.sessions() as session:
        slots = (
            await session.scalars(
                select(JobRun.status).where(JobRun.job == "digest:weekly").order_by(JobRun.slot)
            )
        ).all()
    assert slots == ["baseline", "posted", "skipped", "empty"]


async def test_digest_slot_follows_dst(app, clock, community):
    community.digest.day_of_week = "sun"
    clock.set(datetime(2026, 3, 22, 12, 0, tzinfo=UTC))
    assert (await run_due(app)).digest == "baseline"
    await Harness(app).run('@vera:staf /knelpunt nieuw titel:"Iets"')
    clock.set(datetime(2026, 3, 29, 7, 0, tzinfo=UTC) - timedelta(minutes=1))
    assert (await run_due(app)).digest == "done"
    clock.set(datetime(2026, 3, 29, 7, 0, tzinfo=UTC))  # 09:00 CEST, the first summer Sunday
    assert (await run_due(app)).digest == "posted"


async def test_retention_erases_old_texts_and_keeps_counts(app, clock):
    h = Harness(app)
    await h.run(*SETUP)
    clock.advance(days=300)
    await h.run('@sanne /signaal tekst:"Een recent signaal"')  # signal 4
    clock.advance(days=66)  # signals 1-3 are now 366 days old; retention is 365
    report = await run_due(app)
    assert report.erased == 3
    async with app.sessions() as session:
        signals = (await session.scalars(select(Signal).order_by(Signal.id))).all()
    assert [s.text is None for s in signals] == [True, True, True, False]
    assert all(s.text_erased_at == clock.now() for s in signals[:3])
    assert all(s.bottleneck_id == 1 for s in signals[:3])
    assert (await run_due(app)).erased == 0
    out = await h.run("@sanne /mijn signalen")
    assert "(tekst na de bewaartermijn verwijderd)" in out and "Een recent signaal" in out
    assert "Ouders vinden de weg" not in out
    out = await h.run("@vera /knelpunt lijst")
    assert "#1 Wachtlijst jeugdhulp — oogsten · - · 3 signalen" in out  # counts stay
