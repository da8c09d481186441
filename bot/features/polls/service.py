"""Step 3, toetsen: recognition polls. One vote per member, changeable until the poll
closes; results with percentages, a break-down by the voters' domains, and the
community's "broadly recognised" rule."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.core import members
from bot.core.context import Tx
from bot.core.errors import Forbidden, InvalidInput, NotFound
from bot.core.i18n import percent, ratio, t
from bot.core.parsing import clean_text
from bot.core.replies import Choice, Form, FormField, Reply, Style
from bot.core.versions import bump, card_ref, parse_ref
from bot.features.bottlenecks import service as bottlenecks
from bot.features.bottlenecks.events import BottlenecksMerged
from bot.features.polls import counting
from bot.features.polls.counting import Result
from bot.settings import PollRules
from bot.storage.database import insert_missing
from bot.storage.models import Bottleneck, Poll, Vote
from bot.vocabulary.enums import Audience, Recognition, Role, Urgency, code, from_code
from bot.vocabulary.news import NewsKind

NEEDED_MAX = 1500


def subject(poll: Poll) -> str:
    return f"poll:{poll.id}"


def is_closed(poll: Poll, now: Any) -> bool:
    return poll.closed_at is not None or (poll.closes_at is not None and poll.closes_at <= now)


# -- starting ------------------------------------------------------------------------------


async def open_poll(tx: Tx, bottleneck_id: int) -> Poll | None:
    """The bottleneck's open poll (there is at most one)."""
    found = (
        await tx.session.scalars(
            select(Poll)
            .where(Poll.bottleneck_id == bottleneck_id, Poll.closed_at.is_(None))
            .order_by(Poll.id)
        )
    ).all()
    return next((p for p in found if not is_closed(p, tx.now)), None)


async def cmd_start(tx: Tx, args: dict[str, Any]) -> None:
    bottleneck = await bottlenecks.get_open(tx, args["knelpunt"])
    closes_at = args.get("sluit")
    if closes_at is not None and closes_at <= tx.now:
        raise InvalidInput("poll-close-in-past")
    running = await open_poll(tx, bottleneck.id)
    if running is not None:
        raise InvalidInput("poll-already-open", nr=running.id, bottleneck=bottleneck.id)
    poll = Poll(
        bottleneck_id=bottleneck.id,
        audience=Audience(args.get("doelgroep") or "iedereen"),
        created_by=tx.member.id,
        created_at=tx.now,
        closes_at=closes_at,
        version=0,
    )
    tx.session.add(poll)
    await tx.session.flush()
    tx.post("polls", card(tx, poll, bottleneck, tx.community.language), subject=subject(poll))
    if poll.audience is Audience.AMBASSADORS:
        ambassadors = await members.with_role(tx.session, Role.AMBASSADOR)
        tx.fan_out(ambassadors, NewsKind.POLL, lambda m: card(tx, poll, bottleneck, m.language))
    tx.answer(
        Reply(
            text=tx.t(
                "poll-started",
                nr=poll.id,
                bottleneck=bottleneck.id,
                channel=tx.community.channels.polls,
            )
        )
    )


def card(tx: Tx, poll: Poll, bottleneck: Bottleneck, lang: str, votes: int | None = None) -> Reply:
    """The poll as posted; ``votes``: the running count (shown once people voted)."""
    p = f"poll:{card_ref(poll.id, poll.version)}"
    lines = [t(lang, "poll-card-about", nr=bottleneck.id, title=bottleneck.title)]
    if bottleneck.description:
        lines.append(bottleneck.description)
    lines += ["", t(lang, "poll-card-ask")]
    if poll.audience is Audience.AMBASSADORS:
        lines.append(t(lang, "poll-card-ambassadors"))
    if poll.closes_at:
        lines.append(t(lang, "poll-card-closes", when=tx.when(poll.closes_at, lang)))
    lines.append(t(lang, "poll-card-keyboard", nr=poll.id))
    if votes:
        lines.append(t(lang, "poll-card-count", votes=votes))
    needed = Form(
        f"{p}:needed",
        t(lang, "poll-form-title"),
        (FormField("nodig", t(lang, "poll-form-label"), max_length=NEEDED_MAX),),
    )
    return Reply(
        title=t(lang, "poll-card-title", nr=poll.id),
        text="\n".join(lines),
        rows=(
            tuple(
                Choice(f"{p}:recognised:{code(r)}", t(lang, f"poll-btn-{code(r)}"), Style.PRIMARY)
                for r in Recognition
            ),
            tuple(
                Choice(f"{p}:urgency:{code(u)}", t(lang, f"poll-btn-{code(u)}")) for u in Urgency
            ),
            (Choice(f"{p}:needed", t(lang, "poll-btn-needed"), form=needed),),
        ),
    )


def closed_card(poll: Poll, bottleneck: Bottleneck, lang: str) -> Reply:
    """What the poll's post becomes when it closes: no buttons, where the result is."""
    if poll.merged_into_id is not None:
        text = t(lang, "poll-card-merged", into=poll.merged_into_id, nr=bottleneck.id)
    else:
        text = t(lang, "poll-card-closed", nr=poll.id)
    return Reply(title=t(lang, "poll-card-title", nr=poll.id), text=text)


async def refresh_post(tx: Tx, poll: Poll) -> None:
    """Edit the poll's post: the running count, or its closed state."""
    bottleneck = await tx.get(Bottleneck, poll.bottleneck_id, "bottleneck-not-found")
    lang = tx.community.language
    if poll.closed_at is not None:
        await tx.edit(subject(poll), closed_card(poll, bottleneck, lang))
        return
    votes = await counting.voters(tx.session, poll)
    await tx.edit(subject(poll), card(tx, poll, bottleneck, lang, votes))


# -- voting --------------------------------------------------------------------------------


async def _votable(tx: Tx, nr: int) -> Poll:
    # FOR SHARE: a merge or close of this poll waits for the vote, or the vote sees it
    poll = await tx.session.scalar(select(Poll).where(Poll.id == nr).with_for_update(read=True))
    if poll is None:
        raise NotFound("poll-not-found", nr=nr)
    if poll.merged_into_id is not None:
        raise InvalidInput("poll-merged", nr=poll.id, into=poll.merged_into_id)
    if is_closed(poll, tx.now):
        raise InvalidInput("poll-closed", nr=poll.id)
    if poll.audience is Audience.AMBASSADORS and tx.member.role is not Role.AMBASSADOR:
        raise Forbidden("poll-ambassadors-only", nr=poll.id)
    return poll


async def _vote(tx: Tx, poll: Poll) -> tuple[Vote, bool]:
    """The member's vote, created when missing; locked, so clicks at the same moment
    (a double click) change it one after the other instead of failing."""
    await tx.first_contact()
    new = await insert_missing(
        tx.session,
        Vote,
        {"poll_id": poll.id, "member_id": tx.member.id, "created_at": tx.now, "updated_at": tx.now},
    )
    vote = await tx.session.scalar(
        select(Vote)
        .where(Vote.poll_id == poll.id, Vote.member_id == tx.member.id)
        .with_for_update()
        .execution_options(populate_existing=True)
    )
    assert vote is not None
    vote.updated_at = tx.now
    return vote, new


async def _confirm(tx: Tx, poll: Poll, vote: Vote, new: bool) -> None:
    parts = (
        [tx.t("poll-voted-recognised", value=vote.recognition.value)] if vote.recognition else []
    )
    if vote.urgency:
        parts.append(tx.t("poll-voted-urgency", value=vote.urgency.value))
    if vote.needed:
        parts.append(tx.t("poll-voted-needed"))
    key = "poll-voted-new" if new else "poll-voted-changed"
    tx.answer(Reply(text=tx.t(key, nr=poll.id, what=", ".join(parts) or "-")))
    await tx.session.flush()
    await refresh_post(tx, poll)


async def cmd_vote(tx: Tx, args: dict[str, Any]) -> None:
    poll = await _votable(tx, args["peiling"])
    vote, new = await _vote(tx, poll)
    vote.recognition = Recognition(args["herkend"])
    if args.get("urgentie"):
        vote.urgency = Urgency(args["urgentie"])
    if args.get("nodig"):
        vote.needed = args["nodig"]
    await _confirm(tx, poll, vote, new)


async def on_action(tx: Tx, parts: list[str], values: dict[str, str]) -> None:
    """``poll:<nr>v<version>:recognised:<yes|partly|no>``, ``...:urgency:<low|medium|high>``,
    and the form ``...:needed``. A press on a card drawn before the poll changed (merged,
    moved) is refused with a fresh card."""
    ref = parse_ref(parts[0]) if len(parts) >= 2 else None
    if ref is None:
        raise InvalidInput("error-unknown-button")
    poll = await _votable(tx, ref[0])
    if ref[1] != poll.version:
        bottleneck = await tx.get(Bottleneck, poll.bottleneck_id, "bottleneck-not-found")
        votes = await counting.voters(tx.session, poll)
        fresh = card(tx, poll, bottleneck, tx.lang, votes)
        tx.answer(replace(fresh, text=tx.t("card-stale") + "\n\n" + fresh.text))
        return
    vote, new = await _vote(tx, poll)
    try:
        what = parts[1]
        if what == "recognised":
            vote.recognition = from_code(Recognition, parts[2])
        elif what == "urgency":
            vote.urgency = from_code(Urgency, parts[2])
        elif what == "needed":
            vote.needed = clean_text(values.get("nodig", ""), "nodig", NEEDED_MAX)
        else:
            raise InvalidInput("error-unknown-button")
    except (IndexError, KeyError) as exc:
        raise InvalidInput("error-unknown-button") from exc
    await _confirm(tx, poll, vote, new)


# -- results -------------------------------------------------------------------------------


async def result(tx: Tx, poll: Poll) -> Result:
    return await tally(tx.session, poll, tx.community.polls)


async def tally(session: AsyncSession, poll: Poll, rules: PollRules) -> Result:
    """The votes of a poll counted (also for the dashboard, which has no chat request)."""
    return await counting.tally(session, poll, rules)


@dataclass(frozen=True)
class Needs:
    """One page of what people wrote is needed (staff read them a page at a time)."""

    texts: list[str]
    page: int
    pages: int
    size: int  # needs a page

    @property
    def first(self) -> int:
        """The number of the page's first need (from 1)."""
        return (self.page - 1) * self.size + 1


async def needs_page(
    session: AsyncSession, poll: Poll, res: Result, page: int, size: int = counting.NEEDS_PAGE
) -> Needs:
    """Page ``page`` of the needs, ``size`` a page; past the last page: the last page
    (also the dashboard's list, with bigger pages)."""
    pages = max(1, -(-res.needed // size))
    page = min(max(page, 1), pages)
    return Needs(await counting.needs(session, poll, page, size), page, pages, size)


def render_result(
    poll: Poll, bottleneck: Bottleneck, res: Result, lang: str, needs: Needs | None
) -> Reply:
    """The result; ``needs``: the page of needs staff see (None: only how many wrote)."""
    counted = sum(res.recognition.values())
    lines = [
        t(lang, "poll-result-about", nr=bottleneck.id, title=bottleneck.title),
        t(lang, "poll-result-votes", votes=res.votes),
        "",
    ]
    lines.append(
        t(lang, "poll-result-recognised")
        + "  "
        + " · ".join(
            f"{r.value} {res.recognition[r]} ({percent(res.recognition[r], counted, lang)})"
            for r in Recognition
        )
    )
    total_urgency = sum(res.urgency.values())
    lines.append(
        t(lang, "poll-result-urgency")
        + "  "
        + " · ".join(
            f"{u.value} {res.urgency[u]} ({percent(res.urgency[u], total_urgency, lang)})"
            for u in Urgency
        )
    )
    if res.by_domain:
        lines += ["", t(lang, "poll-result-by-domain")]
        for domain, counts in sorted(res.by_domain.items()):
            n = sum(counts.values())
            lines.append(
                f"• {domain}: "
                + ", ".join(f"{r.value} {counts[r]}" for r in Recognition)
                + f" — {percent(counts[Recognition.YES] + counts[Recognition.PARTLY], n, lang)} "
                + t(lang, "poll-result-recognises")
            )
    rules = res.rules
    verdict = "poll-result-broad" if res.broadly_recognised else "poll-result-not-broad"
    lines += [
        "",
        t(
            lang,
            verdict,
            share=ratio(res.recognised_share, lang),
            votes=counted,
            min_share=round(rules.min_recognised_share * 100),
            min_votes=rules.min_votes,
        ),
    ]
    if res.needed:
        lines += ["", *_needs(poll, res, lang, needs)]
    state = "poll-result-title-closed" if poll.closed_at else "poll-result-title"
    return Reply(title=t(lang, state, nr=poll.id), text="\n".join(lines))


def _needs(poll: Poll, res: Result, lang: str, needs: Needs | None) -> list[str]:
    if needs is None:
        return [t(lang, "poll-result-needed-count", count=res.needed)]
    if needs.pages == 1:
        return [t(lang, "poll-result-needed"), *(f"• {n}" for n in needs.texts)]
    first = needs.first
    head = t(
        lang,
        "poll-result-needed-page",
        first=first,
        last=first + len(needs.texts) - 1,
        count=res.needed,
    )
    more = "poll-result-needed-more" if needs.page < needs.pages else "poll-result-needed-end"
    hint = t(lang, more, nr=poll.id, page=needs.page, pages=needs.pages, next=needs.page + 1)
    return [head, *(f"• {n}" for n in needs.texts), "", hint]


async def cmd_result(tx: Tx, args: dict[str, Any]) -> None:
    poll = await tx.get(Poll, args["nr"], "poll-not-found")
    bottleneck = await tx.get(Bottleneck, poll.bottleneck_id, "bottleneck-not-found")
    res = await result(tx, poll)
    needs = None
    if tx.is_staff and res.needed:
        needs = await needs_page(tx.session, poll, res, args.get("pagina") or 1)
    tx.answer(render_result(poll, bottleneck, res, tx.lang, needs))


async def cmd_close(tx: Tx, args: dict[str, Any]) -> None:
    poll = await tx.get(Poll, args["nr"], "poll-not-found")
    if poll.closed_at is not None:
        raise InvalidInput("poll-already-closed", nr=poll.id)
    await close(tx, poll)
    tx.answer(Reply(text=tx.t("poll-closed-ok", nr=poll.id)))


async def close(tx: Tx, poll: Poll) -> None:
    """Close the poll and post its result (also used by the schedule)."""
    poll.closed_at = tx.now
    bump(poll)
    bottleneck = await tx.get(Bottleneck, poll.bottleneck_id, "bottleneck-not-found")
    res = await result(tx, poll)
    tx.post("polls", render_result(poll, bottleneck, res, tx.community.language, None))
    await refresh_post(tx, poll)


async def on_merged(tx: Tx, merged: BottlenecksMerged) -> None:
    """Listens to ``BottlenecksMerged``: the source's polls move to the target; an open
    one closes into the target's open poll (people who voted in both count once, with
    their latest vote), or stays open as the target's only open poll."""
    target_open = await open_poll(tx, merged.target.id)
    moved = (
        await tx.session.scalars(
            select(Poll).where(Poll.bottleneck_id == merged.source.id).order_by(Poll.id)
        )
    ).all()
    for poll in moved:
        poll.bottleneck_id = merged.target.id
        bump(poll)  # its cards show the other bottleneck: outdated
        if is_closed(poll, tx.now):
            continue
        if target_open is None:
            target_open = poll
            await refresh_post(tx, poll)
            continue
        await counting.fold(tx.session, poll, target_open)
        poll.closed_at = tx.now
        poll.merged_into_id = target_open.id
        await refresh_post(tx, poll)
        await refresh_post(tx, target_open)
