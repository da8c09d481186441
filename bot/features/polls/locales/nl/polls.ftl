### polls: texts in Dutch (the default). Fluent syntax (https://projectfluent.org);
### each key needs the same parameters in every language (tests/core/test_catalogs.py).

poll-card-title = 🗳 Peiling #{ $nr }
poll-card-about = Knelpunt #{ $nr }: **{ $title }**
poll-card-ask = Herken je dit? Hoe urgent is het? En wat is er nodig?
poll-card-ambassadors = Deze peiling is voor ambassadeurs: alleen hun stemmen tellen (de staf ziet de uitslag, maar stemt niet).
poll-card-closes = Stemmen kan tot { $when }; tot dan kun je je stem wijzigen.
poll-card-keyboard = Zonder knoppen: `/stem peiling:{ $nr } herkend:ja urgentie:hoog`.
poll-card-count = Tot nu toe { $votes } { $votes ->
        [one] stem
       *[other] stemmen
    }.
poll-card-closed = Deze peiling is gesloten. De uitslag: `/peiling uitslag nr:{ $nr }`.
poll-card-merged = Deze peiling is gesloten en opgegaan in peiling #{ $into } (knelpunt #{ $nr }). Wie in beide stemde, telt één keer mee.
poll-already-open = Knelpunt #{ $bottleneck } heeft al een open peiling: #{ $nr }. Sluit die eerst met `/peiling sluit nr:{ $nr }`.
poll-merged = Peiling #{ $nr } is opgegaan in peiling #{ $into }. Stem daar: `/stem peiling:{ $into } herkend:ja`.
poll-btn-yes = Herken ik
poll-btn-partly = Deels
poll-btn-no = Herken ik niet
poll-btn-low = Urgentie laag
poll-btn-medium = Urgentie middel
poll-btn-high = Urgentie hoog
poll-btn-needed = Wat is er nodig?
poll-form-title = Wat is er nodig?
poll-form-label = Wat is er volgens jou nodig om dit op te lossen?
poll-started = Peiling #{ $nr } over knelpunt #{ $bottleneck } staat in #{ $channel }.
poll-close-in-past = De sluittijd ligt in het verleden. Kies een moment in de toekomst.
poll-not-found = Peiling #{ $nr } bestaat niet.
poll-closed = Peiling #{ $nr } is gesloten; stemmen kan niet meer. Bekijk de uitslag met `/peiling uitslag nr:{ $nr }`.
poll-already-closed = Peiling #{ $nr } is al gesloten.
poll-closed-ok = Peiling #{ $nr } is gesloten en de uitslag is geplaatst.
poll-ambassadors-only = Peiling #{ $nr } is alleen voor ambassadeurs: alleen hun stemmen tellen. De uitslag zie je met `/peiling uitslag nr:{ $nr }`.
poll-voted-new = ✅ Je stem in peiling #{ $nr } is opgeslagen ({ $what }). Je kunt hem wijzigen tot de peiling sluit.
poll-voted-changed = ✅ Je stem in peiling #{ $nr } is gewijzigd ({ $what }).
poll-voted-recognised = herkend: { $value }
poll-voted-urgency = urgentie: { $value }
poll-voted-needed = wat nodig is: ingevuld
poll-result-title = 📊 Tussenstand peiling #{ $nr }
poll-result-title-closed = 📊 Uitslag peiling #{ $nr }
poll-result-about = Knelpunt #{ $nr }: { $title }
poll-result-votes = { $votes } { $votes ->
        [one] stem
       *[other] stemmen
    }
poll-result-recognised = Herkend:
poll-result-urgency = Urgentie:
poll-result-by-domain = Per domein:
poll-result-recognises = herkent het
poll-result-broad = ✅ Breed herkend: { $share } ja of deels bij { $votes } { $votes ->
        [one] stem
       *[other] stemmen
    } (regel: minstens { $min_share }% bij minstens { $min_votes } stemmen).
poll-result-not-broad = ➖ (Nog) niet breed herkend: { $share } ja of deels bij { $votes } stemmen (regel: minstens { $min_share }% bij minstens { $min_votes } stemmen).
poll-result-needed = Wat is er nodig:
poll-result-needed-count = { $count } { $count ->
        [one] persoon schreef
       *[other] mensen schreven
    } op wat er nodig is; de staf neemt dit mee.
poll-result-needed-page = Wat is er nodig ({ $first }–{ $last } van { $count }):
poll-result-needed-more = Pagina { $page } van { $pages }. De volgende: `/peiling uitslag nr:{ $nr } pagina:{ $next }`. Alles in één keer: de export (tabel `nodig`) of het dashboard.
poll-result-needed-end = Pagina { $page } van { $pages } (de laatste). Alles in één keer: de export (tabel `nodig`) of het dashboard.
cmd-peiling-start = Start een peiling: herkend, urgent, wat is er nodig?
    .knelpunt = nummer van het knelpunt
    .doelgroep = wie mag stemmen (standaard iedereen)
    .sluit = wanneer de peiling sluit
cmd-peiling-uitslag = Toon de uitslag van een peiling.
    .nr = nummer van de peiling
    .pagina = welke pagina van wat er nodig is (staf; standaard 1)
cmd-peiling-sluit = Sluit een peiling en plaats de uitslag.
    .nr = nummer van de peiling
cmd-stem = Stem in een peiling zonder knoppen.
    .peiling = nummer van de peiling
    .herkend = herken je het knelpunt?
    .urgentie = hoe urgent is het?
    .nodig = wat is er nodig?
