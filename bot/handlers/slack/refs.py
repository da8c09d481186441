"""The opaque ``reply_ref`` the Slack handler gives the core: where an answer only this
member sees can go later (channel + user for chat.postEphemeral, or the response_url)."""

from __future__ import annotations

import json
from dataclasses import dataclass


@dataclass(frozen=True)
class SlackRef:
    user: str
    channel: str | None = None
    response_url: str | None = None
    thread_ts: str | None = None

    def dumps(self) -> str:
        data = {"u": self.user, "c": self.channel, "r": self.response_url, "t": self.thread_ts}
        return json.dumps({k: v for k, v in data.items() if v}, separators=(",", ":"))

    @classmethod
    def loads(cls, text: str | None) -> SlackRef | None:
        if not text:
            return None
        try:
            data = json.loads(text)
            return cls(data["u"], data.get("c"), data.get("r"), data.get("t"))
        except (ValueError, KeyError, TypeError):
            return None


def message_ref(channel: str, ts: str) -> str:
    """A Slack message's identity: the signal's message id and the reaction target."""
    return f"{channel}:{ts}"


def split_message_ref(ref: str) -> tuple[str, str] | None:
    channel, sep, ts = ref.partition(":")
    return (channel, ts) if sep and channel and ts else None
