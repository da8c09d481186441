"""Where a signal may travel, by its consent (the pure rule; the signals feature applies it
with names and texts). Staff always read every signal: triage needs it. What leaves the
staff's own screens follows the member's choice:

- ``citeren``: the words may be quoted in exports and public posts, never with her name;
- ``tellen``: the signal counts everywhere, its words stay with staff;
- ``staf``: only staff know of it: not exported, not in any public count."""

from __future__ import annotations

from enum import StrEnum

from bot.vocabulary.enums import Consent


class Place(StrEnum):
    """Where a signal is shown or counted."""

    OWNER = "owner"  # the member herself (/mijn signalen, /mijn gegevens)
    STAFF = "staff"  # staff inside the bot: triage, staff lists, the dashboard
    EXPORT = "export"  # files staff take out of the bot (JSON, CSV, spreadsheets)
    PUBLIC = "public"  # posts, the digest, timelines and counts every member sees


def included(consent: Consent, place: Place) -> bool:
    """Whether the signal appears (as a row or in a count) at ``place``."""
    return place in (Place.OWNER, Place.STAFF) or consent is not Consent.STAFF


def words_shown(consent: Consent, place: Place) -> bool:
    """Whether the signal's own words may be shown at ``place``."""
    return place in (Place.OWNER, Place.STAFF) or consent is Consent.QUOTE


def name_shown(consent: Consent, place: Place, anonymous: bool) -> bool:
    """Whether the author's name may be shown at ``place``: never for an anonymous signal
    or next to a quote outside the staff's screens, never in public."""
    if place is Place.OWNER:
        return True
    if anonymous or place is Place.PUBLIC:
        return False
    return place is Place.STAFF or not words_shown(consent, place)


def counted_in(place: Place) -> tuple[Consent, ...]:
    """The consents whose signals count at ``place`` (for SQL filters)."""
    return tuple(c for c in Consent if included(c, place))
