"""The web command of `tiaokuan`: serve."""

from __future__ import annotations

from pathlib import Path

import click

from tiaokuan.i18n import _

from .options import db_option


@click.command("serve")
@db_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on (127.0.0.1: this machine only).")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True, help="Port to listen on.")
@click.option("--read-only", is_flag=True, help="Refuse every write: no uploads.")
@click.option("--data-dir", type=click.Path(file_okay=False, path_type=Path), default=Path("tiaokuan-data"), show_default=True, help="Where uploaded files are kept.")
@click.option("--workers", type=click.IntRange(1, 64), default=1, show_default=True, help="Server processes (one per core serves more people at once).")
def serve_command(db_url, host, port, read_only, data_dir, workers) -> None:
    """Serve the web workbench: search, product pages, compare, diff, generate,
    upload and the catalog with charts, in Simplified Chinese, for a browser on this
    machine (or, with --host 0.0.0.0, a shared server).

    Example: tiaokuan serve --db out/clauses.db --read-only
    """
    import os

    import uvicorn

    from tiaokuan.web import WebSettings, create_app
    from tiaokuan.web.app import SETTINGS_ENV, settings_to_environment

    settings = WebSettings(db_url=db_url, read_only=read_only, data_dir=data_dir)
    create_app(settings).state.bench.db  # opens (and migrates) the database once, before any worker starts  # noqa: B018
    click.echo(_("tiaokuan 工作台：{url}").format(url=f"http://{host}:{port}/") + (_("（只读）") if read_only else ""), err=True)
    if workers == 1:
        uvicorn.run(create_app(settings), host=host, port=port, log_level="warning")
        return
    os.environ[SETTINGS_ENV] = settings_to_environment(settings)
    uvicorn.run("tiaokuan.web.app:app_from_environment", factory=True, workers=workers, host=host, port=port, log_level="warning")
