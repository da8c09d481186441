"""Which signal texts may be shown where, and under which name: the one rule the
dashboard, the exports and the dossier share. Today it is anonymity and retention; consent
per signal (what a member allows to be quoted outside) belongs here too."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from bot.storage.models import Member, Signal
from bot.vocabulary.enums import SignalStatus


class Place(StrEnum):
    DASHBOARD = "dashboard"  # staff, signed in
    EXPORT = "export"  # files staff download (workbook, CSV, JSON)
    DOSSIER = "dossier"  # handed to a policy table: quotes only


@dataclass(frozen=True)
class Shown:
    """A signal as it may be shown: ``text`` None when its text is gone (retention,
    erasure); ``author`` None means "anonymous"."""

    text: str | None
    author: str | None


# What a policy table may be shown: signals staff linked to the bottleneck or found relevant.
QUOTABLE = (SignalStatus.LINKED, SignalStatus.RELEVANT)


def shown(signal: Signal, member: Member | None, place: Place) -> Shown | None:
    """How ``signal`` (written by ``member``) may appear in ``place``; None: not at all."""
    if place is Place.DOSSIER and (signal.text is None or signal.status not in QUOTABLE):
        return None
    return Shown(signal.text, _author(signal, member))


def _author(signal: Signal, member: Member | None) -> str | None:
    if signal.anonymous:
        return None
    if signal.on_behalf_of:
        return signal.on_behalf_of
    return member.display_name if member else None
