"""The generate form: a wording built on a stored clause. The form is read into the
same tables as a TOML spec (`generate.spec`: articles dropped, replaced and added,
exclusions removed and added, the schedule), so one set of checks serves both, and
every problem comes back on the form as one line of Chinese beside the field it is
about. Replacements and additions are repeated rows; "再替换一条" / "再新增一条" post
the form back with one more empty row, so it works without script.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, Request
from starlette.concurrency import run_in_threadpool

from tiaokuan.i18n import N_, _
from tiaokuan.model import ClauseDocument

from .workbench import DOCX, Workbench, send_file

router = APIRouter()

TEXT_FIELDS = ("product", "version", "insured", "territory", "add_exclusions")
DATE_FIELDS = ("period_start", "period_end", "retroactive_date")
NUMBER_FIELDS = ("limit_per_occurrence", "limit_per_patent", "limit_aggregate", "deductible_amount", "deductible_rate")
MAX_ROWS = 30  # replacements or additions one form may carry
FIELD_NAMES = {
    "product": N_("产品名称"), "version": N_("版本"), "insured": N_("被保险人"), "territory": N_("承保区域"),
    "limit_per_occurrence": N_("每次事故赔偿限额"), "limit_per_patent": N_("每件专利赔偿限额"), "limit_aggregate": N_("累计赔偿限额"),
    "deductible_amount": N_("免赔额"), "deductible_rate": N_("免赔率"), "period_start": N_("保险期间起"), "period_end": N_("保险期间止"),
    "retroactive_date": N_("追溯期起始日"), "drop": N_("删除条款"), "remove": N_("删除责任免除"), "add_exclusions": N_("增加责任免除"),
}  # fmt: skip


@dataclass(frozen=True)
class Row:
    """One replacement (the article replaced, its new text) or addition (where the
    new article goes: after a base article or at a chapter's end; its text)."""

    where: str = ""
    text: str = ""

    @property
    def empty(self) -> bool:
        return not self.where and not self.text


@dataclass(frozen=True)
class FormState:
    """What the visitor typed and chose, to fill the form again."""

    values: dict[str, str] = field(default_factory=dict)
    drop: tuple[str, ...] = ()
    remove: tuple[str, ...] = ()
    replace: tuple[Row, ...] = ()
    add: tuple[Row, ...] = ()


@dataclass(frozen=True)
class Notice:
    """One problem, in one line of Chinese; `field` is the id of the input it is about."""

    field: str
    text: str


@dataclass(frozen=True)
class Choices:
    """What the base offers the form: its articles (label, opening words) and chapters."""

    articles: tuple[tuple[str, str], ...]
    chapters: tuple[str, ...]
    exclusions: tuple[tuple[str, str], ...]


def choices(doc: ClauseDocument) -> Choices:
    from tiaokuan.generate.spec import heading_key

    articles = {}
    for a in doc.articles:
        if a.label and a.label not in articles:  # a spec names articles by label: the first of a repeated one
            first = a.text.strip().splitlines()[0] if a.text.strip() else ""
            articles[a.label] = first[:22] + ("…" if len(first) > 22 else "")
    # A chapter is offered only where its heading is unique: a spec names chapters by
    # heading, and an addition "at the end of 保险责任" would go into each part's 保险责任.
    keys = Counter(heading_key(s.heading) for s in doc.sections if s.heading)
    chapters = {heading_key(s.heading): s.heading for s in doc.sections if s.heading and keys[heading_key(s.heading)] == 1}
    exclusions = sorted({(m.key, m.label) for m in doc.semantics.exclusions if m.key != "unmapped"}) if doc.semantics else []
    return Choices(tuple(articles.items()), tuple(chapters.values()), tuple(exclusions))


def _text(value) -> str:
    """A form value as text: the browser's CRLF line ends as LF, outer blanks off."""
    return str(value or "").replace("\r\n", "\n").replace("\r", "\n").strip()


def _rows(form, where: str, text: str) -> tuple[Row, ...]:
    """The rows filled in (an empty one is a row not used), in the form's order: the
    form shows them again in this order, so a problem's row number is the one shown."""
    places, texts = form.getlist(where), form.getlist(text)
    n = min(max(len(places), len(texts)), MAX_ROWS)
    rows = (Row(_text(places[k]) if k < len(places) else "", _text(texts[k]) if k < len(texts) else "") for k in range(n))
    return tuple(r for r in rows if not r.empty)


def read_form(form) -> FormState:
    values = {k: _text(form.get(k)) for k in (*TEXT_FIELDS, *DATE_FIELDS, *NUMBER_FIELDS)}
    return FormState(
        values, tuple(_text(x) for x in form.getlist("drop")), tuple(_text(x) for x in form.getlist("remove")),
        _rows(form, "replace_article", "replace_text"), _rows(form, "add_after", "add_text"),
    )  # fmt: skip


def shown_rows(rows: tuple[Row, ...], more: bool) -> tuple[Row, ...]:
    """The rows the form shows: those given, at least one, one more when asked."""
    rows = rows or (Row(),)
    return rows + (Row(),) if more and len(rows) < MAX_ROWS else rows


def _number(value: str, name: str, notices: list[Notice]) -> float | None:
    if not value:
        return None
    try:
        return float(value.replace(",", "").replace("，", "").rstrip("%％"))
    except ValueError:
        notices.append(Notice(name, _("{field}：请填写数字，如 500000。").format(field=_(FIELD_NAMES[name]))))
        return None


_DATE = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")


def _date(value: str) -> dt.date | None:
    """A date as people write it: 2027-01-01, 2027/1/1, 2027.1.1 or 2027年1月1日."""
    m = _DATE.match(value)
    try:
        return dt.date(int(m[1]), int(m[2]), int(m[3])) if m else None
    except ValueError:  # 2027-13-01
        return None


def to_spec(state: FormState, base_id: int) -> tuple[dict, list[Notice], list[int], list[int]]:
    """The form as the tables of a TOML spec, the problems found in reading it, and
    for each replacement and addition of the spec the form row it came from."""
    notices: list[Notice] = []
    values = state.values
    schedule: dict = {k: values[k] for k in ("insured", "territory") if values.get(k)}
    for name in DATE_FIELDS:
        if values.get(name):
            day = _date(values[name])
            if day is None:
                notices.append(Notice(name, _("{field}：日期应写作 2027-01-01 或 2027年1月1日。").format(field=_(FIELD_NAMES[name]))))
            else:
                schedule[name] = day
    for name in NUMBER_FIELDS:
        value = _number(values.get(name, ""), name, notices)
        if value is not None:
            schedule[name] = value / 100 if name == "deductible_rate" else value  # the form asks for a percentage
    tables: dict[str, list[dict]] = {"replace": [], "add": []}
    rows: dict[str, list[int]] = {"replace": [], "add": []}
    for kind, given, keys in (("replace", state.replace, ("article", "text")), ("add", state.add, ("after", "text"))):
        for k, row in enumerate(given):
            if not row.where:
                notices.append(Notice(f"{kind}-{'article' if kind == 'replace' else 'after'}-{k}", _row_name(kind, k) + (_("请选择要替换的条款。") if kind == "replace" else _("请选择新条款放在哪里。"))))
            elif not row.text:
                notices.append(Notice(f"{kind}-text-{k}", _row_name(kind, k) + (_("请填写{article}的新条文。").format(article=row.where) if kind == "replace" else _("请填写新增条款的条文。"))))
            else:
                tables[kind].append(dict(zip(keys, (row.where, row.text), strict=True)))
                rows[kind].append(k)
    raw = {
        "base": {"product": str(base_id)},
        "wording": {k: values[k] for k in ("product", "version") if values.get(k)},
        "articles": {"drop": list(state.drop), "replace": tables["replace"], "add": tables["add"]},
        "exclusions": {"remove": list(state.remove), "add": [line.strip() for line in values.get("add_exclusions", "").splitlines() if line.strip()]},
        "schedule": schedule,
    }
    return raw, notices, rows["replace"], rows["add"]


def _row_name(kind: str, k: int) -> str:
    return (_("替换条款第 {n} 项：") if kind == "replace" else _("新增条款第 {n} 项：")).format(n=k + 1)


_KEY = re.compile(r"^(?P<table>\w+)(?:\.(?P<name>\w+))?(?:\[(?P<index>\d+)\])?(?:\.(?P<part>\w+))?$")
_STILL_CITED = re.compile(r"^(?P<target>\S+) is dropped but (?P<article>\S+) still cites it \((?P<ref>[^)]*)\)")
_CJK = re.compile(r"[\u4e00-\u9fff]")


def _is_chinese(message: str) -> bool:
    return bool(_CJK.search(message)) and not re.search(r"[A-Za-z]{3,}", message)


def notice(problem, raw: dict, replace_rows: list[int], add_rows: list[int]) -> Notice:
    """A problem the spec's checks found (`generate.spec.Problem`, keyed like
    articles.replace[0].article), told in one line of Chinese and tied to its field.
    The spec's own words are used where they are Chinese; its English ones (written
    for the TOML file's reader) are said again here."""
    m = _KEY.match(problem.key)
    table, name, part = (m["table"], m["name"], m["part"]) if m else ("", None, None)
    index = int(m["index"]) if m and m["index"] is not None else None
    articles = raw.get("articles", {})
    if table == "articles" and name in ("replace", "add") and index is not None:
        rows = replace_rows if name == "replace" else add_rows
        row = rows[index] if index < len(rows) else index
        entry = articles[name][index] if index < len(articles[name]) else {}
        field_id = f"{name}-{'text' if part == 'text' else 'article' if name == 'replace' else 'after'}-{row}"
        return Notice(field_id, _row_name(name, row) + _row_said(problem.message, name, part, entry.get("article") or entry.get("after") or ""))
    field_id = {"articles": "drop", "exclusions": "remove" if name == "remove" else "add_exclusions"}.get(table, name or "")
    label = _(FIELD_NAMES[field_id]) + "：" if field_id in FIELD_NAMES else ""
    if _is_chinese(problem.message):
        return Notice(field_id if label else "", label + problem.message)
    if table == "articles":
        cited = _STILL_CITED.match(problem.message)
        if cited:
            said = _("删除了{target}，但{article}仍引用它（{ref}）；请一并删除或替换{article}。").format(**cited.groupdict())
        elif name == "drop" and index is not None and index < len(articles.get("drop", [])):
            said = _("基础条款中没有{article}。").format(article=articles["drop"][index])
        else:
            said = _("请检查所选条款。")
    elif table == "exclusions":
        said = _("基础条款没有这项责任免除。") if name == "remove" else _("基础条款没有“责任免除”一章，无法增加责任免除。")
    elif table == "schedule" and label:
        said = _schedule_said(name or "", raw.get("schedule", {}))
    elif table == "wording" and label:
        said = _("请填写文字。")
    else:  # a problem this form cannot cause
        return Notice("", _("请检查所填内容。"))
    return Notice(field_id, label + said)


def _row_said(message: str, kind: str, part: str | None, where: str) -> str:
    if _is_chinese(message):
        return message
    if part == "text":
        return _("请填写新的条文。")
    if kind == "replace" and "also dropped" in message:
        return _("{article}已勾选删除，不能同时替换；请取消删除或另选一条。").format(article=where)
    if kind == "replace":
        return _("基础条款中没有{article}。").format(article=where)
    return _("基础条款中没有“{place}”这一条或这一章。").format(place=where)


def _yuan(value: float) -> str:
    return f"{value:,.0f}" if value == int(value) else f"{value:,.2f}"


def _schedule_said(name: str, schedule: dict) -> str:
    limits = [schedule[k] for k in ("limit_per_occurrence", "limit_per_patent") if isinstance(schedule.get(k), (int, float))]
    if name == "deductible_amount" and limits:
        return _("{amount} 元不低于赔偿限额 {limit} 元；免赔额应小于赔偿限额。").format(amount=_yuan(schedule[name]), limit=_yuan(min(limits)))
    if name == "limit_aggregate" and limits:
        return _("{amount} 元低于每次事故或每件专利赔偿限额 {limit} 元；累计赔偿限额不应低于它。").format(amount=_yuan(schedule[name]), limit=_yuan(max(limits)))
    said = {
        "period_end": _("应晚于保险期间起。"),
        "retroactive_date": _("不应晚于保险期间起。"),
        "deductible_rate": _("应在 0% 至 100% 之间（不含 100%）。"),
    }
    return said.get(name) or (_("金额不能为负数。") if name in NUMBER_FIELDS else _("请检查所填内容。"))


# The order of the form, so the problems are listed as the visitor meets the fields.
_FORM_ORDER = ("product", "version", "drop", "replace-", "add-", "remove", "add_exclusions", "insured", "territory", *NUMBER_FIELDS, *DATE_FIELDS)


def _in_form_order(notices: list[Notice]) -> list[Notice]:
    def place(n: Notice) -> tuple[int, str]:
        at = next((k for k, f in enumerate(_FORM_ORDER) if n.field == f or (f.endswith("-") and n.field.startswith(f))), len(_FORM_ORDER))
        return at, n.field.rsplit("-", 1)[-1].zfill(3) if n.field[-1:].isdigit() else ""

    return sorted(dict.fromkeys(notices), key=place)


def _page(request: Request, bench: Workbench, doc: ClauseDocument, base: int, state: FormState, notices=(), more: str = "", status: int = 200):
    return bench.page(
        request, "generate.html", status, doc=doc, base=base, choices=choices(doc), state=state, notices=list(notices),
        invalid={n.field for n in notices}, replace_rows=shown_rows(state.replace, more == "replace"), add_rows=shown_rows(state.add, more == "add"),
    )  # fmt: skip


@router.get("/generate")
def generate_form(request: Request, base: Annotated[int | None, Query(ge=1)] = None):
    from tiaokuan.clauses_db import Filters

    bench: Workbench = request.app.state.bench
    if base is None:
        return bench.page(request, "generate_pick.html", products=bench.db.products(Filters()))
    return _page(request, bench, bench.document(base), base, FormState())


@router.post("/generate")
async def generate_submit(request: Request):
    bench: Workbench = request.app.state.bench
    form = await request.form()
    if not bench.csrf_ok(request, form.get("csrf")):
        raise HTTPException(403, "表单已失效（缺少或错误的安全令牌）。请刷新页面后重新提交。")
    try:
        base_id = int(str(form.get("base", "")))
    except ValueError:
        raise HTTPException(400, "缺少基础条款。") from None
    doc = await run_in_threadpool(bench.document, base_id)
    state = read_form(form)
    more = str(form.get("more") or "")
    if more in ("replace", "add"):  # another empty row asked for: the form again, nothing checked yet
        return _page(request, bench, doc, base_id, state, more=more)
    return await run_in_threadpool(_generate, request, bench, doc, base_id, state)


def _generate(request: Request, bench: Workbench, doc: ClauseDocument, base_id: int, state: FormState):
    """Check the spec the form gave, then build and write the wording (blocking work, in the thread pool)."""
    from tiaokuan.generate import OutputFormat, build, check_against_base, spec_from_dict, write

    raw, notices, replace_rows, add_rows = to_spec(state, base_id)
    spec, problems = spec_from_dict(raw)
    problems += check_against_base(spec, doc) if spec else []
    notices += [notice(p, raw, replace_rows, add_rows) for p in problems]
    if notices:
        return _page(request, bench, doc, base_id, state, _in_form_order(notices), status=400)
    wording = build(spec, doc, f"database version {base_id}")
    name = re.sub(r"[^\w（）()\-]", "_", wording.document.product or "wording")[:60] + ".docx"
    return send_file(lambda path: write(wording, path, OutputFormat.DOCX), name, DOCX)
