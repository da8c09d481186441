"""Settings: secrets and URLs from the environment (``.env`` supported), the community's
own choices from a TOML file. Read by ``load_settings()`` only, never at import time."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import BaseModel, ConfigDict, Field, SecretStr, ValidationError, field_validator
from pydantic_core import ErrorDetails
from pydantic_settings import BaseSettings, SettingsConfigDict

from bot.vocabulary.enums import Domain, EventKind
from bot.vocabulary.offsets import MAX_OFFSET, offset

DEFAULT_CONFIG = Path("config/community.toml")
EXAMPLE_CONFIG = Path("config/community.example.toml")


class ConfigError(Exception):
    """Configuration that cannot be used; the message names what to fix."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Channels(_Strict):
    """Neutral channel keys; the values are the names shown on the console."""

    calls: str = "oproepen"
    polls: str = "peilingen"
    news: str = "nieuws"
    events: str = "bijeenkomsten"
    staff: str = "staf"


class PollRules(_Strict):
    """A bottleneck counts as broadly recognised with at least ``min_votes`` votes of
    which at least ``min_recognised_share`` said ja or deels."""

    min_votes: int = Field(10, ge=1)
    min_recognised_share: float = Field(0.6, gt=0, le=1)


class Retention(_Strict):
    """How long copies of what members wrote are kept (AVG/GDPR)."""

    signal_text_days: int = Field(365, ge=1)  # signal texts, "wat is er nodig?", old posts
    # private messages (DMs, answers only one person saw) once delivered or failed, and
    # processed inbound events: emptied or removed after this many hours
    delivered_hours: int = Field(24, ge=1)
    audit_days: int = Field(730, ge=1)  # the audit log of staff actions


class Privacy(_Strict):
    """The consent a signal gets when its author makes no choice, and the privacy
    statement the first-contact notice points to."""

    default_consent: Literal["citeren", "tellen", "staf"] = "tellen"
    statement_url: str = ""

    @field_validator("statement_url")
    @classmethod
    def _web_address(cls, value: str) -> str:
        if value and not value.startswith(("https://", "http://")):
            raise ValueError("een webadres dat begint met https://")
        return value


DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
DUTCH_DAYS = dict(
    zip(
        ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"),
        DAYS,
        strict=True,
    )
)


class Digest(_Strict):
    enabled: bool = True
    # the day (mon … sun, or maandag … zondag) and time in the community's time zone
    day_of_week: str = "mon"
    hour: int = Field(9, ge=0, le=23)
    minute: int = Field(0, ge=0, le=59)

    @field_validator("day_of_week")
    @classmethod
    def _known_day(cls, value: str) -> str:
        day = value.strip().lower()
        day = DUTCH_DAYS.get(day, day[:3] if day[:3] in DAYS else day)
        if day not in DAYS:
            raise ValueError("kies een dag: maandag … zondag (of mon … sun)")
        return day


class Pacing(_Strict):
    """How fast the drainer may send on one platform: a platform-wide budget (token
    bucket: ``rate`` per second, bursts of ``burst``) and a limit per channel or recipient
    (at most ``channel_messages`` in any ``channel_seconds``). ``rate = 0``: no limit."""

    rate: float = Field(50.0, ge=0)
    burst: int = Field(5, ge=1)  # to catch up after a hiccup; a second never exceeds rate
    channel_messages: int = Field(5, ge=0)  # 0: no per-channel limit
    channel_seconds: float = Field(5.0, gt=0)
    headroom: float = Field(0.97, gt=0, le=1)  # pace a little under the limit (jitter)


class DiscordPacing(Pacing):
    """Discord: 50 requests/s per bot; about 5 messages per 5 s per channel."""


class SlackPacing(Pacing):
    """Slack chat.postMessage: 1 message/s per channel; a workspace budget of several
    hundred a minute."""

    rate: float = Field(5.0, ge=0)
    burst: int = Field(5, ge=1)
    channel_messages: int = Field(1, ge=0)
    channel_seconds: float = Field(1.0, gt=0)


class DeliverySettings(_Strict):
    """The outbox drainer: pacing per platform, retries and leases."""

    max_attempts: int = Field(6, ge=1)
    backoff_seconds: float = Field(2.0, gt=0)  # first retry; doubles per attempt
    backoff_max_seconds: float = Field(900.0, gt=0)
    lease_seconds: float = Field(60.0, ge=5)  # a claimed row not recorded by then is resent
    concurrency: int = Field(8, ge=1)  # sends in flight per drainer
    processes: int = Field(1, ge=1)  # drainers sharing the budget (PostgreSQL); each paces 1/n
    # an edit of a post (RSVP or vote counts) waits this long; edits meanwhile coalesce
    edit_delay_seconds: float = Field(5.0, ge=0)
    discord: DiscordPacing = DiscordPacing()
    slack: SlackPacing = SlackPacing()

    def pacing(self, platform: str) -> Pacing:
        """The platform's limits; platforms without any (the console) are not paced."""
        found = getattr(self, platform, None)
        return found if isinstance(found, Pacing) else Pacing(rate=0, channel_messages=0)


class News(_Strict):
    """Stage news is bundled: at most one DM per member every ``every_days`` days, sent at
    ``hour``:``minute`` in the community's time zone, each bottleneck listed once.
    Feedback is never bundled: it goes at once."""

    every_days: int = Field(1, ge=1, le=7)
    hour: int = Field(17, ge=0, le=23)
    minute: int = Field(0, ge=0, le=59)


class Dashboard(_Strict):
    """The staff dashboard: where it is reached, how long a sign-in link and a session
    last, and after how many days without news a bottleneck is "waiting for feedback"."""

    # the public address staff open (the sign-in links point here); no trailing slash
    base_url: str = "http://localhost:3000"
    link_minutes: int = Field(15, ge=1, le=24 * 60)
    session_hours: int = Field(8, ge=1, le=24 * 30)
    idle_minutes: int = Field(60, ge=5)
    quiet_days: int = Field(30, ge=1)

    @field_validator("base_url")
    @classmethod
    def _web_address(cls, value: str) -> str:
        if not value.startswith(("https://", "http://")):
            raise ValueError("begint met https:// (of http:// op je eigen computer)")
        return value.rstrip("/")


class PlatformSection(_Strict):
    """Per-platform ids: channel ids per neutral key and role mapping."""

    channels: dict[str, str] = {}
    staff: list[str] = []
    ambassadors: list[str] = []
    guild_id: str | None = None
    sync_globally: bool = False


class Community(_Strict):
    name: str = "Ons netwerk"
    language: Literal["nl", "en"] = "nl"
    timezone: str = "Europe/Amsterdam"
    channels: Channels = Channels()
    polls: PollRules = PollRules()
    retention: Retention = Retention()
    privacy: Privacy = Privacy()
    digest: Digest = Digest()
    news: News = News()
    # reminder offsets per event kind, e.g. webinar = ["1d", "1h"]
    reminders: dict[str, list[str]] = {
        "webinar": ["1d", "1h"],
        "studiemiddag": ["7d", "1d"],
        "intervisie": ["1d"],
        "werksessie": ["1d"],
        "doendag": ["7d", "1d"],
        "ambassadeursbijeenkomst": ["7d", "1d"],
    }
    reminder_grace_minutes: int = Field(60, ge=0)
    domain_keywords: dict[str, list[str]] = {}
    discord: PlatformSection = PlatformSection()
    slack: PlatformSection = PlatformSection()
    delivery: DeliverySettings = DeliverySettings()
    dashboard: Dashboard = Dashboard()

    @field_validator("reminders")
    @classmethod
    def _known_reminders(cls, value: dict[str, list[str]]) -> dict[str, list[str]]:
        kinds = {k.value for k in EventKind}
        for kind, offsets in value.items():
            if kind not in kinds:
                raise ValueError(f"onbekende soort {kind!r}; kies uit {', '.join(sorted(kinds))}")
            for item in offsets:
                if offset(item) is None:
                    raise ValueError(
                        f"{kind}: {item!r} is geen tijd vooraf; schrijf 7d, 1d, 1u of 30m "
                        f"(hoogstens {MAX_OFFSET.days} dagen)"
                    )
        return value

    @field_validator("domain_keywords")
    @classmethod
    def _known_domains(cls, value: dict[str, list[str]]) -> dict[str, list[str]]:
        domains = {d.value for d in Domain}
        unknown = sorted(set(value) - domains)
        if unknown:
            raise ValueError(
                f"onbekend domein {unknown[0]!r}; kies uit {', '.join(sorted(domains))}"
            )
        return value

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"onbekende tijdzone {value!r}") from exc
        return value


class Settings(BaseSettings):
    """Environment variables. Tokens are secrets and never logged."""

    model_config = SettingsConfigDict(env_file=".env", extra="ignore", populate_by_name=True)

    database_url: str = Field("sqlite:///data/signaalbot.db", alias="BOT_DATABASE_URL")
    config_file: Path | None = Field(None, alias="BOT_CONFIG")
    log_level: str = Field("INFO", alias="BOT_LOG_LEVEL")
    # SIGTERM: how long requests in flight and sends in flight may take to finish
    shutdown_seconds: float = Field(20.0, alias="BOT_SHUTDOWN_SECONDS", ge=0, le=600)

    discord_token: SecretStr | None = Field(None, alias="DISCORD_TOKEN")
    discord_api_url: str | None = Field(None, alias="DISCORD_API_URL")
    # Large servers: split the auto-sharded client over processes, e.g. process A with
    # DISCORD_SHARD_IDS=0,1 and process B with 2,3, both with DISCORD_SHARD_COUNT=4.
    discord_shard_count: int | None = Field(None, alias="DISCORD_SHARD_COUNT", ge=1)
    discord_shard_ids: str | None = Field(None, alias="DISCORD_SHARD_IDS")

    slack_bot_token: SecretStr | None = Field(None, alias="SLACK_BOT_TOKEN")
    slack_app_token: SecretStr | None = Field(None, alias="SLACK_APP_TOKEN")
    slack_signing_secret: SecretStr | None = Field(None, alias="SLACK_SIGNING_SECRET")
    slack_api_url: str = Field("https://slack.com/api/", alias="SLACK_API_URL")
    port: int = Field(3000, alias="PORT")
    # where the console saves files the bot sends (an event's .ics)
    files_dir: Path = Field(Path("data/bestanden"), alias="BOT_FILES_DIR")
    # signs the dashboard's sign-in links; the same value in every process of the bot
    web_secret: SecretStr | None = Field(None, alias="BOT_WEB_SECRET")

    def web_key(self) -> bytes | None:
        """The key for signing sign-in links; None: the dashboard is off."""
        if self.web_secret is None:
            return None
        secret = self.web_secret.get_secret_value()
        if len(secret) < 16:
            raise ConfigError("BOT_WEB_SECRET is te kort: gebruik minstens 16 tekens")
        return secret.encode("utf-8")

    def discord_shards(self) -> dict[str, Any]:
        """Options for the auto-sharded client; empty: Discord picks the shard count."""
        if self.discord_shard_ids is None:
            return {"shard_count": self.discord_shard_count} if self.discord_shard_count else {}
        if not self.discord_shard_count:
            raise ConfigError("DISCORD_SHARD_IDS needs DISCORD_SHARD_COUNT (the total)")
        try:
            ids = [int(part) for part in self.discord_shard_ids.split(",") if part.strip()]
        except ValueError as exc:
            raise ConfigError("DISCORD_SHARD_IDS: numbers separated by commas, e.g. 0,1") from exc
        if not ids or any(not 0 <= i < self.discord_shard_count for i in ids):
            raise ConfigError(
                f"DISCORD_SHARD_IDS: each id from 0 to {self.discord_shard_count - 1}"
            )
        return {"shard_count": self.discord_shard_count, "shard_ids": ids}

    def platforms(self) -> list[str]:
        """The platforms whose settings are present; the console when none is."""
        found = []
        if self.discord_token:
            found.append("discord")
        if self.slack_bot_token:
            found.append("slack")
        return found or ["console"]


def load_community(path: Path | None) -> Community:
    """The community file, validated whole (typed fields, known keys and values). A path
    given in ``BOT_CONFIG`` must exist; without one the example is the fallback."""
    if path is None:
        path = DEFAULT_CONFIG if DEFAULT_CONFIG.exists() else EXAMPLE_CONFIG
        if not path.exists():
            return Community()
    elif not path.is_file():
        raise ConfigError(f"BOT_CONFIG: het bestand {path} bestaat niet. Controleer het pad.")
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8-sig"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: geen geldige TOML ({exc}). Controleer de regel.") from exc
    try:
        return Community.model_validate(data)
    except ValidationError as exc:
        raise ConfigError(f"{path}: " + "; ".join(map(_problem, exc.errors()))) from exc


def _problem(error: ErrorDetails) -> str:
    """One pydantic error as a Dutch phrase: where, and what to write instead."""
    where = ".".join(str(p) for p in error["loc"])
    ctx = error.get("ctx") or {}
    kind = error["type"]
    said = {
        "extra_forbidden": "onbekende instelling; haal hem weg of controleer de spelling",
        "int_parsing": "moet een geheel getal zijn",
        "int_from_float": "moet een geheel getal zijn",
        "float_parsing": "moet een getal zijn",
        "bool_parsing": "moet true of false zijn",
        "string_type": "moet tekst tussen aanhalingstekens zijn",
        "list_type": 'moet een lijst zijn, zoals ["1d", "1u"]',
        "dict_type": "moet een sectie of tabel zijn",
        "greater_than_equal": f"moet minstens {ctx.get('ge')} zijn",
        "greater_than": f"moet groter zijn dan {ctx.get('gt')}",
        "less_than_equal": f"mag hoogstens {ctx.get('le')} zijn",
        "literal_error": f"kies uit {ctx.get('expected')}",
        "value_error": str(ctx.get("error", "")),
    }.get(kind, error["msg"])
    return f"{where}: {said}"


def load_settings() -> tuple[Settings, Community]:
    try:
        settings = Settings()
    except ValidationError as exc:
        problems = "; ".join(
            _problem(err) if err["loc"] else str(err["msg"]) for err in exc.errors()
        )
        raise ConfigError(f"ongeldige omgevingsvariabele: {problems}") from exc
    return settings, load_community(settings.config_file)
