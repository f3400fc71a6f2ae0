"""The generation commands of `tiaokuan`: generate, new-spec and pack."""

from __future__ import annotations

from pathlib import Path

import click

from tiaokuan.i18n import _, ngettext

from .options import count_products, db_option, insurer_option


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
    wording = written.wording
    # Counted as a reader counts them: 释义 entries are definitions, not articles.
    n = wording.article_count
    counts = [ngettext("条款 {n} 条", "条款 {n} 条", n).format(n=n)]
    if wording.definition_count:
        n = wording.definition_count
        counts.append(ngettext("释义 {n} 项", "释义 {n} 项", n).format(n=n))
    counts.append(_("非原文照录 {n} 条").format(n=sum(1 for p in wording.provenance if p.origin.value != "base")))
    if wording.riders:
        n, riders = len(wording.riders), " + ".join(str(r.article_count) for r in wording.riders)
        counts[-1] += ngettext("；附加险 {n} 个，共 {counts} 条", "；附加险 {n} 个，分别 {counts} 条", n).format(n=n, counts=riders)
    said = _("已写出 {path}（{counts}）及 {provenance}")
    click.echo(said.format(path=output, counts=_("，").join(counts), provenance=written.provenance), err=True)


@click.command("new-spec")
@click.argument("product")
@db_option
@insurer_option
def new_spec_command(product, db_url, insurer) -> None:
    """Print a starting wording spec (TOML) for PRODUCT: every key, nothing changed
    yet, and the product's chapters, articles and exclusions listed as comments.
    PRODUCT is a clause file, database version id, 注册号 or product name
    (太平科技:财产基本险 where insurers share a name).

    Example: tiaokuan new-spec corpus/patent-enforcement-with-rider.txt > spec.toml
    """
    from tiaokuan.clauses_db import ClauseFinder, with_insurer
    from tiaokuan.generate import new_spec

    # The spec names its base as resolved here, insurer and all, so `generate` finds the same clause.
    product = with_insurer(product, insurer)
    base = ClauseFinder(db_url).pick(product)
    click.echo(new_spec(base.document, product), nl=False)


@click.command("pack")
@click.argument("products", nargs=-1, required=True)
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), required=True, help="The pack (.docx) to write.")
@click.option("--format", "fmt", type=click.Choice(["docx", "md", "html"]), help="Output format (default: from the file name, else docx).")
@click.option("--client", help="The client named on the cover and in the page header.")
@click.option("--templates", type=click.Path(exists=True, file_okay=False, path_type=Path), help="A folder of your own Jinja2 templates for md/html (run sandboxed).")
@db_option
@insurer_option
def pack_command(products, output, fmt, client, templates, db_url, insurer) -> None:
    """Write a client comparison pack for 2 to 10 PRODUCTS as one Word file (or
    Markdown / HTML from the pack templates): cover, differences summary, term /
    exclusion / cover matrices with citations, and an appendix with every product's
    full wording. PRODUCTS are clause files, database version ids, 注册号 or product
    names (太平科技:财产基本险 where insurers share a name).

    Example: tiaokuan pack 侵犯专利权责任保险（A款） 侵犯专利权责任保险（B款） -o pack.docx
    """
    from tiaokuan.clauses_db import with_insurer
    from tiaokuan.generate import write_pack

    count_products(products)
    result = write_pack([with_insurer(ref, insurer) for ref in products], output, fmt, client, templates, db_url)
    said = _("已写出 {path}（{products} 个产品，{differences} 处差异）")
    click.echo(said.format(path=output, products=len(products), differences=len(result.summary)), err=True)
