"""Alembic environment: migrations run on the connection `ClauseDB` hands over
(config.attributes["connection"]), inside the caller's transaction."""

from alembic import context

from tiaokuan.clauses_db.schema import metadata

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=metadata, render_as_batch=connection.dialect.name == "sqlite")
with context.begin_transaction():
    context.run_migrations()
