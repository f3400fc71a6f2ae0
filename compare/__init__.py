"""tiaokuan.compare: clause alignment, redlines, and term / exclusion / coverage matrices.

`align(a, b)` pairs the articles of two clauses whatever their numbering;
`redline(old, new)` gives the article-aligned, word-level changes, which
`compare.redline_out` writes as text, HTML or a Word file with tracked changes.
"""

from .align import Alignment, ArticleRef, Pair, align
from .matrix import Cell, Comparison, Matrix, Product, Row, Status, column_names, compare_products, products_of
from .redline import ArticleDiff, Change, Op, Piece, Redline, diff_text, redline

__all__ = [
    "Alignment", "ArticleDiff", "ArticleRef", "Cell", "Change", "Comparison", "Matrix", "Op", "Pair", "Piece", "Product",
    "Redline", "Row", "Status", "align", "column_names", "compare_products", "diff_text", "products_of", "redline",
]  # fmt: skip
