"""``kashif serve``: the HTTP API and the editors' page.

Needs the ``serve`` extra (FastAPI, uvicorn); nothing here is imported by
the rest of kashif, so the CLI starts fast without it.
"""

from __future__ import annotations

from .app import create_app
from .settings import MAX_BODY_BYTES, TOKEN_ENV, Settings

__all__ = ["create_app", "Settings", "MAX_BODY_BYTES", "TOKEN_ENV"]
