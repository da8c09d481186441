### reports: texts in English. Fluent syntax (https://projectfluent.org);
### each key needs the same parameters in every language (tests/core/test_catalogs.py).

digest-title = 🗞 What moved this week
digest-since = An overview since { $since } (the previous one could not appear in time).
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

## Exports and the dossier (PDF and print-ready page)
export-sheet-overview = Overview
export-sheet-signals = Signals
export-sheet-needs = Needed
dossier-title = Dossier bottleneck #{ $nr }: { $title }
dossier-meta = Stage: { $stage } · domain: { $domain } · { $count } { $count ->
        [one] signal
       *[other] signals
    } · { $people } { $people ->
        [one] person involved
       *[other] people involved
    }
dossier-made = Made on { $when } for { $community } with Signaalbot.
dossier-none = (nothing yet)
dossier-question = The question
dossier-quotes = What people say
dossier-quote = "{ $text }" — { $who }, { $domain }, { $date }
dossier-recognition = Recognition
dossier-no-polls = No poll has been held (yet).
dossier-poll = Poll #{ $nr }: { $votes } { $votes ->
        [one] vote
       *[other] votes
    }.
dossier-broad = Broadly recognised.
dossier-not-broad = Not (yet) broadly recognised.
dossier-col-domain = Domain
dossier-col-yes = Recognise it
dossier-col-partly = Partly
dossier-col-no = Do not recognise it
dossier-col-share = Recognised
dossier-col-urgency = Urgency
dossier-col-votes = Votes
dossier-total = Total
dossier-urgency-low = low
dossier-urgency-medium = medium
dossier-urgency-high = high
dossier-causes = Causes
dossier-cause = { $area }: { $text }
dossier-cause-expert = { " " }(expert: { $expert })
dossier-agenda = Agenda
dossier-agenda-item = { $table } — { $action }, { $date }; outcome: { $outcome }; follow-up: { $follow_up }
dossier-feedback = Feedback
dossier-feedback-item = { $date }: { $text } (personally to { $reached } { $reached ->
        [one] person
       *[other] people
    })
dossier-timeline = Timeline
