"""The SQLite archive: reading sources, idempotent adds, search, clear errors, transactions."""

import json
import signal
import sqlite3
import subprocess
import sys
import time

import pytest
from conftest import ROOT

from kashif.archive import Archive, Record, read_records
from kashif.errors import ArchiveError, FormatError, InputError
from kashif.records import RecordError

A = "أعلنت وزارة الصحة اليوم عن افتتاح مستشفى جديد في المدينة بسعة مئتي سرير. وقال الوزير إن المستشفى سيخدم أكثر من نصف مليون نسمة في المنطقة."
B = "ارتفعت أسعار الذهب في الأسواق المحلية لليوم الثالث على التوالي. وعزا تجار الارتفاع إلى تراجع سعر صرف العملة أمام الدولار."
C = "افتتح المعرض الدولي للكتاب أبوابه أمام الزوار بمشاركة أكثر من ثلاثمئة دار نشر عربية وأجنبية. ويستمر المعرض عشرة أيام."


def jsonl(path, *records):
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


@pytest.fixture
def db(tmp_path):
    return tmp_path / "archive.db"


def test_reads_jsonl_news_please_and_txt_folders(tmp_path):
    jsonl(tmp_path / "a.jsonl", {"id": "a1", "url": "https://x.test/a1", "title": "عنوان", "date": "2024-01-02", "text": A})
    (tmp_path / "np.json").write_text(
        json.dumps({"maintext": B, "title": "الذهب", "url": "https://x.test/gold", "date_publish": "2024-02-03 10:00:00"}), encoding="utf-8"
    )
    folder = tmp_path / "txt" / "2024"
    folder.mkdir(parents=True)
    (folder / "book.txt").write_text("المعرض الدولي للكتاب\n\n" + C, encoding="utf-8")
    recs = list(read_records([tmp_path / "a.jsonl", tmp_path / "np.json", tmp_path / "txt"]))
    assert [(r.id, r.url, r.title, r.date) for r in recs] == [
        ("a1", "https://x.test/a1", "عنوان", "2024-01-02"),
        ("https://x.test/gold", "https://x.test/gold", "الذهب", "2024-02-03 10:00:00"),
        ("2024/book.txt", None, "المعرض الدولي للكتاب", None),
    ]
    assert recs[0].full_text == "عنوان\n\n" + A
    assert recs[2].full_text == recs[2].text


@pytest.mark.parametrize(
    "content,error,message",
    [
        ('{"id": 1, "text": "x"\n', RecordError, "line 1: malformed JSON"),
        ('{"id": "a"}\n', RecordError, "missing text field 'text'"),
        ("[1, 2]\n", RecordError, "expected a JSON object"),
        (json.dumps({"id": "e", "text": "An English article about nothing in particular."}) + "\n", RecordError, "not Arabic"),
    ],
)
def test_bad_sources_are_refused_with_the_file_name(tmp_path, content, error, message):
    path = tmp_path / "bad.jsonl"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(error, match=message) as info:
        list(read_records([path]))
    assert str(path) in str(info.value)


def test_empty_files_add_nothing_and_records_without_id_are_named_by_position(tmp_path):
    (tmp_path / "blank.jsonl").write_text("\n\n", encoding="utf-8")
    jsonl(tmp_path / "a.jsonl", {"text": A})
    assert [r.id for r in read_records([tmp_path])] == ["a.jsonl:1"]


def test_same_file_twice_missing_and_unsupported_files_are_refused(tmp_path):
    f = jsonl(tmp_path / "a.jsonl", {"id": "a", "text": A})
    with pytest.raises(InputError, match="given twice"):
        list(read_records([f, tmp_path]))
    with pytest.raises(InputError, match="no such file"):
        list(read_records([tmp_path / "nope.jsonl"]))
    (tmp_path / "x.csv").write_text("a,b")
    with pytest.raises(InputError, match="unsupported input"):
        list(read_records([tmp_path / "x.csv"]))
    (tmp_path / "empty").mkdir()
    with pytest.raises(InputError, match="folder has no"):
        list(read_records([tmp_path / "empty"]))


def _long_article(chars: int) -> str:
    return "\n\n".join([A] * (chars // (len(A) + 2) + 1))


def test_the_article_limit_applies_to_the_text_not_to_its_escaped_json_line(tmp_path):
    from kashif.inputs import MAX_BYTES

    text = _long_article(700_000)  # ~1.3 MB of UTF-8, within the limit
    line = json.dumps({"id": "long", "text": text})  # \uXXXX escapes: ~4 MB
    assert len(text.encode("utf-8")) < MAX_BYTES < len(line)
    path = tmp_path / "long.jsonl"
    path.write_text(line + "\n" + json.dumps({"id": "big", "text": _long_article(MAX_BYTES + 100)}) + "\n", encoding="ascii")
    records = read_records([path])
    assert next(records).text == text
    with pytest.raises(InputError, match="line 2: larger than the 2 MiB limit for one article"):
        next(records)


def test_a_line_over_the_line_cap_is_refused_without_reading_it_whole(tmp_path):
    from kashif.records import LINE_LIMIT

    path = tmp_path / "huge.jsonl"
    with path.open("wb") as fh:
        fh.write(b'{"id": "x", "text": "' + b"a" * LINE_LIMIT + b'"}\n')
        fh.write(json.dumps({"id": "b", "text": B}).encode() + b"\n")
    with pytest.raises(RecordError, match="line 1: line longer than 16 MiB"):
        list(read_records([path]))
    skipped = []
    assert [r.id for r in read_records([path], on_bad=skipped.append)] == ["b"]
    assert len(skipped) == 1


def test_on_bad_skips_bad_records_and_files_and_reports_each(tmp_path):
    good = jsonl(tmp_path / "a.jsonl", {"id": "a", "text": A}, {"id": "e", "text": "An English article, not Arabic."}, {"id": "b", "text": B})
    (tmp_path / "a.jsonl").write_text(good.read_text(encoding="utf-8") + "{oops\n", encoding="utf-8")
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "list.json").write_text(json.dumps([{"id": "c", "text": C}, {"id": "n"}]), encoding="utf-8")
    skipped: list[InputError] = []
    recs = list(read_records([tmp_path], on_bad=skipped.append))
    assert [r.id for r in recs] == ["a", "b", "c"]
    assert [str(e).split(": ", 1)[1] for e in skipped] == [
        "line 2: not Arabic text (0% Arabic letters, need 50%)",
        "line 4: malformed JSON (Expecting property name enclosed in double quotes at character 1)",
        "empty article",
        "item 2: missing text field 'text' (or news-please 'maintext')",
    ]


def test_index_add_skip_bad_adds_the_good_records_and_reports_the_bad(tmp_path, db, capsys):
    from kashif.cli import main

    src = jsonl(tmp_path / "a.jsonl", {"id": "a", "text": A}, {"id": "x"}, {"id": "b", "text": B})
    assert main(["index", "add", str(src), "--db", str(db)]) == 2
    assert "line 2: missing text field" in capsys.readouterr().err and not db.exists()
    assert main(["index", "add", str(src), "--db", str(db), "--skip-bad"]) == 0
    out, err = capsys.readouterr()
    assert out.startswith("added 2,") and out.rstrip().endswith("; 1 bad record skipped")
    assert err == f"kashif: skipped: {src}: line 2: missing text field 'text' (or news-please 'maintext')\n"
    with Archive(db) as archive:
        assert archive.stats()["articles"] == 2


def test_add_is_idempotent_updates_and_skips_duplicates(db):
    with Archive(db, create=True) as ar:
        r = ar.add([Record("a", A), Record("b", B)])
        assert (r.added, r.total) == (2, 2)
        r = ar.add([Record("a", A), Record("b", B)])
        assert (r.added, r.unchanged, r.total) == (0, 2, 2)
        r = ar.add([Record("b", C)])
        assert (r.updated, r.total) == (1, 2)
        r = ar.add([Record("copy-of-a", A)])
        assert (r.duplicates, r.total) == (1, 2)
        assert ar.get("b").text == C
        assert ar.search(B) == [] or ar.search(B)[0].id != "b"
        assert ar.search(C)[0].id == "b"
        keys = sqlite3.connect(db).execute("SELECT COUNT(*) FROM bands").fetchone()[0]
        assert keys <= 2 * 64  # the old text's band keys went with the update


def test_search_ranks_the_source_first_despite_letter_variants(db):
    with Archive(db, create=True) as ar:
        ar.add([Record("a", A, url="https://x.test/a"), Record("b", B), Record("c", C)])
        variant = A.replace("أعلنت", "اعلنت").replace("مئتي", "مئتى").replace("الصحة", "الصحه") + " وأضاف أن العمل بدأ."
        hits = ar.search(variant, top_k=3)
        assert hits[0].id == "a" and hits[0].url == "https://x.test/a" and hits[0].similarity > 0.6
        assert all(h.similarity < 0.1 for h in hits[1:])
        stats = ar.stats()
    assert stats["articles"] == 3 and stats["band_keys"] == 3 * 64 and stats["bytes"] > 0


def test_failed_add_leaves_the_archive_as_it_was(db):
    with Archive(db, create=True) as ar:
        ar.add([Record("a", A)])

        def records():
            yield Record("b", B)
            raise FormatError("bad.jsonl: line 2: malformed JSON")

        with pytest.raises(FormatError):
            ar.add(records())
        assert ar.stats()["articles"] == 1
        assert ar.stats()["band_keys"] == 64


def test_killed_add_leaves_a_consistent_archive(tmp_path, db):
    big = tmp_path / "big.jsonl"
    with big.open("w", encoding="utf-8") as fh:
        for i in range(4000):
            fh.write(json.dumps({"id": f"n{i}", "text": f"{A} {B} رقم {i} {C}"}, ensure_ascii=False) + "\n")
    with Archive(db, create=True) as ar:
        ar.add([Record("a", A)])
    proc = subprocess.Popen([sys.executable, "-m", "kashif", "index", "add", str(big), "--db", str(db)], cwd=ROOT)
    time.sleep(1.5)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    con = sqlite3.connect(db)
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    n = con.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
    keys = con.execute("SELECT COUNT(DISTINCT doc) FROM bands").fetchone()[0]
    assert n in (1, 4001) and keys == n


def test_missing_corrupt_foreign_and_locked_archives(tmp_path, db):
    with pytest.raises(ArchiveError, match="no such archive"):
        Archive(db)
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not a database at all" * 100)
    with pytest.raises(ArchiveError, match="corrupt or not a kashif archive"):
        Archive(junk)
    other = tmp_path / "other.db"
    sqlite3.connect(other).execute("CREATE TABLE t (x)")
    with pytest.raises(ArchiveError, match="not a kashif archive"):
        Archive(other)
    with pytest.raises(ArchiveError, match="is a directory"):
        Archive(tmp_path)
    with Archive(db, create=True):
        pass
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(ArchiveError, match="locked"):
            with Archive(db, timeout=0.1) as ar:
                ar.add([Record("a", A)])
    finally:
        holder.execute("ROLLBACK")
