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


async def test_stage_news_is_one_bundle_per_member_per_day_and_feedback_goes_at_once(app, clock):
    h = Harness(app)
    await h.run(*SETUP, '@ahmed /signaal tekst:"En de opvang ook"',  # signal 4
                '@vera /knelpunt nieuw titel:"Tweede knelpunt" signaal:4')  # ahmed is in both
    out = await h.run('@vera /knelpunt fase nr:1 fase:toetsen toelichting:"We peilen"')
    assert "oogsten → toetsen. 3 betrokkenen krijgen dit in hun dagelijkse nieuwsbericht" in out
    await h.run("/knelpunt fase nr:1 fase:verdiepen", "/knelpunt fase nr:2 fase:toetsen",
                "/knelpunt fase nr:2 fase:verdiepen")
    assert await dm_names(app, "knelpunt") == []  # nothing yet: bundled
    clock.set(datetime(2026, 11, 2, 15, 59, tzinfo=UTC))
    assert (await run_due(app)).news_bundles == 0  # 16:59 in Amsterdam: not yet
    clock.set(datetime(2026, 11, 2, 16, 0, tzinfo=UTC))  # 17:00: the daily slot
    assert (await run_due(app)).news_bundles == 3
    assert (await run_due(app)).news_bundles == 0  # never twice
    assert sorted(await dm_names(app, "Nieuws over knelpunten")) == ["ahmed", "sanne"]  # Dutch
    assert await dm_names(app, "News about bottlenecks") == ["joke"]  # English
    # notifications off: no news, only the one-time privacy notice (an information duty)
    assert (await dm_names(app)).count("piet") == 1
    assert "piet" in await dm_names(app, "met je gegevens om")
    (ahmed,) = [r for r in await rows(app, target_kind="dm") if "Wachtlijst" in r.payload["text"]
                and "Tweede" in r.payload["text"]]
    text = ahmed.payload["text"]
    assert text.count('Knelpunt #1 "Wachtlijst jeugdhulp"') == 1  # each bottleneck once
    assert 'Knelpunt #1 "Wachtlijst jeugdhulp": oogsten → toetsen → verdiepen — waarom: We peilen' in text
    assert 'Knelpunt #2 "Tweede knelpunt": oogsten → toetsen → verdiepen' in text

    # A move the next morning waits for the next slot; feedback goes at once.
    clock.set(datetime(2026, 11, 3, 8, 0, tzinfo=UTC))
    await h.run("@vera /knelpunt fase nr:1 fase:delen")
    assert (await run_due(app)).news_bundles == 0
    await h.run('@vera /terugkoppeling knelpunt:1 tekst:"De gemeente opent een inloopspreekuur."')
    assert sorted(await dm_names(app, "inloopspreekuur")) == ["ahmed", "joke", "sanne"]
    clock.set(datetime(2026, 11, 3, 16, 0, tzinfo=UTC))
    assert (await run_due(app)).news_bundles == 3
    async with app.sessions() as session:
        notices = (await session.scalars(select(Notice).order_by(Notice.id))).all()
    assert sorted((n.kind, n.ref_id, n.member_id) for n in notices) == sorted(
        {(n.kind, n.ref_id, n.member_id) for n in notices}
    )  # one per update per person
    assert [n.kind for n in notices].count("feedback") == 3


async def test_news_every_few_days_and_a_change_of_mind_drops_waiting_news(app, clock, community):
    community.news.every_days = 2
    h = Harness(app)
    await h.run(*SETUP, '@vera /knelpunt fase nr:1 fase:toetsen')
    clock.set(datetime(2026, 11, 2, 16, 0, tzinfo=UTC))
    assert (await run_due(app)).news_bundles == 3
    assert await dm_names(app, "News about bottlenecks") == ["joke"]
    await h.run("@vera /knelpunt fase nr:1 fase:verdiepen", "@joke /mijn instellingen meldingen:terugkoppeling")
    after = await h.last_id()
    clock.set(datetime(2026, 11, 3, 16, 0, tzinfo=UTC))
    assert (await run_due(app)).news_bundles == 0  # one day later: too soon
    clock.set(datetime(2026, 11, 4, 16, 0, tzinfo=UTC))
    assert (await run_due(app)).news_bundles == 2  # joke only wants feedback now
    # (the first bundle's copy is emptied by now: private copies go after a day)
    assert sorted(await h.dms_to(after=after)) == ["ahmed", "sanne"]


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
    assert "3 van 3 betrokkenen" in await h.run("/knelpunt stil dagen:30")  # news not sent yet
    clock.advance(hours=7)  # 17:00 in Amsterdam: the daily news goes out
    await run_due(app)
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

    clock.set(datetime(2026, 11, 10, 12, 0, tzinfo=UTC))
    await h.run("@vera /knelpunt fase nr:1 fase:verdiepen")
    # the bot is down from before the 16th's slot until after the 23rd's: one late digest
    clock.set(datetime(2026, 11, 23, 8, 0, tzinfo=UTC) + timedelta(hours=30))
    assert (await run_due(app)).digest == "posted"
    late = [r for r in await rows(app, channel_key="news") if "deze week" in r.payload["title"]]
    assert len(late) == 2
    text = late[-1].payload["text"]
    assert "Een overzicht sinds 9 nov 2026" in text  # nothing of the missed week is lost
    assert "• #1 Wachtlijst jeugdhulp: toetsen → verdiepen" in text
    clock.set(datetime(2026, 11, 30, 8, 0, tzinfo=UTC))
    assert (await run_due(app)).digest == "empty"  # nothing moved: nothing posted
    async with app.sessions() as session:
        slots = (
            await session.scalars(
                select(JobRun.status).where(JobRun.job == "digest:weekly").order_by(JobRun.slot)
            )
        ).all()
    assert slots == ["baseline", "posted", "posted", "empty"]


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
