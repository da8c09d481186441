### web: the staff dashboard, in Dutch (the default). Fluent syntax (https://projectfluent.org);
### each key needs the same parameters in every language (tests/core/test_catalogs.py).

web-title = Signaalbot dashboard
web-skip = Naar de inhoud
web-nav = Onderdelen
web-nav-board = Overzicht
web-nav-signals = Signalen
web-nav-triage = Te ordenen
web-nav-waiting = Wacht op terugkoppeling
web-nav-events = Bijeenkomsten
web-nav-deliveries = Niet bezorgd
web-nav-audit = Auditlog
web-language = Taal
web-language-switch = Wissel
web-sign-out = Uitloggen
web-back-to-board = Terug naar het overzicht
web-back-to-bottleneck = Terug naar knelpunt #{ $nr }
web-signin-title = Inloggen
web-signin-text = Je logt in op het dashboard als { $name }. De link werkt één keer.
web-signin-button = Inloggen
web-signed-out-title = Niet ingelogd
web-signed-out = Je bent niet (meer) ingelogd. Vraag een nieuwe link met `/dashboard` in de chat (alleen voor de staf).
web-signed-out-now-title = Uitgelogd
web-signed-out-now = Je bent uitgelogd. Een nieuwe link vraag je met `/dashboard` in de chat.
web-link-invalid-title = Deze link werkt niet
web-link-invalid = Deze inloglink klopt niet. Vraag een nieuwe met `/dashboard` in de chat.
web-link-expired-title = Deze link is verlopen
web-link-expired = Een inloglink werkt maar kort. Vraag een nieuwe met `/dashboard` in de chat.
web-link-used-title = Deze link is al gebruikt
web-link-used = Een inloglink werkt één keer. Vraag een nieuwe met `/dashboard` in de chat.
web-link-not-staff-title = Alleen voor de staf
web-link-not-staff = Het dashboard is alleen voor de staf.
web-error-csrf-title = Formulier geweigerd
web-error-csrf = Dit formulier kwam niet van deze pagina of is verlopen. Laad de pagina opnieuw en probeer het nog eens.
web-error-404-title = Niet gevonden
web-error-404 = Deze pagina of dit bestand bestaat niet.
web-error-405-title = Niet toegestaan
web-error-405 = Dit kan op deze manier niet.
web-error-500-title = Er ging iets mis
web-error-500 = Er ging iets mis aan onze kant. Probeer het later opnieuw.
web-error-other-title = Dat lukte niet
web-error-other = Dit verzoek kan niet worden verwerkt.
web-board-title = Alle knelpunten per fase
web-downloads = Downloads
web-download-xlsx = Werkboek (Excel)
web-download-csv-bottlenecks = Knelpunten (CSV)
web-download-csv-signals = Signalen (CSV)
web-download-json = JSON
web-filter-domain = Domein
web-all-domains = alle domeinen
web-all-statuses = alle
web-search = Zoeken
web-search-hint = nummer of woord
web-filter = Toon
web-clear = Alles tonen
web-board-count = { $count } { $count ->
        [one] knelpunt
       *[other] knelpunten
    }
web-no-domain = geen domein
web-card-counts = { $signals } { $signals ->
        [one] signaal
       *[other] signalen
    } · { $votes } { $votes ->
        [one] stem
       *[other] stemmen
    }
web-card-recognised = { $share } herkent het
web-card-updated = bijgewerkt { $date }
web-column-empty = Geen knelpunten.
web-chart-recognition = Herkenning per domein, peiling #{ $nr }
web-chart-urgency = Urgentie, peiling #{ $nr }
web-chart-votes = stemmen
web-table-recognition = Herkenning per domein (de cijfers van de grafiek)
web-table-urgency = Urgentie (de cijfers van de grafiek)
web-merged = Dit knelpunt is samengevoegd met
web-dossier-page = Dossier om te printen
web-dossier-pdf = Dossier als PDF
web-signals-linked = Signalen ({ $count })
web-shares = Gedeeld
web-agenda-caption = Agendastappen met vervolgdatum
web-col-table = Tafel
web-col-action = Actie
web-col-date = Datum
web-col-outcome = Uitkomst
web-col-follow-up = Vervolg
web-involved = { $count } { $count ->
        [one] persoon is
       *[other] mensen zijn
    } betrokken (bijgedragen of gestemd).
web-signals-caption = Signalen
web-col-domain = Domein
web-col-status = Status
web-col-from = Van
web-col-bottleneck = Knelpunt
web-col-text = Tekst
web-text-erased = (tekst na de bewaartermijn verwijderd)
web-no-signals = Geen signalen.
web-print = Printen
web-signals-title = Signalenarchief
web-signals-count = { $count } { $count ->
        [one] signaal
       *[other] signalen
    }, nieuwste eerst.
web-signals-more = Er zijn er meer: maak de zoekopdracht kleiner.
web-triage-title = Te ordenen
web-triage-how = { $count } { $count ->
        [one] signaal wacht
       *[other] signalen wachten
    } op ordening. Orden ze in de chat met `/ordenen`, in deze volgorde.
web-waiting-title = Wacht op terugkoppeling
web-waiting-days = Zonder nieuws sinds (dagen)
web-waiting-caption = Knelpunten met mensen die { $days } dagen of langer niets hoorden
web-col-stage = Fase
web-col-waiting = Wachten
web-col-silent = Stil sinds
web-waiting-people = { $waiting } van { $involved }
web-waiting-since = { $days } dagen ({ $date })
web-waiting-none = Iedereen hoorde in de laatste { $days } dagen iets.
web-events-title = Bijeenkomsten
web-events-caption = Komende en recente bijeenkomsten met aanmeldingen
web-col-event = Bijeenkomst
web-col-when = Wanneer
web-col-yes = Komt
web-col-maybe = Misschien
web-col-no = Kan niet
web-col-calendar = Agenda
web-cancelled = geannuleerd
web-download-ics = .ics
web-events-none = Geen bijeenkomsten.
web-deliveries-title = Niet bezorgde berichten
web-deliveries-how = Deze berichten konden ook na herhaalde pogingen niet worden bezorgd. De reden staat erbij.
web-deliveries-caption = De laatste { $count } niet bezorgde berichten
web-col-platform = Platform
web-col-target = Naar
web-col-attempts = Pogingen
web-col-error = Reden
web-deliveries-none = Alles is bezorgd.
web-audit-title = Auditlog: wat de staf deed
web-audit-how = Elke actie van de staf staat hier: ordenen, fases, samenvoegen, exports, inloggen op het dashboard, gegevens wissen, en wat geweigerd werd. Je ziet wie van de staf het deed, met nummers en vaste waarden; nooit teksten of namen van leden.
web-audit-caption = De laatste { $count } acties, nieuwste eerst
web-audit-download = Het hele auditlog downloaden (CSV)
web-col-who = Wie
web-col-role = Rol
web-col-detail = Details
web-col-result = Uitkomst
web-audit-ok = gedaan
web-audit-refused = geweigerd
web-audit-none = Nog geen acties.
web-needs-link = Wat is er nodig: { $count } { $count ->
        [one] antwoord
       *[other] antwoorden
    } in peiling #{ $nr } — lees ze allemaal
web-needs-title = Wat is er nodig — peiling #{ $nr }
web-needs-back = Terug naar knelpunt #{ $nr }
web-needs-lead = { $first }–{ $last } van { $count }, in de volgorde waarin ze binnenkwamen; zonder namen.
web-needs-pages = Pagina's
web-needs-previous = ← Vorige
web-needs-next = Volgende →
web-needs-page = Pagina { $page } van { $pages }
web-needs-csv = Alles in één bestand (CSV, alle peilingen)
