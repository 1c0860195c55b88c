"""``kashif detect FILE|-``: reference-free check of one article."""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("detect", help="score each sentence of an article for being machine-inserted")
    p.add_argument("file", help="article as UTF-8 text, or - for standard input")
    p.add_argument("-f", "--format", choices=("brackets", "json", "html"), default="brackets")
    p.add_argument("-t", "--threshold", type=float, default=None, help="flag scores at or above this (0-1); default: the model's")
    p.add_argument("-m", "--model", default=None, help="a kashif JSON model file (default: the shipped model)")
    p.add_argument("--lang", choices=("en", "ar"), default="en", help="language of the reasons")
    p.add_argument("-o", "--output", default=None, help="write here (atomically) instead of standard output")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..detector import detect
    from ..inputs import check_threshold, load_text
    from ..model import Model
    from ..output import emit
    from ..render import render

    check_threshold(args.threshold, "--threshold")
    model = Model.load(args.model) if args.model else None
    text = load_text(args.file)
    report = detect(text, threshold=args.threshold, model=model, lang=args.lang)
    emit(render(report, args.format), args.output)
    return 0
