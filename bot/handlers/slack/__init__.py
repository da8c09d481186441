"""The Slack platform (slack-bolt): slash commands, Block Kit replies, thread replies and
DMs as signals, the App Home tab, and an outbox sender."""
