"""User-facing texts, Dutch first (plain language, B1), English second.

``t(lang, key, **params)``; a key missing in English falls back to Dutch.
"""

from __future__ import annotations

import re
from datetime import datetime
from zoneinfo import ZoneInfo

from bot.core.enums import CauseArea, Stage

AMSTERDAM = ZoneInfo("Europe/Amsterdam")

NL: dict[str, str] = {}
EN: dict[str, str] = {}


def _add(key: str, nl: str, en: str = "") -> None:
    NL[key] = nl
    if en:
        EN[key] = en


# "{count#signaal|signalen}" -> "1 signaal" / "3 signalen"
PLURAL = re.compile(r"\{(\w+)#([^|{}]*)\|([^{}]*)\}")


def t(lang: str, key: str, /, **params: object) -> str:
    table = EN if lang == "en" else NL
    template = table.get(key) or NL.get(key) or key
    if not params:
        return template
    template = PLURAL.sub(lambda m: _plural(m, params), template)
    return template.format(**params)


def _plural(match: re.Match[str], params: dict[str, object]) -> str:
    name, one, many = match.groups()
    count = params.get(name)
    return f"{{{name}}} {one if count == 1 else many}"


MONTHS_NL = ("jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec")
MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def when(moment: datetime | None, lang: str = "nl", tz: ZoneInfo = AMSTERDAM) -> str:
    """``2 nov 2026 10:00`` in Europe/Amsterdam."""
    if moment is None:
        return "-"
    local = moment.astimezone(tz)
    months = MONTHS_EN if lang == "en" else MONTHS_NL
    return f"{local.day} {months[local.month - 1]} {local.year} {local:%H:%M}"


def shorten(text: str, length: int) -> str:
    """Cut a text to ``length`` characters, with an ellipsis when it was longer."""
    return text if len(text) <= length else text[: length - 1] + "…"


def day(moment: datetime | None, lang: str = "nl", tz: ZoneInfo = AMSTERDAM) -> str:
    """``2 nov 2026``: for dates where the time of day does not matter."""
    return when(moment, lang, tz).rsplit(" ", 1)[0] if moment else "-"


STAGE_LABELS = {
    Stage.OOGSTEN: ("oogsten", "harvest"),
    Stage.TOETSEN: ("toetsen", "test"),
    Stage.VERDIEPEN: ("verdiepen", "deepen"),
    Stage.DELEN: ("delen", "share"),
    Stage.AGENDEREN: ("agenderen", "put on the agenda"),
    Stage.TERUGKOPPELEN: ("terugkoppelen", "report back"),
    Stage.AFGEROND: ("afgerond", "done"),
    Stage.PARKED: ("geparkeerd", "parked"),
    Stage.NOT_RECOGNISED: ("niet herkend", "not recognised"),
}

CAUSE_LABELS = {
    CauseArea.REGELGEVING: ("wet- en regelgeving", "laws and regulations"),
    CauseArea.FINANCIERING: ("financiering", "funding"),
    CauseArea.STURING: ("sturing en verantwoording", "governance and accountability"),
    CauseArea.BESLUITVORMING: ("besluitvorming", "decision-making"),
    CauseArea.COMMUNICATIE: ("communicatie", "communication"),
}


def stage_label(stage: Stage, lang: str = "nl") -> str:
    nl, en = STAGE_LABELS[stage]
    return en if lang == "en" else nl


def cause_label(area: CauseArea, lang: str = "nl") -> str:
    nl, en = CAUSE_LABELS[area]
    return en if lang == "en" else nl


# -- errors and input ------------------------------------------------------------------------
_add(
    "error.unexpected",
    "😕 Sorry, er ging iets mis aan onze kant. Er is niets opgeslagen. "
    "Probeer het later opnieuw of meld het aan de staf met referentie `{ref}`.",
    "😕 Sorry, something went wrong on our side. Nothing was saved. Try again later or tell "
    "the staff, quoting reference `{ref}`.",
)
_add("error.role", "Alleen de staf kan `/{command}` gebruiken.", "Only staff can use `/{command}`.")
_add("error.staff_only", "Dit kan alleen de staf doen.", "Only staff can do this.")
_add(
    "error.unknown_button",
    "Deze knop ken ik niet (meer). Vraag het bericht opnieuw op.",
    "I don't know this button (any more). Ask for the message again.",
)
_add(
    "error.unknown_command",
    "Onbekend commando `/{name}`. Typ `/help` voor alle commando's.",
    "Unknown command `/{name}`. Type `/help` for all commands.",
)
_add(
    "error.missing_sub",
    "Wat wil je doen met `/{name}`? Kies een van: {subs}.",
    "What do you want to do with `/{name}`? Choose one of: {subs}.",
)
_add(
    "error.unknown_sub",
    "`/{name} {sub}` bestaat niet. Kies een van: {subs}.",
    "`/{name} {sub}` does not exist. Choose one of: {subs}.",
)
_add(
    "error.unknown_option",
    "Onbekende optie `{option}:`. Gebruik: `{usage}`",
    "Unknown option `{option}:`. Use: `{usage}`",
)
_add(
    "error.loose_text",
    'Ik weet niet bij welke optie "{text}" hoort. Zet er de naam voor, '
    'bijvoorbeeld `tekst:"..."`. Gebruik: `{usage}`',
    'I don\'t know which option "{text}" belongs to. Put its name in front, e.g. '
    '`tekst:"..."`. Use: `{usage}`',
)
_add(
    "error.missing_arg",
    "Vul `{arg}:` in. Gebruik: `{usage}`",
    "Please fill in `{arg}:`. Use: `{usage}`",
)
_add(
    "parse.quotes",
    'Er mist een aanhalingsteken. Zet tekst met spaties tussen "...".',
    'A quotation mark is missing. Put text with spaces between "...".',
)
_add(
    "arg.number",
    '`{arg}:` moet een nummer zijn, zoals 12 of #12 (niet "{value}").',
    '`{arg}:` must be a number such as 12 or #12 (not "{value}").',
)
_add(
    "arg.choice",
    '`{arg}:` kan zijn: {choices} (niet "{value}").',
    '`{arg}:` can be: {choices} (not "{value}").',
)
_add(
    "arg.bool", '`{arg}:` is ja of nee (niet "{value}").', '`{arg}:` is ja or nee (not "{value}").'
)
_add(
    "arg.datetime",
    'Ik begrijp de datum bij `{arg}:` niet ("{value}"). Schrijf bijvoorbeeld '
    '`{arg}:"1-12-2026 17:00"`, `{arg}:2026-12-01` of `{arg}:"morgen 17:00"`.',
    'I don\'t understand the date for `{arg}:` ("{value}"). Write e.g. '
    '`{arg}:"1-12-2026 17:00"`, `{arg}:2026-12-01` or `{arg}:"morgen 17:00"`.',
)
_add(
    "arg.offset",
    'Ik begrijp "{value}" niet als tijd vooraf. Gebruik bijvoorbeeld 7d, 1d, 1u of 30m.',
    'I don\'t understand "{value}" as a time before. Use e.g. 7d, 1d, 1u or 30m.',
)
_add("arg.empty", "`{arg}:` is leeg. Schrijf er iets in.", "`{arg}:` is empty. Write something.")
_add(
    "arg.too_long",
    "`{arg}:` is te lang ({length} tekens; maximaal {max}). Maak het korter.",
    "`{arg}:` is too long ({length} characters; at most {max}). Please shorten it.",
)
_add(
    "arg.url",
    '`{arg}:` moet een link zijn die begint met https:// (niet "{value}").',
    '`{arg}:` must be a link starting with https:// (not "{value}").',
)

# -- calls -------------------------------------------------------------------------------------
_add("call.title.open", "📣 Oproep #{nr}", "📣 Call #{nr}")
_add("call.title.targeted", "🎯 Gerichte oproep #{nr}", "🎯 Targeted call #{nr}")
_add("call.about", "Over knelpunt #{nr}: {title}", "About bottleneck #{nr}: {title}")
_add("call.reason", "Waarom we dit vragen: {reason}", "Why we ask: {reason}")
_add("call.domain", "Domein: {domain}", "Domain: {domain}")
_add("call.closes", "Reageren kan tot {when}.", "You can reply until {when}.")
_add(
    "call.how",
    "Reageer hieronder in de draad, of stuur de bot een privébericht als je liever "
    "niet openbaar reageert. Wat je meldt verdwijnt niet: je hoort wat ermee gebeurt.",
    "Reply in the thread below, or send the bot a private message if you prefer. What you "
    "report does not disappear: you will hear what happens with it.",
)
_add("call.posted", "Oproep #{nr} staat uit in #{channel}.", "Call #{nr} is posted in #{channel}.")
_add(
    "call.close_in_past",
    "De sluittijd ligt in het verleden. Kies een moment in de toekomst.",
    "The closing time is in the past. Choose a moment in the future.",
)
_add(
    "call.not_found",
    "Oproep #{nr} bestaat niet. Zie `/oproep lijst`.",
    "Call #{nr} does not exist. See `/oproep lijst`.",
)
_add("call.already_closed", "Oproep #{nr} is al gesloten.", "Call #{nr} is already closed.")
_add("call.closed_ok", "Oproep #{nr} is gesloten.", "Call #{nr} is closed.")
_add(
    "call.closed_thread",
    "🔒 Oproep #{nr} is gesloten. Dank voor {count#reactie|reacties}! Je "
    "hoort wat we ermee doen. Nieuwe signalen kun je altijd melden met `/signaal`.",
    "🔒 Call #{nr} is closed. Thank you for {count#reply|replies}! You will hear what we do "
    "with them. You can always report new signals with `/signaal`.",
)
_add(
    "call.none_open",
    'Er staan nu geen oproepen open. Je kunt altijd een signaal melden met `/signaal tekst:"..."`.',
    'There are no open calls now. You can always report a signal with `/signaal tekst:"..."`.',
)
_add("call.list.head", "**Open oproepen**", "**Open calls**")
_add(
    "call.list.item",
    "• #{nr} {question} — {count#reactie|reacties}{closes}",
    "• #{nr} {question} — {count#reply|replies}{closes}",
)
_add("call.list.closes", " (sluit {when})", " (closes {when})")
_add(
    "call.targeted_dm.title",
    "🎯 Vervolgvraag over knelpunt #{nr}",
    "🎯 Follow-up question on bottleneck #{nr}",
)
_add(
    "call.targeted_dm",
    'Je droeg eerder bij aan "{title}". We hebben een vervolgvraag '
    "(oproep #{nr}):\n\n{question}\n\nWaarom we dit vragen: {reason}\n\nAntwoord gewoon hier "
    "in dit privégesprek, of in de draad van de oproep.",
    'You contributed to "{title}" before. We have a follow-up question (call #{nr}):\n\n'
    "{question}\n\nWhy we ask: {reason}\n\nJust answer here in this private chat, or in the "
    "call's thread.",
)

# -- signals -----------------------------------------------------------------------------------
_add(
    "signal.thanks",
    "Dank je! Je signaal #{nr} is ontvangen. De staf bekijkt het en je hoort "
    "wat ermee gebeurt. Bekijk je signalen met `/mijn signalen`.",
    "Thank you! Your signal #{nr} was received. The staff will look at it and you will hear "
    "what happens. See your signals with `/mijn signalen`.",
)
_add(
    "signal.thanks_call",
    "Dank je! Je reactie is opgeslagen als signaal #{nr} bij oproep "
    "#{call}. Je hoort wat ermee gebeurt (`/mijn signalen`).",
    "Thank you! Your reply was saved as signal #{nr} for call #{call}. You will hear what "
    "happens (`/mijn signalen`).",
)
_add(
    "signal.recorded_offline",
    "Offline signaal #{nr} is vastgelegd.",
    "Offline signal #{nr} was recorded.",
)
_add(
    "signal.which_call",
    "Dank je! Je bericht is opgeslagen als signaal #{nr}. Er staan "
    "meerdere oproepen open: bij welke hoort het?",
    "Thank you! Your message was saved as signal #{nr}. Several calls are open: which one "
    "does it answer?",
)
_add("signal.pick_call", "#{nr} {question}")
_add("signal.pick_none", "Bij geen enkele: los signaal", "None: a separate signal")
_add(
    "signal.call_closed",
    "Oproep #{nr} is al gesloten, maar je bericht is niet verloren: het "
    "is bewaard als los signaal #{signal}.",
    "Call #{nr} is already closed, but your message is not lost: it was saved as separate "
    "signal #{signal}.",
)
_add(
    "signal.no_call",
    "Dit gesprek hoort niet bij een oproep. Stuur je signaal met `/signaal` of "
    "als privébericht aan de bot.",
    "This conversation does not belong to a call. Send your signal with `/signaal` or as a "
    "private message to the bot.",
)
_add("signal.not_found", "Signaal #{nr} bestaat niet.", "Signal #{nr} does not exist.")
_add(
    "signal.not_yours", "Dit signaal is van iemand anders.", "This signal belongs to someone else."
)
_add(
    "signal.offline_staff_only",
    "Alleen de staf kan offline input vastleggen (`bron:` en "
    '`namens:`). Meld je eigen signaal met `/signaal tekst:"..."`.',
    "Only staff can record offline input (`bron:` and `namens:`). Report your own signal with "
    '`/signaal tekst:"..."`.',
)
_add(
    "signal.namens_needs_bron",
    "Geef ook de bron: `bron:intake` of `bron:werkveld`.",
    "Also give the source: `bron:intake` or `bron:werkveld`.",
)

# -- triage ------------------------------------------------------------------------------------
_add("triage.title", "🧺 Ordenen: signaal #{nr}", "🧺 Triage: signal #{nr}")
_add(
    "triage.meta",
    "Van {who} {where} · {when} · status: {status}",
    "From {who} {where} · {when} · status: {status}",
)
_add("triage.source.thread", "in de draad van oproep #{call}", "in the thread of call #{call}")
_add("triage.source.dm", "per privébericht (oproep #{call})", "by private message (call #{call})")
_add("triage.source.command", "via /signaal", "via /signaal")
_add("triage.source.intake", "uit een intakegesprek", "from an intake interview")
_add("triage.source.field", "uit het werkveld", "from the field")
_add("triage.erased", "(tekst verwijderd)", "(text erased)")
_add(
    "triage.domain",
    "Domein: {domain} · voorstel: {suggestion}",
    "Domain: {domain} · suggestion: {suggestion}",
)
_add(
    "triage.targeted",
    "Antwoord op een gerichte oproep over knelpunt #{nr}.",
    "Answer to a targeted call about bottleneck #{nr}.",
)
_add("triage.similar", "Lijkt op:", "Similar to:")
_add("triage.left", "Daarna nog {count} te ordenen.", "{count} more to triage after this one.")
_add(
    "triage.empty",
    "✅ Alles is geordend: er zijn geen nieuwe signalen.",
    "✅ All done: there are no new signals.",
)
_add("triage.btn.relevant", "Relevant")
_add("triage.btn.irrelevant", "Niet relevant", "Not relevant")
_add("triage.btn.duplicate", "Dubbel", "Duplicate")
_add("triage.btn.link", "Koppel aan #{nr}", "Link to #{nr}")
_add("triage.btn.new", "Nieuw knelpunt", "New bottleneck")
_add("triage.pick", "Of kies een ander knelpunt…", "Or pick another bottleneck…")
_add("triage.form.title", "Nieuw knelpunt", "New bottleneck")
_add("triage.form.titel", "Titel (kort)", "Title (short)")
_add("triage.form.omschrijving", "Omschrijving", "Description")
_add(
    "triage.done.irrelevant",
    "Signaal #{nr} is gemarkeerd als niet relevant.",
    "Signal #{nr} was marked not relevant.",
)
_add(
    "triage.done.duplicate",
    "Signaal #{nr} is gemarkeerd als dubbel.",
    "Signal #{nr} was marked as a duplicate.",
)
_add(
    "triage.done.link",
    "Signaal #{nr} is gekoppeld aan knelpunt #{bottleneck}.",
    "Signal #{nr} is linked to bottleneck #{bottleneck}.",
)
_add(
    "triage.done.new",
    "Knelpunt #{bottleneck} is aangemaakt en signaal #{nr} is eraan gekoppeld.",
    "Bottleneck #{bottleneck} was created and signal #{nr} linked to it.",
)

# -- bottlenecks and stages --------------------------------------------------------------------
_add(
    "bottleneck.not_found",
    "Knelpunt #{nr} bestaat niet. Zie `/knelpunt lijst`.",
    "Bottleneck #{nr} does not exist. See `/knelpunt lijst`.",
)
_add(
    "bottleneck.merged",
    "Knelpunt #{nr} is samengevoegd met #{into}. Gebruik #{into}.",
    "Bottleneck #{nr} was merged into #{into}. Use #{into}.",
)
_add(
    "bottleneck.closed",
    'Knelpunt #{nr} staat op "{stage}" en is dus niet meer open.',
    'Bottleneck #{nr} is "{stage}" and no longer open.',
)
_add(
    "bottleneck.created",
    'Knelpunt #{nr} "{title}" is aangemaakt (fase: oogsten).',
    'Bottleneck #{nr} "{title}" was created (stage: harvest).',
)
_add("bottleneck.title", "📌 Knelpunt #{nr}: {title}", "📌 Bottleneck #{nr}: {title}")
_add(
    "bottleneck.head",
    "Fase: **{stage}** · domein: {domain} · {count#signaal|signalen} · "
    "{people#betrokkene|betrokkenen}",
    "Stage: **{stage}** · domain: {domain} · {count#signal|signals} · "
    "{people#person|people} involved",
)
_add("bottleneck.none", "Geen knelpunten gevonden.", "No bottlenecks found.")
_add("bottleneck.list.head", "**Knelpunten**", "**Bottlenecks**")
_add(
    "bottleneck.list.item",
    "• #{nr} {title} — {stage} · {domain} · {count#signaal|signalen}",
    "• #{nr} {title} — {stage} · {domain} · {count#signal|signals}",
)
_add(
    "bottleneck.linked",
    "Signaal #{signal} is gekoppeld aan knelpunt #{nr}.",
    "Signal #{signal} is linked to bottleneck #{nr}.",
)
_add(
    "bottleneck.merge_self",
    "Een knelpunt kan niet met zichzelf samengevoegd worden.",
    "A bottleneck cannot be merged with itself.",
)
_add(
    "bottleneck.merged_ok",
    "Knelpunt #{src} is samengevoegd met #{dst}: signalen en peilingen staan nu bij #{dst}.",
    "Bottleneck #{src} was merged into #{dst}: its signals and polls are now with #{dst}.",
)
_add(
    "stage.same",
    'Knelpunt #{nr} staat al in fase "{stage}".',
    'Bottleneck #{nr} is already in stage "{stage}".',
)
_add(
    "stage.forbidden",
    'Van "{frm}" naar "{to}" kan niet. Vanaf hier kan: {options}.',
    'From "{frm}" to "{to}" is not allowed. From here: {options}.',
)
_add(
    "stage.reason_needed",
    'Geef een `toelichting:` bij de stap naar "{to}".',
    'Give a `toelichting:` (reason) for the move to "{to}".',
)
_add("stage.moved", "Knelpunt #{nr}: {frm} → {to}.", "Bottleneck #{nr}: {frm} → {to}.")
_add("tl.head", "**Tijdlijn**", "**Timeline**")
_add("tl.created", "aangemaakt door {who} (oogsten)", "created by {who} (harvest)")
_add("tl.stage", "fase {frm} → {to} door {who}", "stage {frm} → {to} by {who}")
_add("tl.reason", ' — "{reason}"')
_add("tl.cause", "oorzaak ({area}): {text}{expert}", "cause ({area}): {text}{expert}")
_add("tl.expert", " (met {expert})", " (with {expert})")
_add("tl.share", "gedeeld als {form}: {text}", "shared as {form}: {text}")
_add(
    "tl.agenda",
    "geagendeerd bij {table} ({action}, {date})",
    "put on the agenda at {table} ({action}, {date})",
)
_add("tl.outcome", " — uitkomst: {outcome}", " — outcome: {outcome}")
_add("tl.follow_up", " — vervolg op {date}", " — follow-up on {date}")
_add("tl.poll", "peiling #{nr} gestart", "poll #{nr} started")
_add("tl.poll_closed", "peiling #{nr} gesloten", "poll #{nr} closed")
_add("tl.feedback", "teruggekoppeld: {text}", "reported back: {text}")
_add(
    "tl.merged",
    'knelpunt #{nr} "{title}" is hierin opgegaan',
    'bottleneck #{nr} "{title}" was merged into this one',
)
_add(
    "cause.recorded",
    "Oorzaak ({area}) vastgelegd bij knelpunt #{nr}.",
    "Cause ({area}) recorded for bottleneck #{nr}.",
)
_add(
    "share.title",
    "{icon} {form} over knelpunt #{nr}: {title}",
    "{icon} {form} on bottleneck #{nr}: {title}",
)
_add(
    "share.posted",
    "Gedeeld in #{channel} (knelpunt #{nr}).",
    "Shared in #{channel} (bottleneck #{nr}).",
)
_add(
    "agenda.recorded",
    'Agendering van knelpunt #{nr} bij "{table}" is vastgelegd.',
    'Agenda step for bottleneck #{nr} at "{table}" was recorded.',
)
_add(
    "agenda.follow_up_before",
    "De vervolgdatum ligt vóór de datum van de agendering.",
    "The follow-up date is before the agenda date.",
)

# -- polls -------------------------------------------------------------------------------------
_add("poll.card.title", "🗳 Peiling #{nr}", "🗳 Poll #{nr}")
_add("poll.card.about", "Knelpunt #{nr}: **{title}**", "Bottleneck #{nr}: **{title}**")
_add(
    "poll.card.ask",
    "Herken je dit? Hoe urgent is het? En wat is er nodig?",
    "Do you recognise this? How urgent is it? And what is needed?",
)
_add("poll.card.ambassadors", "Deze peiling is voor ambassadeurs.", "This poll is for ambassadors.")
_add(
    "poll.card.closes",
    "Stemmen kan tot {when}; tot dan kun je je stem wijzigen.",
    "You can vote until {when} and change your vote until then.",
)
_add(
    "poll.card.keyboard",
    "Zonder knoppen: `/stem peiling:{nr} herkend:ja urgentie:hoog`.",
    "Without buttons: `/stem peiling:{nr} herkend:ja urgentie:hoog`.",
)
_add("poll.btn.yes", "Herken ik", "I recognise it")
_add("poll.btn.partly", "Deels", "Partly")
_add("poll.btn.no", "Herken ik niet", "I don't")
_add("poll.btn.low", "Urgentie laag", "Urgency low")
_add("poll.btn.medium", "Urgentie middel", "Urgency medium")
_add("poll.btn.high", "Urgentie hoog", "Urgency high")
_add("poll.btn.needed", "Wat is er nodig?", "What is needed?")
_add("poll.form.title", "Wat is er nodig?", "What is needed?")
_add(
    "poll.form.label",
    "Wat is er volgens jou nodig om dit op te lossen?",
    "What do you think is needed to solve this?",
)
_add(
    "poll.started",
    "Peiling #{nr} over knelpunt #{bottleneck} staat in #{channel}.",
    "Poll #{nr} on bottleneck #{bottleneck} is posted in #{channel}.",
)
_add(
    "poll.close_in_past",
    "De sluittijd ligt in het verleden. Kies een moment in de toekomst.",
    "The closing time is in the past. Choose a moment in the future.",
)
_add("poll.not_found", "Peiling #{nr} bestaat niet.", "Poll #{nr} does not exist.")
_add(
    "poll.closed",
    "Peiling #{nr} is gesloten; stemmen kan niet meer. Bekijk de uitslag met "
    "`/peiling uitslag nr:{nr}`.",
    "Poll #{nr} is closed; you can no longer vote. See the result with `/peiling uitslag nr:{nr}`.",
)
_add("poll.already_closed", "Peiling #{nr} is al gesloten.", "Poll #{nr} is already closed.")
_add(
    "poll.closed_ok",
    "Peiling #{nr} is gesloten en de uitslag is geplaatst.",
    "Poll #{nr} is closed and the result was posted.",
)
_add(
    "poll.ambassadors_only",
    "Peiling #{nr} is alleen voor ambassadeurs.",
    "Poll #{nr} is for ambassadors only.",
)
_add(
    "poll.voted.new",
    "✅ Je stem in peiling #{nr} is opgeslagen ({what}). Je kunt hem wijzigen "
    "tot de peiling sluit.",
    "✅ Your vote in poll #{nr} was saved ({what}). You can change it until the poll closes.",
)
_add(
    "poll.voted.changed",
    "✅ Je stem in peiling #{nr} is gewijzigd ({what}).",
    "✅ Your vote in poll #{nr} was changed ({what}).",
)
_add("poll.voted.recognised", "herkend: {value}", "recognised: {value}")
_add("poll.voted.urgency", "urgentie: {value}", "urgency: {value}")
_add("poll.voted.needed", "wat nodig is: ingevuld", "what is needed: filled in")
_add("poll.result.title", "📊 Tussenstand peiling #{nr}", "📊 Interim result of poll #{nr}")
_add("poll.result.title_closed", "📊 Uitslag peiling #{nr}", "📊 Result of poll #{nr}")
_add("poll.result.about", "Knelpunt #{nr}: {title}", "Bottleneck #{nr}: {title}")
_add("poll.result.votes", "{votes#stem|stemmen}", "{votes#vote|votes}")
_add("poll.result.recognised", "Herkend:", "Recognised:")
_add("poll.result.urgency", "Urgentie:", "Urgency:")
_add("poll.result.by_domain", "Per domein:", "By domain:")
_add("poll.result.recognises", "herkent het", "recognise it")
_add(
    "poll.result.broad",
    "✅ Breed herkend: {share} ja of deels bij {votes#stem|stemmen} (regel: "
    "minstens {min_share}% bij minstens {min_votes} stemmen).",
    "✅ Broadly recognised: {share} yes or partly from {votes} votes (rule: at least "
    "{min_share}% from at least {min_votes} votes).",
)
_add(
    "poll.result.not_broad",
    "➖ (Nog) niet breed herkend: {share} ja of deels bij {votes} "
    "stemmen (regel: minstens {min_share}% bij minstens {min_votes} stemmen).",
    "➖ Not (yet) broadly recognised: {share} yes or partly from {votes} votes (rule: at "
    "least {min_share}% from at least {min_votes} votes).",
)
_add("poll.result.needed", "Wat is er nodig:", "What is needed:")
_add(
    "poll.result.needed_count",
    "{count#persoon schreef|mensen schreven} op wat er nodig is; de staf neemt dit mee.",
    "{count#person wrote|people wrote} down what is needed; the staff takes this along.",
)

# -- feedback ----------------------------------------------------------------------------------
_add(
    "feedback.title",
    "🔁 Terugkoppeling over knelpunt #{nr}: {title}",
    "🔁 Feedback on bottleneck #{nr}: {title}",
)
_add(
    "feedback.stage",
    "Fase nu: {stage}. Alle stappen: `/knelpunt toon nr:{nr}`.",
    "Stage now: {stage}. All steps: `/knelpunt toon nr:{nr}`.",
)
_add(
    "feedback.dm.title",
    "🔁 Wat er gebeurde met knelpunt #{nr}",
    "🔁 What happened with bottleneck #{nr}",
)
_add(
    "feedback.dm",
    'Je droeg bij aan "{title}". Dit is er gebeurd:\n\n{text}\n\nFase nu: '
    "{stage}. Alle stappen: `/knelpunt toon nr:{nr}`. Geen berichten meer? "
    "`/mijn instellingen meldingen:uit`.",
    'You contributed to "{title}". This is what happened:\n\n{text}\n\nStage now: {stage}. '
    "All steps: `/knelpunt toon nr:{nr}`. No more messages? "
    "`/mijn instellingen meldingen:uit`.",
)
_add(
    "feedback.sent",
    "Terugkoppeling geplaatst in #{channel} en persoonlijk gestuurd aan "
    "{count#betrokkene|betrokkenen} (knelpunt #{nr}).",
    "Feedback posted in #{channel} and sent "
    "personally to {count} people involved (bottleneck #{nr}).",
)

# -- mine, privacy, settings, help -------------------------------------------------------------
_add(
    "mine.none",
    'Je hebt nog geen signalen gemeld. Dat kan met `/signaal tekst:"..."`.',
    'You have not reported any signals yet. Use `/signaal tekst:"..."`.',
)
_add(
    "mine.head",
    "**Jouw signalen en wat ermee gebeurde**",
    "**Your signals and what became of them**",
)
_add("mine.item", "• #{nr} ({when}): {text}")
_add("mine.erased", "(tekst na de bewaartermijn verwijderd)", "(text erased after retention)")
_add(
    "mine.linked",
    '→ knelpunt #{nr} "{title}", fase: {stage}',
    '→ bottleneck #{nr} "{title}", stage: {stage}',
)
_add("mine.status.new", "→ nog niet bekeken door de staf", "→ not yet reviewed by staff")
_add(
    "mine.status.relevant",
    "→ relevant bevonden; nog niet aan een knelpunt gekoppeld",
    "→ found relevant; not yet linked to a bottleneck",
)
_add(
    "mine.status.not_relevant",
    "→ bekeken; niet als knelpunt opgepakt",
    "→ reviewed; not taken up as a bottleneck",
)
_add(
    "mine.status.duplicate",
    "→ bekeken; dubbel met een eerder signaal",
    "→ reviewed; a duplicate of an earlier signal",
)
_add("mine.status.linked", "→ gekoppeld", "→ linked")
_add("privacy.show.title", "🔐 Wat de bot over je bewaart", "🔐 What the bot stores about you")
_add(
    "privacy.show",
    "Naam: {name} · rol: {role} · taal: {lang} · meldingen: {notify} · "
    "domein: {domain}\n{signals#signaal|signalen}, {votes#stem|stemmen}, "
    "{rsvps#aanmelding|aanmeldingen}.\n"
    "Alles downloaden: `/mijn gegevens export`. Wissen: `/mijn gegevens verwijder`.",
    "Name: {name} · role: {role} · language: {lang} · notifications: {notify} · domain: "
    "{domain}\n{signals} signals, {votes} votes, {rsvps} RSVPs.\nDownload everything: "
    "`/mijn gegevens export`. Erase: `/mijn gegevens verwijder`.",
)
_add("privacy.export.title", "🔐 Je gegevens (JSON)", "🔐 Your data (JSON)")
_add(
    "privacy.confirm",
    "Weet je het zeker? De teksten van je {signals#signaal|signalen}, je naam en je "
    "aanmeldingen worden gewist. Je {votes#stem blijft|stemmen blijven} meetellen, maar "
    "zonder naam. Dit kan niet ongedaan worden.",
    "Are you sure? The texts of your {signals} signals, your "
    "name and your RSVPs will be erased. Your {votes} votes still count, without your name. "
    "This cannot be undone.",
)
_add("privacy.btn.erase", "Ja, wis mijn gegevens", "Yes, erase my data")
_add("privacy.btn.cancel", "Nee, toch niet", "No, cancel")
_add("privacy.cancelled", "Er is niets gewist.", "Nothing was erased.")
_add("privacy.erased", "Je gegevens zijn gewist.", "Your data has been erased.")
_add(
    "settings.now",
    "Je instellingen: taal {lang} · meldingen {notify} · domein {domain}.",
    "Your settings: language {lang} · notifications {notify} · domain {domain}.",
)
_add("help.title", "ℹ️ Commando's", "ℹ️ Commands")
_add(
    "help.more",
    "Meer over één commando: `/help oproep`. Opties schrijf je als `naam:waarde`; "
    'tekst met spaties tussen "...".',
    "More about one command: `/help oproep`. Options are "
    'written as `name:value`; text with spaces between "...".',
)
_add(
    "help.unknown",
    "`/{name}` ken ik niet. Typ `/help` voor alle commando's.",
    "I don't know `/{name}`. Type `/help` for all commands.",
)
_add("help.staff_only", "(alleen staf)", "(staff only)")

# -- member overview (Slack App Home) -------------------------------------------------------
_add("home.title", "👋 Signaalbot", "👋 Signaalbot")
_add(
    "home.intro",
    "Hier zie je de open oproepen van {name} en wat er met jouw signalen gebeurde.",
    "Here you see the open calls of {name} and what became of your signals.",
)
_add("home.calls.head", "**Open oproepen**", "**Open calls**")
_add(
    "home.calls.how",
    "Reageer in de draad onder de oproep, of stuur de bot een privébericht.",
    "Reply in the thread under the call, or send the bot a private message.",
)
_add("form.submit", "Versturen", "Send")
_add("form.cancel", "Annuleren", "Cancel")

# -- events (bijeenkomsten) --------------------------------------------------------------------
_add("event.kind.webinar", "Webinar", "Webinar")
_add("event.kind.studiemiddag", "Studiemiddag", "Study afternoon")
_add("event.kind.intervisie", "Intervisie", "Peer consultation")
_add("event.kind.werksessie", "Werksessie", "Work session")
_add("event.kind.doendag", "Doen-Dag", "Doen-Dag (hands-on day)")
_add("event.kind.ambassadeursbijeenkomst", "Ambassadeursbijeenkomst", "Ambassadors' meeting")
_add("event.title", "📅 {kind} #{nr}: {title}", "📅 {kind} #{nr}: {title}")
_add("event.cancelled_title", "❌ Geannuleerd — {title}", "❌ Cancelled — {title}")
_add("event.when", "🕒 {when}", "🕒 {when}")
_add("event.place", "📍 {place}", "📍 {place}")
_add("event.link", "🔗 {link}", "🔗 {link}")
_add("event.counts", "{yes} komen, {maybe} misschien.", "{yes} coming, {maybe} maybe.")
_add("event.capacity", "Er zijn {capacity} plaatsen.", "There are {capacity} places.")
_add("event.btn.yes", "Ik kom", "I'm coming")
_add("event.btn.maybe", "Misschien", "Maybe")
_add("event.btn.no", "Kan niet", "Can't make it")
_add(
    "event.how",
    "Kom je? Kies een knop, of typ `/aanmelden bijeenkomst:{nr} antwoord:ja`. "
    "In je agenda zetten: `/bijeenkomst ics nr:{nr}`.",
    "Coming? Pick a button, or type `/aanmelden bijeenkomst:{nr} antwoord:ja`. "
    "Add to your calendar: `/bijeenkomst ics nr:{nr}`.",
)
_add("event.not_found", "Bijeenkomst #{nr} bestaat niet.", "Event #{nr} does not exist.")
_add("event.cancelled", "Bijeenkomst #{nr} is geannuleerd.", "Event #{nr} was cancelled.")
_add("event.started", "Bijeenkomst #{nr} is al begonnen.", "Event #{nr} has already started.")
_add(
    "event.full",
    "Bijeenkomst #{nr} is vol ({capacity} plaatsen). Je kunt wel 'misschien' kiezen.",
    "Event #{nr} is full ({capacity} places). You can still choose 'maybe'.",
)
_add("event.start_in_past", "Het begin ligt in het verleden.", "The start is in the past.")
_add("event.end_before_start", "Het einde ligt voor het begin.", "The end is before the start.")
_add(
    "event.nothing_to_change",
    "Wat wil je wijzigen aan bijeenkomst #{nr}? Geef bijvoorbeeld `start:` of `plek:`.",
    "What do you want to change about event #{nr}? Give for example `start:` or `plek:`.",
)
_add(
    "event.created",
    "Bijeenkomst #{nr} staat in #{channel}. Herinneringen: {reminders}.",
    "Event #{nr} is posted in #{channel}. Reminders: {reminders}.",
)
_add("event.none", "Er zijn geen komende bijeenkomsten.", "There are no upcoming events.")
_add("event.list.head", "**Komende bijeenkomsten**", "**Upcoming events**")
_add(
    "event.list.item",
    "• #{nr} {when} — {kind}: {title} ({yes} komen, {maybe} misschien)",
    "• #{nr} {when} — {kind}: {title} ({yes} coming, {maybe} maybe)",
)
_add("event.yours", "Jouw antwoord: {answer}.", "Your answer: {answer}.")
_add(
    "event.changed",
    'Let op: de bijeenkomst "{title}" is gewijzigd ({what}). Dit is de nieuwe informatie:',
    'Note: the event "{title}" has changed ({what}). This is the new information:',
)
_add("event.changed.head", "✏️ Gewijzigd: {what}.", "✏️ Changed: {what}.")
_add(
    "event.changed_ok",
    "Bijeenkomst #{nr} is gewijzigd. "
    "{count#persoon die reageerde kreeg|mensen die reageerden kregen} bericht.",
    "Event #{nr} was changed. {count} people who responded were told.",
)
_add(
    "event.cancelled_dm",
    'Helaas: de bijeenkomst "{title}" gaat niet door. Reden: {what}.',
    'Sorry: the event "{title}" is cancelled. Reason: {what}.',
)
_add("event.cancelled.head", "Deze bijeenkomst gaat niet door. Reden: {reason}.",
     "This event is cancelled. Reason: {reason}.")
_add(
    "event.cancelled_ok",
    "Bijeenkomst #{nr} is geannuleerd. "
    "{count#persoon die reageerde kreeg|mensen die reageerden kregen} bericht.",
    "Event #{nr} was cancelled. {count} people who responded were told.",
)
_add("event.ics.title", "📅 Bijeenkomst #{nr} voor je agenda", "📅 Event #{nr} for your calendar")
_add(
    "event.ics.how",
    "Sla de tekst hieronder op als bestand `bijeenkomst.ics` en open het in je agenda.",
    "Save the text below as a file `event.ics` and open it in your calendar.",
)
_add(
    "event.rsvp.yes",
    'Fijn! Je bent aangemeld voor #{nr} "{title}" ({when}). Je krijgt vooraf een herinnering.',
    'Great! You are signed up for #{nr} "{title}" ({when}). You will get a reminder.',
)
_add(
    "event.rsvp.maybe",
    'Genoteerd: misschien voor #{nr} "{title}" ({when}). Je krijgt vooraf een herinnering.',
    'Noted: maybe for #{nr} "{title}" ({when}). You will get a reminder.',
)
_add(
    "event.rsvp.no",
    'Jammer! Genoteerd dat je niet komt naar #{nr} "{title}".',
    'Noted that you cannot come to #{nr} "{title}".',
)
_add("event.reminder.title", "⏰ Herinnering: {title}", "⏰ Reminder: {title}")
_add("event.reminder", "Deze bijeenkomst begint {when}.", "This event starts {when}.")
_add(
    "event.reminder.missed",
    "⚠️ Herinnering {label} voor bijeenkomst #{nr} \"{title}\" is niet verstuurd: de bot was "
    "niet bereikbaar op het moment ({due}) en het is nu te laat.",
    "⚠️ Reminder {label} for event #{nr} \"{title}\" was not sent: the bot was down at the "
    "time ({due}) and it is too late now.",
)

# -- close the loop ---------------------------------------------------------------------------
_add("loop.stage.title", "🔁 Nieuws over knelpunt #{nr}", "🔁 News about bottleneck #{nr}")
_add(
    "loop.stage",
    'Je droeg bij aan "{title}". Nieuwe fase: **{to}** '
    "(was: {frm}).{reason}"
    "\n\nAlle stappen: `/knelpunt toon nr:{nr}`. Geen berichten meer? "
    "`/mijn instellingen meldingen:uit`.",
    'You contributed to "{title}". New stage: **{to}** (was: {frm}).'
    "{reason}\n\nAll steps: `/knelpunt toon nr:{nr}`. No more messages? "
    "`/mijn instellingen meldingen:uit`.",
)
_add("loop.stage.reason", "\nWaarom: {reason}", "\nWhy: {reason}")
_add(
    "stage.notified",
    "{count#betrokkene kreeg|betrokkenen kregen} hier persoonlijk bericht over.",
    "{count} people involved were told personally.",
)
_add(
    "loop.quiet.none",
    "Iedereen die bijdroeg hoorde in de laatste {days} dagen iets over zijn knelpunt.",
    "Everyone who contributed heard about their bottleneck in the last {days} days.",
)
_add(
    "loop.quiet.head",
    "**Knelpunten waarvan betrokkenen {days} dagen of langer niets hoorden**",
    "**Bottlenecks whose contributors heard nothing for {days} days or more**",
)
_add(
    "loop.quiet.item",
    "• #{nr} {title} ({stage}): {waiting} van {involved} betrokkenen, al {days} dagen stil",
    "• #{nr} {title} ({stage}): {waiting} of {involved} people, silent for {days} days",
)
_add(
    "loop.quiet.hint",
    "Laat van je horen met `/terugkoppeling knelpunt:<nr> tekst:\"...\"`.",
    "Report back with `/terugkoppeling knelpunt:<nr> tekst:\"...\"`.",
)

# -- digest -----------------------------------------------------------------------------------
_add("digest.title", "🗞 Wat er deze week bewoog", "🗞 What moved this week")
_add("digest.signals", "{count#nieuw signaal|nieuwe signalen} deze week. Dank je wel!",
     "{count} new signals this week. Thank you!")
_add("digest.new", "**Nieuwe knelpunten**", "**New bottlenecks**")
_add("digest.item", "• #{nr} {title}")
_add("digest.moved", "**Een stap verder**", "**A step further**")
_add("digest.move", "• #{nr} {title}: {path}")
_add("digest.polls", "**Peilingen gesloten**", "**Polls closed**")
_add(
    "digest.poll.broad",
    "• Peiling #{nr} over #{b} {title}: {votes#stem|stemmen} — breed herkend",
    "• Poll #{nr} on #{b} {title}: {votes} votes — broadly recognised",
)
_add(
    "digest.poll.not_broad",
    "• Peiling #{nr} over #{b} {title}: {votes#stem|stemmen} — (nog) niet breed herkend",
    "• Poll #{nr} on #{b} {title}: {votes} votes — not (yet) broadly recognised",
)
_add("digest.reported", "**Teruggekoppeld en gedeeld**", "**Reported back and shared**")
_add("digest.feedback", "• #{nr} {title}: terugkoppeling", "• #{nr} {title}: feedback")
_add("digest.share", "• #{nr} {title}: {form}")
_add("digest.events", "**Binnenkort**", "**Coming up**")
_add("digest.event", "• #{nr} {when}: {title}")
_add(
    "digest.more",
    "\nMeer weten? `/knelpunt toon nr:<nr>` of `/mijn signalen`.",
    "\nWant to know more? `/knelpunt toon nr:<nr>` or `/mijn signalen`.",
)

# -- delivery status (/status) ----------------------------------------------------------------
_add("status.title", "📮 Status van de berichten", "📮 Message status")
_add(
    "status.counts",
    "{platform}: {pending} wachtend · {sending} bezig · {failed} mislukt · "
    "{sent} verzonden in de laatste 24 uur",
    "{platform}: {pending} waiting · {sending} sending · {failed} failed · "
    "{sent} sent in the last 24 hours",
)
_add("status.empty", "Er zijn nog geen berichten verstuurd.", "No messages have been sent yet.")
_add("status.oldest", "Oudste wachtende bericht: van {when}.", "Oldest waiting message: {when}.")
_add("status.failures", "Laatst mislukt:", "Last failures:")
_add("status.no_failures", "Niets mislukt. 👍", "Nothing failed. 👍")
_add(
    "status.failure",
    "• #{id} {platform}, {target} — {attempts} pogingen, {when}: {error}",
    "• #{id} {platform}, {target} — {attempts} attempts, {when}: {error}",
)
_add("status.target.dm", "bericht aan {name}", "message to {name}")
_add("status.target.ephemeral", "antwoord aan {name}", "answer to {name}")
_add("status.target.channel", "kanaal {key}", "channel {key}")
_add("status.target.thread", "draad {key}", "thread {key}")
_add("status.target.reaction", "reactie", "reaction")
