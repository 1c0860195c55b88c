"""Turning user-supplied bytes into article text, or a clear refusal.

Every check here raises `InputError` with one line that says what is wrong,
so the CLI, the HTTP service and batch mode refuse bad input the same way.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from .errors import InputError

#: Largest input accepted, in bytes of UTF-8. A long-form feature is ~60 KB;
#: anything beyond 2 MiB is not a single news article.
MAX_BYTES = 2 * 1024 * 1024

#: Below this share of Arabic letters among all letters the text is refused.
MIN_ARABIC_SHARE = 0.5

_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f]")
_LETTER = re.compile(r"[^\W\d_]+")
_ARABIC_LETTER = re.compile(r"[\u0620-\u064a\u066e-\u06d3\u06d5\u06fa-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufefc]+")


def read_bytes(source: str | Path) -> bytes:
    """Read a file, or standard input for ``-``, refusing oversize input early."""
    if str(source) == "-":
        data = sys.stdin.buffer.read(MAX_BYTES + 1)
        name = "standard input"
    else:
        path = Path(source)
        name = str(path)
        if not path.exists():
            raise InputError(f"{name}: no such file")
        if path.is_dir():
            raise InputError(f"{name}: is a directory, not a file")
        try:
            with path.open("rb") as fh:
                data = fh.read(MAX_BYTES + 1)
        except OSError as exc:
            raise InputError(f"{name}: cannot read ({exc.strerror})") from None
    if len(data) > MAX_BYTES:
        raise InputError(f"{name}: larger than the {MAX_BYTES // (1024 * 1024)} MiB limit for one article")
    return data


def decode(data: bytes, name: str = "input") -> str:
    """Decode UTF-8 (a leading BOM is kept as text), refusing binary data."""
    if len(data) > MAX_BYTES:
        raise InputError(f"{name}: larger than the {MAX_BYTES // (1024 * 1024)} MiB limit for one article")
    if b"\x00" in data[:8192]:
        raise InputError(f"{name}: looks like a binary file, not text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(f"{name}: not valid UTF-8 (bad byte at offset {exc.start})") from None
    return text


def check_threshold(value: float | None, name: str = "threshold") -> None:
    """Refuse a cut-off outside 0-1 (NaN included) before any work is done."""
    if value is not None and not 0.0 <= value <= 1.0:
        raise InputError(f"{name} must be between 0 and 1, not {value}")


def check_text(text: str, name: str = "input") -> str:
    """Refuse text that is empty, too long, control-ridden or mostly not Arabic."""
    if not text.strip():
        raise InputError(f"{name}: empty article")
    # the limit is in bytes of UTF-8, as for files: characters can be 1 to 4 bytes
    if len(text) > MAX_BYTES or (len(text) * 4 > MAX_BYTES and len(text.encode("utf-8", "surrogatepass")) > MAX_BYTES):
        raise InputError(f"{name}: larger than the {MAX_BYTES // (1024 * 1024)} MiB limit for one article")
    if len(_CONTROL.findall(text)) > max(2, len(text) // 100):
        raise InputError(f"{name}: looks like a binary file, not text")
    rest = _ARABIC_LETTER.sub("", text)
    arabic = len(text) - len(rest)
    letters = arabic + sum(map(len, _LETTER.findall(rest)))
    if letters == 0 or arabic / letters < MIN_ARABIC_SHARE:
        share = 0 if letters == 0 else round(100 * arabic / letters)
        raise InputError(f"{name}: not Arabic text ({share}% Arabic letters, need {round(MIN_ARABIC_SHARE * 100)}%)")
    return text


def load_text(source: str | Path) -> str:
    """Read, decode and check one article from a path or ``-``."""
    name = "standard input" if str(source) == "-" else str(source)
    return check_text(decode(read_bytes(source), name), name)
