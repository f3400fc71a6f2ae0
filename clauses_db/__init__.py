"""tiaokuan.clauses_db: the clause database (SQLite by default, PostgreSQL for teams).

`ClauseDB(url)` opens (and migrates) a database; `ingest`, `add`, `search`,
`products`, `load` and `integrity_problems` are the operations the CLI wraps;
`ClauseFinder` turns what users call a clause (a file, an id, a 注册号, a product
name, `太平科技:财产基本险` where insurers share the name) into the document.
"""

from .api import ClauseDB, ProductVersion
from .ingest import FileReport, IngestReport, Outcome
from .names import split_insurer
from .resolve import ClauseFinder, Resolved, looks_like_a_file, with_insurer
from .search import Filters, Hit, MatchKind

__all__ = [
    "ClauseDB", "ClauseFinder", "FileReport", "Filters", "Hit", "IngestReport", "MatchKind", "Outcome", "ProductVersion",
    "Resolved", "looks_like_a_file", "split_insurer", "with_insurer",
]  # fmt: skip
