"""``kashif serve``: run the HTTP API and the editors' page with uvicorn."""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "serve",
        help="run the HTTP API and the web page",
        description="Serve POST /v1/detect, /v1/compare, /v1/check, GET /healthz, the API docs at /docs "
        "and the page at /. Set KASHIF_API_TOKEN in the environment to require a bearer token.",
    )
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1, this machine only)")
    p.add_argument("--port", type=int, default=8000, help="port to listen on (default: 8000)")
    p.add_argument("--db", default=None, help="archive database (from kashif index add) to enable POST /v1/check")
    p.add_argument("-m", "--model", default=None, help="a kashif JSON model file (default: the shipped model)")
    p.add_argument("--log-text", action="store_true", help="also write article text to the log (off: only sizes and timings)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    import logging
    import socket
    from pathlib import Path

    from ..errors import InputError, KashifError

    try:
        import uvicorn

        from ..serve import TOKEN_ENV, Settings, create_app
    except ImportError as exc:
        raise KashifError(f"kashif serve needs the serve extra ({exc.name} is missing): pip install 'kashif[serve]'") from None

    if not 0 < args.port < 65536:
        raise InputError(f"--port must be between 1 and 65535, not {args.port}")
    settings = Settings.from_env(
        db=Path(args.db) if args.db else None,
        model=Path(args.model) if args.model else None,
        log_text=args.log_text,
    )
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    app = create_app(settings)
    if not settings.token and not _is_loopback(args.host):
        logging.getLogger("kashif.serve").warning(
            "listening on %s without %s: anyone who can reach this port can use the API", args.host, TOKEN_ENV
        )
    # bind here, so a busy port is a one-line error rather than uvicorn's exit; IPPROTO_TCP
    # explicitly, or asyncio does not set TCP_NODELAY on accepted connections and every
    # keep-alive response waits ~40 ms for a delayed ACK
    family = socket.AF_INET6 if ":" in args.host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((args.host, args.port))
    except OSError as exc:
        sock.close()
        raise KashifError(f"cannot listen on {args.host}:{args.port}: {exc.strerror or exc}") from None
    config = uvicorn.Config(app, log_level="info", server_header=False)
    uvicorn.Server(config).run(sockets=[sock])
    return 0


def _is_loopback(host: str) -> bool:
    import ipaddress

    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return host == "localhost"
