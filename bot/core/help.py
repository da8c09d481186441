"""/help, derived from the command table, in the member's language."""

from __future__ import annotations

from typing import Any

from bot.core.context import Tx
from bot.core.replies import Reply


async def cmd_help(tx: Tx, args: dict[str, Any]) -> None:
    from bot.core import commands as table  # the table imports this module

    asked = (args.get("commando") or "").lstrip("/").strip().lower()
    visible = [c for c in table.COMMANDS if c.allowed(tx.member.role)]
    if asked:
        name = asked.split()[0]
        found = [c for c in table.COMMANDS if c.name == name]
        if not found:
            tx.answer(Reply(text=tx.t("help.unknown", name=name)))
            return
        lines = []
        for c in found:
            lines.append(f"`{c.usage()}`\n{c.help}")
            lines += [f"  • {a.name}: {a.help}" for a in c.args]
            if not c.allowed(tx.member.role):
                lines.append("  " + tx.t("help.staff_only"))
        tx.answer(Reply(title=f"/{name}", text="\n".join(lines)))
        return
    lines = [f"`/{c.full_name}` — {c.help}" for c in visible]
    lines += ["", tx.t("help.more")]
    tx.answer(Reply(title=tx.t("help.title"), text="\n".join(lines)))
