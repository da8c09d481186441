"""Neutral replies as terminal text, with where each message goes."""

from __future__ import annotations

from bot.core.replies import Reply
from bot.storage.models import Member, OutboxMessage

SUBJECT_NAMES = {"call": "oproep", "poll": "peiling", "event": "bijeenkomst"}


def where(row: OutboxMessage, recipient: Member | None, channels: dict[str, str]) -> str:
    if row.target_kind == "channel":
        return f"[#{channels.get(row.channel_key or '', row.channel_key)}]"
    if row.target_kind in ("thread", "edit"):
        kind, _, nr = (row.subject or "").partition(":")
        where = "thread" if row.target_kind == "thread" else "bijgewerkt:"
        return f"[{where} {SUBJECT_NAMES.get(kind, kind)} {nr}]"
    name = person(row, recipient) or "?"
    if row.target_kind == "dm":
        return f"[dm @{name}]"
    if row.target_kind == "reaction":
        return f"[reactie voor @{name}]"
    return f"[alleen voor @{name}]"


def person(row: OutboxMessage, recipient: Member | None) -> str | None:
    """Who a private message is for: the member, or (an answer after she erased herself)
    the console user in its reply ref."""
    if recipient is not None and recipient.platform_user_id:
        return recipient.platform_user_id
    ref = row.reply_ref or ""
    return ref.removeprefix("console:") if ref.startswith("console:") else None


def body(reply: Reply) -> str:
    lines = []
    if reply.title:
        lines.append(f"**{reply.title}**")
    lines.append(reply.text)
    for row in reply.rows:
        lines.append("  " + " ".join(f"[{c.label}]" for c in row))
    if reply.select:
        lines.append(
            f"  {reply.select.placeholder} "
            + " ".join(f"<{o.label}>" for o in reply.select.options)
        )
    return "\n".join(lines)


def render(
    row: OutboxMessage, reply: Reply, recipient: Member | None, channels: dict[str, str]
) -> str:
    head = where(row, recipient, channels)
    if row.target_kind == "reaction":
        return f"{head} ✅"
    text = body(reply)
    first, _, rest = text.partition("\n")
    indented = "\n".join("    " + line for line in rest.splitlines()) if rest else ""
    return f"{head} {first}" + (f"\n{indented}" if indented else "")
