#!/usr/bin/env bash
# Run the linter and the tests. PostgreSQL tests run when PostgreSQL is reachable
# (BOT_TEST_POSTGRES_URL, default postgresql://postgres@127.0.0.1:5432/test) and skip
# with a message otherwise. Extra arguments go to pytest.
source "$(dirname "$0")/_venv.sh"
.venv/bin/ruff check bot tests bench
exec .venv/bin/python -m pytest "$@"
