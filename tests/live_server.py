"""A real uvicorn server on a free loopback port, in a background thread.

Shared by the API and page tests: they talk HTTP to it exactly as a client
would. The thread (not a process) keeps the server's log records visible to
pytest's ``caplog``.
"""

from __future__ import annotations

import socket
import threading
import time

import uvicorn

from kashif.serve import Settings, create_app


class LiveServer:
    def __init__(self, settings: Settings | None = None) -> None:
        self.app = create_app(settings or Settings())
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)  # as the CLI
        self.sock.bind(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        # log_config=None: leave logging alone so caplog sees kashif.serve records
        self.server = uvicorn.Server(uvicorn.Config(self.app, log_config=None, access_log=False, lifespan="on"))
        self.thread = threading.Thread(target=self.server.run, kwargs={"sockets": [self.sock]}, daemon=True)

    def __enter__(self) -> "LiveServer":
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            if not self.thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("uvicorn did not start")
            time.sleep(0.02)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(20)
        self.sock.close()


def article_with_flags(min_sentences: int = 8) -> str:
    """A corpus article in which the current model flags at least two sentences."""
    import kashif
    from conftest import corpus_files
    from kashif.corpus import read_jsonl

    for path in corpus_files():
        for gold in read_jsonl(path):
            report = kashif.detect(gold.text)
            if len(report.sentences) >= min_sentences and len(report.flagged) >= 2 and any(gold.labels()):
                return gold.text
    raise RuntimeError("no corpus article with flagged sentences")
