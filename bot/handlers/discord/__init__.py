"""The Discord platform: application commands, buttons, selects and modals, thread replies
and DMs translated to the core; the outbox delivered over Discord's REST API."""
