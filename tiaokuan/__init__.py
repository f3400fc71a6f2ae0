"""tiaokuan (条款): parse, store, compare and generate Chinese insurance clauses.

The entry points, each imported on first use so `import tiaokuan` stays fast::

    import tiaokuan

    result = tiaokuan.parse_file("clause.pdf")              # a ParseResult
    db = tiaokuan.ClauseDB("clauses.db")                      # or "postgresql://…"
    db.ingest(["corpus/"])
    found = tiaokuan.ClauseFinder(db)                         # files, ids, 注册号, names
    table = tiaokuan.compare_products(tiaokuan.products_of([found.resolve("澄川专利执行保险"), found.resolve("著作权侵权责任保险")]))
    tiaokuan.generate_wording("spec.toml", "wording.docx")

The packages below hold the rest: `tiaokuan.parse`, `tiaokuan.clauses_db`,
`tiaokuan.compare`, `tiaokuan.generate`; the document model is `tiaokuan.model`,
the errors `tiaokuan.errors`, the shared text tools `tiaokuan.text`.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

# name -> module that defines it; what `import tiaokuan` offers.
_ENTRY_POINTS = {
    "ParseOptions": "tiaokuan.parse",
    "parse_file": "tiaokuan.parse",
    "parse_bytes": "tiaokuan.parse",
    "parse_many": "tiaokuan.parse",
    "parse_paragraphs": "tiaokuan.parse",
    "to_json": "tiaokuan.parse",
    "to_markdown": "tiaokuan.parse",
    "ClauseDB": "tiaokuan.clauses_db",
    "ClauseFinder": "tiaokuan.clauses_db",
    "Filters": "tiaokuan.clauses_db",
    "Product": "tiaokuan.compare",
    "compare_products": "tiaokuan.compare",
    "products_of": "tiaokuan.compare",
    "redline": "tiaokuan.compare",
    "WordingSpec": "tiaokuan.generate",
    "generate_wording": "tiaokuan.generate",
    "write_pack": "tiaokuan.generate",
    "ClauseDocument": "tiaokuan.model",
    "ParseResult": "tiaokuan.model",
    "SectionType": "tiaokuan.model",
    "SCHEMA": "tiaokuan.model",
    "TiaokuanError": "tiaokuan.errors",
}

__all__ = [
    "SCHEMA", "ClauseDB", "ClauseDocument", "ClauseFinder", "Filters", "ParseOptions", "ParseResult", "Product",
    "SectionType", "TiaokuanError", "WordingSpec", "__version__", "compare_products", "generate_wording", "parse_bytes",
    "parse_file", "parse_many", "parse_paragraphs", "products_of", "redline", "to_json", "to_markdown", "write_pack",
]  # fmt: skip

if TYPE_CHECKING:
    from tiaokuan.clauses_db import ClauseDB, ClauseFinder, Filters
    from tiaokuan.compare import Product, compare_products, products_of, redline
    from tiaokuan.errors import TiaokuanError
    from tiaokuan.generate import WordingSpec, generate_wording, write_pack
    from tiaokuan.model import SCHEMA, ClauseDocument, ParseResult, SectionType
    from tiaokuan.parse import ParseOptions, parse_bytes, parse_file, parse_many, parse_paragraphs, to_json, to_markdown

    __version__: str


def __getattr__(name: str) -> Any:
    if name == "__version__":
        # The one place the version is written is pyproject.toml.
        from importlib.metadata import version

        value: Any = version("tiaokuan")
    elif name in _ENTRY_POINTS:
        value = getattr(import_module(_ENTRY_POINTS[name]), name)
    else:
        raise AttributeError(f"module 'tiaokuan' has no attribute {name!r}")
    globals()[name] = value  # later lookups skip this function
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
