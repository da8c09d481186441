"""Erasure through the real Bolt app: every inbound kind she sent is stored in the inbox
(a slash command with her words and its response_url, button presses, the "wat is er
nodig?" form, a DM, one left unprocessed by a crash); after `/mijn gegevens verwijder` none
of it — nor any copy of her words, her Slack id or her name — is left in the database."""

from __future__ import annotations

import json

from sqlalchemy import select

from bot.storage.models import InboundEvent
from tests.handlers.slack.harness import text_of
from tests.helpers import traces

HER = (
    "De wachtlijst voor jeugdhulp is een jaar",
    "Een vaste ontmoetingsplek in elke school",
    "Mijn zoon zit al maanden thuis",
    "Dit bleef liggen na een crash",
)


async def her_secrets(slack) -> set[str]:
    """What her stored requests carry besides her words: reply URLs, trigger ids, tokens."""
    found = set()
    async with slack.app.sessions() as session:
        for row in (await session.scalars(select(InboundEvent))).all():
            if "USANNE" in json.dumps(row.payload):
                for key in ("response_url", "trigger_id"):
                    if isinstance(row.payload.get(key), str):
                        found.add(row.payload[key])
    return found


async def test_every_inbound_kind_of_hers_is_gone(slack):
    await slack.command('/knelpunt nieuw titel:"Wachtlijst jeugdhulp"')
    await slack.command("/peiling start knelpunt:1")
    (card,) = slack.posts("C_POLLS")
    await slack.command(f'/signaal tekst:"{HER[0]}"', user="USANNE")
    await slack.press(slack.buttons(card)["poll:1v0:recognised:yes"], user="USANNE")
    await slack.press(slack.buttons(card)["poll:1v0:needed"], user="USANNE")
    await slack.submit(slack.fake.to("views.open")[-1]["view"], {"nodig": HER[1]})
    dm = slack.message_event("event_dm")
    dm["event"].update(user="USANNE", channel="DUSANNE", text=HER[2], ts="1790000400.1")
    await slack.event(dm)
    await slack.command("/ordenen")  # the triage card quotes her to vera
    left = slack.message_event("event_dm")
    left["event"].update(user="USANNE", channel="DUSANNE", text=HER[3], ts="1790000500.1")
    await slack.bot.store("dm", left)  # stored, never processed
    kinds = {row.kind for row in await slack.inbound() if "USANNE" in json.dumps(row.payload)}
    assert kinds == {"command", "action", "view", "dm"}
    secrets = await her_secrets(slack)
    assert len(secrets) == 5 and await traces(slack.app, *HER, *secrets)

    await slack.command("/mijn gegevens verwijder", user="USANNE")
    sent = slack.fake.to("response_url") + slack.fake.to("chat.postEphemeral")
    (ask,) = [p for p in sent if "Weet je het zeker" in text_of(p)]
    await slack.press(slack.buttons(ask)["privacy:erase:confirm"], user="USANNE")
    assert "Je gegevens zijn gewist" in slack.ephemerals("USANNE")[-1]

    assert await traces(slack.app, *HER, *secrets, "USANNE", "Sanne") == []
    # staff's own requests are kept (only hers went)
    assert {r.kind for r in await slack.inbound() if "UVERA" in json.dumps(r.payload)} == {
        "command"}
