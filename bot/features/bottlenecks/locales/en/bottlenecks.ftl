### bottlenecks: texts in English. Fluent syntax (https://projectfluent.org);
### each key needs the same parameters in every language (tests/core/test_catalogs.py).

bottleneck-not-found = Bottleneck #{ $nr } does not exist. See `/knelpunt lijst`.
bottleneck-merged = Bottleneck #{ $nr } was merged into #{ $into }. Use #{ $into }.
bottleneck-closed = Bottleneck #{ $nr } is "{ $stage }" and no longer open.
bottleneck-created = Bottleneck #{ $nr } "{ $title }" was created (stage: harvest).
bottleneck-title = 📌 Bottleneck #{ $nr }: { $title }
bottleneck-head = Stage: **{ $stage }** · domain: { $domain } · { $count } { $count ->
        [one] signal
       *[other] signals
    } · { $people } { $people ->
        [one] person
       *[other] people
    } involved
bottleneck-none = No bottlenecks found.
bottleneck-list-head = **Bottlenecks**
bottleneck-list-item = • #{ $nr } { $title } — { $stage } · { $domain } · { $count } { $count ->
        [one] signal
       *[other] signals
    }
bottleneck-linked = Signal #{ $signal } is linked to bottleneck #{ $nr }.
bottleneck-merge-self = A bottleneck cannot be merged with itself.
bottleneck-merged-ok = Bottleneck #{ $src } was merged into #{ $dst }: its signals and polls are now with #{ $dst }.
stage-same = Bottleneck #{ $nr } is already in stage "{ $stage }".
stage-forbidden = From "{ $frm }" to "{ $to }" is not allowed. From here: { $options }.
stage-reason-needed = Give a `toelichting:` (reason) for the move to "{ $to }".
stage-moved = Bottleneck #{ $nr }: { $frm } → { $to }.
tl-head = **Timeline**
tl-created = created by { $who } (harvest)
tl-stage = stage { $frm } → { $to } by { $who }
tl-reason = { " " }— "{ $reason }"
tl-cause = cause ({ $area }): { $text }{ $expert }
tl-expert = { " " }(with { $expert })
tl-share = shared as { $form }: { $text }
tl-agenda = step #{ $step }: put on the agenda at { $table } ({ $action }, { $date })
tl-agenda-update = step #{ $step } updated
tl-follow-up-reminded = staff reminded of the follow-up of step #{ $step }
tl-outcome = { " " }— outcome: { $outcome }
tl-follow-up = { " " }— follow-up on { $date }
tl-poll = poll #{ $nr } started
tl-poll-closed = poll #{ $nr } closed
tl-poll-merged = poll #{ $nr } closed and merged into poll #{ $into } (who voted in both counts once)
tl-feedback = reported back: { $text }
tl-merged = bottleneck #{ $nr } "{ $title }" was merged into this one
cause-recorded = Cause ({ $area }) recorded for bottleneck #{ $nr }.
share-title = { $icon } { $form } on bottleneck #{ $nr }: { $title }
share-posted = Shared in #{ $channel } (bottleneck #{ $nr }).
agenda-recorded = The agenda step of bottleneck #{ $nr } at "{ $table }" was recorded as step #{ $step }. Update it later: `/knelpunt agendeer nr:{ $nr } stap:{ $step } uitkomst:"..."`.
agenda-updated = Step #{ $step } of bottleneck #{ $nr } was updated; the timeline shows it.
agenda-table-needed = Give `tafel:` and `actie:` for a new step, or `stap:<nr>` to update an earlier step (see `/knelpunt toon nr:{ $nr }`).
agenda-step-not-found = Step #{ $step } does not belong to bottleneck #{ $nr }. The steps are in `/knelpunt toon nr:{ $nr }`.
agenda-update-empty = What do you want to update in step #{ $step }? Give `uitkomst:` or `vervolg:`.
agenda-follow-up-past = The follow-up date is in the past. Pick a date in the future.
agenda-follow-up-title = 📌 Follow-up today: bottleneck #{ $nr } { $title }
agenda-follow-up-due = Today ({ $date }) is the follow-up of step #{ $step }: { $table } ({ $action }). Outcome so far: { $outcome }
    Update the outcome with `/knelpunt agendeer nr:{ $nr } stap:{ $step } uitkomst:"..."` (and a new `vervolg:` if needed).
agenda-follow-up-before = The follow-up date is before the agenda date.
stage-notified = { $count } { $count ->
        [one] person involved gets
       *[other] people involved get
    } this in their daily news message.
cmd-knelpunt-nieuw = Create a bottleneck.
    .titel = short title
    .omschrijving = description
    .domein = domain
    .signaal = link this signal right away
cmd-knelpunt-toon = Show a bottleneck with its timeline.
    .nr = number of the bottleneck
cmd-knelpunt-lijst = Show the bottlenecks.
    .fase = only this stage
    .domein = domain
cmd-knelpunt-koppel = Link a signal to a bottleneck.
    .signaal = number of the signal
    .knelpunt = number of the bottleneck
cmd-knelpunt-samenvoegen = Merge a duplicate bottleneck into another.
    .van = the duplicate bottleneck
    .naar = the bottleneck that stays
cmd-knelpunt-fase = Move a bottleneck to another stage.
    .nr = number of the bottleneck
    .fase = the new stage
    .toelichting = why (needed for back, parking, not recognised)
cmd-knelpunt-oorzaak = Record a cause (deepen).
    .nr = number of the bottleneck
    .gebied = area of the cause
    .tekst = the cause
    .expert = which expert it was discussed with
cmd-knelpunt-agendeer = Record at which table the bottleneck was brought.
    .nr = number of the bottleneck
    .tafel = which table or meeting
    .actie = kind of action
    .datum = when
    .uitkomst = what it achieved
    .vervolg = date of the follow-up
    .stap = number of an earlier step to update (outcome, follow-up)
cmd-delen = Share a story about a bottleneck with the network.
    .knelpunt = number of the bottleneck
    .vorm = form
    .tekst = what you share
    .link = link to the story
cmd-knelpunt-stil = Bottlenecks whose people involved heard nothing for a while (default 30 days).
    .dagen = how many days without a message
