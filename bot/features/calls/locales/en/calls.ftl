### calls: texts in English. Fluent syntax (https://projectfluent.org);
### each key needs the same parameters in every language (tests/core/test_catalogs.py).

call-title-open = 📣 Call #{ $nr }
call-title-targeted = 🎯 Targeted call #{ $nr }
call-about = About bottleneck #{ $nr }: { $title }
call-reason = Why we ask: { $reason }
call-domain = Domain: { $domain }
call-closes = You can reply until { $when }.
call-how = Reply in the thread below, or send the bot a private message if you prefer. What you report does not disappear: you will hear what happens with it.
call-posted = Call #{ $nr } is posted in #{ $channel }.
call-close-in-past = The closing time is in the past. Choose a moment in the future.
call-not-found = Call #{ $nr } does not exist. See `/oproep lijst`.
call-already-closed = Call #{ $nr } is already closed.
call-closed-ok = Call #{ $nr } is closed.
call-closed-thread = 🔒 Call #{ $nr } is closed. Thank you for { $count } { $count ->
        [one] reply
       *[other] replies
    }! You will hear what we do with them. You can always report new signals with `/signaal`.
call-none-open = There are no open calls now. You can always report a signal with `/signaal tekst:"..."`.
call-list-head = **Open calls**
call-list-item = • #{ $nr } { $question } — { $count } { $count ->
        [one] reply
       *[other] replies
    }{ $closes }
call-list-closes = { " " }(closes { $when })
call-targeted-dm-title = 🎯 Follow-up question on bottleneck #{ $nr }
call-targeted-dm =
    You contributed to "{ $title }" before. We have a follow-up question (call #{ $nr }):

    { $question }

    Why we ask: { $reason }

    Just answer here in this private chat, or in the call's thread.
cmd-oproep-open = Put out an open call, with the reason why you ask.
    .vraag = the question to the network
    .reden = why we ask this
    .domein = domain
    .sluit = when the call closes
cmd-oproep-gericht = Put out a targeted follow-up question on a bottleneck.
    .knelpunt = number of the bottleneck
    .vraag = the follow-up question
    .reden = why we ask this
    .sluit = when the call closes
cmd-oproep-lijst = Show the open calls.
cmd-oproep-sluit = Close a call.
    .nr = number of the call
