"""Retention covers every copy: signal texts and "wat is er nodig?" after the configured
days, private outbox rows a short configured time after delivery, processed inbound events
after the same short time — and a search of the whole database finds no expired text."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, select

from bot.features.reports.export import export
from bot.outbox.rows import BLANK
from bot.scheduling.due import run_due
from bot.storage.models import AuditEntry, InboundEvent, OutboxMessage, Signal, Vote
from tests.helpers import Harness, traces

WORDS = (
    "Mijn dochter wacht al acht maanden op jeugdzorg",
    "Op school weet niemand wat een pgb is",
    "Meer handen in de wijkteams van Zuid",
)
FLOW = (
    '@vera:staf /oproep open vraag:"Waar loop je tegenaan?"',
    f"@sanne:lid thread 1 {WORDS[0]}",
    "@sanne klik \"Citeren zonder naam\"",
    f"@ahmed:lid dm {WORDS[1]}",
    "@vera /ordenen",  # the card quotes sanne to vera
    '@vera /knelpunt nieuw titel:"Wachttijden" signaal:1',
    "@vera /knelpunt koppel signaal:2 knelpunt:1",
    "@vera /peiling start knelpunt:1",
    f'@sanne klik "Wat is er nodig?" nodig:"{WORDS[2]}"',
    "@vera /peiling uitslag nr:1",
    "@sanne /mijn gegevens export",
    "@sanne /mijn signalen",
)


async def test_after_the_retention_no_expired_text_is_left_anywhere(any_app, clock):
    app = any_app
    h = Harness(app)
    await h.run(*FLOW)
    assert len(await traces(app, *WORDS)) >= 5
    clock.advance(timedelta(days=app.community.retention.signal_text_days + 1))
    report = await run_due(app)
    assert report.erased == 2
    assert await traces(app, *WORDS) == []
    # the signals, the vote and the bottleneck's figures stay
    async with app.sessions() as s:
        assert await s.scalar(select(func.count()).select_from(Signal)) == 2
        assert await s.scalar(select(func.count()).select_from(Vote)) == 1
    (file,) = await export(app.sessions, app.community, "json", app.clock.now())
    assert '"signalen": 2' in file.data.decode("utf-8")
    assert "(tekst na de bewaartermijn verwijderd)" in await h.run("@sanne /mijn signalen")


async def test_private_copies_go_a_short_time_after_delivery(any_app, clock):
    app = any_app
    h = Harness(app)
    await h.run(*FLOW)
    async with app.sessions() as s:
        inbound = await s.scalar(select(func.count()).select_from(InboundEvent))
    assert inbound == 2  # the thread reply and the DM, processed
    hours = app.community.retention.delivered_hours
    clock.advance(timedelta(hours=hours - 1))
    await run_due(app)
    assert await traces(app, WORDS[0])  # a day's grace: still there just before
    clock.advance(timedelta(hours=2))
    await run_due(app)
    async with app.sessions() as s:
        rows = (await s.scalars(select(OutboxMessage).order_by(OutboxMessage.id))).all()
        assert await s.scalar(select(func.count()).select_from(InboundEvent)) == 0
    private = [r for r in rows if r.target_kind in ("dm", "ephemeral", "reaction")]
    public = [r for r in rows if r.target_kind in ("channel", "thread")]
    assert private and all(r.payload == BLANK and r.reply_ref is None for r in private)
    assert all(r.payload_erased_at == clock.now() for r in private)
    # public posts keep their payload (their buttons and forms still work) ...
    assert all(r.payload.get("text") and r.payload_erased_at is None for r in public)
    # ... and the signal texts themselves stay until their own retention
    found = {(table, column) for table, column, _ in await traces(app, *WORDS)}
    assert found == {("signals", "text"), ("votes", "needed")}


async def test_pending_private_messages_are_not_emptied(app, clock):
    """Only delivered (or failed) private messages are emptied, never one still waiting."""
    h = Harness(app)
    await h.run(*FLOW[:2])
    async with app.sessions() as s, s.begin():
        row = await s.scalar(select(OutboxMessage).where(OutboxMessage.target_kind == "dm"))
        row.status = "pending"
    clock.advance(timedelta(days=2))
    await run_due(app)
    async with app.sessions() as s:
        row = await s.get(OutboxMessage, row.id)
    assert row.payload != BLANK and row.payload_erased_at is None


async def test_the_audit_log_is_kept_for_its_own_period(app, clock):
    h = Harness(app)
    await h.run("@vera:staf /ordenen")
    clock.advance(timedelta(days=app.community.retention.audit_days - 1))
    await run_due(app)
    async with app.sessions() as s:
        assert await s.scalar(select(func.count()).select_from(AuditEntry)) == 1
    clock.advance(timedelta(days=2))
    await run_due(app)
    async with app.sessions() as s:
        assert await s.scalar(select(func.count()).select_from(AuditEntry)) == 0


# What each platform stores in the inbox (issue 9): messages, slash commands, button
# presses and forms, with texts, form values, reply URLs and interaction tokens.
INBOUND = {
    ("slack", "thread"): {"event": {"user": "USANNE", "text": WORDS[0], "ts": "1.1"}},
    ("slack", "command"): {"user_id": "USANNE", "text": f'tekst:"{WORDS[1]}"',
                           "response_url": "https://hooks.slack.invalid/commands/T1/SECRET1"},
    ("slack", "action"): {"user": {"id": "USANNE"}, "actions": [{"value": "poll:1v0:needed"}],
                          "response_url": "https://hooks.slack.invalid/actions/T1/SECRET2"},
    ("slack", "view"): {"user": {"id": "USANNE"}, "view": {"state": {"values": {
        "nodig": {"nodig": {"value": WORDS[2]}}}}}},
    ("discord", "dm"): {"author": "1234", "text": WORDS[0], "thread": None},
    ("discord", "command"): {"user": "1234", "options": {"tekst": WORDS[1]},
                             "ref": "app.SECRET3-interaction-token.0"},
    ("discord", "form"): {"user": "1234", "form": "poll:1v0:needed",
                          "values": {"nodig": WORDS[2]}, "ref": "app.SECRET4.1"},
    ("console", "dm"): {"user": "sanne", "role": "lid", "text": WORDS[1], "call": None},
}
SECRETS = ("SECRET1", "SECRET2", "SECRET3", "SECRET4", "USANNE", "1234")


async def _store_every_kind(app, tag: str, processed: bool) -> None:
    for n, ((platform, kind), payload) in enumerate(INBOUND.items()):
        row_id = await app.inbox.persist(platform, f"{tag}-{n}", kind, payload)
        if processed:
            await app.inbox.done(row_id)


async def test_every_inbound_kind_goes_after_its_time(any_app, clock):
    """Processed ones a short time after processing; unprocessed ones (a crash left them)
    after the texts' own retention — of every kind, on every platform."""
    app = any_app
    await _store_every_kind(app, "done", processed=True)
    clock.advance(timedelta(hours=1))
    await _store_every_kind(app, "left", processed=False)
    found = {n for _, _, n in await traces(app, *WORDS, *SECRETS)}
    assert found == {n.lower() for n in (*WORDS, *SECRETS)}
    clock.advance(timedelta(hours=app.community.retention.delivered_hours))
    await run_due(app)
    async with app.sessions() as s:
        kept = (await s.scalars(select(InboundEvent.event_key))).all()
    assert sorted(kept) == sorted(f"left-{n}" for n in range(len(INBOUND)))
    clock.advance(timedelta(days=app.community.retention.signal_text_days))
    await run_due(app)
    assert await traces(app, *WORDS, *SECRETS) == []
