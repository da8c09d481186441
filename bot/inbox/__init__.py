"""The inbox: what members send is persisted before the platform is acknowledged,
deduplicated on the platform's own id, marked processed once handled, and replayed when
it was stored but never processed (a crash, a deploy, a database hiccup)."""
