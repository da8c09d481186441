"""The first-contact notice: the first time a member gives the bot something of hers (a
reply, a DM, a signal, a vote, an RSVP), she gets one short message saying what is kept,
who sees it, for how long, and how to see or erase it — with the community's privacy
statement (``[privacy] statement_url``; a Dutch template is in docs/privacyverklaring.md)."""

from __future__ import annotations

from bot.core.context import FirstContact, Tx
from bot.core.i18n import t
from bot.core.replies import Reply
from bot.features.signals.visibility import label
from bot.vocabulary.enums import Consent


async def on_first_contact(tx: Tx, event: FirstContact) -> None:
    member, community = event.member, tx.community
    lang = member.language
    text = t(
        lang,
        "notice-text",
        days=community.retention.signal_text_days,
        hours=community.retention.delivered_hours,
        choice=label(Consent(community.privacy.default_consent), lang),
    )
    url = community.privacy.statement_url
    text += "\n" + (t(lang, "notice-statement", url=url) if url else t(lang, "notice-ask-staff"))
    tx.dm(member, Reply(title=t(lang, "notice-title", name=community.name), text=text))
