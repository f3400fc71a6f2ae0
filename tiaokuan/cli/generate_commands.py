"""The generation commands of `tiaokuan`: generate, new-spec and pack."""

from __future__ import annotations

from pathlib import Path

import click

from .options import count_products, db_option


@click.command("generate")
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
    from tiaokuan.generate import generate_wording

    written = generate_wording(spec, output, fmt, templates, db_url)
    changed = sum(1 for p in written.wording.provenance if p.origin.value != "base")
    click.echo(f"wrote {output} ({len(written.wording.provenance)} articles, {changed} not verbatim from the base) and {written.provenance}", err=True)


@click.command("new-spec")
@click.argument("product")
@db_option
def new_spec_command(product, db_url) -> None:
    """Print a starting wording spec (TOML) for PRODUCT: every key, nothing changed
    yet, and the product's chapters, articles and exclusions listed as comments.
    PRODUCT is a clause file, database version id, 注册号 or product name.

    Example: tiaokuan new-spec corpus/patent-enforcement-with-rider.txt > spec.toml
    """
    from tiaokuan.clauses_db import ClauseFinder
    from tiaokuan.generate import new_spec

    base = ClauseFinder(db_url).pick(product)
    click.echo(new_spec(base.document, product), nl=False)


@click.command("pack")
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
    from tiaokuan.generate import write_pack

    count_products(products)
    result = write_pack(list(products), output, fmt, client, templates, db_url)
    click.echo(f"wrote {output} ({len(products)} products, {len(result.summary)} differences)", err=True)
