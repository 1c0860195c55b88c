"""``kashif check SUSPECT --db PATH``: find the article's original in an archive and compare with it."""

from __future__ import annotations

import argparse
import os


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("check", help="find an article's original in an archive and report what was inserted")
    p.add_argument("suspect", help="the article to check, UTF-8 text, or - for standard input")
    p.add_argument("--db", default=os.environ.get("KASHIF_DB"), help="archive made by 'kashif index add' (default: $KASHIF_DB)")
    p.add_argument("-k", "--top-k", type=int, default=5, help="candidates to list (default 5)")
    p.add_argument("--min-similarity", type=float, default=None, help="similarity (0-1) a candidate needs to count as the original (default 0.3)")
    p.add_argument("-t", "--threshold", type=float, default=None, help="when no original is found, flag detector scores at or above this (0-1); default: the model's")
    p.add_argument("-f", "--format", choices=("brackets", "json", "html"), default="brackets")
    p.add_argument("--lang", choices=("en", "ar"), default="en", help="language of the reasons")
    p.add_argument("-o", "--output", default=None, help="write here (atomically) instead of standard output")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..archive import MIN_SIMILARITY, check
    from ..errors import ArchiveError, InputError
    from ..inputs import check_threshold, load_text
    from ..output import emit
    from ..render.comparison import render_comparison

    if not args.db:
        raise ArchiveError("no archive given: pass --db PATH or set KASHIF_DB")
    if args.top_k < 1:
        raise InputError(f"--top-k must be at least 1, not {args.top_k}")
    floor = MIN_SIMILARITY if args.min_similarity is None else args.min_similarity
    if not 0.0 <= floor <= 1.0:
        raise InputError(f"--min-similarity must be between 0 and 1, not {floor}")
    check_threshold(args.threshold, "--threshold")
    text = load_text(args.suspect)
    result = check(text, args.db, top_k=args.top_k, min_similarity=floor, threshold=args.threshold, lang=args.lang)
    emit(render_comparison(result, args.format), args.output)
    return 0
