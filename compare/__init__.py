"""tiaokuan.compare: clause alignment, redlines, and term / exclusion / coverage matrices.

`align(a, b)` pairs the articles of two clauses whatever their numbering;
`differences(docs, names)` pairs every article, paragraph and item of N clauses
and reads what each difference of wording does (the comparison's summary);
`redline(old, new)` gives the article-aligned, word-level changes, which
`compare.redline_out` writes as text, HTML or a Word file with tracked changes.
"""

from .align import Alignment, ArticleRef, Pair, align
from .differences import differences
from .judge import Effect, Kind
from .matrix import Cell, Comparison, Matrix, Product, Row, Status, column_names, compare_products, products_of
from .records import Difference, Side
from .redline import ArticleDiff, Change, Op, Piece, Redline, diff_text, redline
from .summary import summary_lines
from .units import Dimension, Unit, units_of

__all__ = [
    "Alignment", "ArticleDiff", "ArticleRef", "Cell", "Change", "Comparison", "Difference", "Dimension", "Effect", "Kind",
    "Matrix", "Op", "Pair", "Piece", "Product", "Redline", "Row", "Side", "Status", "Unit", "align", "column_names",
    "compare_products", "diff_text", "differences", "products_of", "redline", "summary_lines", "units_of",
]  # fmt: skip
