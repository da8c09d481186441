"""A reply's stored form (``Reply.to_dict``) is what ``dataclasses.asdict`` makes of it, and
reads back as the same reply, for any reply (Hypothesis)."""

from __future__ import annotations

from dataclasses import asdict

from hypothesis import given
from hypothesis import strategies as st

from bot.core.replies import Choice, File, Form, FormField, Option, Reply, Select, Style

texts = st.text(max_size=20)
forms = st.builds(Form, id=texts, title=texts, fields=st.lists(st.builds(FormField), max_size=2).map(tuple))
choices = st.builds(Choice, id=texts, label=texts, style=st.sampled_from(Style), form=st.none() | forms)
selects = st.builds(Select, id=texts, placeholder=texts,
                    options=st.lists(st.builds(Option), max_size=3).map(tuple))  # fmt: skip
replies = st.builds(
    Reply,
    text=texts,
    title=texts,
    rows=st.lists(st.lists(choices, max_size=3).map(tuple), max_size=3).map(tuple),
    select=st.none() | selects,
    update_origin=st.booleans(),
    files=st.lists(st.builds(File, name=texts, mime=texts, content=texts), max_size=2).map(tuple),
)


@given(replies)
def test_to_dict_is_asdict_and_reads_back(reply: Reply) -> None:
    assert reply.to_dict() == asdict(reply)
    assert Reply.from_dict(reply.to_dict()) == reply
