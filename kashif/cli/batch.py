"""``kashif batch INPUT... -o OUTPUT``: check many articles, resumably, locally or on Dask."""

from __future__ import annotations

import argparse
import sys


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "batch",
        help="check every article of JSONL files, news-please JSON files or folders of .txt",
        description="Check many articles and write one JSON line per article. Records that cannot be "
        "checked go to an errors file; an interrupted run continues with --resume.",
    )
    p.add_argument("inputs", nargs="+", metavar="INPUT", help=".jsonl, news-please .json, .txt files or folders of them")
    p.add_argument("-o", "--output", required=True, help="results, one JSON line per article (written atomically at the end)")
    p.add_argument("--workers", type=int, default=None, help="worker processes (default: the CPUs available)")
    p.add_argument("--engine", choices=("local", "dask"), default="local", help="local process pool or a Dask cluster")
    p.add_argument("--scheduler", default=None, metavar="ADDRESS", help="Dask scheduler, e.g. tcp://10.0.0.5:8786 (default: a local cluster)")
    p.add_argument("--resume", action="store_true", help="continue an interrupted run with the same inputs and options")
    p.add_argument("--errors", default=None, metavar="PATH", help="refused records (default: OUTPUT with .errors.jsonl)")
    p.add_argument("--summary-csv", default=None, metavar="PATH", help="also write one CSV row per article")
    p.add_argument("--summary-parquet", default=None, metavar="PATH", help="also write the summary as Parquet")
    p.add_argument("--id-field", default="id", help="JSON field holding the article id (default: id)")
    p.add_argument("--text-field", default="text", help="JSON field holding the article text (default: text)")
    p.add_argument("-t", "--threshold", type=float, default=None, help="flag scores at or above this (0-1); default: the model's")
    p.add_argument("--reference-db", default=None, metavar="PATH", help="check against this archive first, falling back to the detector")
    p.add_argument("--partition-size", type=int, default=None, metavar="N", help="records per task (default: 32; larger for big clusters)")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar and no closing summary")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..batch import WorkOptions, run_batch
    from ..batch.runner import PARTITION_SIZE

    opts = WorkOptions(args.id_field, args.text_field, args.threshold, args.reference_db)
    try:
        s = run_batch(
            args.inputs,
            args.output,
            options=opts,
            errors=args.errors,
            summary_csv=args.summary_csv,
            summary_parquet=args.summary_parquet,
            engine=args.engine,
            workers=args.workers,
            scheduler=args.scheduler,
            resume=args.resume,
            partition_size=PARTITION_SIZE if args.partition_size is None else args.partition_size,
            progress=False if args.quiet else None,
        )
    except KeyboardInterrupt:
        print("kashif: batch interrupted; finished records are kept: run again with --resume", file=sys.stderr)
        raise
    if not args.quiet:
        new = s.read - s.resumed_at
        rate = f", {new / s.elapsed:.1f} articles/s" if s.elapsed > 0 and new else ""
        resumed = f" ({s.resumed_at} from the interrupted run)" if s.resumed_at else ""
        print(
            f"kashif: {s.read} read{resumed}, {s.flagged} flagged, {s.failed} failed, "
            f"{_duration(s.elapsed)} elapsed{rate}\n"
            f"kashif: results in {s.output}" + (f", refused records in {s.errors}" if s.failed else ""),
            file=sys.stderr,
        )
    return 0


def _duration(seconds: float) -> str:
    m, s = divmod(round(seconds), 60)
    h, m = divmod(m, 60)
    return f"{h}h{m:02d}m{s:02d}s" if h else f"{m}m{s:02d}s" if m else f"{seconds:.1f}s"
