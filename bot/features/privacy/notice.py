"""The first-contact notice: the first time a member gives the bot something of hers (a
reply, a DM, a signal, a vote, an RSVP), she gets one short message saying what is kept,
who sees it, for how long, and how to see or erase it — with the community's privacy
statement (``[privacy] statement_url``; a Dutch template is in docs/privacyverklaring.md)."""

from __future__ import annotations

from functools import cache

from bot.core.context import FirstContact, Tx
from bot.core.i18n import t
from bot.core.replies import Reply
from bot.features.signals.visibility import label
from bot.vocabulary.enums import Consent


async def on_first_contact(tx: Tx, event: FirstContact) -> None:
    community = tx.community
    title, text = _notice(
        event.member.language,
        community.name,
        community.retention.signal_text_days,
        community.retention.delivered_hours,
        Consent(community.privacy.default_consent),
        community.privacy.statement_url,
    )
    tx.dm(event.member, Reply(title=title, text=text))


@cache  # the same text for every new member of a language: formatted once
def _notice(
    lang: str, name: str, days: int, hours: int, consent: Consent, url: str | None
) -> tuple[str, str]:
    text = t(lang, "notice-text", days=days, hours=hours, choice=label(consent, lang))
    text += "\n" + (t(lang, "notice-statement", url=url) if url else t(lang, "notice-ask-staff"))
    return t(lang, "notice-title", name=name), text
