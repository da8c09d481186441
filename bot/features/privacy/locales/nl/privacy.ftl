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
privacy-confirm = Weet je het zeker? Je naam, je account en de teksten van je { $signals } { $signals ->
        [one] signaal
       *[other] signalen
    } worden gewist, ook uit alle kopieën die de bot bewaart. Je { $votes } { $votes ->
        [one] stem
       *[other] stemmen
    } en je aanmeldingen blijven meetellen, maar van niemand. Dit kan niet ongedaan worden.
privacy-btn-erase = Ja, wis mijn gegevens
privacy-btn-cancel = Nee, toch niet
privacy-cancelled = Er is niets gewist.
privacy-erased = Je gegevens zijn gewist. Stuur je de bot later weer iets, dan ben je een nieuw lid.
mine-consent = gebruik: { $choice }
mine-consent-needs-both = Geef het signaal en de keuze, bijvoorbeeld `/mijn signalen signaal:4 gebruik:tellen`.
privacy-staff-confirm = Alle gegevens van { $name } (lid #{ $nr }, { $platform }) wissen? Het gaat om { $signals } { $signals ->
        [one] signaal
       *[other] signalen
    }, { $votes } { $votes ->
        [one] stem
       *[other] stemmen
    } en { $rsvps } { $rsvps ->
        [one] aanmelding
       *[other] aanmeldingen
    }. Naam, account en teksten gaan weg; stemmen en aanmeldingen tellen mee zonder naam. Dit kan niet ongedaan worden.
privacy-staff-btn-erase = Ja, wis dit lid
privacy-staff-erased = Lid #{ $nr } is gewist. Dit staat in het auditlog.
privacy-staff-self = Je eigen gegevens wis je met `/mijn gegevens verwijder`.
privacy-member-not-found = Lid #{ $nr } bestaat niet.
privacy-member-erased = Lid #{ $nr } is al gewist.
privacy-member-unknown = Geen lid gevonden met { $name }. Gebruik de naam, het account-id, een vermelding (@naam) of `#nummer`.
privacy-member-ambiguous = Meer leden passen: { $options }. Kies met `lid:#nummer`.
notice-title = 🔐 Zo gaat { $name } met je gegevens om
notice-text =
    Fijn dat je meedoet! Dit bericht krijg je één keer.
    • **Wat we bewaren:** je naam en account, wat je de bot stuurt (je signalen), je stemmen en je aanmeldingen.
    • **Wie het ziet:** de staf. Andere leden zien nooit je naam bij een signaal. Per signaal kies je hoe de staf je woorden mag gebruiken; zonder keuze: { $choice }.
    • **Hoe lang:** de tekst van een signaal { $days } dagen. Kopieën van privéberichten { $hours } uur.
    • **Inzien of wissen:** `/mijn gegevens` (bekijken), `/mijn gegevens export` (downloaden), `/mijn gegevens verwijder` (alles wissen). Je keuze per signaal wijzig je met `/mijn signalen`.
notice-statement = Lees de privacyverklaring: { $url }
notice-ask-staff = Vragen over privacy? Stel ze aan de staf.
settings-now = Je instellingen: taal { $lang } · meldingen { $notify } · domein { $domain }.
settings-news-all = Je krijgt terugkoppeling meteen, nieuws over de fase van knelpunten waar je aan bijdroeg (hooguit één bericht per dag), gerichte vervolgvragen, uitnodigingen voor peilingen en berichten over bijeenkomsten waarvoor je je aanmeldde.
settings-news-feedback = Je krijgt alleen terugkoppeling (meteen) en berichten over bijeenkomsten waarvoor je je aanmeldde. Geen fasenieuws, vervolgvragen of uitnodigingen.
settings-news-off = Je krijgt geen berichten waar je niet zelf om vroeg: alleen herinneringen en wijzigingen van bijeenkomsten waarvoor je je aanmeldde.
cmd-mijn-signalen = Wat is er met mijn signalen gebeurd? Met `signaal:` en `gebruik:` wijzig je hoe de staf je woorden mag gebruiken.
    .signaal = nummer van je signaal (om de keuze te wijzigen)
    .gebruik = citeren (zonder naam), tellen (alleen meetellen) of staf (alleen voor de staf)
cmd-mijn-gegevens = Bekijk, exporteer of verwijder wat de bot over je bewaart.
    .actie = toon, export of verwijder
cmd-mijn-instellingen = Je taal, meldingen en domein.
    .taal = taal van de bot
    .meldingen = alles, terugkoppeling (alleen wat er met je bijdrage gebeurde) of uit
    .domein = domein
cmd-privacy-verwijder = Wis alle gegevens van een lid dat weg is (met bevestiging; komt in het auditlog).
    .lid = naam, account-id, vermelding (@naam) of #nummer van het lid
