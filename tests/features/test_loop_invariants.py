"""A stateful property test (Hypothesis rule-based state machine): random sequences of
signals, triage (also with outdated cards and duplicates), merges, polls and vote changes,
consent and domain changes, preferences, feedback and erasure go through the core as the console sends them, and the
invariants are checked after every step:

- each person counts at most once per poll and per bottleneck, and result counts equal
  the distinct voters that count;
- every contributor, duplicate reporter and voter of a bottleneck gets each feedback
  exactly once, none after opting out (``uit``); an erased member (a tombstone that keeps
  her votes as counts) gets nothing, and the copies she had are gone; when she acts again
  she is a fresh member, reached like anyone new;
- no signal is both niet-relevant and linked; at most one open poll per bottleneck;
- the counts the database keeps (migration 0011) equal a recount: each bottleneck's linked
  signals as staff and the public count them, and the result by the voters' current domain."""

from __future__ import annotations

import asyncio
import json
import shutil
import tempfile
from collections import Counter
from pathlib import Path

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule
from sqlalchemy import func, select, text

from bot.app import App
from bot.clock import FakeClock
from bot.core.context import Actor
from bot.features.bottlenecks.queries import counted, signal_counts
from bot.features.polls import counting
from bot.features.reports.export import export
from bot.settings import Community
from bot.storage.models import Member, OutboxMessage, Poll, Signal, Vote
from bot.vocabulary.consent import Place
from bot.vocabulary.enums import Consent, Domain, Role, SignalStatus
from tests.conftest import make_app, migrated_template
from tests.helpers import python_counted, python_latest, python_tally

PEOPLE = {"anna": Role.MEMBER, "bert": Role.AMBASSADOR, "cor": Role.MEMBER,
          "dirk": Role.AMBASSADOR}
STAFF = Actor("console", "vera", "vera", Role.STAFF, "console:vera")


def actor(name: str) -> Actor:
    return Actor("console", name, name, PEOPLE[name], f"console:{name}")


class Loop(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.loop = asyncio.new_event_loop()
        self.folder = Path(tempfile.mkdtemp(prefix="sb-loop-"))
        shutil.copyfile(migrated_template(), self.folder / "bot.db")
        self.clock = FakeClock()
        self.app: App = self.run(make_app(f"sqlite:///{self.folder / 'bot.db'}", Community(),
                                          self.clock))
        self.signals = 0
        self.bottlenecks = 0
        self.feedback: dict[str, set[str]] = {}  # feedback text -> who must have it
        self.off: set[str] = set()  # "uit": no feedback

    def run(self, work):  # type: ignore[no-untyped-def]
        return self.loop.run_until_complete(work)

    def teardown(self) -> None:
        self.run(self.app.close())
        self.loop.close()
        shutil.rmtree(self.folder, ignore_errors=True)

    def command(self, who: Actor, line: str) -> None:
        self.clock.advance(minutes=1)
        self.run(self.app.core.command(who, line))

    def press(self, who: Actor, action: str) -> None:
        self.clock.advance(minutes=1)
        self.run(self.app.core.press(who, action))

    async def one(self, query):  # type: ignore[no-untyped-def]
        async with self.app.sessions() as session:
            return (await session.execute(query)).all()

    # -- rules -------------------------------------------------------------------------

    @rule(who=st.sampled_from(sorted(PEOPLE)), words=st.sampled_from(
        ["wachtlijst jeugdhulp", "geen opvang", "wachtlijst voor de jeugdhulp is lang"]))
    def report(self, who: str, words: str) -> None:
        self.command(actor(who), f'/signaal tekst:"{words}"')
        self.signals += 1

    @precondition(lambda self: self.signals > 0)
    @rule(data=st.data())
    def new_bottleneck(self, data: st.DataObject) -> None:
        nr = data.draw(st.integers(1, self.signals))
        self.command(STAFF, f'/knelpunt nieuw titel:"K{self.bottlenecks + 1}" signaal:{nr}')
        self.bottlenecks += 1

    @precondition(lambda self: self.signals > 0)
    @rule(data=st.data(), stale=st.booleans())
    def triage(self, data: st.DataObject, stale: bool) -> None:
        nr = data.draw(st.integers(1, self.signals))
        choices = ["relevant", "irrelevant", *(f"dup:s{i}" for i in range(1, self.signals + 1))]
        choices += [f"link:{b}" for b in range(1, self.bottlenecks + 1)]
        choices += [f"dup:b{b}" for b in range(1, self.bottlenecks + 1)]
        what = data.draw(st.sampled_from(choices))
        ((version,),) = self.run(self.one(select(Signal.version).where(Signal.id == nr)))
        self.press(STAFF, f"triage:{nr}v{version - 1 if stale else version}:{what}")

    @precondition(lambda self: self.bottlenecks > 1)
    @rule(data=st.data())
    def merge(self, data: st.DataObject) -> None:
        a, b = data.draw(st.permutations(range(1, self.bottlenecks + 1)))[:2]
        self.command(STAFF, f"/knelpunt samenvoegen van:{a} naar:{b}")

    @precondition(lambda self: self.bottlenecks > 0)
    @rule(data=st.data(), ambassadors=st.booleans())
    def start_poll(self, data: st.DataObject, ambassadors: bool) -> None:
        b = data.draw(st.integers(1, self.bottlenecks))
        audience = " doelgroep:ambassadeurs" if ambassadors else ""
        self.command(STAFF, f"/peiling start knelpunt:{b}{audience}")

    @rule(who=st.sampled_from([*sorted(PEOPLE), "vera"]), poll=st.integers(1, 2),
          answer=st.sampled_from(["ja", "deels", "nee"]))
    def vote(self, who: str, poll: int, answer: str) -> None:
        person = STAFF if who == "vera" else actor(who)
        self.command(person, f"/stem peiling:{poll} herkend:{answer}")

    @rule(who=st.sampled_from(sorted(PEOPLE)),
          preference=st.sampled_from(["alles", "alles", "terugkoppeling", "uit"]))
    def prefer(self, who: str, preference: str) -> None:
        self.command(actor(who), f"/mijn instellingen meldingen:{preference}")
        if who in self.off and preference != "uit":
            self.off.discard(who)
        if preference == "uit":
            self.off.add(who)

    @precondition(lambda self: self.signals > 0)
    @rule(data=st.data(), consent=st.sampled_from([c.value for c in Consent]))
    def change_consent(self, data: st.DataObject, consent: str) -> None:
        """The author changes how one of her signals may be used (made likely: mostly a
        linked one, which counts, by its author: anyone else is refused)."""
        linked = self.run(self.one(select(Signal.id).where(Signal.bottleneck_id.is_not(None))))
        nr = data.draw(st.sampled_from([i for (i,) in linked]) if linked and data.draw(
            st.booleans()) else st.integers(1, self.signals))
        author = self.run(self.one(
            select(Member.platform_user_id).join(Signal, Signal.member_id == Member.id)
            .where(Signal.id == nr)))  # none when erased
        name = author[0][0] if author else None
        who = name if name in PEOPLE else data.draw(st.sampled_from(sorted(PEOPLE)))
        self.command(actor(who), f"/mijn signalen signaal:{nr} gebruik:{consent}")

    @rule(data=st.data(), domain=st.sampled_from([d.value for d in Domain]))
    def change_domain(self, data: st.DataObject, domain: str) -> None:
        """She moves to another domain: mostly someone who voted (made likely)."""
        voted = self.run(self.one(
            select(Member.platform_user_id).where(Member.id.in_(select(Vote.member_id)))))
        voters = sorted({n for (n,) in voted} & set(PEOPLE))
        who = data.draw(st.sampled_from(voters if voters and data.draw(st.booleans())
                                        else sorted(PEOPLE)))
        self.command(actor(who), f"/mijn instellingen domein:{domain}")

    @precondition(lambda self: self.bottlenecks > 0)
    @rule(data=st.data(), who=st.sampled_from(sorted(PEOPLE)),
          domain=st.sampled_from([d.value for d in Domain]))
    def vote_then_move(self, data: st.DataObject, who: str, domain: str) -> None:
        """She votes in a poll, then moves domain: her vote counts in the new one (the
        case the kept voter domain exists for, made likely instead of left to chance)."""
        self.start_poll(data, ambassadors=data.draw(st.booleans()))
        ((last,),) = self.run(self.one(select(func.max(Poll.id))))
        if last is not None:
            self.vote(who, last, data.draw(st.sampled_from(["ja", "deels", "nee"])))
        self.command(actor(who), f"/mijn instellingen domein:{domain}")

    @rule(who=st.sampled_from(sorted(PEOPLE)))
    def erase(self, who: str) -> None:
        """She becomes a tombstone (no name: ``involved`` sees None) whose votes still
        count; the feedback she got is erased with her. Her next action makes a fresh
        member by her name, with the default preference."""
        self.press(actor(who), "privacy:erase:confirm")
        self.off.discard(who)
        for expected in self.feedback.values():
            expected.discard(who)

    @precondition(lambda self: self.bottlenecks > 0)
    @rule(data=st.data())
    def feedback(self, data: st.DataObject) -> None:
        self.feedback_on(data.draw(st.integers(1, self.bottlenecks)))

    def feedback_on(self, b: int) -> None:
        marker = f"fb{len(self.feedback) + 1}"
        expected = self.run(self.involved(b))
        self.command(STAFF, f'/terugkoppeling knelpunt:{b} tekst:"{marker}"')
        ((merged,),) = self.run(self.one(text(
            f"SELECT merged_into_id FROM bottlenecks WHERE id = {b}")))
        # tombstones (None) are involved through their votes, but reached never
        self.feedback[marker] = set() if merged else expected - self.off - {None}

    @precondition(lambda self: self.bottlenecks > 0)
    @rule(data=st.data(), preference=st.sampled_from(["uit", "terugkoppeling"]))
    def opt_out_then_report_back(self, data: st.DataObject, preference: str) -> None:
        """Someone involved changes their preference, then staff report back: the case
        the preference rule exists for, made likely instead of left to chance."""
        b = data.draw(st.integers(1, self.bottlenecks))
        people = sorted(self.run(self.involved(b)) & set(PEOPLE))
        if people:
            self.prefer(data.draw(st.sampled_from(people)), preference)
        self.feedback_on(b)

    async def involved(self, b: int) -> set[str | None]:
        """Who contributed (also duplicates) or voted, asked in SQL of our own."""
        rows = await self.one(text(
            "SELECT m.platform_user_id FROM members m WHERE m.id IN ("
            " SELECT member_id FROM signals WHERE bottleneck_id = :b"
            " UNION SELECT v.member_id FROM votes v JOIN polls p ON p.id = v.poll_id"
            " WHERE p.bottleneck_id = :b)").bindparams(b=b))
        return {name for (name,) in rows} - {"vera"}

    # -- invariants --------------------------------------------------------------------

    @invariant()
    def no_signal_both_not_relevant_and_linked(self) -> None:
        rows = self.run(self.one(select(Signal.status, Signal.bottleneck_id,
                                        Signal.duplicate_of_id)))
        for status, bottleneck, duplicate_of in rows:
            if status is SignalStatus.NOT_RELEVANT:
                assert bottleneck is None and duplicate_of is None

    @invariant()
    def kept_counts_equal_a_recount(self) -> None:
        async def check() -> None:
            async with self.app.sessions() as session:
                ids = list(range(1, self.bottlenecks + 1))
                for place in (Place.STAFF, Place.PUBLIC):
                    recount = await session.execute(
                        select(Signal.bottleneck_id, func.count())
                        .where(Signal.bottleneck_id.is_not(None), counted(place))
                        .group_by(Signal.bottleneck_id))
                    kept = await signal_counts(session, ids, place)
                    assert kept == {b: n for b, n in recount.all()}, place
                for poll in (await session.scalars(select(Poll))).all():
                    by_domain = python_tally(await python_counted(session, poll))[3]
                    tally = await counting.tally(session, poll, self.app.community.polls)
                    assert tally.by_domain == by_domain

        self.run(check())

    @invariant()
    def people_count_once(self) -> None:
        async def check() -> None:
            async with self.app.sessions() as session:
                polls = (await session.scalars(select(Poll))).all()
                open_per_bottleneck = Counter(p.bottleneck_id for p in polls if not p.closed_at)
                assert all(n <= 1 for n in open_per_bottleneck.values())
                for poll in polls:
                    counted = await python_counted(session, poll)
                    voters = {m.id for _, m in counted}
                    assert len(counted) == len(voters)
                    tally = await counting.tally(session, poll, self.app.community.polls)
                    assert tally.votes == len(voters)
            (file,) = await export(
                self.app.sessions, self.app.community, "json", self.clock.now()
            )
            data = json.loads(file.data)
            async with self.app.sessions() as session:
                for row in data["knelpunten"]:
                    people, _ = await python_latest(session, row["nr"])
                    assert row["stemmen"] == people
                    assert row["herkend_ja"] + row["herkend_deels"] + row["herkend_nee"] <= (
                        row["stemmen"])

        self.run(check())

    @invariant()
    def each_feedback_reaches_each_involved_person_exactly_once(self) -> None:
        rows = self.run(self.one(
            select(Member.platform_user_id, OutboxMessage.payload)
            .join(Member, Member.id == OutboxMessage.member_id)
            .where(OutboxMessage.target_kind == "dm")))
        got: dict[str, Counter[str]] = {marker: Counter() for marker in self.feedback}
        for name, payload in rows:
            for marker in self.feedback:
                if f"\n{marker}\n" in payload.get("text", ""):
                    got[marker][name] += 1
        for marker, expected in self.feedback.items():
            assert set(got[marker]) == expected, (marker, got[marker], expected)
            assert all(n == 1 for n in got[marker].values())


TestLoop = Loop.TestCase
TestLoop.settings = settings(max_examples=20, stateful_step_count=30, deadline=None,
                             suppress_health_check=[HealthCheck.too_slow])
