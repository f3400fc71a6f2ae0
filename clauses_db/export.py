"""Exports people open: articles (JSON lines, CSV, XLSX) and the product catalog
(XLSX, CSV, HTML), one row per product version with its decoded 注册号, taxonomy
and key terms."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator, Sequence
from pathlib import Path

from jinja2 import Environment
from sqlalchemy import Connection, select

from tiaokuan.i18n import N_, _, install
from tiaokuan.paper import fit_columns, header_row, print_across
from tiaokuan.text.vocab import CATEGORY_NAMES, SECTION_NAMES, TERM_FIELD_NAMES, say, yes_no

from . import schema as s
from .search import MAIN_PRODUCT, Filters, article_listing, version_listing

ARTICLE_COLUMNS = (
    ("insurer", "保险公司"), ("product", "产品"), ("version", "版本"), ("registration_no", "注册号"),
    ("section_type", "章节类型"), ("section", "章节"), ("article", "条"), ("number", "条号"), ("page", "页"),
    ("categories", "条款类别"), ("text", "条文"), ("source", "来源文件"),
)  # fmt: skip
# Term-sheet fields shown in the catalog, in this order.
KEY_TERMS = (
    "trigger", "territory", "period", "waiting_period", "limit_kinds", "deductible_kinds", "notice_deadline",
    "claim_deadline", "insurer_decision_deadline", "payment_deadline", "limitation_period", "refund_method",
    "dispute_resolution",
)  # fmt: skip
CATALOG_COLUMNS = (
    ("insurer", "保险公司"), ("product", "产品"), ("version", "版本"), ("latest", "最新"), ("registration_no", "注册号"),
    ("filing_numbers", "备案编号"), ("reg_company", "公司代码"), ("reg_line_code", "险类代码"), ("reg_line", "险类"), ("reg_date", "备案日期"),
    ("reg_agrees", "险类与分类一致"), ("line", "业务线"), ("line_kind", "险种"), ("liability_type", "责任类型"), ("ip_right", "权利类型"),
    ("function", "功能"), ("rider", "主险/附加险"), ("main_product", "所附主险"), ("articles", "条数"),
    *((f"term:{t}", TERM_FIELD_NAMES[t]) for t in KEY_TERMS), ("source", "来源文件"),
)  # fmt: skip
# How the workbooks print. A legal team files the catalog as a record, so the paper
# holds every field the workbook does (a reading subset would make the paper and the
# file disagree on what the catalog says, and the sheet stays the one to filter).
# Fitted to one page width its 32 columns printed at 2.6 pt; instead the text prints
# at 8 pt or more, 保险公司 and 产品 — the first two columns of both exports —
# repeat at the left of every page so each page names its rows, and the other
# columns break across pages between groups where they can, so a page is about one
# thing (catalog: 登记 版本 … 险类与分类一致; 分类 业务线 … 条数; 保障 责任触发方式
# … 免赔; 期限与争议 出险通知 … 争议处理; 来源文件 — articles: 版本 … 注册号; 章节类型
# … 条款类别; 条文; 来源文件). The pages of one band of rows print one after another,
# so a product's fields are on consecutive sheets of paper; each page is numbered.
TITLE_COLUMNS = 2
PAGE_GROUPS = frozenset({"version", "line", "term:trigger", "term:notice_deadline", "section_type", "text", "source"})
PAGE_FOOTER = N_("第 &P 页，共 &N 页")
# Columns with a ceiling of their own (the others stop at 40 cells): an article's
# text and the source paths run wider, since at 40 a path wraps onto four lines and
# makes its whole row that tall; 产品 repeats on every page, so a long name takes a
# second line (the rows are two lines tall already) rather than every page's width.
COLUMN_CEILINGS = {"text": 80, "source": 80, "product": 28}


def _shown(key: str, value):
    """A stored value as the catalog and the article export print it: codes in their
    Chinese words (the same words as a comparison's), yes/no as 是/否."""
    if isinstance(value, bool) or (key in ("latest", "reg_agrees") and value is None):
        return yes_no(value)
    if key in ("line", "line_kind", "reg_line") or key.startswith("term:"):
        return say(value)
    if key == "section_type":
        return say(value, SECTION_NAMES)
    if key == "categories":
        return "、".join(say(c, CATEGORY_NAMES) for c in str(value).split())
    return value


def _shown_row(row: dict, columns) -> list:
    return [_shown(k, row[k]) for k, _zh in columns]


def article_rows(conn: Connection, filters: Filters) -> Iterator[dict]:
    a, sec, v, p, src = s.articles, s.sections, s.versions, s.products, s.sources
    q = article_listing(
        filters,
        p.c.insurer, p.c.name, v.c.version_label, v.c.registration_no, sec.c.type, sec.c.heading, a.c.label,
        a.c.number, a.c.first_page, a.c.categories, a.c.text, src.c.path,
    ).order_by(p.c.insurer, p.c.name, v.c.sort_key, v.c.id, sec.c.position, a.c.position)  # fmt: skip
    for r in conn.execute(q):
        yield dict(zip((k for k, _zh in ARTICLE_COLUMNS), (*r[:9], " ".join(r[9]), r[10], r[11]), strict=True))


def _term_text(value) -> str:
    return " ".join(value) if isinstance(value, list) else str(value)


def catalog_rows(conn: Connection, filters: Filters) -> list[dict]:
    v, p, src, t = s.versions, s.products, s.sources, s.term_values
    columns = (v, p.c.insurer.label("p_insurer"), p.c.name, MAIN_PRODUCT.c.name.label("main_name"), p.c.main_product_name, src.c.path)
    q = version_listing(filters, *columns)
    versions = [dict(r) for r in conn.execute(q).mappings()]
    terms: dict[int, dict[str, str]] = {}
    ids = [r["id"] for r in versions]
    for i in range(0, len(ids), 500):
        for row in conn.execute(select(t.c.version_id, t.c.field, t.c.value).where(t.c.version_id.in_(ids[i : i + 500]))):
            terms.setdefault(row.version_id, {})[row.field] = _term_text(row.value)
    filings: dict[int, list[str]] = {}  # 备案编号 printed besides the 注册号
    fn = s.filing_numbers
    for i in range(0, len(ids), 500):
        q = select(fn.c.version_id, fn.c.text).where(fn.c.version_id.in_(ids[i : i + 500])).order_by(fn.c.version_id, fn.c.position)
        for version_id, text in conn.execute(q):
            filings.setdefault(version_id, []).append(text)
    also: dict[int, list[str]] = {}  # the same filing found in further files
    vs = s.version_sources
    for i in range(0, len(ids), 500):
        q = select(vs.c.version_id, src.c.path).join(src, src.c.id == vs.c.source_id).where(vs.c.version_id.in_(ids[i : i + 500]))
        for version_id, path in conn.execute(q.order_by(src.c.id)):
            also.setdefault(version_id, []).append(path)
    out = []
    for r in versions:
        row = {
            "insurer": r["p_insurer"], "product": r["name"], "version": r["version_label"] or "", "latest": r["is_latest"],
            "registration_no": r["registration_no"] or "", "filing_numbers": "\n".join(filings.get(r["id"], [])),
            "reg_company": r["reg_company"] or "",
            "reg_line_code": r["reg_line_code"] or "", "reg_line": r["reg_line"] or "", "reg_date": r["reg_date"] or "",
            "reg_agrees": r["registration_agrees"],
            "line": r["line"] or "", "line_kind": r["line_kind"] or "", "liability_type": r["liability_type"] or "", "ip_right": r["ip_right"] or "",
            "function": r["function"] or "", "rider": "附加险" if r["rider"] else "主险",
            "main_product": r["main_name"] or r["main_product_name"] or "", "articles": r["article_count"],
        }  # fmt: skip
        row.update({f"term:{name}": terms.get(r["id"], {}).get(name, "") for name in KEY_TERMS})
        row["source"] = "\n".join([r["path"], *also.get(r["id"], [])])
        out.append(row)
    return out


def _header(columns) -> list[str]:
    return [_(zh) for _key, zh in columns]


def to_csv(rows: Sequence[dict] | Iterator[dict], columns, path: Path) -> int:
    n = 0
    with path.open("w", encoding="utf-8-sig", newline="") as fh:  # BOM: Excel opens UTF-8 CSV correctly
        writer = csv.writer(fh)
        writer.writerow(_header(columns))
        for row in rows:
            writer.writerow(_shown_row(row, columns))
            n += 1
    return n


def to_jsonl(rows, path: Path) -> int:
    n = 0
    with path.open("w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
            n += 1
    return n


def to_xlsx(rows, columns, path: Path, sheet: str) -> int:
    from openpyxl import Workbook

    wb = Workbook(write_only=False)
    ws = wb.active
    ws.title = sheet
    header_row(ws, _header(columns))
    n = 0
    for row in rows:
        ws.append(_shown_row(row, columns))
        n += 1
    keys = [key for key, _zh in columns]
    fit_columns(ws, ceiling=40, header_lines=2, ceilings={k: COLUMN_CEILINGS[key] for k, key in enumerate(keys, start=1) if key in COLUMN_CEILINGS})
    ws.freeze_panes = "C2"
    groups = frozenset(k for k, key in enumerate(keys, start=1) if key in PAGE_GROUPS)
    print_across(ws, TITLE_COLUMNS, groups, footer=_(PAGE_FOOTER))
    ws.auto_filter.ref = ws.dimensions
    wb.save(path)
    return n


_ENV = Environment(autoescape=True, extensions=["jinja2.ext.i18n"])
install(_ENV)
_HTML = _ENV.from_string(
    """<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>{{ title }}</title>
<style>
@page{size:A4 landscape;margin:1.2cm}
body{font-family:"Noto Sans CJK SC","Microsoft YaHei",sans-serif;margin:1.5em}
table{border-collapse:collapse;font-size:13px}th,td{border:1px solid #ccc;padding:3px 6px;vertical-align:top}
th{background:#ddebf7;position:sticky;top:0}tr:nth-child(even){background:#f7f7f7}
</style></head><body>
<h1>{{ title }}</h1><p>{{ _("共 %(n)s 个产品版本。", n=rows|length) }}</p>
<table><thead><tr>{% for h in header %}<th>{{ h }}</th>{% endfor %}</tr></thead><tbody>
{% for row in rows %}<tr>{% for value in row %}<td>{{ value }}</td>{% endfor %}</tr>
{% endfor %}</tbody></table></body></html>
"""
)


def to_html(rows: list[dict], columns, path: Path, title: str) -> int:
    html = _HTML.render(title=title, rows=[_shown_row(r, columns) for r in rows], header=_header(columns))
    path.write_text(html, encoding="utf-8")
    return len(rows)
