"""``settle``: once the app is built, what lives as long as the process is out of the
garbage collector's full collections (they held the event loop for 60-125 ms)."""

from __future__ import annotations

import gc

from bot.app import settle
from bot.core import i18n


def test_settle_freezes_what_is_alive() -> None:
    alive = len(gc.get_objects())
    try:
        settle()
        assert gc.get_freeze_count() >= alive // 2  # the bulk, less the garbage collected
        assert len(gc.get_objects()) < alive // 2  # a full collection walks far fewer
    finally:
        gc.unfreeze()  # the other tests' objects stay collectable


def test_settle_loads_the_texts_before_it_freezes() -> None:
    # texts load on first use: loaded after the freeze, every full collection walks them
    i18n.bundle.cache_clear()
    try:
        settle()
        bundles = [i18n.bundle(lang) for lang in i18n.LANGUAGES]
        walked = {id(o) for o in gc.get_objects()}
        assert all(id(bundle) not in walked for bundle in bundles)
    finally:
        gc.unfreeze()
