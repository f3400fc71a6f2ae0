"""clauses_db: the clause database (SQLite by default, PostgreSQL for teams).

Nothing is exported yet: the storage layer arrives with issue #4.
"""

__all__: list[str] = []
