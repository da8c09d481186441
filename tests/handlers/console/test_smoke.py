from tests.helpers import Harness


async def test_call_posted_and_thread_reply_becomes_signal(app):
    h = Harness(app)
    out = await h.run('@vera:staf /oproep open vraag:"Waar loop je tegenaan?" reden:"Tafel"',
                      "@sanne:lid thread 1 Geen plek voor ouders")
    assert "[#oproepen] **📣 Oproep #1**" in out
    assert "[reactie voor @sanne]" in out
