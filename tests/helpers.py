"""Test helpers: drive the console platform and read what the bot sent."""

from __future__ import annotations

import json

from sqlalchemy import JSON, String, Text, select

from bot.app import App
from bot.handlers.console.session import ConsoleSession
from bot.storage.models import Base, Member, OutboxMessage


class Harness:
    """Runs console lines against an app and keeps the printed output."""

    def __init__(self, app: App) -> None:
        self.app = app
        self.output: list[str] = []
        self.session = ConsoleSession(app, self.output.append)

    async def run(self, *lines: str) -> str:
        """Run lines; return what the bot printed for them."""
        start = len(self.output)
        for line in lines:
            await self.session.line(line)
        return "\n".join(self.output[start:])

    async def delivered(self) -> str:
        """Deliver what the core wrote outside ``run`` (direct core calls); return it."""
        start = len(self.output)
        await self.session.flush()
        return "\n".join(self.output[start:])

    async def outbox(self) -> list[OutboxMessage]:
        async with self.app.sessions() as session:
            return list((await session.scalars(select(OutboxMessage).order_by(OutboxMessage.id)))
                        .all())

    async def last_id(self) -> int:
        rows = await self.outbox()
        return rows[-1].id if rows else 0

    async def dms_to(self, after: int = 0) -> list[str]:
        """Names of members who received a DM (outbox id > ``after``), one entry per DM."""
        async with self.app.sessions() as session:
            rows = await session.execute(
                select(Member.platform_user_id).join(OutboxMessage,
                                                     OutboxMessage.member_id == Member.id)
                .where(OutboxMessage.target_kind == "dm", OutboxMessage.id > after)
                .order_by(OutboxMessage.id))
            return [r[0] for r in rows]


async def traces(app: App, *needles: str) -> list[tuple[str, str, str]]:
    """Every (table, column, needle) where a needle occurs (case-insensitive) in any text
    or JSON column of any table: the test of "leaves no trace"."""
    wanted = [n.lower() for n in needles if n]
    found = []
    async with app.sessions() as session:
        for table in Base.metadata.sorted_tables:
            columns = [c for c in table.columns if isinstance(c.type, String | Text | JSON)
                       or isinstance(getattr(c.type, "impl", None), String | Text | JSON)]
            for column in columns:
                for (value,) in await session.execute(select(column)):
                    shown = json.dumps(value, ensure_ascii=False) if not isinstance(value, str) \
                        else value
                    found += [(table.name, column.name, n) for n in wanted if n in shown.lower()]
    return sorted(set(found))
