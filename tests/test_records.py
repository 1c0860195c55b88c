import json

import pytest

from kashif.errors import InputError
from kashif.inputs import MAX_BYTES
from kashif.records import (
    DEFAULT_FIELDS,
    LINE_LIMIT,
    ArticleRecord,
    Fields,
    InputFile,
    RawRecord,
    RecordError,
    expand,
    iter_raw,
    join_title,
    read_articles,
    to_articles,
)

A = "افتتحت البلدية حديقة عامة جديدة في وسط المدينة. وقال رئيس البلدية إن الحديقة مفتوحة للجميع."
B = "ارتفعت أسعار الخضار في الأسواق المحلية هذا الأسبوع بسبب موجة البرد."


def raw(data: str | bytes, kind: str = "jsonl", line: int | None = 3, name: str = "d/in.jsonl") -> RawRecord:
    return RawRecord("/x/d/in.jsonl", line, kind, data.encode() if isinstance(data, str) else data, name)


def one(record: RawRecord, fields: Fields = DEFAULT_FIELDS) -> ArticleRecord | RecordError:
    [art] = to_articles(record, fields)
    return art


def test_expand_walks_folders_sorted_skips_hidden_and_knows_every_suffix(tmp_path):
    d = tmp_path / "in"
    (d / "b").mkdir(parents=True)
    (d / ".git").mkdir()
    for name in ("b/2.txt", "a.ndjson", "c.json", "1.jsonl", ".hidden.txt", ".git/x.jsonl", "notes.csv"):
        (d / name).write_text("x")
    files = expand([d])
    assert [(f.name, f.kind) for f in files] == [("1.jsonl", "jsonl"), ("a.ndjson", "jsonl"), ("b/2.txt", "txt"), ("c.json", "json")]
    assert [f.kind for f in expand([d], kinds={".txt": "txt"})] == ["txt"]


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda t: [t / "missing.jsonl"], "no such file or folder"),
        (lambda t: [(t / "x.csv").write_text("a") and t / "x.csv"], "unsupported input"),
        (lambda t: [(t / "e").mkdir() or t / "e"], "folder has no .jsonl, .ndjson, .json or .txt files"),
        (lambda t: [(t / "a.txt").write_text("a") and t / "a.txt", t], "given twice"),
        (lambda t: [], "no input given"),
    ],
)
def test_expand_refuses_with_one_clear_line(tmp_path, make, message):
    with pytest.raises(InputError, match=message):
        expand(make(tmp_path))


def test_raw_records_are_lines_with_positions_a_leading_bom_stripped_and_blank_lines_dropped(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_bytes(b'\xef\xbb\xbf{"id": "a"}\n\n  \n{"id": "b"}')
    recs = list(iter_raw([InputFile(path, "jsonl", "a.jsonl")]))
    assert [(r.line, r.data) for r in recs] == [(1, b'{"id": "a"}\n'), (4, b'{"id": "b"}')]
    txt = tmp_path / "t.txt"
    txt.write_bytes(b"\xef\xbb\xbf" + A.encode())
    [rec] = iter_raw([InputFile(txt, "txt", "t.txt")])
    assert (rec.line, rec.data, rec.name) == (None, A.encode(), "t.txt")


def test_an_over_long_line_becomes_an_error_record_without_being_read_whole(tmp_path):
    path = tmp_path / "huge.jsonl"
    with path.open("wb") as fh:
        fh.write(b'{"id": "x", "text": "' + b"a" * LINE_LIMIT + b'"}\n')
        fh.write(json.dumps({"id": "b", "text": B}).encode() + b"\n")
    first, second = iter_raw([InputFile(path, "jsonl", "huge.jsonl")])
    assert (first.line, first.data, first.error) == (1, b"", "line longer than 16 MiB")
    assert one(first).reason == "line longer than 16 MiB"
    assert one(second).id == "b"


def test_one_mapping_of_fields_with_configurable_names():
    art = one(raw(json.dumps({"guid": 7, "body": A, "title": " عنوان ", "url": "https://n.test/1", "date": "2024-01-02", "topic": "local"})), Fields(id="guid", text="body"))
    assert art == ArticleRecord("7", A, "عنوان", "https://n.test/1", "2024-01-02", "local", "/x/d/in.jsonl", 3)


@pytest.mark.parametrize(
    ("obj", "ident"),
    [({"id": "a1", "url": "u"}, "a1"), ({"url": "https://n.test/2"}, "https://n.test/2"), ({}, "d/in.jsonl:3")],
)
def test_the_id_falls_back_to_the_url_then_the_files_path_and_line(obj, ident):
    assert one(raw(json.dumps(obj | {"text": A}))).id == ident


def test_news_please_keeps_the_title_apart_and_joins_it_once():
    title = "الذهب يرتفع"
    art = one(raw(json.dumps({"title": title, "maintext": B, "date_publish": "2024-02-03 10:00:00"}), kind="json", line=None, name="np/a.json"))
    assert (art.id, art.title, art.text, art.date) == ("np/a.json", title, B, "2024-02-03 10:00:00")
    assert art.full_text == f"{title}\n\n{B}"
    assert join_title(title, f"{title}\n\n{B}") == f"{title}\n\n{B}" and join_title(None, B) == B


def test_a_json_list_gives_one_article_per_item_and_an_error_for_each_bad_one():
    data = json.dumps([{"text": A}, {"id": "n"}, {"url": "u3", "maintext": B}])
    arts = list(to_articles(raw(data, kind="json", line=None, name="l.json")))
    assert [a.id for a in arts] == ["l.json#1", "n", "u3"]
    assert isinstance(arts[1], RecordError) and arts[1].reason == "item 2: missing text field 'text' (or news-please 'maintext')"


def test_a_txt_file_is_one_article_named_by_its_path():
    art = one(raw(A, kind="txt", line=None, name="2024/a.txt"))
    assert (art.id, art.text, art.title) == ("2024/a.txt", A, None)


@pytest.mark.parametrize(
    ("data", "kind", "reason", "ident"),
    [
        ('{"id": "t", "text": "نص', "jsonl", "malformed JSON", None),
        ("[1, 2]", "jsonl", "expected a JSON object, not list", None),
        ('{"id": "e", "text": "   "}', "jsonl", "empty article", "e"),
        ('{"id": "en", "text": "An English article."}', "jsonl", "not Arabic text", "en"),
        ('{"id": "n", "text": 4}', "jsonl", "text field 'text' is not a string", "n"),
        ('{"id": [1], "text": "نص"}', "jsonl", "id field 'id' is not", None),
        (b"\xff\xfe abc", "txt", "not valid UTF-8", "d/in.jsonl"),
        ("{", "json", "malformed JSON", "d/in.jsonl"),
    ],
)
def test_bad_records_become_errors_carrying_file_line_id_and_reason(data, kind, reason, ident):
    line = 3 if kind == "jsonl" else None
    err = one(raw(data, kind=kind, line=line))
    assert isinstance(err, RecordError) and isinstance(err, InputError)
    assert (err.file, err.line, err.id) == ("/x/d/in.jsonl", line, ident) and err.reason.startswith(reason)
    assert str(err) == f"/x/d/in.jsonl: {'line 3: ' if line else ''}{err.reason}"


def test_the_size_limit_applies_to_the_text_not_to_its_escaped_line():
    sentence = "قال مسؤول إن المشروع سيبدأ العام المقبل."
    text = "\n\n".join([sentence] * (700_000 // len(sentence)))
    line = json.dumps({"id": "long", "text": text})  # \uXXXX escapes: several times the text's size
    assert len(text.encode()) < MAX_BYTES < len(line) <= LINE_LIMIT
    assert one(raw(line)).text == text
    big = "\n\n".join([sentence] * (MAX_BYTES // len(sentence)))
    assert one(raw(json.dumps({"id": "big", "text": big}))).reason.startswith("larger than the 2 MiB limit")


def test_read_articles_reads_every_kind_in_order(tmp_path):
    (tmp_path / "a.jsonl").write_text(json.dumps({"id": "a", "text": A}) + "\n{oops\n", encoding="utf-8")
    (tmp_path / "b.json").write_text(json.dumps({"url": "https://n.test/b", "title": "عنوان", "maintext": B}), encoding="utf-8")
    (tmp_path / "c").mkdir()
    (tmp_path / "c" / "d.txt").write_text(A, encoding="utf-8")
    got = [(type(x).__name__, x.id) for x in read_articles([tmp_path])]
    assert got == [("ArticleRecord", "a"), ("RecordError", None), ("ArticleRecord", "https://n.test/b"), ("ArticleRecord", "c/d.txt")]
