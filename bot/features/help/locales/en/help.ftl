### help: texts in English. Fluent syntax (https://projectfluent.org);
### each key needs the same parameters in every language (tests/core/test_catalogs.py).

help-title = ℹ️ Commands
help-more = More about one command: `/help oproep`. Options are written as `name:value`; text with spaces between "...".
help-unknown = I don't know `/{ $name }`. Type `/help` for all commands.
help-staff-only = (staff only)
home-title = 👋 Signaalbot
home-intro = Here you see the open calls of { $name } and what became of your signals.
home-calls-head = **Open calls**
home-calls-how = Reply in the thread under the call, or send the bot a private message.
status-audit-title = 🧾 Audit log: what staff did
status-audit-line = • { $when } — { $who } ({ $role }): { $action } { $detail }
status-audit-refused = • { $when } — ⛔ refused: { $who } ({ $role }): { $action } { $detail }
status-audit-none = The audit log is still empty.
status-audit-more = The whole log as a file: `python -m bot audit --format csv`.
status-title = 📮 Message status
status-counts = { $platform }: { $pending } waiting · { $sending } sending · { $failed } failed · { $sent } sent in the last 24 hours
status-empty = No messages have been sent yet.
status-oldest = Oldest waiting message: { $when }.
status-failures = Last failures:
status-no-failures = Nothing failed. 👍
status-failure = • #{ $id } { $platform }, { $target } — { $attempts } attempts, { $when }: { $error }
status-target-dm = message to { $name }
status-target-ephemeral = answer to { $name }
status-target-channel = channel { $key }
status-target-thread = thread { $key }
status-target-reaction = reaction
status-target-edit = edit of { $key }
cmd-status = How the messages are doing: waiting, failed and why. With `audit`: what staff did.
    .onderdeel = bezorging (the messages) or audit (the audit log)
cmd-help = Explanation of the commands.
    .commando = which command
