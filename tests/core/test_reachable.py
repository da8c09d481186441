"""Who a fan-out writes to (``reachable``): each member once, never an erased one, only
if her news preference wants the kind — and in the order given (chunks stay in id order)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from bot.core.context import reachable
from bot.storage.models import Member
from bot.vocabulary.news import NewsKind, NewsPreference, wants

members = st.lists(
    st.builds(
        lambda i, erased, news: Member(
            id=i, platform="console", platform_user_id=None if erased else f"lid{i}", news=news
        ),
        st.integers(1, 12),
        st.booleans(),
        st.sampled_from(list(NewsPreference)),
    ),
    max_size=30,
)


@given(members, st.sampled_from(list(NewsKind)))
def test_reachable_is_each_wanting_member_once_in_order(
    people: list[Member], kind: NewsKind
) -> None:
    found = reachable(people, kind)
    expected: dict[int, Member] = {}
    for member in people:  # the first of each id that may be written to
        if member.platform_user_id is not None and wants(member.news, kind):
            expected.setdefault(member.id, member)
    assert [id(m) for m in found] == [id(m) for m in expected.values()]
