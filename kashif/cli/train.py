"""``kashif train CORPUS... -o MODEL``: fit the detector on labelled articles."""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("train", help="train a detector on labelled articles (corpus JSONL or bracket files)")
    p.add_argument("corpus", nargs="+", help="gold articles: corpus .jsonl files, bracket .txt files or folders of them")
    p.add_argument("-o", "--output", required=True, help="where to write the JSON model")
    p.add_argument("--name", default="kashif", help="model name recorded in reports")
    p.add_argument("--C", type=float, default=None, help="inverse regularisation strength of the regression")
    p.add_argument("--seed", type=int, default=0)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    import sys

    from ..train import train

    model = train(args.corpus, name=args.name, seed=args.seed, C=args.C)
    model.save(args.output)
    md = model.metadata
    print(
        f"trained on {md['articles']} articles ({md['sentences']} sentences, {md['inserted']} inserted); "
        f"threshold {model.threshold:.3f}; wrote {args.output}",
        file=sys.stderr,
    )
    return 0
