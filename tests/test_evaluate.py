"""Metrics checked against values computed by hand on a tiny case."""

from __future__ import annotations

import numpy as np
import pytest

from kashif.evaluate import Scored, auroc, confusion, metrics, tpr_at_fpr


def test_confusion_by_hand():
    y = np.array([1, 1, 1, 0, 0, 0, 0, 0])
    f = np.array([1, 1, 0, 1, 0, 0, 0, 0])
    c = confusion(y, f)
    # tp=2 fp=1 fn=1 tn=4
    assert (c["tp"], c["fp"], c["fn"], c["tn"]) == (2, 1, 1, 4)
    assert c["precision"] == pytest.approx(2 / 3)
    assert c["recall"] == pytest.approx(2 / 3)
    assert c["f1"] == pytest.approx(2 / 3)
    assert c["fpr"] == pytest.approx(1 / 5)


def test_auroc_by_hand():
    y = np.array([1, 1, 0, 0])
    p = np.array([0.9, 0.4, 0.5, 0.1])
    # pairs (pos, neg): (.9,.5) (.9,.1) (.4,.5)x (.4,.1) -> 3/4
    assert auroc(y, p) == pytest.approx(0.75)
    assert auroc(np.array([1, 0]), np.array([0.5, 0.5])) == pytest.approx(0.5)


def test_tpr_at_fpr_by_hand():
    y = np.array([1, 1, 1] + [0] * 100)
    p = np.array([0.99, 0.95, 0.2] + [0.96] + [0.1] * 99)
    # one negative (0.96) may sit above the cut at 1% FPR: cut = 0.1 -> all but... recall of p > 0.1
    assert tpr_at_fpr(y, p, 0.01) == pytest.approx(1.0)
    # at 0% FPR the cut is the top negative (0.96): only 0.99 passes
    assert tpr_at_fpr(y, p, 0.0) == pytest.approx(1 / 3)


def test_metrics_by_position_and_baseline():
    s = Scored(
        y=np.array([0, 1, 0, 1, 0]),
        p=np.array([0.1, 0.9, 0.2, 0.3, 0.8]),
        baseline=np.array([0, 1, 0, 0, 1]),
        article=np.array([0, 0, 0, 1, 1]),
        position=["", "end", "", "start", ""],
        style=["", "analysis", "", "invented_detail", ""],
    )
    m = metrics(s, 0.5)
    k, b = m["kashif"], m["baseline"]
    assert (k["tp"], k["fp"], k["fn"]) == (1, 1, 1)
    assert k["recall_by_position"] == {"start": {"n": 1, "recall": 0.0}, "end": {"n": 1, "recall": 1.0}}
    assert k["recall_by_style"]["analysis"]["recall"] == 1.0
    assert k["articles_exact"] == pytest.approx(0.5)
    # excluding the end insertion: kashif tp=0 fp=1 fn=1 -> F1 0; baseline the same
    assert k["f1_not_at_end"] == 0.0
    assert b["f1"] == pytest.approx(0.5)  # tp=1 fp=1 fn=1
