"""Measuring the detector honestly against gold articles.

Sentence-level metrics for kashif and, in the same run, for the position
baseline (flag the last sentence of every paragraph), so no
figure is ever reported without the floor beside it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from .corpus import POSITIONS, GoldArticle
from .features import extract
from .model import Model


@dataclass
class Scored:
    """Gold labels and kashif's scores for every sentence of a gold set, flattened."""

    y: np.ndarray  # 1 = inserted
    p: np.ndarray  # kashif probability
    baseline: np.ndarray  # 1 = last sentence of its paragraph
    article: np.ndarray  # article index of each sentence
    position: list[str]  # gold position of inserted sentences, "" for human
    style: list[str]
    topics: list[str] = field(default_factory=list)


def score(gold: Sequence[GoldArticle], model: Model) -> Scored:
    ys, ps, bs, arts, pos, sty = [], [], [], [], [], []
    for k, g in enumerate(gold):
        art = g.article
        if not art.sentences:
            continue
        ps.extend(model.predict_proba(extract(art, model.lexical).matrix))
        for s, span in zip(art.sentences, g.sentence_spans()):
            para = art.paragraphs[s.paragraph].sentences
            ys.append(span is not None)
            bs.append(s.index == para[-1].index)
            arts.append(k)
            pos.append(span.position if span else "")
            sty.append(span.style if span else "")
    return Scored(np.array(ys, int), np.array(ps, float), np.array(bs, int), np.array(arts, int), pos, sty, [g.topic for g in gold])


def confusion(y: np.ndarray, flag: np.ndarray) -> dict[str, float]:
    """Precision, recall, F1 and false-positive rate on human sentences."""
    tp = int(((y == 1) & (flag == 1)).sum())
    fp = int(((y == 0) & (flag == 1)).sum())
    fn = int(((y == 1) & (flag == 0)).sum())
    tn = int(((y == 0) & (flag == 0)).sum())
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "precision": precision,
        "recall": recall,
        "f1": f1,
        "fpr": fp / (fp + tn) if fp + tn else 0.0,
        "tp": tp,
        "fp": fp,
        "fn": fn,
        "tn": tn,
    }


def auroc(y: np.ndarray, p: np.ndarray) -> float:
    """Area under the ROC curve (Mann-Whitney U, ties counted half)."""
    pos, neg = p[y == 1], p[y == 0]
    if not len(pos) or not len(neg):
        return float("nan")
    order = np.argsort(np.concatenate([pos, neg]), kind="mergesort")
    ranks = np.empty(len(order))
    values = np.concatenate([pos, neg])[order]
    i = 0
    while i < len(values):  # average ranks over ties
        j = i
        while j + 1 < len(values) and values[j + 1] == values[i]:
            j += 1
        ranks[order[i : j + 1]] = (i + j) / 2 + 1
        i = j + 1
    u = ranks[: len(pos)].sum() - len(pos) * (len(pos) + 1) / 2
    return float(u / (len(pos) * len(neg)))


def tpr_at_fpr(y: np.ndarray, p: np.ndarray, max_fpr: float = 0.01) -> float:
    """Highest recall reachable with a threshold whose FPR is at most ``max_fpr``."""
    neg = np.sort(p[y == 0])[::-1]
    if not len(neg) or not (y == 1).any():
        return float("nan")
    allowed = int(np.floor(max_fpr * len(neg)))  # negatives allowed above the cut
    cut = neg[allowed] if allowed < len(neg) else -np.inf
    return float((p[y == 1] > cut).mean())


def _by(keys: list[str], y: np.ndarray, flag: np.ndarray, universe: Sequence[str]) -> dict[str, dict[str, float]]:
    out: dict[str, dict[str, float]] = {}
    groups: dict[str, list[int]] = defaultdict(list)
    for i, k in enumerate(keys):
        if y[i]:
            groups[k].append(i)
    for k in list(universe) + sorted(set(groups) - set(universe)):
        idx = groups.get(k, [])
        if idx:
            out[k] = {"n": len(idx), "recall": float(flag[idx].mean())}
    return out


def exact_articles(s: Scored, flag: np.ndarray) -> float:
    """Share of articles whose flagged set equals the gold set exactly."""
    ok = [bool((s.y[s.article == a] == flag[s.article == a]).all()) for a in np.unique(s.article)]
    return float(np.mean(ok)) if ok else 0.0


def metrics(s: Scored, threshold: float) -> dict[str, Any]:
    """Every figure `kashif eval` reports, for kashif and the position baseline."""
    flag = (s.p >= threshold).astype(int)
    off_end = np.array([not (y and pos == "end") for y, pos in zip(s.y, s.position)])
    kashif = confusion(s.y, flag)
    kashif.update(
        auroc=auroc(s.y, s.p),
        tpr_at_1pct_fpr=tpr_at_fpr(s.y, s.p, 0.01),
        articles_exact=exact_articles(s, flag),
        recall_by_position=_by(s.position, s.y, flag, POSITIONS),
        recall_by_style=_by(s.style, s.y, flag, ()),
        f1_not_at_end=confusion(s.y[off_end], flag[off_end])["f1"],
    )
    base = confusion(s.y, s.baseline)
    base.update(
        articles_exact=exact_articles(s, s.baseline),
        recall_by_position=_by(s.position, s.y, s.baseline, POSITIONS),
        f1_not_at_end=confusion(s.y[off_end], s.baseline[off_end])["f1"],
    )
    return {
        "articles": int(len(np.unique(s.article))),
        "sentences": int(len(s.y)),
        "inserted": int(s.y.sum()),
        "threshold": threshold,
        "kashif": kashif,
        "baseline": base,
    }


def evaluate(gold: Sequence[GoldArticle], model: Model, threshold: float | None = None) -> tuple[dict[str, Any], Scored]:
    s = score(gold, model)
    return metrics(s, model.threshold if threshold is None else threshold), s


def leave_one_topic_out(gold: Sequence[GoldArticle], params: dict[str, Any] | None = None) -> dict[str, Any]:
    """Train on all topics but one, test on that one, for every topic.

    Shows how kashif does on a kind of news it has never seen. Each fold's
    threshold comes from cross-validation inside its own training topics.
    """
    params = params or {}
    topics = sorted({g.topic for g in gold})
    per_topic: dict[str, dict[str, float]] = {}
    pooled_y, pooled_flag = [], []
    for t in topics:
        train = [g for g in gold if g.topic != t]
        test = [g for g in gold if g.topic == t]
        m = Model(**params).fit([g.article for g in train], [g.labels() for g in train])
        s = score(test, m)
        flag = (s.p >= m.threshold).astype(int)
        c = confusion(s.y, flag)
        per_topic[t] = {"articles": len(test), "f1": c["f1"], "precision": c["precision"], "recall": c["recall"], "fpr": c["fpr"]}
        pooled_y.append(s.y)
        pooled_flag.append(flag)
    pooled = confusion(np.concatenate(pooled_y), np.concatenate(pooled_flag))
    return {"topics": per_topic, "pooled": pooled, "mean_f1": float(np.mean([v["f1"] for v in per_topic.values()]))}
