#!/usr/bin/env bash
# Run the bot. Without tokens: the console platform on SQLite (./data/).
# Any arguments go to `python -m bot`, e.g. `scripts/run.sh demo`.
source "$(dirname "$0")/_venv.sh"
exec .venv/bin/python -m bot "$@"
