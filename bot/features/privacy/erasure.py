"""Erasure that leaves no trace (AVG/GDPR article 17), for a member herself (``/mijn
gegevens verwijder``) and by staff for a member who left (``/privacy verwijder``).

The member row becomes a tombstone: no platform id, no name — only the domain stays, so
poll results per domain do not change. Her votes and RSVPs keep pointing at the tombstone
(anonymous counts: results unchanged); her signals keep their place in bottlenecks without
text or author. Every copy of her words and ids goes: stored inbound events of every kind
(her messages, slash commands, button presses and forms with their reply URLs and
interaction tokens; others' requests that name her), outbox rows addressed to her (also
delivered ones), copies in other people's private messages (a staff triage card quoting
her), post refs of messages to her, close-the-loop notices, queued news, and her dashboard
sign-in links and sessions."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from sqlalchemy import delete, select, tuple_, update

from bot.core.context import Tx
from bot.core.replies import Reply
from bot.outbox.rows import PENDING, PRIVATE_KINDS
from bot.storage.models import (
    InboundEvent,
    Member,
    Notice,
    OutboxMessage,
    PostRef,
    QueuedNews,
    Signal,
    Vote,
    WebLink,
    WebSession,
)
from bot.vocabulary.news import NewsPreference

ERASED = "[gewist]"
MIN_PRIVATE = 4  # a fragment of her words this long blanks a private copy
MIN_PUBLIC = 12  # ... and is cut out of a public post (shorter ones would hit common words)
PREFIX = 40  # shortened copies (lists, form fields) start with her text's first characters
BATCH = 500


@dataclass
class Traces:
    """What of hers can sit in copies: her words, her name and her platform ids."""

    words: set[str] = field(default_factory=set)
    names: set[str] = field(default_factory=set)
    ids: set[str] = field(default_factory=set)  # platform user id, her message refs

    @cached_property
    def _fragments(self) -> list[str]:
        """Her words as copies show them: whole, per line, and their first characters;
        longest first, so a whole text is cut before its parts."""
        found: set[str] = set()
        for text in self.words:
            found.add(_flat(text))
            found.update(_flat(line) for line in text.splitlines())
            found.add(_flat(text)[:PREFIX])
        return sorted((f for f in found if len(f) >= MIN_PRIVATE), key=len, reverse=True)

    @cached_property
    def _names_and_ids(self) -> re.Pattern[str]:
        return _words(self.names | self.ids)

    @cached_property
    def _ids(self) -> re.Pattern[str]:
        return _words(self.ids)

    def found_in(self, text: str) -> bool:
        flat = _flat(text)
        return any(f in flat for f in self._fragments) or bool(self._names_and_ids.search(text))

    def cut(self, text: str) -> str:
        """A public text with her words and ids replaced (her name is not cut: in public
        posts names only appear where staff typed them, and a short name is a common word)."""
        flat = _flat(text)
        hits = [f for f in self._fragments if len(f) >= MIN_PUBLIC and f in flat]
        if not hits and not self._ids.search(text):
            return text
        for fragment in hits:
            flat = flat.replace(fragment, ERASED)
        return self._ids.sub(ERASED, flat)


def _flat(text: str) -> str:
    return " ".join(text.split())


def _words(needles: set[str]) -> re.Pattern[str]:
    """Whole words only: her name "Jan" must not hit "januari"."""
    alternatives = "|".join(re.escape(n) for n in sorted(needles, key=len, reverse=True) if n)
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)" if alternatives else r"(?!x)x")


async def erase(tx: Tx, member: Member) -> None:
    """Erase everything of ``member``; the counts she contributed to stay the same."""
    traces = await _traces(tx, member)
    await _outbox(tx, member, traces)
    await _inbound(tx, member, traces)
    await tx.session.execute(
        update(Signal)
        .where(Signal.member_id == member.id)
        .values(
            text=None,
            text_erased_at=tx.now,
            member_id=None,
            on_behalf_of=None,
            platform_message_id=None,
        )
        .execution_options(synchronize_session="fetch")
    )
    await tx.session.execute(
        update(Vote)
        .where(Vote.member_id == member.id)
        .values(needed=None)
        .execution_options(synchronize_session="fetch")
    )
    for model in (Notice, QueuedNews, WebLink, WebSession):
        await tx.session.execute(delete(model).where(model.member_id == member.id))
    tx.audit("gegevens gewist", f"lid #{member.id}")
    _tombstone(tx, member)


def _tombstone(tx: Tx, member: Member) -> None:
    member.platform_user_id = None
    member.display_name = ""
    member.news = NewsPreference.OFF
    member.noticed_at = None
    member.created_at = tx.now
    member.erased_at = tx.now


async def _traces(tx: Tx, member: Member) -> Traces:
    s = tx.session
    signals = (await s.execute(
        select(Signal.text, Signal.platform_message_id).where(Signal.member_id == member.id)
    )).all()
    needed = (await s.scalars(
        select(Vote.needed).where(Vote.member_id == member.id, Vote.needed.is_not(None))
    )).all()
    traces = Traces(
        words={t for t, _ in signals if t} | {n for n in needed if n},
        names={member.display_name} if member.display_name else set(),
        ids={i for _, i in signals if i},
    )
    if member.platform_user_id:
        traces.ids.add(member.platform_user_id)
    return traces


# -- copies in the outbox ------------------------------------------------------------------


async def _outbox(tx: Tx, member: Member, traces: Traces) -> None:
    """Rows addressed to her go (sent or not); other rows holding her words or ids are
    emptied (private copies) or have her words cut out (public posts)."""
    await tx.write_outgoing()  # what this unit wrote to her goes too
    s = tx.session
    mine = (OutboxMessage.member_id == member.id) | OutboxMessage.reply_ref.in_(traces.ids)
    sent_to_her = (await s.execute(
        select(OutboxMessage.platform, OutboxMessage.platform_message_id).where(
            mine, OutboxMessage.platform_message_id.is_not(None)
        )
    )).all()
    if sent_to_her:
        await s.execute(
            delete(PostRef).where(
                tuple_(PostRef.platform, PostRef.message_id).in_([tuple(r) for r in sent_to_her])
            )
        )
    await s.execute(
        delete(OutboxMessage).where(mine).execution_options(synchronize_session=False)
    )
    async for row in _batches(tx, OutboxMessage, OutboxMessage.payload_erased_at.is_(None)):
        _scrub_outbox_row(tx, row, traces)


def _scrub_outbox_row(tx: Tx, row: OutboxMessage, traces: Traces) -> None:
    texts = [*_strings(row.payload), row.reply_ref or "", row.last_error or ""]
    if not any(traces.found_in(text) for text in texts):
        return
    if row.target_kind in PRIVATE_KINDS:
        if row.status == PENDING:  # not sent yet: nobody needs to see an emptied message
            row.status, row.last_error = "failed", "erased (AVG)"
        row.payload = Reply(text=ERASED).to_dict()
        row.reply_ref = None
        row.payload_erased_at = tx.now
        return
    row.payload = _map_strings(row.payload, traces.cut)
    row.last_error = traces.cut(row.last_error) if row.last_error else None


# -- stored inbound events ------------------------------------------------------------------


async def _inbound(tx: Tx, member: Member, traces: Traces) -> None:
    """Every inbound kind (messages, slash commands, button presses, forms): her messages'
    rows (matched by key) and anything she sent (her platform id as a value: the whole
    request, its texts, form values, reply URL and interaction token) go. Someone else's
    request that holds her words, name or ids is emptied once processed (only its key is
    still needed, against redelivery); one still waiting loses her words and ids."""
    s = tx.session
    if traces.ids:
        await s.execute(
            delete(InboundEvent).where(
                InboundEvent.platform == member.platform, InboundEvent.event_key.in_(traces.ids)
            )
        )
    theirs = member.platform_user_id
    async for row in _batches(tx, InboundEvent, InboundEvent.platform == member.platform):
        values = list(_strings(row.payload))
        if theirs is not None and theirs in values:
            await s.delete(row)
        elif not any(traces.found_in(v) for v in values):
            continue
        elif row.processed_at is not None:
            row.payload = {}
        else:
            row.payload = _map_strings(row.payload, traces.cut)


# -- helpers ----------------------------------------------------------------------------------


async def _batches(tx: Tx, model: Any, condition: Any) -> AsyncIterator[Any]:
    """Rows in id order, a batch at a time (the outbox can be large)."""
    last = 0
    while True:
        rows = (await tx.session.scalars(
            select(model).where(condition, model.id > last).order_by(model.id).limit(BATCH)
        )).all()
        if not rows:
            return
        for row in rows:
            yield row
        last = rows[-1].id


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _strings(item)


def _map_strings(value: Any, change: Any) -> Any:
    if isinstance(value, str):
        return change(value)
    if isinstance(value, dict):
        return {k: _map_strings(v, change) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_map_strings(v, change) for v in value]
    return value

