### feedback: texts in English. Fluent syntax (https://projectfluent.org);
### each key needs the same parameters in every language (tests/core/test_catalogs.py).

feedback-title = 🔁 Feedback on bottleneck #{ $nr }: { $title }
feedback-stage = Stage now: { $stage }. All steps: `/knelpunt toon nr:{ $nr }`.
feedback-dm-title = 🔁 What happened with bottleneck #{ $nr }
feedback-dm =
    You contributed to "{ $title }". This is what happened:

    { $text }

    Stage now: { $stage }. All steps: `/knelpunt toon nr:{ $nr }`. No more messages? `/mijn instellingen meldingen:uit`.
feedback-sent = Feedback posted in #{ $channel } and sent personally to { $count } { $count ->
        [one] person
       *[other] people
    } involved (bottleneck #{ $nr }).
news-bundle-title = 🔁 News about bottlenecks you contributed to
news-bundle-head = This changed since your last message:
news-bundle-item = • Bottleneck #{ $nr } "{ $title }": { $path }
news-bundle-reason = { " " }— why: { $reason }
news-bundle-foot = All steps: `/knelpunt toon nr:<nr>`. Only feedback? `/mijn instellingen meldingen:terugkoppeling`. Nothing at all? `meldingen:uit`.
loop-quiet-none = Everyone who contributed heard about their bottleneck in the last { $days ->
        [one] day
       *[other] { $days } days
    }.
loop-quiet-head = **Bottlenecks whose contributors heard nothing for { $days } days or more**
loop-quiet-item = • #{ $nr } { $title } ({ $stage }): { $waiting } of { $involved } people, silent for { $days } days
loop-quiet-hint = Report back with `/terugkoppeling knelpunt:<nr> tekst:"..."`.
cmd-terugkoppeling = Report back what happened with a bottleneck: publicly and to everyone who contributed or voted.
    .knelpunt = number of the bottleneck
    .tekst = what happened
