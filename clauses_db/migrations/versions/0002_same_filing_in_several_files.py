"""same filing in several files: versions.content_sha and version_sources

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("versions") as batch:
        batch.add_column(sa.Column("content_sha", sa.String(length=64), nullable=True))
        batch.create_index(batch.f("ix_versions_content_sha"), ["content_sha"])
    op.create_table(
        "version_sources",
        sa.Column("version_id", sa.Integer(), nullable=False),
        sa.Column("source_id", sa.Integer(), nullable=False),
        sa.Column("document", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["version_id"], ["versions.id"], name=op.f("fk_version_sources_version_id_versions"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["source_id"], ["sources.id"], name=op.f("fk_version_sources_source_id_sources")),
        sa.UniqueConstraint("source_id", "document", name=op.f("uq_version_sources_source_id_document")),
    )
    op.create_index(op.f("ix_version_sources_version_id"), "version_sources", ["version_id"])
    op.create_index(op.f("ix_version_sources_source_id"), "version_sources", ["source_id"])


def downgrade() -> None:
    op.drop_table("version_sources")
    with op.batch_alter_table("versions") as batch:
        batch.drop_index(batch.f("ix_versions_content_sha"))
        batch.drop_column("content_sha")
