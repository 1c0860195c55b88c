"""A non-editable install carries its model and works away from the source tree."""

from __future__ import annotations

import os
import subprocess
import sys

from conftest import ROOT

EXAMPLE = ROOT / "examples" / "article.txt"


def test_pip_installed_kashif_finds_its_model(tmp_path):
    target = tmp_path / "site"
    build = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "--quiet", "--target", str(target), str(ROOT)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert build.returncode == 0, build.stderr[-2000:]
    assert (target / "kashif" / "data" / "model.json").is_file()
    assert (target / "kashif" / "serve" / "static" / "index.html").is_file()
    env = {**os.environ, "PYTHONPATH": str(target)}
    code = (
        "import sys, kashif; assert kashif.__file__.startswith(sys.argv[1]), kashif.__file__; "
        "r = kashif.detect(open(sys.argv[2], encoding='utf-8').read()); print(len(r.flagged))"
    )
    run = subprocess.run([sys.executable, "-c", code, str(target), str(EXAMPLE)], capture_output=True, text=True, cwd=tmp_path, env=env, timeout=120)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "3"
