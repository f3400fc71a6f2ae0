"""tiaokuan.parse: clause files (PDF, DOCX, DOC, text, Markdown) into the tiaokuan document model."""

from .api import (
    BatchResult,
    ParseOptions,
    check_input,
    expand_paths,
    parse_bytes,
    parse_file,
    parse_many,
    parse_paragraphs,
    source_to_result,
)
from .serialize import from_dict, json_schema, to_dict, to_json, to_markdown

__all__ = [
    "BatchResult",
    "ParseOptions",
    "check_input",
    "expand_paths",
    "from_dict",
    "json_schema",
    "parse_bytes",
    "parse_file",
    "parse_many",
    "parse_paragraphs",
    "source_to_result",
    "to_dict",
    "to_json",
    "to_markdown",
]
