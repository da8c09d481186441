"""The staff dashboard's access: ``/dashboard`` sends a one-time sign-in link by DM;
links and sessions (``signin``) are checked by the web handler (``bot/handlers/web``)."""
