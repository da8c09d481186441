"""the outbox's claim order kept on each row, and an index in that order (it replaces
the claim index on next_attempt_at, which made every claim sort the whole backlog), and
the subject's opening post found from an index

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-02 05:10:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# as in the models: answers first, then public posts, then DMs (frozen here)
URGENCY = {"ephemeral": 0, "channel": 1, "thread": 1, "reaction": 1, "edit": 1}


def upgrade() -> None:
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("urgency", sa.SmallInteger(), server_default="2", nullable=False)
        )
    kinds = " ".join(f"WHEN '{kind}' THEN {level}" for kind, level in URGENCY.items())
    op.execute(f"UPDATE outbox SET urgency = CASE target_kind {kinds} ELSE 2 END")
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.drop_index("ix_outbox_claim")
        batch_op.create_index("ix_outbox_queue", ["platform", "status", "urgency", "id"])
        batch_op.create_index("ix_outbox_subject", ["subject", "target_kind"])


def downgrade() -> None:
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.drop_index("ix_outbox_subject")
        batch_op.drop_index("ix_outbox_queue")
        batch_op.create_index("ix_outbox_claim", ["platform", "status", "next_attempt_at"])
        batch_op.drop_column("urgency")
