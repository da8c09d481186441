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
