"""The drainer: sends due outbox rows at each platform's pace, with retries and leases."""
