"""The page at ``/``, driven end to end in Debian's headless Chromium via Playwright.

Needs /usr/bin/chromium (``apt-get install chromium``; never ``playwright
install``): without it these tests skip. The screenshot is saved to the test's
tmp dir and to /tmp/kashif_page.png for a person to look at.
"""

from __future__ import annotations

import json
import math
import re
import shutil
from pathlib import Path

import pytest

pytest.importorskip("playwright.sync_api", reason="Playwright is not installed (pip install 'kashif[dev]')")
from playwright.sync_api import expect, sync_playwright  # noqa: E402

import kashif
from conftest import ROOT
from kashif import detector
from kashif.comparison import compare
from kashif.inputs import MAX_BYTES
from kashif.render import render_brackets
from kashif.serve import Settings
from live_server import LiveServer, article_with_flags

CHROMIUM = Path("/usr/bin/chromium")
APP_JS = ROOT / "kashif" / "serve" / "static" / "app.js"
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync"]


def test_page_constants_match_the_detector():
    """The page re-flags sentences client-side; its copy of the short-article rule must match."""
    js = APP_JS.read_text(encoding="utf-8")
    const = dict(re.findall(r"^const (\w+) = ([\d.* ]+);", js, re.M))
    assert int(const["MIN_SENTENCES"]) == detector.MIN_SENTENCES
    assert float(const["SHORT_ARTICLE_THRESHOLD"]) == detector.SHORT_ARTICLE_THRESHOLD
    assert math.prod(int(f) for f in const["MAX_FILE_BYTES"].split("*")) == MAX_BYTES


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.skip("Chromium is not installed (apt-get install -y chromium)")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=LAUNCH_ARGS)
        yield b
        b.close()


@pytest.fixture(scope="module")
def server():
    with LiveServer() as live:
        yield live


@pytest.fixture(scope="module")
def article() -> str:
    return article_with_flags()


@pytest.fixture
def page(browser, server):
    """A fresh page that records console errors and any request leaving the server."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    pg = context.new_page()
    problems: list[str] = []
    pg.on("console", lambda m: problems.append(f"console {m.type}: {m.text}") if m.type in ("error", "warning") else None)
    pg.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    pg.on("request", lambda r: None if r.url.startswith((server.url, "blob:", "data:")) else problems.append(f"outside request: {r.url}"))
    pg.problems = problems
    yield pg
    context.close()
    assert problems == []


def check(pg, server, text: str) -> None:
    pg.goto(server.url + "/")
    pg.fill("#article", text)
    pg.click("#check")
    pg.wait_for_selector("#result:not([hidden])")


def flagged_texts(pg) -> list[str]:
    return pg.locator("#rendered .sent.flag").all_inner_texts()


def set_slider(pg, value: float) -> None:
    pg.eval_on_selector("#threshold", "(el, v) => { el.value = v; el.dispatchEvent(new Event('input', {bubbles: true})); }", value)


def test_page_highlights_exactly_the_flagged_sentences(page, server, article, tmp_path):
    report = kashif.detect(article, lang="ar")
    contract = report.to_dict()
    check(page, server, article)

    assert page.evaluate("document.documentElement.dir") == "rtl"
    assert flagged_texts(page) == [s.text for s in report.flagged]
    assert page.inner_text("#count") == f"الجمل المشتبه بها: {len(report.flagged)} من {len(report.sentences)}"
    # the whole article is shown, sentence spans at the API's offsets
    assert page.eval_on_selector("#rendered", "el => el.textContent") == article

    shot = tmp_path / "page.png"
    page.screenshot(path=str(shot), full_page=True)
    shutil.copy(shot, "/tmp/kashif_page.png")

    # reasons on hover, in Arabic
    first = page.locator("#rendered .sent.flag").first
    first.hover()
    pop = page.locator("#pop")
    assert pop.is_visible()
    assert report.flagged[0].reasons[0] in pop.inner_text()
    page.mouse.move(5, 5)
    assert not pop.is_visible()

    # the slider re-highlights from the scores already on the page: no new request
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    # the slider's step is 0.01: just below the highest score not yet flagged
    low = math.floor(max(s.score for s in report.sentences if not s.inserted) * 100) / 100
    set_slider(page, low)
    expected = [s["text"] for s in contract["sentences"] if s["score"] >= low]
    assert len(expected) > len(report.flagged)
    assert flagged_texts(page) == expected
    assert page.inner_text("#count") == f"الجمل المشتبه بها: {len(expected)} من {len(report.sentences)}"
    set_slider(page, 1.0)
    assert page.inner_text("#count") == f"الجمل المشتبه بها: 0 من {len(report.sentences)}"
    page.click("#threshold-reset")
    assert flagged_texts(page) == [s.text for s in report.flagged]
    assert requests == []


def test_downloads_match_the_cli_formats(page, server, article, tmp_path):
    check(page, server, article)
    with page.expect_download() as info:
        page.click("#download-brackets")
    path = tmp_path / "brackets.txt"
    info.value.save_as(path)
    assert path.read_text(encoding="utf-8") == render_brackets(kashif.detect(article))

    with page.expect_download() as info:
        page.click("#download-json")
    info.value.save_as(tmp_path / "k.json")
    assert json.loads((tmp_path / "k.json").read_text(encoding="utf-8")) == kashif.detect(article, lang="ar").to_dict()

    # moved slider: the JSON is the contract at that threshold (asked of the server)
    set_slider(page, 0.2)
    with page.expect_download() as info:
        page.click("#download-json")
    info.value.save_as(tmp_path / "k2.json")
    assert json.loads((tmp_path / "k2.json").read_text(encoding="utf-8")) == kashif.detect(article, threshold=0.2, lang="ar").to_dict()
    with page.expect_download() as info:
        page.click("#download-brackets")
    info.value.save_as(tmp_path / "b2.txt")
    assert (tmp_path / "b2.txt").read_text(encoding="utf-8") == render_brackets(kashif.detect(article, threshold=0.2))


def test_brackets_escape_literal_brackets(page, server, article, tmp_path):
    text = article.replace("،", "، [ملاحظة] \\", 1)
    check(page, server, text)
    with page.expect_download() as info:
        page.click("#download-brackets")
    info.value.save_as(tmp_path / "b.txt")
    assert (tmp_path / "b.txt").read_text(encoding="utf-8") == render_brackets(kashif.detect(text))


def test_english_interface_asks_for_english_reasons(page, server, article):
    check(page, server, article)
    page.click("#lang-toggle")
    page.wait_for_selector("html[dir=ltr]", state="attached")
    assert page.inner_text("#tab-check") == "Check an article"
    report = kashif.detect(article, lang="en")
    expect(page.locator("#check-status")).to_have_text("Done.")
    assert page.inner_text("#count") == f"Suspect sentences: {len(report.flagged)} of {len(report.sentences)}"
    assert page.eval_on_selector("#rendered", "el => el.dir") == "rtl"  # the article stays right-to-left
    page.locator("#rendered .sent.flag").first.hover()
    assert report.flagged[0].reasons[0] in page.inner_text("#pop")
    page.reload()  # the choice is remembered
    assert page.inner_text("#check") == "Check"


def test_file_upload_and_refusals(page, server, article, tmp_path):
    page.goto(server.url + "/")
    f = tmp_path / "article.txt"
    f.write_text(article, encoding="utf-8")
    page.set_input_files("#article-file", str(f))
    expect(page.locator("#article")).to_have_value(article)

    page.fill("#article", "")
    page.click("#check")
    assert page.inner_text("#check-status") == "الصق نص المقال أولًا."
    page.fill("#article", "Only English words here, nothing to check.")
    page.click("#check")
    page.wait_for_selector("#check-status.error >> text=not Arabic")
    page.problems[:] = [p for p in page.problems if "status of 400" not in p]  # that refusal was the point

    (tmp_path / "bin.txt").write_bytes(b"\xff\xfe\x00bad")
    page.set_input_files("#article-file", str(tmp_path / "bin.txt"))
    page.wait_for_selector("#check-status.error >> text=UTF-8")


def test_phone_tap_shows_reasons_and_nothing_overflows(browser, server, article, tmp_path):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True, device_scale_factor=2)
    pg = context.new_page()
    try:
        check(pg, server, article)
        report = kashif.detect(article, lang="ar")
        assert pg.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
        pg.locator("#rendered .sent.flag").first.tap()
        assert pg.locator("#pop").is_visible()
        assert report.flagged[0].reasons[0] in pg.inner_text("#pop")
        pg.screenshot(path=str(tmp_path / "phone.png"))
        shutil.copy(tmp_path / "phone.png", "/tmp/kashif_page_phone.png")
        pg.locator("h1").tap()
        assert not pg.locator("#pop").is_visible()
    finally:
        context.close()


def test_token_prompt(browser, article):
    with LiveServer(Settings(token="page-token")) as live:
        context = browser.new_context()
        pg = context.new_page()
        try:
            check_nowait = pg.goto(live.url + "/")
            assert check_nowait.ok
            pg.fill("#article", article)
            pg.click("#check")
            pg.wait_for_selector("#token-box:not([hidden])")
            assert "رمز وصول" in pg.inner_text("#check-status")
            pg.fill("#token", "page-token")
            pg.click("#check")
            pg.wait_for_selector("#result:not([hidden])")
            assert flagged_texts(pg) == [s.text for s in kashif.detect(article).flagged]
        finally:
            context.close()


def test_compare_tab_shows_the_side_by_side_view(page, server, article, tmp_path):
    # the original lacks the first flagged sentence, has one word changed and one sentence more
    first = kashif.detect(article).flagged[0]
    original = article[: first.start] + article[first.end :]
    original = original.replace("، ", "، يوم ", 1) + "\n\nوأكدت مصادر رسمية أن الاجتماع المقبل سيعقد في موعده المحدد."
    result = compare(article, original, lang="ar").to_dict()
    page.goto(server.url + "/")
    page.click("#tab-compare")
    assert page.is_visible("#suspect") and not page.is_visible("#article")
    page.fill("#suspect", article)
    page.fill("#original", original)
    page.click("#compare")
    page.wait_for_selector("#compare-result:not([hidden])")

    def texts(status: str) -> list[str]:
        return [s["text"] for s in result["sentences"] if s["status"] == status]

    assert page.locator("#suspect-view .sent.inserted").all_inner_texts() == texts("inserted") == [first.text]
    assert page.locator("#suspect-view .sent.modified").all_inner_texts() == texts("modified")
    assert page.locator("#original-view .sent.deleted").all_inner_texts() == [d["text"] for d in result["deleted"]]
    assert len(result["deleted"]) == 1
    n = {k: len(texts(k)) for k in ("inserted", "modified")}
    assert page.inner_text("#compare-count") == f"مُضافة: {n['inserted']} · معدّلة: {n['modified']} · محذوفة من الأصل: 1"
    page.locator("#suspect-view .sent.inserted").first.hover()
    assert "غير موجودة في الأصل" in page.inner_text("#pop")
    page.screenshot(path=str(tmp_path / "compare.png"), full_page=True)
    shutil.copy(tmp_path / "compare.png", "/tmp/kashif_compare.png")
