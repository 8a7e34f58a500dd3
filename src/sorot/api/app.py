"""The FastAPI application of `sorot serve`: the JSON API, its OpenAPI docs and the dashboard."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException

from sorot import __version__
from sorot.api.database import Database, Limits, QueryTimeout, StoreUnavailable
from sorot.api.params import ApiError

HERE = Path(__file__).parent
STATIC = HERE / "static"
VENDOR = "/static/vendor"

# Nothing may load from another host: scripts, styles, images, fetches all come from this server. Vega compiles
# its expressions with Function() ('unsafe-eval'); the docs page and the chart bootstraps are inline scripts.
CONTENT_SECURITY_POLICY = ("default-src 'self'; script-src 'self' 'unsafe-inline' 'unsafe-eval'; "
                           "style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; "
                           "frame-ancestors 'none'")


@dataclass(frozen=True)
class ServeOptions:
    db: Path
    timeout_s: float = 2.0
    max_rows: int = 10_000
    sql: bool = False
    cors: bool = False


def create_app(options: ServeOptions) -> FastAPI:
    """The application over one store (served from a snapshot copy, see sorot.api.database)."""
    from sorot.api.pages import router as pages_router
    from sorot.api.queries import prepare_snapshot
    from sorot.api.routes import router as api_router
    from sorot.api.routes import sql_router

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        app.state.db.close()       # removes the snapshot copies

    app = FastAPI(title="sorot", version=__version__, docs_url=None, redoc_url=None, lifespan=lifespan,
                  description="Read-only access to what sorot extracted from Indonesian news: articles, "
                              "entities, quotes, PLOVER events, event records, stories and relation series.")
    app.state.db = Database(options.db, Limits(options.timeout_s, options.max_rows), prepare=prepare_snapshot)
    app.state.options = options
    app.include_router(api_router)
    if options.sql:
        app.include_router(sql_router())
    app.include_router(pages_router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    if options.cors:
        from fastapi.middleware.cors import CORSMiddleware

        app.add_middleware(CORSMiddleware, allow_origins=["*"], allow_methods=["GET"], allow_headers=["*"])
    _add_error_handlers(app)
    _add_docs(app)

    @app.middleware("http")
    async def security_headers(request: Request, call_next):  # noqa: ANN001, ANN202 (Starlette middleware)
        response = await call_next(request)
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        return response

    return app


def _add_docs(app: FastAPI) -> None:
    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        return get_swagger_ui_html(openapi_url="/openapi.json", title="sorot API",
                                   swagger_js_url=f"{VENDOR}/swagger-ui/swagger-ui-bundle.js",
                                   swagger_css_url=f"{VENDOR}/swagger-ui/swagger-ui.css",
                                   swagger_favicon_url="/static/favicon.svg",
                                   swagger_ui_parameters={"validatorUrl": None})


def error_response(request: Request, status: int, message: str, parameter: str | None = None) -> Response:
    """JSON for the API (and for clients that ask for it), a small HTML page for the dashboard."""
    body = {"status": status, "error": message} | ({"parameter": parameter} if parameter else {})
    wants_html = (not request.url.path.startswith("/api") and request.url.path != "/openapi.json"
                  and "text/html" in request.headers.get("accept", ""))
    if wants_html:
        from sorot.api.pages import error_page

        return error_page(request, status, message)
    return JSONResponse(body, status_code=status)


def _add_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    def api_error(request: Request, error: ApiError) -> Response:
        return error_response(request, error.status, error.message, error.parameter)

    @app.exception_handler(RequestValidationError)
    def validation_error(request: Request, error: RequestValidationError) -> Response:
        first = error.errors()[0] if error.errors() else {}
        location = [str(part) for part in first.get("loc", ()) if part not in ("query", "path")]
        parameter = location[-1] if location else None
        message = f"bad value for '{parameter}': {first.get('msg', 'invalid')}" if parameter else "bad request"
        return error_response(request, 400, message, parameter)

    @app.exception_handler(HTTPException)
    def http_error(request: Request, error: HTTPException) -> Response:
        message = {404: "not found", 405: "method not allowed: this server is read-only (GET only)"}.get(
            error.status_code, str(error.detail))
        response = error_response(request, error.status_code, message)
        if error.headers:
            response.headers.update(error.headers)
        return response

    @app.exception_handler(QueryTimeout)
    def timeout(request: Request, error: QueryTimeout) -> Response:
        return error_response(request, 504, str(error))

    @app.exception_handler(StoreUnavailable)
    def unavailable(request: Request, error: StoreUnavailable) -> Response:
        return error_response(request, 503, str(error))
