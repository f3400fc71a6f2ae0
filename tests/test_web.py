"""The web workbench: every page through the framework's test client (statuses,
escaping, CSRF, read-only, upload limits), and the whole flow in a real headless
Chromium against a real server on loopback, with a screenshot of every page."""

from __future__ import annotations

import html
import io
import re
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from docx import Document
from fastapi.testclient import TestClient
from openpyxl import load_workbook

from tiaokuan.clauses_db import ClauseDB
from tiaokuan.web import WebSettings, create_app

from .conftest import ROOT, SAMPLES
from .damaged import damage_docx_member, docx_with_document_of, pdf_with_content_of

ARTIFACTS = ROOT / "test-artifacts" / "web"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="module")
def web_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("web") / "clauses.db"
    with ClauseDB(str(path)) as db:
        db.ingest([SAMPLES])
    return path


def _client(db: Path, tmp_path: Path, **settings) -> TestClient:
    app = create_app(WebSettings(db_url=str(db), data_dir=tmp_path / "data", **settings))
    return TestClient(app, raise_server_exceptions=False)


def _csrf(page: str) -> str:
    return re.search(r'name="csrf" value="([0-9a-f]+)"', page).group(1)


def _version_ids(client: TestClient) -> dict[str, int]:
    return _version_ids_of(client.get("/catalog").text)


def _version_ids_of(catalog_page: str) -> dict[str, int]:
    return {name: int(i) for i, name in re.findall(r'<a href="/product/(\d+)">([^<]+)</a>', catalog_page)}


def test_every_page_answers(web_db: Path, tmp_path: Path) -> None:
    client = _client(web_db, tmp_path)
    ids = _version_ids(client)
    patent, multipart = ids["澄川专利执行保险"], ids["澄川知识产权综合保险"]
    pages = {
        "/": "搜索", "/?q=免赔额": "免赔额", "/catalog": "产品目录", "/compare": "选择 2 至 10 个产品",
        f"/compare?v={patent}&v={multipart}": "主要差异", "/diff": "旧版本", f"/product/{patent}": "条款要素",
        "/generate": "选择基础条款", f"/generate?base={patent}": "保险单明细表", "/upload": "上传条款",
    }  # fmt: skip
    for url, expect in pages.items():
        r = client.get(url)
        assert r.status_code == 200, url
        assert expect in r.text, url
        assert r.headers["content-security-policy"].startswith("default-src 'self'")
        assert "cdn" not in r.text.lower() and "<script" not in r.text, url
    from tiaokuan.model import LINES_OF_BUSINESS
    from tiaokuan.text.vocab import say

    assert all(say(line) != line for line in LINES_OF_BUSINESS)  # every line has its Chinese name
    for line in LINES_OF_BUSINESS:
        assert client.get(f"/catalog?line={line}").status_code == 200 and client.get(f"/?q=保险&line={line}").status_code == 200
    hits = client.get("/?q=免赔额").text
    assert "<mark>免赔额</mark>" in hits
    charts = client.get("/catalog").text
    assert charts.count("<svg") == 3 and "责任免除热力图" in charts


def test_errors_are_pages_with_the_right_status(web_db: Path, tmp_path: Path) -> None:
    client = _client(web_db, tmp_path)
    for url, status in (("/product/99999", 404), ("/nowhere", 404), ("/?section=bogus", 400), ("/compare?v=abc", 400), ("/product/abc", 400), ("/diff?old=1&new=x", 400), ("/?q=" + "长" * 500, 400)):
        r = client.get(url)
        assert r.status_code == status, url
        assert "Traceback" not in r.text and 'class="error"' in r.text, url
    eleven = "&".join(f"v={i}" for i in range(1, 12))
    assert client.get(f"/compare?{eleven}").status_code == 400


def test_product_page_reads_like_the_clause(web_db: Path, tmp_path: Path) -> None:
    client = _client(web_db, tmp_path)
    ids = _version_ids(client)
    page = client.get(f"/product/{ids['集成电路布图设计专有权保险']}").text
    assert "<b>" in page and 'class="sec sec-exclusions"' in page  # the source's bold exclusions
    patent = client.get(f"/product/{ids['澄川专利执行保险']}").text
    assert re.search(r'<abbr title="指除投保人、被保险人及其关联方、雇员以外的任何自然人、法人或非法人组织。">第三方</abbr>', patent)
    assert "出险通知" in patent and "其他版本" in patent  # 2026版 and 2027版 of one product
    source = client.get(f"/source/{ids['澄川专利执行保险']}")
    assert source.status_code == 200 and len(source.content) > 1000


def _articles(page: str) -> dict[str, str]:
    """A product page's articles by anchor: their text as read (tags, page links and blanks taken off)."""
    found = re.finditer(r'<div class="art" id="([\w-]+)">(.*?)</div>', page, re.S)
    return {m[1]: html.unescape(re.sub(r'<a class="page"[^>]*>.*?</a>|<[^>]+>|\s', "", m[2])) for m in found}


@pytest.fixture(scope="module")
def misnumbered_db(web_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample database and one clause more whose insurer printed 第六条 twice (the
    second was to be 第七条), as filed clauses sometimes do: its citations repeat too."""
    where = tmp_path_factory.mktemp("misnumbered")
    shutil.copy(web_db, where / "clauses.db")
    text = (SAMPLES / "bold-exclusions.txt").read_text(encoding="utf-8")
    assert "第七条　下列损失" in text
    text = text.replace("集成电路布图设计专有权保险条款", "集成电路布图设计专有权保险（重号）条款", 1).replace("第七条　下列损失", "第六条　下列损失", 1)
    (where / "misnumbered.txt").write_text(text, encoding="utf-8")
    with ClauseDB(str(where / "clauses.db")) as db:
        db.ingest([where / "misnumbered.txt"])
    return where / "clauses.db"


def test_every_article_has_its_own_anchor(misnumbered_db: Path, tmp_path: Path) -> None:
    client = _client(misnumbered_db, tmp_path)
    with ClauseDB(str(misnumbered_db)) as db:
        for name, version in _version_ids(client).items():
            anchors = list(_articles(client.get(f"/product/{version}").text))
            assert anchors == [f"a-{k}" for k in range(1, len(db.load(version).articles) + 1)], name


def test_compare_citations_link_to_the_article_they_cite(misnumbered_db: Path, tmp_path: Path) -> None:
    from tiaokuan.compare import Product, column_names, compare_products
    from tiaokuan.text.labels import cn_to_int
    from tiaokuan.web.compare_view import summary

    client = _client(misnumbered_db, tmp_path)
    ids = _version_ids(client)
    pairs = [(ids["集成电路布图设计专有权保险（重号）"], ids["澄川专利执行保险"]), (ids["澄川专利执行保险"], ids["澄川知识产权综合保险"]), (ids["商标被侵权损失保险"], ids["地理标志被侵权损失保险"], ids["植物新品种权保险"])]
    pages: dict[str, dict[str, str]] = {}
    db = ClauseDB(str(misnumbered_db))
    for chosen in pairs:
        page = client.get("/compare?" + "&".join(f"v={i}" for i in chosen)).text
        links = re.findall(r'<a class="cite" href="/product/(\d+)#a-(\d+)">([^<]+)</a>', page)
        assert not re.findall(r'<span class="cite">', page), "a citation without its link"
        assert len({version for version, _, _ in links}) == len(chosen)
        # In the table of differences each product keeps its column, citing only its own articles.
        rows = re.findall(r'<tr id="row-\d+">(.*?)</tr>', page, re.S)
        assert rows
        for row in rows:
            cells = re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)
            assert len(cells) == 3 + len(chosen)
            for version, cell in zip(chosen, cells[3:], strict=True):
                assert set(re.findall(r'href="/product/(\d+)#', cell)) <= {str(version)}
        for version, index, cite in links:
            articles = pages.setdefault(f"/product/{version}", _articles(client.get(f"/product/{version}").text))
            assert f"a-{index}" in articles, (version, index, cite)
            # The article cited: its printed label, or the number a lost label was read as.
            article = db.load(int(version)).articles[int(index) - 1]
            label = re.match(r"第([^条]+)条", cite)
            if label:
                assert article.label == label.group(0) or (article.label is None and article.number == cn_to_int(label.group(1))), (cite, article.label)
    # Where a citation repeats (第六条（一） of both 第六条), the wording tells which article is meant.
    chosen = list(pairs[0])
    docs = [db.load(i) for i in chosen]
    cmp = compare_products([Product(n, d) for n, d in zip(column_names([db.version(i).product for i in chosen], docs), docs, strict=True)])
    db.close()
    said = [(c, side) for g in summary(cmp, chosen, docs).groups for line in g.lines for side in line.sides for c in side.citations[:1]]
    for citation, side in said:
        path, anchor = citation.href.split("#")
        wording = re.sub(r"\[-|-\]|\{\+|\+\}|\s", "", side.marked)
        assert wording[:30] in pages[path][anchor], (citation, wording[:30])
    twice = {c.href for c, _ in said if c.text.startswith("第六条（") and c.href.startswith(f"/product/{chosen[0]}#")}
    assert len(twice) == 2


def test_a_search_hit_opens_at_its_article(web_db: Path, tmp_path: Path) -> None:
    client = _client(web_db, tmp_path)
    hits = re.findall(r'<a href="/product/(\d+)#(a-\d+)"><b>[^<]*</b>[^<]*· ([^<]+)</a>', client.get("/?q=免赔额").text)
    assert len(hits) >= 10
    pages: dict[str, dict[str, str]] = {}
    for version, anchor, label in hits:
        articles = pages.setdefault(version, _articles(client.get(f"/product/{version}").text))
        printed = re.match(r"第[^条]+条", label).group(0)  # printed, or inferred where the copy lost it (shown so on the page)
        assert articles[anchor].startswith(printed) or articles[anchor].startswith(f"〔{printed}〕"), (label, articles[anchor][:20])
        assert "免赔" in articles[anchor]


def test_the_compare_page_numbers_its_differences_as_the_workbook_does(web_db: Path, tmp_path: Path) -> None:
    client = _client(web_db, tmp_path)
    ids = _version_ids(client)
    query = f"v={ids['澄川专利执行保险']}&v={ids['澄川知识产权综合保险']}"
    page = client.get(f"/compare?{query}").text
    shown = dict(re.findall(r'<tr id="row-(\d+)"><td class="number"><a[^>]*>\d+</a></td><td>([^<]+)</td>', page))
    sheet = load_workbook(io.BytesIO(client.get(f"/compare/download?{query}&format=xlsx").content))["主要差异"]
    header = [c.value for c in sheet[1]]
    at = {name: header.index(name) for name in ("序号", "维度", "差异")}
    rows = {str(r[at["序号"]]): f"{r[at['维度']]}·{r[at['差异']]}" for r in sheet.iter_rows(min_row=2, values_only=True)}
    assert len(shown) >= 20 and all(rows[number] == said for number, said in shown.items())
    # The page's headings are the dimensions, in the order a comparison is read, each once.
    from tiaokuan.compare.units import DIMENSION_NAMES

    headings = re.findall(r'<section class="dimension" id="dim-\d+"><h3>([^<]+?) <span', page)
    order = list(DIMENSION_NAMES.values())
    assert len(headings) == len(set(headings)) >= 5 and headings == sorted(headings, key=order.index)


def test_too_few_products_are_told_why(web_db: Path, tmp_path: Path) -> None:
    client = _client(web_db, tmp_path)
    one = _version_ids(client)["澄川专利执行保险"]
    for url in (f"/compare?v={one}", f"/compare?v={one}&v={one}"):
        r = client.get(url)
        assert r.status_code == 400 and "请至少选择两个产品进行比较" in r.text, url
        assert re.search(rf'value="{one}" id="v{one}" checked', r.text)  # the choice is kept
    assert "请至少选择" not in client.get("/compare").text
    for url, words in ((f"/diff?old={one}", "请同时选择旧版本和新版本"), (f"/diff?old={one}&new={one}", "请选择两个不同的版本")):
        r = client.get(url)
        assert r.status_code == 400 and words in r.text and "<select" in r.text, url


def test_the_catalog_legend_names_every_swatch(web_db: Path, tmp_path: Path) -> None:
    from collections import Counter

    from tiaokuan.web.charts import stacked_bars

    client = _client(web_db, tmp_path)
    page = client.get("/catalog").text
    insurers = {m for m in re.findall(r"<td>([^<]*保险[^<]*公司)</td>", page)}
    assert insurers and all(f">{name}</text>" in page for name in insurers)
    # What the sample corpus lacks: a product without an insurer, a line with no
    # Chinese name, more insurers than colours.
    counts = {"ip": Counter({"": 2, **{f"第{k}家财产保险股份有限公司": 1 for k in range(10)}}), "marine": Counter({"某财产保险股份有限公司": 1})}
    svg = stacked_bars(counts, "产品数").svg
    legend = re.findall(r'<rect x="[\d.]+" y="[\d.]+" width="12" height="12" fill="(#\w+)"><title>([^<]*)</title></rect><text[^>]*>([^<]*)</text>', svg)
    assert legend and all(text.strip() and re.search(r"[\u4e00-\u9fff]", text) for _, _, text in legend), legend
    assert len({fill for fill, _, _ in legend}) == len(legend), "two legend entries share a colour"
    assert "未注明保险公司" in svg and "其他保险公司" in svg and ">marine<" not in svg and ">其他</text>" in svg


def test_downloads_open(web_db: Path, tmp_path: Path) -> None:
    client = _client(web_db, tmp_path)
    ids = _version_ids(client)
    a, b = ids["澄川专利执行保险"], ids["澄川知识产权综合保险"]
    xlsx = client.get(f"/compare/download?v={a}&v={b}&format=xlsx")
    assert xlsx.status_code == 200 and load_workbook(io.BytesIO(xlsx.content)).sheetnames == ["主要差异", "逐项差异", "条款要素", "责任免除", "保障费用"]
    docx = client.get(f"/diff/download?old={a}&new={b}")
    assert Document(io.BytesIO(docx.content)).paragraphs[0].text


def test_generate_form(web_db: Path, tmp_path: Path) -> None:
    client = _client(web_db, tmp_path)
    base = _version_ids(client)["澄川专利执行保险"]
    form = client.get(f"/generate?base={base}").text
    token = _csrf(form)
    no_token = client.post("/generate", data={"base": str(base)})
    assert no_token.status_code == 403 and "安全令牌" in no_token.text
    good = client.post("/generate", data={"csrf": token, "base": str(base), "product": "澄川专利执行保险（网页定制）", "drop": ["第八条"], "remove": ["licensed_use"], "insured": "某某科技", "limit_per_patent": "500000"})
    assert good.status_code == 200 and good.headers["content-type"].startswith("application/vnd.openxmlformats")
    texts = [p.text for p in Document(io.BytesIO(good.content)).paragraphs]
    assert "澄川专利执行保险（网页定制）条款" in texts and "保险单明细表" in texts


def _notices(page: str) -> dict[str, str]:
    """The problems a form lists: the field each is about (its input's id) → the line."""
    listed = re.search(r'<div class="problems" role="alert">(.*?)</div>', page, re.S)
    return dict(re.findall(r'<li><a href="#([\w-]+)">([^<]+)</a></li>', listed.group(1))) if listed else {}


def test_the_generate_form_replaces_and_adds_articles_as_a_spec_does(web_db: Path, tmp_path: Path) -> None:
    from tiaokuan.parse import parse_file

    client = _client(web_db, tmp_path)
    base = _version_ids(client)["澄川专利执行保险"]
    form = client.get(f"/generate?base={base}").text
    token = _csrf(form)
    # One row of each, as a browser without script sends them; the choices are the base's own.
    assert 'name="replace_article"' in form and 'name="add_after"' in form and '<option value="第八条">' in form and '<option value="责任免除">' in form
    old = re.search(r'<option value="第八条">第八条 ([^<]+)</option>', form).group(1).rstrip("…")
    new = "被保险人因其雇员的故意行为所致的损失，保险人不负责赔偿。"
    added, at_end = "被保险人应当妥善保管与保险专利有关的全部证据原件。", "保险人应当对被保险人提供的商业秘密承担保密义务。"
    # "再新增一条" posts the form back with one more empty row, what was typed kept.
    more = client.post("/generate", data={"csrf": token, "base": str(base), "replace_article": "第八条", "replace_text": new, "add_after": "第九条", "add_text": added, "more": "add"})
    assert more.status_code == 200 and more.text.count('name="add_after"') == 2 and added in more.text and new in more.text
    done = client.post("/generate", data={"csrf": token, "base": str(base), "replace_article": ["第八条"], "replace_text": [new], "add_after": ["第九条", "责任免除"], "add_text": [added, at_end]})
    assert done.status_code == 200, _notices(done.text)
    wording = tmp_path / "wording.docx"
    wording.write_bytes(done.content)
    articles = {a.label: a.text for a in parse_file(wording).documents[0].articles}
    assert new in articles["第八条"] and old not in articles["第八条"]
    placed = [label for label, text in articles.items() if added in text or at_end in text]
    assert placed == ["第十条", "第十一条"]  # after 第九条, then at the end of 责任免除 (第九条 is its last article)
    # A chapter heading two parts share is not offered: the addition would go into both.
    multipart = client.get(f"/generate?base={_version_ids(client)['澄川知识产权综合保险']}").text
    assert '<option value="保险责任">' not in multipart and '<option value="保险期间">' in multipart


def test_generate_problems_are_one_chinese_line_each_beside_the_field(web_db: Path, tmp_path: Path) -> None:
    client = _client(web_db, tmp_path)
    base = _version_ids(client)["澄川专利执行保险"]
    token = _csrf(client.get(f"/generate?base={base}").text)
    bad = client.post("/generate", data={
        "csrf": token, "base": str(base), "drop": ["第四条"], "limit_per_patent": "1000", "deductible_amount": "5000", "period_start": "2027-13-01",
        "replace_article": ["", "第八条", ""], "replace_text": ["", "", "没有选条款的新条文"], "add_after": ["第九十九条"], "add_text": ["新增条文"],
    })  # fmt: skip
    assert bad.status_code == 400 and "Traceback" not in bad.text
    notices = _notices(bad.text)
    assert set(notices) == {"drop", "deductible_amount", "period_start", "replace-text-0", "replace-article-1", "add-after-0"}
    for field, line in notices.items():
        assert "\n" not in line and re.search(r"[\u4e00-\u9fff]{4}", line), line
        assert not re.search(r"[A-Za-z]{3,}", line), f"English on the form: {line}"
        assert re.search(rf'id="{field}"[^>]*aria-invalid="true"', bad.text), field  # the field is marked too
    assert "第五条" in notices["drop"]  # 第五条 cites the dropped 第四条
    assert "第九十九条" in notices["add-after-0"]
    # What was typed comes back: nothing to type again.
    assert "没有选条款的新条文" in bad.text and re.search(r'<input type="checkbox" name="drop" value="第四条" checked>', bad.text)
    dates = client.post("/generate", data={"csrf": token, "base": str(base), "period_start": "2027年1月1日", "period_end": "2026/12/31"})
    assert set(_notices(dates.text)) == {"period_end"}  # both read as dates; the end is before the start


def test_upload_rules(web_db: Path, tmp_path: Path) -> None:
    db = tmp_path / "upload.db"
    shutil.copy(web_db, db)
    client = _client(db, tmp_path, max_upload_bytes=2 * 1024 * 1024)
    token = _csrf(client.get("/upload").text)
    clause = (SAMPLES / "bold-exclusions.txt").read_text(encoding="utf-8")
    hostile = clause.replace("集成电路布图设计专有权保险条款", "集成电路布图设计专有权保险（网页）条款", 1).replace("本保险合同", "本保险合同<script>alert(1)</script>", 1)
    files = {"file": ("../../etc/passwd.txt", hostile.encode("utf-8"), "text/plain")}
    assert client.post("/upload", files=files).status_code == 403  # no CSRF token
    r = client.post("/upload", data={"csrf": token}, files=files, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"].startswith("/upload/")
    product = _finished(client, r.headers["location"])
    assert product.startswith("/product/")
    stored = list((tmp_path / "data" / "uploads").iterdir())
    assert len(stored) == 1 and re.fullmatch(r"[0-9a-f]{32}\.txt", stored[0].name)  # never the client's name
    page = client.get(product).text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "<script>alert" not in page
    big = client.post("/upload", data={"csrf": token}, files={"file": ("big.pdf", b"%PDF" + b"0" * (50 * 1024 * 1024), "application/pdf")})
    assert big.status_code == 413 and "上限" in big.text
    # Without a Content-Length (a chunked upload) the size is checked on the file itself.
    chunked = client.post("/upload", headers={"content-type": "multipart/form-data; boundary=B"}, content=_multipart(token, b"0" * (3 * 1024 * 1024)))
    assert chunked.status_code == 413
    assert client.post("/upload", data={"csrf": token}).status_code == 400  # no file chosen
    exe = client.post("/upload", data={"csrf": token}, files={"file": ("x.exe", b"MZ", "application/octet-stream")})
    assert exe.status_code == 415
    assert len(list((tmp_path / "data" / "uploads").iterdir())) == 1


def test_upload_reads_every_format_the_parser_reads(web_db: Path, tmp_path: Path) -> None:
    from tiaokuan.parse.api import SUPPORTED_SUFFIXES
    from tiaokuan.web.workbench import UPLOAD_SUFFIXES

    assert set(UPLOAD_SUFFIXES) == SUPPORTED_SUFFIXES
    db = tmp_path / "upload.db"
    shutil.copy(web_db, db)
    client = _client(db, tmp_path)
    token = _csrf(client.get("/upload").text)
    assert ".jsp" in client.get("/upload").text
    # An insurer's web page (a Word-exported clause wrapped in a JSP template).
    page = SAMPLES / "html" / "patent-enforcement-2027.jsp"
    files = {"file": (page.name, page.read_bytes(), "text/html")}
    r = client.post("/upload", data={"csrf": token}, files=files, follow_redirects=False)
    assert r.status_code == 303
    product = client.get(_finished(client, r.headers["location"])).text
    assert "第一条" in product and "<%@" not in product


def _finished(client: TestClient, job: str, seconds: float = 300) -> str:
    """Follow an upload's progress page until it sends the visitor on (the product
    page); returns that address. The page answers at once while the worker reads."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        r = client.get(job, follow_redirects=False)
        if r.status_code == 303:
            return r.headers["location"]
        assert r.status_code == 200, r.text
        assert '<meta http-equiv="refresh"' in r.text
        time.sleep(0.2)
    raise AssertionError(f"upload {job} did not finish")


def _multipart(token: str, payload: bytes):
    """A multipart body sent in pieces, so the client gives no Content-Length."""
    yield f'--B\r\nContent-Disposition: form-data; name="csrf"\r\n\r\n{token}\r\n'.encode()
    yield b'--B\r\nContent-Disposition: form-data; name="file"; filename="big.pdf"\r\nContent-Type: application/pdf\r\n\r\n'
    for k in range(0, len(payload), 1 << 20):
        yield payload[k : k + (1 << 20)]
    yield b"\r\n--B--\r\n"


def test_read_only_refuses_writes(web_db: Path, tmp_path: Path) -> None:
    client = _client(web_db, tmp_path, read_only=True)
    assert client.get("/upload").status_code == 403
    r = client.post("/upload", files={"file": ("a.txt", b"x", "text/plain")})
    assert r.status_code == 403 and "只读" in r.text
    assert "只读" in client.get("/").text and 'href="/upload"' not in client.get("/").text


def test_serve_binds_to_loopback_by_default() -> None:
    from tiaokuan.cli import cli

    host = next(p for p in cli.commands["serve"].params if p.name == "host")
    assert host.default == "127.0.0.1"


# -- a real browser ---------------------------------------------------------------------------
def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def server(web_db: Path, tmp_path: Path):
    import uvicorn

    port = _free_port()
    db = tmp_path / "served.db"  # its own copy: the flow uploads a clause
    shutil.copy(web_db, db)
    config = uvicorn.Config(create_app(WebSettings(db_url=str(db), data_dir=tmp_path / "data")), host="127.0.0.1", port=port, log_level="warning")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not srv.started and time.monotonic() < deadline:
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=10)


@pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (Debian: apt install chromium); .ci/run installs it")
def test_the_whole_flow_in_chromium(server: str, tmp_path: Path) -> None:
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    flags = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--lang=zh-CN"]
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=flags)
        page = browser.new_page(viewport={"width": 1366, "height": 900}, accept_downloads=True, locale="zh-CN")

        def shot(name: str) -> None:
            page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)

        page.goto(server + "/")
        page.fill("input[name=q]", "免赔额")
        page.click("form.search button")
        page.wait_for_selector("ol.hits li")
        assert page.locator("mark").first.inner_text() == "免赔额"
        shot("1-search")

        page.click("ol.hits li a")
        page.wait_for_selector(".clause")
        assert page.locator("h2", has_text="条款要素").count() == 1
        shot("2-product")

        page.goto(server + "/compare")
        boxes = page.locator("input[name=v]")
        boxes.nth(0).check()
        page.click("button[type=submit]")
        assert "请至少选择两个产品进行比较" in page.inner_text(".notice")  # one product: told why, the choice kept
        assert page.locator("input[name=v]:checked").count() == 1
        shot("3a-compare-too-few")
        boxes = page.locator("input[name=v]")
        boxes.nth(1).check()
        page.click("button[type=submit]")
        page.wait_for_selector("table.matrix")
        assert page.locator("section.dimension h3").count() >= 2 and page.locator("ol.differences li").count() >= 5
        shot("3-compare")
        compared = page.url
        # Every citation is a link to an article that is on its product page.
        hrefs = page.eval_on_selector_all("a.cite", "links => links.map(a => a.getAttribute('href'))")
        assert len(hrefs) > 20 and page.locator("span.cite").count() == 0
        by_page: dict[str, set[str]] = {}
        for href in hrefs:
            path, anchor = href.split("#")
            by_page.setdefault(path, set()).add(anchor)
        for path, anchors in by_page.items():
            page.goto(server + path)
            found = set(page.eval_on_selector_all("div.art", "articles => articles.map(a => a.id)"))
            assert anchors <= found, sorted(anchors - found)[:5]
        page.goto(compared)
        first = page.locator("section.dimension a.cite").first
        cited = first.inner_text()
        first.click()
        page.wait_for_url("**/product/*#a-*")
        label = re.match(r"第[^条]+条", cited).group(0)  # printed, or (a lost label) as it was inferred
        assert page.locator(".art:target").count() == 1 and label in page.inner_text(".art:target")
        shot("3b-cited-article")
        page.goto(compared)
        with page.expect_download() as download:
            page.click("text=下载 XLSX")
        xlsx = tmp_path / "comparison.xlsx"
        download.value.save_as(str(xlsx))
        assert load_workbook(xlsx).sheetnames == ["主要差异", "逐项差异", "条款要素", "责任免除", "保障费用"]

        page.goto(server + "/diff?old=" + next(iter(by_page)).rsplit("/", 1)[1])
        assert "请同时选择旧版本和新版本" in page.inner_text(".notice")
        shot("4a-diff-too-few")
        page.goto(server + "/diff")
        options = page.locator("select[name=old] option")
        values = [options.nth(k).get_attribute("value") for k in range(options.count())]
        texts = [options.nth(k).inner_text() for k in range(options.count())]
        old = next(v for v, t in zip(values, texts, strict=True) if "澄川专利执行保险 2026版" in t)
        new = next(v for v, t in zip(values, texts, strict=True) if "澄川专利执行保险 2027版" in t)
        page.select_option("select[name=old]", old)
        page.select_option("select[name=new]", new)
        page.click("button[type=submit]")
        page.wait_for_selector(".redline")
        assert page.locator("del", has_text="三十日").count() >= 1 and page.locator("ins", has_text="十五日").count() >= 1
        shot("4-diff")
        page.click("text=左右对照")
        page.wait_for_selector("table.sbs")
        page.click("text=仅有修改的条款")
        page.wait_for_selector("table.sbs")
        assert page.locator("table.sbs tbody tr").count() == 9
        shot("4b-diff-side-by-side")

        page.goto(server + f"/generate?base={old}")
        page.fill("input[name=insured]", "某某科技有限公司")
        page.fill("input[name=limit_per_patent]", "500000")
        page.check("input[name=drop][value=第十条]")
        replaced = "被保险人因其雇员的故意行为所致的损失，保险人不负责赔偿。"
        page.select_option("#replace-article-0", "第八条")
        page.fill("#replace-text-0", replaced)
        page.click("button[name=more][value=replace]")  # no script: the form comes back with one more row
        page.wait_for_selector("#replace-article-1")
        assert page.input_value("#replace-text-0") == replaced and page.input_value("#limit_per_patent") == "500000"
        added = ["被保险人应当妥善保管与保险专利有关的全部证据原件。", "保险人应当对被保险人提供的商业秘密承担保密义务。"]
        page.select_option("#add-after-0", "第九条")
        page.fill("#add-text-0", added[0])
        page.click("button[name=more][value=add]")
        page.wait_for_selector("#add-after-1")
        page.select_option("#add-after-1", "保险人义务")
        page.fill("#add-text-1", added[1])
        shot("5-generate")
        page.fill("input[name=deductible_amount]", "900000")  # above the limit: the form says so
        page.click("form.generate > p > button[type=submit]")
        page.wait_for_selector(".problems")
        problem = page.inner_text(".problems li")
        assert "免赔额" in problem and "赔偿限额" in problem and page.locator("#deductible_amount[aria-invalid=true]").count() == 1
        shot("5a-generate-problems")
        page.fill("input[name=deductible_amount]", "5000")
        with page.expect_download() as download:
            page.click("form.generate > p > button[type=submit]")
        wording = tmp_path / "wording.docx"
        download.value.save_as(str(wording))
        texts = [p.text for p in Document(str(wording)).paragraphs]
        assert "保险单明细表" in texts
        body = "\n".join(texts)
        assert replaced in body and all(a in body for a in added)

        page.goto(server + "/catalog")
        page.wait_for_selector(".charts svg")
        shot("6-catalog")
        page.goto(server + "/product/99999")
        assert "404" in page.inner_text("h1")
        shot("7-not-found")

        damaged = tmp_path / "损坏的条款.docx"
        damaged.write_bytes(damage_docx_member((SAMPLES / "bold-exclusions.docx").read_bytes(), "word/document.xml"))
        page.goto(server + "/upload")
        page.set_input_files("input[name=file]", str(damaged))
        page.click("button[type=submit]")
        page.wait_for_selector("section.error h2", timeout=120_000)
        assert "损坏" in page.inner_text("section.error") and "损坏的条款.docx" in page.inner_text("main")
        shot("8-upload-refused")
        good = tmp_path / "新条款.txt"
        good.write_text((SAMPLES / "bold-exclusions.txt").read_text(encoding="utf-8").replace("专有权保险条款", "专有权保险（上传）条款", 1), encoding="utf-8")
        page.goto(server + "/upload")
        page.set_input_files("input[name=file]", str(good))
        page.click("button[type=submit]")
        page.wait_for_url("**/product/*", timeout=120_000)
        assert "专有权保险（上传）条款" in page.inner_text("header.clause-head")
        shot("9-uploaded")
        browser.close()
    shots = ("1-search", "2-product", "3a-compare-too-few", "3-compare", "3b-cited-article", "4a-diff-too-few", "4-diff", "4b-diff-side-by-side", "5-generate", "5a-generate-problems", "6-catalog", "7-not-found", "8-upload-refused", "9-uploaded")
    for name in shots:
        assert (ARTIFACTS / f"{name}.png").stat().st_size > 5000, name


def test_redline_page_speaks_chinese(web_db: Path, tmp_path: Path) -> None:
    with ClauseDB(str(web_db)) as db:
        old = next(p.version_id for p in db.products(_all_versions()) if p.registration_no == "C00999930612026010100011")
        new = next(p.version_id for p in db.products(_all_versions()) if p.registration_no == "C00999930612026110100097")
    client = _client(web_db, tmp_path)
    page = client.get(f"/diff?old={old}&new={new}").text
    # the words of the redline files (redline_doc): one vocabulary for the CLI, the files and the web
    assert "第十五条 → 第十六条（修改）" in page and "<del>三十日</del><ins>十五日</ins>" in page
    assert "未改 4 条，条号变动 15 条，修改 8 条，新增 1 条" in page
    # side by side: the old wording left with its deletions, the new right with its insertions
    sbs = client.get(f"/diff?old={old}&new={new}&layout=side-by-side").text
    rows = re.findall(r'<tr class="(\w+)">(.*?)</tr>', sbs, flags=re.S)
    assert len(rows) == 28 and "原版：" in sbs and "新版：" in sbs
    decided = next(row for kind, row in rows if "十五日" in row)
    left, right = re.findall(r"<td>(.*?)</td>", decided, flags=re.S)
    assert "<del>三十日</del>" in left and "<ins>" not in left and "<ins>十五日</ins>" in right and "<del>" not in right
    # only the changed articles: 8 changed and 1 new
    changed = client.get(f"/diff?old={old}&new={new}&layout=side-by-side&changed=true").text
    assert len(re.findall(r'<tr class="(\w+)">', changed)) == 9 and 'class="same"' not in changed
    assert client.get(f"/diff?old={old}&new={new}&layout=sideways").status_code == 400
    excerpt = Document(io.BytesIO(client.get(f"/diff/download?old={old}&new={new}&changed=true").content))
    whole = Document(io.BytesIO(client.get(f"/diff/download?old={old}&new={new}").content))
    assert 0 < len(excerpt.paragraphs) < len(whole.paragraphs)


def _all_versions():
    from tiaokuan.clauses_db import Filters

    return Filters(version="all")


# -- damaged uploads: a 4xx page in Chinese, nothing of the server's in it ------------------------
def _damaged_uploads() -> dict[str, bytes]:
    pdf = (SAMPLES / "headers-footers.pdf").read_bytes()
    return {
        "empty.pdf": b"",
        "bomb.docx": docx_with_document_of(40 * 1024 * 1024),
        "bomb.pdf": pdf_with_content_of(40 * 1024 * 1024),
        "truncated.pdf": pdf[: len(pdf) // 3],
        "member.docx": damage_docx_member((SAMPLES / "bold-exclusions.docx").read_bytes(), "word/document.xml"),
        "garbage.txt": b"\x00\x01\x02\x03" * 64,
        "notes.md": "今天天气很好。\n我们去公园散步。\n".encode(),
    }


@pytest.fixture(scope="module")
def uploads(web_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[TestClient, Path]]:
    """A workbench on its own copy of the database; its upload worker serves every test of the module."""
    where = tmp_path_factory.mktemp("uploads")
    shutil.copy(web_db, where / "upload.db")
    with TestClient(create_app(WebSettings(db_url=str(where / "upload.db"), data_dir=where / "data")), raise_server_exceptions=False) as client:
        yield client, where


@pytest.mark.parametrize("name", sorted(_damaged_uploads()))
def test_a_damaged_upload_gets_a_chinese_page(name: str, uploads: tuple[TestClient, Path]) -> None:
    client, tmp_path = uploads
    db = tmp_path / "upload.db"
    token = _csrf(client.get("/upload").text)
    r = client.post("/upload", data={"csrf": token}, files={"file": (name, _damaged_uploads()[name], "application/octet-stream")}, follow_redirects=False)
    if r.status_code == 303:  # refused only once the worker has read it
        job = r.headers["location"]
        deadline = time.monotonic() + 300
        while (r := client.get(job, follow_redirects=False)).status_code == 200 and time.monotonic() < deadline:
            time.sleep(0.2)
    assert 400 <= r.status_code < 500, (r.status_code, r.text[-500:])
    message = re.search(r'<section class="error">(.+?)</section>', r.text, re.S).group(1)
    assert re.search(r"[\u4e00-\u9fff]{6}", message), "the message is in Chinese"
    for leak in (str(tmp_path), "uploads", "/tmp", "Traceback", "zlib", "cannot", "damaged", "re-export", "expand", "Error"):
        assert leak not in r.text, f"{leak!r} shown to the visitor"
    assert not list((tmp_path / "data" / "uploads").glob("*")), "a refused file is not kept"
    with ClauseDB(str(db)) as check:
        assert check.integrity_problems() == []


def test_an_upload_is_read_while_other_pages_answer(uploads: tuple[TestClient, Path]) -> None:
    from .scans import ScanStyle, scan_pdf

    client, _ = uploads
    product = next(iter(_version_ids(client).values()))
    token = _csrf(client.get("/upload").text)
    scan = scan_pdf((SAMPLES / "ip-multipart.pdf").read_bytes(), ScanStyle(dpi=200))
    r = client.post("/upload", data={"csrf": token}, files={"file": ("scan.pdf", scan, "application/pdf")}, follow_redirects=False)
    assert r.status_code == 303  # answered before the scan is read
    job = r.headers["location"]
    assert client.get(f"/product/{product}").status_code == 200
    progress = client.get(job, follow_redirects=False)
    assert progress.status_code == 200 and ("正在读取" in progress.text or "排队中" in progress.text), "the scan is still being read"
    assert _finished(client, job).startswith("/product/")


def test_the_workbench_is_chinese_whatever_the_command_line_language(web_db: Path, tmp_path: Path) -> None:
    # `tiaokuan --lang en serve`, a real process: its own line is English, the pages are not
    import subprocess
    import sys

    import httpx

    port = _free_port()
    command = [sys.executable, "-c", "from tiaokuan.cli import entry; entry()", "--lang", "en", "serve", "--db", str(web_db), "--port", str(port), "--read-only", "--data-dir", str(tmp_path / "data")]
    server = subprocess.Popen(command, stderr=subprocess.PIPE, text=True)
    try:
        assert "workbench" in server.stderr.readline()
        for _attempt in range(200):
            try:
                ids = _version_ids_of(httpx.get(f"http://127.0.0.1:{port}/catalog", timeout=10).text)
                break
            except httpx.TransportError:
                time.sleep(0.1)
        a, b = ids["澄川专利执行保险"], ids["澄川知识产权综合保险"]
        for url in ("/catalog", f"/product/{a}", f"/compare?v={a}&v={b}", f"/generate?base={a}"):
            page = httpx.get(f"http://127.0.0.1:{port}{url}", timeout=60).text
            words = set(re.findall(r"\b[a-z]{4,}\b", re.sub(r"<[^>]+>", " ", re.sub(r"<(script|style)\b.*?</\1>", "", page, flags=re.S))))
            assert words <= {"tiaokuan", "nbsp"}, (url, words)
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_the_compare_page_reads_a_copy_that_lost_its_labels_beside_the_labelled_one(tmp_path: Path) -> None:
    """As `tiaokuan compare` does (ClauseFinder.resolve_all): the copy's numbering is
    restored by the labelled clause's layout, so both cite the same articles."""
    from .test_numbering import _LABELLED, _lost_copy

    labelled, copy = tmp_path / "运输.txt", tmp_path / "仓储.txt"
    labelled.write_text(_LABELLED, encoding="utf-8")
    copy.write_text(_lost_copy(_LABELLED), encoding="utf-8")
    with ClauseDB(str(tmp_path / "c.db")) as db:
        # stored as read alone (ingest would restore it beside the labelled clause): the page restores it
        db.ingest([labelled, copy], sister_layout=False)
        assert [len(db.load(p.version_id).articles) for p in db.products()] in ([5, 6], [6, 5])
    client = _client(tmp_path / "c.db", tmp_path)
    ids = _version_ids(client)
    page = client.get(f"/compare?v={ids['澄川样品运输保险']}&v={ids['澄川样品仓储保险']}").text
    cited = set(re.findall(r'<a class="cite" href="/product/\d+#a-\d+">([^<]+)</a>', page))
    # The copy has five articles read so (six alone): none is cited as a sixth.
    assert cited and not any(c.startswith(("第六条", "第6条")) for c in cited), cited
