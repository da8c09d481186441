"""Events (bijeenkomsten): planning, RSVP, changes, cancellations and reminders."""
