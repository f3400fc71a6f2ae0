"""tiaokuan.clauses_db: the clause database (SQLite by default, PostgreSQL for teams).

`ClauseDB(url)` opens (and migrates) a database; `ingest`, `add`, `search`,
`products`, `load` and `integrity_problems` are the operations the CLI wraps;
`ClauseFinder` turns what users call a clause (a file, an id, a 注册号, a product
name) into the document.
"""

from .api import ClauseDB, ProductVersion
from .ingest import FileReport, IngestReport, Outcome
from .resolve import ClauseFinder, Resolved, looks_like_a_file
from .search import Filters, Hit, MatchKind

__all__ = [
    "ClauseDB", "ClauseFinder", "FileReport", "Filters", "Hit", "IngestReport", "MatchKind", "Outcome", "ProductVersion",
    "Resolved", "looks_like_a_file",
]  # fmt: skip
