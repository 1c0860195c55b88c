"""The HTTP service: the public Python API behind JSON endpoints, and the page.

Handlers are plain ``def`` functions, so FastAPI runs each in its thread
pool: checking an article is CPU-bound and must not block the event loop.
The model is loaded once, when the app is built, and shared read-only by
all requests.
"""

from __future__ import annotations

import logging
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException

from .. import __version__
from ..archive import Archive, check
from ..comparison import compare
from ..detector import detect
from ..errors import ArchiveError, InputError, KashifError
from ..inputs import check_text
from ..model import Model, default_model
from .guards import BearerToken, BodyLimit, SecurityHeaders
from .schemas import CheckRequest, CompareRequest, DetectRequest, DetectResponse, Health, Problem
from .settings import TOKEN_ENV, Settings

STATIC = Path(__file__).parent / "static"

log = logging.getLogger("kashif.serve")

#: A made-up two-sentence text checked once at start-up.
WARM_UP = "أعلنت الوزارة اليوم عن خطة جديدة للنقل العام في المدينة. وقال المتحدث إن التنفيذ يبدأ الشهر المقبل."

_ERRORS: dict[int | str, dict[str, Any]] = {
    code: {"model": Problem, "description": text}
    for code, text in [
        (400, "The text cannot be checked (empty, not Arabic, too long)."),
        (401, f"Missing or wrong bearer token (only when {TOKEN_ENV} is set)."),
        (413, "Request body over the size limit."),
        (422, "Malformed JSON or invalid fields."),
    ]
}

DESCRIPTION = f"""Find machine-written sentences spliced into Arabic news articles.

Every endpoint returns what the Python API's to_dict() returns, so the JSON is
the same as the CLI's -f json. Errors are {{"detail": "one line"}}. When the
server has {TOKEN_ENV} set, every /v1/ request needs the header
Authorization: Bearer <token>.
"""


def create_app(settings: Settings | None = None) -> FastAPI:
    """Build the service. Raises `ModelError` or `ArchiveError` for a bad model or database."""
    settings = settings or Settings.from_env()
    model = Model.load(settings.model) if settings.model else default_model()
    # load the word-frequency list and fill caches now, not in the first request
    detect(WARM_UP, model=model)
    # one archive connection for the server's life (Archive is thread-safe)
    archive = Archive(settings.db) if settings.db is not None else None

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        if archive is not None:
            archive.close()

    app = FastAPI(
        title="kashif",
        version=__version__,
        description=DESCRIPTION,
        docs_url=None,  # FastAPI's /docs and /redoc load their scripts from a CDN
        redoc_url=None,
        lifespan=lifespan,
    )
    _add_error_handlers(app)
    _add_api(app, settings, model, archive)
    _add_page(app)
    # outermost last: headers on everything, then the token, then the size limit
    app.add_middleware(BodyLimit, max_bytes=settings.max_body_bytes)
    if settings.token:
        app.add_middleware(BearerToken, token=settings.token)
    app.add_middleware(SecurityHeaders)
    return app


def _record(settings: Settings, endpoint: str, started: float, texts: dict[str, str], **facts: object) -> None:
    """Log one handled request: sizes and timings, the text only when asked for."""
    parts = [endpoint, *(f"{name}_chars={len(t)}" for name, t in texts.items())]
    parts += [f"{k}={v}" for k, v in facts.items()]
    parts.append(f"ms={1000 * (time.perf_counter() - started):.1f}")
    if settings.log_text:
        parts += [f"{name}={t!r}" for name, t in texts.items()]
    log.info(" ".join(parts))


def _add_api(app: FastAPI, settings: Settings, model: Model, archive: Archive | None) -> None:
    @app.get("/healthz", response_model=Health, tags=["service"], summary="Health")
    def healthz() -> dict[str, Any]:
        """Liveness and what this instance serves."""
        return {
            "status": "ok",
            "version": __version__,
            "model": {"name": model.name, "version": model.version},
            "archive": archive is not None,
        }

    @app.post(
        "/v1/detect",
        response_model=None,
        responses={200: {"model": DetectResponse}, **_ERRORS},
        tags=["check"],
        summary="Check an article (no original needed)",
    )
    def detect_endpoint(req: DetectRequest) -> JSONResponse:
        """Score every sentence of an article for being machine-inserted (no original needed).

        Returns exactly `kashif.detect(text, threshold=..., lang=...).to_dict()`.
        """
        started = time.perf_counter()
        text = check_text(req.text, "text")
        report = detect(text, threshold=req.threshold, model=model, lang=req.lang)
        _record(settings, "detect", started, {"text": text}, sentences=len(report.sentences), flagged=len(report.flagged))
        return JSONResponse(report.to_dict())

    @app.post("/v1/compare", response_model=None, responses=_ERRORS, tags=["check"], summary="Compare with the original")
    def compare_endpoint(req: CompareRequest) -> JSONResponse:
        """Align a suspect article against its original: what was added, changed, removed.

        Returns exactly `kashif.compare(suspect, original, lang=...).to_dict()`: the detect
        contract plus each sentence's ``status`` (same, modified, inserted), its matched
        ``original`` span and word ``diff``, and the original's ``deleted`` sentences.
        """
        started = time.perf_counter()
        suspect = check_text(req.suspect, "suspect")
        original = check_text(req.original, "original")
        result = compare(suspect, original, lang=req.lang)
        _record(settings, "compare", started, {"suspect": suspect, "original": original}, inserted=len(result.flagged))
        return JSONResponse(result.to_dict())

    @app.post(
        "/v1/check",
        response_model=None,
        responses={**_ERRORS, 503: {"model": Problem, "description": "No archive database configured (--db)."}},
        tags=["check"],
        summary="Find the original in the archive and compare",
    )
    def check_endpoint(req: CheckRequest) -> JSONResponse:
        """Find the article's original in the archive and compare against it.

        Returns exactly `kashif.check(text, db=archive, lang=...).to_dict()`: a comparison with
        the ``source`` found and the ``candidates``, or, when no archived article is similar
        enough, the detector's result with ``mode: "detector"``. Needs ``kashif serve --db PATH``.
        """
        if archive is None:
            raise HTTPException(503, "no archive database configured: start the server with kashif serve --db PATH")
        started = time.perf_counter()
        text = check_text(req.text, "text")
        result = check(text, archive, threshold=req.threshold, lang=req.lang)
        _record(settings, "check", started, {"text": text}, mode=result.mode, flagged=len(result.flagged))
        return JSONResponse(result.to_dict())


def _add_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(InputError)
    async def input_error(request: Request, exc: InputError) -> JSONResponse:
        log.info("%s %s: 400 %s", request.method, request.url.path, exc)
        return JSONResponse({"detail": str(exc)}, status_code=400)

    @app.exception_handler(KashifError)
    async def kashif_error(request: Request, exc: KashifError) -> JSONResponse:
        status = 503 if isinstance(exc, ArchiveError) else 500
        log.error("%s %s: %d %s", request.method, request.url.path, status, exc)
        return JSONResponse({"detail": str(exc)}, status_code=status)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        # never echo the offending input back (or into logs): it may be the article
        errors = [{"loc": list(e.get("loc", ())), "msg": _message(e), "type": e.get("type", "")} for e in exc.errors()]
        detail = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in errors) or "invalid request"
        log.info("%s %s: 422 %s", request.method, request.url.path, detail)
        return JSONResponse({"detail": detail, "errors": errors}, status_code=422)


def _message(error: dict[str, Any]) -> str:
    msg = str(error.get("msg", "invalid"))
    if error.get("type") == "json_invalid" and (ctx := error.get("ctx")) and "error" in ctx:
        msg = f"{msg} ({ctx['error']})"
    return msg


def _add_page(app: FastAPI) -> None:
    @app.get("/", include_in_schema=False)
    def page() -> FileResponse:
        return FileResponse(STATIC / "index.html")

    @app.get("/docs", include_in_schema=False)
    def docs() -> FileResponse:
        return FileResponse(STATIC / "docs.html")

    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    base_openapi = app.openapi

    def openapi() -> dict[str, Any]:
        schema = base_openapi()
        components = schema.setdefault("components", {})
        components.setdefault("securitySchemes", {})["bearer"] = {
            "type": "http",
            "scheme": "bearer",
            "description": f"Required only when the server sets {TOKEN_ENV}.",
        }
        schema["security"] = [{}, {"bearer": []}]
        return schema

    app.openapi = openapi  # type: ignore[method-assign]
