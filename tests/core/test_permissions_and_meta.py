"""Permissions for every command and role, and the rules that keep the code honest."""

import ast
import re
from pathlib import Path

import pytest
from sqlalchemy import func, select

from bot.core import i18n
from bot.core.commands import Kind
from bot.features.table import build
from bot.storage.models import AuditEntry, Base
from bot.vocabulary.enums import Role
from tests.helpers import Harness

table = build()

ROOT = Path(__file__).resolve().parents[2]
COMMANDS = table.commands
SAMPLE = {Kind.TEXT: '"iets"', Kind.NUMBER: "1", Kind.DATETIME: '"2026-12-01 10:00"',
          Kind.BOOL: "ja", Kind.OFFSETS: "1d", Kind.URL: "https://example.org"}


def line_for(command) -> str:
    parts = [f"/{command.full_name}"]
    for arg in command.args:
        if arg.required:
            value = arg.choices[0] if arg.choices else SAMPLE[arg.kind]
            parts.append(f"{arg.name}:{value}")
    return " ".join(parts)


async def row_counts(app) -> dict[str, int]:
    counts = {}
    async with app.sessions() as s:
        for t in Base.metadata.sorted_tables:
            if t.name not in ("members", "outbox", "audit_log"):
                counts[t.name] = await s.scalar(select(func.count()).select_from(t))
    return counts


STAFF_ONLY = [c for c in COMMANDS if c.roles == frozenset({Role.STAFF})]
FOR_ALL = [c for c in COMMANDS if c.roles is None]


@pytest.mark.parametrize("command", STAFF_ONLY, ids=[c.full_name for c in STAFF_ONLY])
@pytest.mark.parametrize("role", ["lid", "ambassadeur"])
async def test_staff_commands_refused_for_others_and_nothing_stored(app, command, role):
    """Nothing is stored but the refusal itself, in the audit log."""
    h = Harness(app)
    before = await row_counts(app)
    out = await h.run(f"@iemand:{role} {line_for(command)}")
    assert f"Alleen de staf kan `/{command.full_name}` gebruiken." in out
    assert await row_counts(app) == before
    async with app.sessions() as s:
        (entry,) = (await s.scalars(select(AuditEntry))).all()
    assert (entry.action, entry.role, entry.outcome) == (command.full_name, role, "geweigerd")


@pytest.mark.parametrize("command", COMMANDS, ids=[c.full_name for c in COMMANDS])
async def test_every_command_is_reachable_from_the_console(app, command):
    """Staff reach everything; members reach what is open to all (no role refusal)."""
    h = Harness(app)
    role = "staf" if command.roles else "lid"
    out = await h.run(f"@iemand:{role} {line_for(command)}")
    assert out.startswith("[")  # the bot answered
    assert "Alleen de staf" not in out and "Onbekend commando" not in out
    assert "Sorry, er ging iets mis" not in out


def test_command_names_are_unique_and_dutch_and_short():
    seen = {(c.name, c.sub) for c in COMMANDS}
    assert len(seen) == len(COMMANDS)
    for c in COMMANDS:
        assert re.fullmatch(r"[a-z]{2,20}", c.name) and (c.sub is None or c.sub.isalpha())
        assert len({a.name for a in c.args}) == len(c.args)
        # Discord limits: 25 options, description <= 100 characters
        assert len(c.args) <= 25
        for lang in i18n.LANGUAGES:
            assert all(len(c.arg_help(a, lang)) <= 100 for a in c.args), c.full_name


def test_a_name_has_either_subcommands_or_none():
    for name in table.names():
        subs = [c.sub for c in table.group(name)]
        assert subs == [None] or None not in subs


@pytest.mark.parametrize("folder", ["core", "features", "vocabulary", "outbox", "inbox"])
def test_kernel_and_features_import_no_platform_library(folder):
    for path in (ROOT / "bot" / folder).rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            for name in names:
                assert name.split(".")[0] not in ("discord", "slack_bolt", "slack_sdk", "aiohttp"), path


def test_every_static_text_key_exists():
    """Keys written out in the code (``tx.t("poll-closed")``, ``InvalidInput("...")``)."""
    pattern = re.compile(
        r"""(?:\bt\(\s*[\w.]+,\s*|\.t\(\s*|(?:InvalidInput|Forbidden|NotFound|BotError)\(\s*)"""
        r""""([a-z]+(?:-[a-z0-9]+)+)\""""
    )
    known = i18n.keys("nl")
    found, missing = set(), set()
    for path in (ROOT / "bot").rglob("*.py"):
        for key in pattern.findall(path.read_text(encoding="utf-8")):
            found.add(key)
            if key not in known:
                missing.add(f"{path.name}: {key}")
    assert len(found) > 150 and not missing


async def test_unknown_command_sub_and_option_are_explained(app):
    h = Harness(app)
    assert "Onbekend commando `/vlieg`" in await h.run("@a:lid /vlieg")
    assert "Kies een van: open, gericht, lijst, sluit" in await h.run("@v:staf /oproep")
    assert "`/oproep dicht` bestaat niet" in await h.run("@v /oproep dicht")
    out = await h.run('@v /oproep open vraag:"x" kleur:rood')
    assert "Onbekende optie `kleur:`" in out and "Gebruik: `/oproep open vraag:<tekst>" in out
    assert "mist een aanhalingsteken" in await h.run('@v /oproep open vraag:"x')
    assert "moet een nummer zijn" in await h.run("@v /oproep sluit nr:een")
    assert "Vul `vraag:` in" in await h.run("@v /oproep open reden:x")


async def test_help_lists_commands_for_the_role_and_in_english(app):
    h = Harness(app)
    member = await h.run("@sanne:lid /help")
    assert "/signaal" in member and "/oproep open" not in member
    assert "/oproep open" in await h.run("@vera:staf /help")
    assert "vraag:" in await h.run("@vera /help oproep")
    await h.run("@sanne /mijn instellingen taal:en")
    assert "Commands" in await h.run("@sanne /help")


async def test_unexpected_error_gives_apology_with_reference(app, monkeypatch, caplog):
    from bot.features.calls import service as calls

    async def boom(session, now):
        raise RuntimeError("kapot")

    monkeypatch.setattr(calls, "open_calls", boom)
    out = await Harness(app).run("@sanne:lid /oproep lijst")
    assert "Sorry, er ging iets mis" in out
    ref = re.search(r"referentie `([0-9a-f]{8})`", out).group(1)
    assert "Traceback" not in out and "kapot" not in out
    assert ref in caplog.text  # the log has the same reference, with the traceback


def test_readme_documents_every_command():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert [c.full_name for c in COMMANDS if f"/{c.full_name}" not in readme] == []
