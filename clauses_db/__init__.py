"""clauses_db: the clause database (SQLite by default, PostgreSQL for teams).

`ClauseDB(url)` opens (and migrates) a database; `ingest`, `search`, `products`,
`load` and `integrity_problems` are the operations the CLI wraps.
"""

from .api import ClauseDB, ProductVersion
from .ingest import FileReport, IngestReport, Outcome
from .search import Filters, Hit, MatchKind

__all__ = ["ClauseDB", "FileReport", "Filters", "Hit", "IngestReport", "MatchKind", "Outcome", "ProductVersion"]
