### signals: texts in Dutch (the default). Fluent syntax (https://projectfluent.org);
### each key needs the same parameters in every language (tests/core/test_catalogs.py).

signal-thanks = Dank je! Je signaal #{ $nr } is ontvangen. De staf bekijkt het en je hoort wat ermee gebeurt. Bekijk je signalen met `/mijn signalen`.
signal-thanks-call = Dank je! Je reactie is opgeslagen als signaal #{ $nr } bij oproep #{ $call }. Je hoort wat ermee gebeurt (`/mijn signalen`).
signal-recorded-offline = Offline signaal #{ $nr } is vastgelegd.
signal-which-call = Dank je! Je bericht is opgeslagen als signaal #{ $nr }. Er staan meerdere oproepen open: bij welke hoort het?
signal-pick-call = #{ $nr } { $question }
signal-pick-none = Bij geen enkele: los signaal
signal-call-closed = Oproep #{ $call } is al gesloten, maar je bericht is niet verloren: het is bewaard als los signaal #{ $nr }.
signal-no-call = Dit gesprek hoort niet bij een oproep. Stuur je signaal met `/signaal` of als privébericht aan de bot.
signal-not-found = Signaal #{ $nr } bestaat niet.
signal-not-yours = Dit signaal is van iemand anders.
signal-offline-staff-only = Alleen de staf kan offline input vastleggen (`bron:` en `namens:`). Meld je eigen signaal met `/signaal tekst:"..."`.
signal-namens-needs-bron = Geef ook de bron: `bron:intake` of `bron:werkveld`.
consent-citeren = citeren zonder naam
consent-tellen = alleen meetellen
consent-staf = alleen voor de staf
consent-btn-citeren = Citeren zonder naam
consent-btn-tellen = Alleen meetellen
consent-btn-staf = Alleen voor de staf
consent-ask =
    Hoe mag de staf je woorden gebruiken? Nu: **{ $choice }**.
    Citeren gebeurt altijd zonder naam. "Alleen voor de staf" telt ook niet mee in openbare aantallen. Wijzigen kan later met `/mijn signalen`.
consent-thread = Je reactie is opgeslagen als signaal #{ $nr }.
consent-set = Signaal #{ $nr }: { $choice }. Wijzigen kan altijd met `/mijn signalen`.
consent-now = Gebruik: { $choice }.
cmd-signaal = Meld een signaal: waar loop je tegenaan? (staf: ook offline input uit intake of werkveld)
    .tekst = wat je signaleert
    .domein = domein
    .anoniem = je naam niet tonen
    .bron = offline bron (alleen staf)
    .namens = naam van wie het vertelde (alleen staf)
    .gebruik = citeren (zonder naam), tellen of staf: hoe de staf je woorden mag gebruiken
