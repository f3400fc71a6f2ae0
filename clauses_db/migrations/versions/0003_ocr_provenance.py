"""OCR provenance: sources.ocr_pages and articles.ocr_confidence

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Existing rows were all read from text layers: no OCR'd pages, no confidence.
    with op.batch_alter_table("sources") as batch:
        batch.add_column(sa.Column("ocr_pages", sa.JSON(), nullable=False, server_default="[]"))
    with op.batch_alter_table("articles") as batch:
        batch.add_column(sa.Column("ocr_confidence", sa.Float(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("articles") as batch:
        batch.drop_column("ocr_confidence")
    with op.batch_alter_table("sources") as batch:
        batch.drop_column("ocr_pages")
