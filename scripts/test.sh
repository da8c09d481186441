#!/usr/bin/env bash
# The checks and the tests: ruff (style), import-linter (the layers of
# docs/architecture.md), mypy (types), then pytest. PostgreSQL tests run when PostgreSQL is
# reachable (BOT_TEST_POSTGRES_URL, default postgresql://postgres@127.0.0.1:5432/test) and
# skip with a message otherwise. Extra arguments go to pytest.
source "$(dirname "$0")/_venv.sh"
.venv/bin/ruff check bot tests bench
.venv/bin/lint-imports --no-cache
.venv/bin/mypy
exec .venv/bin/python -m pytest "$@"
