"""Renderers for a `Comparison`: brackets, JSON, and a side-by-side HTML page.

The HTML page is self-contained (inline styles, no scripts or external
assets) and right-to-left: the suspect on the right, the original on the left,
inserted sentences in red, modified ones in amber with changed words marked,
and sentences of the original the suspect dropped struck through.
"""

from __future__ import annotations

import json
from html import escape
from urllib.parse import urlsplit

from ..brackets import wrap
from ..comparison import Comparison, ComparedSentence

__all__ = ["render_comparison", "FORMATS"]

FORMATS = ("brackets", "json", "html")

_STYLE = """
body{font-family:"Noto Naskh Arabic","DejaVu Sans",Tahoma,sans-serif;margin:1.5rem auto;padding:0 1rem;max-width:90rem;line-height:2;color:#1b1b1b;background:#fcfcfa}
h1{font-size:1.3rem}h2{font-size:1.05rem;margin:.2rem 0}.meta{color:#555;font-size:.9rem}
.cols{display:grid;grid-template-columns:1fr 1fr;gap:1.5rem}.cols.one{grid-template-columns:1fr}
.text{white-space:pre-wrap;font-size:1.05rem;border:1px solid #ddd;border-radius:6px;padding:.5rem 1rem;background:#fff}
.inserted{background:#f8c9c9;outline:1px solid #c33}.modified{background:#fbe7b5}
.deleted{background:#eee;color:#777;text-decoration:line-through}
ins{background:#f2a93b;text-decoration:none;border-radius:2px}del{background:#f3b0b0;border-radius:2px}
.legend span{padding:0 .4em;margin-inline-end:.6em;border-radius:3px}.warn{background:#fff4d6;padding:.5rem;border-radius:4px}
table{border-collapse:collapse;font-size:.9rem}td,th{border:1px solid #ddd;padding:.1rem .5rem;text-align:start}
"""

_LABEL = {"same": "مطابقة", "modified": "معدّلة", "inserted": "مُقحمة", "unknown": "غير محسومة"}


def render_comparison(comparison: Comparison, fmt: str) -> str:
    """Render as "brackets" (inserted sentences wrapped), "json" or "html"."""
    if fmt == "brackets":
        return wrap(comparison.text, [(s.start, s.end) for s in comparison.flagged])
    if fmt == "json":
        return json.dumps(comparison.to_dict(), ensure_ascii=False, indent=2) + "\n"
    if fmt == "html":
        return render_html(comparison)
    raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")


def render_html(c: Comparison, title: str = "kashif — مقارنة بالأصل") -> str:
    counts = {k: sum(1 for s in c.sentences if s.status == k) for k in _LABEL}
    summary = " · ".join(f"{_LABEL[k]}: {n}" for k, n in counts.items() if n)
    if c.mode == "reference":
        summary += f" · محذوفة من الأصل: {len(c.deleted)}"
    head = f'<p class="meta">{escape(summary)}</p>'
    if c.source is not None:
        link = f" — {_link(c.source.url)}" if c.source.url else ""
        head += f'<p class="meta">الأصل من الأرشيف: {escape(c.source.id)}{link} · التشابه {c.source.similarity:.2f}</p>'
    if c.candidates:
        rows = "".join(
            f"<tr><td>{escape(x.id)}</td><td>{escape(x.title or '')}</td><td>{x.similarity:.2f}</td></tr>" for x in c.candidates
        )
        head += f"<table><tr><th>المرشح</th><th>العنوان</th><th>التشابه</th></tr>{rows}</table>"
    head += "".join(f'<p class="warn">{escape(w)}</p>' for w in c.warnings)
    legend = (
        '<p class="legend"><span class="inserted">مُقحمة</span><span class="modified">معدّلة</span>'
        "<ins>كلمة مغيّرة</ins> <del>كلمة من الأصل</del> <span class=\"deleted\">محذوفة</span></p>"
    )
    suspect_col = f'<div><h2>النص المشتبه به</h2><div class="text">{_suspect(c)}</div></div>'
    if c.original_text is not None:
        cols = f'<div class="cols">{suspect_col}<div><h2>الأصل</h2><div class="text">{_original(c)}</div></div></div>'
    else:
        cols = f'<div class="cols one">{suspect_col}</div>'
    return (
        '<!DOCTYPE html>\n<html lang="ar" dir="rtl"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width,initial-scale=1">'
        f"<title>{escape(title)}</title><style>{_STYLE}</style></head><body>"
        f"<h1>{escape(title)}</h1>{head}{legend}{cols}</body></html>\n"
    )


def _link(url: str) -> str:
    """A link for http(s) URLs only: an archive's URL is data, and a ``javascript:`` one must not run."""
    scheme = urlsplit(url.strip()).scheme.lower()
    if scheme in ("http", "https"):
        return f'<a href="{escape(url.strip())}" rel="noopener noreferrer">{escape(url)}</a>'
    return escape(url)


def _suspect(c: Comparison) -> str:
    text, out, pos = c.text, [], 0
    for k, s in enumerate(c.sentences):
        if s.status == "same" or s.status == "unknown":
            continue
        out.append(escape(text[pos : s.start]))
        tip = "؛ ".join(s.reasons)
        body = _marked(s, "suspect") if s.diff else escape(s.text)
        out.append(f'<span class="{s.status}" id="s{k}" title="{escape(tip)}">{body}</span>')
        pos = s.end
    out.append(escape(text[pos:]))
    return "".join(out)


def _original(c: Comparison) -> str:
    text = c.original_text or ""
    marks: list[tuple[int, int, str]] = [(d.start, d.end, '<span class="deleted">' + escape(d.text) + "</span>") for d in c.deleted]
    for s in c.sentences:
        if s.status == "modified" and s.original is not None:
            a, b = s.original
            marks.append((a, b, f'<span class="modified">{_marked(s, "original", text[a:b])}</span>'))
    out, pos = [], 0
    for a, b, html in sorted(marks):
        if a < pos:  # overlapping claims on the original: keep the first
            continue
        out.append(escape(text[pos:a]))
        out.append(html)
        pos = b
    out.append(escape(text[pos:]))
    return "".join(out)


def _marked(s: ComparedSentence, side: str, base: str | None = None) -> str:
    """``base`` (the sentence, or its matched original) with the diff's changed words marked."""
    base = s.text if base is None else base
    tag = "ins" if side == "suspect" else "del"
    out, pos = [], 0
    for op in s.diff or []:
        piece = op.suspect if side == "suspect" else op.original
        if not piece:
            continue
        at = base.find(piece, pos)
        if at < 0:
            continue
        out.append(escape(base[pos:at]))
        chunk = escape(piece)
        out.append(chunk if op.op == "equal" else f"<{tag}>{chunk}</{tag}>")
        pos = at + len(piece)
    out.append(escape(base[pos:]))
    return "".join(out)
