"""Rendering evaluation results: a plain-text table and an HTML report with plots.

The plots are what a reviewer needs to trust a threshold: the precision-recall
curve (with the operating point and the position baseline marked) and a
reliability diagram showing whether a score of 0.8 means 80 %.
"""

from __future__ import annotations

import json
from html import escape
from pathlib import Path
from typing import Any

import numpy as np

from .errors import InputError
from .evaluate import Scored
from .output import atomic_open, write_atomic


def format_text(m: dict[str, Any], loto: dict[str, Any] | None = None) -> str:
    k, b = m["kashif"], m["baseline"]
    lines = [
        f"{m['articles']} articles, {m['sentences']} sentences, {m['inserted']} inserted; threshold {m['threshold']:.3f}",
        "",
        f"{'':24s}{'kashif':>10s}{'baseline':>10s}",
    ]
    for key, label in [
        ("precision", "precision"),
        ("recall", "recall"),
        ("f1", "F1"),
        ("fpr", "FPR (human sentences)"),
        ("f1_not_at_end", "F1, not at para. end"),
        ("articles_exact", "articles exactly right"),
    ]:
        lines.append(f"{label:24s}{k[key]:10.3f}{b[key]:10.3f}")
    lines.append(f"{'AUROC':24s}{k['auroc']:10.3f}")
    lines.append(f"{'TPR at 1% FPR':24s}{k['tpr_at_1pct_fpr']:10.3f}")
    lines += ["", "recall by position (n): kashif / baseline"]
    for pos, v in k["recall_by_position"].items():
        lines.append(f"  {pos:12s}({v['n']:3d}) {v['recall']:.3f} / {b['recall_by_position'][pos]['recall']:.3f}")
    lines += ["", "recall by style (n):"]
    for sty, v in k["recall_by_style"].items():
        lines.append(f"  {sty:18s}({v['n']:3d}) {v['recall']:.3f}")
    if loto:
        lines += ["", f"leave-one-topic-out: mean F1 {loto['mean_f1']:.3f}, pooled F1 {loto['pooled']['f1']:.3f}, pooled FPR {loto['pooled']['fpr']:.3f}"]
        for t, v in loto["topics"].items():
            lines.append(f"  {t:14s}({v['articles']:3d} articles) F1 {v['f1']:.3f}  FPR {v['fpr']:.3f}")
    return "\n".join(lines) + "\n"


def _pr_curve(y: np.ndarray, p: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    order = np.argsort(-p, kind="mergesort")
    tp = np.cumsum(y[order])
    k = np.arange(1, len(y) + 1)
    return tp / max(y.sum(), 1), tp / k


def _finish(fig: Any, ax: Any, path: Path, legend: str) -> None:
    """Grid, legend and layout, then write the PNG atomically and free the figure."""
    import matplotlib.pyplot as plt

    ax.grid(alpha=0.3)
    ax.legend(loc=legend, fontsize=8)
    fig.tight_layout()
    with atomic_open(path) as fh:
        fig.savefig(fh, format="png")
    plt.close(fig)


def write_report(directory: str | Path, m: dict[str, Any], s: Scored, loto: dict[str, Any] | None = None) -> Path:
    """Write ``report.html``, ``pr_curve.png``, ``calibration.png`` and ``metrics.json``."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    out = Path(directory)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(f"{out}: cannot create the report folder ({exc.strerror or exc})") from None
    k, b = m["kashif"], m["baseline"]

    recall, precision = _pr_curve(s.y, s.p)
    fig, ax = plt.subplots(figsize=(5.5, 4.5), dpi=110)
    ax.plot(recall, precision, color="#b22", lw=2, label=f"kashif (AUROC {k['auroc']:.3f})")
    ax.scatter([k["recall"]], [k["precision"]], color="#b22", zorder=3, label=f"kashif at threshold {m['threshold']:.2f}")
    ax.scatter([b["recall"]], [b["precision"]], color="#333", marker="s", zorder=3, label="position baseline")
    ax.set(xlabel="recall (inserted sentences found)", ylabel="precision", xlim=(0, 1.02), ylim=(0, 1.02), title="Precision-recall, sentence level")
    _finish(fig, ax, out / "pr_curve.png", "center left")

    bins = np.linspace(0, 1, 11)
    idx = np.clip(np.digitize(s.p, bins) - 1, 0, 9)
    centers, observed, counts = [], [], []
    for i in range(10):
        sel = idx == i
        if sel.any():
            centers.append(float(s.p[sel].mean()))
            observed.append(float(s.y[sel].mean()))
            counts.append(int(sel.sum()))
    fig, ax = plt.subplots(figsize=(5.5, 4.5), dpi=110)
    ax.plot([0, 1], [0, 1], ls="--", color="#888", label="perfect calibration")
    ax.plot(centers, observed, marker="o", color="#b22", label="kashif")
    for c, o, n in zip(centers, observed, counts):
        ax.annotate(str(n), (c, o), textcoords="offset points", xytext=(4, -10), fontsize=7)
    ax.set(xlabel="predicted probability (bin mean)", ylabel="observed share inserted", xlim=(0, 1), ylim=(0, 1), title="Calibration (numbers: sentences per bin)")
    _finish(fig, ax, out / "calibration.png", "upper left")

    write_atomic(out / "metrics.json", json.dumps({"metrics": m, "leave_one_topic_out": loto}, indent=2, default=float))
    html = (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>kashif evaluation</title>'
        "<style>body{font-family:sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}pre{background:#f6f6f6;padding:1rem}"
        "img{max-width:48%;margin:.5%}</style></head><body><h1>kashif evaluation</h1>"
        f"<pre>{escape(format_text(m, loto))}</pre>"
        '<img src="pr_curve.png" alt="precision-recall curve"><img src="calibration.png" alt="calibration plot">'
        "</body></html>\n"
    )
    write_atomic(out / "report.html", html)
    return out / "report.html"
