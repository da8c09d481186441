"""Step 3, toetsen: recognition polls. One vote per member, changeable until the poll
closes; results with percentages, a break-down by the voters' domains, and the
community's "broadly recognised" rule."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select

from bot.core import members
from bot.core.context import Tx
from bot.core.errors import Forbidden, InvalidInput
from bot.core.i18n import percent, ratio, t
from bot.core.parsing import clean_text
from bot.core.replies import Choice, Form, FormField, Reply, Style
from bot.features.bottlenecks import service as bottlenecks
from bot.settings import PollRules
from bot.storage.models import Bottleneck, Member, Poll, Vote
from bot.vocabulary import polls as rule
from bot.vocabulary.enums import Audience, Recognition, Role, Urgency, code, from_code

NEEDED_MAX = 1500


def subject(poll: Poll) -> str:
    return f"poll:{poll.id}"


def is_closed(poll: Poll, now: Any) -> bool:
    return poll.closed_at is not None or (poll.closes_at is not None and poll.closes_at <= now)


# -- starting ------------------------------------------------------------------------------


async def cmd_start(tx: Tx, args: dict[str, Any]) -> None:
    bottleneck = await bottlenecks.get_open(tx, args["knelpunt"])
    closes_at = args.get("sluit")
    if closes_at is not None and closes_at <= tx.now:
        raise InvalidInput("poll-close-in-past")
    poll = Poll(
        bottleneck_id=bottleneck.id,
        audience=Audience(args.get("doelgroep") or "iedereen"),
        created_by=tx.member.id,
        created_at=tx.now,
        closes_at=closes_at,
    )
    tx.session.add(poll)
    await tx.session.flush()
    tx.post("polls", card(tx, poll, bottleneck, tx.community.language), subject=subject(poll))
    if poll.audience is Audience.AMBASSADORS:
        for ambassador in await members.with_role(tx.session, Role.AMBASSADOR):
            tx.dm(ambassador, card(tx, poll, bottleneck, ambassador.language))
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


def card(tx: Tx, poll: Poll, bottleneck: Bottleneck, lang: str) -> Reply:
    p = f"poll:{poll.id}"
    lines = [t(lang, "poll-card-about", nr=bottleneck.id, title=bottleneck.title)]
    if bottleneck.description:
        lines.append(bottleneck.description)
    lines += ["", t(lang, "poll-card-ask")]
    if poll.audience is Audience.AMBASSADORS:
        lines.append(t(lang, "poll-card-ambassadors"))
    if poll.closes_at:
        lines.append(t(lang, "poll-card-closes", when=tx.when(poll.closes_at, lang)))
    lines.append(t(lang, "poll-card-keyboard", nr=poll.id))
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


# -- voting --------------------------------------------------------------------------------


async def _votable(tx: Tx, nr: int) -> Poll:
    poll = await tx.get(Poll, nr, "poll-not-found")
    if is_closed(poll, tx.now):
        raise InvalidInput("poll-closed", nr=poll.id)
    if poll.audience is Audience.AMBASSADORS and tx.member.role is Role.MEMBER:
        raise Forbidden("poll-ambassadors-only", nr=poll.id)
    return poll


async def _vote(tx: Tx, poll: Poll) -> tuple[Vote, bool]:
    await tx.first_contact()
    vote = await tx.session.scalar(
        select(Vote).where(Vote.poll_id == poll.id, Vote.member_id == tx.member.id)
    )
    if vote is not None:
        vote.updated_at = tx.now
        return vote, False
    vote = Vote(poll_id=poll.id, member_id=tx.member.id, created_at=tx.now, updated_at=tx.now)
    tx.session.add(vote)
    return vote, True


def _confirm(tx: Tx, poll: Poll, vote: Vote, new: bool) -> None:
    parts = (
        [tx.t("poll-voted-recognised", value=vote.recognition.value)] if vote.recognition else []
    )
    if vote.urgency:
        parts.append(tx.t("poll-voted-urgency", value=vote.urgency.value))
    if vote.needed:
        parts.append(tx.t("poll-voted-needed"))
    key = "poll-voted-new" if new else "poll-voted-changed"
    tx.answer(Reply(text=tx.t(key, nr=poll.id, what=", ".join(parts) or "-")))


async def cmd_vote(tx: Tx, args: dict[str, Any]) -> None:
    poll = await _votable(tx, args["peiling"])
    vote, new = await _vote(tx, poll)
    vote.recognition = Recognition(args["herkend"])
    if args.get("urgentie"):
        vote.urgency = Urgency(args["urgentie"])
    if args.get("nodig"):
        vote.needed = args["nodig"]
    _confirm(tx, poll, vote, new)


async def on_action(tx: Tx, parts: list[str], values: dict[str, str]) -> None:
    """``poll:<nr>:recognised:<yes|partly|no>``, ``poll:<nr>:urgency:<low|medium|high>``,
    and the form ``poll:<nr>:needed``."""
    if not parts or not parts[0].isdigit():
        raise InvalidInput("error-unknown-button")
    poll = await _votable(tx, int(parts[0]))
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
    _confirm(tx, poll, vote, new)


# -- results -------------------------------------------------------------------------------


@dataclass
class Result:
    votes: int
    recognition: Counter[Recognition]
    urgency: Counter[Urgency]
    by_domain: dict[str, Counter[Recognition]]
    rules: PollRules
    needed: list[str] = field(default_factory=list)

    @property
    def recognised_share(self) -> float:
        return rule.share(self.recognition, *rule.RECOGNISING)

    @property
    def broadly_recognised(self) -> bool:
        return rule.broadly_recognised(
            self.recognition, self.rules.min_votes, self.rules.min_recognised_share
        )


async def result(tx: Tx, poll: Poll) -> Result:
    rows = (
        await tx.session.execute(
            select(Vote, Member)
            .join(Member, Member.id == Vote.member_id)
            .where(Vote.poll_id == poll.id)
            .order_by(Vote.id)
        )
    ).all()
    res = Result(len(rows), Counter(), Counter(), {}, tx.community.polls)
    for vote, member in rows:
        if vote.recognition:
            res.recognition[vote.recognition] += 1
            domain = member.domain.value if member.domain else "onbekend"
            res.by_domain.setdefault(domain, Counter())[vote.recognition] += 1
        if vote.urgency:
            res.urgency[vote.urgency] += 1
        if vote.needed:
            res.needed.append(vote.needed)
    return res


def render_result(
    poll: Poll, bottleneck: Bottleneck, res: Result, lang: str, with_needed: bool
) -> Reply:
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
        if with_needed:
            lines += ["", t(lang, "poll-result-needed")] + [f"• {n}" for n in res.needed]
        else:
            lines += ["", t(lang, "poll-result-needed-count", count=len(res.needed))]
    state = "poll-result-title-closed" if poll.closed_at else "poll-result-title"
    return Reply(title=t(lang, state, nr=poll.id), text="\n".join(lines))


async def cmd_result(tx: Tx, args: dict[str, Any]) -> None:
    poll = await tx.get(Poll, args["nr"], "poll-not-found")
    bottleneck = await tx.get(Bottleneck, poll.bottleneck_id, "bottleneck-not-found")
    res = await result(tx, poll)
    tx.answer(render_result(poll, bottleneck, res, tx.lang, with_needed=tx.is_staff))


async def cmd_close(tx: Tx, args: dict[str, Any]) -> None:
    poll = await tx.get(Poll, args["nr"], "poll-not-found")
    if poll.closed_at is not None:
        raise InvalidInput("poll-already-closed", nr=poll.id)
    await close(tx, poll)
    tx.answer(Reply(text=tx.t("poll-closed-ok", nr=poll.id)))


async def close(tx: Tx, poll: Poll) -> None:
    """Close the poll and post its result (also used by the schedule)."""
    poll.closed_at = tx.now
    bottleneck = await tx.get(Bottleneck, poll.bottleneck_id, "bottleneck-not-found")
    res = await result(tx, poll)
    tx.post("polls", render_result(poll, bottleneck, res, tx.community.language, with_needed=False))
