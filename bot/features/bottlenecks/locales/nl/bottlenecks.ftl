### bottlenecks: texts in Dutch (the default). Fluent syntax (https://projectfluent.org);
### each key needs the same parameters in every language (tests/core/test_catalogs.py).

bottleneck-not-found = Knelpunt #{ $nr } bestaat niet. Zie `/knelpunt lijst`.
bottleneck-merged = Knelpunt #{ $nr } is samengevoegd met #{ $into }. Gebruik #{ $into }.
bottleneck-closed = Knelpunt #{ $nr } staat op "{ $stage }" en is dus niet meer open.
bottleneck-created = Knelpunt #{ $nr } "{ $title }" is aangemaakt (fase: oogsten).
bottleneck-title = 📌 Knelpunt #{ $nr }: { $title }
bottleneck-head = Fase: **{ $stage }** · domein: { $domain } · { $count } { $count ->
        [one] signaal
       *[other] signalen
    } · { $people } { $people ->
        [one] betrokkene
       *[other] betrokkenen
    }
bottleneck-none = Geen knelpunten gevonden.
bottleneck-list-head = **Knelpunten**
bottleneck-list-item = • #{ $nr } { $title } — { $stage } · { $domain } · { $count } { $count ->
        [one] signaal
       *[other] signalen
    }
bottleneck-linked = Signaal #{ $signal } is gekoppeld aan knelpunt #{ $nr }.
bottleneck-merge-self = Een knelpunt kan niet met zichzelf samengevoegd worden.
bottleneck-merged-ok = Knelpunt #{ $src } is samengevoegd met #{ $dst }: signalen en peilingen staan nu bij #{ $dst }.
stage-same = Knelpunt #{ $nr } staat al in fase "{ $stage }".
stage-forbidden = Van "{ $frm }" naar "{ $to }" kan niet. Vanaf hier kan: { $options }.
stage-reason-needed = Geef een `toelichting:` bij de stap naar "{ $to }".
stage-moved = Knelpunt #{ $nr }: { $frm } → { $to }.
tl-head = **Tijdlijn**
tl-created = aangemaakt door { $who } (oogsten)
tl-stage = fase { $frm } → { $to } door { $who }
tl-reason = { " " }— "{ $reason }"
tl-cause = oorzaak ({ $area }): { $text }{ $expert }
tl-expert = { " " }(met { $expert })
tl-share = gedeeld als { $form }: { $text }
tl-agenda = stap #{ $step }: geagendeerd bij { $table } ({ $action }, { $date })
tl-agenda-update = stap #{ $step } bijgewerkt
tl-follow-up-reminded = staf herinnerd aan het vervolg van stap #{ $step }
tl-outcome = { " " }— uitkomst: { $outcome }
tl-follow-up = { " " }— vervolg op { $date }
tl-poll = peiling #{ $nr } gestart
tl-poll-closed = peiling #{ $nr } gesloten
tl-poll-merged = peiling #{ $nr } gesloten en opgegaan in peiling #{ $into } (wie in beide stemde, telt één keer)
tl-feedback = teruggekoppeld: { $text }
tl-merged = knelpunt #{ $nr } "{ $title }" is hierin opgegaan
cause-recorded = Oorzaak ({ $area }) vastgelegd bij knelpunt #{ $nr }.
share-title = { $icon } { $form } over knelpunt #{ $nr }: { $title }
share-posted = Gedeeld in #{ $channel } (knelpunt #{ $nr }).
agenda-recorded = Agendering van knelpunt #{ $nr } bij "{ $table }" is vastgelegd als stap #{ $step }. Later bijwerken: `/knelpunt agendeer nr:{ $nr } stap:{ $step } uitkomst:"..."`.
agenda-updated = Stap #{ $step } van knelpunt #{ $nr } is bijgewerkt; de tijdlijn toont het.
agenda-table-needed = Geef `tafel:` en `actie:` voor een nieuwe stap, of `stap:<nr>` om een eerdere stap bij te werken (zie `/knelpunt toon nr:{ $nr }`).
agenda-step-not-found = Stap #{ $step } hoort niet bij knelpunt #{ $nr }. De stappen staan in `/knelpunt toon nr:{ $nr }`.
agenda-update-empty = Wat wil je bijwerken aan stap #{ $step }? Geef `uitkomst:` of `vervolg:`.
agenda-follow-up-past = De vervolgdatum ligt in het verleden. Kies een datum in de toekomst.
agenda-follow-up-title = 📌 Vervolg vandaag: knelpunt #{ $nr } { $title }
agenda-follow-up-due = Vandaag ({ $date }) is het vervolg van stap #{ $step }: { $table } ({ $action }). Uitkomst tot nu toe: { $outcome }
    Werk de uitkomst bij met `/knelpunt agendeer nr:{ $nr } stap:{ $step } uitkomst:"..."` (en eventueel een nieuw `vervolg:`).
agenda-follow-up-before = De vervolgdatum ligt vóór de datum van de agendering.
stage-notified = { $count } { $count ->
        [one] betrokkene krijgt
       *[other] betrokkenen krijgen
    } dit in hun dagelijkse nieuwsbericht.
cmd-knelpunt-nieuw = Maak een knelpunt aan.
    .titel = korte titel
    .omschrijving = omschrijving
    .domein = domein
    .signaal = koppel meteen dit signaal
cmd-knelpunt-toon = Toon een knelpunt met zijn tijdlijn.
    .nr = nummer van het knelpunt
cmd-knelpunt-lijst = Toon de knelpunten.
    .fase = alleen deze fase
    .domein = domein
cmd-knelpunt-koppel = Koppel een signaal aan een knelpunt.
    .signaal = nummer van het signaal
    .knelpunt = nummer van het knelpunt
cmd-knelpunt-samenvoegen = Voeg een dubbel knelpunt samen met een ander.
    .van = het dubbele knelpunt
    .naar = het knelpunt dat blijft
cmd-knelpunt-fase = Zet een knelpunt in een andere fase.
    .nr = nummer van het knelpunt
    .fase = de nieuwe fase
    .toelichting = waarom (nodig bij terug, parkeren, niet herkend)
cmd-knelpunt-oorzaak = Leg een oorzaak vast (verdiepen).
    .nr = nummer van het knelpunt
    .gebied = gebied van de oorzaak
    .tekst = de oorzaak
    .expert = met welke expert besproken
cmd-knelpunt-agendeer = Leg vast aan welke tafel het knelpunt is gebracht.
    .nr = nummer van het knelpunt
    .tafel = welke tafel of welk overleg
    .actie = soort handelingsoptie
    .datum = wanneer
    .uitkomst = wat het opleverde
    .vervolg = datum van het vervolg
    .stap = nummer van een eerdere stap om bij te werken (uitkomst, vervolg)
cmd-delen = Deel een verhaal over een knelpunt met het netwerk.
    .knelpunt = nummer van het knelpunt
    .vorm = vorm
    .tekst = wat je deelt
    .link = link naar het verhaal
cmd-knelpunt-stil = Knelpunten waarvan betrokkenen al een tijd niets hoorden (standaard 30 dagen).
    .dagen = hoeveel dagen zonder bericht
