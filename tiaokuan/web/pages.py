"""The workbench's pages: search, product, compare, diff, upload, catalog (the
generate form is `generate_page.py`).

Routes are thin: they read the query or form, call the library (clauses_db,
compare, generate) and render a template. Ids in paths are integers by type;
every choice that reaches the library is checked against a closed set.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import FileResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile as StarletteUpload

from tiaokuan.errors import TiaokuanError, TooLargeError, UnsupportedFormatError
from tiaokuan.i18n import _
from tiaokuan.model import LINES_OF_BUSINESS, Article, EntityType, SectionType

from .charts import catalog_charts
from .compare_view import Anchors, article_anchor, cell_text, matrix_citations, summary, versus
from .messages import chinese
from .workbench import DOCX, UPLOAD_SUFFIXES, XLSX, Workbench, send_file

router = APIRouter()
Id = Annotated[int, Query(ge=1, le=2**31)]
Text = Annotated[str | None, Query(max_length=200)]
LINES = LINES_OF_BUSINESS
SECTIONS = tuple(t.value for t in SectionType)


def _bench(request: Request) -> Workbench:
    return request.app.state.bench


def _choice(value: str | None, allowed: tuple[str, ...], name: str) -> str | None:
    if value in (None, ""):
        return None
    if value not in allowed:
        raise HTTPException(400, f"参数 {name} 的值不在可选范围内。")
    return value


# -- search ---------------------------------------------------------------------------
@router.get("/")
def search_page(request: Request, q: Text = None, insurer: Text = None, product: Text = None, section: Text = None, line: Text = None, version: Text = "latest"):
    from tiaokuan.clauses_db import Filters

    bench = _bench(request)
    filters = Filters(insurer=insurer or None, product=product or None, section_type=_choice(section, SECTIONS, "section"), line=_choice(line, LINES, "line"), version=_choice(version, ("latest", "all"), "version") or "latest")
    hits = bench.db.search(q, filters, limit=50) if q and q.strip() else []
    return bench.page(request, "search.html", q=q or "", hits=hits, anchors=_hit_anchors(bench, hits), inferred_label=_inferred_label, filters=filters, sections=SECTIONS, lines=LINES, snippet=_snippet)


def _hit_anchors(bench: Workbench, hits) -> dict[int, str]:
    """Each hit's article (by its database id) as the product page's anchor: the
    article's place in its version, in the order the version is loaded."""
    from sqlalchemy import select

    from tiaokuan.clauses_db import schema

    versions = {h.version_id for h in hits}
    if not versions:
        return {}
    a = schema.articles
    query = select(a.c.id, a.c.version_id).where(a.c.version_id.in_(versions)).order_by(a.c.version_id, a.c.section_id, a.c.position)
    anchors, seen = {}, dict.fromkeys(versions, 0)
    with bench.db.read() as conn:
        for article_id, version_id in conn.execute(query):
            anchors[article_id] = article_anchor(seen[version_id])
            seen[version_id] += 1
    return anchors


def _snippet(text: str) -> list[tuple[str, bool]]:
    """The snippet cut at its 【】 marks into (text, matched) pieces; the template escapes them."""
    out = []
    for k, piece in enumerate(re.split(r"[【】]", text)):
        if piece:
            out.append((piece, k % 2 == 1))
    return out


# -- product ------------------------------------------------------------------------------
@dataclass(frozen=True)
class Seg:
    text: str
    bold: bool = False
    term: str | None = None  # the 释义 text of a defined term used here


def _segments(article: Article, definitions: dict[str, str]) -> list[list[Seg]]:
    """The article's lines as segments: bold where the source was bold, defined terms
    carrying their definition (shown on hover)."""
    text = article.text
    cuts = {0, len(text)}
    bold = [(s.start, s.end) for s in article.bold]
    terms = [(e.start, e.end, definitions.get(str(e.value))) for e in article.entities if e.type is EntityType.DEFINED_TERM and definitions.get(str(e.value))]
    for start, end in bold + [(s, e) for s, e, _term in terms]:
        cuts |= {max(0, min(start, len(text))), max(0, min(end, len(text)))}
    for k, ch in enumerate(text):
        if ch == "\n":
            cuts |= {k, k + 1}
    points = sorted(cuts)
    lines: list[list[Seg]] = [[]]
    for a, b in pairwise(points):
        piece = text[a:b]
        if piece == "\n":
            lines.append([])
            continue
        is_bold = any(s <= a and b <= e for s, e in bold)
        term = next((d for s, e, d in terms if s <= a and b <= e), None)
        lines[-1].append(Seg(piece, is_bold, term))
    return lines


@router.get("/product/{version_id}")
def product_page(request: Request, version_id: int):
    from tiaokuan.clauses_db import Filters
    from tiaokuan.compare import Status
    from tiaokuan.compare.matrix import TERM_ROWS, term_cell
    from tiaokuan.text.vocab import TERM_FIELD_NAMES

    bench = _bench(request)
    if not 1 <= version_id <= 2**31:
        raise HTTPException(404)
    doc = bench.document(version_id)
    this = bench.db.version(version_id)
    others = [p for p in bench.db.products(Filters(product=this.product, version="all")) if p.product == this.product and p.insurer == this.insurer]
    # Versions are named by their label or 注册号; two that share one (the same filing
    # read from two files) are told apart by the file each was read from.
    names = [p.version_label or p.registration_no or _("版本 {n}").format(n=p.version_id) for p in others]
    others = [(p, f"{n}（{Path(p.source).name}）" if names.count(n) > 1 else n) for p, n in zip(others, names, strict=True)]
    definitions = {d.term: d.text for d in doc.definitions}
    labels = dict(TERM_ROWS)
    anchors = Anchors(doc, version_id)
    terms = []
    for key, _value in doc.semantics.term_sheet if doc.semantics else ():
        cell = term_cell(doc, key)
        silent = cell.status is Status.SILENT
        name = _(labels.get(key) or TERM_FIELD_NAMES.get(key) or "其他要素")
        terms.append((name, cell_text(cell), anchors.pieces(cell.cite) if cell.cite else [], silent))
    # Each article's anchor counts over the whole document (article_anchor), so it is
    # unique where a rider or a second part numbers its articles from 第一条 again.
    sections, k, part = [], 0, None
    for s in doc.sections:
        # A part's heading (第一部分 …) is printed where the part begins, not over each of its chapters.
        opens_part = bool(s.part) and s.part != part and s.part != s.heading
        sections.append((s, opens_part, [(article_anchor(k + j), a, _segments(a, definitions), _inferred(a)) for j, a in enumerate(s.articles)]))
        k, part = k + len(s.articles), s.part
    return bench.page(request, "product.html", doc=doc, this=this, others=others, sections=sections, terms=terms, version_id=version_id)


def _inferred(article: Article) -> str | None:
    """The number of an article whose copy lost its label (第五条), as comparisons cite
    it, so a reader who follows such a citation finds it; None for a printed label."""
    from tiaokuan.text.labels import int_to_cn

    return f"第{int_to_cn(article.number)}条" if article.label is None and article.number is not None else None


def _inferred_label(number: int) -> str:
    from tiaokuan.compare.units import INFERRED_MARK
    from tiaokuan.text.labels import int_to_cn

    return f"第{int_to_cn(number)}条{INFERRED_MARK}"


@router.get("/source/{version_id}")
def source_file(request: Request, version_id: int):
    """The stored source file of a version, when it is still where it was ingested from."""
    bench = _bench(request)
    source = bench.db.load_source(version_id)
    path = Path(source.path)
    if not path.is_file():
        raise HTTPException(404, f"源文件已不在原处（{path.name}）。")
    return FileResponse(path, filename=path.name)


# -- compare ---------------------------------------------------------------------------
def _products(request: Request, ids: list[int]):
    from tiaokuan.clauses_db import ClauseFinder
    from tiaokuan.compare import Product, column_names
    from tiaokuan.parse.sister import lost_numbering

    bench = _bench(request)
    docs = [bench.document(i) for i in ids]
    if any(lost_numbering(d) for d in docs) and not all(lost_numbering(d) for d in docs):
        # Read as `tiaokuan compare` reads them: a copy that lost its labels beside
        # the labelled products (ClauseFinder.resolve_all).
        docs = [r.document for r in ClauseFinder(bench.db).resolve_all([str(i) for i in ids])]
    names = column_names([bench.db.version(i).product for i in ids], docs)
    return [Product(n, d) for n, d in zip(names, docs, strict=True)]


@router.get("/compare")
def compare_page(request: Request, v: Annotated[list[int], Query(max_length=10)] = []):  # noqa: B006 (FastAPI reads the default)
    from tiaokuan.clauses_db import Filters
    from tiaokuan.compare import compare_products

    bench = _bench(request)
    ids = list(dict.fromkeys(v))
    if len(ids) < 2:
        # Asked with too few products (a link, a bookmark, one box ticked): say so on the picker.
        message = _("请至少选择两个产品进行比较（当前只选了 {n} 个）。").format(n=len(ids)) if v else ""
        return bench.page(request, "compare_pick.html", 400 if v else 200, products=bench.db.products(Filters()), chosen=ids, message=message)
    if len(ids) > 10:
        raise HTTPException(400, "一次最多比较 10 个产品。")
    from tiaokuan.compare.compare_out import difference_header

    products = _products(request, ids)
    result = compare_products(products)
    docs = [p.doc for p in products]
    return bench.page(
        request, "compare.html", result=result, ids=ids, summary=summary(result, ids, docs),
        cites=matrix_citations(result, ids, docs), cell_text=cell_text, named=list(zip(result.products, ids, strict=True)), versus=versus(result.products), header=difference_header(result.products),
    )  # fmt: skip


@router.get("/compare/download")
def compare_download(request: Request, v: Annotated[list[int], Query(min_length=2, max_length=10)], format: Annotated[str, Query(pattern="^(xlsx|docx)$")] = "xlsx"):
    from tiaokuan.compare import compare_products
    from tiaokuan.compare.compare_out import to_docx, to_xlsx

    result = compare_products(_products(request, list(dict.fromkeys(v))))
    return send_file(lambda path: (to_xlsx if format == "xlsx" else to_docx)(result, path), f"comparison.{format}", XLSX if format == "xlsx" else DOCX)


# -- diff ------------------------------------------------------------------------------------
@router.get("/diff")
def diff_page(
    request: Request,
    old: Annotated[int | None, Query(ge=1)] = None,
    new: Annotated[int | None, Query(ge=1)] = None,
    layout: Annotated[str, Query(pattern="^(inline|side-by-side)$")] = "inline",
    changed: bool = False,
):
    from tiaokuan.clauses_db import Filters
    from tiaokuan.compare import redline
    from tiaokuan.compare.redline_doc import heading, summary
    from tiaokuan.compare.redline_out import side

    bench = _bench(request)
    if old is None or new is None or old == new:
        message = "" if old is None and new is None else _("请选择两个不同的版本进行对比。") if old == new else _("请同时选择旧版本和新版本。")
        return bench.page(request, "diff_pick.html", 400 if message else 200, products=bench.db.products(Filters(version="all")), old=old, new=new, message=message)
    products = _products(request, [old, new])
    result = redline(products[0].doc, products[1].doc)
    articles = result.changed() if changed else result.articles
    return bench.page(
        request, "diff.html", result=result, articles=articles, old=old, new=new, names=(products[0].name, products[1].name),
        heading=heading, summary=summary(result), side=side, layout=layout, changed=changed,
    )  # fmt: skip


@router.get("/diff/download")
def diff_download(request: Request, old: Id, new: Id, changed: bool = False):
    from tiaokuan.compare import redline
    from tiaokuan.compare.redline_out import to_docx

    products = _products(request, [old, new])
    result = redline(products[0].doc, products[1].doc)
    write = lambda path: to_docx(result, products[0].name, products[1].name, path, changed_only=changed)  # noqa: E731
    return send_file(write, "redline.docx", DOCX)


# -- upload -----------------------------------------------------------------------------------
@router.get("/upload")
def upload_form(request: Request):
    bench = _bench(request)
    if bench.settings.read_only:
        raise HTTPException(403, "本工作台以只读方式运行，不接受上传。")
    return bench.page(request, "upload.html", limit_mb=bench.settings.max_upload_bytes // (1024 * 1024), suffixes=UPLOAD_SUFFIXES)


@router.post("/upload")
async def upload_submit(request: Request):
    bench = _bench(request)
    if bench.settings.read_only:
        raise HTTPException(403, "本工作台以只读方式运行，不接受上传。")
    limit = bench.settings.max_upload_bytes
    too_big = HTTPException(413, f"文件超过 {limit // (1024 * 1024)} MB 的上限。")
    # Refused before the body is read when the client says how big it is.
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit + 64 * 1024:
        raise too_big
    form = await request.form(max_files=1, max_fields=4)
    file = form.get("file")
    if not bench.csrf_ok(request, str(form.get("csrf") or "")):
        raise HTTPException(403, "表单已失效（缺少或错误的安全令牌）。请刷新页面后重新提交。")
    if not isinstance(file, StarletteUpload):
        raise HTTPException(400, "请选择要上传的文件。")
    suffix = Path(file.filename or "").suffix.lower()
    if suffix not in UPLOAD_SUFFIXES:
        raise HTTPException(415, f"只接受 {'、'.join(UPLOAD_SUFFIXES)} 文件。")
    data = await file.read(limit + 1)
    if len(data) > limit:
        raise too_big
    name = Path(file.filename or "").name[:120]
    return await run_in_threadpool(_queue_upload, bench, data, suffix, name)


def _queue_upload(bench: Workbench, data: bytes, suffix: str, name: str) -> RedirectResponse:
    """What is quick to check is checked here, in one line of Chinese; the file is
    then stored under a generated name and read in the worker process."""
    from tiaokuan.parse import ParseOptions, check_input

    try:
        check_input(data, name, ParseOptions())
    except TiaokuanError as exc:
        raise HTTPException(413 if isinstance(exc, TooLargeError) else 415 if isinstance(exc, UnsupportedFormatError) else 400, chinese(exc)) from None
    # The client's file name never reaches the filesystem.
    folder = bench.settings.data_dir / "uploads"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{uuid.uuid4().hex}{suffix}"
    path.write_bytes(data)
    job = bench.jobs.submit(path, name)
    return RedirectResponse(f"/upload/{job.id}", status_code=303)


@router.get("/upload/{job_id}")
def upload_progress(request: Request, job_id: str):
    """Where an upload stands: a page that reloads itself while the file is read,
    the product page once it is stored, the reason when it could not be."""
    from .jobs import JobState

    bench = _bench(request)
    job = bench.jobs.get(job_id)
    if job is None:
        raise HTTPException(404, "没有这个上传任务（任务编号有误，或服务器已重启）。请重新上传。")
    if job.state is JobState.DONE:
        return RedirectResponse(f"/product/{job.version_ids[0]}", status_code=303)
    status = 422 if job.state is JobState.FAILED else 200
    return bench.page(request, "upload_job.html", status, job=job, states=JobState)


# -- catalog ------------------------------------------------------------------------------------
@router.get("/catalog")
def catalog_page(request: Request, line: Text = None):

    bench = _bench(request)
    line = _choice(line, LINES, "line")
    products, charts = _catalog(bench, line, bench.db.generation())
    return bench.page(request, "catalog.html", products=products, charts=charts, line=line or "", lines=LINES)


def _catalog(bench: Workbench, line: str | None, generation: tuple[int, int]):
    """The catalog's products and charts, computed once per line until a version is added."""
    from tiaokuan.clauses_db import Filters

    cache = bench.catalog_cache
    if cache.get("generation") != generation:
        cache.clear()
        cache["generation"] = generation
    if line not in cache:
        products = bench.db.products(Filters(line=line))
        everything = bench.db.products(Filters(version="all"))
        cache[line] = (products, catalog_charts(products, everything, bench.db.exclusion_counts([p.version_id for p in products])))
    return cache[line]


@router.get("/favicon.ico")
def favicon() -> Response:
    return Response(status_code=204)
