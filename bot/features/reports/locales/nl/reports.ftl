### reports: texts in Dutch (the default). Fluent syntax (https://projectfluent.org);
### each key needs the same parameters in every language (tests/core/test_catalogs.py).

digest-title = 🗞 Wat er deze week bewoog
digest-since = Een overzicht sinds { $since } (het vorige kon niet op tijd verschijnen).
digest-signals = { $count } { $count ->
        [one] nieuw signaal
       *[other] nieuwe signalen
    } deze week. Dank je wel!
digest-new = **Nieuwe knelpunten**
digest-item = • #{ $nr } { $title }
digest-moved = **Een stap verder**
digest-move = • #{ $nr } { $title }: { $path }
digest-polls = **Peilingen gesloten**
digest-poll-broad = • Peiling #{ $nr } over #{ $b } { $title }: { $votes } { $votes ->
        [one] stem
       *[other] stemmen
    } — breed herkend
digest-poll-not-broad = • Peiling #{ $nr } over #{ $b } { $title }: { $votes } { $votes ->
        [one] stem
       *[other] stemmen
    } — (nog) niet breed herkend
digest-reported = **Teruggekoppeld en gedeeld**
digest-feedback = • #{ $nr } { $title }: terugkoppeling
digest-share = • #{ $nr } { $title }: { $form }
digest-events = **Binnenkort**
digest-event = • #{ $nr } { $when }: { $title }
digest-more = Meer weten? `/knelpunt toon nr:<nr>` of `/mijn signalen`.
audit-cli = (opdrachtregel)

## Exports and the dossier (PDF and print-ready page)
export-sheet-overview = Overzicht
export-sheet-signals = Signalen
export-sheet-needs = Nodig
dossier-title = Dossier knelpunt #{ $nr }: { $title }
dossier-meta = Fase: { $stage } · domein: { $domain } · { $count } { $count ->
        [one] signaal
       *[other] signalen
    } · { $people } { $people ->
        [one] betrokkene
       *[other] betrokkenen
    }
dossier-made = Gemaakt op { $when } voor { $community } met Signaalbot.
dossier-none = (nog niets)
dossier-question = De vraag
dossier-quotes = Wat mensen zeggen
dossier-quote = "{ $text }" — { $who }, { $domain }, { $date }
dossier-recognition = Herkenning
dossier-no-polls = Er is (nog) geen peiling gehouden.
dossier-poll = Peiling #{ $nr }: { $votes } { $votes ->
        [one] stem
       *[other] stemmen
    }.
dossier-broad = Breed herkend.
dossier-not-broad = (Nog) niet breed herkend.
dossier-col-domain = Domein
dossier-col-yes = Herken ik
dossier-col-partly = Deels
dossier-col-no = Herken ik niet
dossier-col-share = Herkend
dossier-col-urgency = Urgentie
dossier-col-votes = Stemmen
dossier-total = Totaal
dossier-urgency-low = laag
dossier-urgency-medium = middel
dossier-urgency-high = hoog
dossier-causes = Oorzaken
dossier-cause = { $area }: { $text }
dossier-cause-expert = { " " }(expert: { $expert })
dossier-agenda = Agenda
dossier-agenda-item = { $table } — { $action }, { $date }; uitkomst: { $outcome }; vervolg: { $follow_up }
dossier-feedback = Terugkoppeling
dossier-feedback-item = { $date }: { $text } (persoonlijk bij { $reached } { $reached ->
        [one] persoon
       *[other] mensen
    })
dossier-timeline = Tijdlijn
