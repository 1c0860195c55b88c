"""``kashif eval GOLD... [--model M]``: measure the detector against gold articles."""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("eval", help="precision, recall, F1, FPR, AUROC and more against gold, beside the position baseline")
    p.add_argument("gold", nargs="+", help="gold articles: corpus .jsonl, bracket .txt files or folders of them")
    p.add_argument("-m", "--model", default=None, help="JSON model file (default: the shipped model)")
    p.add_argument("-t", "--threshold", type=float, default=None, help="evaluate at this threshold instead of the model's")
    p.add_argument("--report", metavar="DIR", default=None, help="write report.html, pr_curve.png, calibration.png, metrics.json")
    p.add_argument("--loto", action="store_true", help="also run leave-one-topic-out cross-validation on GOLD (trains one model per topic)")
    p.add_argument("--json", action="store_true", help="print the metrics as JSON instead of a table")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    import json

    from ..corpus import read_gold
    from ..errors import InputError
    from ..eval_report import format_text, write_report
    from ..evaluate import evaluate, leave_one_topic_out
    from ..model import Model, default_model

    from pathlib import Path

    if args.report and Path(args.report).exists() and not Path(args.report).is_dir():
        raise InputError(f"--report {args.report}: exists and is not a folder")
    gold = read_gold(args.gold)
    if not gold:
        raise InputError("no gold articles to evaluate")
    model = Model.load(args.model) if args.model else default_model()
    metrics, scored = evaluate(gold, model, args.threshold)
    loto = leave_one_topic_out(gold, {"C": model.C, "seed": model.seed}) if args.loto else None
    if args.json:
        print(json.dumps({"metrics": metrics, "leave_one_topic_out": loto}, indent=2, default=float))
    else:
        print(format_text(metrics, loto), end="")
    if args.report:
        path = write_report(args.report, metrics, scored, loto)
        print(f"report: {path}")
    return 0
