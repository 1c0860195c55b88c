import json

import pytest

from kashif.brackets import parse
from kashif.comparison import Comparison, compare
from kashif.render.comparison import render_comparison

ORIGINAL = "عنوان الخبر\n\nقال الوزير إن الحكومة ستبني مدارس جديدة هذا العام. وأضاف أن الميزانية تكفي لذلك.\n\nوانتقد النواب <الخطة> & تفاصيلها."
SUSPECT = "عنوان الخبر\n\nقال الوزير إن الحكومة ستبني مدارس كثيرة هذا العام. وتعد هذه الخطوة نقلة نوعية [كبيرة] في قطاع التعليم بأكمله."


@pytest.fixture
def result() -> Comparison:
    return compare(SUSPECT, ORIGINAL)


def test_brackets_round_trip_and_escape_literal_brackets(result):
    text, spans = parse(render_comparison(result, "brackets"))
    assert text == SUSPECT
    assert [text[a:b] for a, b in spans] == [s.text for s in result.flagged]


def test_json_is_to_dict(result):
    assert json.loads(render_comparison(result, "json")) == result.to_dict()
    assert [d["text"] for d in result.to_dict()["deleted"]] == ["وأضاف أن الميزانية تكفي لذلك.", "وانتقد النواب <الخطة> & تفاصيلها."]


def test_html_escapes_and_marks_deleted(result):
    page = render_comparison(result, "html")
    assert "&lt;الخطة&gt; &amp;" in page and "<الخطة>" not in page
    assert page.count('class="deleted"') == 3  # the legend and two sentences
    assert "محذوفة من الأصل: 2" in page


def test_unknown_format(result):
    with pytest.raises(ValueError, match="unknown format"):
        render_comparison(result, "pdf")
