"""Neutral replies as Slack Block Kit: sections, buttons, a select and modals.

User text is escaped (``&``, ``<``, ``>``) so nobody can inject ``<!channel>``; long
texts are split within Slack's limits (3,000 chars per section, 50 blocks per message)."""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass
from typing import Any

from bot.core.replies import Choice, Form, FormField, Reply, Select, Style

SECTION_MAX = 3000
BLOCKS_MAX = 50
HEADER_MAX = 150
BUTTON_TEXT_MAX = 75
BUTTONS_PER_BLOCK = 25
OPTIONS_MAX = 100
VALUE_MAX = 2000
ACTION_ID_MAX = 255
FALLBACK_MAX = 3000
MODAL_TITLE_MAX = 24
METADATA_MAX = 3000
FORM_CALLBACK = "signaalbot_form"

_BOLD = re.compile(r"\*\*(.+?)\*\*", re.DOTALL)
_STYLES = {Style.PRIMARY: "primary", Style.SUCCESS: "primary", Style.DANGER: "danger"}


def escape(text: str) -> str:
    """Slack's three control characters; everything else is shown as typed."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def unescape(text: str) -> str:
    """Slack sends user text escaped; store what the member actually typed."""
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def mrkdwn(text: str) -> str:
    """The core's markdown subset (``**bold**``, backticks) as Slack mrkdwn, escaped."""
    return _BOLD.sub(r"*\1*", escape(text))


def plain(text: str, limit: int) -> dict[str, Any]:
    return {"type": "plain_text", "text": _cut(text or " ", limit), "emoji": True}


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def split_text(text: str, limit: int = SECTION_MAX) -> list[str]:
    """Chunks of at most ``limit`` characters, cut at line ends where possible."""
    chunks: list[str] = []
    current = ""
    for line in text.split("\n"):
        while len(line) > limit:  # one very long line: cut hard
            if current:
                chunks.append(current)
                current = ""
            chunks.append(line[:limit])
            line = line[limit:]
        candidate = f"{current}\n{line}" if current else line
        if len(candidate) > limit:
            chunks.append(current)
            current = line
        else:
            current = candidate
    if current.strip():
        chunks.append(current)
    return chunks or [" "]


@dataclass(frozen=True)
class Message:
    """One Slack message: notification text plus blocks."""

    text: str
    blocks: list[dict[str, Any]]


def render(reply: Reply) -> list[Message]:
    """A reply as one or more messages (more only when it exceeds 50 blocks)."""
    blocks: list[dict[str, Any]] = []
    if reply.title:
        blocks.append({"type": "header", "text": plain(reply.title, HEADER_MAX)})
    blocks += sections(reply.text)
    blocks += actions(reply)
    fallback = _cut(escape(f"{reply.title}\n{reply.text}".strip()), FALLBACK_MAX) or " "
    chunks = [blocks[i : i + BLOCKS_MAX] for i in range(0, len(blocks), BLOCKS_MAX)] or [[]]
    return [Message(fallback if i == 0 else "…", chunk) for i, chunk in enumerate(chunks)]


def sections(text: str) -> list[dict[str, Any]]:
    escaped = mrkdwn(text)
    return [
        {"type": "section", "text": {"type": "mrkdwn", "text": chunk}}
        for chunk in split_text(escaped)
        if chunk.strip()
    ]


def actions(reply: Reply) -> list[dict[str, Any]]:
    seen: set[str] = set()
    blocks = []
    for row in reply.rows:
        buttons = [_button(choice, seen) for choice in row]
        for i in range(0, len(buttons), BUTTONS_PER_BLOCK):
            blocks.append({"type": "actions", "elements": buttons[i : i + BUTTONS_PER_BLOCK]})
    if reply.select and reply.select.options:
        blocks.append({"type": "actions", "elements": [_select(reply.select, seen)]})
    return blocks


def _unique(action_id: str, seen: set[str]) -> str:
    """Slack refuses a message with the same action_id twice; our id also rides in
    ``value`` (buttons) or is restored by stripping the ``#n`` suffix (selects)."""
    base = action_id[: ACTION_ID_MAX - 4]
    candidate, n = base, 1
    while candidate in seen:
        n += 1
        candidate = f"{base}#{n}"
    seen.add(candidate)
    return candidate


def _button(choice: Choice, seen: set[str]) -> dict[str, Any]:
    button: dict[str, Any] = {
        "type": "button",
        "text": plain(choice.label, BUTTON_TEXT_MAX),
        "action_id": _unique(choice.id, seen),
        "value": form_value(choice.form) if choice.form else choice.id,
    }
    if choice.style in _STYLES:
        button["style"] = _STYLES[choice.style]
    return button


def _select(select: Select, seen: set[str]) -> dict[str, Any]:
    return {
        "type": "static_select",
        "action_id": _unique(select.id, seen),
        "placeholder": plain(select.placeholder, 150),
        "options": [
            {"text": plain(o.label, 75), "value": o.value[:150]}
            for o in select.options[:OPTIONS_MAX]
        ],
    }


def action_id_of(action: dict[str, Any]) -> str | None:
    """Our stable id from a pressed button or picked option; None for a form button."""
    if action.get("type") == "static_select":
        base = action["action_id"].split("#", 1)[0]
        return f"{base}:{action['selected_option']['value']}"
    value = action.get("value") or action.get("action_id", "").split("#", 1)[0]
    return None if value.startswith("{") else value


# -- forms (modals) -------------------------------------------------------------------------


def form_value(form: Form) -> str:
    """The whole form travels in the button's value, so it opens after a restart too.
    Prefilled values are shortened until it fits Slack's 2,000 characters."""
    data = asdict(form)
    text = _dump(data)
    for limit in (500, 100, 0):
        if len(text) <= VALUE_MAX:
            return text
        for field in data["fields"]:
            field["value"] = field["value"][:limit]
            field["label"] = field["label"][:200]
        text = _dump(data)
    return text[:VALUE_MAX]  # cannot happen with the core's forms; opens nothing then


def _dump(data: dict[str, Any]) -> str:
    return json.dumps({"form": data}, ensure_ascii=False, separators=(",", ":"))


def form_of(action: dict[str, Any]) -> Form | None:
    value = action.get("value") or ""
    if not value.startswith("{"):
        return None
    try:
        data = json.loads(value)["form"]
        return Form(data["id"], data["title"], tuple(FormField(**f) for f in data["fields"]))
    except (ValueError, KeyError, TypeError):
        return None


def modal(form: Form, metadata: dict[str, Any], submit: str, close: str) -> dict[str, Any]:
    blocks = []
    for field in form.fields:
        element: dict[str, Any] = {
            "type": "plain_text_input",
            "action_id": field.id,
            "multiline": field.multiline,
            "max_length": min(field.max_length, 3000),
        }
        if field.value:
            element["initial_value"] = field.value[: element["max_length"]]
        blocks.append(
            {
                "type": "input",
                "block_id": field.id,
                "optional": not field.required,
                "label": plain(field.label, 2000),
                "element": element,
            }
        )
    return {
        "type": "modal",
        "callback_id": FORM_CALLBACK,
        "private_metadata": json.dumps(metadata, separators=(",", ":"))[:METADATA_MAX],
        "title": plain(form.title, MODAL_TITLE_MAX),
        "submit": plain(submit, 24),
        "close": plain(close, 24),
        "blocks": blocks,
    }


def form_values(view: dict[str, Any]) -> dict[str, str]:
    """The submitted fields: ``{field id: text}``."""
    values: dict[str, str] = {}
    for block_id, inputs in view.get("state", {}).get("values", {}).items():
        for state in inputs.values():
            values[block_id] = state.get("value") or ""
    return values
