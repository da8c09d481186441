"""/dashboard: a one-time sign-in link to the staff dashboard, by DM."""

from __future__ import annotations

from typing import Any

from bot.core.commands import STAFF, Command
from bot.core.context import Tx
from bot.core.errors import InvalidInput
from bot.core.replies import Reply
from bot.features.dashboard import signin


async def cmd_dashboard(tx: Tx, args: dict[str, Any]) -> None:
    if tx.web_key is None:
        raise InvalidInput("dashboard-off")
    config = tx.community.dashboard
    url = await signin.new_link(tx.session, tx.member, tx.now, tx.web_key, config)
    tx.dm(
        tx.member,
        Reply(
            title=tx.t("dashboard-link-title"),
            text=tx.t("dashboard-link", url=url, minutes=config.link_minutes),
        ),
    )
    if tx.actor.reply_ref:  # typed in a channel: say where the link went
        tx.answer(Reply(text=tx.t("dashboard-sent")))


COMMANDS = (Command("dashboard", None, cmd_dashboard, (), STAFF),)
