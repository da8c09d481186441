"""indexes at scale: the triage queue, signals per bottleneck, the digest's week, /status

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-01 19:55:00.000000
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("signals", schema=None) as batch_op:
        batch_op.create_index("ix_signals_status_id", ["status", "id"], unique=False)
        batch_op.create_index(
            "ix_signals_bottleneck_consent", ["bottleneck_id", "consent", "member_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_signals_created_at"), ["created_at"], unique=False)
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.create_index("ix_outbox_sent", ["status", "sent_at", "platform"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.drop_index("ix_outbox_sent")
    with op.batch_alter_table("signals", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_signals_created_at"))
        batch_op.drop_index("ix_signals_bottleneck_consent")
        batch_op.drop_index("ix_signals_status_id")
