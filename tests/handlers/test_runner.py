"""``python -m bot run``: the dashboard is served on PORT beside platforms that have no web
server of their own (Discord, the console), and stops when they stop."""

from __future__ import annotations

import asyncio
import socket

import aiohttp

from bot.app import build_app
from bot.handlers import runner
from bot.settings import Settings


class Waiting:
    """A platform that serves until told to stop (stands in for the console)."""

    name = "console"
    stop = asyncio.Event()

    def __init__(self, app) -> None:
        self.app = app

    async def serve(self) -> None:
        await self.stop.wait()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


async def test_run_serves_the_dashboard_beside_the_console(
    sqlite_url, community, clock, monkeypatch
):
    port = free_port()
    settings = Settings(BOT_DATABASE_URL=sqlite_url, PORT=port,
                        BOT_WEB_SECRET="a-secret-for-the-dashboard")
    app = await build_app(settings, community, clock=clock, platforms=["console"])
    Waiting.stop = asyncio.Event()
    monkeypatch.setitem(runner.PLATFORMS, "console", Waiting)
    running = asyncio.create_task(runner.run(app))
    url = f"http://127.0.0.1:{port}/dashboard/board"
    try:
        async with aiohttp.ClientSession() as http:
            for _ in range(300):
                try:
                    async with http.get(url) as response:
                        assert response.status == 401
                    break
                except aiohttp.ClientConnectorError:
                    await asyncio.sleep(0.01)
            else:
                raise AssertionError("the dashboard never listened")
            Waiting.stop.set()  # the console ends ("stop"): run returns, the dashboard closes
            assert await asyncio.wait_for(running, 10) == 0
            try:
                async with http.get(url) as response:
                    raise AssertionError(f"still serving: {response.status}")
            except aiohttp.ClientConnectorError:
                pass
    finally:
        running.cancel()
        await asyncio.gather(running, return_exceptions=True)
        await app.close()
