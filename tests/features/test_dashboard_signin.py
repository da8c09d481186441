"""Sign-in links and sessions in the database (SQLite and PostgreSQL): one link opens one
session even when two workers redeem it at the same moment; only hashes are stored."""

from __future__ import annotations

import asyncio

from sqlalchemy import select

from bot.features.dashboard import signin
from bot.storage.models import Member, WebLink, WebSession
from tests.helpers import Harness

KEY = b"a-key-for-the-tests-only"


async def test_a_link_opens_one_session_even_when_redeemed_twice_at_once(any_app):
    app = any_app
    await Harness(app).run("@vera:staf /help")
    config, now = app.community.dashboard, app.clock.now()
    async with app.sessions() as session, session.begin():
        vera = await session.scalar(select(Member).where(Member.platform_user_id == "vera"))
        url = await signin.new_link(session, vera, now, KEY, config)
    raw = url.rpartition("/")[2]

    async def redeem() -> signin.Redeemed:
        async with app.sessions() as session, session.begin():
            return await signin.redeem(session, raw, now, KEY, config)

    results = await asyncio.gather(redeem(), redeem(), redeem())
    cookies = [r.cookie for r in results if r.cookie]
    assert len(cookies) == 1
    assert sorted(r.problem.value for r in results if r.problem) == ["used", "used"]
    async with app.sessions() as session, session.begin():
        signed = await signin.signed_in(session, cookies[0], now, config)
        assert signed is not None and signed.member.display_name == "vera"
        stored = (await session.scalars(select(WebSession))).all()
        links = (await session.scalars(select(WebLink))).all()
    assert len(stored) == 1 and stored[0].token_hash != cookies[0]
    assert raw.split(".")[0] not in {link.token_hash for link in links}
