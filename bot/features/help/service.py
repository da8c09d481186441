"""/help, derived from the command table, in the member's language."""

from __future__ import annotations

from typing import Any

from bot.core.commands import Command
from bot.core.context import Tx
from bot.core.replies import Reply


async def cmd_help(tx: Tx, args: dict[str, Any]) -> None:
    asked = (args.get("commando") or "").lstrip("/").strip().lower()
    if asked:
        _one(tx, asked.split()[0])
        return
    visible = [c for c in tx.table.commands if c.allowed(tx.member.role)]
    lines = [f"`/{c.full_name}` — {c.help(tx.lang)}" for c in visible]
    lines += ["", tx.t("help-more")]
    tx.answer(Reply(title=tx.t("help-title"), text="\n".join(lines)))


def _one(tx: Tx, name: str) -> None:
    found = tx.table.group(name)
    if not found:
        tx.answer(Reply(text=tx.t("help-unknown", name=name)))
        return
    lines: list[str] = []
    for command in found:
        lines += _explain(tx, command)
    tx.answer(Reply(title=f"/{name}", text="\n".join(lines)))


def _explain(tx: Tx, command: Command) -> list[str]:
    lines = [f"`{command.usage(tx.lang)}`\n{command.help(tx.lang)}"]
    lines += [f"  • {a.name}: {command.arg_help(a, tx.lang)}" for a in command.args]
    if not command.allowed(tx.member.role):
        lines.append("  " + tx.t("help-staff-only"))
    return lines
