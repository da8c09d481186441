"""Which of a signal may be shown where, and under which name: the one rule (anonymity,
consent per signal, retention, erasure) that every view, post, digest and export asks —
the triage card, staff lists, the dashboard (``Place.STAFF``), the workbook, CSV and JSON
tables (``Place.EXPORT``), the dossier for a policy table (``Place.PUBLIC``). The pure table
is ``bot.vocabulary.consent``; counts use its SQL side, ``counted(place)``."""

from __future__ import annotations

from dataclasses import dataclass

from bot.core.i18n import t
from bot.features.bottlenecks.queries import counted
from bot.storage.models import Member, Signal
from bot.vocabulary.consent import Place, included, name_shown, words_shown
from bot.vocabulary.enums import Consent, SignalStatus

__all__ = ["QUOTABLE", "Place", "Shown", "counted", "label", "shown", "shown_as"]

# What may be quoted in public (the dossier): signals staff linked or found relevant.
QUOTABLE = (SignalStatus.LINKED, SignalStatus.RELEVANT)


@dataclass(frozen=True)
class Shown:
    """A signal as it may appear somewhere: its words (None: not here, or erased) and its
    author's name as stored (None: not to be named here)."""

    text: str | None
    author: str | None

    def who(self, lang: str) -> str:
        """The author for a reader: the name, or "anonymous"."""
        return self.author if self.author else t(lang, "name-anonymous")


def shown(signal: Signal, author: Member | None, place: Place) -> Shown | None:
    """What of ``signal`` (written by ``author``) may be shown at ``place``; None: leave it
    out altogether. In public a signal appears only as a quote; its number is
    ``counted(Place.PUBLIC)``."""
    known = author is not None and not author.erased
    name = author.display_name if known and author else None
    return shown_as(
        place,
        signal.consent,
        signal.text,
        signal.status,
        signal.anonymous,
        signal.on_behalf_of,
        name,
    )


def shown_as(
    place: Place,
    consent: Consent,
    text: str | None,
    status: SignalStatus,
    anonymous: bool,
    on_behalf_of: str | None,
    name: str | None,
) -> Shown | None:
    """``shown`` from a signal's columns (``name``: its author's, None when erased), for
    reading many rows without loading objects (the exports)."""
    if not included(consent, place):
        return None
    words = text if words_shown(consent, place) else None
    if place is Place.PUBLIC and (words is None or status not in QUOTABLE):
        return None
    who = (on_behalf_of or name) if name_shown(consent, place, anonymous) else None
    return Shown(words, who)


def label(consent: Consent, lang: str) -> str:
    """``alleen meetellen``: a consent as members read it."""
    return t(lang, f"consent-{consent.value}")
