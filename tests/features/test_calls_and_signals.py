"""Steps 1 and 2: calls and the signals that answer them."""

from sqlalchemy import func, select

from bot.storage.models import Call, Signal
from bot.vocabulary.enums import SignalSource, SignalStatus
from tests.helpers import Harness

OPEN = '@vera:staf /oproep open vraag:"Waar loop je tegenaan?" reden:"Voor de landelijke tafel"'


async def signals(app) -> list[Signal]:
    async with app.sessions() as s:
        return list((await s.scalars(select(Signal).order_by(Signal.id))).all())


async def test_open_call_is_posted_with_reason_and_how_to_answer(app):
    h = Harness(app)
    out = await h.run(OPEN)
    assert "[#oproepen] **📣 Oproep #1**" in out
    assert "Waarom we dit vragen: Voor de landelijke tafel" in out
    assert "privébericht" in out
    rows = await h.outbox()
    assert next((r.target_kind, r.channel_key, r.subject) for r in rows) == (
        "channel", "calls", "call:1")


async def test_thread_reply_becomes_signal_of_that_call(app):
    h = Harness(app)
    await h.run(OPEN, "@sanne:lid thread 1 Geen plek voor ouders")
    [signal] = await signals(app)
    assert (signal.call_id, signal.source, signal.text) == (1, SignalSource.THREAD,
                                                             "Geen plek voor ouders")


async def test_dm_with_one_open_call_links_to_it(app):
    h = Harness(app)
    out = await h.run(OPEN, "@ahmed:ambassadeur dm De arbeidseis sluit gezinnen uit")
    [signal] = await signals(app)
    assert signal.call_id == 1 and signal.source is SignalSource.DM
    assert "[dm @ahmed]" in out and "oproep #1" in out


async def test_dm_without_open_call_is_a_free_signal(app):
    h = Harness(app)
    out = await h.run("@ahmed:lid dm Wachtlijsten zijn te lang")
    [signal] = await signals(app)
    assert signal.call_id is None
    assert "signaal #1 is ontvangen" in out


async def test_dm_with_several_open_calls_lets_the_member_pick(app):
    h = Harness(app)
    out = await h.run(OPEN, '@vera /oproep open vraag:"Tweede vraag"', "@ahmed:lid dm Mijn antwoord")
    assert "bij welke hoort het?" in out
    [signal] = await signals(app)
    assert signal.call_id is None  # stored before the member picked: nothing is lost
    await h.run("@ahmed klik signal:1:call:2")
    [signal] = await signals(app)
    assert signal.call_id == 2


async def test_someone_else_cannot_pick_the_call_for_my_dm(app):
    h = Harness(app)
    await h.run(OPEN, '@vera /oproep open vraag:"Tweede"', "@ahmed:lid dm Antwoord")
    from bot.core.context import Actor
    from bot.vocabulary.enums import Role

    await app.core.press(Actor("console", "kees", "kees", Role.MEMBER, "console:kees"),
                         "signal:1:call:2")
    assert "van iemand anders" in await h.delivered()
    assert (await signals(app))[0].call_id is None


async def test_same_platform_message_is_stored_once(app):
    from bot.core.context import Actor, Incoming
    from bot.vocabulary.enums import Role

    await Harness(app).run(OPEN)
    actor = Actor("console", "sanne", "sanne", Role.MEMBER)
    for _ in range(3):
        await app.core.message(actor, Incoming("thread", "Hallo", "msg-42", call_id=1))
    assert len(await signals(app)) == 1


async def test_reply_to_closed_call_is_kept_as_loose_signal(app):
    h = Harness(app)
    out = await h.run(OPEN, "@vera /oproep sluit nr:1", "@sanne:lid thread 1 Te laat maar belangrijk")
    assert "Dank voor 0 reacties" in out
    [signal] = await signals(app)
    assert signal.call_id is None and signal.text == "Te laat maar belangrijk"
    assert "niet verloren" in out


async def test_call_close_time_in_the_past_is_refused(app):
    out = await Harness(app).run('@vera:staf /oproep open vraag:"X" sluit:"2020-01-01 10:00"')
    assert "in het verleden" in out
    async with app.sessions() as s:
        assert await s.scalar(select(func.count()).select_from(Call)) == 0


async def test_call_closes_by_itself_at_its_close_time(app, clock):
    h = Harness(app)
    await h.run('@vera:staf /oproep open vraag:"X" sluit:"2026-11-03 12:00"')
    assert "#1 X" in await h.run("@sanne:lid /oproep lijst")
    clock.advance(days=2)
    assert "geen oproepen open" in await h.run("@sanne /oproep lijst")


async def test_targeted_call_needs_an_existing_bottleneck_and_dms_those_involved(app):
    h = Harness(app)
    out = await h.run('@vera:staf /oproep gericht knelpunt:9 vraag:"Hoe dan?"')
    assert "Knelpunt #9 bestaat niet" in out
    await h.run(OPEN, "@sanne:lid thread 1 Signaal", '@vera /knelpunt nieuw titel:"K" signaal:1')
    before = await h.last_id()
    out = await h.run('@vera /oproep gericht knelpunt:1 vraag:"Vervolg?" reden:"Verdiepen"')
    assert "🎯 Gerichte oproep #2" in out
    assert await h.dms_to(before) == ["sanne"]


async def test_signal_command_anonymous_and_offline_input(app):
    h = Harness(app)
    await h.run('@sanne:lid /signaal tekst:"Iets anoniems" anoniem:ja domein:zorg')
    out = await h.run('@kees:lid /signaal tekst:"Namens iemand" bron:intake')
    assert "Alleen de staf kan offline input" in out
    await h.run('@vera:staf /signaal tekst:"Uit intake" bron:intake namens:"ouder uit Tilburg"')
    first, second = await signals(app)
    assert first.anonymous and first.domain.value == "zorg"
    assert second.source is SignalSource.INTAKE and second.on_behalf_of == "ouder uit Tilburg"
    triage = await h.run("@vera /ordenen")
    assert "Van anoniem" in triage and "sanne" not in triage


async def test_empty_and_too_long_texts_are_refused_and_nothing_is_stored(app):
    h = Harness(app)
    out = await h.run('@sanne:lid /signaal tekst:"   "')
    assert "`tekst:` is leeg" in out or "Vul `tekst:` in" in out
    out = await h.run(f'@sanne /signaal tekst:"{"x" * 4001}"')
    assert "te lang (4001 tekens; maximaal 4000)" in out
    assert await signals(app) == []


async def test_mass_mentions_never_reach_a_post(app):
    h = Harness(app)
    out = await h.run('@vera:staf /oproep open vraag:"Hoi @everyone en @here <!channel>"')
    assert "@everyone" not in out and "@here" not in out and "<!channel>" not in out
    assert "@\u200beveryone" in out


async def test_signal_status_starts_new(app):
    await Harness(app).run("@sanne:lid dm Iets")
    assert (await signals(app))[0].status is SignalStatus.NEW
