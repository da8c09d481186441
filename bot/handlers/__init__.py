"""Platform handlers: translate platform events to core calls and neutral replies to UI."""
