"""The console platform: act as any user in a terminal; no tokens needed."""
