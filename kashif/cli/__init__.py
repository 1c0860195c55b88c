"""The ``kashif`` command. Each sub-command lives in its own module and only
parses arguments and calls the public API; errors become one line on stderr
and the exit code of their `KashifError` class, never a traceback."""

from __future__ import annotations

import argparse
import os
import signal
import sys
from collections.abc import Sequence

from .. import __version__
from ..errors import KashifError
from . import batch as _batch
from . import check as _check
from . import compare as _compare
from . import detect as _detect
from . import eval as _eval
from . import index as _index
from . import serve as _serve
from . import synth as _synth
from . import train as _train

#: Modules with ``register(subparsers)``; each sets ``func`` on its parser, in help order.
COMMANDS = [_detect, _compare, _check, _index, _batch, _serve, _train, _eval, _synth]

EXIT_INTERRUPTED = 130
EXIT_INTERNAL = 70


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kashif",
        description="Find machine-written sentences spliced into Arabic news articles.",
    )
    parser.add_argument("--version", action="version", version=f"kashif {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for module in COMMANDS:
        module.register(sub)
    return parser


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    # a polite kill (SIGTERM) takes the same clean path as Ctrl-C: no partial output, exit 130
    signal.signal(signal.SIGTERM, _interrupt)
    try:
        return int(args.func(args) or 0)
    except KashifError as exc:
        print(f"kashif: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("kashif: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        return 0
    except Exception as exc:  # a bug: one line unless asked for the traceback
        if os.environ.get("KASHIF_DEBUG"):
            raise
        print(f"kashif: internal error: {type(exc).__name__}: {exc} (set KASHIF_DEBUG=1 for details)", file=sys.stderr)
        return EXIT_INTERNAL


def run() -> None:
    sys.exit(main())
