"""where a web page's article stood: articles.elements (XPaths)

Revision ID: 0006
Revises: 0005
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Articles stored before this came from PDFs, Word and text, or from pages read
    # before their element paths were kept: no paths.
    with op.batch_alter_table("articles") as batch:
        batch.add_column(sa.Column("elements", sa.JSON(), nullable=False, server_default="[]"))


def downgrade() -> None:
    with op.batch_alter_table("articles") as batch:
        batch.drop_column("elements")
