"""Typed SQLAlchemy models. All times are stored in UTC."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    SmallInteger,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
    text,
)
from sqlalchemy import Enum as SAEnum
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from bot.vocabulary.enums import (
    ActionKind,
    Audience,
    CallKind,
    CauseArea,
    Consent,
    Domain,
    EventKind,
    Recognition,
    Role,
    RsvpAnswer,
    ShareForm,
    SignalSource,
    SignalStatus,
    Stage,
    Urgency,
)
from bot.vocabulary.news import NewsPreference


class UTCDateTime(TypeDecorator[datetime]):
    """Aware UTC datetimes in and out, also on SQLite (which stores naive values)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to the database; use UTC-aware times")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def _enum(enum: type) -> SAEnum:
    return SAEnum(enum, native_enum=False, length=32, validate_strings=True)


NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class Member(Base):
    """A person per platform. Erased (AVG): a tombstone without platform id or name, kept so
    her votes and RSVPs still count; a later message from her starts a fresh member."""

    __tablename__ = "members"
    __table_args__ = (UniqueConstraint("platform", "platform_user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    platform: Mapped[str] = mapped_column(String(16))
    platform_user_id: Mapped[str | None] = mapped_column(String(64))  # None: erased
    display_name: Mapped[str] = mapped_column(String(100))
    role: Mapped[Role] = mapped_column(_enum(Role), default=Role.MEMBER)
    language: Mapped[str] = mapped_column(String(2), default="nl")
    domain: Mapped[Domain | None] = mapped_column(_enum(Domain))
    # what the bot may send unasked (``/mijn instellingen meldingen:``)
    news: Mapped[NewsPreference] = mapped_column(
        _enum(NewsPreference), default=NewsPreference.ALL, server_default=NewsPreference.ALL.value
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    # when the first-contact privacy notice went out (once per member)
    noticed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    erased_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    @property
    def erased(self) -> bool:
        return self.platform_user_id is None


class Call(Base):
    __tablename__ = "calls"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[CallKind] = mapped_column(_enum(CallKind))
    question: Mapped[str] = mapped_column(Text)
    reason: Mapped[str | None] = mapped_column(Text)
    domain: Mapped[Domain | None] = mapped_column(_enum(Domain))
    bottleneck_id: Mapped[int | None] = mapped_column(ForeignKey("bottlenecks.id"))
    created_by: Mapped[int] = mapped_column(ForeignKey("members.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    closes_at: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class PostRef(Base):
    """Where a subject (``call:1``, ``poll:2``) was posted on a platform, so thread replies
    and button presses find their way back."""

    __tablename__ = "post_refs"
    __table_args__ = (UniqueConstraint("platform", "channel_id", "message_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    platform: Mapped[str] = mapped_column(String(16))
    subject: Mapped[str] = mapped_column(String(40), index=True)
    channel_id: Mapped[str] = mapped_column(String(64))
    message_id: Mapped[str] = mapped_column(String(64))
    thread_id: Mapped[str | None] = mapped_column(String(64), index=True)


class Bottleneck(Base):
    __tablename__ = "bottlenecks"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str | None] = mapped_column(Text)
    domain: Mapped[Domain | None] = mapped_column(_enum(Domain))
    stage: Mapped[Stage] = mapped_column(_enum(Stage), default=Stage.OOGSTEN)
    created_by: Mapped[int] = mapped_column(ForeignKey("members.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
    merged_into_id: Mapped[int | None] = mapped_column(ForeignKey("bottlenecks.id"))
    merged_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # its linked signals as staff count them (all) and as the public counts them
    # (bot.vocabulary.consent.counted_in): kept by database triggers on every insert, delete
    # and change of a signal's bottleneck or consent (migration 0011), so /knelpunt lijst
    # reads two numbers instead of counting signals. Read with a column SELECT: a loaded
    # Bottleneck does not see what a trigger wrote after it was loaded.
    staff_signal_count: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    public_signal_count: Mapped[int] = mapped_column(Integer, default=0, server_default="0")


class StageChange(Base):
    __tablename__ = "stage_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    bottleneck_id: Mapped[int] = mapped_column(ForeignKey("bottlenecks.id"), index=True)
    from_stage: Mapped[Stage | None] = mapped_column(_enum(Stage))
    to_stage: Mapped[Stage] = mapped_column(_enum(Stage))
    by_member_id: Mapped[int] = mapped_column(ForeignKey("members.id"))
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    reason: Mapped[str | None] = mapped_column(Text)


class Signal(Base):
    __tablename__ = "signals"
    __table_args__ = (
        UniqueConstraint("platform", "platform_message_id"),
        # (migration 0008) the triage queue in order and its length (/ordenen)
        Index("ix_signals_status_id", "status", "id"),
        # signals per bottleneck as a place counts them, and who sent them, from the index
        Index("ix_signals_bottleneck_consent", "bottleneck_id", "consent", "member_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int | None] = mapped_column(ForeignKey("members.id"), index=True)
    on_behalf_of: Mapped[str | None] = mapped_column(String(100))
    source: Mapped[SignalSource] = mapped_column(_enum(SignalSource))
    call_id: Mapped[int | None] = mapped_column(ForeignKey("calls.id"), index=True)
    text: Mapped[str | None] = mapped_column(Text)  # None once erased by retention
    text_erased_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    anonymous: Mapped[bool] = mapped_column(Boolean, default=False)
    # how the member lets staff use her words (bot.vocabulary.consent)
    consent: Mapped[Consent] = mapped_column(
        _enum(Consent), default=Consent.COUNT, server_default=Consent.COUNT.name
    )
    domain: Mapped[Domain | None] = mapped_column(_enum(Domain))
    status: Mapped[SignalStatus] = mapped_column(_enum(SignalStatus), default=SignalStatus.NEW)
    bottleneck_id: Mapped[int | None] = mapped_column(ForeignKey("bottlenecks.id"), index=True)
    reviewed_by: Mapped[int | None] = mapped_column(ForeignKey("members.id"))
    reviewed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)  # the digest's week
    platform: Mapped[str] = mapped_column(String(16))
    platform_message_id: Mapped[str | None] = mapped_column(String(64))
    # "Dubbel" of another signal (its bottleneck is followed); of a bottleneck: bottleneck_id
    duplicate_of_id: Mapped[int | None] = mapped_column(ForeignKey("signals.id"), index=True)
    # bumped on every triage change: a card drawn from an older version is refused
    version: Mapped[int] = mapped_column(Integer, default=0, server_default="0")


class InboundEvent(Base):
    """Inbound platform events, persisted before (or right after) the acknowledgement and
    deduplicated on the platform's event key, so retries never double anything."""

    __tablename__ = "inbound_events"
    __table_args__ = (UniqueConstraint("platform", "event_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    platform: Mapped[str] = mapped_column(String(16))
    event_key: Mapped[str] = mapped_column(String(128))
    kind: Mapped[str] = mapped_column(String(40))
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    received_at: Mapped[datetime] = mapped_column(UTCDateTime)
    processed_at: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)


class Cause(Base):
    __tablename__ = "causes"

    id: Mapped[int] = mapped_column(primary_key=True)
    bottleneck_id: Mapped[int] = mapped_column(ForeignKey("bottlenecks.id"), index=True)
    area: Mapped[CauseArea] = mapped_column(_enum(CauseArea))
    text: Mapped[str] = mapped_column(Text)
    expert: Mapped[str | None] = mapped_column(String(100))
    by_member_id: Mapped[int] = mapped_column(ForeignKey("members.id"))
    at: Mapped[datetime] = mapped_column(UTCDateTime)


class ShareItem(Base):
    __tablename__ = "share_items"

    id: Mapped[int] = mapped_column(primary_key=True)
    bottleneck_id: Mapped[int] = mapped_column(ForeignKey("bottlenecks.id"), index=True)
    form: Mapped[ShareForm] = mapped_column(_enum(ShareForm))
    text: Mapped[str] = mapped_column(Text)
    link: Mapped[str | None] = mapped_column(String(500))
    by_member_id: Mapped[int] = mapped_column(ForeignKey("members.id"))
    at: Mapped[datetime] = mapped_column(UTCDateTime)


class AgendaItem(Base):
    __tablename__ = "agenda_items"

    id: Mapped[int] = mapped_column(primary_key=True)
    bottleneck_id: Mapped[int] = mapped_column(ForeignKey("bottlenecks.id"), index=True)
    table_name: Mapped[str] = mapped_column(String(200))
    action: Mapped[ActionKind] = mapped_column(_enum(ActionKind))
    date: Mapped[datetime | None] = mapped_column(UTCDateTime)
    outcome: Mapped[str | None] = mapped_column(Text)
    follow_up: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)
    by_member_id: Mapped[int] = mapped_column(ForeignKey("members.id"))
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    # when staff were reminded of the follow-up (None: not yet, or the date moved)
    follow_up_done_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class AgendaUpdate(Base):
    """A later outcome (or new follow-up date) of an agenda step. The step keeps what was
    first recorded (and the current follow-up date); the timeline shows each update."""

    __tablename__ = "agenda_updates"

    id: Mapped[int] = mapped_column(primary_key=True)
    agenda_item_id: Mapped[int] = mapped_column(ForeignKey("agenda_items.id"), index=True)
    outcome: Mapped[str | None] = mapped_column(Text)
    follow_up: Mapped[datetime | None] = mapped_column(UTCDateTime)
    by_member_id: Mapped[int] = mapped_column(ForeignKey("members.id"))
    at: Mapped[datetime] = mapped_column(UTCDateTime)


class Poll(Base):
    __tablename__ = "polls"

    id: Mapped[int] = mapped_column(primary_key=True)
    bottleneck_id: Mapped[int] = mapped_column(ForeignKey("bottlenecks.id"), index=True)
    audience: Mapped[Audience] = mapped_column(_enum(Audience))
    created_by: Mapped[int] = mapped_column(ForeignKey("members.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    closes_at: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # closed by a merge: its votes went to this poll of the bottleneck that stayed
    merged_into_id: Mapped[int | None] = mapped_column(ForeignKey("polls.id"))
    # bumped when what the card shows changes (merged, closed): older cards are refused
    version: Mapped[int] = mapped_column(Integer, default=0, server_default="0")


VOTE_NEEDED = "needed IS NOT NULL AND needed != ''"  # a need was written (a partial index)


class Vote(Base):
    __tablename__ = "votes"
    __table_args__ = (
        UniqueConstraint("poll_id", "member_id"),
        # (migration 0008) a poll's result counted from the index alone, and its needs
        # (0011: with the voter's domain, so a poll for everyone is counted without a join)
        Index(
            "ix_votes_tally", "poll_id", "recognition", "urgency", "voter_domain", "member_id"
        ),
        Index(
            "ix_votes_needed",
            "poll_id",
            "id",
            sqlite_where=text(VOTE_NEEDED),
            postgresql_where=text(VOTE_NEEDED),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    poll_id: Mapped[int] = mapped_column(ForeignKey("polls.id"), index=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id"), index=True)
    recognition: Mapped[Recognition | None] = mapped_column(_enum(Recognition))
    urgency: Mapped[Urgency | None] = mapped_column(_enum(Urgency))
    needed: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
    # the voter's current ``members.domain`` (the result by domain), set by database triggers
    # when the vote is written and whenever her domain changes (migration 0011); whatever
    # is written here by hand is replaced by hers
    voter_domain: Mapped[Domain | None] = mapped_column(_enum(Domain))


class Feedback(Base):
    __tablename__ = "feedback"

    id: Mapped[int] = mapped_column(primary_key=True)
    bottleneck_id: Mapped[int] = mapped_column(ForeignKey("bottlenecks.id"), index=True)
    text: Mapped[str] = mapped_column(Text)
    by_member_id: Mapped[int] = mapped_column(ForeignKey("members.id"))
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    # The report-back to everyone involved goes in chunks, each its own transaction: the
    # last member id a committed chunk covered (0: none yet); None once everyone is done.
    report_cursor: Mapped[int | None] = mapped_column(Integer)


class Event(Base):
    __tablename__ = "events"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    kind: Mapped[EventKind] = mapped_column(_enum(EventKind))
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    ends_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    place: Mapped[str | None] = mapped_column(String(200))
    link: Mapped[str | None] = mapped_column(String(500))
    description: Mapped[str | None] = mapped_column(Text)
    capacity: Mapped[int | None] = mapped_column(Integer)
    reminder_offsets: Mapped[str | None] = mapped_column(String(100))  # "7d,1d"; None: config
    created_by: Mapped[int] = mapped_column(ForeignKey("members.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    cancelled_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # bumped on every change or cancellation (the .ics SEQUENCE, so calendars update)
    sequence: Mapped[int] = mapped_column(Integer, default=0, server_default="0")


class Rsvp(Base):
    __tablename__ = "rsvps"
    __table_args__ = (UniqueConstraint("event_id", "member_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id"), index=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id"))
    answer: Mapped[RsvpAnswer] = mapped_column(_enum(RsvpAnswer))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


# The order rows go out in: answers to a member who is waiting, then public posts, then
# DMs (a fan-out of thousands of DMs must not hold up a poll or a call).
URGENCY = {"ephemeral": 0, "channel": 1, "thread": 1, "reaction": 1, "edit": 1}
LEAST_URGENT = 2


def _urgency(context: Any) -> int:
    return URGENCY.get(context.get_current_parameters()["target_kind"], LEAST_URGENT)


class OutboxMessage(Base):
    """Every message the bot sends is a row first (written in the transaction of the change
    that caused it); a platform sender delivers it. The row id is the idempotency key."""

    __tablename__ = "outbox"
    __table_args__ = (
        # (migration 0012) the drainer's claim: pending rows in the order they go out,
        # read from the index (a backlog of thousands costs a claim nothing extra); the
        # few rows being sent, for leases that ran out
        Index("ix_outbox_queue", "platform", "status", "urgency", "id"),
        # (0012) a thread post or an edit finds the post that opens its thread
        Index("ix_outbox_subject", "subject", "target_kind"),
        # (migration 0008) /status: what was sent in the last 24 hours, from the index
        Index("ix_outbox_sent", "status", "sent_at", "platform"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    platform: Mapped[str] = mapped_column(String(16))
    target_kind: Mapped[str] = mapped_column(String(16))  # channel/thread/dm/ephemeral/reaction
    channel_key: Mapped[str | None] = mapped_column(String(40))
    subject: Mapped[str | None] = mapped_column(String(40))  # "call:1": thread, or what a post is
    member_id: Mapped[int | None] = mapped_column(ForeignKey("members.id"))
    reply_ref: Mapped[str | None] = mapped_column(Text)
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    status: Mapped[str] = mapped_column(String(12), default="pending", index=True)
    urgency: Mapped[int] = mapped_column(
        SmallInteger, default=_urgency, server_default=str(LEAST_URGENT)
    )
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_error: Mapped[str | None] = mapped_column(Text)
    # indexed: a pressed button's form is looked up by the message it sits on
    platform_message_id: Mapped[str | None] = mapped_column(String(64), index=True)
    # when retention or an erasure emptied the payload (indexed: retention looks for the
    # rows not yet emptied every few minutes)
    payload_erased_at: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)


# -- schedule (migration 0002) ---------------------------------------------------------------


class Reminder(Base):
    """One reminder of an event (``offset`` before its start). The row says what is due
    and what was done with it (pending -> sent / missed / cancelled), so a restart neither
    forgets nor repeats it."""

    __tablename__ = "reminders"
    __table_args__ = (UniqueConstraint("event_id", "label"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id"), index=True)
    label: Mapped[str] = mapped_column(String(10))  # "7d", "1h", "30m": also the job id
    due_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    status: Mapped[str] = mapped_column(String(12), default="pending", index=True)
    done_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class Notice(Base):
    """A close-the-loop message that reached a member: one per update (a stage change or
    a feedback item) per person, and the basis for "who heard nothing for N days"."""

    __tablename__ = "notices"
    __table_args__ = (UniqueConstraint("kind", "ref_id", "member_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))  # "stage" or "feedback"
    ref_id: Mapped[int] = mapped_column(Integer)  # stage_changes.id or feedback.id
    bottleneck_id: Mapped[int] = mapped_column(ForeignKey("bottlenecks.id"), index=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id"), index=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime)


class QueuedNews(Base):
    """News for one member that goes out bundled (``NewsKind`` in ``BUNDLED``): written by
    ``Tx.fan_out``, sent by the schedule at most once a day per member, so a restart loses
    nothing and a busy day is one message."""

    __tablename__ = "news_queue"
    __table_args__ = (UniqueConstraint("kind", "ref_id", "member_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id"), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    bottleneck_id: Mapped[int] = mapped_column(ForeignKey("bottlenecks.id"))
    ref_id: Mapped[int] = mapped_column(Integer)  # e.g. stage_changes.id
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)


class JobRun(Base):
    """A periodic job's slot that was handled (``digest:weekly`` at a given Monday 09:00),
    so it runs once per slot, also across restarts and processes."""

    __tablename__ = "job_runs"
    __table_args__ = (UniqueConstraint("job", "slot"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    job: Mapped[str] = mapped_column(String(40))
    slot: Mapped[datetime] = mapped_column(UTCDateTime)
    status: Mapped[str] = mapped_column(String(12))  # done / baseline / skipped
    at: Mapped[datetime] = mapped_column(UTCDateTime)


# -- dashboard sign-in (migration 0006) ------------------------------------------------------


class WebLink(Base):
    """A one-time sign-in link to the staff dashboard. Only a hash of the token is stored,
    so the table itself opens nothing; ``used_at`` makes it single use."""

    __tablename__ = "web_links"

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class WebSession(Base):
    """A signed-in dashboard session (the cookie holds the token; the row its hash), in
    the database so several web workers behind a load balancer agree."""

    __tablename__ = "web_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id"), index=True)
    csrf: Mapped[str] = mapped_column(String(64))
    language: Mapped[str] = mapped_column(String(2))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    last_seen_at: Mapped[datetime] = mapped_column(UTCDateTime)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


# -- privacy (migration 0007) ----------------------------------------------------------------


class AuditEntry(Base):
    """One staff action (or a refused attempt), written by the kernel in the transaction of
    the action itself. ``detail`` holds numbers and fixed values only, never free text, so
    the log holds no member's words or ids."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    member_id: Mapped[int | None] = mapped_column(ForeignKey("members.id"))  # None: the CLI
    role: Mapped[str] = mapped_column(String(16))
    action: Mapped[str] = mapped_column(String(60))  # "knelpunt fase", "knop triage", "export"
    detail: Mapped[str] = mapped_column(String(300), default="")
    outcome: Mapped[str] = mapped_column(String(12))  # ok / geweigerd
