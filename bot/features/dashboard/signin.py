"""Signing in to the staff dashboard: one-time links and sessions.

A link is ``<base_url>/dashboard/login/<token>.<signature>``: the token is random, the
signature (HMAC with BOT_WEB_SECRET) lets a forged or mangled link be refused before the
database is asked, and the database row makes it short-lived and single use. Sessions are
rows too, so several web workers agree. Only hashes of tokens are stored: a copy of the
database opens nothing. Sign-ins (and a staff member's link that no longer works) and
links made on the command line are recorded in the audit log: they do not pass through
``Core.command``, which records everything else staff do."""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from sqlalchemy import delete, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.core import audit, members
from bot.core.context import Actor
from bot.core.i18n import LANGUAGES
from bot.settings import Dashboard
from bot.storage.models import Member, WebLink, WebSession
from bot.vocabulary.enums import Role

LINK_PATH = "/dashboard/login/"
TOUCH_SECONDS = 60  # last_seen_at is written at most once a minute per session
KEEP_ENDED = timedelta(days=7)  # used links and ended sessions are purged after this
SIGN_IN = "dashboard aanmelden"  # the audit log's action for a sign-in


class Problem(StrEnum):
    """Why a sign-in link does not work (each has a text ``web-link-<value>``)."""

    INVALID = "invalid"
    EXPIRED = "expired"
    USED = "used"
    NOT_STAFF = "not-staff"


class NoStaffMember(LookupError):
    """``dashboard-link NAAM``: nobody (or not one staff member) by that name."""


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _signature(key: bytes, token: str) -> str:
    mac = hmac.new(key, b"signin:" + token.encode("utf-8"), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(mac).rstrip(b"=").decode("ascii")


async def new_link(
    session: AsyncSession, member: Member, now: datetime, key: bytes, config: Dashboard
) -> str:
    """A fresh sign-in link for a staff member."""
    token = secrets.token_urlsafe(32)
    session.add(
        WebLink(
            token_hash=_digest(token),
            member_id=member.id,
            created_at=now,
            expires_at=now + timedelta(minutes=config.link_minutes),
        )
    )
    return f"{config.base_url}{LINK_PATH}{token}.{_signature(key, token)}"


@dataclass(frozen=True)
class Checked:
    link: WebLink | None
    member: Member | None
    problem: Problem | None


async def check_link(session: AsyncSession, raw: str, now: datetime, key: bytes) -> Checked:
    """Whether a link would sign someone in, without using it (the confirmation page)."""
    token, _, signature = raw.partition(".")
    if not token or not hmac.compare_digest(signature, _signature(key, token)):
        return Checked(None, None, Problem.INVALID)
    link = await session.scalar(select(WebLink).where(WebLink.token_hash == _digest(token)))
    if link is None:
        return Checked(None, None, Problem.INVALID)
    member = await session.get(Member, link.member_id)
    if link.used_at is not None:
        return Checked(link, member, Problem.USED)
    if link.expires_at <= now:
        return Checked(link, member, Problem.EXPIRED)
    if member is None or member.role is not Role.STAFF:
        return Checked(link, member, Problem.NOT_STAFF)
    return Checked(link, member, None)


@dataclass(frozen=True)
class Redeemed:
    problem: Problem | None
    cookie: str | None = None  # the session token for the browser's cookie


async def redeem(
    session: AsyncSession, raw: str, now: datetime, key: bytes, config: Dashboard
) -> Redeemed:
    """Use the link once and open a session. Marking it used is one conditional update,
    so two clicks at the same moment (or two workers) cannot both get in."""
    checked = await check_link(session, raw, now, key)
    if checked.problem is not None or checked.link is None or checked.member is None:
        return _refused(session, now, checked.member, checked.problem or Problem.INVALID)
    claimed = await session.execute(
        update(WebLink)
        .where(WebLink.id == checked.link.id, WebLink.used_at.is_(None))
        .values(used_at=now)
    )
    if getattr(claimed, "rowcount", 0) != 1:
        return _refused(session, now, checked.member, Problem.USED)
    audit.record(session, now, checked.member, SIGN_IN, f"link #{checked.link.id}")
    cookie = secrets.token_urlsafe(32)
    session.add(
        WebSession(
            token_hash=_digest(cookie),
            member_id=checked.member.id,
            csrf=secrets.token_urlsafe(32),
            language=checked.member.language,
            created_at=now,
            last_seen_at=now,
            expires_at=now + timedelta(hours=config.session_hours),
        )
    )
    await _purge(session, now)
    return Redeemed(None, cookie)


def _refused(
    session: AsyncSession, now: datetime, member: Member | None, problem: Problem
) -> Redeemed:
    """A link that does not sign in; audited when it is someone's (a forged one is not)."""
    if member is not None:
        audit.record(session, now, member, SIGN_IN, problem.value, audit.REFUSED)
    return Redeemed(problem)


@dataclass(frozen=True)
class SignedIn:
    session: WebSession
    member: Member


async def signed_in(
    session: AsyncSession, cookie: str | None, now: datetime, config: Dashboard
) -> SignedIn | None:
    """The open session of a staff member behind a cookie, or None: no cookie, unknown,
    signed out, expired, idle too long, or the member is no longer staff."""
    if not cookie:
        return None
    row = await session.scalar(select(WebSession).where(WebSession.token_hash == _digest(cookie)))
    if row is None or row.ended_at is not None or row.expires_at <= now:
        return None
    if row.last_seen_at + timedelta(minutes=config.idle_minutes) <= now:
        return None
    member = await session.get(Member, row.member_id)
    if member is None or member.role is not Role.STAFF:
        return None
    if (now - row.last_seen_at).total_seconds() >= TOUCH_SECONDS:
        row.last_seen_at = now
    return SignedIn(row, member)


async def sign_out(session: AsyncSession, cookie: str | None, now: datetime) -> None:
    if cookie:
        await session.execute(
            update(WebSession)
            .where(WebSession.token_hash == _digest(cookie), WebSession.ended_at.is_(None))
            .values(ended_at=now)
        )


async def set_language(session: AsyncSession, session_id: int, lang: str) -> None:
    """The dashboard's language for this session (Dutch or English)."""
    if lang in LANGUAGES:
        await session.execute(
            update(WebSession).where(WebSession.id == session_id).values(language=lang)
        )


async def _purge(session: AsyncSession, now: datetime) -> None:
    """Old links and sessions go, so the tables stay small."""
    before = now - KEEP_ENDED
    await session.execute(delete(WebLink).where(WebLink.expires_at < before))
    await session.execute(
        delete(WebSession).where(or_(WebSession.expires_at < before, WebSession.ended_at < before))
    )


async def find_staff(session: AsyncSession, name: str) -> list[Member]:
    """Staff members known by this name: the platform's user id, the shown name, or
    ``platform:user_id``."""
    wanted = name.strip().lstrip("@").lower()
    platform, _, user = wanted.partition(":")
    by_name = or_(
        func.lower(Member.platform_user_id) == wanted, func.lower(Member.display_name) == wanted
    )
    if user:
        by_name = or_(
            by_name,
            (Member.platform == platform) & (func.lower(Member.platform_user_id) == user),
        )
    found = (await session.scalars(select(Member).where(by_name).order_by(Member.id))).all()
    return [m for m in found if m.role is Role.STAFF]


async def link_for(
    session: AsyncSession,
    name: str,
    now: datetime,
    key: bytes,
    config: Dashboard,
    *,
    console: bool,
) -> str:
    """``python -m bot dashboard-link NAAM``: a link for the staff member by that name. In
    a console set-up (``console``) a new name becomes a console staff member, as typing
    ``@naam:staf`` in the console would."""
    found = await find_staff(session, name)
    if not found:
        known = await session.scalar(
            select(func.count()).where(
                or_(
                    func.lower(Member.platform_user_id) == name.strip().lower(),
                    func.lower(Member.display_name) == name.strip().lower(),
                )
            )
        )
        if known or not console or not name.strip():
            raise NoStaffMember(f"Geen stafmedewerker met de naam {name!r}.")
        user = name.strip().lower()[:64]
        found = [await members.upsert(session, Actor("console", user, user, Role.STAFF), now)]
    if len(found) > 1:
        options = ", ".join(f"{m.platform}:{m.platform_user_id}" for m in found)
        raise NoStaffMember(f"Meer dan één stafmedewerker heet {name!r}; kies uit: {options}")
    await session.flush()  # a new console member gets its number
    audit.record(session, now, None, "dashboard-link", f"lid #{found[0].id}")
    return await new_link(session, found[0], now, key, config)
