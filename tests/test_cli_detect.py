from __future__ import annotations

import json

import pytest

from conftest import ROOT, run_cli

EXAMPLE = ROOT / "examples" / "article.txt"
GOLD = ROOT / "examples" / "article.gold.txt"


def test_default_format_is_brackets_and_round_trips():
    r = run_cli("detect", str(EXAMPLE))
    assert r.returncode == 0, r.stderr
    assert r.stdout.decode() == GOLD.read_text(encoding="utf-8")


def test_json_and_stdin():
    r = run_cli("detect", "-f", "json", "-", stdin=EXAMPLE.read_bytes())
    assert r.returncode == 0
    d = json.loads(r.stdout)
    assert sum(s["inserted"] for s in d["sentences"]) == 3


def test_html_is_self_contained_rtl(tmp_path):
    out = tmp_path / "r.html"
    r = run_cli("detect", "-f", "html", "-o", str(out), str(EXAMPLE))
    assert r.returncode == 0 and r.stdout == b""
    html = out.read_text(encoding="utf-8")
    assert 'dir="rtl"' in html and html.count("<mark") == 3
    assert "http://" not in html and "https://" not in html and "<script" not in html


def _binary(tmp_path):
    p = tmp_path / "x.bin"
    p.write_bytes(bytes(range(256)) * 4)
    return p


@pytest.mark.parametrize(
    "make,needle",
    [
        (lambda t: t / "missing.txt", "no such file"),
        (lambda t: (t / "e.txt").write_text("  \n") and t / "e.txt", "empty"),
        (lambda t: (t / "l.txt").write_bytes("نص عربي".encode("cp1256")) and t / "l.txt", "UTF-8"),
        (lambda t: (t / "en.txt").write_text("An English article about markets and oil.") and t / "en.txt", "not Arabic"),
        (_binary, "binary"),
        (lambda t: (t / "big.txt").write_text("ن" * 1_100_000, encoding="utf-8") and t / "big.txt", "MiB"),
    ],
)
def test_bad_input_one_line_exit_2_no_output(tmp_path, make, needle):
    src = make(tmp_path)
    out = tmp_path / "out.json"
    r = run_cli("detect", "-f", "json", "-o", str(out), str(src))
    err = r.stderr.decode()
    assert r.returncode == 2
    assert needle in err and err.count("\n") == 1 and "Traceback" not in err
    assert not out.exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".out")] == []


def test_bad_threshold_and_bad_model(tmp_path):
    r = run_cli("detect", "-t", "1.5", str(EXAMPLE))
    assert r.returncode == 2 and b"threshold" in r.stderr
    bad = tmp_path / "m.json"
    bad.write_text('{"format": "pickle"}')
    r = run_cli("detect", "-m", str(bad), str(EXAMPLE))
    assert r.returncode == 3 and b"not a kashif model" in r.stderr and b"Traceback" not in r.stderr
