"""Members: who they are per platform, their role and preferences."""

from __future__ import annotations

from datetime import datetime
from functools import cache
from typing import Any

from sqlalchemy import bindparam, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.core.context import CREATED_MEMBERS, Actor, keep
from bot.core.i18n import t
from bot.core.parsing import blank, scrub
from bot.storage.database import dialect_insert, insert_object, insert_objects
from bot.storage.models import Call, Member
from bot.vocabulary.enums import Role

# built once: every request looks its member up
FIND = select(Member).where(
    Member.platform == bindparam("platform"), Member.platform_user_id == bindparam("user")
)

FIND_MANY = select(Member).where(
    Member.platform == bindparam("platform"),
    Member.platform_user_id.in_(bindparam("users", expanding=True)),
)

# members already looked up, by platform and user id (None: there is no such member yet)
Known = dict[tuple[str, str], Member | None]

# a thread reply's call with her member (none yet: NULL), in one round trip
FIND_WITH_CALL = (
    select(Call, Member)
    .select_from(Call)
    .outerjoin(
        Member,
        (Member.platform == bindparam("platform")) & (Member.platform_user_id == bindparam("user")),
    )
    .where(Call.id == bindparam("call"))
)


async def find_with_call(session: AsyncSession, actor: Actor, call: int) -> Known | None:
    """Her member (for ``upsert``) and the call her thread reply goes to (for ``Tx.kept``),
    looked up together: a message stored on its own pays a round trip per statement.
    None when there is no such call (the reply handler says so)."""
    row = (await session.execute(FIND_WITH_CALL, {**_found(actor), "call": call})).first()
    if row is None:
        return None
    keep(session, row[0])
    return {(actor.platform, actor.user_id): row[1]}


async def preload(session: AsyncSession, actors: list[Actor], now: datetime) -> Known:
    """The members of several requests (a batch of messages) in one look-up per platform,
    the new ones created in one INSERT, for ``upsert`` to find without asking again."""
    known: Known = {(a.platform, a.user_id): None for a in actors}
    for platform in {a.platform for a in actors}:
        users = [a.user_id for a in actors if a.platform == platform]
        for member in await session.scalars(FIND_MANY, {"platform": platform, "users": users}):
            known[(platform, member.platform_user_id or "")] = member
    # of her messages in the batch the first one names her (``upsert`` renames her after)
    new = {key: a for a in reversed(actors) if known[key := (a.platform, a.user_id)] is None}
    if new:
        rows = [_new(a, _given(a), now) for a in new.values()]
        for member in await insert_objects(session, Member, rows):
            known[(member.platform, member.platform_user_id or "")] = _created(session, member)
    return known  # a member inserted meanwhile by another transaction: ``upsert`` finds her


async def upsert(
    session: AsyncSession, actor: Actor, now: datetime, known: Known | None = None
) -> Member:
    """Find (in ``known`` first) or create the member; the platform's current role and
    name win (no name: the platform did not say it yet; she keeps hers, a new member is
    named by her user id). Two first messages of a new member at once both find the one
    row (insert … on conflict). An erased member has no platform id left, so her next
    message starts a fresh member."""
    found = _found(actor)
    given = _given(actor)
    key = (actor.platform, actor.user_id)
    if known is not None and key in known:
        member = known[key]  # None: ``preload`` asked already, she is new
    else:
        member = await session.scalar(FIND, found)
    if member is None:
        member = await insert_object(session, Member, _new(actor, given, now))
        if member is not None:
            _created(session, member)
        else:  # a concurrent first message of hers inserted the row a moment ago
            member = await session.scalar(FIND, found)
        assert member is not None
    if known is not None:
        known[key] = member
    # assigned only when changed: an unchanged member is no row for the flush to visit
    if member.role != actor.role:
        member.role = actor.role
    if given and member.display_name != given:
        member.display_name = given
    return member


def _found(actor: Actor) -> dict[str, str]:
    return {"platform": actor.platform, "user": actor.user_id}


def _created(session: AsyncSession, member: Member) -> Member:
    session.info.setdefault(CREATED_MEMBERS, set()).add(member.id)
    return member


def _given(actor: Actor) -> str:
    """The name the platform gives her, as a member is named (empty: none given, or one
    that shows nothing)."""
    name = scrub(actor.name).strip()[:100]
    return "" if blank(name) else name


def _new(actor: Actor, name: str, now: datetime) -> dict[str, Any]:
    """A new member's row, named as given (no name yet: by her user id)."""
    return {
        "platform": actor.platform,
        "platform_user_id": actor.user_id,
        "display_name": name or actor.user_id[:100],
        "role": actor.role,
        "language": "nl",
        "created_at": now,
    }


async def rename(session: AsyncSession, actors: list[Actor], now: datetime) -> None:
    """Members named as their platform now calls them, in one statement: renamed, or
    created so named when their first message is not stored yet (``upsert`` finds her
    then). For names a platform tells later than the message (Slack)."""
    # one row per member, the name told last
    rows = {(a.platform, a.user_id): _new(a, name, now) for a in actors if (name := _given(a))}
    if rows:
        await session.execute(_renaming(session.get_bind().dialect.name), list(rows.values()))


@cache  # built once per dialect
def _renaming(dialect: str) -> Any:
    insert = dialect_insert(dialect)
    statement = insert(Member)
    named = statement.excluded.display_name
    return statement.on_conflict_do_update(
        index_elements=["platform", "platform_user_id"],
        set_={"display_name": named},
        where=Member.display_name != named,
    )


async def with_role(session: AsyncSession, role: Role) -> list[Member]:
    return list((await session.scalars(select(Member).where(Member.role == role))).all())


def shown_name(member: Member | None, anonymous: bool = False, lang: str = "nl") -> str:
    if anonymous or member is None:
        return t(lang, "name-anonymous")
    if member.erased:
        return t(lang, "name-erased")
    return f"@{member.display_name}"
