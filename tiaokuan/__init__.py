"""tiaokuan (条款): parse, store, compare and generate Chinese insurance clauses.

This package holds what every stage shares: the document model and the errors.
"""

from .errors import TiaokuanError
from .model import SCHEMA, ClauseDocument, ParseResult, SectionType

__version__ = "0.1.0"
__all__ = ["SCHEMA", "ClauseDocument", "ParseResult", "SectionType", "TiaokuanError", "__version__"]
