"""Settings: validated at start, with errors that name what to fix."""

from pathlib import Path

import pytest

from bot.settings import ConfigError, Settings, load_community


def test_discord_shards_split_over_processes():
    assert Settings().discord_shards() == {}
    assert Settings(DISCORD_SHARD_COUNT=4).discord_shards() == {"shard_count": 4}
    assert Settings(DISCORD_SHARD_COUNT=4, DISCORD_SHARD_IDS="2, 3").discord_shards() == {
        "shard_count": 4, "shard_ids": [2, 3]}
    for bad in ({"DISCORD_SHARD_IDS": "0"}, {"DISCORD_SHARD_IDS": "4", "DISCORD_SHARD_COUNT": 4},
                {"DISCORD_SHARD_IDS": "een", "DISCORD_SHARD_COUNT": 2}):
        with pytest.raises(ConfigError, match="DISCORD_SHARD"):
            Settings(**bad).discord_shards()


def test_platforms_follow_the_tokens(monkeypatch):
    for name in ("DISCORD_TOKEN", "SLACK_BOT_TOKEN"):
        monkeypatch.delenv(name, raising=False)
    assert Settings().platforms() == ["console"]
    assert Settings(DISCORD_TOKEN="x", SLACK_BOT_TOKEN="y").platforms() == ["discord", "slack"]


def test_tokens_never_show_in_repr():
    assert "geheim" not in repr(Settings(DISCORD_TOKEN="geheim"))


def test_community_file_errors_name_the_setting(tmp_path: Path):
    bad = tmp_path / "c.toml"
    bad.write_text("[polls]\nmin_votes = 0\nkleur = 'rood'\n", encoding="utf-8")
    with pytest.raises(ConfigError) as err:
        load_community(bad)
    assert "polls.min_votes" in str(err.value) and "polls.kleur" in str(err.value)
    broken = tmp_path / "d.toml"
    broken.write_text("[polls\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="geen geldige TOML"):
        load_community(broken)


def test_the_example_config_is_valid():
    root = Path(__file__).resolve().parents[2]
    community = load_community(root / "config" / "community.example.toml")
    assert community.timezone == "Europe/Amsterdam"


def test_the_whole_community_file_is_validated_at_start(tmp_path: Path):
    good = tmp_path / "good.toml"
    good.write_text('[digest]\nday_of_week = "Maandag"\n', encoding="utf-8")
    assert load_community(good).digest.day_of_week == "mon"
    cases = {
        '[digest]\nday_of_week = "maandagochtend"\n': "digest.day_of_week: kies een dag",
        '[domain_keywords]\nschool = ["les"]\n': "onbekend domein 'school'",
        '[reminders]\nwebinar = ["1x"]\n': "'1x' is geen tijd vooraf",
        '[reminders]\nwebinar = ["99999w"]\n': "hoogstens 366 dagen",
        '[reminders]\nborrel = ["1d"]\n': "onbekende soort 'borrel'",
        "[polls]\nmin_votes = 'tien'\n": "polls.min_votes: moet een geheel getal zijn",
        "[polls]\nmin_votes = 0\n": "polls.min_votes: moet minstens 1 zijn",
        "kleur = 'rood'\n": "kleur: onbekende instelling",
    }
    for text, message in cases.items():
        path = tmp_path / "c.toml"
        path.write_text(text, encoding="utf-8")
        with pytest.raises(ConfigError) as err:
            load_community(path)
        assert message in str(err.value), (text, str(err.value))


def test_a_bot_config_that_names_a_missing_file_is_an_error(tmp_path: Path):
    with pytest.raises(ConfigError, match=r"BOT_CONFIG: het bestand .* bestaat niet"):
        load_community(tmp_path / "nergens.toml")


def test_a_community_file_with_a_byte_order_mark_reads(tmp_path: Path):
    path = tmp_path / "c.toml"
    path.write_bytes('\ufeffname = "Netwerk"\n'.encode())
    assert load_community(path).name == "Netwerk"


@pytest.mark.parametrize(("env", "expected"), [
    ({"BOT_DATABASE_URL": "mysql://x@localhost/bot"}, "Configuratiefout: BOT_DATABASE_URL: mysql"),
    ({"BOT_DATABASE_URL": "geen url"}, "Configuratiefout: BOT_DATABASE_URL is geen database-URL"),
    ({"BOT_DATABASE_URL": "postgresql://postgres@127.0.0.1:1/x"}, "Databasefout: database "
     "127.0.0.1:1/x: geen verbinding"),
    ({"BOT_CONFIG": "nergens.toml"}, "Configuratiefout: BOT_CONFIG: het bestand nergens.toml"),
    ({"PORT": "abc"}, "Configuratiefout: ongeldige omgevingsvariabele: PORT: moet een geheel"),
    ({"BOT_LOG_LEVEL": "luid"}, "Configuratiefout: BOT_LOG_LEVEL: 'luid' bestaat niet"),
])
def test_start_up_problems_are_one_dutch_line_and_exit_2(tmp_path: Path, env, expected):
    import os
    import subprocess
    import sys

    base = {k: v for k, v in os.environ.items() if not k.startswith(("BOT_", "DISCORD_", "SLACK_"))}
    base.pop("PORT", None)
    result = subprocess.run([sys.executable, "-m", "bot", "migrate"], cwd=tmp_path,
                            env={**base, "PYTHONPATH": str(Path(__file__).parents[2]), **env},
                            capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 2
    assert result.stderr.startswith(expected), result.stderr
    assert "Traceback" not in result.stderr and result.stderr.count("\n") == 1


def test_help_is_dutch():
    import subprocess
    import sys

    result = subprocess.run([sys.executable, "-m", "bot", "--help"], capture_output=True,
                            text=True, timeout=60, check=False,
                            cwd=Path(__file__).parents[2])
    assert result.returncode == 0
    for english in ("usage", "options", "positional arguments", "show this help", "Dutch"):
        assert english not in result.stdout, english
    assert "gebruik:" in result.stdout and "toon deze hulp" in result.stdout
