### feedback: texts in Dutch (the default). Fluent syntax (https://projectfluent.org);
### each key needs the same parameters in every language (tests/core/test_catalogs.py).

feedback-title = 🔁 Terugkoppeling over knelpunt #{ $nr }: { $title }
feedback-stage = Fase nu: { $stage }. Alle stappen: `/knelpunt toon nr:{ $nr }`.
feedback-dm-title = 🔁 Wat er gebeurde met knelpunt #{ $nr }
feedback-dm =
    Je droeg bij aan "{ $title }". Dit is er gebeurd:

    { $text }

    Fase nu: { $stage }. Alle stappen: `/knelpunt toon nr:{ $nr }`. Geen berichten meer? `/mijn instellingen meldingen:uit`.
feedback-sent = Terugkoppeling geplaatst in #{ $channel } en persoonlijk gestuurd aan { $count } { $count ->
        [one] betrokkene
       *[other] betrokkenen
    } (knelpunt #{ $nr }).
news-bundle-title = 🔁 Nieuws over knelpunten waar je aan bijdroeg
news-bundle-head = Dit veranderde er sinds je vorige bericht:
news-bundle-item = • Knelpunt #{ $nr } "{ $title }": { $path }
news-bundle-reason = { " " }— waarom: { $reason }
news-bundle-foot = Alle stappen: `/knelpunt toon nr:<nr>`. Alleen terugkoppeling? `/mijn instellingen meldingen:terugkoppeling`. Niets meer? `meldingen:uit`.
loop-quiet-none = Iedereen die bijdroeg hoorde in de laatste { $days } dagen iets over zijn knelpunt.
loop-quiet-head = **Knelpunten waarvan betrokkenen { $days } dagen of langer niets hoorden**
loop-quiet-item = • #{ $nr } { $title } ({ $stage }): { $waiting } van { $involved } betrokkenen, al { $days } dagen stil
loop-quiet-hint = Laat van je horen met `/terugkoppeling knelpunt:<nr> tekst:"..."`.
cmd-terugkoppeling = Koppel terug wat er met een knelpunt gebeurde: openbaar en aan iedereen die bijdroeg of stemde.
    .knelpunt = nummer van het knelpunt
    .tekst = wat er gebeurde
