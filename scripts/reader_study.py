"""Blind reader study: how well does a careful reader do on the same articles as kashif?

The accuracy kashif can reach depends on how detectable the corpus's insertions
are at all. This measures a reader (a person, or a language model asked to act
as an editor) on the same task, without labels, beside kashif:

    python scripts/reader_study.py export data/corpus/dev.jsonl -n 40 -o study/
    # give the reader study/articles/ only (never key.json), with study/INSTRUCTIONS.txt;
    # collect their answer as JSON: {"a00": [4, 9], "a01": [], ...}
    python scripts/reader_study.py score study/key.json answer.json

Sentence numbers are kashif's segmentation of the body, from 0.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

import numpy as np

from kashif.corpus import read_gold
from kashif.evaluate import confusion, score
from kashif.model import Model, default_model

INSTRUCTIONS = """\
Each file is a news article; its body sentences are numbered [0], [1], ...; blank lines separate
paragraphs. Into most articles, 0 to 4 sentences were spliced that were not in the original report:
sentences written the way a language model "enriches" a story (unsourced analysis, vague attribution,
restated context, invented quotes from unnamed people, framing transitions, short invented details).
Some articles have none. The first sentence is never spliced.
Answer with a JSON object: file name without extension -> list of spliced sentence numbers.
"""


def export(gold_path: str, n: int, seed: int, out: Path) -> None:
    gold = read_gold([gold_path])
    random.Random(seed).shuffle(gold)
    (out / "articles").mkdir(parents=True, exist_ok=True)
    key = {}
    for k, g in enumerate(gold[:n]):
        name = f"a{k:02d}"
        lines = [g.article.title.text if g.article.title else "", ""]
        for para in g.article.paragraphs:
            lines += [f"[{s.index}] {s.text}" for s in para.sentences] + [""]
        (out / "articles" / f"{name}.txt").write_text("\n".join(lines), encoding="utf-8")
        key[name] = {"id": g.id, "inserted": [i for i, v in enumerate(g.labels()) if v]}
    (out / "INSTRUCTIONS.txt").write_text(INSTRUCTIONS, encoding="utf-8")
    (out / "key.json").write_text(json.dumps({"gold": str(Path(gold_path).resolve()), "articles": key}, indent=1), encoding="utf-8")
    print(f"{len(key)} articles in {out / 'articles'}; key in {out / 'key.json'} (keep it from the reader)")


def _line(name: str, c: dict[str, float], exact: int, n: int) -> str:
    return f"{name:8s} P {c['precision']:.3f}  R {c['recall']:.3f}  F1 {c['f1']:.3f}  FPR {c['fpr']:.3f}  articles exactly right {exact}/{n}"


def score_answers(key_path: Path, answer_path: Path, model: Model) -> None:
    key = json.loads(key_path.read_text(encoding="utf-8"))
    answers = json.loads(answer_path.read_text(encoding="utf-8"))
    by_id = {g.id: g for g in read_gold([key["gold"]])}
    names = sorted(key["articles"])
    gold = [by_id[key["articles"][name]["id"]] for name in names]
    for name, g in zip(names, gold):
        said = answers.get(name, [])
        if not isinstance(said, list) or not all(type(i) is int and 0 <= i < len(g.labels()) for i in said):
            sys.exit(f"{answer_path}: {name}: expected a list of sentence numbers 0-{len(g.labels()) - 1}, got {said!r}")
    scored = score(gold, model)
    reader = np.concatenate([np.isin(np.arange(len(g.labels())), answers.get(name, [])) for name, g in zip(names, gold)])
    kashif = scored.p >= model.threshold
    bounds = np.cumsum([len(g.labels()) for g in gold])[:-1]
    for label, flag in (("reader", reader), ("kashif", kashif)):
        exact = sum(np.array_equal(f, y) for f, y in zip(np.split(flag, bounds), np.split(scored.y.astype(bool), bounds)))
        print(_line(label, confusion(scored.y, flag.astype(int)), exact, len(gold)))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    e = sub.add_parser("export", help="write blind, numbered articles and a separate answer key")
    e.add_argument("gold")
    e.add_argument("-n", type=int, default=40)
    e.add_argument("--seed", type=int, default=7)
    e.add_argument("-o", "--out", type=Path, required=True)
    s = sub.add_parser("score", help="score a reader's answers beside kashif on the same articles")
    s.add_argument("key", type=Path)
    s.add_argument("answers", type=Path)
    s.add_argument("--model", default=None)
    args = ap.parse_args()
    if args.cmd == "export":
        export(args.gold, args.n, args.seed, args.out)
    else:
        score_answers(args.key, args.answers, Model.load(args.model) if args.model else default_model())


if __name__ == "__main__":
    main()
