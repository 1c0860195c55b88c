from __future__ import annotations

import json

import pytest
from batchdata import BAD, articles

import kashif
from kashif.batch.readers import RawRecord
from kashif.batch.work import WorkOptions, check_article, process_partition
from kashif.batch.work import articles as read_record
from kashif.records import RecordError

ID, TEXT = articles(1)[0]


def parse(raw: RawRecord, opts: WorkOptions):
    """The one article of a record, or its error raised."""
    [art] = read_record(raw, opts)
    if isinstance(art, RecordError):
        raise art
    return art


def check_record(raw: RawRecord, opts: WorkOptions) -> dict:
    return check_article(parse(raw, opts), opts)


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
    assert exc.value.id == "e1" and exc.value.reason == "empty article"


def test_news_please_files_use_url_title_and_maintext():
    title, _, body = TEXT.partition("\n\n")
    data = json.dumps({"url": "https://example.org/a", "title": title, "maintext": body, "language": "ar"})
    art = parse(rec(data, kind="json", name="a.json"), WorkOptions())
    assert art.id == "https://example.org/a" and (art.title, art.text) == (title, body) and art.full_text == TEXT
    assert parse(rec(json.dumps({"title": title, "maintext": body}), kind="json", name="d/a.json"), WorkOptions()).id == "d/a.json"


def test_a_news_please_list_gives_one_row_per_article():
    data = json.dumps([{"url": "u1", "text": TEXT}, {"url": "u2"}, {"url": "u3", "text": TEXT}])
    result = process_partition([rec(data, kind="json", name="l.json")], WorkOptions())
    assert (result.ok, result.failed) == (2, 1)
    assert [json.loads(x)["id"] for x in result.out.splitlines()] == ["u1", "u3"]
    assert json.loads(result.err)["reason"].startswith("item 2: missing text field")


def test_txt_files_are_decoded_and_named_by_path():
    art = parse(rec(TEXT, kind="txt", name="2024/a.txt"), WorkOptions())
    assert (art.id, art.text) == ("2024/a.txt", TEXT)
    with pytest.raises(RecordError, match="not valid UTF-8"):
        parse(rec(b"\xff\xfe abc", kind="txt", name="b.txt"), WorkOptions())


def test_a_partition_splits_rows_and_errors_and_counts_them():
    good = rec(json.dumps({"id": ID, "text": TEXT}, ensure_ascii=False))
    result = process_partition([good, rec("{oops"), rec("", error="line longer than 16 MiB")], WorkOptions())
    assert (result.ok, result.failed) == (1, 2)
    errors = [json.loads(line) for line in result.err.splitlines()]
    assert [e["reason"] for e in errors][1] == "line longer than 16 MiB"
    assert json.loads(result.out)["id"] == ID


def _escaped_article(chars: int) -> str:
    """Synthetic Arabic text of about ``chars`` characters, as one paragraph a sentence."""
    sentence = "قال مسؤول في الوزارة إن المشروع الجديد سيبدأ العام المقبل في عدة مدن."
    return "\n\n".join([sentence] * (chars // (len(sentence) + 2) + 1))


def test_the_article_limit_applies_to_the_text_not_to_its_escaped_json_line(tmp_path):
    from kashif.batch.readers import InputFile, iter_records
    from kashif.inputs import MAX_BYTES

    text = _escaped_article(700_000)  # ~1.3 MB of UTF-8, within the limit
    line = json.dumps({"id": "long", "text": text})  # ensure_ascii: \uXXXX escapes, ~4 MB
    assert len(text.encode("utf-8")) < MAX_BYTES < len(line)
    path = tmp_path / "in.jsonl"
    path.write_text(line + "\n", encoding="ascii")
    [record] = iter_records([InputFile(path, "jsonl", "in.jsonl")])
    art = parse(record, WorkOptions())
    assert (art.id, art.text) == ("long", text)
    too_long = _escaped_article(MAX_BYTES + 100)
    with pytest.raises(RecordError, match="larger than the 2 MiB limit"):
        check_record(rec(json.dumps({"id": "too-long", "text": too_long})), WorkOptions())


def test_a_json_record_over_the_line_cap_is_refused_with_the_reason():
    from kashif.batch.readers import LINE_LIMIT

    data = b'{"id": "x", "text": "' + b"a" * LINE_LIMIT + b'"}'
    with pytest.raises(RecordError, match="line longer than 16 MiB"):
        parse(rec(data), WorkOptions())
    with pytest.raises(RecordError) as exc:
        parse(rec(data, kind="json", name="a.json"), WorkOptions())
    assert exc.value.reason == "larger than 16 MiB"
