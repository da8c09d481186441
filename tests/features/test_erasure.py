"""Erasure that leaves no trace (AVG art. 17): after `/mijn gegevens verwijder` (or staff's
`/privacy verwijder`) a search of every text and JSON column of every table finds none of
the member's words, ids or name — on SQLite and PostgreSQL — while poll results, RSVP
counts and the export's figures stay exactly the same."""

from __future__ import annotations

import json

from sqlalchemy import func, select

from bot.core.context import Actor
from bot.core.replies import Reply
from bot.features.dashboard import signin
from bot.features.events.queries import counts
from bot.features.reports.export import export
from bot.handlers.console.session import process
from bot.scheduling.due import run_due
from bot.storage.models import (
    AuditEntry,
    InboundEvent,
    Member,
    OutboxMessage,
    QueuedNews,
    Signal,
    Vote,
    WebLink,
    WebSession,
)
from bot.vocabulary.enums import RsvpAnswer
from tests.helpers import Harness, traces

HER_WORDS = (
    "Mijn dochter wacht al acht maanden op jeugdzorg",
    "Op school weet niemand wat een pgb is",
    "De gemeente reageert nooit op mijn mails",
    "Meer handen in de wijkteams van Zuid",
    "Regel een over de opvang",
    "Regel twee over het rooster van de bso",
)
HIS_WORDS = "Bij ons in Noord is het precies hetzelfde"

FLOW = (
    '@vera:staf /oproep open vraag:"Waar loop je tegenaan?"',
    "@sanne:lid /mijn instellingen domein:zorg",
    f"@sanne thread 1 {HER_WORDS[0]}",
    f"@sanne dm {HER_WORDS[1]}",
    f'@sanne /signaal tekst:"{HER_WORDS[2]}" anoniem:ja',
    f"@ahmed:lid thread 1 {HIS_WORDS}",
    "@vera /ordenen",  # the triage card quotes her to vera: a private copy
    "@vera klik relevant",
    '@vera /knelpunt nieuw titel:"Wachttijden jeugdzorg" signaal:1',
    "@vera /knelpunt koppel signaal:2 knelpunt:1",
    "@vera /peiling start knelpunt:1",
    '@sanne klik "Herken ik"',
    f'@sanne klik "Wat is er nodig?" nodig:"{HER_WORDS[3]}"',
    "@ahmed klik Deels",
    "@vera /peiling uitslag nr:1",  # staff see "wat is er nodig": another copy
    '@vera /bijeenkomst nieuw titel:"Webinar" soort:webinar start:"2026-12-20 14:00"',
    "@sanne klik event:1:rsvp:yes",
    "@ahmed klik event:1:rsvp:maybe",
    "@sanne /mijn gegevens export",  # her own export: a copy addressed to her
    "@vera /knelpunt fase nr:1 fase:toetsen",  # close the loop: a DM and a notice
)


async def multi_line_dm(app, h: Harness) -> None:
    """A DM of two lines (the console reads one line per action): stored and processed
    through the inbox as every platform does."""
    payload = {"user": "sanne", "role": "lid", "text": f"{HER_WORDS[4]}\n{HER_WORDS[5]}",
               "call": None}
    await process(app, await app.inbox.persist("console", "console-two-lines", "dm", payload))
    await h.delivered()


async def figures(app, h: Harness) -> tuple[str, dict, list]:
    """The poll result (recognition, urgency, per domain, verdict), RSVP counts and the
    export's figures. Not the "N people wrote what is needed" line: those are her words."""
    result = (await h.run("@ahmed /peiling uitslag nr:1")).split("\n    \n    1 persoon")[0]
    async with app.sessions() as s:
        rsvps = await counts(s, 1)
    (file,) = await export(app.sessions, app.community, "json", app.clock.now())
    return result, dict(rsvps), json.loads(file.data)["knelpunten"]


async def her_refs(app) -> set[str]:
    """Her message refs (inbound keys, signal message ids) and her platform id."""
    async with app.sessions() as s:
        sanne = await s.scalar(select(Member).where(Member.platform_user_id == "sanne"))
        keys = (await s.scalars(select(Signal.platform_message_id)
                                .where(Signal.member_id == sanne.id))).all()
    return {k for k in keys if k} | {"sanne"}


async def test_erasure_leaves_no_trace_and_counts_stay(any_app):
    app = any_app
    h = Harness(app)
    await h.run(*FLOW)
    await multi_line_dm(app, h)
    await h.run("@vera /ordenen")  # the card of the two-line DM (signal 4): lines quoted
    before = await figures(app, h)
    refs = await her_refs(app)
    assert len(refs) >= 4 and await traces(app, *HER_WORDS)  # the test can see her

    out = await h.run("@sanne /mijn gegevens verwijder")
    assert "Weet je het zeker?" in out
    out = await h.run('@sanne klik "Ja, wis mijn gegevens"')
    assert "Je gegevens zijn gewist" in out

    assert await traces(app, *HER_WORDS, *refs) == []
    assert await figures(app, h) == before  # poll result, RSVP counts, export figures
    assert await traces(app, HIS_WORDS, "ahmed")  # nobody else was touched
    async with app.sessions() as s:
        (tombstone,) = (await s.scalars(select(Member).where(Member.erased_at.is_not(None)))
                        ).all()
        assert (tombstone.platform_user_id, tombstone.display_name) == (None, "")
        assert tombstone.domain.value == "zorg"  # results per domain stay the same
        votes = (await s.scalars(select(Vote).where(Vote.member_id == tombstone.id))).all()
        assert [(v.recognition.value, v.needed) for v in votes] == [("ja", None)]
        signals = (await s.scalars(select(Signal).order_by(Signal.id))).all()
        assert [x.text is None for x in signals] == [True, True, True, False, True]
        assert [x.bottleneck_id for x in signals][:2] == [1, 1]  # still counted where linked
        entry = await s.scalar(select(AuditEntry).where(AuditEntry.action == "gegevens gewist"))
        assert entry.detail == f"lid #{tombstone.id}"


async def test_her_next_message_starts_a_fresh_member(any_app):
    app = any_app
    h = Harness(app)
    await h.run(*FLOW[:3], "@sanne /mijn gegevens verwijder", '@sanne klik "Ja, wis mijn gegevens"')
    out = await h.run("@sanne thread 1 Ik ben er weer")
    assert "Zo gaat" in out  # a fresh member gets the privacy notice again
    assert "Mijn instellingen" not in out
    async with app.sessions() as s:
        members = (await s.scalars(select(Member).where(Member.platform == "console")
                                   .order_by(Member.id))).all()
        names = [(m.platform_user_id, m.display_name, m.domain) for m in members]
        assert names == [("vera", "vera", None), (None, "", names[1][2]),
                         ("sanne", "sanne", None)]
        assert await s.scalar(select(func.count()).where(Signal.member_id == members[2].id)) == 1


async def test_the_confirmation_keeps_no_id_of_hers_once_delivered(any_app):
    app = any_app
    h = Harness(app)
    await h.run(*FLOW[:3], "@sanne /mijn gegevens verwijder", '@sanne klik "Ja, wis mijn gegevens"')
    async with app.sessions() as s:
        (confirmation,) = [r for r in (await s.scalars(select(OutboxMessage))).all()
                           if "Je gegevens zijn gewist" in r.payload.get("text", "")]
    assert confirmation.status == "sent"
    assert (confirmation.member_id, confirmation.reply_ref) == (None, None)
    assert "gewist" in confirmation.payload["text"]


async def test_pending_messages_to_her_and_her_unprocessed_messages_go_too(any_app):
    app = any_app
    h = Harness(app)
    await h.run(*FLOW[:3])
    # a message of hers stored but never processed (a crash), and a DM not yet sent
    payload = {"user": "sanne", "role": "lid", "text": "Nog niet verwerkt bericht", "call": None}
    await app.inbox.persist("console", "console-left-behind", "dm", payload)
    async with app.core.unit(Actor("console", "sanne", "sanne")) as tx:
        tx.dm(tx.member, Reply(text=f"Nog niet verstuurd: {HER_WORDS[0]}"))
    await h.run("@sanne /mijn gegevens verwijder", '@sanne klik "Ja, wis mijn gegevens"')
    assert await traces(app, "Nog niet verwerkt", HER_WORDS[0], "sanne") == []
    async with app.sessions() as s:
        assert await s.scalar(select(func.count()).select_from(InboundEvent)
                              .where(InboundEvent.processed_at.is_(None))) == 0


async def test_staff_erase_a_member_who_left(any_app):
    app = any_app
    h = Harness(app)
    await h.run(*FLOW)
    before = await figures(app, h)
    refs = await her_refs(app)
    out = await h.run("@vera /privacy verwijder lid:@sanne")
    assert "Alle gegevens van @sanne" in out and "3 signalen, 1 stem en 1 aanmelding" in out
    out = await h.run('@vera klik "Ja, wis dit lid"')
    assert "is gewist" in out
    assert await traces(app, *HER_WORDS, *refs) == []
    assert await figures(app, h) == before
    async with app.sessions() as s:
        audit = [(e.action, e.detail, e.outcome) for e in
                 (await s.scalars(select(AuditEntry).order_by(AuditEntry.id))).all()
                 if "privacy" in e.action or "erasure" in e.action or "gewist" in e.action]
    assert audit == [("privacy verwijder", "lid:…", "ok"),
                     ("knop erasure", "erasure:2:confirm", "ok"),
                     ("gegevens gewist", "lid #2", "ok")]


async def test_staff_erasure_refusals(app):
    h = Harness(app)
    await h.run(*FLOW[:3])
    assert "Geen lid gevonden met @niemand" in await h.run("@vera /privacy verwijder lid:@niemand")
    assert "/mijn gegevens verwijder" in await h.run("@vera /privacy verwijder lid:vera")
    assert "Alleen de staf kan" in await h.run("@sanne /privacy verwijder lid:vera")
    await app.core.press(Actor("console", "sanne", "sanne", reply_ref="console:sanne"),
                         "erasure:1:confirm")
    assert "Dit kan alleen de staf doen" in await h.delivered()
    # two members with one name (on Slack and Discord): pick by number
    for actor in (Actor("slack", "U0LOTTE", "Lotte"), Actor("discord", "1234", "lotte")):
        async with app.core.unit(actor):
            pass
    out = await h.run("@vera /privacy verwijder lid:Lotte")
    assert "Meer leden passen: #3 (slack), #4 (discord)" in out
    assert "lid #3, slack" in await h.run("@vera /privacy verwijder lid:#3")
    assert "lid #4, discord" in await h.run("@vera /privacy verwijder lid:<@!1234>")
    assert "lid #3, slack" in await h.run('@vera /privacy verwijder lid:"<@U0LOTTE|lotte>"')
    assert "lid #2, console" in await h.run("@vera /privacy verwijder lid:@sanne")
    await h.run('@vera klik "Ja, wis dit lid"')
    assert "al gewist" in await h.run("@vera /privacy verwijder lid:#2")
    async with app.sessions() as s:
        refused = (await s.scalars(select(AuditEntry.action)
                                   .where(AuditEntry.outcome == "geweigerd"))).all()
    assert refused == ["privacy verwijder", "knop erasure"]


async def test_an_erased_member_is_sent_nothing_her_rsvp_and_votes_still_count(any_app):
    """Her RSVP stays as a count, but the tombstone is no one to remind: event changes,
    reminders and stage news reach the others only (one check, in ``Tx.fan_out``)."""
    app = any_app
    h = Harness(app)
    await h.run(*FLOW)
    async with app.sessions() as s:
        sanne = await s.scalar(select(Member).where(Member.platform_user_id == "sanne"))
        assert await s.scalar(select(func.count()).where(QueuedNews.member_id == sanne.id))
    await h.run("@sanne /mijn gegevens verwijder", '@sanne klik "Ja, wis mijn gegevens"')
    after = await h.last_id()
    out = await h.run('@vera /bijeenkomst annuleer nr:1 reden:"De zaal is dicht"')
    assert "1 persoon die reageerde kreeg bericht" in out  # ahmed; not the tombstone
    await h.run("@vera /knelpunt fase nr:1 fase:verdiepen")
    h.app.clock.advance(days=2)
    await run_due(app)
    await h.delivered()
    assert "ahmed" in await h.dms_to(after=after)
    async with app.sessions() as s:
        to_her = await s.scalar(select(func.count()).where(
            OutboxMessage.member_id == sanne.id, OutboxMessage.id > after))
        queued = await s.scalar(select(func.count()).where(QueuedNews.member_id == sanne.id))
    assert (to_her, queued) == (0, 0)
    async with app.sessions() as s:
        rsvps = await counts(s, 1)
    assert rsvps[RsvpAnswer.YES] == 1  # her RSVP still counts


async def test_a_staff_member_who_left_loses_her_dashboard_links_and_sessions(any_app):
    app = any_app
    h = Harness(app)
    await h.run("@vera:staf /ordenen", "@pim:staf /ordenen")
    key, config = b"k" * 32, app.community.dashboard
    async with app.sessions() as s, s.begin():
        pim = await s.scalar(select(Member).where(Member.platform_user_id == "pim"))
        url = await signin.new_link(s, pim, app.clock.now(), key, config)
        await signin.new_link(s, pim, app.clock.now(), key, config)  # a second, unused
    async with app.sessions() as s, s.begin():
        redeemed = await signin.redeem(s, url.rsplit("/", 1)[1], app.clock.now(), key, config)
    assert redeemed.cookie
    await h.run("@vera /privacy verwijder lid:@pim", '@vera klik "Ja, wis dit lid"')
    async with app.sessions() as s:
        left = [await s.scalar(select(func.count()).where(model.member_id == pim.id))
                for model in (WebLink, WebSession, QueuedNews)]
        assert left == [0, 0, 0]
        assert await signin.signed_in(s, redeemed.cookie, app.clock.now(), config) is None
    assert await traces(app, "pim") == []
