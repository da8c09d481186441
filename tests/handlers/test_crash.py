"""Crash tests (issue 9): the real process (``python -m bot run``) against the fake Slack
(HTTP mode) and the fake Discord, on SQLite and PostgreSQL. Signed requests of every
inbound kind are acknowledged, then the process gets SIGTERM (a deploy) or SIGKILL (a
crash) right away; after a restart every effect exists exactly once and every member got
an answer."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import socket
import sys
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import aiohttp
import pytest
from sqlalchemy import func, select

from bot.app import App, build_app
from bot.core.context import Actor
from bot.handlers.slack.refs import SlackRef
from bot.settings import Community, Settings, load_community
from bot.storage.models import InboundEvent, OutboxMessage, Signal, Vote
from bot.vocabulary.enums import Role
from tests.handlers.discord.fake_discord import FakeDiscord
from tests.handlers.slack.fake_slack import FakeSlack
from tests.handlers.slack.harness import SECRET, TOKEN, new_trigger, payload, signed_headers

ROOT = Path(__file__).resolve().parents[2]
STOP_SECONDS = 10
NOTICE = "met je gegevens om"  # the first-contact privacy notice (its title)

CONFIG = """
[digest]
enabled = false
[delivery]
lease_seconds = 5
[delivery.slack]
rate = 0
channel_messages = 0
[delivery.discord]
rate = 0
channel_messages = 0
[slack]
staff = ["UVERA"]
[slack.channels]
calls = "C_CALLS"
polls = "C_POLLS"
news = "C_NEWS"
events = "C_EVENTS"
staff = "C_STAFF"
[discord]
guild_id = "100000000000000001"
staff = ["Staf"]
[discord.channels]
calls = "200000000000000001"
polls = "200000000000000002"
news = "200000000000000003"
events = "200000000000000004"
staff = "200000000000000005"
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Bot:
    """``python -m bot run`` as a child process."""

    def __init__(self, tmp: Path, env: dict[str, str]) -> None:
        self.tmp = tmp
        self.env = env
        self.process: asyncio.subprocess.Process | None = None
        self.starts = 0

    async def start(self) -> None:
        self.starts += 1
        log = (self.tmp / f"bot-{self.starts}.log").open("wb")
        self.process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bot", "run", cwd=self.tmp, env=self.env,
            stdin=asyncio.subprocess.DEVNULL, stdout=log, stderr=log,
        )

    async def stop(self, sig: int) -> tuple[int, float]:
        """Send ``sig``; the exit code and how long the process took to exit."""
        assert self.process is not None
        started = time.monotonic()
        self.process.send_signal(sig)
        code = await asyncio.wait_for(self.process.wait(), STOP_SECONDS + 10)
        return code, time.monotonic() - started

    async def catch_up(self, app: App, platform: str,
                       connected: Callable[[], Awaitable[Any]] | None = None) -> None:
        """Start again, wait until everything stored is handled and sent, stop cleanly."""
        await self.start()
        if connected is not None:
            await connected()
        await until(lambda: settled(app, platform), "the restarted bot to catch up")
        code, _ = await self.stop(signal.SIGTERM)
        assert code == 0, self.log()

    async def reap(self) -> None:
        if self.process is not None and self.process.returncode is None:
            self.process.kill()
            await self.process.wait()

    def log(self) -> str:
        return "\n".join((self.tmp / f"bot-{n}.log").read_text(errors="replace")
                         for n in range(1, self.starts + 1))


async def until(check: Callable[[], Awaitable[Any]], what: str, within: float = 40) -> Any:
    deadline = time.monotonic() + within
    while True:
        found = await check()
        if found:
            return found
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        await asyncio.sleep(0.05)


async def settled(app: App, platform: str = "slack") -> bool:
    """Everything stored was processed and everything written was sent."""
    async with app.sessions() as session:
        open_inbox = await session.scalar(
            select(func.count(InboundEvent.id)).where(InboundEvent.processed_at.is_(None)))
        unsent = await session.scalar(select(func.count(OutboxMessage.id)).where(
            OutboxMessage.platform == platform,
            OutboxMessage.status.in_(("pending", "sending"))))
    return open_inbox == 0 and unsent == 0


async def count(app: App, query: Any) -> int:
    async with app.sessions() as session:
        return int(await session.scalar(query) or 0)


@pytest.fixture
async def setup(database_url: str, tmp_path: Path) -> AsyncIterator[tuple[App, Path]]:
    """The database with a bottleneck and an open poll, and the community file."""
    config = tmp_path / "community.toml"
    config.write_text(CONFIG, encoding="utf-8")
    community: Community = load_community(config)
    app = await build_app(
        Settings(BOT_DATABASE_URL=database_url), community, platforms=["slack", "discord"]
    )
    staff = Actor("slack", "UVERA", "Vera", Role.STAFF, None)
    await app.core.command(staff, '/knelpunt nieuw titel:"Wachtlijst"')
    await app.core.command(staff, "/peiling start knelpunt:1")
    yield app, config
    await app.close()


def environment(url: str, config: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("DISCORD_", "SLACK_", "BOT_", "PORT"))}
    return {**env, "BOT_DATABASE_URL": url, "BOT_CONFIG": str(config),
            "BOT_SHUTDOWN_SECONDS": "5", "BOT_LOG_LEVEL": "INFO",
            "PYTHONPATH": str(ROOT), **extra}


# -- Slack ----------------------------------------------------------------------------------


def slack_requests(fake: FakeSlack) -> list[tuple[str, str]]:
    """One of each kind: a slash command, a button press, a form and a DM."""
    command = dict(payload("slash_command"), command="/signaal", text='tekst:"Geen plek"',
                   user_id="USANNE", user_name="sanne", trigger_id=new_trigger(),
                   response_url=fake.response_url("cmd-USANNE"))
    press = payload("block_actions")
    press.update(trigger_id=new_trigger(), response_url=fake.response_url("act-USANNE"),
                 user={"id": "USANNE", "username": "sanne", "name": "sanne", "team_id": "T1"})
    press["actions"] = [{"type": "button", "action_id": "poll:1v0:recognised:yes",
                         "value": "poll:1v0:recognised:yes", "block_id": "b1",
                         "action_ts": "1790000100.1"}]
    form = payload("view_submission")
    form["trigger_id"] = new_trigger()
    form["user"] = {"id": "UJOOST", "username": "joost", "name": "joost", "team_id": "T1"}
    ref = SlackRef("UJOOST", "C_POLLS", fake.response_url("view-UJOOST")).dumps()
    form["view"]["private_metadata"] = json.dumps({"f": "poll:1v0:needed", "r": ref})
    form["view"]["state"] = {"values": {"nodig": {"nodig": {"type": "plain_text_input",
                                                            "value": "Meer tijd"}}}}
    dm = payload("event_dm")
    form_type = "application/x-www-form-urlencoded"
    return [
        (urlencode(command), form_type),
        (urlencode({"payload": json.dumps(press)}), form_type),
        (urlencode({"payload": json.dumps(form)}), form_type),
        (json.dumps(dm), "application/json"),
    ]


async def stored_before_ack(app: App) -> int:
    """Requests stored: in the inbox, or (a message stored straight away) as a signal
    without an inbox row — the inbox keys a message on the id its signal keeps."""
    in_inbox = await count(app, select(func.count(InboundEvent.id)))
    keys = select(InboundEvent.event_key)
    at_once = await count(app, select(func.count(Signal.id)).where(
        Signal.platform_message_id.is_not(None), Signal.platform_message_id.not_in(keys)))
    return in_inbox + at_once


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGKILL], ids=["sigterm", "kill-9"])
async def test_slack_requests_survive_a_stop_right_after_the_ack(setup, database_url, tmp_path,
                                                                  sig):
    app, config = setup
    fake = await FakeSlack(names={"USANNE": "Sanne", "UJOOST": "Joost"}).start()
    port = free_port()
    bot = Bot(tmp_path, environment(database_url, config, SLACK_BOT_TOKEN=TOKEN,
                                    SLACK_SIGNING_SECRET=SECRET, SLACK_API_URL=fake.api_url,
                                    PORT=str(port)))
    url = f"http://127.0.0.1:{port}/slack/events"
    try:
        async with aiohttp.ClientSession() as http:
            await bot.start()

            async def healthy() -> bool:
                try:
                    async with http.get(f"http://127.0.0.1:{port}/health") as resp:
                        return resp.status == 200
                except aiohttp.ClientError:
                    return False

            await until(healthy, "the bot to listen")
            await until(lambda: settled(app), "the poll card to be posted")

            async def send(body: str, content_type: str) -> int:
                headers = signed_headers(body, content_type)
                async with http.post(url, data=body.encode(), headers=headers) as resp:
                    return resp.status

            statuses = await asyncio.gather(*(send(*r) for r in slack_requests(fake)))
            code, took = await bot.stop(sig)  # right after the last ack
        assert statuses == [200, 200, 200, 200], bot.log()
        assert await stored_before_ack(app) == 4
        if sig == signal.SIGTERM:
            assert code == 0 and took < STOP_SECONDS, bot.log()
            assert await count(app, select(func.count(OutboxMessage.id)).where(
                OutboxMessage.status == "sending")) == 0  # given back, sent at once on restart
        await bot.catch_up(app, "slack")
    finally:
        await bot.reap()
        await fake.stop()

    assert await count(app, select(func.count(Signal.id)).where(Signal.text == "Geen plek")) == 1
    assert await count(app, select(func.count(Signal.id)).where(Signal.source == "dm")) == 1
    assert await count(app, select(func.count(Vote.id)).where(Vote.recognition == "ja")) == 1
    assert await count(app, select(func.count(Vote.id)).where(Vote.needed == "Meer tijd")) == 1
    def answers(user: str) -> list[str]:
        """What only this member saw (ephemeral, or through the response_url)."""
        found = [c["text"] for c in fake.to("chat.postEphemeral") if c["user"] == user]
        return found + [c["text"] for c in fake.to("response_url")
                        if c["name"].endswith(user)]

    def dms(user: str, notice: bool) -> list[str]:
        """DMs to this member: the privacy notice (first contact), or the others."""
        return [c["text"] for c in fake.to("chat.postMessage") if c["channel"] == f"D{user}"
                and (NOTICE in c["text"]) is notice]

    # each answered once; only a kill between sending an answer and recording it may send
    # that answer again (never the effect)
    most = 1 if sig == signal.SIGTERM else 2
    assert 2 <= len(answers("USANNE")) <= 2 * most, answers("USANNE")  # command and vote
    assert 1 <= len(answers("UJOOST")) <= most, answers("UJOOST")  # the form
    assert 1 <= len(dms("UAHMED", notice=False)) <= most
    # the first-contact notice went once to each who gave something, replayed or not
    for user in ("USANNE", "UJOOST", "UAHMED"):
        assert 1 <= len(dms(user, notice=True)) <= most, (user, dms(user, notice=True))
    assert not [t for u in ("USANNE", "UJOOST") for t in answers(u) if "Sorry" in t]


# -- Discord --------------------------------------------------------------------------------


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGKILL], ids=["sigterm", "kill-9"])
async def test_discord_interactions_survive_a_stop_right_after_the_ack(setup, database_url,
                                                                        tmp_path, sig):
    app, config = setup
    fake = FakeDiscord()
    await fake.start()
    sanne = fake.add_person("800000000000000002", "Sanne")
    joris = fake.add_person("800000000000000004", "Joris")
    bot = Bot(tmp_path, environment(database_url, config, DISCORD_TOKEN="test-token",
                                    DISCORD_API_URL=fake.api_url))
    try:
        await bot.start()
        await fake.identified()

        def poll_card() -> str | None:
            return next((m["id"] for m in fake.messages.values() for row in m["components"]
                         for c in row["components"] if c["custom_id"].startswith("poll:1v0:")),
                        None)

        card = await fake.wait_for(poll_card, within=20)
        await until(lambda: settled(app, "discord"), "the poll card to be recorded")
        command = fake.command(sanne, "signaal", tekst="Geen plek")
        press = fake.press(sanne, card, "poll:1v0:recognised:yes")
        form = fake.submit(joris, card, "poll:1v0:needed", nodig="Meer tijd")
        dm = fake.dm_message(joris, "De wachtlijst is te lang")
        for event, data in (("INTERACTION_CREATE", command), ("INTERACTION_CREATE", press),
                            ("INTERACTION_CREATE", form), ("MESSAGE_CREATE", dm)):
            await fake.dispatch(event, data)
        for interaction in (command, press, form):  # each acknowledged
            callback = rf"/interactions/{interaction['id']}/{interaction['token']}/callback"
            await fake.wait_for(lambda c=callback: fake.sent("POST", c), within=20)
        code, took = await bot.stop(sig)
        if sig == signal.SIGTERM:
            assert code == 0 and took < STOP_SECONDS, bot.log()
        await bot.catch_up(app, "discord", fake.identified)
    finally:
        await bot.reap()
        await fake.stop()

    assert await count(app, select(func.count(Signal.id)).where(Signal.text == "Geen plek")) == 1
    assert await count(app, select(func.count(Signal.id)).where(
        Signal.text == "De wachtlijst is te lang")) == 1
    assert await count(app, select(func.count(Vote.id)).where(Vote.recognition == "ja")) == 1
    assert await count(app, select(func.count(Vote.id)).where(Vote.needed == "Meer tijd")) == 1
    most = 1 if sig == signal.SIGTERM else 2
    for interaction in (command, press, form):  # answered through the follow-up
        followups = fake.sent("POST", rf"/webhooks/\d+/{interaction['token']}")
        assert 1 <= len(followups) <= most, interaction["type"]
        assert all("Sorry" not in json.dumps(f.body) for f in followups)
