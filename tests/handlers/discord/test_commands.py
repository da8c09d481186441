"""Application commands derived from the command table, autocomplete, and the central
error mapping."""

from __future__ import annotations

import re

from bot.core.commands import Kind
from bot.features.table import build
from bot.handlers.discord.commands import AUTOCOMPLETE_REFS
from tests.handlers.discord.conftest import Bot

table = build()

NAME = re.compile(r"^[-_\w]{1,32}$")


def synced(bot: Bot) -> dict[str, dict]:
    request = bot.fake.sent("PUT", r"/applications/\d+/guilds/\d+/commands")[-1]
    return {c["name"]: c for c in request.body}


def options_of(bot: Bot, name: str, sub: str | None) -> list[dict]:
    command = synced(bot)[name]
    if sub is None:
        return command.get("options", [])
    return next(o for o in command["options"] if o["name"] == sub).get("options", [])


async def test_every_command_in_the_table_is_synced_to_the_guild(bot: Bot) -> None:
    for command in table.commands:
        options = {o["name"]: o for o in options_of(bot, command.name, command.sub)}
        assert set(options) == {a.name for a in command.args}, command.full_name
        for arg in command.args:
            option = options[arg.name]
            assert option["required"] is arg.required
            if arg.kind is Kind.CHOICE:
                assert [c["value"] for c in option["choices"]] == list(arg.choices)
            if arg.kind is Kind.NUMBER:
                assert option["type"] == 4  # integer
                assert bool(option.get("autocomplete")) is (arg.ref in AUTOCOMPLETE_REFS)
        # Discord wants the required options first.
        flags = [o["required"] for o in options.values()]
        assert flags == sorted(flags, reverse=True)
    assert not bot.fake.sent("PUT", r"/applications/\d+/commands")  # not global


async def test_names_and_descriptions_respect_discords_limits(bot: Bot) -> None:
    def walk(items: list[dict]) -> None:
        for item in items:
            assert NAME.match(item["name"]) and item["name"] == item["name"].lower()
            assert 1 <= len(item["description"]) <= 100
            walk(item.get("options", []))

    walk(list(synced(bot).values()))
    assert synced(bot)["oproep"]["description"].startswith("/oproep")


async def test_autocomplete_suggests_existing_bottlenecks(bot: Bot) -> None:
    for title in ("Geen warme overdracht", "Wachtlijst jeugdhulp"):
        await bot.answers(await bot.slash(bot.vera, "knelpunt", "nieuw", titel=title))
    data = bot.fake.autocomplete(bot.sanne, "knelpunt", "toon", "nr", "wacht")
    await bot.fake.dispatch("INTERACTION_CREATE", data)
    callback = await bot.callback(data)
    assert callback.body["type"] == 8
    assert callback.body["data"]["choices"] == [{"name": "#2 Wachtlijst jeugdhulp", "value": 2}]


async def test_signal_texts_are_only_suggested_to_staff(bot: Bot) -> None:
    await bot.fake.dispatch("MESSAGE_CREATE", bot.fake.dm_message(bot.joris, "Privé verhaal"))
    await bot.fake.wait_for(lambda: bot.fake.sent("POST", r"/users/@me/channels"))
    member = bot.fake.autocomplete(bot.sanne, "knelpunt", "koppel", "signaal", "")
    staff = bot.fake.autocomplete(bot.vera, "knelpunt", "koppel", "signaal", "")
    for data in (member, staff):
        await bot.fake.dispatch("INTERACTION_CREATE", data)
    assert (await bot.callback(member)).body["data"]["choices"] == []
    assert (await bot.callback(staff)).body["data"]["choices"][0]["name"] == "#1 Privé verhaal"


async def test_an_unexpected_error_gets_an_apology_with_a_reference(bot: Bot, caplog) -> None:  # type: ignore[no-untyped-def]
    async def broken(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise RuntimeError("database on fire")

    bot.app.core.command = broken  # type: ignore[method-assign]
    interaction = await bot.slash(bot.vera, "oproep", "lijst")
    answer = (await bot.answers(interaction))[0]
    ref = re.search(r"`([0-9a-f]{8})`", answer)
    assert ref and "Sorry" in answer and "database" not in answer
    assert any(ref.group(1) in r.getMessage() for r in caplog.records)


async def test_a_refused_value_is_a_dutch_message(bot: Bot) -> None:
    interaction = await bot.slash(bot.vera, "knelpunt", "toon", nr=99)
    answer = (await bot.answers(interaction))[0]
    assert "99" in answer and answer.startswith("⚠️")
