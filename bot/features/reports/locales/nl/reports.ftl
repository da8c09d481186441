### reports: texts in Dutch (the default). Fluent syntax (https://projectfluent.org);
### each key needs the same parameters in every language (tests/core/test_catalogs.py).

digest-title = 🗞 Wat er deze week bewoog
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
