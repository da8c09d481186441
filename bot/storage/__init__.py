"""SQLAlchemy 2.x storage: models, engine set-up, unit of work, Alembic migrations."""
