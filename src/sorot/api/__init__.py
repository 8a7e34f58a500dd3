"""`sorot serve`: a read-only HTTP API (FastAPI, OpenAPI at /openapi.json, docs at /docs) and a web dashboard
over a sorot store. The server answers from a snapshot copy of the DuckDB file (see sorot.api.database), so a
running `sorot run` and the server never block each other."""

from __future__ import annotations

from sorot.api.app import ServeOptions, create_app

__all__ = ["ServeOptions", "create_app", "serve"]


def serve(options: ServeOptions, host: str = "127.0.0.1", port: int = 8000) -> None:
    """Run the server until interrupted."""
    import uvicorn

    uvicorn.run(create_app(options), host=host, port=port, log_level="info")
