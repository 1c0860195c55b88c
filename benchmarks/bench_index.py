"""Archive benchmark: index N generated articles, then time queries.

    python benchmarks/bench_index.py [--articles 100000] [--queries 300] [--db PATH]

Articles are recombined from the corpus's original sentences with 30% of the
words swapped (`kashif.perturb.recombine`), so they are distinct but read like
news. Queries are archived articles with a spliced sentence and republishing
perturbations. Reports the indexing rate, the database size, and latency
p50/p95 of `Archive.search` and of a full `kashif.check` in one long-lived
process (the first query, which opens the archive, included), plus the wall
time of a cold ``kashif check`` command.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kashif import check, perturb  # noqa: E402
from kashif.archive import Archive, read_records  # noqa: E402
from kashif.corpus import read_jsonl  # noqa: E402


def corpus():
    files = sorted((ROOT / "data" / "corpus").glob("*.jsonl")) or sorted((ROOT / "data" / "corpus" / "raw").glob("*.jsonl"))
    return [g for f in files for g in read_jsonl(f)]


def pct(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1] if len(values) > 1 else values[0]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=100_000)
    ap.add_argument("--queries", type=int, default=300)
    ap.add_argument("--db", default=None, help="archive path (default: a temporary file)")
    args = ap.parse_args()

    gold = corpus()
    sentences = [s.text for g in gold for s, ins in zip(g.article.sentences, g.labels()) if not ins]
    spliced = [s.text for g in gold for s, ins in zip(g.article.sentences, g.labels()) if ins]
    work = Path(tempfile.mkdtemp(prefix="kashif-bench-"))
    db = Path(args.db) if args.db else work / "archive.db"
    source = work / "articles.jsonl"
    t0 = time.perf_counter()
    with source.open("w", encoding="utf-8") as fh:
        for i, (title, text) in enumerate(perturb.recombine(sentences, args.articles, seed=42, mutate=0.3)):
            fh.write(json.dumps({"id": f"gen-{i}", "url": f"https://news.test/{i}", "title": title, "text": text}, ensure_ascii=False) + "\n")
    print(f"generated {args.articles} articles in {time.perf_counter() - t0:.1f} s ({source.stat().st_size / 2**20:.0f} MiB JSONL)")

    t0 = time.perf_counter()
    with Archive(db, create=True) as ar:
        result = ar.add(read_records([source]))
    took = time.perf_counter() - t0
    size = sum(p.stat().st_size for p in db.parent.glob(db.name + "*"))
    print(f"indexed: {result.summary()}")
    print(f"indexing: {took:.1f} s, {result.added / took:.0f} articles/s; database {size / 2**20:.0f} MiB ({size / result.total / 1024:.1f} KiB/article)")

    rng = random.Random(7)
    picks = rng.sample(range(args.articles), args.queries)
    wanted = set(picks)
    texts: dict[int, str] = {}
    with source.open(encoding="utf-8") as fh:
        for i, line in enumerate(fh):
            if i in wanted:
                rec = json.loads(line)
                texts[i] = rec["title"] + "\n\n" + rec["text"]
    queries = []
    for i in picks:
        paras = texts[i].split("\n\n")
        k = rng.randrange(1, len(paras))
        paras[k] = paras[k] + " " + rng.choice(spliced)
        doc = perturb.Doc("", tuple((perturb.Piece(p, False),) for p in paras))
        text, _ = perturb.render(perturb.perturb(doc, i, ["hamza", "ta_marbuta", "diacritics", "digits", "punctuation", "reorder"]))
        queries.append((f"gen-{i}", text))

    search_ms, check_ms, found = [], [], 0
    t_open = time.perf_counter()
    ar = Archive(db)  # a long-lived process opens the archive once; the first query pays for it
    for n, (want, text) in enumerate(queries):
        t0 = time.perf_counter()
        hits = ar.search(text, top_k=5)
        search_ms.append((time.perf_counter() - (t_open if n == 0 else t0)) * 1000)
        found += bool(hits) and hits[0].id == want
        t0 = time.perf_counter()
        check(text, ar, top_k=5)
        check_ms.append((time.perf_counter() - t0) * 1000)
    ar.close()
    print(f"queries: {len(queries)}, right original first: {found}/{len(queries)}")
    print(f"search latency: p50 {pct(search_ms, 50):.1f} ms, p95 {pct(search_ms, 95):.1f} ms, max {max(search_ms):.1f} ms (first, with open: {search_ms[0]:.1f} ms)")
    print(f"check latency (search + align + compare): p50 {pct(check_ms, 50):.1f} ms, p95 {pct(check_ms, 95):.1f} ms")

    probe = work / "probe.txt"
    probe.write_text(queries[0][1], encoding="utf-8")
    cold = []
    for _ in range(3):
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-m", "kashif", "check", str(probe), "--db", str(db), "-f", "json"], cwd=ROOT, check=True, capture_output=True)
        cold.append(time.perf_counter() - t0)
    print(f"cold 'kashif check' command (process start, imports, open, query): {min(cold) * 1000:.0f} ms best of 3")
    print(f"work files in {work}")


if __name__ == "__main__":
    main()
