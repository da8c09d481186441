"""SQLite WAL checkpoints beside the writers. Left to itself, SQLite copies the WAL into
the database inside the commit that grows it past 1,000 pages: that commit then waits
for two fsyncs (5–20 ms here) on the event loop, in the middle of a member's message.
Here a PASSIVE checkpoint (it waits for no reader or writer) runs on a short-lived thread
of its own at most once a second while there are writes; SQLite's own stays as a safety
net far out."""

from __future__ import annotations

import logging
import sqlite3
import threading
import time

log = logging.getLogger(__name__)

EVERY = 1.0  # seconds between checkpoints while there are writes
SAFETY_PAGES = 10_000  # SQLite's own checkpoint: only when the WAL grew to ~40 MB


class Checkpoints:
    """One per database file and engine; ``written`` after every write transaction."""

    def __init__(self, path: str, busy_timeout_ms: int) -> None:
        self.path = path
        self.busy_timeout_ms = busy_timeout_ms
        self._last = time.monotonic()  # a short run (a test, a tool) starts no thread
        self._running: threading.Thread | None = None

    def written(self) -> None:
        now = time.monotonic()
        if now - self._last < EVERY or (self._running and self._running.is_alive()):
            return
        self._last = now
        # a daemon: a checkpoint cut short at exit is harmless, SQLite finishes it later
        self._running = threading.Thread(
            target=self._checkpoint, name="sqlite-checkpoint", daemon=True
        )
        self._running.start()

    def _checkpoint(self) -> None:
        try:
            with sqlite3.connect(self.path, timeout=self.busy_timeout_ms / 1000) as conn:
                conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()
            conn.close()
        except sqlite3.Error as exc:  # the next one tries again; SQLite's own is there too
            log.debug("WAL checkpoint skipped: %s", exc)
