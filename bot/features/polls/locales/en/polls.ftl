### polls: texts in English. Fluent syntax (https://projectfluent.org);
### each key needs the same parameters in every language (tests/core/test_catalogs.py).

poll-card-title = 🗳 Poll #{ $nr }
poll-card-about = Bottleneck #{ $nr }: **{ $title }**
poll-card-ask = Do you recognise this? How urgent is it? And what is needed?
poll-card-ambassadors = This poll is for ambassadors: only their votes count (staff see the result but do not vote).
poll-card-closes = You can vote until { $when } and change your vote until then.
poll-card-keyboard = Without buttons: `/stem peiling:{ $nr } herkend:ja urgentie:hoog`.
poll-card-count = { $votes } { $votes ->
        [one] vote
       *[other] votes
    } so far.
poll-card-closed = This poll is closed. The result: `/peiling uitslag nr:{ $nr }`.
poll-card-merged = This poll is closed and merged into poll #{ $into } (bottleneck #{ $nr }). Who voted in both counts once.
poll-already-open = Bottleneck #{ $bottleneck } already has an open poll: #{ $nr }. Close it first with `/peiling sluit nr:{ $nr }`.
poll-merged = Poll #{ $nr } was merged into poll #{ $into }. Vote there: `/stem peiling:{ $into } herkend:ja`.
poll-btn-yes = I recognise it
poll-btn-partly = Partly
poll-btn-no = I don't
poll-btn-low = Urgency low
poll-btn-medium = Urgency medium
poll-btn-high = Urgency high
poll-btn-needed = What is needed?
poll-form-title = What is needed?
poll-form-label = What do you think is needed to solve this?
poll-started = Poll #{ $nr } on bottleneck #{ $bottleneck } is posted in #{ $channel }.
poll-close-in-past = The closing time is in the past. Choose a moment in the future.
poll-not-found = Poll #{ $nr } does not exist.
poll-closed = Poll #{ $nr } is closed; you can no longer vote. See the result with `/peiling uitslag nr:{ $nr }`.
poll-already-closed = Poll #{ $nr } is already closed.
poll-closed-ok = Poll #{ $nr } is closed and the result was posted.
poll-ambassadors-only = Poll #{ $nr } is for ambassadors only: only their votes count. You can see the result with `/peiling uitslag nr:{ $nr }`.
poll-voted-new = ✅ Your vote in poll #{ $nr } was saved ({ $what }). You can change it until the poll closes.
poll-voted-changed = ✅ Your vote in poll #{ $nr } was changed ({ $what }).
poll-voted-recognised = recognised: { $value }
poll-voted-urgency = urgency: { $value }
poll-voted-needed = what is needed: filled in
poll-result-title = 📊 Interim result of poll #{ $nr }
poll-result-title-closed = 📊 Result of poll #{ $nr }
poll-result-about = Bottleneck #{ $nr }: { $title }
poll-result-votes = { $votes } { $votes ->
        [one] vote
       *[other] votes
    }
poll-result-recognised = Recognised:
poll-result-urgency = Urgency:
poll-result-by-domain = By domain:
poll-result-recognises = recognise it
poll-result-broad = ✅ Broadly recognised: { $share } yes or partly from { $votes } votes (rule: at least { $min_share }% from at least { $min_votes } votes).
poll-result-not-broad = ➖ Not (yet) broadly recognised: { $share } yes or partly from { $votes } votes (rule: at least { $min_share }% from at least { $min_votes } votes).
poll-result-needed = What is needed:
poll-result-needed-count = { $count } { $count ->
        [one] person wrote
       *[other] people wrote
    } down what is needed; the staff takes this along.
poll-result-needed-page = What is needed ({ $first }–{ $last } of { $count }):
poll-result-needed-more = Page { $page } of { $pages }. The next: `/peiling uitslag nr:{ $nr } pagina:{ $next }`. Everything at once: the export (table `nodig`) or the dashboard.
poll-result-needed-end = Page { $page } of { $pages } (the last). Everything at once: the export (table `nodig`) or the dashboard.
cmd-peiling-start = Start a poll: recognised, urgent, what is needed?
    .knelpunt = number of the bottleneck
    .doelgroep = who may vote (default everyone)
    .sluit = when the poll closes
cmd-peiling-uitslag = Show the result of a poll.
    .nr = number of the poll
    .pagina = which page of what is needed (staff; default 1)
cmd-peiling-sluit = Close a poll and post its result.
    .nr = number of the poll
cmd-stem = Vote in a poll without buttons.
    .peiling = number of the poll
    .herkend = do you recognise the bottleneck?
    .urgentie = how urgent is it?
    .nodig = what is needed?
