import pytest

from kashif.brackets import parse, wrap
from kashif.errors import FormatError


def test_parse_gives_plain_text_and_spans():
    text, spans = parse("جملة أولى. [جملة مقحمة.] جملة ثالثة.")
    assert text == "جملة أولى. جملة مقحمة. جملة ثالثة."
    assert [text[a:b] for a, b in spans] == ["جملة مقحمة."]


def test_spans_are_trimmed():
    text, spans = parse("أ [ جملة. ] ب")
    assert [text[a:b] for a, b in spans] == ["جملة."]


@pytest.mark.parametrize(
    "text,spans",
    [
        ("نص فيه [قوس] حرفي.", [(0, 2)]),
        ("شرطة مائلة \\ عادية و\\[ قوس بعدها.", [(11, 12)]),
        ("ينتهي بشرطة\\", [(0, 12)]),
        ("\\\\ مزدوجة", []),
        ("", []),
    ],
)
def test_round_trip_with_escapes(text, spans):
    annotated = wrap(text, spans)
    assert parse(annotated) == (text, spans)


def test_wrap_changes_nothing_but_brackets():
    text = "أ. ب. ج."
    assert wrap(text, [(3, 5)]) == "أ. [ب.] ج."
    assert parse(wrap(text, [(3, 5)]))[0] == text


@pytest.mark.parametrize(
    "bad,line",
    [("سطر\n[مفتوح\nبلا إغلاق", "line 2"), ("سطر\nسطر ]", "line 2"), ("[أ [ب]]", "line 1"), ("[ ]", "line 1")],
)
def test_unbalanced_brackets_name_the_line(bad, line):
    with pytest.raises(FormatError, match=line):
        parse(bad)
