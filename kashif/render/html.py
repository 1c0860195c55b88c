"""A self-contained right-to-left HTML page highlighting flagged sentences.

No external assets: styles are inline and the page renders offline, so a
report can be mailed or archived as one file.
"""

from __future__ import annotations

from html import escape

from ..report import Report

_STYLE = """
body{font-family:"Noto Naskh Arabic","DejaVu Sans",Tahoma,sans-serif;max-width:52rem;margin:1.5rem auto;padding:0 1rem;line-height:2;color:#1b1b1b;background:#fcfcfa}
h1{font-size:1.3rem}.meta{color:#555;font-size:.9rem}
.article{white-space:pre-wrap;font-size:1.1rem}
mark{border-radius:3px;padding:0 .1em;cursor:help}
mark.flag{background:rgba(220,40,40,var(--a));outline:1px solid #c33}
.score{font-size:.75rem;color:#a00;vertical-align:super;margin-inline-start:.2em}
ol.reasons{font-size:.95rem}.warn{background:#fff4d6;padding:.5rem;border-radius:4px}
"""


def render_html(report: Report, title: str = "kashif — تقرير الجمل المُقحمة") -> str:
    text = report.text
    parts: list[str] = []
    pos = 0
    notes: list[str] = []
    for s in report.flagged:
        parts.append(escape(text[pos : s.start]))
        k = len(notes) + 1
        reasons = "؛ ".join(s.reasons)
        alpha = 0.15 + 0.45 * s.score
        parts.append(
            f'<mark class="flag" style="--a:{alpha:.2f}" title="{escape(reasons)}" id="s{k}">'
            f"{escape(text[s.start:s.end])}</mark><span class=\"score\">[{k}] {s.score:.2f}</span>"
        )
        notes.append(f'<li><a href="#s{k}">{escape(s.text[:80])}…</a> — {s.score:.2f}: {escape(reasons)}</li>')
        pos = s.end
    parts.append(escape(text[pos:]))
    warnings = "".join(f'<p class="warn">{escape(w)}</p>' for w in report.warnings)
    return (
        '<!DOCTYPE html>\n<html lang="ar" dir="rtl"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width,initial-scale=1">'
        f"<title>{escape(title)}</title><style>{_STYLE}</style></head><body>"
        f"<h1>{escape(title)}</h1>"
        f'<p class="meta">الجمل المشتبه بها: {len(notes)} من {len(report.sentences)} · '
        f"العتبة {report.threshold:.2f} · النموذج {escape(report.model_name)} {escape(report.model_version)}</p>"
        f"{warnings}<div class=\"article\">{''.join(parts)}</div>"
        f"<ol class=\"reasons\">{''.join(notes)}</ol></body></html>\n"
    )
