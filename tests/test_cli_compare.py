"""``kashif compare``, ``kashif index`` and ``kashif check`` as a user runs them."""

import json

import pytest

from conftest import run_cli
from kashif.brackets import parse

ORIGINAL = (
    "الحكومة تقر خطة جديدة للنقل العام\n\n"
    "أقرت الحكومة، الأحد، خطة لتطوير شبكة النقل العام في العاصمة بكلفة 120 مليون دينار. "
    "وقال وزير النقل في مؤتمر صحافي إن الخطة تشمل شراء حافلات جديدة وإنشاء خطوط سريعة.\n\n"
    "وأوضح الوزير أن التنفيذ يبدأ مطلع العام المقبل، على أن ينتهي خلال ثلاث سنوات. "
    "وانتقدت المعارضة الخطة، معتبرة أنها لا تعالج أزمة الازدحام في الأحياء الشعبية.\n"
)
NEW = "ويرى مراقبون أن هذه الخطة تمثل تحولا جذريا في سياسات الدولة تجاه المواطنين."
SUSPECT = ORIGINAL.replace("سريعة.", "سريعة. " + NEW).replace("حافلات جديدة", "حافلات كهربائية").replace("120", "١٢٠")


@pytest.fixture
def files(tmp_path):
    s, o = tmp_path / "suspect.txt", tmp_path / "original.txt"
    s.write_text(SUSPECT, encoding="utf-8")
    o.write_text(ORIGINAL, encoding="utf-8")
    return s, o


def test_compare_brackets_wraps_exactly_the_inserted_sentence(files):
    r = run_cli("compare", *map(str, files))
    assert r.returncode == 0, r.stderr
    text, spans = parse(r.stdout.decode())
    assert text == SUSPECT and [text[a:b] for a, b in spans] == [NEW]


def test_compare_json_extends_the_detect_contract(files):
    r = run_cli("compare", "-f", "json", *map(str, files))
    d = json.loads(r.stdout)
    assert d["mode"] == "reference" and d["deleted"] == [] and d["source"] is None
    assert set(d) >= {"sentences", "threshold", "warnings", "model"}
    statuses = [s["status"] for s in d["sentences"]]
    assert statuses == ["same", "modified", "inserted", "same", "same"]
    for s in d["sentences"]:
        assert set(s) >= {"start", "end", "text", "score", "inserted", "reasons", "status", "original", "diff"}
        assert SUSPECT[s["start"] : s["end"]] == s["text"]
        if s["original"]:
            assert ORIGINAL[s["original"]["start"] : s["original"]["end"]].strip()
    assert {"op": "replace", "suspect": "كهربائية", "original": "جديدة"} in d["sentences"][1]["diff"]


def test_compare_html_is_self_contained_side_by_side(files, tmp_path):
    out = tmp_path / "view.html"
    r = run_cli("compare", "-f", "html", "-o", str(out), *map(str, files))
    assert r.returncode == 0 and r.stdout == b""
    page = out.read_text(encoding="utf-8")
    assert 'dir="rtl"' in page and "<ins>كهربائية</ins>" in page and "<del>جديدة</del>" in page
    assert 'class="inserted"' in page and "الأصل" in page
    assert "http" not in page and "<script" not in page and "<link" not in page


@pytest.mark.parametrize(
    "args,code,message",
    [
        (["compare", "-", "-"], 2, "only one of SUSPECT and ORIGINAL"),
        (["compare", "missing.txt", "{o}"], 2, "no such file"),
        (["compare", "{empty}", "{o}"], 2, "empty article"),
        (["check", "{s}"], 4, "no archive given"),
        (["check", "{s}", "--db", "{nodb}"], 4, "no such archive"),
        (["check", "{s}", "--db", "{junk}"], 4, "corrupt or not a kashif archive"),
        (["check", "{s}", "--db", "{junk}", "-k", "0"], 2, "--top-k"),
        (["index", "stats", "--db", "{nodb}"], 4, "no such archive"),
        (["index", "add", "{empty}", "--db", "{db}"], 2, "empty article"),
        (["index", "add", "{o}", "{o}", "--db", "{db}"], 2, "given twice"),
        (["index", "add", "{o}"], 4, "no archive given"),
    ],
)
def test_bad_input_gets_one_line_and_a_distinct_exit_code(files, tmp_path, args, code, message):
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n")
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"not sqlite" * 200)
    names = {"s": files[0], "o": files[1], "empty": empty, "junk": junk, "nodb": tmp_path / "none.db", "db": tmp_path / "a.db"}
    r = run_cli(*[a.format(**{k: str(v) for k, v in names.items()}) for a in args], env={"KASHIF_DB": ""})
    err = r.stderr.decode()
    assert r.returncode == code, err
    assert message in err and err.count("\n") == 1 and "Traceback" not in err
    assert not (tmp_path / "a.db").exists()


def test_index_then_check_finds_the_source(files, tmp_path):
    s, o = files
    folder = tmp_path / "archive"
    folder.mkdir()
    (folder / "transport.txt").write_text(ORIGINAL, encoding="utf-8")
    (folder / "other.jsonl").write_text(
        json.dumps({"id": "x", "url": "https://news.test/x", "text": "ارتفعت أسعار الذهب في الأسواق المحلية لليوم الثالث على التوالي."}, ensure_ascii=False) + "\n",
        encoding="utf-8",
    )
    db = tmp_path / "a.db"
    r = run_cli("index", "add", str(folder), "--db", str(db))
    assert r.returncode == 0, r.stderr
    assert r.stdout.decode().startswith("added 2, updated 0, unchanged 0")
    again = run_cli("index", "add", str(folder), "--db", str(db))
    assert "added 0, updated 0, unchanged 2" in again.stdout.decode()
    stats = json.loads(run_cli("index", "stats", "--db", str(db), "-f", "json").stdout)
    assert stats["articles"] == 2 and stats["band_keys"] == 128
    assert "articles   2" in run_cli("index", "stats", "--db", str(db)).stdout.decode()
    r = run_cli("check", str(s), "-f", "json", "-k", "2", env={"KASHIF_DB": str(db)})
    assert r.returncode == 0, r.stderr
    d = json.loads(r.stdout)
    assert d["mode"] == "reference" and d["source"]["id"] == "transport.txt"
    assert [c["id"] for c in d["candidates"]][:1] == ["transport.txt"]
    assert [x["status"] for x in d["sentences"]].count("inserted") == 1
    text, spans = parse(run_cli("check", str(s), "--db", str(db)).stdout.decode())
    assert [text[a:b] for a, b in spans] == [NEW]
