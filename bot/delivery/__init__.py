"""Outbox delivery: every outgoing message is a row first; platform senders deliver it."""
