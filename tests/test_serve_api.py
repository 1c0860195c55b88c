"""The HTTP API, against a real uvicorn server on loopback, with httpx."""

from __future__ import annotations

import json
import logging
import socket
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest

import kashif
from conftest import ROOT, corpus_files, run_cli
from kashif.archive import Archive, Record
from kashif.comparison import compare
from kashif.corpus import read_jsonl
from kashif.errors import InputError
from kashif.inputs import check_text
from kashif.serve import MAX_BODY_BYTES, Settings
from live_server import LiveServer, article_with_flags

STATIC = ROOT / "kashif" / "serve" / "static"


@pytest.fixture(scope="module")
def server():
    with LiveServer() as live:
        yield live


@pytest.fixture(scope="module")
def client(server):
    with httpx.Client(base_url=server.url, timeout=30) as c:
        yield c


@pytest.fixture(scope="module")
def article() -> str:
    return article_with_flags()


def input_error(text: str, name: str) -> str:
    with pytest.raises(InputError) as exc:
        check_text(text, name)
    return str(exc.value)


# -- results ---------------------------------------------------------------


def test_detect_returns_exactly_the_python_api_result(client, article):
    r = client.post("/v1/detect", json={"text": article})
    assert r.status_code == 200
    assert r.headers["content-type"] == "application/json"
    assert r.json() == kashif.detect(article).to_dict()
    assert any(s["inserted"] for s in r.json()["sentences"])


def test_detect_passes_threshold_and_lang(client, article):
    r = client.post("/v1/detect", json={"text": article, "threshold": 0.2, "lang": "ar"})
    assert r.status_code == 200
    expected = kashif.detect(article, threshold=0.2, lang="ar").to_dict()
    assert r.json() == expected
    reasons = [x for s in expected["sentences"] for x in s["reasons"]]
    assert reasons and all(any("\u0600" <= ch <= "\u06ff" for ch in x) for x in reasons)


def test_healthz(client):
    r = client.get("/healthz")
    assert r.status_code == 200
    model = kashif.default_model()
    assert r.json() == {
        "status": "ok",
        "version": kashif.__version__,
        "model": {"name": model.name, "version": model.version},
        "archive": False,
    }


def test_openapi_and_docs_are_served_locally(client):
    spec = client.get("/openapi.json").json()
    assert {"/v1/detect", "/v1/compare", "/v1/check", "/healthz"} <= set(spec["paths"])
    detect_body = spec["components"]["schemas"]["DetectRequest"]
    assert detect_body["required"] == ["text"]
    assert spec["components"]["securitySchemes"]["bearer"]["scheme"] == "bearer"
    docs = client.get("/docs")
    assert docs.status_code == 200 and "/static/docs.js" in docs.text
    assert client.get("/redoc").status_code == 404  # FastAPI's CDN-backed pages are off
    for name in ("docs.js", "docs.css", "app.js", "style.css"):
        assert client.get(f"/static/{name}").status_code == 200


def test_page_and_assets_load_nothing_from_outside(client):
    page = client.get("/")
    assert page.status_code == 200
    assert '<html lang="ar" dir="rtl">' in page.text
    csp = page.headers["content-security-policy"]
    assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp
    for path in STATIC.iterdir():
        text = path.read_text(encoding="utf-8")
        assert "http://" not in text and "https://" not in text and "//cdn" not in text, path.name


# -- refusals --------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ({}, "body.text: Field required"),
        ({"text": 42}, "body.text: Input should be a valid string"),
        ({"text": "نص", "threshold": 1.5}, "body.threshold: Input should be less than or equal to 1"),
        ({"text": "نص", "lang": "fr"}, "body.lang: Input should be 'en' or 'ar'"),
        ({"text": "نص", "treshold": 0.5}, "body.treshold: Extra inputs are not permitted"),
        ([], "body: Input should be a valid dictionary"),
    ],
)
def test_invalid_fields_get_422_with_a_message(client, body, expected):
    r = client.post("/v1/detect", json=body)
    assert r.status_code == 422
    assert r.json()["detail"].startswith(expected)
    assert isinstance(r.json()["errors"], list)


def test_malformed_json_gets_422(client):
    r = client.post("/v1/detect", content=b'{"text": "abc', headers={"content-type": "application/json"})
    assert r.status_code == 422
    assert "JSON decode error" in r.json()["detail"]


def test_validation_errors_never_echo_the_text(client):
    secret = "هذه جملة سرية لا يجوز أن تظهر في الرد " * 3
    r = client.post("/v1/detect", json={"text": secret, "extra": secret})
    assert r.status_code == 422
    assert "سرية" not in r.text


@pytest.mark.parametrize(
    "text", ["", "   \n\n ", "This is an English article about the economy and nothing else."]
)
def test_empty_or_non_arabic_text_gets_400_with_the_input_error(client, text):
    r = client.post("/v1/detect", json={"text": text})
    assert r.status_code == 400
    assert r.json() == {"detail": input_error(text, "text")}


def test_compare_refuses_bad_text_naming_the_field(client, article):
    r = client.post("/v1/compare", json={"suspect": article, "original": "   "})
    assert r.status_code == 400
    assert r.json()["detail"] == input_error("   ", "original")


def test_check_without_a_database_is_503(client, article):
    r = client.post("/v1/check", json={"text": article})
    assert r.status_code == 503
    assert "kashif serve --db" in r.json()["detail"]


def _raw_request(port: int, head: bytes) -> bytes:
    with socket.create_connection(("127.0.0.1", port), timeout=10) as s:
        s.sendall(head)
        data = b""
        while chunk := s.recv(65536):
            data += chunk
        return data


def test_oversized_body_is_refused_from_its_length_before_reading(server):
    assert Settings().max_body_bytes == MAX_BODY_BYTES == 8 * 1024 * 1024
    # the headers promise a body over the limit; none is sent, yet the answer comes at once
    head = (
        f"POST /v1/detect HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
        f"Content-Length: {MAX_BODY_BYTES + 1}\r\nConnection: close\r\n\r\n"
    ).encode()
    started = time.monotonic()
    reply = _raw_request(server.port, head)
    assert reply.startswith(b"HTTP/1.1 413 ")
    assert b'"detail":"request body larger than the 8 MiB limit"' in reply
    assert time.monotonic() - started < 5


def test_body_limit_applies_to_sized_and_chunked_bodies():
    with LiveServer(Settings(max_body_bytes=1024)) as live, httpx.Client(base_url=live.url, timeout=30) as c:
        text = "خبر " * 300  # about 2.4 KB of UTF-8
        r = c.post("/v1/detect", json={"text": text})
        assert r.status_code == 413
        assert r.json() == {"detail": "request body larger than the 1024-byte limit"}

        def chunks():
            body = json.dumps({"text": text}, ensure_ascii=False).encode()
            for i in range(0, len(body), 500):
                yield body[i : i + 500]

        r = c.post("/v1/detect", content=chunks(), headers={"content-type": "application/json"})
        assert r.request.headers["transfer-encoding"] == "chunked"
        assert r.status_code == 413
        assert r.json() == {"detail": "request body larger than the 1024-byte limit"}
        assert c.post("/v1/detect", json={"text": "خبر قصير عن الطقس اليوم."}).status_code == 200


# -- token -----------------------------------------------------------------


def test_bearer_token_is_required_when_set(article):
    with LiveServer(Settings(token="s3cret-token")) as live, httpx.Client(base_url=live.url, timeout=30) as c:
        r = c.post("/v1/detect", json={"text": article})
        assert r.status_code == 401
        assert r.headers["www-authenticate"] == "Bearer"
        assert "KASHIF_API_TOKEN" in r.json()["detail"]
        wrong = c.post("/v1/detect", json={"text": article}, headers={"Authorization": "Bearer nope"})
        assert wrong.status_code == 401
        # refused before the body is looked at: an invalid body still gets 401
        assert c.post("/v1/detect", content=b"{", headers={"content-type": "application/json"}).status_code == 401
        ok = c.post("/v1/detect", json={"text": article}, headers={"Authorization": "Bearer s3cret-token"})
        assert ok.status_code == 200 and ok.json() == kashif.detect(article).to_dict()
        assert c.get("/healthz").status_code == 200
        assert c.get("/").status_code == 200


def test_token_comes_from_the_environment(monkeypatch):
    monkeypatch.setenv("KASHIF_API_TOKEN", "from-env")
    assert Settings.from_env().token == "from-env"
    monkeypatch.setenv("KASHIF_API_TOKEN", "")
    assert Settings.from_env().token is None


# -- logging ---------------------------------------------------------------


def test_article_text_is_not_logged_by_default(client, article, caplog):
    with caplog.at_level(logging.INFO, logger="kashif.serve"):
        assert client.post("/v1/detect", json={"text": article}).status_code == 200
        assert client.post("/v1/detect", json={"text": "English only, please."}).status_code == 400
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert f"detect text_chars={len(article)}" in logged
    first_sentence = kashif.detect(article).sentences[0].text
    assert first_sentence not in logged and "English only" not in logged


def test_log_text_flag_logs_the_text(article, caplog):
    with LiveServer(Settings(log_text=True)) as live, caplog.at_level(logging.INFO, logger="kashif.serve"):
        assert httpx.post(f"{live.url}/v1/detect", json={"text": article}, timeout=30).status_code == 200
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert kashif.detect(article).sentences[0].text in logged


# -- concurrency -----------------------------------------------------------


def test_concurrent_requests_get_their_own_results(server):
    texts = [g.text for path in corpus_files()[:2] for g in list(read_jsonl(path))[:6]]
    expected = {t: kashif.detect(t).to_dict() for t in texts}
    jobs = texts * 4

    def one(text: str) -> bool:
        r = httpx.post(f"{server.url}/v1/detect", json={"text": text}, timeout=60)
        return r.status_code == 200 and r.json() == expected[text]

    with ThreadPoolExecutor(16) as pool:
        assert all(pool.map(one, jobs))


# -- the other endpoints -----------------------------------------------------


def spliced_pair(article: str) -> tuple[str, str]:
    """(suspect, original): the original lacks the first flagged sentence and has one word changed."""
    first = kashif.detect(article).flagged[0]
    original = article[: first.start] + article[first.end :]
    word = next(w for w in article[first.end :].split() if len(w) > 4 and w.isalpha())
    return article, original.replace(word, word[:-1] + "ة" if word[-1] != "ة" else word[:-1] + "ه", 1)


def test_compare_returns_exactly_the_python_api_result(client, article):
    suspect, original = spliced_pair(article)
    for lang in ("en", "ar"):
        r = client.post("/v1/compare", json={"suspect": suspect, "original": original, "lang": lang})
        assert r.status_code == 200
        assert r.json() == compare(suspect, original, lang=lang).to_dict()
    statuses = {s["status"] for s in r.json()["sentences"]}
    assert "inserted" in statuses


def test_check_finds_the_original_in_the_archive(tmp_path, article):
    suspect, original = spliced_pair(article)
    others = [g.text for g in list(read_jsonl(corpus_files()[-1]))[:5] if g.text != article]
    db = tmp_path / "archive.db"
    with Archive(db, create=True) as archive:
        archive.add([Record("the-original", original, url="https://example.org/a"), *(Record(f"other-{i}", t) for i, t in enumerate(others))])
    with LiveServer(Settings(db=db)) as live, httpx.Client(base_url=live.url, timeout=30) as c:
        assert c.get("/healthz").json()["archive"] is True
        r = c.post("/v1/check", json={"text": suspect, "lang": "ar"})
        assert r.status_code == 200
        assert r.json() == kashif.check(suspect, db, lang="ar").to_dict()
        assert r.json()["mode"] == "reference" and r.json()["source"]["id"] == "the-original"
        assert c.post("/v1/check", json={"text": "no Arabic here"}).status_code == 400
        # an article with no original in the archive: the threshold reaches the detector's fallback
        unrelated = next(g.text for g in list(read_jsonl(corpus_files()[-1]))[10:] if g.text not in (article, *others))
        fallback = c.post("/v1/check", json={"text": unrelated, "threshold": 0.0}).json()
        assert fallback["mode"] == "detector" and fallback["threshold"] == 0.0
        assert fallback == kashif.check(unrelated, db, threshold=0.0).to_dict()
        assert c.post("/v1/check", json={"text": suspect, "threshold": 2}).status_code == 422


# -- the command ---------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_cli_serves_until_stopped(article):
    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "kashif", "serve", "--port", str(port)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                r = httpx.post(f"http://127.0.0.1:{port}/v1/detect", json={"text": article}, timeout=30)
                break
            except httpx.TransportError:
                assert proc.poll() is None and time.monotonic() < deadline, "server did not start"
                time.sleep(0.1)
        assert r.status_code == 200 and r.json() == kashif.detect(article).to_dict()
        # replies on a kept-alive connection must not wait for a delayed ACK (~40 ms)
        with httpx.Client(base_url=f"http://127.0.0.1:{port}") as c:
            times = []
            for _ in range(6):
                t0 = time.perf_counter()
                assert c.get("/healthz").status_code == 200
                times.append(time.perf_counter() - t0)
        assert min(times[1:]) < 0.03, times
    finally:
        proc.terminate()
        out, _ = proc.communicate(timeout=30)
    log = out.decode()
    assert "detect text_chars=" in log
    assert kashif.detect(article).sentences[0].text not in log


def test_cli_busy_port_is_a_one_line_error():
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        r = run_cli("serve", "--port", str(port))
    assert r.returncode == 1
    assert r.stderr.decode().strip().splitlines() == [f"kashif: error: cannot listen on 127.0.0.1:{port}: Address already in use"]


def test_cli_missing_database_is_an_archive_error(tmp_path: Path):
    r = run_cli("serve", "--db", str(tmp_path / "none.db"), "--port", str(_free_port()))
    assert r.returncode == 4
    err = r.stderr.decode().strip()
    assert err.startswith(f"kashif: error: {tmp_path / 'none.db'}: no such archive") and "\n" not in err
