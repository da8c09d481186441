from tests.handlers.slack.harness import text_of


async def test_call_posted_in_calls_channel(slack):
    status = await slack.command('/oproep open vraag:"Waar loop je tegenaan?" reden:"Tafel"')
    assert status == 200
    posts = slack.posts("C_CALLS")
    assert len(posts) == 1
    assert "Waar loop je tegenaan?" in text_of(posts[0])
    assert any("Oproep #1" in t for t in slack.ephemerals("UVERA"))
