"""privacy: tombstone members, first-contact notice, consent per signal, outbox payload
erasure, audit log

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-01 16:05:38.822725
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=True),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("action", sa.String(length=60), nullable=False),
        sa.Column("detail", sa.String(length=300), nullable=False),
        sa.Column("outcome", sa.String(length=12), nullable=False),
        sa.ForeignKeyConstraint(
            ["member_id"], ["members.id"], name=op.f("fk_audit_log_member_id_members")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_log")),
    )
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_audit_log_at"), ["at"], unique=False)

    with op.batch_alter_table("members", schema=None) as batch_op:
        batch_op.add_column(sa.Column("noticed_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("erased_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.alter_column(
            "platform_user_id", existing_type=sa.VARCHAR(length=64), nullable=True
        )

    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("payload_erased_at", sa.DateTime(timezone=True), nullable=True)
        )
        batch_op.create_index(
            batch_op.f("ix_outbox_payload_erased_at"), ["payload_erased_at"], unique=False
        )

    with op.batch_alter_table("signals", schema=None) as batch_op:
        # Signals from before this version had no choice: only counted (the safe one).
        batch_op.add_column(
            sa.Column(
                "consent",
                sa.Enum(
                    "QUOTE", "COUNT", "STAFF", name="consent", native_enum=False, length=32
                ),
                server_default="COUNT",
                nullable=False,
            )
        )

    # Members erased by an earlier version kept their platform id under the name
    # "verwijderd" (and no domain): make them tombstones like erasure does now.
    op.execute(
        "UPDATE members SET platform_user_id = NULL, display_name = '', "
        "erased_at = CURRENT_TIMESTAMP "
        "WHERE display_name = 'verwijderd' AND domain IS NULL AND platform_user_id IS NOT NULL"
    )


def downgrade() -> None:
    with op.batch_alter_table("signals", schema=None) as batch_op:
        batch_op.drop_column("consent")

    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_outbox_payload_erased_at"))
        batch_op.drop_column("payload_erased_at")

    # Tombstones have no platform id; the old schema needs one: a placeholder, not hers.
    op.execute(
        "UPDATE members SET platform_user_id = 'erased-' || id WHERE platform_user_id IS NULL"
    )
    with op.batch_alter_table("members", schema=None) as batch_op:
        batch_op.alter_column(
            "platform_user_id", existing_type=sa.VARCHAR(length=64), nullable=False
        )
        batch_op.drop_column("erased_at")
        batch_op.drop_column("noticed_at")

    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_audit_log_at"))

    op.drop_table("audit_log")
