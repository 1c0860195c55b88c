"""Split authored corpus files into the fixed train/dev/test splits.

Run once when articles are added; the resulting files are committed and are
the split. Assignment is by article, stratified by topic, in the order of a
hash of the article id, so adding articles never moves existing ones between
splits unless their topic's proportions require it (and never into test from
train silently: check the diff).

    python scripts/split_corpus.py data/corpus/raw/*.jsonl -o data/corpus
"""

from __future__ import annotations

import argparse
import hashlib
import json
from collections import defaultdict
from pathlib import Path

SHARES = {"train": 0.70, "dev": 0.15, "test": 0.15}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("inputs", nargs="+")
    ap.add_argument("-o", "--out", required=True)
    args = ap.parse_args()
    by_topic: dict[str, list[dict]] = defaultdict(list)
    for path in args.inputs:
        for line in Path(path).read_text(encoding="utf-8").splitlines():
            if line.strip():
                rec = json.loads(line)
                by_topic[rec["topic"]].append(rec)
    splits: dict[str, list[dict]] = {name: [] for name in SHARES}
    for topic, recs in sorted(by_topic.items()):
        recs.sort(key=lambda r: hashlib.sha256(r["id"].encode()).hexdigest())
        n = len(recs)
        n_test = round(n * SHARES["test"])
        n_dev = round(n * SHARES["dev"])
        splits["test"] += recs[:n_test]
        splits["dev"] += recs[n_test : n_test + n_dev]
        splits["train"] += recs[n_test + n_dev :]
    out = Path(args.out)
    for name, recs in splits.items():
        recs.sort(key=lambda r: r["id"])
        (out / f"{name}.jsonl").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in recs), encoding="utf-8")
        print(f"{name}: {len(recs)} articles")


if __name__ == "__main__":
    main()
