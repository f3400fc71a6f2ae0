"""tiaokuan.generate: tailored policy wordings and client comparison packs.

`read_spec` reads a wording spec (TOML) and `check_against_base` checks it against
its base clause; `build` makes the wording (renumbered, cross-references followed,
every article's origin recorded); `write` renders it as DOCX, Markdown, HTML or PDF
with its provenance beside it; `pack_docx` writes a client comparison pack.
`generate_wording(spec, output)` and `write_pack(products, output)` do all of it
from a spec file or from product names.
"""

from .build import Origin, Provenance, Wording, build
from .from_spec import Written, generate_wording, output_format, write_pack
from .pack import pack_docx, pack_text
from .render import OutputFormat, RenderError, provenance, render_text, write
from .spec import (
    Problem,
    Schedule,
    SpecError,
    WordingSpec,
    check_against_base,
    load_spec,
    new_spec,
    read_spec,
    spec_from_dict,
)

__all__ = [
    "Origin", "OutputFormat", "Problem", "Provenance", "RenderError", "Schedule", "SpecError", "Wording", "WordingSpec",
    "Written", "build", "check_against_base", "generate_wording", "load_spec", "new_spec", "output_format", "pack_docx",
    "pack_text", "provenance", "read_spec", "render_text", "spec_from_dict", "write", "write_pack",
]  # fmt: skip
