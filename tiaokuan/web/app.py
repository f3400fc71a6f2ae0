"""The web workbench: a FastAPI application with server-rendered Jinja2 pages.

`create_app(settings)` builds it; the routes live in `pages.py` (the generate form
in `generate_page.py`), what they share (settings, database, templates, CSRF) in
`workbench.py`. Everything a page needs ships in the package (templates, one
stylesheet; no CDN, no build step).
Safety is decided here, once: clause text is escaped (autoescape), POST forms carry
a CSRF token tied to a cookie, `read_only` refuses every write, uploads are
limited in size and type and stored under generated names, and every error is a
page with the right status code, never a traceback.
"""

from __future__ import annotations

import logging
import secrets
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from tiaokuan.errors import NotFoundError, TiaokuanError
from tiaokuan.i18n import SOURCE_LANGUAGE, language

from .generate_page import router as generate_router
from .messages import chinese
from .pages import router
from .workbench import CSRF_COOKIE, HERE, WebSettings, Workbench

_log = logging.getLogger("tiaokuan.web")

# Everything is served from this origin; nothing may frame the pages.
_HEADERS = [
    (b"content-security-policy", b"default-src 'self'; img-src 'self' data:; style-src 'self'; form-action 'self'; frame-ancestors 'none'"),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),
]


class SessionAndHeaders:
    """Gives a new visitor a session cookie (what the CSRF token is tied to) and adds
    the security headers to every response. Plain ASGI: it costs next to nothing."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        # The workbench is Chinese whatever language the command line was started in
        # (`tiaokuan --lang en serve` gives English server messages, not a page whose
        # words shared with the command line turn English).
        with language(SOURCE_LANGUAGE):
            await self._handle(scope, receive, send)

    async def _handle(self, scope, receive, send):
        cookies = b";".join(v for k, v in scope["headers"] if k == b"cookie").decode("latin-1")
        has_session = any(part.strip().startswith(CSRF_COOKIE + "=") for part in cookies.split(";"))
        new_session = None if has_session else secrets.token_urlsafe(24)
        scope.setdefault("state", {})["new_session"] = new_session

        async def with_headers(message):
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", [])) + _HEADERS
                if new_session:
                    headers.append((b"set-cookie", f"{CSRF_COOKIE}={new_session}; HttpOnly; Path=/; SameSite=Strict".encode()))
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, with_headers)


def create_app(settings: WebSettings | None = None) -> FastAPI:
    """The workbench application for `settings`."""
    settings = settings or WebSettings()
    bench = Workbench(settings)
    from contextlib import asynccontextmanager

    @asynccontextmanager
    async def lifespan(_app):
        # Load what the first search or comparison would otherwise load while a
        # visitor waits: the jieba dictionary, the spaCy pipeline, scipy.
        from tiaokuan.compare import align  # noqa: F401
        from tiaokuan.parse.language.pipeline import load
        from tiaokuan.text import words

        words("免赔额")
        load()
        yield
        if "jobs" in vars(bench):  # an upload started the worker process
            bench.jobs.close()

    app = FastAPI(title="tiaokuan 条款工作台", docs_url=None, redoc_url=None, openapi_url=None, lifespan=lifespan)
    app.state.bench = bench
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")

    app.add_middleware(SessionAndHeaders)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        message = exc.detail if isinstance(exc.detail, str) and exc.status_code != 404 else "没有这个页面或条款。请从搜索或产品目录重新进入。"
        if exc.status_code == 404 and isinstance(exc.detail, str) and exc.detail != "Not Found":
            message = exc.detail
        return bench.error(request, exc.status_code, message)

    @app.exception_handler(RequestValidationError)
    async def bad_request(request: Request, exc: RequestValidationError):
        where = "、".join(str(e.get("loc", ["?"])[-1]) for e in exc.errors()[:3])
        return bench.error(request, 400, f"请求参数有误（{where}）。请检查地址或表单后重试。")

    @app.exception_handler(NotFoundError)
    async def not_found(request: Request, exc: NotFoundError):
        _log.info("not found on %s: %s", request.url.path, exc)
        return bench.error(request, 404, chinese(exc))

    @app.exception_handler(TiaokuanError)
    async def tiaokuan_error(request: Request, exc: TiaokuanError):
        # The library's message names server paths and speaks English: it goes to the log.
        _log.warning("refused on %s: %s", request.url.path, exc)
        return bench.error(request, 400, chinese(exc))

    @app.exception_handler(Exception)
    async def crashed(request: Request, exc: Exception):
        _log.exception("unexpected error on %s", request.url.path)
        return bench.error(request, 500, "处理请求时出现意外错误，已记入服务器日志。请稍后重试。")

    app.include_router(router)
    app.include_router(generate_router)
    return app


SETTINGS_ENV = "TIAOKUAN_WEB_SETTINGS"


def settings_to_environment(settings: WebSettings) -> str:
    """The settings as one JSON string, so worker processes share them (and the
    CSRF secret: a token issued by one worker must be accepted by the others)."""
    import json

    return json.dumps({"db_url": settings.db_url, "read_only": settings.read_only, "data_dir": str(settings.data_dir), "max_upload_bytes": settings.max_upload_bytes, "secret": settings.secret.hex()})


def app_from_environment() -> FastAPI:
    """The application a uvicorn worker builds from $TIAOKUAN_WEB_SETTINGS."""
    import json
    import os

    raw = json.loads(os.environ[SETTINGS_ENV])
    return create_app(WebSettings(raw["db_url"], raw["read_only"], Path(raw["data_dir"]), raw["max_upload_bytes"], bytes.fromhex(raw["secret"])))
