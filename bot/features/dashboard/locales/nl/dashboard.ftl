### dashboard: texts in Dutch (the default). Fluent syntax (https://projectfluent.org);
### each key needs the same parameters in every language (tests/core/test_catalogs.py).

cmd-dashboard = Stuur mij een eenmalige link naar het dashboard voor de staf (per DM).
dashboard-link-title = 🔑 Je link naar het dashboard
dashboard-link = Open het dashboard met deze link: { $url }
    De link werkt één keer en { $minutes } minuten lang. Deel hem met niemand. Een nieuwe link vraag je met `/dashboard`.
dashboard-sent = Ik heb je een link naar het dashboard gestuurd in een privébericht.
dashboard-off = Het dashboard staat uit. De beheerder zet het aan met BOT_WEB_SECRET (zie de README).
