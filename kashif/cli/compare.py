"""``kashif compare SUSPECT ORIGINAL``: what the suspect added to, changed in and dropped from its original."""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("compare", help="align an article against its original: same, modified, inserted, deleted")
    p.add_argument("suspect", help="the article to check, UTF-8 text, or - for standard input")
    p.add_argument("original", help="its original (wire copy, archived version), UTF-8 text, or -")
    p.add_argument("-f", "--format", choices=("brackets", "json", "html"), default="brackets")
    p.add_argument("--lang", choices=("en", "ar"), default="en", help="language of the reasons")
    p.add_argument("-o", "--output", default=None, help="write here (atomically) instead of standard output")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..comparison import compare
    from ..errors import InputError
    from ..inputs import load_text
    from ..output import emit
    from ..render.comparison import render_comparison

    if args.suspect == "-" and args.original == "-":
        raise InputError("only one of SUSPECT and ORIGINAL can be standard input")
    suspect = load_text(args.suspect)
    original = load_text(args.original)
    emit(render_comparison(compare(suspect, original, lang=args.lang), args.format), args.output)
    return 0
