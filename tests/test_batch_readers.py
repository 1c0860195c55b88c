from __future__ import annotations

import json

import pytest

from kashif.batch.readers import LINE_LIMIT, expand_inputs, fingerprint, iter_records, partitions
from kashif.errors import InputError


def test_jsonl_records_keep_their_line_numbers_and_skip_blank_lines(tmp_path):
    p = tmp_path / "a.jsonl"
    p.write_bytes(b'{"id": 1}\n\n   \n{"id": 2}\n{"id": 3}')
    recs = list(iter_records(expand_inputs([p])))
    assert [(r.line, json.loads(r.data)["id"]) for r in recs] == [(1, 1), (4, 2), (5, 3)]
    assert {r.source for r in recs} == {str(p)}


def test_an_overlong_line_becomes_an_error_record_and_reading_goes_on(tmp_path):
    p = tmp_path / "a.jsonl"
    with p.open("wb") as fh:
        fh.write(b'{"id": "ok"}\n')
        fh.write(b"x" * (LINE_LIMIT + 10) + b"\n")
        fh.write(b'{"id": "after"}\n')
    recs = list(iter_records(expand_inputs([p])))
    assert [r.line for r in recs] == [1, 2, 3]
    assert recs[1].error and "longer than" in recs[1].error and recs[1].data == b""
    assert json.loads(recs[2].data)["id"] == "after"


def test_folders_are_walked_in_sorted_order_with_relative_names(tmp_path):
    d = tmp_path / "crawl"
    (d / "b").mkdir(parents=True)
    (d / "b" / "2.txt").write_text("نص")
    (d / "1.txt").write_text("نص")
    (d / "c.json").write_text("{}")
    (d / "notes.md").write_text("ignored")
    (d / ".hidden.txt").write_text("ignored")
    files = expand_inputs([d])
    assert [(f.name, f.kind) for f in files] == [("1.txt", "txt"), ("b/2.txt", "txt"), ("c.json", "json")]
    assert [r.line for r in iter_records(files)] == [None, None, None]


@pytest.mark.parametrize(
    "make, message",
    [
        (lambda t: t / "missing.jsonl", "no such file"),
        (lambda t: (t / "x.csv").write_text("a") and t / "x.csv", "unsupported input"),
        (lambda t: (t / "empty").mkdir() or t / "empty", "has no .jsonl"),
    ],
)
def test_bad_inputs_are_refused(tmp_path, make, message):
    with pytest.raises(InputError, match=message):
        expand_inputs([make(tmp_path)])


def test_the_same_file_twice_is_refused(tmp_path):
    p = tmp_path / "a.jsonl"
    p.write_text("{}\n")
    with pytest.raises(InputError, match="given twice"):
        expand_inputs([p, tmp_path / "." / "a.jsonl"])


def test_partitions_depend_only_on_the_input(tmp_path):
    p = tmp_path / "a.jsonl"
    p.write_text("".join(f'{{"id": {i}}}\n' for i in range(10)))
    cut = lambda: [[r.line for r in part] for part in partitions(iter_records(expand_inputs([p])), 4)]  # noqa: E731
    assert cut() == cut() == [[1, 2, 3, 4], [5, 6, 7, 8], [9, 10]]
    by_bytes = list(partitions(iter_records(expand_inputs([p])), 100, max_bytes=20))
    assert [len(part) for part in by_bytes] == [2, 2, 2, 2, 2]


def test_fingerprint_changes_when_an_input_changes(tmp_path):
    p = tmp_path / "a.jsonl"
    p.write_text("{}\n")
    before = fingerprint(expand_inputs([p]))
    assert fingerprint(expand_inputs([p])) == before
    p.write_text("{}\n{}\n")
    assert fingerprint(expand_inputs([p])) != before
