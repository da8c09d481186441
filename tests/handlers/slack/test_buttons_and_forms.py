"""Buttons, selects and modals: poll votes, the "wat is er nodig?" form and triage."""

from sqlalchemy import select

from bot.storage.models import Signal, Vote
from tests.handlers.slack.harness import text_of


async def start_poll(slack, audience: str = "") -> dict:
    await slack.command('/knelpunt nieuw titel:"Geen plek voor ouders op school"')
    await slack.command(f"/peiling start knelpunt:1 {audience}".strip())
    (card,) = slack.posts("C_POLLS")
    return card


async def votes(slack) -> list[Vote]:
    async with slack.app.sessions() as session:
        return list((await session.scalars(select(Vote))).all())


async def test_poll_card_has_stable_buttons(slack):
    card = await start_poll(slack)
    buttons = slack.buttons(card)
    assert {
        "poll:1v0:recognised:yes",
        "poll:1v0:recognised:partly",
        "poll:1v0:recognised:no",
        "poll:1v0:urgency:high",
        "poll:1v0:needed",
    } <= set(buttons)
    action_ids = [b["action_id"] for b in buttons.values()]
    assert len(set(action_ids)) == len(action_ids)
    assert card["metadata"]["event_payload"]["outbox_id"] > 0


async def test_vote_with_a_button_and_change_it(slack):
    card = await start_poll(slack)
    buttons = slack.buttons(card)
    await slack.press(buttons["poll:1v0:recognised:yes"], user="USANNE")
    await slack.press(buttons["poll:1v0:urgency:high"], user="USANNE")
    await slack.press(buttons["poll:1v0:recognised:no"], user="USANNE")
    (vote,) = await votes(slack)
    assert vote.recognition.value == "nee" and vote.urgency.value == "hoog"
    said = slack.ephemerals("USANNE")
    assert "opgeslagen" in said[0] and "gewijzigd" in said[-1]
    assert not slack.fake.to("chat.update")  # the running count waits a moment
    slack.app.clock.advance(seconds=10)
    await slack.deliver()
    (update,) = slack.fake.to("chat.update")  # three presses: one edit of the poll post
    (post,) = [p for p in slack.posts() if "Peiling #1" in text_of(p)]
    assert update["ts"] == slack.fake.messages[post["channel"]][-1]["ts"]
    assert "Tot nu toe 1 stem." in text_of(update)


async def test_buttons_keep_working_after_a_restart(slack, slack_app, fake):
    from tests.handlers.slack.harness import SlackHarness

    card = await start_poll(slack)
    await slack.stop()
    restarted = await SlackHarness(slack_app, fake).start()
    try:
        await restarted.press(restarted.buttons(card)["poll:1v0:recognised:partly"], user="USANNE")
    finally:
        await restarted.stop()
    (vote,) = await votes(restarted)
    assert vote.recognition.value == "deels"


async def test_needed_button_opens_a_modal_and_the_submission_is_saved(slack):
    card = await start_poll(slack)
    await slack.press(slack.buttons(card)["poll:1v0:needed"], user="USANNE")
    (opened,) = slack.fake.to("views.open")
    assert opened["trigger_id"]
    view = opened["view"]
    assert view["type"] == "modal" and len(view["title"]["text"]) <= 24
    assert [b["block_id"] for b in view["blocks"]] == ["nodig"]
    await slack.submit(view, {"nodig": "Een vaste ontmoetingsplek in elke school"})
    (vote,) = await votes(slack)
    assert vote.needed == "Een vaste ontmoetingsplek in elke school"


async def test_ambassadors_only_poll_enforced_by_slack_group(slack):
    card = await start_poll(slack, "doelgroep:ambassadeurs")
    yes = slack.buttons(card)["poll:1v0:recognised:yes"]
    await slack.press(yes, user="USANNE")
    assert "alleen voor ambassadeurs" in slack.ephemerals("USANNE")[-1]
    await slack.press(yes, user="UAHMED")  # in user group SAMBAS
    (vote,) = await votes(slack)
    assert vote.recognition.value == "ja"


async def test_triage_card_buttons_select_and_new_bottleneck_form(slack):
    await slack.command('/knelpunt nieuw titel:"Wachtlijst jeugdhulp"')
    await slack.command('/signaal tekst:"De wachtlijst voor jeugdhulp is een jaar"', user="USANNE")
    await slack.command('/signaal tekst:"Geen opvang na schooltijd"', user="UJOOST")
    slack.fake.forget()
    await slack.command("/ordenen")
    (card,) = [p for p in slack.fake.to("chat.postEphemeral") if p["user"] == "UVERA"]
    assert "wachtlijst voor jeugdhulp" in text_of(card)
    controls = slack.buttons(card)
    await slack.press(controls["triage:1v0:relevant"], user="UVERA", channel="C_GENERAL")
    replaced = slack.fake.to("response_url")[-1]
    assert replaced["replace_original"] is True  # the card updates in place
    assert "triage:1v0:link" in controls  # the old card's picker is outdated now
    picker = slack.buttons(replaced)["triage:1v1:link"]
    option = picker["options"][0]
    await slack.press(
        picker,
        user="UVERA",
        channel="C_GENERAL",
        option={"text": option["text"], "value": option["value"]},
    )
    async with slack.app.sessions() as session:
        first = await session.get(Signal, 1)
    assert first.bottleneck_id == 1
    # The next card (signal 2) offers a new bottleneck through a modal.
    nxt = [p for p in slack.fake.to("chat.postEphemeral") if "Geen opvang" in text_of(p)][-1]
    await slack.press(slack.buttons(nxt)["triage:2v0:new"], user="UVERA", channel="C_GENERAL")
    view = slack.fake.to("views.open")[-1]["view"]
    await slack.submit(
        view, {"titel": "Geen buitenschoolse opvang", "omschrijving": ""}, user="UVERA"
    )
    async with slack.app.sessions() as session:
        second = await session.get(Signal, 2)
    assert second.bottleneck_id == 2


async def test_rsvp_buttons_on_an_event_post(slack):
    from bot.storage.models import Rsvp

    await slack.command(
        '/bijeenkomst nieuw titel:"Webinar passend onderwijs" soort:webinar start:"2026-12-01 17:00"'
    )
    (post,) = slack.posts("C_EVENTS")
    buttons = slack.buttons(post)
    assert buttons, "the event post carries RSVP buttons"
    yes = next(b for b in buttons.values() if b["value"].endswith(":ja") or "yes" in b["value"])
    await slack.press(yes, user="USANNE", channel="C_EVENTS")
    async with slack.app.sessions() as session:
        (rsvp,) = (await session.scalars(select(Rsvp))).all()
    assert rsvp.answer.value == "ja"


async def test_ics_is_uploaded_as_a_file_by_dm(slack):
    await slack.command(
        '/bijeenkomst nieuw titel:"Webinar passend onderwijs" soort:webinar start:"2026-12-01 17:00"'
    )
    await slack.command("/bijeenkomst ics nr:1", user="USANNE")
    [text] = slack.dms("USANNE")  # Slack has no files in ephemeral answers: a DM instead
    assert "bijeenkomst-1.ics" in text and "calendar.google.com" in text
    [asked] = slack.fake.to("files.getUploadURLExternal")
    assert asked["filename"] == "bijeenkomst-1.ics"
    [done] = slack.fake.to("files.completeUploadExternal")
    assert done["channel_id"] == "DUSANNE"
    ics = slack.fake.uploads[done["files"][0]["id"]].decode("utf-8")
    assert ics.startswith("BEGIN:VCALENDAR") and "SUMMARY:Webinar passend onderwijs" in ics
