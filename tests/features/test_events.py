"""Events: planning, RSVP (buttons and /aanmelden), capacity, changes and cancellations
that reach everyone who responded, and the .ics calendar."""

from __future__ import annotations

from datetime import UTC, datetime

from icalendar import Calendar

from bot.features.events.calendar import agenda
from bot.scheduling.due import run_due
from tests.helpers import Harness
from tests.scheduling.support import dm_names, reminders, rows

NEW = (
    '@vera:staf /bijeenkomst nieuw titel:"Webinar ouderbetrokkenheid" soort:webinar '
    'start:"2026-12-03 14:00" eind:"2026-12-03 15:30" link:https://meet.example.org/ouders '
    'omschrijving:"Hoe betrek je ouders bij de overgang naar school?"'
)


async def test_new_event_is_posted_with_rsvp_buttons_and_planned_reminders(app):
    h = Harness(app)
    out = await h.run(NEW)
    assert "[#bijeenkomsten] **📅 Webinar #1: Webinar ouderbetrokkenheid**" in out
    assert "3 dec 2026 14:00–15:30" in out  # shown in Europe/Amsterdam
    assert "[Ik kom] [Misschien] [Kan niet]" in out
    assert "Herinneringen: 1d, 1h" in out  # the webinar defaults from config
    post = (await rows(app, target_kind="channel"))[0]
    assert post.subject == "event:1"
    ids = [c["id"] for row in post.payload["rows"] for c in row]
    assert ids == ["event:1:rsvp:yes", "event:1:rsvp:maybe", "event:1:rsvp:no"]
    planned = await reminders(app)
    assert {k: r.due_at for k, r in planned.items()} == {
        "1d": datetime(2026, 12, 2, 13, 0, tzinfo=UTC),
        "1h": datetime(2026, 12, 3, 12, 0, tzinfo=UTC),
    }


async def test_override_offsets_and_only_staff_may_plan(app):
    h = Harness(app)
    out = await h.run(
        '@sanne:lid /bijeenkomst nieuw titel:X soort:webinar start:"2026-12-03 14:00"'
    )
    assert "Alleen de staf" in out
    out = await h.run(
        '@vera:staf /bijeenkomst nieuw titel:"Studiemiddag jeugdhulp" soort:studiemiddag '
        'start:"2026-12-10 13:00" plek:"Utrecht" herinneringen:7d,2u,30m'
    )
    assert "Herinneringen: 7d, 2h, 30m" in out
    assert set(await reminders(app)) == {"7d", "2h", "30m"}
    out = await h.run('/bijeenkomst nieuw titel:X soort:webinar start:"2026-10-01 10:00"')
    assert "Het begin ligt in het verleden" in out


async def test_rsvp_by_button_and_command_with_capacity(app):
    h = Harness(app)
    await h.run(NEW.replace("omschrijving:", "capaciteit:2 omschrijving:"))
    out = await h.run("@sanne:lid klik Ik kom")
    assert "[alleen voor @sanne] Fijn! Je bent aangemeld voor #1" in out
    out = await h.run("@ahmed:ambassadeur /aanmelden bijeenkomst:1 antwoord:misschien")
    assert "Genoteerd: misschien" in out
    await h.run("@ahmed /aanmelden bijeenkomst:1")  # default answer: ja; now 2 of 2
    out = await h.run("@joke:lid klik Ik kom")
    assert "is vol (2 plaatsen)" in out
    out = await h.run("@joke klik Misschien")
    assert "Genoteerd: misschien" in out
    out = await h.run("@sanne klik Ik kom")  # already coming: not refused as full
    assert "Fijn!" in out
    out = await h.run("@joke /bijeenkomst toon nr:1")
    assert "2 komen, 1 misschien" in out and "Jouw antwoord: misschien" in out
    out = await h.run("/bijeenkomst lijst")
    assert "#1 3 dec 2026 14:00 — Webinar: Webinar ouderbetrokkenheid (2 komen, 1 misschien)" in out


async def test_change_notifies_everyone_who_responded_and_replans_reminders(app):
    h = Harness(app)
    await h.run(
        NEW, "@sanne:lid klik Ik kom", "@ahmed:lid klik Kan niet", "@joke:lid klik Misschien"
    )
    before = len(await rows(app))
    out = await h.run(
        '@vera:staf /bijeenkomst wijzig nr:1 start:"2026-12-04 14:00" eind:"2026-12-04 15:30"'
    )
    assert "3 mensen die reageerden kregen bericht" in out
    assert "[#bijeenkomsten]" in out and "Gewijzigd: start, eind" in out
    assert sorted(await dm_names(app, "is gewijzigd")) == ["ahmed", "joke", "sanne"]
    assert len(await rows(app)) - before == 1 + 3 + 1  # post, three DMs, staff answer
    assert (await reminders(app))["1d"].due_at == datetime(2026, 12, 3, 13, 0, tzinfo=UTC)
    out = await h.run("/bijeenkomst wijzig nr:1")
    assert "Wat wil je wijzigen" in out


async def test_cancel_notifies_responders_and_cancels_reminders(app, clock):
    h = Harness(app)
    await h.run(NEW, "@sanne:lid klik Ik kom", "@ahmed:lid klik Kan niet")
    out = await h.run('@vera:staf /bijeenkomst annuleer nr:1 reden:"De spreker is ziek"')
    assert "2 mensen die reageerden kregen bericht" in out
    assert "Geannuleerd" in out and "De spreker is ziek" in out
    assert sorted(await dm_names(app, "gaat niet door")) == ["ahmed", "sanne"]
    assert {r.status for r in (await reminders(app)).values()} == {"cancelled"}
    out = await h.run("@sanne klik Misschien")
    assert "is geannuleerd" in out
    clock.set(datetime(2026, 12, 3, 12, 0, tzinfo=UTC))
    report = await run_due(app)
    assert report.reminders_sent == [] and report.reminders_missed == []
    assert "Geen" not in await h.run("@sanne /bijeenkomst lijst")


async def test_ics_for_one_event_and_the_agenda(app, clock):
    h = Harness(app)
    await h.run(
        NEW,
        '/bijeenkomst nieuw titel:"Doen-Dag Zwolle" soort:doendag '
        'start:"2026-12-12 10:00" plek:"Zwolle"',
        '/bijeenkomst nieuw titel:Weg soort:intervisie start:"2026-12-20 10:00"',
        "/bijeenkomst annuleer nr:3",
    )
    out = await h.run("@sanne:lid /bijeenkomst ics nr:1")
    assert "[alleen voor @sanne] **📅 Bijeenkomst #1 voor je agenda**" in out
    answer = (await rows(app))[-1].payload
    assert "BEGIN:VCALENDAR" not in answer["text"]  # no more text blocks to copy
    assert "https://calendar.google.com/calendar/render?action=TEMPLATE" in answer["text"]
    assert "dates=20261203T130000Z%2F20261203T143000Z" in answer["text"]
    [attached] = answer["files"]
    assert (attached["name"], attached["mime"]) == ("bijeenkomst-1.ics", "text/calendar")
    text = attached["content"]
    saved = app.settings.files_dir / "bijeenkomst-1.ics"  # the console saves the file
    assert f"📎 bijeenkomst-1.ics: {saved}" in out
    assert saved.read_bytes() == text.encode("utf-8")
    cal = Calendar.from_ical(text)
    (event,) = cal.walk("VEVENT")
    assert str(event["summary"]) == "Webinar ouderbetrokkenheid"
    assert event["dtstart"].dt == datetime(2026, 12, 3, 13, 0, tzinfo=UTC)
    assert "TZID=Europe/Amsterdam:20261203T140000" in text
    assert "BEGIN:VTIMEZONE" in text
    assert str(event["url"]) == "https://meet.example.org/ouders"
    assert str(event["uid"]) == "event-1@signaalbot"

    calendar = Calendar.from_ical(await agenda(app.sessions, app.community, clock.now()))
    titles = [str(e["summary"]) for e in calendar.walk("VEVENT")]
    assert titles == ["Webinar ouderbetrokkenheid", "Doen-Dag Zwolle"]  # not the cancelled one
    assert str(calendar.walk("VEVENT")[1]["location"]) == "Zwolle"


async def test_rsvp_button_with_a_bad_id_is_refused_kindly(app):
    from bot.core.context import Actor

    await Harness(app).run(NEW)
    await app.core.press(
        Actor("console", "sanne", "sanne", reply_ref="console:sanne"), "event:1:rsvp:perhaps"
    )
    last = (await rows(app))[-1]
    assert last.target_kind == "ephemeral" and "⚠️" in last.payload["text"]
