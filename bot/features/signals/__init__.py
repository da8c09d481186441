"""Signals (step 1→2): replies in a call's thread, DMs to the bot, /signaal, and offline
input recorded by staff."""
