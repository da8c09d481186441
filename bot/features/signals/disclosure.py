"""Which of a signal may be shown where: the one rule (anonymity + consent) every view,
post, digest and export asks — the triage card, staff lists, the dashboard, the JSON, CSV
and spreadsheet exports. The pure table is ``bot.vocabulary.consent``."""

from __future__ import annotations

from dataclasses import dataclass

from bot.core.i18n import t
from bot.features.bottlenecks.queries import counted
from bot.storage.models import Member, Signal
from bot.vocabulary.consent import Place, included, name_shown, words_shown
from bot.vocabulary.enums import Consent

__all__ = ["Shown", "counted", "disclose", "label"]  # counted: the SQL side of the rule


@dataclass(frozen=True)
class Shown:
    """A signal as it may appear somewhere: its words (None: not here, or erased) and its
    author's name as stored (None: not to be named here)."""

    text: str | None
    author: str | None

    def who(self, lang: str) -> str:
        """The author for a reader: the name, or "anonymous"."""
        return self.author if self.author else t(lang, "name-anonymous")


def disclose(signal: Signal, author: Member | None, place: Place) -> Shown | None:
    """What of ``signal`` may be shown at ``place``; None: leave it out altogether."""
    consent = signal.consent
    if not included(consent, place):
        return None
    text = signal.text if words_shown(consent, place) else None
    name = None
    if name_shown(consent, place, signal.anonymous):
        known = author is not None and not author.erased
        name = signal.on_behalf_of or (author.display_name if known and author else None)
    return Shown(text, name)


def label(consent: Consent, lang: str) -> str:
    """``alleen meetellen``: a consent as members read it."""
    return t(lang, f"consent-{consent.value}")
