"""The web workbench (`tiaokuan serve`): search, read, compare, redline and generate in the browser."""

from .app import WebSettings, create_app

__all__ = ["WebSettings", "create_app"]
