"""The seed's annotation format: inserted sentences wrapped in ``[`` ``]``.

Escapes keep the format unambiguous: inside annotated text ``\\[`` is a literal
``[``, ``\\]`` a literal ``]`` and ``\\\\`` a literal backslash. Any other
backslash is an ordinary character, so everyday text needs no escaping except
for brackets and a backslash that stands right before a bracket or backslash.
"""

from __future__ import annotations

from collections.abc import Iterable

from .errors import FormatError

__all__ = ["parse", "wrap", "Span"]

Span = tuple[int, int]

_ESCAPABLE = "[]\\"


def parse(annotated: str, name: str = "input") -> tuple[str, list[Span]]:
    """Return the plain text and the gold spans (offsets into the plain text).

    Spans are trimmed of surrounding whitespace. Nested, unopened or unclosed
    brackets raise `FormatError` naming the line.
    """
    out: list[str] = []
    spans: list[Span] = []
    open_at: int | None = None
    open_line = 0
    line = 1
    pos = 0  # length of plain text so far
    i = 0
    n = len(annotated)
    while i < n:
        ch = annotated[i]
        if ch == "\\" and i + 1 < n and annotated[i + 1] in _ESCAPABLE:
            out.append(annotated[i + 1])
            pos += 1
            i += 2
            continue
        if ch == "[":
            if open_at is not None:
                raise FormatError(f"{name}: line {line}: '[' inside a bracket opened on line {open_line} (nesting is not allowed; write a literal bracket as \\[)")
            open_at, open_line = pos, line
        elif ch == "]":
            if open_at is None:
                raise FormatError(f"{name}: line {line}: ']' with no matching '[' (write a literal bracket as \\])")
            plain = "".join(out)
            a, b = open_at, pos
            while a < b and plain[a].isspace():
                a += 1
            while b > a and plain[b - 1].isspace():
                b -= 1
            if a == b:
                raise FormatError(f"{name}: line {open_line}: empty brackets")
            spans.append((a, b))
            open_at = None
        else:
            out.append(ch)
            pos += 1
            if ch == "\n":
                line += 1
        i += 1
    if open_at is not None:
        raise FormatError(f"{name}: line {open_line}: '[' is never closed")
    return "".join(out), spans


def wrap(text: str, spans: Iterable[Span]) -> str:
    """Annotate ``text``: wrap each span in brackets, escaping literal brackets.

    ``parse(wrap(t, s)) == (t, s)`` for non-overlapping, whitespace-trimmed spans.
    """
    marks: dict[int, str] = {}
    for a, b in sorted(spans):
        if not 0 <= a < b <= len(text):
            raise ValueError(f"span {(a, b)} outside text of length {len(text)}")
        marks[a] = marks.get(a, "") + "["
        marks[b] = "]" + marks.get(b, "")
    stream: list[tuple[str, bool]] = []  # (character, is_markup)
    for i, ch in enumerate(text):
        for m in marks.get(i, ""):
            stream.append((m, True))
        stream.append((ch, False))
    for m in marks.get(len(text), ""):
        stream.append((m, True))
    out = []
    for k, (ch, markup) in enumerate(stream):
        if markup or ch not in _ESCAPABLE:
            out.append(ch)
        elif ch == "\\":
            nxt = stream[k + 1][0] if k + 1 < len(stream) else ""
            out.append("\\\\" if nxt in ("[", "]", "\\") and nxt else "\\")
        else:
            out.append("\\" + ch)
    return "".join(out)
