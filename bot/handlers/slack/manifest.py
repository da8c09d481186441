"""The Slack app manifest, derived from the command table so both stay in sync.

    python -m bot.handlers.slack.manifest --write          # config/slack-manifest.json
    python -m bot.handlers.slack.manifest --url https://bot.example.org/slack/events

Without ``--url`` the manifest uses Socket Mode (no public URL needed); with it, Slack
sends commands, interactions and events to that URL (HTTP mode)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from bot.core.commands import CommandTable
from bot.features import table as features

PATH = Path("config/slack-manifest.json")
DESCRIPTION_MAX = 100
HINT_MAX = 100

SCOPES = [
    "channels:history",  # replies in a call's thread (public channels)
    "chat:write",
    "commands",
    "files:write",  # an event's .ics as a file (files.uploadV2)
    "groups:history",  # replies in a call's thread (private channels)
    "im:history",  # DMs to the bot
    "im:write",  # DMs from the bot (conversations.open)
    "reactions:write",  # ✅ under a reply that became a signal
    "usergroups:read",  # staff / ambassadors as user groups
    "users:read",  # display names
]
EVENTS = ["app_home_opened", "message.channels", "message.groups", "message.im"]


def build_manifest(
    url: str | None = None, name: str = "Signaalbot", table: CommandTable | None = None
) -> dict[str, Any]:
    table = table or features.build()
    settings: dict[str, Any] = {
        "event_subscriptions": {"bot_events": EVENTS},
        "interactivity": {"is_enabled": True},
        "org_deploy_enabled": False,
        "socket_mode_enabled": url is None,
        "token_rotation_enabled": False,
    }
    if url:
        settings["event_subscriptions"]["request_url"] = url
        settings["interactivity"]["request_url"] = url
    return {
        "_metadata": {"major_version": 1, "minor_version": 1},
        "display_information": {
            "name": name,
            "description": "Van signaal uit de praktijk naar beleidsverandering — en terug.",
            "background_color": "#1d4e89",
        },
        "features": {
            "app_home": {
                "home_tab_enabled": True,
                "messages_tab_enabled": True,
                "messages_tab_read_only_enabled": False,
            },
            "bot_user": {"display_name": name, "always_online": True},
            "slash_commands": [_command(table, n, url) for n in table.names()],
        },
        "oauth_config": {"scopes": {"bot": SCOPES}},
        "settings": settings,
    }


def _command(table: CommandTable, name: str, url: str | None) -> dict[str, Any]:
    group = table.group(name)
    if len(group) == 1 and group[0].sub is None:
        description = group[0].help("nl")
        hint = group[0].usage("nl").removeprefix(f"/{name}").strip()
    else:
        subs = [c.sub or "" for c in group]
        description = f"{name.capitalize()}: {', '.join(subs)}"
        hint = " | ".join(subs)
    command: dict[str, Any] = {
        "command": f"/{name}",
        "description": _cut(description, DESCRIPTION_MAX),
        "should_escape": False,
    }
    if hint:
        command["usage_hint"] = _cut(hint, HINT_MAX)
    if url:
        command["url"] = url
    return command


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Slack app manifest for Signaalbot")
    parser.add_argument("--url", help="HTTP mode: https://<host>/slack/events")
    parser.add_argument("--write", action="store_true", help=f"write {PATH}")
    args = parser.parse_args(argv)
    text = json.dumps(build_manifest(args.url), ensure_ascii=False, indent=2) + "\n"
    if args.write:
        PATH.write_text(text, encoding="utf-8")
        print(f"Geschreven: {PATH}")
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
