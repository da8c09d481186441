"""Neutral replies as Discord message bodies, within Discord's limits."""

from __future__ import annotations

from bot.core.replies import Choice, Option, Reply, Select
from bot.handlers.discord.render import message_bodies, split_text


def test_split_prefers_paragraphs_then_lines_then_words() -> None:
    first, second = "a" * 1500, "b" * 800
    assert split_text(f"{first}\n\n{second}", 2000) == [first, second]
    words = "woord " * 1000
    pieces = split_text(words, 2000)
    assert all(len(p) <= 2000 for p in pieces)
    assert " ".join(pieces).split() == words.split()
    assert split_text("x" * 4500, 2000) == ["x" * 2000, "x" * 2000, "x" * 500]


def test_a_titled_reply_is_an_embed_of_up_to_4096_characters() -> None:
    bodies = message_bodies(Reply(title="Uitslag", text="regel\n" * 1000))
    assert [len(b["embeds"][0]["description"]) <= 4096 for b in bodies] == [True, True]
    assert bodies[0]["embeds"][0]["title"] == "Uitslag"
    assert "title" not in bodies[1]["embeds"][0]


def test_rows_stay_within_five_and_leave_room_for_the_select() -> None:
    rows = tuple((Choice(f"x:{r}:{i}", str(i)),) for r in range(7) for i in range(1))
    select = Select("x:pick", "Kies", tuple(Option(str(i), f"#{i}") for i in range(30)))
    body = message_bodies(Reply(text="t", rows=rows, select=select))[0]
    assert len(body["components"]) == 5
    assert body["components"][-1]["components"][0]["type"] == 3
    assert len(body["components"][-1]["components"][0]["options"]) == 25


def test_too_long_ids_are_dropped_and_mentions_never_parse() -> None:
    reply = Reply(
        text="@everyone", rows=((Choice("x:" + "9" * 120, "te lang"), Choice("x:1", "ok")),)
    )
    body = message_bodies(reply)[0]
    assert [c["custom_id"] for c in body["components"][0]["components"]] == ["x:1"]
    assert body["allowed_mentions"] == {"parse": []}
