### events: texts in Dutch (the default). Fluent syntax (https://projectfluent.org);
### each key needs the same parameters in every language (tests/core/test_catalogs.py).

event-kind-webinar = Webinar
event-kind-studiemiddag = Studiemiddag
event-kind-intervisie = Intervisie
event-kind-werksessie = Werksessie
event-kind-doendag = Doen-Dag
event-kind-ambassadeursbijeenkomst = Ambassadeursbijeenkomst
event-title = 📅 { $kind } #{ $nr }: { $title }
event-cancelled-title = ❌ Geannuleerd — { $title }
event-when = 🕒 { $when }
event-place = 📍 { $place }
event-link = 🔗 { $link }
event-counts = { $yes } komen, { $maybe } misschien.
event-capacity = Er zijn { $capacity } plaatsen.
event-btn-yes = Ik kom
event-btn-maybe = Misschien
event-btn-no = Kan niet
event-how = Kom je? Kies een knop, of typ `/aanmelden bijeenkomst:{ $nr } antwoord:ja`. In je agenda zetten: `/bijeenkomst ics nr:{ $nr }`.
event-not-found = Bijeenkomst #{ $nr } bestaat niet.
event-cancelled = Bijeenkomst #{ $nr } is geannuleerd.
event-started = Bijeenkomst #{ $nr } is al begonnen.
event-full = Bijeenkomst #{ $nr } is vol ({ $capacity } plaatsen). Je kunt wel 'misschien' kiezen.
event-start-in-past = Het begin ligt in het verleden.
event-end-before-start = Het einde ligt voor het begin.
event-nothing-to-change = Wat wil je wijzigen aan bijeenkomst #{ $nr }? Geef bijvoorbeeld `start:` of `plek:`.
event-created = Bijeenkomst #{ $nr } staat in #{ $channel }. Herinneringen: { $reminders }.
event-none = Er zijn geen komende bijeenkomsten.
event-list-head = **Komende bijeenkomsten**
event-list-item = • #{ $nr } { $when } — { $kind }: { $title } ({ $yes } komen, { $maybe } misschien)
event-yours = Jouw antwoord: { $answer }.
event-changed = Let op: de bijeenkomst "{ $title }" is gewijzigd ({ $what }). Dit is de nieuwe informatie:
event-changed-head = ✏️ Gewijzigd: { $what }.
event-changed-ok = Bijeenkomst #{ $nr } is gewijzigd. { $count } { $count ->
        [one] persoon die reageerde kreeg
       *[other] mensen die reageerden kregen
    } bericht.
event-cancelled-dm = Helaas: de bijeenkomst "{ $title }" gaat niet door. Reden: { $what }.
event-cancelled-head = Deze bijeenkomst gaat niet door. Reden: { $reason }.
event-cancelled-ok = Bijeenkomst #{ $nr } is geannuleerd. { $count } { $count ->
        [one] persoon die reageerde kreeg
       *[other] mensen die reageerden kregen
    } bericht.
event-ics-title = 📅 Bijeenkomst #{ $nr } voor je agenda
event-ics-how = Het agendabestand `{ $file }` zit als bijlage bij dit bericht: open het om de bijeenkomst in je agenda te zetten. Of voeg hem toe via een webagenda:
    { $links }
event-rsvp-yes = Fijn! Je bent aangemeld voor #{ $nr } "{ $title }" ({ $when }). Je krijgt vooraf een herinnering.
event-rsvp-maybe = Genoteerd: misschien voor #{ $nr } "{ $title }" ({ $when }). Je krijgt vooraf een herinnering.
event-rsvp-no = Jammer! Genoteerd dat je niet komt naar #{ $nr } "{ $title }".
event-reminder-title = ⏰ Herinnering: { $title }
event-reminder = Deze bijeenkomst begint { $when }.
event-reminder-missed = ⚠️ Herinnering { $label } voor bijeenkomst #{ $nr } "{ $title }" is niet verstuurd: de bot was niet bereikbaar op het moment ({ $due }) en het is nu te laat.
cmd-bijeenkomst-nieuw = Plan een bijeenkomst, met aanmeldknoppen en herinneringen.
    .titel = naam van de bijeenkomst
    .soort = soort bijeenkomst
    .start = begin (datum tijd)
    .eind = einde (datum tijd)
    .plek = waar
    .link = link om online mee te doen
    .omschrijving = waar het over gaat
    .capaciteit = hoeveel plaatsen
    .herinneringen = wanneer herinneren, bijv. 7d,1d,1u
cmd-bijeenkomst-lijst = Toon de komende bijeenkomsten.
cmd-bijeenkomst-toon = Toon een bijeenkomst met de aanmeldknoppen.
    .nr = nummer van de bijeenkomst
cmd-bijeenkomst-wijzig = Wijzig een bijeenkomst; wie zich aanmeldde krijgt bericht.
    .nr = nummer van de bijeenkomst
    .titel = naam van de bijeenkomst
    .soort = soort bijeenkomst
    .start = begin (datum tijd)
    .eind = einde (datum tijd)
    .plek = waar
    .link = link om online mee te doen
    .omschrijving = waar het over gaat
    .capaciteit = hoeveel plaatsen
    .herinneringen = wanneer herinneren, bijv. 7d,1d,1u
cmd-bijeenkomst-annuleer = Annuleer een bijeenkomst; wie zich aanmeldde krijgt bericht.
    .nr = nummer van de bijeenkomst
    .reden = waarom
cmd-bijeenkomst-ics = Zet een bijeenkomst in je agenda (.ics).
    .nr = nummer van de bijeenkomst
cmd-aanmelden = Meld je aan voor een bijeenkomst (zonder knoppen).
    .bijeenkomst = nummer van de bijeenkomst
    .antwoord = kom je? (standaard ja)
