### events: texts in English. Fluent syntax (https://projectfluent.org);
### each key needs the same parameters in every language (tests/core/test_catalogs.py).

event-kind-webinar = Webinar
event-kind-studiemiddag = Study afternoon
event-kind-intervisie = Peer consultation
event-kind-werksessie = Work session
event-kind-doendag = Doen-Dag (hands-on day)
event-kind-ambassadeursbijeenkomst = Ambassadors' meeting
event-title = 📅 { $kind } #{ $nr }: { $title }
event-cancelled-title = ❌ Cancelled — { $title }
event-when = 🕒 { $when }
event-place = 📍 { $place }
event-link = 🔗 { $link }
event-counts = { $yes } coming, { $maybe } maybe.
event-capacity = There are { $capacity } places.
event-btn-yes = I'm coming
event-btn-maybe = Maybe
event-btn-no = Can't make it
event-how = Coming? Pick a button, or type `/aanmelden bijeenkomst:{ $nr } antwoord:ja`. Add to your calendar: `/bijeenkomst ics nr:{ $nr }`.
event-not-found = Event #{ $nr } does not exist.
event-cancelled = Event #{ $nr } was cancelled.
event-started = Event #{ $nr } has already started.
event-full = Event #{ $nr } is full ({ $capacity } places). You can still choose 'maybe'.
event-start-in-past = The start is in the past.
event-end-before-start = The end is before the start.
event-nothing-to-change = What do you want to change about event #{ $nr }? Give for example `start:` or `plek:`.
event-created = Event #{ $nr } is posted in #{ $channel }. Reminders: { $reminders }.
event-none = There are no upcoming events.
event-list-head = **Upcoming events**
event-list-item = • #{ $nr } { $when } — { $kind }: { $title } ({ $yes } coming, { $maybe } maybe)
event-yours = Your answer: { $answer }.
event-changed = Note: the event "{ $title }" has changed ({ $what }). This is the new information:
event-changed-head = ✏️ Changed: { $what }.
event-changed-ok = Event #{ $nr } was changed. { $count } { $count ->
        [one] person who responded was
       *[other] people who responded were
    } told.
event-cancelled-dm = Sorry: the event "{ $title }" is cancelled. Reason: { $what }.
event-cancelled-head = This event is cancelled. Reason: { $reason }.
event-cancelled-ok = Event #{ $nr } was cancelled. { $count } { $count ->
        [one] person who responded was
       *[other] people who responded were
    } told.
event-ics-title = 📅 Event #{ $nr } for your calendar
event-ics-how = The calendar file `{ $file }` is attached to this message: open it to add the event to your calendar. Or add it in a web calendar:
    { $links }
event-rsvp-yes = Great! You are signed up for #{ $nr } "{ $title }" ({ $when }). You will get a reminder.
event-rsvp-maybe = Noted: maybe for #{ $nr } "{ $title }" ({ $when }). You will get a reminder.
event-rsvp-no = Noted that you cannot come to #{ $nr } "{ $title }".
event-reminder-title = ⏰ Reminder: { $title }
event-reminder = This event starts { $when }.
event-reminder-missed = ⚠️ Reminder { $label } for event #{ $nr } "{ $title }" was not sent: the bot was down at the time ({ $due }) and it is too late now.
cmd-bijeenkomst-nieuw = Plan an event, with RSVP buttons and reminders.
    .titel = name of the event
    .soort = kind of event
    .start = start (date time)
    .eind = end (date time)
    .plek = where
    .link = link to join online
    .omschrijving = what it is about
    .capaciteit = how many places
    .herinneringen = when to remind, e.g. 7d,1d,1u
cmd-bijeenkomst-lijst = Show the upcoming events.
cmd-bijeenkomst-toon = Show an event with its RSVP buttons.
    .nr = number of the event
cmd-bijeenkomst-wijzig = Change an event; everyone who responded is told.
    .nr = number of the event
    .titel = name of the event
    .soort = kind of event
    .start = start (date time)
    .eind = end (date time)
    .plek = where
    .link = link to join online
    .omschrijving = what it is about
    .capaciteit = how many places
    .herinneringen = when to remind, e.g. 7d,1d,1u
cmd-bijeenkomst-annuleer = Cancel an event; everyone who responded is told.
    .nr = number of the event
    .reden = why
cmd-bijeenkomst-ics = Add an event to your calendar (.ics).
    .nr = number of the event
cmd-aanmelden = RSVP for an event (without buttons).
    .bijeenkomst = number of the event
    .antwoord = are you coming? (default ja)
