### privacy: texts in Dutch (the default). Fluent syntax (https://projectfluent.org);
### each key needs the same parameters in every language (tests/core/test_catalogs.py).

mine-none = Je hebt nog geen signalen gemeld. Dat kan met `/signaal tekst:"..."`.
mine-head = **Jouw signalen en wat ermee gebeurde**
mine-item = • #{ $nr } ({ $when }): { $text }
mine-erased = (tekst na de bewaartermijn verwijderd)
mine-linked = → knelpunt #{ $nr } "{ $title }", fase: { $stage }
mine-status-new = → nog niet bekeken door de staf
mine-status-relevant = → relevant bevonden; nog niet aan een knelpunt gekoppeld
mine-status-not-relevant = → bekeken; niet als knelpunt opgepakt
mine-status-duplicate = → bekeken; dubbel met een eerder signaal
mine-status-linked = → gekoppeld
privacy-show-title = 🔐 Wat de bot over je bewaart
privacy-show =
    Naam: { $name } · rol: { $role } · taal: { $lang } · meldingen: { $notify } · domein: { $domain }
    { $signals } { $signals ->
        [one] signaal
       *[other] signalen
    }, { $votes } { $votes ->
        [one] stem
       *[other] stemmen
    }, { $rsvps } { $rsvps ->
        [one] aanmelding
       *[other] aanmeldingen
    }.
    Alles downloaden: `/mijn gegevens export`. Wissen: `/mijn gegevens verwijder`.
privacy-export-title = 🔐 Je gegevens (JSON)
privacy-confirm = Weet je het zeker? De teksten van je { $signals } { $signals ->
        [one] signaal
       *[other] signalen
    }, je naam en je aanmeldingen worden gewist. Je { $votes } { $votes ->
        [one] stem blijft
       *[other] stemmen blijven
    } meetellen, maar zonder naam. Dit kan niet ongedaan worden.
privacy-btn-erase = Ja, wis mijn gegevens
privacy-btn-cancel = Nee, toch niet
privacy-cancelled = Er is niets gewist.
privacy-erased = Je gegevens zijn gewist.
settings-now = Je instellingen: taal { $lang } · meldingen { $notify } · domein { $domain }.
settings-news-all = Je krijgt terugkoppeling meteen, nieuws over de fase van knelpunten waar je aan bijdroeg (hooguit één bericht per dag), gerichte vervolgvragen, uitnodigingen voor peilingen en berichten over bijeenkomsten waarvoor je je aanmeldde.
settings-news-feedback = Je krijgt alleen terugkoppeling (meteen) en berichten over bijeenkomsten waarvoor je je aanmeldde. Geen fasenieuws, vervolgvragen of uitnodigingen.
settings-news-off = Je krijgt geen berichten waar je niet zelf om vroeg: alleen herinneringen en wijzigingen van bijeenkomsten waarvoor je je aanmeldde.
cmd-mijn-signalen = Wat is er met mijn signalen gebeurd?
cmd-mijn-gegevens = Bekijk, exporteer of verwijder wat de bot over je bewaart.
    .actie = toon, export of verwijder
cmd-mijn-instellingen = Je taal, meldingen en domein.
    .taal = taal van de bot
    .meldingen = alles, terugkoppeling (alleen wat er met je bijdrage gebeurde) of uit
    .domein = domein
