"""filing numbers (备案编号) and the distributor printed above a clause

Revision ID: 0005
Revises: 0004
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Versions stored before this had no filing numbers and no distributor read:
    # no rows, NULL.
    with op.batch_alter_table("versions") as batch:
        batch.add_column(sa.Column("distributor", sa.Text(), nullable=True))
    op.create_table(
        "filing_numbers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("number", sa.Text(), nullable=False),
        sa.Column("company", sa.Text(), nullable=False),
        sa.Column("line", sa.Text(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("serial", sa.String(length=8), nullable=False),
        sa.Column("rider", sa.Boolean(), nullable=True),
        sa.ForeignKeyConstraint(["version_id"], ["versions.id"], name=op.f("fk_filing_numbers_version_id_versions"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_filing_numbers")),
    )
    op.create_index(op.f("ix_filing_numbers_version_id"), "filing_numbers", ["version_id"])
    op.create_index(op.f("ix_filing_numbers_number"), "filing_numbers", ["number"])


def downgrade() -> None:
    op.drop_table("filing_numbers")
    with op.batch_alter_table("versions") as batch:
        batch.drop_column("distributor")
