### web: the staff dashboard, in English. Same keys and parameters as the Dutch catalog.

web-title = Signaalbot dashboard
web-skip = Skip to content
web-nav = Sections
web-nav-board = Overview
web-nav-signals = Signals
web-nav-triage = To triage
web-nav-waiting = Waiting for feedback
web-nav-events = Events
web-nav-deliveries = Not delivered
web-nav-audit = Audit log
web-language = Language
web-language-switch = Switch
web-sign-out = Sign out
web-back-to-board = Back to the overview
web-back-to-bottleneck = Back to bottleneck #{ $nr }
web-signin-title = Sign in
web-signin-text = You are signing in to the dashboard as { $name }. The link works once.
web-signin-button = Sign in
web-signed-out-title = Not signed in
web-signed-out = You are not signed in (any more). Ask for a new link with `/dashboard` in the chat (staff only).
web-signed-out-now-title = Signed out
web-signed-out-now = You are signed out. Ask for a new link with `/dashboard` in the chat.
web-link-invalid-title = This link does not work
web-link-invalid = This sign-in link is not valid. Ask for a new one with `/dashboard` in the chat.
web-link-expired-title = This link has expired
web-link-expired = A sign-in link works only briefly. Ask for a new one with `/dashboard` in the chat.
web-link-used-title = This link was used already
web-link-used = A sign-in link works once. Ask for a new one with `/dashboard` in the chat.
web-link-not-staff-title = Staff only
web-link-not-staff = The dashboard is for staff only.
web-error-csrf-title = Form refused
web-error-csrf = This form did not come from this page or has expired. Reload the page and try again.
web-error-404-title = Not found
web-error-404 = This page or file does not exist.
web-error-405-title = Not allowed
web-error-405 = This cannot be done this way.
web-error-500-title = Something went wrong
web-error-500 = Something went wrong on our side. Please try again later.
web-error-other-title = That did not work
web-error-other = This request cannot be handled.
web-board-title = All bottlenecks by stage
web-downloads = Downloads
web-download-xlsx = Workbook (Excel)
web-download-csv-bottlenecks = Bottlenecks (CSV)
web-download-csv-signals = Signals (CSV)
web-download-json = JSON
web-filter-domain = Domain
web-all-domains = all domains
web-all-statuses = all
web-search = Search
web-search-hint = number or word
web-filter = Show
web-clear = Show all
web-board-count = { $count } { $count ->
        [one] bottleneck
       *[other] bottlenecks
    }
web-no-domain = no domain
web-card-counts = { $signals } { $signals ->
        [one] signal
       *[other] signals
    } · { $votes } { $votes ->
        [one] vote
       *[other] votes
    }
web-card-recognised = { $share } recognise it
web-card-updated = updated { $date }
web-column-empty = No bottlenecks.
web-chart-recognition = Recognition per domain, poll #{ $nr }
web-chart-urgency = Urgency, poll #{ $nr }
web-chart-votes = votes
web-table-recognition = Recognition per domain (the chart's numbers)
web-table-urgency = Urgency (the chart's numbers)
web-merged = This bottleneck was merged into
web-dossier-page = Dossier to print
web-dossier-pdf = Dossier as PDF
web-signals-linked = Signals ({ $count })
web-shares = Shared
web-agenda-caption = Agenda steps with follow-up dates
web-col-table = Table
web-col-action = Action
web-col-date = Date
web-col-outcome = Outcome
web-col-follow-up = Follow-up
web-involved = { $count } { $count ->
        [one] person is
       *[other] people are
    } involved (contributed or voted).
web-signals-caption = Signals
web-col-domain = Domain
web-col-status = Status
web-col-from = From
web-col-bottleneck = Bottleneck
web-col-text = Text
web-text-erased = (text erased after the retention period)
web-no-signals = No signals.
web-print = Print
web-signals-title = Signal archive
web-signals-count = { $count } { $count ->
        [one] signal
       *[other] signals
    }, newest first.
web-signals-more = There are more: narrow the search.
web-triage-title = To triage
web-triage-how = { $count } { $count ->
        [one] signal waits
       *[other] signals wait
    } to be triaged. Triage them in the chat with `/ordenen`, in this order.
web-waiting-title = Waiting for feedback
web-waiting-days = Without news for (days)
web-waiting-caption = Bottlenecks with people who heard nothing for { $days } days or more
web-col-stage = Stage
web-col-waiting = Waiting
web-col-silent = Silent since
web-waiting-people = { $waiting } of { $involved }
web-waiting-since = { $days } days ({ $date })
web-waiting-none = Everyone heard something in the last { $days } days.
web-events-title = Events
web-events-caption = Coming and recent events with RSVPs
web-col-event = Event
web-col-when = When
web-col-yes = Coming
web-col-maybe = Maybe
web-col-no = Cannot come
web-col-calendar = Calendar
web-cancelled = cancelled
web-download-ics = .ics
web-events-none = No events.
web-deliveries-title = Messages not delivered
web-deliveries-how = These messages could not be delivered, even after several tries. The reason is shown.
web-deliveries-caption = The last { $count } messages not delivered
web-col-platform = Platform
web-col-target = To
web-col-attempts = Attempts
web-col-error = Reason
web-deliveries-none = Everything was delivered.
web-audit-title = Audit log: what staff did
web-audit-how = Every staff action is here: triage, stages, merges, exports, dashboard sign-ins, erasures, and what was refused. It shows which staff member did it, with numbers and fixed values; never members' texts or names.
web-audit-caption = The last { $count } actions, newest first
web-audit-download = Download the whole audit log (CSV)
web-col-who = Who
web-col-role = Role
web-col-detail = Details
web-col-result = Result
web-audit-ok = done
web-audit-refused = refused
web-audit-none = No actions yet.
web-needs-link = What is needed: { $count } { $count ->
        [one] answer
       *[other] answers
    } in poll #{ $nr } — read them all
web-needs-title = What is needed — poll #{ $nr }
web-needs-back = Back to bottleneck #{ $nr }
web-needs-lead = { $first }–{ $last } of { $count }, in the order they came in; without names.
web-needs-pages = Pages
web-needs-previous = ← Previous
web-needs-next = Next →
web-needs-page = Page { $page } of { $pages }
web-needs-csv = Everything in one file (CSV, all polls)
