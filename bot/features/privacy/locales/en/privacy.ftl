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
privacy-confirm = Are you sure? Your name, your account and the texts of your { $signals } { $signals ->
        [one] signal
       *[other] signals
    } will be erased, also from every copy the bot keeps. Your { $votes } { $votes ->
        [one] vote
       *[other] votes
    } and your RSVPs still count, but belong to nobody. This cannot be undone.
privacy-btn-erase = Yes, erase my data
privacy-btn-cancel = No, cancel
privacy-cancelled = Nothing was erased.
privacy-erased = Your data has been erased. If you send the bot something later, you start as a new member.
mine-consent = use: { $choice }
mine-consent-needs-both = Give the signal and the choice, for example `/mijn signalen signaal:4 gebruik:tellen`.
privacy-staff-confirm = Erase all data of { $name } (member #{ $nr }, { $platform })? That is { $signals } { $signals ->
        [one] signal
       *[other] signals
    }, { $votes } { $votes ->
        [one] vote
       *[other] votes
    } and { $rsvps } { $rsvps ->
        [one] RSVP
       *[other] RSVPs
    }. Name, account and texts go; votes and RSVPs still count without a name. This cannot be undone.
privacy-staff-btn-erase = Yes, erase this member
privacy-staff-erased = Member #{ $nr } has been erased. This is in the audit log.
privacy-staff-self = Erase your own data with `/mijn gegevens verwijder`.
privacy-member-not-found = Member #{ $nr } does not exist.
privacy-member-erased = Member #{ $nr } has already been erased.
privacy-member-unknown = No member found with { $name }. Use the name, the account id, a mention (@name) or `#number`.
privacy-member-ambiguous = More members match: { $options }. Pick one with `lid:#number`.
notice-title = 🔐 How { $name } handles your data
notice-text =
    Good to have you! You get this message once.
    • **What we keep:** your name and account, what you send the bot (your signals), your votes and your RSVPs.
    • **Who sees it:** the staff. Other members never see your name with a signal. For each signal you choose how the staff may use your words; without a choice: { $choice }.
    • **How long:** the text of a signal { $days } days. Copies of private messages { $hours } hours.
    • **See or erase:** `/mijn gegevens` (see), `/mijn gegevens export` (download), `/mijn gegevens verwijder` (erase everything). Change your choice per signal with `/mijn signalen`.
notice-statement = Read the privacy statement: { $url }
notice-ask-staff = Questions about privacy? Ask the staff.
settings-now = Your settings: language { $lang } · notifications { $notify } · domain { $domain }.
settings-news-all = You get feedback at once, news about the stage of bottlenecks you contributed to (at most one message a day), targeted follow-up questions, poll invitations and messages about events you signed up for.
settings-news-feedback = You only get feedback (at once) and messages about events you signed up for. No stage news, follow-up questions or invitations.
settings-news-off = You get nothing you did not ask for: only reminders and changes of events you signed up for.
cmd-mijn-signalen = What happened with my signals? With `signaal:` and `gebruik:` you change how the staff may use your words.
    .signaal = number of your signal (to change the choice)
    .gebruik = citeren (quoted without a name), tellen (only counted) or staf (staff only)
cmd-mijn-gegevens = See, export or erase what the bot stores about you.
    .actie = toon, export or verwijder
cmd-mijn-instellingen = Your language, notifications and domain.
    .taal = language of the bot
    .meldingen = alles (everything), terugkoppeling (only what became of your input) or uit (off)
    .domein = domain
cmd-privacy-verwijder = Erase all data of a member who left (with confirmation; recorded in the audit log).
    .lid = name, account id, mention (@name) or #number of the member
