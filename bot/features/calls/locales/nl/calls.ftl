### calls: texts in Dutch (the default). Fluent syntax (https://projectfluent.org);
### each key needs the same parameters in every language (tests/core/test_catalogs.py).

call-title-open = 📣 Oproep #{ $nr }
call-title-targeted = 🎯 Gerichte oproep #{ $nr }
call-about = Over knelpunt #{ $nr }: { $title }
call-reason = Waarom we dit vragen: { $reason }
call-domain = Domein: { $domain }
call-closes = Reageren kan tot { $when }.
call-how = Reageer hieronder in de draad, of stuur de bot een privébericht als je liever niet openbaar reageert. Wat je meldt verdwijnt niet: je hoort wat ermee gebeurt.
call-posted = Oproep #{ $nr } staat uit in #{ $channel }.
call-close-in-past = De sluittijd ligt in het verleden. Kies een moment in de toekomst.
call-not-found = Oproep #{ $nr } bestaat niet. Zie `/oproep lijst`.
call-already-closed = Oproep #{ $nr } is al gesloten.
call-closed-ok = Oproep #{ $nr } is gesloten.
call-closed-thread = 🔒 Oproep #{ $nr } is gesloten. Dank voor { $count } { $count ->
        [one] reactie
       *[other] reacties
    }! Je hoort wat we ermee doen. Nieuwe signalen kun je altijd melden met `/signaal`.
call-none-open = Er staan nu geen oproepen open. Je kunt altijd een signaal melden met `/signaal tekst:"..."`.
call-list-head = **Open oproepen**
call-list-item = • #{ $nr } { $question } — { $count } { $count ->
        [one] reactie
       *[other] reacties
    }{ $closes }
call-list-closes = { " " }(sluit { $when })
call-targeted-dm-title = 🎯 Vervolgvraag over knelpunt #{ $nr }
call-targeted-dm =
    Je droeg eerder bij aan "{ $title }". We hebben een vervolgvraag (oproep #{ $nr }):

    { $question }

    Waarom we dit vragen: { $reason }

    Antwoord gewoon hier in dit privégesprek, of in de draad van de oproep.
cmd-oproep-open = Zet een open oproep uit, met de reden waarom je het vraagt.
    .vraag = de vraag aan het netwerk
    .reden = waarom we dit vragen
    .domein = domein
    .sluit = wanneer de oproep sluit
cmd-oproep-gericht = Zet een gerichte vervolgvraag uit over een knelpunt.
    .knelpunt = nummer van het knelpunt
    .vraag = de vervolgvraag
    .reden = waarom we dit vragen
    .sluit = wanneer de oproep sluit
cmd-oproep-lijst = Toon de open oproepen.
cmd-oproep-sluit = Sluit een oproep.
    .nr = nummer van de oproep
