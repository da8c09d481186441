### reports: texts in English. Fluent syntax (https://projectfluent.org);
### each key needs the same parameters in every language (tests/core/test_catalogs.py).

digest-title = 🗞 What moved this week
digest-signals = { $count } new { $count ->
        [one] signal
       *[other] signals
    } this week. Thank you!
digest-new = **New bottlenecks**
digest-item = • #{ $nr } { $title }
digest-moved = **A step further**
digest-move = • #{ $nr } { $title }: { $path }
digest-polls = **Polls closed**
digest-poll-broad = • Poll #{ $nr } on #{ $b } { $title }: { $votes } votes — broadly recognised
digest-poll-not-broad = • Poll #{ $nr } on #{ $b } { $title }: { $votes } votes — not (yet) broadly recognised
digest-reported = **Reported back and shared**
digest-feedback = • #{ $nr } { $title }: feedback
digest-share = • #{ $nr } { $title }: { $form }
digest-events = **Coming up**
digest-event = • #{ $nr } { $when }: { $title }
digest-more = Want to know more? `/knelpunt toon nr:<nr>` or `/mijn signalen`.
audit-cli = (command line)
