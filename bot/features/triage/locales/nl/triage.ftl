### triage: texts in Dutch (the default). Fluent syntax (https://projectfluent.org);
### each key needs the same parameters in every language (tests/core/test_catalogs.py).

triage-title = 🧺 Ordenen: signaal #{ $nr }
triage-meta = Van { $who } { $where } · { $when } · status: { $status }
triage-source-thread = in de draad van oproep #{ $call }
triage-source-dm = per privébericht (oproep #{ $call })
triage-source-command = via /signaal
triage-source-intake = uit een intakegesprek
triage-source-field = uit het werkveld
triage-consent = Gebruik volgens het lid: { $choice }
triage-erased = (tekst verwijderd)
triage-domain = Domein: { $domain } · voorstel: { $suggestion }
triage-targeted = Antwoord op een gerichte oproep over knelpunt #{ $nr }.
triage-similar = Lijkt op:
triage-left = Daarna nog { $count } te ordenen.
triage-empty = ✅ Alles is geordend: er zijn geen nieuwe signalen.
triage-btn-relevant = Relevant
triage-btn-irrelevant = Niet relevant
triage-btn-duplicate = Dubbel
triage-btn-link = Koppel aan #{ $nr }
triage-btn-new = Nieuw knelpunt
triage-pick = Of kies een ander knelpunt…
triage-form-title = Nieuw knelpunt
triage-form-titel = Titel (kort)
triage-form-omschrijving = Omschrijving
triage-done-irrelevant = Signaal #{ $nr } is gemarkeerd als niet relevant.
triage-done-duplicate = Signaal #{ $nr } is gemarkeerd als dubbel.
triage-done-link = Signaal #{ $nr } is gekoppeld aan knelpunt #{ $bottleneck }.
triage-done-new = Knelpunt #{ $bottleneck } is aangemaakt en signaal #{ $nr } is eraan gekoppeld.
cmd-ordenen = Orden het volgende nieuwe signaal (relevant, domein, knelpunt).
triage-status-new = nieuw
triage-status-relevant = relevant
triage-status-not-relevant = niet relevant
triage-status-linked = gekoppeld
triage-status-duplicate = dubbel
