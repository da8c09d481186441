### dashboard: texts in English. Same keys and parameters as the Dutch catalog.

cmd-dashboard = Send me a one-time link to the staff dashboard (by DM).
dashboard-link-title = 🔑 Your link to the dashboard
dashboard-link = Open the dashboard with this link: { $url }
    The link works once, for { $minutes } minutes. Share it with nobody. Ask for a new link with `/dashboard`.
dashboard-sent = I sent you a link to the dashboard in a private message.
dashboard-off = The dashboard is switched off. The administrator switches it on with BOT_WEB_SECRET (see the README).
