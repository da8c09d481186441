### signals: texts in English. Fluent syntax (https://projectfluent.org);
### each key needs the same parameters in every language (tests/core/test_catalogs.py).

signal-thanks = Thank you! Your signal #{ $nr } was received. The staff will look at it and you will hear what happens. See your signals with `/mijn signalen`.
signal-thanks-call = Thank you! Your reply was saved as signal #{ $nr } for call #{ $call }. You will hear what happens (`/mijn signalen`).
signal-recorded-offline = Offline signal #{ $nr } was recorded.
signal-which-call = Thank you! Your message was saved as signal #{ $nr }. Several calls are open: which one does it answer?
signal-pick-call = #{ $nr } { $question }
signal-pick-none = None: a separate signal
signal-call-closed = Call #{ $call } is already closed, but your message is not lost: it was saved as separate signal #{ $nr }.
signal-no-call = This conversation does not belong to a call. Send your signal with `/signaal` or as a private message to the bot.
signal-not-found = Signal #{ $nr } does not exist.
signal-not-yours = This signal belongs to someone else.
signal-offline-staff-only = Only staff can record offline input (`bron:` and `namens:`). Report your own signal with `/signaal tekst:"..."`.
signal-namens-needs-bron = Also give the source: `bron:intake` or `bron:werkveld`.
consent-citeren = quoted without a name
consent-tellen = only counted
consent-staf = for staff only
consent-btn-citeren = Quote without my name
consent-btn-tellen = Only count it
consent-btn-staf = For staff only
consent-ask =
    How may the staff use your words? Now: **{ $choice }**.
    Quotes never carry your name. "For staff only" is not in any public count either. You can change this later with `/mijn signalen`.
consent-thread = Your reply was saved as signal #{ $nr }.
consent-set = Signal #{ $nr }: { $choice }. You can change it any time with `/mijn signalen`.
consent-now = Use: { $choice }.
cmd-signaal = Report a signal: what do you run into? (staff: also offline input from intake or the field)
    .tekst = what you notice
    .domein = domain
    .anoniem = do not show your name
    .bron = offline source (staff only)
    .namens = name of who told it (staff only)
    .gebruik = citeren (no name), tellen (only counted) or staf (staff only): use of your words
