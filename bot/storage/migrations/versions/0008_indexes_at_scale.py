"""indexes at scale: the triage queue, signals per bottleneck, the digest's week, /status,
a poll's result and its needs

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-01 19:55:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

NEEDED = "needed IS NOT NULL AND needed != ''"  # a need was written


def upgrade() -> None:
    with op.batch_alter_table("signals", schema=None) as batch_op:
        batch_op.create_index("ix_signals_status_id", ["status", "id"], unique=False)
        batch_op.create_index(
            "ix_signals_bottleneck_consent", ["bottleneck_id", "consent", "member_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_signals_created_at"), ["created_at"], unique=False)
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.create_index("ix_outbox_sent", ["status", "sent_at", "platform"], unique=False)
    with op.batch_alter_table("votes", schema=None) as batch_op:
        batch_op.create_index(
            "ix_votes_tally", ["poll_id", "recognition", "urgency", "member_id"], unique=False
        )
        batch_op.create_index(
            "ix_votes_needed",
            ["poll_id", "id"],
            unique=False,
            sqlite_where=sa.text(NEEDED),
            postgresql_where=sa.text(NEEDED),
        )


def downgrade() -> None:
    with op.batch_alter_table("votes", schema=None) as batch_op:
        batch_op.drop_index("ix_votes_needed")
        batch_op.drop_index("ix_votes_tally")
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.drop_index("ix_outbox_sent")
    with op.batch_alter_table("signals", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_signals_created_at"))
        batch_op.drop_index("ix_signals_bottleneck_consent")
        batch_op.drop_index("ix_signals_status_id")
