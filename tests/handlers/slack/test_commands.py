"""Every command of the table is a Slack slash command that answers, and the manifest
lists exactly those commands."""

import json
from pathlib import Path

import pytest

from bot.features.table import build
from bot.handlers.slack.manifest import build_manifest
from tests.handlers.slack.harness import text_of

table = build()

MANIFEST = Path(__file__).parents[3] / "config" / "slack-manifest.json"


@pytest.mark.parametrize("command", table.commands, ids=lambda c: c.full_name)
async def test_every_command_is_reachable_and_answers(slack, command):
    status = await slack.command(f"/{command.full_name}", user="UVERA")
    assert status == 200
    said = slack.ephemerals("UVERA") + [text_of(p) for p in slack.posts()]
    assert said, f"/{command.full_name} got no answer"
    assert not any("Onbekend commando" in s or "bestaat niet. Kies" in s for s in said)


def test_manifest_lists_every_command_of_the_table():
    shipped = json.loads(MANIFEST.read_text(encoding="utf-8"))
    assert shipped == build_manifest(), "run: python -m bot.handlers.slack.manifest --write"
    listed = [c["command"] for c in shipped["features"]["slash_commands"]]
    assert listed == [f"/{name}" for name in table.names()]
    assert len(set(listed)) == len(listed)


def test_manifest_subscribes_to_what_the_handler_needs():
    manifest = build_manifest(url="https://bot.example.org/slack/events")
    events = set(manifest["settings"]["event_subscriptions"]["bot_events"])
    assert {"message.channels", "message.groups", "message.im", "app_home_opened"} <= events
    scopes = set(manifest["oauth_config"]["scopes"]["bot"])
    assert {
        "commands",
        "chat:write",
        "im:write",
        "reactions:write",
        "usergroups:read",
        "users:read",
        "channels:history",
        "im:history",
    } <= scopes
    assert manifest["settings"]["interactivity"]["request_url"].endswith("/slack/events")
    assert manifest["settings"]["socket_mode_enabled"] is False
    assert all(c["url"].endswith("/slack/events") for c in manifest["features"]["slash_commands"])


async def test_command_text_is_parsed_with_quotes_and_slack_escapes(slack):
    await slack.command(
        '/signaal tekst:"Ouders &amp; school: 3 &lt; 5" domein:onderwijs', user="USANNE"
    )
    (signal,) = await slack.signals()
    assert signal.text == "Ouders & school: 3 < 5"
    assert signal.domain.value == "onderwijs"


async def test_url_verification_challenge_is_answered(slack):
    from tests.handlers.slack.harness import payload

    status, text = await slack.post(json.dumps(payload("url_verification")), "application/json")
    assert status == 200
    assert "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P" in text
