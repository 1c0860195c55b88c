"""Load test for ``kashif serve``: throughput, latency and memory on loopback.

Starts ``python -m kashif serve`` on a free 127.0.0.1 port, sends ~600-word
articles (built by joining corpus articles) from 1, 4 and 16 concurrent
clients, and reports requests/s and p50/p95 latency per level, the error
count, and the server's resident memory sampled over all requests. Bounded:
a fixed number of requests, a timeout on each, loopback only. Client and
server share the machine, so on 2 cores the figures include the client's CPU.

    python benchmarks/load_serve.py [--requests 10000] [--words 600]
"""

from __future__ import annotations

import argparse
import asyncio
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kashif.corpus import read_jsonl  # noqa: E402

HOST = "127.0.0.1"
LEVELS = (1, 4, 16)
#: Share of the requests sent at each concurrency level (the rest of the total goes to warm-up).
SHARES = {1: 0.15, 4: 0.3, 16: 0.5}
WARM_UP_SHARE = 0.05


def articles(words: int, count: int) -> list[str]:
    """``count`` texts of about ``words`` words: a corpus article's title, then paragraphs
    taken in turn from consecutive corpus articles until there are ``words`` words."""
    corpus = ROOT / "data" / "corpus"
    files = sorted(corpus.glob("*.jsonl")) or sorted((corpus / "raw").glob("*.jsonl"))
    texts = [g.text for f in files for g in read_jsonl(f)]
    if not texts:
        sys.exit("no corpus articles under data/corpus")
    paragraphs = [p for t in texts for p in t.split("\n\n")[1:]]
    out, i = [], 0
    while len(out) < count:
        parts = [texts[len(out) % len(texts)].split("\n\n")[0]]
        n = 0
        while n < words:
            parts.append(paragraphs[i % len(paragraphs)])
            n += len(parts[-1].split())
            i += 1
        out.append("\n\n".join(parts))
    return out


def rss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise RuntimeError("no VmRSS")


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


class Run:
    """Sends requests and keeps latencies, errors and memory samples."""

    def __init__(self, url: str, pid: int, texts: list[str], sample_every: int) -> None:
        self.url, self.pid, self.texts = url, pid, texts
        self.sent = 0
        self.errors: list[str] = []
        self.sample_every = sample_every
        self.rss: list[tuple[int, int]] = []  # (requests so far, KiB)

    async def level(self, clients: int, n: int) -> tuple[float, list[float]]:
        latencies: list[float] = []
        todo = iter(range(n))
        limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
        async with httpx.AsyncClient(base_url=self.url, timeout=60, limits=limits) as client:

            async def worker() -> None:
                for _ in todo:
                    text = self.texts[self.sent % len(self.texts)]
                    t0 = time.perf_counter()
                    try:
                        r = await client.post("/v1/detect", json={"text": text})
                        if r.status_code != 200 or not r.json()["sentences"]:
                            self.errors.append(f"HTTP {r.status_code}")
                    except httpx.HTTPError as exc:
                        self.errors.append(type(exc).__name__)
                    latencies.append(time.perf_counter() - t0)
                    self.sent += 1
                    if self.sent % self.sample_every == 0:
                        self.rss.append((self.sent, rss_kib(self.pid)))

            started = time.perf_counter()
            await asyncio.gather(*(worker() for _ in range(clients)))
            elapsed = time.perf_counter() - started
        return n / elapsed, latencies


def pct(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1] * 1000


async def main_async(args: argparse.Namespace) -> int:
    texts = articles(args.words, 64)
    mean_words = statistics.mean(len(t.split()) for t in texts)
    port = free_port()
    url = f"http://{HOST}:{port}"
    server = subprocess.Popen(
        [sys.executable, "-m", "kashif", "serve", "--host", HOST, "--port", str(port)],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        async with httpx.AsyncClient(base_url=url, timeout=5) as c:
            while True:
                try:
                    if (await c.get("/healthz")).status_code == 200:
                        break
                except httpx.TransportError:
                    pass
                if server.poll() is not None or time.monotonic() > deadline:
                    sys.exit("server did not start")
                await asyncio.sleep(0.1)
        run = Run(url, server.pid, texts, sample_every=max(args.requests // 20, 1))
        start_rss = rss_kib(server.pid)
        await run.level(4, int(args.requests * WARM_UP_SHARE))
        warm_rss = rss_kib(server.pid)
        print(f"articles: {len(texts)} distinct, mean {mean_words:.0f} words; server RSS at start {start_rss / 1024:.1f} MiB")
        print(f"{'clients':>7} {'requests':>8} {'req/s':>7} {'p50 ms':>7} {'p95 ms':>7}")
        for clients in LEVELS:
            n = int(args.requests * SHARES[clients])
            rate, lat = await run.level(clients, n)
            print(f"{clients:>7} {n:>8} {rate:>7.1f} {pct(lat, 50):>7.1f} {pct(lat, 95):>7.1f}")
        end_rss = rss_kib(server.pid)
    finally:
        server.terminate()
        server.wait(30)
    print(f"requests: {run.sent}, errors: {len(run.errors)}")
    samples = ", ".join(f"{k}:{v / 1024:.1f}" for k, v in run.rss)
    print(f"server RSS MiB by requests sent: {samples}")
    after = [v for k, v in run.rss if k > int(args.requests * WARM_UP_SHARE)]
    growth = (max(after) - min(after)) / 1024 if after else 0.0
    print(
        f"server RSS after warm-up {warm_rss / 1024:.1f} MiB, at the end {end_rss / 1024:.1f} MiB; "
        f"spread over the measured requests {growth:.1f} MiB"
    )
    if run.errors:
        print(f"ERRORS: {sorted(set(run.errors))}")
        return 1
    return 0


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--requests", type=int, default=10_000, help="total requests, warm-up included (default 10000)")
    p.add_argument("--words", type=int, default=600, help="minimum words per article (default 600)")
    args = p.parse_args()
    if not 100 <= args.requests <= 100_000:
        p.error("--requests must be between 100 and 100000")
    return asyncio.run(main_async(args))


if __name__ == "__main__":
    sys.exit(main())
