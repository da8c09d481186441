"""Neutral replies as Discord message bodies (REST JSON): an embed when the reply has a
title, plain content otherwise; long texts split cleanly over several messages with the
buttons on the last one; mentions never ping (``allowed_mentions`` parses nothing)."""

from __future__ import annotations

import logging
import re
from typing import Any

from bot.core.replies import Reply, Style

log = logging.getLogger(__name__)

MAX_CONTENT = 2000
MAX_EMBED_DESCRIPTION = 4096
MAX_EMBED_TITLE = 256
MAX_ROWS = 5
MAX_BUTTONS = 5
MAX_CUSTOM_ID = 100
MAX_BUTTON_LABEL = 80
MAX_SELECT_OPTIONS = 25
EMBED_COLOUR = 0x2E7D6B
NO_MENTIONS: dict[str, Any] = {"parse": []}

BUTTON_STYLES = {Style.PRIMARY: 1, Style.SECONDARY: 2, Style.SUCCESS: 3, Style.DANGER: 4}

EMOJI = {"white_check_mark": "✅", "eyes": "👀", "thumbsup": "👍"}


# Markdown the bot's own texts never use, so any of it comes from what a member wrote:
# masked links ([Klik hier](https://…) shows only "Klik hier"), spoilers, strike-through,
# underline, and headings or subtext at the start of a line. Escaped, it shows as typed.
MASKED_LINK = re.compile(r"\[([^\[\]\n]*)\]\(\s*<?([a-z][a-z0-9+.-]*:[^)\s]*)>?\s*\)", re.I)
INLINE = re.compile(r"(\|\||~~|__)")
LINE_START = re.compile(r"^(\s*)(#{1,3}\s|-#\s)", re.M)


def escape(text: str) -> str:
    """Member text as plain text: no masked links, spoilers, headings and the like."""
    text = MASKED_LINK.sub(lambda m: f"\\[{m.group(1)}\\]({m.group(2)})", text)
    text = INLINE.sub(lambda m: "".join("\\" + ch for ch in m.group(1)), text)
    return LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2), text)


def split_text(text: str, limit: int) -> list[str]:
    """Pieces of at most ``limit`` characters, cut at a paragraph, line or word break
    where possible (never inside a word unless a word is longer than the limit)."""
    pieces: list[str] = []
    rest = text.strip()
    while len(rest) > limit:
        window = rest[: limit + 1]  # a break right after the limit still fits
        cut = _break(window, limit)
        pieces.append(rest[:cut].rstrip())
        rest = rest[cut:].lstrip()
    if rest or not pieces:
        pieces.append(rest)
    return pieces


def _break(window: str, limit: int) -> int:
    """Where to cut: the last paragraph, line or word break in the second half of the
    window; else any break; else hard at the limit."""
    for separator in ("\n\n", "\n", " "):
        found = window.rfind(separator, 0, limit + 1)
        if found >= limit // 2:
            return found
    found = max(window.rfind("\n", 0, limit + 1), window.rfind(" ", 0, limit + 1))
    return found if found > 0 else limit


def message_bodies(reply: Reply) -> list[dict[str, Any]]:
    text = escape(reply.text)
    if reply.title:
        chunks = split_text(text, MAX_EMBED_DESCRIPTION)
        bodies: list[dict[str, Any]] = []
        for i, chunk in enumerate(chunks):
            embed: dict[str, Any] = {"description": chunk or "\u200b", "color": EMBED_COLOUR}
            if i == 0:
                embed["title"] = _cut(reply.title, MAX_EMBED_TITLE)
            bodies.append({"embeds": [embed]})
    else:
        bodies = [{"content": chunk or "\u200b"} for chunk in split_text(text, MAX_CONTENT)]
    for body in bodies:
        body["allowed_mentions"] = NO_MENTIONS
    rows = components(reply)
    if rows:
        bodies[-1]["components"] = rows
    return bodies


def components(reply: Reply) -> list[dict[str, Any]]:
    """Action rows: the reply's button rows (five per row, at most five rows, one of them
    kept for the select when there is one). Ids longer than Discord allows are dropped."""
    room = MAX_ROWS - (1 if reply.select else 0)
    rows: list[dict[str, Any]] = []
    for row in reply.rows:
        buttons = [_button(c.id, c.label, c.style) for c in row if _fits(c.id)]
        for start in range(0, len(buttons), MAX_BUTTONS):
            rows.append({"type": 1, "components": buttons[start : start + MAX_BUTTONS]})
    if len(rows) > room:
        log.warning("reply has %d button rows; Discord shows %d", len(rows), room)
        rows = rows[:room]
    if reply.select and _fits(reply.select.id):
        rows.append({"type": 1, "components": [_select(reply)]})
    return rows


def _button(custom_id: str, label: str, style: Style) -> dict[str, Any]:
    return {
        "type": 2,
        "style": BUTTON_STYLES.get(style, 2),
        "label": _cut(label, MAX_BUTTON_LABEL),
        "custom_id": custom_id,
    }


def _select(reply: Reply) -> dict[str, Any]:
    assert reply.select is not None
    options = [
        {"label": _cut(o.label, 100), "value": o.value[:100]}
        for o in reply.select.options[:MAX_SELECT_OPTIONS]
    ]
    return {
        "type": 3,
        "custom_id": reply.select.id,
        "placeholder": _cut(reply.select.placeholder, 150),
        "options": options,
        "min_values": 1,
        "max_values": 1,
    }


def thread_name(reply: Reply) -> str:
    lines = reply.text.strip().splitlines()
    return _cut(reply.title or (lines[0] if lines else "") or "Oproep", 100)


def emoji(name: str) -> str:
    return EMOJI.get(name, name)


def _fits(custom_id: str) -> bool:
    if len(custom_id) > MAX_CUSTOM_ID:
        log.warning("custom_id longer than %d characters dropped: %.40s…", MAX_CUSTOM_ID, custom_id)
        return False
    return True


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
