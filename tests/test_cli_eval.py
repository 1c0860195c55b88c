from __future__ import annotations

import json

from conftest import CORPUS, ROOT, run_cli

PNG = b"\x89PNG\r\n\x1a\n"


def test_eval_report_writes_both_plots(tmp_path):
    report = tmp_path / "rep"
    r = run_cli("eval", str(CORPUS / "dev.jsonl"), "--report", str(report))
    assert r.returncode == 0, r.stderr.decode()
    text = r.stdout.decode()
    for label in ("precision", "recall", "F1", "FPR", "AUROC", "TPR at 1% FPR", "articles exactly right", "baseline", "standalone", "invented_detail"):
        assert label in text
    for name in ("pr_curve.png", "calibration.png"):
        assert (report / name).read_bytes()[:8] == PNG
    html = (report / "report.html").read_text(encoding="utf-8")
    assert 'src="pr_curve.png"' in html and 'src="calibration.png"' in html
    assert sorted(p.name for p in report.iterdir()) == ["calibration.png", "metrics.json", "pr_curve.png", "report.html"]
    metrics = json.loads((report / "metrics.json").read_text())["metrics"]
    assert metrics["articles"] == len((CORPUS / "dev.jsonl").read_text().splitlines())


def test_eval_accepts_bracket_gold_and_prints_json():
    r = run_cli("eval", str(ROOT / "examples" / "article.gold.txt"), "--json")
    assert r.returncode == 0, r.stderr.decode()
    m = json.loads(r.stdout)["metrics"]
    assert m["inserted"] == 3 and m["kashif"]["recall"] == 1.0


def test_eval_missing_gold_is_an_input_error(tmp_path):
    r = run_cli("eval", str(tmp_path / "none.jsonl"))
    assert r.returncode == 2 and r.stderr.decode().count("\n") == 1
