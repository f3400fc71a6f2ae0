"""The comparison commands of `tiaokuan`: compare and diff."""

from __future__ import annotations

from pathlib import Path

import click

from .options import count_products, db_option, emit, insurer_option


@click.command("compare")
@click.argument("products", nargs=-1, required=True)
@db_option
@insurer_option
@click.option("--format", "fmt", type=click.Choice(["md", "html", "xlsx", "docx", "json"]), default="md", show_default=True, help="Output format.")
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), help="File to write (required for xlsx and docx; default stdout).")
def compare_command(products, db_url, insurer, fmt, output) -> None:
    """Compare 2 to 10 PRODUCTS: every article, paragraph and item paired with its
    counterpart wherever it stands, each material difference said in Chinese with
    both wordings marked and both citations (then the dimensions found the same),
    followed by the term, exclusion and coverage matrices, every cell citing its
    article. PRODUCTS are clause files, database version ids (`tiaokuan products`),
    注册号 or product names (太平科技:财产基本险 where insurers share a name). A copy
    that lost its 第X条 labels is read beside the products that print theirs, its
    numbering restored where it prints their paragraphs.

    Example: tiaokuan compare 侵犯专利权责任保险（A款） 侵犯专利权责任保险（B款） --format xlsx -o cmp.xlsx
    """
    from tiaokuan.clauses_db import ClauseFinder, with_insurer
    from tiaokuan.compare import compare_products, products_of
    from tiaokuan.compare.compare_out import to_docx, to_html, to_json, to_markdown, to_xlsx

    count_products(products)
    finder = ClauseFinder(db_url)
    result = compare_products(products_of(finder.resolve_all([with_insurer(ref, insurer) for ref in products])))
    files = {"xlsx": lambda path: to_xlsx(result, path), "docx": lambda path: to_docx(result, path)}
    texts = {"md": to_markdown, "html": to_html, "json": to_json}
    emit(fmt, output, files.get(fmt), lambda: texts[fmt](result))


@click.command("diff")
@click.argument("old")
@click.argument("new")
@db_option
@insurer_option
@click.option("--format", "fmt", type=click.Choice(["html", "docx", "txt"]), default="html", show_default=True, help="Output format.")
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), help="File to write (required for docx; default stdout).")
@click.option("--layout", type=click.Choice(["inline", "side-by-side"]), default="inline", show_default=True, help="HTML: the new clause with changes marked, or old and new in two columns.")
@click.option("--changed-only", is_flag=True, help="Only the articles whose wording or place changed (the DOCX is then an excerpt).")
def diff_command(old, new, db_url, insurer, fmt, output, layout, changed_only) -> None:
    """Redline from OLD to NEW, article by article and word by word: renumbered
    articles are shown as renumbered, not rewritten, and an article rewritten or moved
as changed. OLD and NEW are clause files,
    database version ids, 注册号 or product names (太平科技:财产基本险 where insurers
    share a name). The DOCX is the clause with real Word tracked changes: Accept All
gives the new clause, Reject All the old; what happened to each article is a comment.

    Example: tiaokuan diff old.pdf new.docx --format docx -o changes.docx
    """
    from tiaokuan.clauses_db import ClauseFinder, with_insurer
    from tiaokuan.compare import products_of, redline
    from tiaokuan.compare.redline_out import Layout, to_docx, to_html, to_text

    finder = ClauseFinder(db_url)
    before, after = products_of(finder.resolve_all([with_insurer(ref, insurer) for ref in (old, new)]))
    old_name, new_name = before.name, after.name
    result = redline(before.doc, after.doc)
    write_docx = (lambda path: to_docx(result, old_name, new_name, path, changed_only=changed_only)) if fmt == "docx" else None

    def text() -> str:
        if fmt == "html":
            return to_html(result, old_name, new_name, layout=Layout(layout), changed_only=changed_only)
        return to_text(result, old_name, new_name, changed_only=changed_only)

    emit(fmt, output, write_docx, text)
