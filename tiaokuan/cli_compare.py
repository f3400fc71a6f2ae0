"""The comparison commands of `tiaokuan`: compare and diff."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache
from pathlib import Path

import click

from .cli import cli
from .cli_db import db_option
from .errors import NotFoundError
from .model import ClauseDocument


def database_opener(db_url: str | None) -> Callable:
    """Opens the database the first time a reference needs it, then reuses it."""
    from clauses_db import ClauseDB

    return cache(lambda: ClauseDB(db_url))


def looks_like_a_file(ref: str) -> bool:
    """A reference with a folder or a clause-file suffix is a path, never a product name,
    so a mistyped path is reported as such instead of opening (or creating) a database."""
    return "/" in ref or "\\" in ref or Path(ref).suffix.lower() in {".txt", ".md", ".pdf", ".docx", ".doc", ".html", ".htm"}


def resolve(ref: str, database: Callable, version: str = "latest") -> tuple[ClauseDocument, str, tuple[str, ...]]:
    """A clause named by a file path, a database version id, a 注册号 or a product
    name: the document, a name for it, and the riders known to attach to it."""
    path = Path(ref)
    if path.is_file():
        from parse.api import parse_file

        docs = parse_file(path).documents
        riders = tuple(d.product or d.title or "" for d in docs[1:] if d.rider)
        return docs[0], docs[0].product or path.name, riders
    if looks_like_a_file(ref):
        raise NotFoundError(ref, "no such file; check the path (or name the product, its 注册号 or its database id)")
    from clauses_db import Filters

    db = database()
    if ref.isdigit() or re.fullmatch(r"[A-Z]\d{20,}", ref):
        key, what = ("version_id", int(ref)) if ref.isdigit() else ("registration_no", ref)
        found = [p for p in db.products(Filters(version="all")) if getattr(p, key) == what]
        if not found:
            hint = "version id" if ref.isdigit() else "注册号"
            raise NotFoundError(db.url, f"no clause with {hint} {ref}; list them with `tiaokuan products --json`")
        chosen = found[-1]
    else:
        chosen = db.find_version(ref, version)
    riders = tuple(p.product for p in db.products() if p.main_product == chosen.product and p.insurer == chosen.insurer)
    label = chosen.version_label or ""
    name = chosen.product if label in chosen.product else f"{chosen.product} {label}".strip()
    return db.load(chosen.version_id), name, riders


def _emit(fmt: str, output: Path | None, write_file, render_text) -> None:
    """A binary format goes to its file (which must be named); text to the file or stdout."""
    if write_file is not None:
        if output is None:
            raise click.UsageError(f"--format {fmt} needs --output FILE")
        write_file(output)
    elif output is None:
        click.echo(render_text())
        return
    else:
        output.write_text(render_text(), encoding="utf-8")
    click.echo(f"wrote {output}", err=True)


@cli.command("compare")
@click.argument("products", nargs=-1, required=True)
@db_option
@click.option("--format", "fmt", type=click.Choice(["md", "html", "xlsx", "docx", "json"]), default="md", show_default=True, help="Output format.")
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), help="File to write (required for xlsx and docx; default stdout).")
def compare_command(products, db_url, fmt, output) -> None:
    """Compare 2 to 10 PRODUCTS: a term matrix (trigger, cover, limits, deductible,
    territory, periods, deadlines, subrogation, cancellation, disputes, riders), an
    exclusion matrix (excluded / narrowed / silent) and a coverage matrix of cost
    heads, every cell citing its article, and the material differences in plain
    words. PRODUCTS are clause files, database version ids, 注册号 or product names.

    Example: tiaokuan compare 侵犯专利权责任保险（A款） 侵犯专利权责任保险（B款） --format xlsx -o cmp.xlsx
    """
    from compare import Product, column_names, compare_products
    from compare.compare_out import to_docx, to_html, to_json, to_markdown, to_xlsx

    if not 2 <= len(products) <= 10:
        raise click.UsageError(f"give 2 to 10 products, not {len(products)}")
    database = database_opener(db_url)
    resolved = [resolve(ref, database) for ref in products]
    names = column_names([name for _, name, _ in resolved], [doc for doc, _, _ in resolved])
    result = compare_products([Product(n, doc, riders) for n, (doc, _, riders) in zip(names, resolved, strict=True)])
    files = {"xlsx": lambda path: to_xlsx(result, path), "docx": lambda path: to_docx(result, path)}
    texts = {"md": to_markdown, "html": to_html, "json": to_json}
    _emit(fmt, output, files.get(fmt), lambda: texts[fmt](result))


@cli.command("diff")
@click.argument("old")
@click.argument("new")
@db_option
@click.option("--format", "fmt", type=click.Choice(["html", "docx", "txt"]), default="html", show_default=True, help="Output format.")
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), help="File to write (required for docx; default stdout).")
def diff_command(old, new, db_url, fmt, output) -> None:
    """Redline from OLD to NEW, article by article and word by word: renumbered
    articles are shown as renumbered, not rewritten. OLD and NEW are clause files,
    database version ids, 注册号 or product names. The DOCX holds real Word tracked
    changes (Accept/Reject works).

    Example: tiaokuan diff old.pdf new.docx --format docx -o changes.docx
    """
    from compare import column_names, redline
    from compare.redline_out import to_docx, to_html, to_text

    database = database_opener(db_url)
    old_doc, old_name, _ = resolve(old, database)
    new_doc, new_name, _ = resolve(new, database)
    old_name, new_name = column_names([old_name, new_name], [old_doc, new_doc])
    result = redline(old_doc, new_doc)
    write_docx = (lambda path: to_docx(result, old_name, new_name, path)) if fmt == "docx" else None
    _emit(fmt, output, write_docx, lambda: (to_html if fmt == "html" else to_text)(result, old_name, new_name))
