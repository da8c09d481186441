"""counts kept, not counted: the linked signals per bottleneck (staff and public) and the
voter's domain on her vote, both kept by triggers; the tally index covers the domain

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-01 22:45:00.000000

Triggers, not application code, keep them: every writer of a signal's bottleneck or consent
(triage, merges as bulk UPDATEs, /mijn ... gebruik, erasure, retention) and of a member's
domain is covered, also the ones written later. The public count leaves out consent
``staf`` (``counted_in(Place.PUBLIC)``; enum names are stored). A later SQLite batch
migration that recreates ``signals``, ``votes`` or ``members`` drops their triggers: create
them again there (``tests/storage/test_counts_kept.py`` notices).
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

PUBLIC = "consent != 'STAFF'"  # counted in public: every consent but staff-only
DOMAIN = sa.Enum(  # as members.domain (0001)
    "ONDERWIJS",
    "ZORG",
    "JEUGDHULP",
    "KINDEROPVANG",
    "DOMEINOVERSTIJGEND",
    name="domain",
    native_enum=False,
    length=32,
)


FILL = (
    "UPDATE bottlenecks SET "
    "staff_signal_count = (SELECT count(*) FROM signals WHERE bottleneck_id = bottlenecks.id), "
    "public_signal_count = (SELECT count(*) FROM signals "
    f"WHERE bottleneck_id = bottlenecks.id AND {PUBLIC})",
    "UPDATE votes SET voter_domain = (SELECT domain FROM members WHERE id = votes.member_id)",
)


def _add(row: str, sign: str) -> str:
    """SQL: count ``row``'s signal (OLD or NEW) in its bottleneck (``sign``: + or -)."""
    return (
        f"UPDATE bottlenecks SET staff_signal_count = staff_signal_count {sign} 1, "
        f"public_signal_count = public_signal_count {sign} "
        f"(CASE WHEN {row}.{PUBLIC} THEN 1 ELSE 0 END) WHERE id = {row}.bottleneck_id;"
    )


HER_DOMAIN = "(SELECT domain FROM members WHERE id = NEW.member_id)"

SQLITE = (
    f"""CREATE TRIGGER signals_counted_insert AFTER INSERT ON signals
    WHEN NEW.bottleneck_id IS NOT NULL BEGIN {_add("NEW", "+")} END""",
    f"""CREATE TRIGGER signals_counted_delete AFTER DELETE ON signals
    WHEN OLD.bottleneck_id IS NOT NULL BEGIN {_add("OLD", "-")} END""",
    f"""CREATE TRIGGER signals_counted_update AFTER UPDATE OF bottleneck_id, consent ON signals
    WHEN OLD.bottleneck_id IS NOT NEW.bottleneck_id OR OLD.consent IS NOT NEW.consent
    BEGIN {_add("OLD", "-")} {_add("NEW", "+")} END""",
    f"""CREATE TRIGGER votes_domain_insert AFTER INSERT ON votes
    WHEN NEW.voter_domain IS NOT {HER_DOMAIN}
    BEGIN UPDATE votes SET voter_domain = {HER_DOMAIN} WHERE id = NEW.id; END""",
    f"""CREATE TRIGGER votes_domain_update AFTER UPDATE OF member_id, voter_domain ON votes
    WHEN NEW.voter_domain IS NOT {HER_DOMAIN}
    BEGIN UPDATE votes SET voter_domain = {HER_DOMAIN} WHERE id = NEW.id; END""",
    """CREATE TRIGGER members_domain_votes AFTER UPDATE OF domain ON members
    WHEN OLD.domain IS NOT NEW.domain
    BEGIN UPDATE votes SET voter_domain = NEW.domain WHERE member_id = NEW.id; END""",
)
SQLITE_DROP = (
    "signals_counted_insert",
    "signals_counted_delete",
    "signals_counted_update",
    "votes_domain_insert",
    "votes_domain_update",
    "members_domain_votes",
)

POSTGRES = (
    f"""CREATE FUNCTION signals_counted() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'UPDATE' AND OLD.bottleneck_id IS NOT DISTINCT FROM NEW.bottleneck_id
         AND OLD.consent = NEW.consent THEN
        RETURN NULL;
      END IF;
      IF TG_OP <> 'INSERT' AND OLD.bottleneck_id IS NOT NULL THEN {_add("OLD", "-")} END IF;
      IF TG_OP <> 'DELETE' AND NEW.bottleneck_id IS NOT NULL THEN {_add("NEW", "+")} END IF;
      RETURN NULL;
    END $$""",
    """CREATE TRIGGER signals_counted AFTER INSERT OR DELETE OR UPDATE OF bottleneck_id, consent
    ON signals FOR EACH ROW EXECUTE FUNCTION signals_counted()""",
    f"""CREATE FUNCTION votes_domain() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN NEW.voter_domain := {HER_DOMAIN}; RETURN NEW; END $$""",
    """CREATE TRIGGER votes_domain BEFORE INSERT OR UPDATE OF member_id, voter_domain
    ON votes FOR EACH ROW EXECUTE FUNCTION votes_domain()""",
    """CREATE FUNCTION members_domain_votes() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN UPDATE votes SET voter_domain = NEW.domain WHERE member_id = NEW.id; RETURN NULL;
    END $$""",
    """CREATE TRIGGER members_domain_votes AFTER UPDATE OF domain ON members FOR EACH ROW
    WHEN (OLD.domain IS DISTINCT FROM NEW.domain) EXECUTE FUNCTION members_domain_votes()""",
)
POSTGRES_DROP = (
    "DROP TRIGGER members_domain_votes ON members",
    "DROP FUNCTION members_domain_votes()",
    "DROP TRIGGER votes_domain ON votes",
    "DROP FUNCTION votes_domain()",
    "DROP TRIGGER signals_counted ON signals",
    "DROP FUNCTION signals_counted()",
)


def upgrade() -> None:
    with op.batch_alter_table("bottlenecks", schema=None) as batch_op:
        for name in ("staff_signal_count", "public_signal_count"):
            batch_op.add_column(sa.Column(name, sa.Integer(), server_default="0", nullable=False))
    with op.batch_alter_table("votes", schema=None) as batch_op:
        batch_op.add_column(sa.Column("voter_domain", DOMAIN, nullable=True))
        batch_op.drop_index("ix_votes_tally")
        batch_op.create_index(
            "ix_votes_tally",
            ["poll_id", "recognition", "urgency", "voter_domain", "member_id"],
            unique=False,
        )
    for statement in FILL:
        op.execute(statement)
    postgres = op.get_bind().dialect.name == "postgresql"
    for statement in POSTGRES if postgres else SQLITE:
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for statement in POSTGRES_DROP:
            op.execute(statement)
    else:
        for name in SQLITE_DROP:
            op.execute(f"DROP TRIGGER {name}")
    with op.batch_alter_table("votes", schema=None) as batch_op:
        batch_op.drop_index("ix_votes_tally")
        batch_op.create_index(
            "ix_votes_tally", ["poll_id", "recognition", "urgency", "member_id"], unique=False
        )
        batch_op.drop_column("voter_domain")
    # not a batch: recreating bottlenecks would drop a table other tables refer to
    for name in ("public_signal_count", "staff_signal_count"):
        op.execute(f"ALTER TABLE bottlenecks DROP COLUMN {name}")
