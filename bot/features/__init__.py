"""One package per feature: its commands, service functions, queries and texts.
``bot.features.table`` assembles the command table from them."""
