"""The generation commands of `tiaokuan`: generate, new-spec and pack."""

from __future__ import annotations

from pathlib import Path

import click

from .cli import cli
from .cli_compare import database_opener, resolve
from .cli_db import db_option
from .errors import TiaokuanError
from .model import ClauseDocument


def _base(ref: str, document: int, database, near: Path | None = None, rider: bool = False) -> tuple[ClauseDocument, str]:
    """The clause `ref` names: a file (relative paths also tried beside the spec,
    `near`; the `document`-th clause of a file that bundles several, or its first
    rider when `rider`), else a database version id, 注册号 or product name."""
    path = Path(ref)
    if not path.is_file() and near is not None and not path.is_absolute() and (near / path).is_file():
        path = near / path
    if path.is_file():
        from parse.api import parse_file

        docs = parse_file(path).documents
        if rider:
            return next((d for d in docs if d.rider), docs[0]), ref
        if document > len(docs):
            from generate.spec import Problem, SpecError

            raise SpecError(ref, [Problem("base.document", f"{ref} holds {len(docs)} clause(s), not {document}")])
        return docs[document - 1], ref
    doc, name, _ = resolve(ref, database)
    return doc, name


def _format(output: Path, fmt: str | None) -> str:
    if fmt:
        return fmt
    suffix = output.suffix.lower().lstrip(".")
    return suffix if suffix in ("docx", "md", "html", "pdf") else "docx"


@cli.command("generate")
@click.argument("spec", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), required=True, help="The wording file to write.")
@click.option("--format", "fmt", type=click.Choice(["docx", "md", "html", "pdf"]), help="Output format (default: from the file name, else docx).")
@click.option("--templates", type=click.Path(exists=True, file_okay=False, path_type=Path), help="A folder of your own Jinja2 templates for md/html (run sandboxed).")
@db_option
def generate_command(spec, output, fmt, templates, db_url) -> None:
    """Build a tailored wording from SPEC (TOML): the base clause with chapters and
    articles kept, dropped, replaced or added, exclusions removed or added, riders
    appended and the schedule (保险单明细表); articles and items renumbered and
    cross-references rewritten. Writes OUTPUT and OUTPUT.provenance.json, which says
    where every article came from. Every problem in the spec is reported at once.

    Example: tiaokuan generate spec.toml -o wording.docx
    """
    from generate import OutputFormat, SpecError, build, check_against_base, write
    from generate.spec import Problem, WordingSpec, load_spec

    wording_spec, problems = load_spec(spec)
    if wording_spec is None:
        raise SpecError(str(spec), problems)
    database = database_opener(db_url)
    try:
        base, base_name = _base(wording_spec.base, wording_spec.document, database, spec.parent)
    except SpecError as e:
        raise SpecError(str(spec), [*problems, *e.problems]) from None
    except TiaokuanError as e:
        raise SpecError(str(spec), [*problems, Problem("base.product", e.detail)]) from None
    problems += check_against_base(wording_spec, base)
    riders = []
    for i, ref in enumerate(wording_spec.riders):
        try:
            rider, rider_name = _base(ref, 1, database, spec.parent, rider=True)
            riders.append(build(WordingSpec(base=ref, registration_no=rider.registration_no), rider, rider_name))
        except TiaokuanError as e:
            problems.append(Problem(f"riders.append[{i}]", e.detail))
    if problems:
        raise SpecError(str(spec), problems)
    wording = build(wording_spec, base, base_name, tuple(riders))
    record = write(wording, output, OutputFormat(_format(output, fmt)), templates)
    changed = sum(1 for p in wording.provenance if p.origin.value != "base")
    click.echo(f"wrote {output} ({len(wording.provenance)} articles, {changed} not verbatim from the base) and {record}", err=True)


@cli.command("new-spec")
@click.argument("product")
@db_option
def new_spec_command(product, db_url) -> None:
    """Print a starting wording spec (TOML) for PRODUCT: every key, nothing changed
    yet, and the product's chapters, articles and exclusions listed as comments.
    PRODUCT is a clause file, database version id, 注册号 or product name.

    Example: tiaokuan new-spec corpus/patent-enforcement-with-rider.txt > spec.toml
    """
    from generate import new_spec

    base, _ = _base(product, 1, database_opener(db_url))
    click.echo(new_spec(base, product), nl=False)


@cli.command("pack")
@click.argument("products", nargs=-1, required=True)
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), required=True, help="The pack (.docx) to write.")
@click.option("--format", "fmt", type=click.Choice(["docx", "md", "html"]), help="Output format (default: from the file name, else docx).")
@click.option("--client", help="The client named on the cover and in the page header.")
@click.option("--templates", type=click.Path(exists=True, file_okay=False, path_type=Path), help="A folder of your own Jinja2 templates for md/html (run sandboxed).")
@db_option
def pack_command(products, output, fmt, client, templates, db_url) -> None:
    """Write a client comparison pack for 2 to 10 PRODUCTS as one Word file (or
    Markdown / HTML from the pack templates): cover, differences summary, term /
    exclusion / cover matrices with citations, and an appendix with every product's
    full wording. PRODUCTS are clause files, database version ids, 注册号 or product names.

    Example: tiaokuan pack 侵犯专利权责任保险（A款） 侵犯专利权责任保险（B款） -o pack.docx
    """
    from compare import Product, column_names
    from generate import WordingSpec, build, pack_docx, pack_text

    if not 2 <= len(products) <= 10:
        raise click.UsageError(f"give 2 to 10 products, not {len(products)}")
    database = database_opener(db_url)
    resolved = [resolve(ref, database) for ref in products]
    names = column_names([name for _, name, _ in resolved], [doc for doc, _, _ in resolved])
    wordings = [build(WordingSpec(base=ref, registration_no=doc.registration_no), doc, ref) for ref, (doc, _, _) in zip(products, resolved, strict=True)]
    items = [Product(n, doc, riders) for n, (doc, _, riders) in zip(names, resolved, strict=True)]
    fmt = _format(output, fmt)
    if fmt == "docx":
        result = pack_docx(items, wordings, output, client)
    elif fmt in ("md", "html"):
        text, result = pack_text(items, wordings, fmt, client, templates=templates)
        output.write_text(text, encoding="utf-8")
    else:
        raise click.UsageError(f"a pack is written as docx, md or html, not {fmt}")
    click.echo(f"wrote {output} ({len(names)} products, {len(result.summary)} differences)", err=True)

