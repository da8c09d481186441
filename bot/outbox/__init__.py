"""The outbox: every message the bot sends is a row first, written in the transaction of
the change that caused it (``rows``); a drainer claims due rows and hands them to a
platform ``Sender`` (``delivery``, ``store``). The row id is the idempotency key."""
