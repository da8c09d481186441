"""Roles from config (user ids and user groups) and the feedback fan-out."""

from collections import Counter

from bot.vocabulary.enums import Role
from tests.handlers.slack.harness import text_of


async def test_member_cannot_post_a_call(slack):
    await slack.command('/oproep open vraag:"Mag ik dit?"', user="USANNE")
    assert slack.posts("C_CALLS") == []
    assert "Alleen de staf" in slack.ephemerals("USANNE")[-1]


async def test_staff_by_user_group_may_and_the_group_is_cached(slack):
    for question in ("Eerste?", "Tweede?", "Derde?"):
        await slack.command(f'/oproep open vraag:"{question}"', user="UPIM")
    assert len(slack.posts("C_CALLS")) == 3
    looked_up = [p["usergroup"] for p in slack.fake.to("usergroups.users.list")]
    assert looked_up.count("SSTAFF") == 1


async def test_group_membership_is_refreshed_after_the_ttl(slack):
    directory = slack.bot.directory
    now = [1000.0]
    directory.monotonic = lambda: now[0]
    assert (await directory.role("UPIM")).value == "staf"
    slack.fake.groups["SSTAFF"] = []
    assert (await directory.role("UPIM")).value == "staf"  # cached
    now[0] += directory.group_ttl + 1
    assert (await directory.role("UPIM")).value == "lid"


async def test_feedback_reaches_each_involved_member_once(slack):
    await slack.command('/oproep open vraag:"Waar loop je tegenaan?"')
    call_ts = next(r for r in await slack.outbox() if r.target_kind == "channel")
    thread = slack.message_event("event_thread_reply", thread_ts=call_ts.platform_message_id)
    await slack.event(thread)  # USANNE, signal 1
    await slack.event(slack.message_event("event_dm"))  # UAHMED, signal 2
    await slack.command('/signaal tekst:"Ook bij ons"', user="UJOOST")  # signal 3
    await slack.command('/knelpunt nieuw titel:"Geen ontmoetingsplek voor ouders"')
    for nr in (1, 2, 3):
        await slack.command(f"/knelpunt koppel signaal:{nr} knelpunt:1")
    await slack.command("/peiling start knelpunt:1")
    await slack.command("/stem peiling:1 herkend:ja", user="USANNE")  # contributed and voted
    await slack.command("/stem peiling:1 herkend:deels", user="UPIM")
    slack.fake.forget()
    await slack.command('/terugkoppeling knelpunt:1 tekst:"Besproken met de gemeente"')
    dms = Counter(p["channel"] for p in slack.posts() if p["channel"].startswith("D"))
    assert dms == {"DUSANNE": 1, "DUAHMED": 1, "DUJOOST": 1, "DUPIM": 1}
    assert all(
        "Besproken met de gemeente" in text_of(p)
        for p in slack.posts()
        if p["channel"].startswith("D")
    )
    assert len(slack.posts("C_NEWS")) == 1


async def test_a_failing_staff_lookup_denies_staff_rights_after_a_short_grace(slack):
    directory = slack.bot.directory
    now = [1000.0]
    directory.monotonic = lambda: now[0]
    assert await directory.role("UPIM") is Role.STAFF  # via the SSTAFF group
    slack.fake.fail("usergroups.users.list", status=500, error="internal_error", times=100)
    now[0] += directory.group_ttl + 1  # the cache is stale, the lookup fails: a hiccup
    assert await directory.role("UPIM") is Role.STAFF
    now[0] += directory.group_grace  # it keeps failing
    assert await directory.role("UPIM") is Role.MEMBER
