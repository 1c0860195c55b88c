from __future__ import annotations

import json

import pytest

import kashif
from batchdata import BAD, articles
from kashif.batch.readers import RawRecord
from kashif.batch.work import RecordError, WorkOptions, check_record, parse, process_partition

ID, TEXT = articles(1)[0]


def rec(data: bytes | str, kind: str = "jsonl", name: str | None = None, error: str | None = None) -> RawRecord:
    raw = data.encode("utf-8") if isinstance(data, str) else data
    return RawRecord("in.jsonl", None if kind != "jsonl" else 7, kind, raw, name, error)


def test_a_good_record_gives_the_detect_answer_summarised():
    row = check_record(rec(json.dumps({"id": ID, "text": TEXT})), WorkOptions())
    report = kashif.detect(TEXT)
    assert row["id"] == ID and row["file"] == "in.jsonl" and row["line"] == 7
    assert row["mode"] == "detector"
    assert row["n_sentences"] == len(report.sentences)
    assert row["n_flagged"] == len(report.flagged) == len(row["flagged"])
    assert row["top_score"] == max(round(s.score, 4) for s in report.sentences)
    for got, want in zip(row["flagged"], report.flagged):
        assert (got["start"], got["end"], got["reasons"]) == (want.start, want.end, want.reasons)
        assert TEXT[got["start"] : got["end"]] == got["text"]


def test_field_names_are_configurable_and_threshold_applies():
    data = json.dumps({"guid": 12, "body": TEXT})
    row = check_record(rec(data), WorkOptions(id_field="guid", text_field="body", threshold=0.0))
    assert row["id"] == "12"
    assert row["n_flagged"] == row["n_sentences"] > 0


@pytest.mark.parametrize("line, reason", BAD)
def test_bad_records_raise_a_record_error_with_the_reason(line, reason):
    with pytest.raises(RecordError, match=reason):
        check_record(rec(line), WorkOptions())


def test_the_id_is_kept_with_the_reason_when_known():
    with pytest.raises(RecordError) as exc:
        check_record(rec('{"id": "e1", "text": ""}'), WorkOptions())
    assert exc.value.ident == "e1" and exc.value.reason == "empty article"


def test_news_please_files_use_url_title_and_maintext():
    title, _, body = TEXT.partition("\n\n")
    data = json.dumps({"url": "https://example.org/a", "title": title, "maintext": body, "language": "ar"})
    ident, text = parse(rec(data, kind="json", name="a.json"), WorkOptions())
    assert ident == "https://example.org/a" and text == TEXT
    ident, _ = parse(rec(json.dumps({"title": title, "maintext": body}), kind="json", name="d/a.json"), WorkOptions())
    assert ident == "d/a.json"


def test_txt_files_are_decoded_and_named_by_path():
    assert parse(rec(TEXT, kind="txt", name="2024/a.txt"), WorkOptions()) == ("2024/a.txt", TEXT)
    with pytest.raises(RecordError, match="not valid UTF-8"):
        parse(rec(b"\xff\xfe abc", kind="txt", name="b.txt"), WorkOptions())


def test_a_partition_splits_rows_and_errors_and_counts_them():
    good = rec(json.dumps({"id": ID, "text": TEXT}, ensure_ascii=False))
    result = process_partition([good, rec("{oops"), rec("", error="line longer than 16 MiB")], WorkOptions())
    assert (result.ok, result.failed) == (1, 2)
    errors = [json.loads(line) for line in result.err.splitlines()]
    assert [e["reason"] for e in errors][1] == "line longer than 16 MiB"
    assert json.loads(result.out)["id"] == ID
