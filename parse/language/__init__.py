"""tiaokuan.parse.language: what clause text means — entities, categories, term sheet, taxonomy."""

from .annotate import annotate
from .pipeline import find_entities, load

__all__ = ["annotate", "find_entities", "load"]
