"""A property test (Hypothesis): random sequences of what members do — thread replies, DMs,
signals with any consent and anonymity, votes with "wat is er nodig?", RSVPs, consent
changes, staff triage and result views that copy their words — then one member is erased,
by herself or by staff. Whatever came before:

- no text or JSON column of any table holds her words, her platform id or her message refs;
- everyone else's words are still there;
- poll results (recognition, urgency, per domain) and RSVP counts are unchanged."""

from __future__ import annotations

import asyncio
import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from bot.clock import FakeClock
from bot.core.context import Actor
from bot.features.events.queries import counts
from bot.features.polls.service import result
from bot.handlers.console.session import process
from bot.settings import Community
from bot.storage.models import Member, Poll, Signal
from bot.vocabulary.enums import Role
from tests.conftest import make_app, migrated_template
from tests.helpers import Harness, traces

PEOPLE = ("anna", "bert", "cor")
STAFF = Actor("console", "vera", "vera", Role.STAFF, "console:vera")
WORDS = ("wachtlijst", "opvang", "school", "wijkteam", "rooster", "ouders", "gemeente", "zorg")

action = st.one_of(
    st.tuples(st.just("thread"), st.sampled_from(PEOPLE)),
    st.tuples(st.just("dm"), st.sampled_from(PEOPLE)),
    st.tuples(st.just("signal"), st.sampled_from(PEOPLE), st.sampled_from(
        ["citeren", "tellen", "staf"]), st.booleans()),
    st.tuples(st.just("vote"), st.sampled_from(PEOPLE), st.sampled_from(["ja", "deels", "nee"]),
              st.booleans()),
    st.tuples(st.just("rsvp"), st.sampled_from(PEOPLE), st.sampled_from(["yes", "maybe", "no"])),
    st.tuples(st.just("consent"), st.sampled_from(PEOPLE), st.sampled_from(
        ["quote", "count", "staff"])),
    st.tuples(st.just("triage")),
    st.tuples(st.just("result")),
)


def person(name: str) -> Actor:
    return Actor("console", name, name, Role.MEMBER, f"console:{name}")


class Run:
    """One example: a fresh database, the actions, the erasure, the checks."""

    def __init__(self, folder: Path, source: Path) -> None:
        self.folder = folder
        self.source = source
        self.clock = FakeClock()
        self.said: dict[str, list[str]] = {name: [] for name in PEOPLE}
        self.n = 0

    def text(self, who: str) -> str:
        """A text only this person wrote (her words, to look for afterwards)."""
        self.n += 1
        words = " ".join(WORDS[(self.n * k) % len(WORDS)] for k in (1, 3, 5))
        said = f"{who} zegt {self.n}: {words}"
        self.said[who].append(said)
        return said

    async def go(self, actions: list[tuple], erased: str, by_staff: bool) -> None:
        shutil.copyfile(self.source, self.folder / "bot.db")
        self.app = await make_app(f"sqlite:///{self.folder / 'bot.db'}", Community(), self.clock)
        try:
            await self.setup()
            for step in actions:
                self.clock.advance(minutes=1)
                await self.do(*step)
            before = await self.figures()
            refs = await self.refs(erased)
            await self.erase(erased, by_staff)
            await Harness(self.app).delivered()  # the confirmation keeps no id once sent
            assert await traces(self.app, *self.said[erased], *refs) == []
            for other in PEOPLE:
                if other != erased and self.said[other]:
                    assert await traces(self.app, self.said[other][-1])
            assert await self.figures() == before
        finally:
            await self.app.close()

    async def setup(self) -> None:
        core = self.app.core
        await core.command(STAFF, '/oproep open vraag:"Waar loop je tegenaan?"')
        await core.command(STAFF, '/knelpunt nieuw titel:"Knelpunt"')
        await core.command(STAFF, "/peiling start knelpunt:1")
        await core.command(STAFF, '/bijeenkomst nieuw titel:"Webinar" soort:webinar '
                                  'start:"2026-12-20 14:00"')
        for name in PEOPLE:  # a domain each, so results per domain are checked too
            domain = ("zorg", "onderwijs", "jeugdhulp")[PEOPLE.index(name)]
            await core.command(person(name), f"/mijn instellingen domein:{domain}")

    async def do(self, kind: str, *args: object) -> None:
        core = self.app.core
        if kind in ("thread", "dm"):
            who = str(args[0])
            payload = {"user": who, "role": "lid", "text": self.text(who),
                       "call": 1 if kind == "thread" else None}
            await process(self.app, await self.app.inbox.persist(
                "console", f"k{self.n}", kind, payload))
        elif kind == "signal":
            who, consent, anonymous = str(args[0]), args[1], args[2]
            await core.command(person(who), f'/signaal tekst:"{self.text(who)}" '
                                            f'gebruik:{consent} anoniem:{"ja" if anonymous else "nee"}')
        elif kind == "vote":
            who, answer, needed = str(args[0]), args[1], args[2]
            extra = f' nodig:"{self.text(who)}"' if needed else ""
            await core.command(person(who), f"/stem peiling:1 herkend:{answer}{extra}")
        elif kind == "rsvp":
            await core.press(person(str(args[0])), f"event:1:rsvp:{args[1]}")
        elif kind == "consent":
            async with self.app.sessions() as s:
                mine = (await s.scalars(select(Signal.id).where(Signal.platform_message_id.is_not(
                    None)))).all()
            for nr in mine[:1]:
                await core.press(person(str(args[0])), f"signal:{nr}:consent:{args[1]}")
        elif kind == "triage":
            await core.command(STAFF, "/ordenen")
        else:
            await core.command(STAFF, "/peiling uitslag nr:1")

    async def refs(self, who: str) -> set[str]:
        async with self.app.sessions() as s:
            keys = (await s.scalars(select(Signal.platform_message_id).where(
                Signal.member_id.in_(select(Signal.member_id).where(Signal.text.like(f"{who} %")))
            ))).all()
        return {k for k in keys if k} | {who}

    async def erase(self, who: str, by_staff: bool) -> None:
        core = self.app.core
        if by_staff:
            await core.command(STAFF, f"/privacy verwijder lid:@{who}")
            async with self.app.sessions() as s:
                nr = await s.scalar(select(Member.id).where(Member.platform_user_id == who))
            await core.press(STAFF, f"erasure:{nr}:confirm")
        else:
            await core.press(person(who), "privacy:erase:confirm")

    async def figures(self) -> tuple[object, ...]:
        async with self.app.core.unit(STAFF) as tx:
            res = await result(tx, await tx.get(Poll, 1, "poll-not-found"))
            rsvps = await counts(tx.session, 1)
        return (res.votes, dict(res.recognition), dict(res.urgency), res.by_domain, dict(rsvps))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(actions=st.lists(action, min_size=1, max_size=12), erased=st.sampled_from(PEOPLE),
       by_staff=st.booleans())
def test_erasure_leaves_no_trace_whatever_came_before(actions, erased, by_staff):
    source = migrated_template()
    with tempfile.TemporaryDirectory(prefix="sb-erase-") as folder:
        asyncio.run(Run(Path(folder), source).go(actions, erased, by_staff))
