import json
from dataclasses import replace
from html import escape

import pytest

from kashif.brackets import parse
from kashif.comparison import Comparison, Source, compare
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


@pytest.mark.parametrize(
    "url, linked",
    [
        ("https://news.example/2024/a?x=1&y=2", True),
        ("http://news.example/a", True),
        ("javascript:alert(document.cookie)", False),
        (" JavaScript:alert(1)", False),
        ("data:text/html,<script>alert(1)</script>", False),
        ("//evil.example/a", False),
    ],
)
def test_only_http_source_urls_become_links(result, url, linked):
    page = render_comparison(replace(result, source=Source("wire-1", url, 0.8)), "html")
    if linked:
        assert f'<a href="{url.replace("&", "&amp;")}"' in page
    else:
        assert "<a " not in page and "<script>" not in page
        assert escape(url) in page
