### help: texts in Dutch (the default). Fluent syntax (https://projectfluent.org);
### each key needs the same parameters in every language (tests/core/test_catalogs.py).

help-title = ℹ️ Commando's
help-more = Meer over één commando: `/help oproep`. Opties schrijf je als `naam:waarde`; tekst met spaties tussen "...".
help-unknown = `/{ $name }` ken ik niet. Typ `/help` voor alle commando's.
help-staff-only = (alleen staf)
home-title = 👋 Signaalbot
home-intro = Hier zie je de open oproepen van { $name } en wat er met jouw signalen gebeurde.
home-calls-head = **Open oproepen**
home-calls-how = Reageer in de draad onder de oproep, of stuur de bot een privébericht.
status-audit-title = 🧾 Auditlog: wat de staf deed
status-audit-line = • { $when } — { $who } ({ $role }): { $action } { $detail }
status-audit-refused = • { $when } — ⛔ geweigerd: { $who } ({ $role }): { $action } { $detail }
status-audit-none = Het auditlog is nog leeg.
status-audit-more = Het hele log als bestand: `python -m bot audit --format csv`.
status-title = 📮 Status van de berichten
status-counts = { $platform }: { $pending } wachtend · { $sending } bezig · { $failed } mislukt · { $sent } verzonden in de laatste 24 uur
status-empty = Er zijn nog geen berichten verstuurd.
status-oldest = Oudste wachtende bericht: van { $when }.
status-failures = Laatst mislukt:
status-no-failures = Niets mislukt. 👍
status-failure = • #{ $id } { $platform }, { $target } — { $attempts } pogingen, { $when }: { $error }
status-target-dm = bericht aan { $name }
status-target-ephemeral = antwoord aan { $name }
status-target-channel = kanaal { $key }
status-target-thread = draad { $key }
status-target-reaction = reactie
status-target-edit = bijwerken van { $key }
cmd-status = Hoe staat het met de berichten: wachtend, mislukt en waarom. Met `audit`: wat de staf deed.
    .onderdeel = bezorging (de berichten) of audit (het auditlog)
cmd-help = Uitleg over de commando's.
    .commando = over welk commando
