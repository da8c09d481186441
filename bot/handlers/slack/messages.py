"""Which Slack message events are a member's message to take as a signal."""

from __future__ import annotations

from typing import Any

# Plain user messages only; a thread reply also sent to the channel is still a reply, and
# a file with a comment counts for its comment.
ACCEPTED_SUBTYPES = (None, "thread_broadcast", "file_share")


def message_kind(event: dict[str, Any]) -> str | None:
    """``"dm"``, ``"thread"`` or None (not a member's message we take as a signal)."""
    if event.get("type") != "message" or event.get("subtype") not in ACCEPTED_SUBTYPES:
        return None
    text = event.get("text")
    if event.get("bot_id") or not event.get("user"):
        return None
    if not isinstance(text, str) or not text.strip():
        return None
    if event.get("channel_type") == "im":
        return "dm"
    thread_ts = event.get("thread_ts")
    if thread_ts and thread_ts != event.get("ts"):
        return "thread"
    return None
