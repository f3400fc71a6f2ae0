"""What every page of the workbench shares: its settings, the database (opened on
first use), the templates, CSRF tokens and the error page."""

from __future__ import annotations

import hashlib
import hmac
import secrets
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from fastapi import Request
from fastapi.responses import FileResponse, HTMLResponse
from fastapi.templating import Jinja2Templates
from starlette.background import BackgroundTask

from tiaokuan.i18n import install
from tiaokuan.text.vocab import SECTION_NAMES, say

from .charts import line_name

HERE = Path(__file__).parent
CSRF_COOKIE = "tiaokuan_session"
# Every format the parser reads (tiaokuan.parse.api.SUPPORTED_SUFFIXES, written out
# here so the server starts without the parser; tests/test_web.py keeps them equal):
# PDF, Word, insurers' web pages (HTML and the JSP/PHP/ASP templates they are
# served from), text and Markdown.
UPLOAD_SUFFIXES = (
    ".pdf", ".docx", ".doc", ".html", ".htm", ".xhtml", ".jsp", ".php", ".asp", ".aspx",
    ".txt", ".text", ".md", ".markdown",
)  # fmt: skip
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass(frozen=True)
class WebSettings:
    """How the workbench runs. `db_url` None means $TIAOKUAN_DB or ./tiaokuan.db;
    uploads go under `data_dir`/uploads."""

    db_url: str | None = None
    read_only: bool = False
    data_dir: Path = Path("tiaokuan-data")
    max_upload_bytes: int = 20 * 1024 * 1024
    secret: bytes = field(default_factory=lambda: secrets.token_bytes(32))


class Workbench:
    """What the routes share: settings, the database (opened on first use), templates."""

    def __init__(self, settings: WebSettings):
        self.settings = settings
        self.catalog_cache: dict = {}  # the catalog page's products and charts, by line, for one database generation
        self.templates = Jinja2Templates(directory=str(HERE / "templates"))  # autoescape on for .html
        self.templates.env.add_extension("jinja2.ext.i18n")
        install(self.templates.env)  # _() in the templates: the message catalog (tiaokuan.i18n)
        from tiaokuan.compare.compare_out import marked_html

        self.templates.env.filters["marked"] = marked_html  # [-deleted-] / {+inserted+} as <del> / <ins>
        self.templates.env.globals["read_only"] = settings.read_only
        self.templates.env.globals["line_name"] = lambda code: line_name(code) if code else "—"
        self.templates.env.globals["say"] = say
        self.templates.env.globals["section_name"] = lambda code: say(code, SECTION_NAMES)

    @cached_property
    def db(self):
        from tiaokuan.clauses_db import ClauseDB

        return ClauseDB(self.settings.db_url, create=not self.settings.read_only)

    @cached_property
    def jobs(self):
        """Upload jobs: parsed and stored in a worker process (see `jobs.py`)."""
        from .jobs import Jobs

        return Jobs(self.settings.data_dir / "jobs", self.settings.db_url)

    def document(self, version_id: int):
        """A stored version as a document. A version never changes once stored, so
        the last few hundred read are kept in memory."""
        return self._documents(version_id)

    @cached_property
    def _documents(self):
        from functools import lru_cache

        return lru_cache(maxsize=512)(self.db.load)

    def csrf_token(self, request: Request) -> str:
        session = request.cookies.get(CSRF_COOKIE) or request.state.new_session
        return hmac.new(self.settings.secret, session.encode(), hashlib.sha256).hexdigest()

    def csrf_ok(self, request: Request, token: str | None) -> bool:
        session = request.cookies.get(CSRF_COOKIE)
        if not session or not token:
            return False
        expected = hmac.new(self.settings.secret, session.encode(), hashlib.sha256).hexdigest()
        return hmac.compare_digest(expected, token)

    def page(self, request: Request, name: str, status_code: int = 200, **context) -> HTMLResponse:
        context.setdefault("csrf", self.csrf_token(request))
        return self.templates.TemplateResponse(request, name, context, status_code=status_code)

    def error(self, request: Request, status_code: int, message: str) -> HTMLResponse:
        titles = {400: "请求有误", 403: "不允许的操作", 404: "未找到", 405: "不支持的请求方式", 413: "文件过大", 415: "不支持的文件类型", 500: "服务器内部错误"}
        return self.page(request, "error.html", status_code, title=titles.get(status_code, "出错了"), message=message, status=status_code)


def send_file(write: Callable[[Path], object], name: str, media_type: str) -> FileResponse:
    """A file `write` puts in a temporary folder, sent, then the folder removed with
    whatever else the writer put beside it (a wording's provenance record)."""
    folder = Path(tempfile.mkdtemp(prefix="tiaokuan-web-"))
    path = folder / name
    write(path)
    cleanup = BackgroundTask(shutil.rmtree, folder, ignore_errors=True)
    return FileResponse(path, media_type=media_type, filename=name, background=cleanup)
