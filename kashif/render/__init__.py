"""Renderers: a `Report` to brackets, JSON or a self-contained HTML page."""

from __future__ import annotations

import json

from ..brackets import wrap
from ..report import Report
from .html import render_html

__all__ = ["render", "render_brackets", "render_json", "render_html", "FORMATS"]

FORMATS = ("brackets", "json", "html")


def render_brackets(report: Report) -> str:
    """The input text with flagged sentences wrapped in ``[`` ``]`` (seed format)."""
    return wrap(report.text, [(s.start, s.end) for s in report.flagged])


def render_json(report: Report) -> str:
    return json.dumps(report.to_dict(), ensure_ascii=False, indent=2) + "\n"


def render(report: Report, fmt: str) -> str:
    if fmt == "brackets":
        return render_brackets(report)
    if fmt == "json":
        return render_json(report)
    if fmt == "html":
        return render_html(report)
    raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
