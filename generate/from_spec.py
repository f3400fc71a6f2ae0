"""From a spec file to a written wording, and from product names to a written pack:
what `tiaokuan generate` and `tiaokuan pack` do, as library calls."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from tiaokuan.clauses_db import ClauseDB, ClauseFinder
from tiaokuan.compare import Comparison, products_of
from tiaokuan.errors import OptionsError, TiaokuanError
from tiaokuan.i18n import _

from .build import Wording, build
from .pack import pack_docx, pack_text
from .render import OutputFormat, write
from .spec import Problem, SpecError, WordingSpec, check_against_base, load_spec


@dataclass(frozen=True)
class Written:
    """A wording written to `output`, with its provenance record beside it."""

    wording: Wording
    output: Path
    provenance: Path


def output_format(output: str | Path, fmt: str | OutputFormat | None = None) -> OutputFormat:
    """`fmt` if given, else the format the file name says, else DOCX."""
    if fmt:
        return OutputFormat(fmt)
    suffix = Path(output).suffix.lower().lstrip(".")
    return OutputFormat(suffix) if suffix in {f.value for f in OutputFormat} else OutputFormat.DOCX


def generate_wording(
    spec: str | Path,
    output: str | Path,
    fmt: str | OutputFormat | None = None,
    templates: Path | None = None,
    db: ClauseDB | str | None = None,
) -> Written:
    """Build the wording the TOML `spec` describes and write it to `output` (DOCX,
    Markdown, HTML or PDF; by default as the file name says) with
    `output`.provenance.json. The base and riders are clause files (relative to the
    spec's folder) or names looked up in `db`. Every problem of the spec is raised
    at once, as one `SpecError`."""
    spec_path = Path(spec)
    wording_spec, problems = load_spec(spec_path)
    if wording_spec is None:
        raise SpecError(str(spec_path), problems)
    finder = ClauseFinder(db)
    try:
        base = finder.pick(wording_spec.base, wording_spec.document, spec_path.parent)
    except TiaokuanError as e:
        key = "base.document" if isinstance(e, OptionsError) else "base.product"
        raise SpecError(str(spec_path), [*problems, Problem(key, e.detail)]) from None
    problems += check_against_base(wording_spec, base.document)
    riders = []
    for i, ref in enumerate(wording_spec.riders):
        try:
            rider = finder.pick(ref, near=spec_path.parent, rider=True)
            riders.append(build(WordingSpec(base=ref, registration_no=rider.document.registration_no), rider.document, rider.name))
        except TiaokuanError as e:
            problems.append(Problem(f"riders.append[{i}]", e.detail))
    if problems:
        raise SpecError(str(spec_path), problems)
    wording = build(wording_spec, base.document, base.name, tuple(riders))
    out = Path(output)
    record = write(wording, out, output_format(out, fmt), templates)
    return Written(wording, out, record)


def write_pack(
    refs: list[str],
    output: str | Path,
    fmt: str | None = None,
    client: str | None = None,
    templates: Path | None = None,
    db: ClauseDB | str | None = None,
) -> Comparison:
    """A client comparison pack of 2 to 10 products (clause files, version ids,
    注册号 or product names) written to `output` as DOCX, Markdown or HTML."""
    if not 2 <= len(refs) <= 10:
        raise OptionsError(None, _("请给出 2 到 10 个产品，而不是 {n} 个").format(n=len(refs)))
    chosen = output_format(output, fmt)
    if chosen not in (OutputFormat.DOCX, OutputFormat.MD, OutputFormat.HTML):
        raise OptionsError(str(output), _("比较报告只能写成 docx、md 或 html，不能写成 {fmt}").format(fmt=chosen.value))
    finder = ClauseFinder(db)
    resolved = finder.resolve_all(refs)
    wordings = [build(WordingSpec(base=ref, registration_no=r.document.registration_no), r.document, ref) for ref, r in zip(refs, resolved, strict=True)]
    products = products_of(resolved)
    if chosen is OutputFormat.DOCX:
        return pack_docx(products, wordings, output, client)
    text, result = pack_text(products, wordings, chosen.value, client, templates=templates)
    Path(output).write_text(text, encoding="utf-8")
    return result
