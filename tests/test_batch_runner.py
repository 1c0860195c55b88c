from __future__ import annotations

import csv
import json

import pytest

from batchdata import BAD, articles, read_rows, write_jsonl
from kashif.batch import WorkOptions, run_batch
from kashif.batch.runner import default_errors_path
from kashif.errors import ArchiveError, InputError


@pytest.fixture(scope="module")
def finished(tmp_path_factory):
    """One run over good and bad records, with both summaries."""
    d = tmp_path_factory.mktemp("run")
    src = write_jsonl(d / "in.jsonl", 40)
    summary = run_batch(
        [src], d / "out.jsonl", workers=2, partition_size=4, summary_csv=d / "s.csv", summary_parquet=d / "s.parquet"
    )
    return d, src, summary


def test_good_records_go_to_the_output_in_input_order(finished):
    d, src, summary = finished
    rows = read_rows(d / "out.jsonl")
    expected_ids = [f"{i}" for i, _ in articles(40)]
    assert [r["id"] for r in rows] == expected_ids
    assert [r["line"] for r in rows] == sorted(r["line"] for r in rows)
    assert all(r["file"] == str(src) and r["mode"] == "detector" for r in rows)
    assert summary.checked == 40 and summary.flagged == sum(r["n_flagged"] > 0 for r in rows)


def test_bad_records_go_to_the_errors_file_with_position_and_reason(finished):
    d, src, summary = finished
    errors = read_rows(d / "out.errors.jsonl")
    assert summary.failed == len(errors) == len(BAD) + 1
    reasons = [e["reason"] for e in errors]
    for _, word in BAD:
        assert any(word in r for r in reasons), word
    lines = src.read_bytes().splitlines()
    for e in errors:
        assert e["file"] == str(src)
        assert lines[e["line"] - 1].strip(), "an error names the line of its record"
    assert {"empty", "english", "no-text", None} <= {e["id"] for e in errors}  # None: undecodable


def test_summaries_have_one_row_per_checked_article(finished):
    d, _, summary = finished
    rows = read_rows(d / "out.jsonl")
    with (d / "s.csv").open(encoding="utf-8") as fh:
        table = list(csv.DictReader(fh))
    assert [t["id"] for t in table] == [r["id"] for r in rows]
    assert [int(t["n_flagged"]) for t in table] == [r["n_flagged"] for r in rows]
    import pyarrow.parquet as pq

    pt = pq.read_table(d / "s.parquet").to_pylist()
    assert [(p["id"], p["top_score"]) for p in pt] == [(r["id"], r["top_score"]) for r in rows]


def test_no_work_folder_or_temporary_file_is_left(finished):
    d, _, _ = finished
    assert sorted(p.name for p in d.iterdir()) == ["in.jsonl", "out.errors.jsonl", "out.jsonl", "s.csv", "s.parquet"]


def test_folders_of_txt_and_news_please_json(tmp_path):
    crawl = tmp_path / "crawl"
    (crawl / "day1").mkdir(parents=True)
    (ident, text), (_, text2) = articles(2)
    (crawl / "day1" / "a.txt").write_text(text, encoding="utf-8")
    title, _, body = text2.partition("\n\n")
    (crawl / "day1" / "b.json").write_text(json.dumps({"url": "https://x.example/b", "title": title, "maintext": body}))
    (crawl / "empty.txt").write_text("")
    run_batch([crawl], tmp_path / "out.jsonl", workers=1, progress=False)
    assert [r["id"] for r in read_rows(tmp_path / "out.jsonl")] == ["day1/a.txt", "https://x.example/b"]
    assert [(e["id"], e["reason"]) for e in read_rows(tmp_path / "out.errors.jsonl")] == [("empty.txt", "empty article")]


def test_default_errors_path():
    from pathlib import Path

    assert default_errors_path(Path("d/res.jsonl")) == Path("d/res.errors.jsonl")
    assert default_errors_path(Path("res")) == Path("res.errors.jsonl")


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"workers": 0}, "at least 1"),
        ({"scheduler": "tcp://127.0.0.1:8786"}, "needs --engine dask"),
        ({"options": WorkOptions(threshold=2.0)}, "between 0 and 1"),
        ({"errors": "SAME"}, "both the output and the errors file"),
    ],
)
def test_bad_settings_are_refused_before_any_work(tmp_path, kwargs, message):
    src = write_jsonl(tmp_path / "in.jsonl", 1, bad=False)
    if kwargs.get("errors") == "SAME":
        kwargs["errors"] = tmp_path / "out.jsonl"
    with pytest.raises(InputError, match=message):
        run_batch([src], tmp_path / "out.jsonl", **kwargs)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.jsonl"]


def test_a_missing_reference_archive_is_an_archive_error(tmp_path):
    src = write_jsonl(tmp_path / "in.jsonl", 1, bad=False)
    with pytest.raises(ArchiveError, match="missing.db: no such archive"):
        run_batch([src], tmp_path / "out.jsonl", options=WorkOptions(reference_db=str(tmp_path / "missing.db")))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.jsonl"]


def test_no_errors_file_when_no_record_is_refused_and_a_stale_one_is_removed(tmp_path):
    src = write_jsonl(tmp_path / "in.jsonl", 3, bad=False)
    (tmp_path / "out.errors.jsonl").write_text('{"reason": "from an earlier run"}\n', encoding="utf-8")
    summary = run_batch([src], tmp_path / "out.jsonl", workers=1, progress=False)
    assert summary.failed == 0 and len(read_rows(tmp_path / "out.jsonl")) == 3
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.jsonl", "out.jsonl"]
