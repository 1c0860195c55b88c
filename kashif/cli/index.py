"""``kashif index add|stats``: build and inspect the archive ``kashif check`` searches."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("index", help="add articles to an archive of originals, or describe it")
    actions = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    add = actions.add_parser("add", help="add articles: JSONL (id, url, title, date, text), news-please JSON, .txt, or folders")
    add.add_argument("files", nargs="+", help="files or folders to add")
    add.add_argument("--db", default=os.environ.get("KASHIF_DB"), help="archive file, created if missing (default: $KASHIF_DB)")
    add.add_argument(
        "--skip-bad",
        action="store_true",
        help="skip records and files that cannot be read, each reported on stderr (default: one bad record adds nothing)",
    )
    add.set_defaults(func=run_add)
    stats = actions.add_parser("stats", help="how many articles, how big, made when")
    stats.add_argument("--db", default=os.environ.get("KASHIF_DB"), help="archive file (default: $KASHIF_DB)")
    stats.add_argument("-f", "--format", choices=("text", "json"), default="text")
    stats.set_defaults(func=run_stats)


def _db(args: argparse.Namespace) -> str:
    from ..errors import ArchiveError

    if not args.db:
        raise ArchiveError("no archive given: pass --db PATH or set KASHIF_DB")
    return args.db


def run_add(args: argparse.Namespace) -> int:
    from ..archive import Archive, read_records
    from ..archive.sources import expand

    db = Path(_db(args))
    expand(args.files)  # refuse missing, repeated or unsupported files before touching the archive
    created = not db.exists()
    skipped = 0

    def skip(exc: Exception) -> None:
        nonlocal skipped
        skipped += 1
        print(f"kashif: skipped: {exc}", file=sys.stderr)

    try:
        with Archive(db, create=True) as archive:
            result = archive.add(read_records(args.files, on_bad=skip if args.skip_bad else None))
    except BaseException:
        if created:  # a failed first add leaves no empty archive behind
            for leftover in (db, db.with_name(db.name + "-wal"), db.with_name(db.name + "-shm")):
                leftover.unlink(missing_ok=True)
        raise
    print(result.summary() + (f"; {skipped} bad record{'s' if skipped != 1 else ''} skipped" if args.skip_bad else ""))
    return 0


def run_stats(args: argparse.Namespace) -> int:
    from ..archive import Archive

    with Archive(_db(args)) as archive:
        stats = archive.stats()
    if args.format == "json":
        print(json.dumps(stats, ensure_ascii=False, indent=2))
        return 0
    size = stats["bytes"] / (1024 * 1024)
    print(f"archive    {stats['path']}")
    print(f"articles   {stats['articles']}  (from {stats['sources']} file{'s' if stats['sources'] != 1 else ''})")
    print(f"dates      {stats['dates']['first'] or '-'} .. {stats['dates']['last'] or '-'}")
    print(f"band keys  {stats['band_keys']}")
    print(f"size       {size:.1f} MiB")
    print(f"created    {stats['created']}   updated {stats['updated'] or '-'}")
    print(f"scheme     {stats['scheme']}")
    return 0
