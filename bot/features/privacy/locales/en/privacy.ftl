### privacy: texts in English. Fluent syntax (https://projectfluent.org);
### each key needs the same parameters in every language (tests/core/test_catalogs.py).

mine-none = You have not reported any signals yet. Use `/signaal tekst:"..."`.
mine-head = **Your signals and what became of them**
mine-item = • #{ $nr } ({ $when }): { $text }
mine-erased = (text erased after retention)
mine-linked = → bottleneck #{ $nr } "{ $title }", stage: { $stage }
mine-status-new = → not yet reviewed by staff
mine-status-relevant = → found relevant; not yet linked to a bottleneck
mine-status-not-relevant = → reviewed; not taken up as a bottleneck
mine-status-duplicate = → reviewed; a duplicate of an earlier signal
mine-status-linked = → linked
privacy-show-title = 🔐 What the bot stores about you
privacy-show =
    Name: { $name } · role: { $role } · language: { $lang } · notifications: { $notify } · domain: { $domain }
    { $signals } { $signals ->
        [one] signal
       *[other] signals
    }, { $votes } { $votes ->
        [one] vote
       *[other] votes
    }, { $rsvps } { $rsvps ->
        [one] RSVP
       *[other] RSVPs
    }.
    Download everything: `/mijn gegevens export`. Erase: `/mijn gegevens verwijder`.
privacy-export-title = 🔐 Your data (JSON)
privacy-confirm = Are you sure? The texts of your { $signals } { $signals ->
        [one] signal
       *[other] signals
    }, your name and your RSVPs will be erased. Your { $votes } { $votes ->
        [one] vote still counts
       *[other] votes still count
    }, without your name. This cannot be undone.
privacy-btn-erase = Yes, erase my data
privacy-btn-cancel = No, cancel
privacy-cancelled = Nothing was erased.
privacy-erased = Your data has been erased.
settings-now = Your settings: language { $lang } · notifications { $notify } · domain { $domain }.
settings-news-all = You get feedback at once, news about the stage of bottlenecks you contributed to (at most one message a day), targeted follow-up questions, poll invitations and messages about events you signed up for.
settings-news-feedback = You only get feedback (at once) and messages about events you signed up for. No stage news, follow-up questions or invitations.
settings-news-off = You get nothing you did not ask for: only reminders and changes of events you signed up for.
cmd-mijn-signalen = What happened with my signals?
cmd-mijn-gegevens = See, export or erase what the bot stores about you.
    .actie = toon, export or verwijder
cmd-mijn-instellingen = Your language, notifications and domain.
    .taal = language of the bot
    .meldingen = alles (everything), terugkoppeling (only what became of your input) or uit (off)
    .domein = domain
