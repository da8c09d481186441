### triage: texts in English. Fluent syntax (https://projectfluent.org);
### each key needs the same parameters in every language (tests/core/test_catalogs.py).

triage-title = 🧺 Triage: signal #{ $nr }
triage-meta = From { $who } { $where } · { $when } · status: { $status }
triage-source-thread = in the thread of call #{ $call }
triage-source-dm = by private message (call #{ $call })
triage-source-command = via /signaal
triage-source-intake = from an intake interview
triage-source-field = from the field
triage-consent = Use as the member chose: { $choice }
triage-erased = (text erased)
triage-domain = Domain: { $domain } · suggestion: { $suggestion }
triage-targeted = Answer to a targeted call about bottleneck #{ $nr }.
triage-similar = Similar to:
triage-left = { $count } more to triage after this one.
triage-empty = ✅ All done: there are no new signals.
triage-btn-relevant = Relevant
triage-btn-irrelevant = Not relevant
triage-btn-duplicate = Duplicate
triage-btn-link = Link to #{ $nr }
triage-btn-new = New bottleneck
triage-pick = Or pick another bottleneck…
triage-form-title = New bottleneck
triage-form-titel = Title (short)
triage-form-omschrijving = Description
triage-done-irrelevant = Signal #{ $nr } was marked not relevant.
triage-done-duplicate = Signal #{ $nr } was marked as a duplicate.
triage-done-link = Signal #{ $nr } is linked to bottleneck #{ $bottleneck }.
triage-done-new = Bottleneck #{ $bottleneck } was created and signal #{ $nr } linked to it.
cmd-ordenen = Triage the next new signal (relevant, domain, bottleneck).
triage-status-new = new
triage-status-relevant = relevant
triage-status-not-relevant = not relevant
triage-status-linked = linked
triage-status-duplicate = duplicate
