"""Buttons, selects and modals. Every component carries the core's stable id as its
``custom_id``; one dynamic item matches them all, so buttons keep working after a
restart without any state in memory. A button that opens a form finds the form in the
outbox row of the message it sits on (the database is the only copy)."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any, Protocol, cast

import discord
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.core.replies import Form, Reply
from bot.outbox.refs import sent_payload

PLATFORM = "discord"
MODAL_TIMEOUT = 15 * 60
RECORDING_WAITS = 5
RECORDING_WAIT = 0.2  # seconds (I/O wait for the drainer's commit; within Discord's 3 s)

# (interaction, custom_id) -> None; set by the client on its class at start-up.
OnAction = Callable[[discord.Interaction, str], Awaitable[None]]


class _Handles(Protocol):
    """The client (``SignaalClient``) answers every component press."""

    on_action: OnAction


class Action(discord.ui.DynamicItem[discord.ui.Item[Any]], template=r"[a-z][a-z_]*:.+"):
    """Any button or select whose id looks like ``feature:...`` (``poll:12:urgency:high``)."""

    def __init__(self, item: discord.ui.Item[Any]) -> None:
        super().__init__(item)

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: Any, /
    ) -> Action:
        return cls(item)

    async def callback(self, interaction: discord.Interaction) -> None:
        handler: OnAction = cast(_Handles, interaction.client).on_action
        await handler(interaction, self.custom_id)


def picked(interaction: discord.Interaction, custom_id: str) -> str:
    """The core's action id: a select's option id is ``f"{select.id}:{value}"``."""
    data = cast(dict[str, Any], interaction.data or {})
    values = data.get("values") or []
    if data.get("component_type") == discord.ComponentType.select.value and values:
        return f"{custom_id}:{values[0]}"
    return custom_id


async def stored_reply(sessions: async_sessionmaker[AsyncSession], message_id: int) -> Reply | None:
    """The reply the bot sent as this message (the latest one, if it was edited)."""
    payload = await sent_payload(sessions, PLATFORM, str(message_id))
    return Reply.from_dict(payload) if payload is not None else None


async def find_form(
    sessions: async_sessionmaker[AsyncSession], message: discord.Message | None, choice_id: str
) -> Form | None:
    """The form behind a button, from the stored reply of the message it is on. A click
    can beat the outbox recording a brand-new message, so that case waits briefly."""
    if message is None:
        return None
    reply = await stored_reply(sessions, message.id)
    if reply is None and _new(message):
        for _ in range(RECORDING_WAITS):
            await asyncio.sleep(RECORDING_WAIT)
            if (reply := await stored_reply(sessions, message.id)) is not None:
                break
    if reply is None:
        return None
    return next((c.form for c in reply.choices() if c.id == choice_id and c.form), None)


def _new(message: discord.Message) -> bool:
    return (discord.utils.utcnow() - message.created_at).total_seconds() < 30


def form_modal(form: Form) -> discord.ui.Modal:
    """A modal whose submit is handled by the client's ``on_interaction`` (also after a
    restart), so the modal itself does nothing."""
    modal = discord.ui.Modal(title=_cut(form.title, 45), custom_id=form.id, timeout=MODAL_TIMEOUT)
    for field in form.fields[:5]:
        modal.add_item(
            discord.ui.TextInput(
                label=_cut(field.label, 45),
                custom_id=field.id,
                style=discord.TextStyle.paragraph if field.multiline else discord.TextStyle.short,
                required=field.required,
                max_length=min(field.max_length, 4000),
                default=field.value[:4000] or None,
            )
        )
    return modal


def submitted(data: dict[str, Any]) -> dict[str, str]:
    """Field id -> value from a modal submit (action rows or labelled components)."""
    values: dict[str, str] = {}

    def walk(components: list[dict[str, Any]]) -> None:
        for component in components:
            if "components" in component:
                walk(component["components"])
            elif "component" in component:
                walk([component["component"]])
            elif "custom_id" in component and "value" in component:
                values[component["custom_id"]] = str(component["value"])

    walk(data.get("components") or [])
    return values


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
