"""The fixed vocabulary (docs/architecture.md, "Words"). Values are the Dutch words users
type; member names are the English code names (used in stable button ids)."""

from __future__ import annotations

from enum import StrEnum
from typing import TypeVar


class Role(StrEnum):
    STAFF = "staf"
    AMBASSADOR = "ambassadeur"
    MEMBER = "lid"


class Domain(StrEnum):
    ONDERWIJS = "onderwijs"
    ZORG = "zorg"
    JEUGDHULP = "jeugdhulp"
    KINDEROPVANG = "kinderopvang"
    DOMEINOVERSTIJGEND = "domeinoverstijgend"


class CallKind(StrEnum):
    OPEN = "open"
    TARGETED = "gericht"


class SignalSource(StrEnum):
    THREAD = "thread"
    DM = "dm"
    COMMAND = "command"
    INTAKE = "intake"
    FIELD = "werkveld"


class Consent(StrEnum):
    """How a member lets staff use the words of one signal (chosen when she answers)."""

    QUOTE = "citeren"  # may be quoted, never with her name
    COUNT = "tellen"  # only counted; the words stay with staff
    STAFF = "staf"  # for staff only: not quoted, not in public counts, not exported


class SignalStatus(StrEnum):
    NEW = "nieuw"
    RELEVANT = "relevant"
    NOT_RELEVANT = "niet-relevant"
    LINKED = "gekoppeld"
    DUPLICATE = "dubbel"


class Stage(StrEnum):
    OOGSTEN = "oogsten"
    TOETSEN = "toetsen"
    VERDIEPEN = "verdiepen"
    DELEN = "delen"
    AGENDEREN = "agenderen"
    TERUGKOPPELEN = "terugkoppelen"
    AFGEROND = "afgerond"
    PARKED = "geparkeerd"
    NOT_RECOGNISED = "niet-herkend"


class Recognition(StrEnum):
    YES = "ja"
    PARTLY = "deels"
    NO = "nee"


class Urgency(StrEnum):
    LOW = "laag"
    MEDIUM = "middel"
    HIGH = "hoog"


class Audience(StrEnum):
    ALL = "iedereen"
    AMBASSADORS = "ambassadeurs"


class CauseArea(StrEnum):
    REGELGEVING = "regelgeving"
    FINANCIERING = "financiering"
    STURING = "sturing"
    BESLUITVORMING = "besluitvorming"
    COMMUNICATIE = "communicatie"


class ActionKind(StrEnum):
    AGENDERING = "agendering"
    KENNISDELING = "kennisdeling"
    ONDERZOEK = "onderzoek"
    PROFESSIONALISERING = "professionalisering"
    FINANCIERING = "financiering"
    BELEIDSKADERS = "beleidskaders"


class ShareForm(StrEnum):
    INTERVIEW = "interview"
    PODCAST = "podcast"
    BLIKVANGER = "blikvanger"
    UPDATE = "update"


class EventKind(StrEnum):
    WEBINAR = "webinar"
    STUDIEMIDDAG = "studiemiddag"
    INTERVISIE = "intervisie"
    WERKSESSIE = "werksessie"
    DOENDAG = "doendag"
    AMBASSADEURSBIJEENKOMST = "ambassadeursbijeenkomst"


class RsvpAnswer(StrEnum):
    YES = "ja"
    MAYBE = "misschien"
    NO = "nee"


class Language(StrEnum):
    NL = "nl"
    EN = "en"


def code(member: StrEnum) -> str:
    """The English code name used in stable button ids (``Recognition.YES`` -> ``yes``)."""
    return member.name.lower()


E = TypeVar("E", bound=StrEnum)


def from_code(enum: type[E], value: str) -> E:
    return enum[value.upper()]
