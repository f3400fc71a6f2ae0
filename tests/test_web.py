"""The web workbench: every page through the framework's test client (statuses,
escaping, CSRF, read-only, upload limits), and the whole flow in a real headless
Chromium against a real server on loopback, with a screenshot of every page."""

from __future__ import annotations

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
    page = client.get("/catalog").text
    return {name: int(i) for i, name in re.findall(r'<a href="/product/(\d+)">([^<]+)</a>', page)}


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
    bad = client.post("/generate", data={"csrf": token, "base": str(base), "limit_per_patent": "1000", "deductible_amount": "5000", "period_start": "2027-13-01"})
    assert bad.status_code == 400 and "schedule.deductible_amount" in bad.text and "schedule.period_start" in bad.text
    good = client.post("/generate", data={"csrf": token, "base": str(base), "product": "澄川专利执行保险（网页定制）", "drop": ["第八条"], "remove": ["licensed_use"], "insured": "某某科技", "limit_per_patent": "500000"})
    assert good.status_code == 200 and good.headers["content-type"].startswith("application/vnd.openxmlformats")
    texts = [p.text for p in Document(io.BytesIO(good.content)).paragraphs]
    assert "澄川专利执行保险（网页定制）条款" in texts and "保险单明细表" in texts


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
    flags = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"]
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=flags)
        page = browser.new_page(viewport={"width": 1366, "height": 900}, accept_downloads=True)

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
        boxes.nth(1).check()
        page.click("button[type=submit]")
        page.wait_for_selector("table.matrix")
        shot("3-compare")
        with page.expect_download() as download:
            page.click("text=下载 XLSX")
        xlsx = tmp_path / "comparison.xlsx"
        download.value.save_as(str(xlsx))
        assert load_workbook(xlsx).sheetnames == ["主要差异", "逐项差异", "条款要素", "责任免除", "保障费用"]

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

        page.goto(server + f"/generate?base={old}")
        page.fill("input[name=insured]", "某某科技有限公司")
        page.fill("input[name=limit_per_patent]", "500000")
        page.check("input[name=drop][value=第八条]")
        shot("5-generate")
        with page.expect_download() as download:
            page.click("button[type=submit]")
        wording = tmp_path / "wording.docx"
        download.value.save_as(str(wording))
        texts = [p.text for p in Document(str(wording)).paragraphs]
        assert "保险单明细表" in texts

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
    for name in ("1-search", "2-product", "3-compare", "4-diff", "5-generate", "6-catalog", "7-not-found", "8-upload-refused", "9-uploaded"):
        assert (ARTIFACTS / f"{name}.png").stat().st_size > 5000, name


def test_redline_page_speaks_chinese(web_db: Path, tmp_path: Path) -> None:
    with ClauseDB(str(web_db)) as db:
        old = next(p.version_id for p in db.products(_all_versions()) if p.registration_no == "C00999930612026010100011")
        new = next(p.version_id for p in db.products(_all_versions()) if p.registration_no == "C00999930612026110100097")
    page = _client(web_db, tmp_path).get(f"/diff?old={old}&new={new}").text
    assert "第十五条 → 第十六条（有修改）" in page and "<del>三十日</del><ins>十五日</ins>" in page
    assert "未变 4 · 仅条号变化 15 · 有修改 8 · 删除 0 · 新增 1" in page


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
