"""The document model as JSON (schema tiaokuan.parse/1) and as Markdown for people.

`to_dict` and `from_dict` are inverse: what is written can be read back into
the same frozen records, which the database and the property tests rely on.
"""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

from tiaokuan.model import (
    SCHEMA,
    Article,
    Box,
    ClauseDocument,
    Definition,
    Entity,
    EntityType,
    FilingKind,
    FilingNumber,
    Item,
    Mapped,
    ParseResult,
    ParseWarning,
    Registration,
    Section,
    SectionType,
    Semantics,
    Source,
    SourceFormat,
    Span,
    Table,
    Taxonomy,
    TermValue,
    WarningCode,
)


def _item(item: Item) -> dict[str, Any]:
    out: dict[str, Any] = {"label": item.label, "text": item.text, "paragraph": item.paragraph}
    if item.label_inferred:
        out["label_inferred"] = True
    out["items"] = [_item(i) for i in item.items]
    out["categories"] = list(item.categories)
    return out


def _entity(e: Entity) -> dict[str, Any]:
    return {"type": e.type.value, "text": e.text, "start": e.start, "end": e.end, "value": e.value, "attrs": dict(e.attrs)}


def _term(t: TermValue) -> dict[str, Any]:
    value = list(t.value) if isinstance(t.value, tuple) else t.value
    return {"value": value, "article": t.article, "text": t.text}


def _mapped(m: Mapped) -> dict[str, Any]:
    return {"key": m.key, "label": m.label, "article": m.article, "item": m.item, "text": m.text}


def _semantics(s: Semantics | None) -> dict[str, Any]:
    if s is None:
        return {}
    tax = s.taxonomy
    reg = tax.registration
    return {
        "term_sheet": {name: _term(value) for name, value in s.term_sheet},
        "exclusions": [_mapped(m) for m in s.exclusions],
        "cost_heads": [_mapped(m) for m in s.cost_heads],
        "taxonomy": {
            "line": tax.line,
            "liability_type": tax.liability_type,
            "right": tax.right,
            "function": tax.function,
            "registration": None
            if reg is None
            else {"number": reg.number, "company": reg.company, "line_code": reg.line_code, "line": reg.line, "rider": reg.rider, "date": reg.date},
            "registration_agrees": tax.registration_agrees,
            "kind": tax.kind,
        },
    }


def article_to_dict(a: Article) -> dict[str, Any]:
    """One article as it appears in `to_dict`'s output; `elements` only for web pages."""
    out: dict[str, Any] = {
        "number": a.number,
        "label": a.label,
        "number_inferred": a.number_inferred,
        "text": a.text,
        "pages": list(a.pages),
        "lines": list(a.lines),
        "paragraphs": list(a.paragraphs),
        "items": [_item(i) for i in a.items],
        "boxes": [_box(b) for b in a.boxes],
        "bold": [[s.start, s.end] for s in a.bold],
        "entities": [_entity(e) for e in a.entities],
        "categories": list(a.categories),
        "flags": list(a.flags),
        "ocr_confidence": a.ocr_confidence,
    }
    if a.elements:
        out["elements"] = list(a.elements)
    return out


def _box(b: Box) -> list[float | int]:
    return [b.page, b.x0, b.top, b.x1, b.bottom]


def _load_box(b: list[float | int]) -> Box:
    return Box(int(b[0]), b[1], b[2], b[3], b[4])


def _filing(f: FilingNumber) -> dict[str, Any]:
    return {"kind": f.kind.value, "text": f.text, "company": f.company, "line": f.line, "year": f.year, "serial": f.serial, "rider": f.rider}


def _load_filing(d: dict[str, Any]) -> FilingNumber:
    return FilingNumber(FilingKind(d["kind"]), d["text"], d["company"], d["line"], d["year"], d["serial"], d["rider"])


def _document(d: ClauseDocument) -> dict[str, Any]:
    return {
        "insurer": d.insurer,
        "product": d.product,
        "title": d.title,
        "version": d.version,
        "registration_no": d.registration_no,
        # Written only when printed, so output for clauses without them is unchanged.
        **({"filing_numbers": [_filing(f) for f in d.filing_numbers]} if d.filing_numbers else {}),
        **({"distributor": d.distributor} if d.distributor is not None else {}),
        "rider": d.rider,
        "front_matter": list(d.front_matter),
        "sections": [
            {
                "heading": s.heading,
                "type": s.type.value,
                "part": s.part,
                "pages": list(s.pages),
                "articles": [article_to_dict(a) for a in s.articles],
            }
            for s in d.sections
        ],
        "definitions": [{"term": x.term, "text": x.text, "article": x.article, "pages": list(x.pages)} for x in d.definitions],
        "tables": [
            {"caption": t.caption, "pages": list(t.pages), "flattened": t.flattened, "rows": [list(r) for r in t.rows]}
            for t in d.tables
        ],
        **_semantics(d.semantics),
    }


def to_dict(result: ParseResult) -> dict[str, Any]:
    return {
        "schema": SCHEMA,
        "source": {
            "path": result.source.path,
            "sha256": result.source.sha256,
            "format": result.source.format.value,
            "pages": result.source.pages,
            "ocr_pages": list(result.source.ocr_pages),
        },
        "documents": [_document(d) for d in result.documents],
        "warnings": [
            {"code": w.code.value, "message": w.message, "page": w.page, "box": _box(w.box) if w.box else None}
            for w in result.warnings
        ],
    }


def to_json(result: ParseResult, indent: int | None = 2) -> str:
    return json.dumps(to_dict(result), ensure_ascii=False, indent=indent)


def _load_item(d: dict[str, Any]) -> Item:
    return Item(
        d["label"], d["text"], d["paragraph"], tuple(_load_item(i) for i in d["items"]), d.get("label_inferred", False),
        tuple(d.get("categories", ())),
    )


def _load_entity(d: dict[str, Any]) -> Entity:
    return Entity(EntityType(d["type"]), d["text"], d["start"], d["end"], d["value"], tuple(sorted(d["attrs"].items())))


def _load_term(d: dict[str, Any]) -> TermValue:
    value = tuple(d["value"]) if isinstance(d["value"], list) else d["value"]
    return TermValue(value, d["article"], d["text"])


def _load_semantics(d: dict[str, Any]) -> Semantics | None:
    if "term_sheet" not in d:
        return None
    tax = d["taxonomy"]
    reg = tax["registration"]
    registration = None if reg is None else Registration(reg["number"], reg["company"], reg["line_code"], reg["line"], reg["rider"], reg["date"])
    return Semantics(
        tuple((name, _load_term(value)) for name, value in d["term_sheet"].items()),
        tuple(Mapped(**m) for m in d["exclusions"]),
        tuple(Mapped(**m) for m in d["cost_heads"]),
        # "kind" came later: a file written before it has no kind.
        Taxonomy(tax["line"], tax["liability_type"], tax["right"], tax["function"], registration, tax["registration_agrees"], tax.get("kind")),
    )


def _load_article(d: dict[str, Any]) -> Article:
    return Article(
        number=d["number"],
        label=d["label"],
        text=d["text"],
        number_inferred=d["number_inferred"],
        pages=tuple(d["pages"]),
        paragraphs=tuple(d["paragraphs"]),
        items=tuple(_load_item(i) for i in d["items"]),
        lines=(d["lines"][0], d["lines"][1]),
        boxes=tuple(_load_box(b) for b in d["boxes"]),
        elements=tuple(d.get("elements", ())),
        bold=tuple(Span(s[0], s[1]) for s in d["bold"]),
        entities=tuple(_load_entity(e) for e in d.get("entities", ())),
        categories=tuple(d.get("categories", ())),
        flags=tuple(d.get("flags", ())),
        ocr_confidence=d.get("ocr_confidence"),
    )


def from_dict(data: dict[str, Any]) -> ParseResult:
    """Records back from `to_dict` output: the exact inverse of `to_dict`."""
    if data.get("schema") != SCHEMA:
        raise ValueError(f"expected schema {SCHEMA!r}, got {data.get('schema')!r}")
    src = data["source"]
    documents = tuple(
        ClauseDocument(
            insurer=d["insurer"],
            product=d["product"],
            title=d["title"],
            version=d["version"],
            registration_no=d["registration_no"],
            rider=d["rider"],
            front_matter=tuple(d["front_matter"]),
            sections=tuple(
                Section(
                    s["heading"],
                    SectionType(s["type"]),
                    tuple(_load_article(a) for a in s["articles"]),
                    s["part"],
                    tuple(s["pages"]),
                )
                for s in d["sections"]
            ),
            definitions=tuple(Definition(x["term"], x["text"], x["article"], tuple(x["pages"])) for x in d["definitions"]),
            tables=tuple(
                Table(t["caption"], tuple(tuple(r) for r in t["rows"]), tuple(t["pages"]), t["flattened"]) for t in d["tables"]
            ),
            semantics=_load_semantics(d),
            # Absent from files written before filing numbers were read.
            filing_numbers=tuple(_load_filing(f) for f in d.get("filing_numbers", ())),
            distributor=d.get("distributor"),
        )
        for d in data["documents"]
    )
    warnings = tuple(
        ParseWarning(WarningCode(w["code"]), w["message"], w["page"], _load_box(w["box"]) if w.get("box") else None)
        for w in data["warnings"]
    )
    source = Source(src["path"], src["sha256"], SourceFormat(src["format"]), src["pages"], tuple(src.get("ocr_pages", ())))
    return ParseResult(source, documents, warnings)


def json_schema() -> dict[str, Any]:
    """The published JSON Schema of `to_dict` output."""
    text = resources.files("tiaokuan").joinpath("schema/parse-1.schema.json").read_text(encoding="utf-8")
    return json.loads(text)


def _md_escape_cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", "<br>")


def _md_items(items: tuple[Item, ...], depth: int) -> list[str]:
    out = []
    for item in items:
        label = item.label or "·"
        out.append(f"{'  ' * depth}- {label} {item.text}")
        out.extend(_md_items(item.items, depth + 1))
    return out


def _page_list(pages: tuple[int, ...]) -> str:
    """1,2,3,5 → 1–3, 5"""
    runs: list[list[int]] = []
    for p in pages:
        if runs and p == runs[-1][-1] + 1:
            runs[-1].append(p)
        else:
            runs.append([p])
    return ", ".join(f"{r[0]}–{r[-1]}" if len(r) > 1 else str(r[0]) for r in runs)


def to_markdown(result: ParseResult) -> str:
    """A readable rendering: metadata, chapters, articles, definitions, tables, warnings."""
    ocr = f" · OCR on page(s) {_page_list(result.source.ocr_pages)}" if result.source.ocr_pages else ""
    out: list[str] = [
        f"<!-- {SCHEMA} · {result.source.path} · {result.source.format.value} · {result.source.pages} page(s){ocr} -->",
        "",
    ]
    for doc in result.documents:
        out.append(f"# {doc.title or '(untitled clause)'}")
        out.append("")
        out.append("| field | value |")
        out.append("|---|---|")
        for name, value in (
            ("insurer", doc.insurer),
            ("product", doc.product),
            ("version", doc.version),
            ("注册号", doc.registration_no),
            *(("备案编号", f"{f.text} ({f.kind.value})") for f in doc.filing_numbers),
            *((("distributor", doc.distributor),) if doc.distributor else ()),
            ("kind", "rider (附加险)" if doc.rider else "main clause"),
            ("articles", str(len(doc.numbered_articles))),
        ):
            out.append(f"| {name} | {_md_escape_cell(value or '—')} |")
        out.append("")
        for section in doc.sections:
            title = section.heading or "(before the first heading)"
            part = f" · {section.part}" if section.part and section.part != section.heading else ""
            out.append(f"## {title} `{section.type.value}`{part}")
            out.append("")
            for article in section.articles:
                pages = ",".join(str(p) for p in article.pages)
                label = article.label or (f"〔第{article.number}条〕" if article.number else "")
                note = " (number inferred)" if article.number_inferred else ""
                if article.ocr_confidence is not None:
                    note += f" (OCR, confidence {article.ocr_confidence:.2f})"
                paragraphs = article.text.split("\n")
                head = f"**{label}**{note} " if label else ""
                # Two trailing spaces keep each printed line a line in Markdown viewers.
                out.append(f"{head}{paragraphs[0]}  <sub>p.{pages}</sub>" + ("  " if len(paragraphs) > 1 else ""))
                out.extend(p + "  " if k < len(paragraphs) - 2 else p for k, p in enumerate(paragraphs[1:]))
                out.append("")
        for table in doc.tables:
            out.extend(_md_table(table))
        if doc.semantics is not None:
            out.extend(_md_semantics(doc.semantics))
        if doc.definitions:
            out.append("## 释义 (extracted)")
            out.append("")
            for d in doc.definitions:
                where = f" (第{d.article}条)" if d.article else ""
                out.append(f"- **{d.term}**{where}: {d.text}")
            out.append("")
    if result.warnings:
        out.append("## Warnings")
        out.append("")
        for w in result.warnings:
            page = f"p.{w.page} " if w.page else ""
            out.append(f"- `{w.code.value}` {page}{w.message}")
        out.append("")
    return "\n".join(out)


def _md_semantics(semantics: Semantics) -> list[str]:
    """The term sheet, taxonomy and mapped exclusions as Markdown tables."""
    out = ["## 条款要点 (term sheet)", "", "| field | value | article | wording |", "|---|---|---|---|"]
    for name, term in semantics.term_sheet:
        value = "、".join(term.value) if isinstance(term.value, tuple) else term.value
        where = f"第{term.article}条" if term.article else ""
        out.append(f"| {name} | {_md_escape_cell(value)} | {where} | {_md_escape_cell(term.text or '')} |")
    tax = semantics.taxonomy
    reg = tax.registration
    out += ["", f"taxonomy: line `{tax.line}`, liability type `{tax.liability_type or '—'}`, right `{tax.right or '—'}`, function `{tax.function or '—'}`"]
    if reg is not None:
        out.append(f"注册号 {reg.number}: company {reg.company}, line code {reg.line_code} ({reg.line or 'unknown'}), {'rider' if reg.rider else 'main'}, {reg.date}")
    out += ["", "| exclusion | article | item | canonical |", "|---|---|---|---|"]
    for m in semantics.exclusions:
        out.append(f"| {_md_escape_cell(m.text[:60])} | {m.article or ''} | {m.item or ''} | {m.key} |")
    out.append("")
    return out


def _md_table(table: Table) -> list[str]:
    width = max((len(r) for r in table.rows), default=1)
    caption = table.caption or "table"
    pages = ",".join(str(p) for p in table.pages)
    out = [f"*{caption}* <sub>p.{pages}{' · flattened in source' if table.flattened else ''}</sub>", ""]
    rows = [list(r) + [""] * (width - len(r)) for r in table.rows]
    if not rows:
        return out
    out.append("| " + " | ".join(_md_escape_cell(c) for c in rows[0]) + " |")
    out.append("|" + "---|" * width)
    out.extend("| " + " | ".join(_md_escape_cell(c) for c in r) + " |" for r in rows[1:])
    out.append("")
    return out
