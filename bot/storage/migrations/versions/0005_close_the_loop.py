"""close the loop: news preferences and the news queue, duplicates, card versions, merged
polls, agenda follow-ups and updates

Revision ID: 0005
Revises: 0003
Create Date: 2026-12-01 16:10:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Members: notify (on/off) becomes a preference; notify = false keeps meaning "uit".
    with op.batch_alter_table("members", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("news", sa.String(length=32), server_default="alles", nullable=False)
        )
    members = sa.table("members", sa.column("news", sa.String), sa.column("notify", sa.Boolean))
    op.execute(members.update().where(members.c.notify.is_(False)).values(news="uit"))
    with op.batch_alter_table("members", schema=None) as batch_op:
        batch_op.drop_column("notify")

    with op.batch_alter_table("signals", schema=None) as batch_op:
        batch_op.add_column(sa.Column("duplicate_of_id", sa.Integer(), nullable=True))
        batch_op.add_column(
            sa.Column("version", sa.Integer(), server_default="0", nullable=False)
        )
        batch_op.create_index(
            batch_op.f("ix_signals_duplicate_of_id"), ["duplicate_of_id"], unique=False
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_signals_duplicate_of_id_signals"), "signals", ["duplicate_of_id"], ["id"]
        )

    with op.batch_alter_table("polls", schema=None) as batch_op:
        batch_op.add_column(sa.Column("merged_into_id", sa.Integer(), nullable=True))
        batch_op.add_column(
            sa.Column("version", sa.Integer(), server_default="0", nullable=False)
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_polls_merged_into_id_polls"), "polls", ["merged_into_id"], ["id"]
        )

    with op.batch_alter_table("agenda_items", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("follow_up_done_at", sa.DateTime(timezone=True), nullable=True)
        )
        batch_op.create_index(batch_op.f("ix_agenda_items_follow_up"), ["follow_up"], unique=False)

    op.create_table(
        "agenda_updates",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("agenda_item_id", sa.Integer(), nullable=False),
        sa.Column("outcome", sa.Text(), nullable=True),
        sa.Column("follow_up", sa.DateTime(timezone=True), nullable=True),
        sa.Column("by_member_id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["agenda_item_id"],
            ["agenda_items.id"],
            name=op.f("fk_agenda_updates_agenda_item_id_agenda_items"),
        ),
        sa.ForeignKeyConstraint(
            ["by_member_id"], ["members.id"], name=op.f("fk_agenda_updates_by_member_id_members")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_agenda_updates")),
    )
    with op.batch_alter_table("agenda_updates", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_agenda_updates_agenda_item_id"), ["agenda_item_id"], unique=False
        )

    op.create_table(
        "news_queue",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("bottleneck_id", sa.Integer(), nullable=False),
        sa.Column("ref_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["bottleneck_id"], ["bottlenecks.id"], name=op.f("fk_news_queue_bottleneck_id_bottlenecks")
        ),
        sa.ForeignKeyConstraint(
            ["member_id"], ["members.id"], name=op.f("fk_news_queue_member_id_members")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_news_queue")),
        sa.UniqueConstraint(
            "kind", "ref_id", "member_id", name=op.f("uq_news_queue_kind_ref_id_member_id")
        ),
    )
    with op.batch_alter_table("news_queue", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_news_queue_member_id"), ["member_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_news_queue_sent_at"), ["sent_at"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("news_queue", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_news_queue_sent_at"))
        batch_op.drop_index(batch_op.f("ix_news_queue_member_id"))
    op.drop_table("news_queue")
    with op.batch_alter_table("agenda_updates", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_agenda_updates_agenda_item_id"))
    op.drop_table("agenda_updates")
    with op.batch_alter_table("agenda_items", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_agenda_items_follow_up"))
        batch_op.drop_column("follow_up_done_at")
    with op.batch_alter_table("polls", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_polls_merged_into_id_polls"), type_="foreignkey")
        batch_op.drop_column("version")
        batch_op.drop_column("merged_into_id")
    with op.batch_alter_table("signals", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_signals_duplicate_of_id_signals"), type_="foreignkey"
        )
        batch_op.drop_index(batch_op.f("ix_signals_duplicate_of_id"))
        batch_op.drop_column("version")
        batch_op.drop_column("duplicate_of_id")
    with op.batch_alter_table("members", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("notify", sa.Boolean(), server_default=sa.true(), nullable=False)
        )
    members = sa.table("members", sa.column("news", sa.String), sa.column("notify", sa.Boolean))
    op.execute(members.update().where(members.c.news == "uit").values(notify=False))
    with op.batch_alter_table("members", schema=None) as batch_op:
        batch_op.drop_column("news")
