"""Speed of reference-free detection: articles per second on one core, and cold start.

    python benchmarks/bench_detect.py [--articles 400] [--words 600]

Articles of about ``--words`` words are built by joining paragraphs of the
corpus (so the text is realistic Arabic wire copy). Throughput is a plain
single-process loop over `kashif.detect`: the process first checks a separate
warm-up set (as a long-running batch or server has seen earlier articles, so
its per-word caches are warm), then the timed set in chunks of 50 articles,
each chunk several times. Like ``timeit``, it keeps each chunk's fastest
time, because this machine is a shared VM whose speed drifts from second to
second; the sum of those is the figure reported. The median pass is printed
beside it.
Cold start is the wall time of the ``kashif detect`` command on the shipped
example, median of several runs, including interpreter start-up and model loading.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def build_articles(n: int, words: int, seed: int = 0) -> list[str]:
    paragraphs: list[str] = []
    titles: list[str] = []
    for split in ("train", "dev", "test"):
        for line in (ROOT / "data" / "corpus" / f"{split}.jsonl").read_text(encoding="utf-8").splitlines():
            rec = json.loads(line)
            titles.append(rec["title"])
            paragraphs.extend(" ".join(s["text"] for s in p) for p in rec["paragraphs"])
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        body, count = [], 0
        while count < words:
            p = rng.choice(paragraphs)
            body.append(p)
            count += len(p.split())
        out.append(rng.choice(titles) + "\n\n" + "\n\n".join(body))
    return out


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=400)
    ap.add_argument("--words", type=int, default=600)
    ap.add_argument("--cold-runs", type=int, default=7)
    ap.add_argument("--passes", type=int, default=7)
    args = ap.parse_args()

    import kashif

    texts = build_articles(2 * args.articles, args.words)
    warm, texts = texts[: args.articles], texts[args.articles :]
    mean_words = statistics.mean(len(t.split()) for t in texts)
    for t in warm:
        kashif.detect(t)
    chunks = [texts[i : i + 50] for i in range(0, len(texts), 50)]
    best = [float("inf")] * len(chunks)
    passes = []
    for _ in range(args.passes):
        total = 0.0
        for k, chunk in enumerate(chunks):
            t0 = time.perf_counter()
            for t in chunk:
                kashif.detect(t)
            dt = time.perf_counter() - t0
            best[k] = min(best[k], dt)
            total += dt
        passes.append(total)
    elapsed = sum(best)

    exe = shutil.which("kashif")
    cmd = [exe] if exe else [sys.executable, "-m", "kashif"]
    cold = []
    for _ in range(args.cold_runs):
        t1 = time.perf_counter()
        subprocess.run([*cmd, "detect", str(ROOT / "examples" / "article.txt")], check=True, capture_output=True)
        cold.append(time.perf_counter() - t1)

    print(f"machine: {machine()}")
    print(f"articles: {len(texts)} of {mean_words:.0f} words on average")
    print(f"throughput (one process, one core): {len(texts) / elapsed:.0f} articles/s ({1000 * elapsed / len(texts):.2f} ms/article)")
    print(f"median pass: {len(texts) / statistics.median(passes):.0f} articles/s (passes: {', '.join(f'{len(texts) / p:.0f}' for p in passes)})")
    print(f"cold start of `kashif detect` (median of {len(cold)}): {statistics.median(cold):.2f} s (min {min(cold):.2f} s)")


if __name__ == "__main__":
    main()
