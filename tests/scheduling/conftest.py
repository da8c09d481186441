from tests.scheduling.support import database_url  # noqa: F401  (PostgreSQL probe fix)
