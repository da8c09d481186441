"""``settle``: once the app is built, what lives as long as the process is out of the
garbage collector's full collections (they held the event loop for 60-125 ms)."""

from __future__ import annotations

import gc

from bot.app import settle


def test_settle_freezes_what_is_alive() -> None:
    alive = len(gc.get_objects())
    try:
        settle()
        assert gc.get_freeze_count() >= alive // 2  # the bulk, less the garbage collected
        assert len(gc.get_objects()) < alive // 2  # a full collection walks far fewer
    finally:
        gc.unfreeze()  # the other tests' objects stay collectable
