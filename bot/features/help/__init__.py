"""Finding your way: /help, the member's overview (App Home), /status for staff, and
suggestions while typing a number (Discord autocomplete)."""
