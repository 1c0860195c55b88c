"""`kashif synth`: splicing sentences into a user's archive, from a file or a chat server.

All articles and sentences here are synthetic Arabic written for these tests.
"""

from __future__ import annotations

import json
import os
import random
import socket
import threading
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from kashif.cli import main
from kashif.corpus import POSITIONS, read_jsonl
from kashif.synth import STYLES, SentenceFile, clean_sentence, synthesize

ORGS = ["وزارة الزراعة", "هيئة الموانئ", "بلدية المدينة", "اتحاد الصناعات", "المصرف المركزي", "مجلس المحافظة"]
PLACES = ["طرابلس", "صفاقس", "إربد", "الموصل", "طنطا", "مكناس", "صور", "الخليل"]
ITEMS = ["القمح", "الإسمنت", "الكهرباء", "المياه", "الأدوية", "الوقود"]
NAMES = ["سامي الحداد", "ليلى منصور", "كريم عبد الله", "هدى السيد", "نبيل حمدان", "رنا الخطيب"]
MONTHS = ["كانون الثاني/يناير", "آذار/مارس", "أيار/مايو", "تموز/يوليو", "تشرين الأول/أكتوبر"]
HUMAN = [
    "أعلنت {org}، الأحد، أن إنتاج {item} في {place} بلغ {n} ألف طن خلال {month}.",
    "وقال {name}، المتحدث باسم {org}، إن العمل سيستمر حتى نهاية {month}.",
    "وأوضح أن {n} عاملا يشاركون في المشروع الذي تبلغ كلفته {m} مليون دولار.",
    "وكانت {org} قد أطلقت خطة مماثلة في {place} العام الماضي.",
    "وبحسب بيانات رسمية، ارتفع الطلب على {item} بنسبة {m} في المئة منذ {month}.",
    "ويقطن في {place} نحو {n} ألف نسمة، بحسب آخر تعداد.",
]

SENTENCES = """\
analysis\tويعكس هذا التوجه رغبة متزايدة في تقليص الاعتماد على الاستيراد خلال السنوات المقبلة.
analysis\tويرجح أن تترك هذه الخطوة أثرا واضحا على الأسعار في الأسواق المحلية.
vague_attribution\tوأفادت مصادر مطلعة بأن الحكومة تدرس توسيع البرنامج ليشمل مناطق أخرى.
vague_attribution\tوبحسب مراقبين، فإن المفاوضات بشأن التمويل لم تحسم بعد.
restatement\tويأتي ذلك في إطار جهود متواصلة لتحسين الخدمات المقدمة للسكان.
restatement\tوتسعى السلطات منذ سنوات إلى تطوير البنية التحتية في المنطقة.
invented_quote\tوقال مسؤول طلب عدم ذكر اسمه إن «المرحلة المقبلة ستشهد تسريعا في وتيرة العمل».
invented_quote\tويرى محللون أن «النتائج ستظهر تدريجيا خلال العام المقبل».
transition\tوفي سياق متصل، تواصل الجهات المعنية متابعة تنفيذ المشاريع الأخرى.
transition\tمن جهة أخرى، تستعد اللجان الفنية لعقد اجتماعها الدوري.
invented_detail\tوتشمل المرحلة الأولى إنشاء 14 محطة جديدة بطاقة إجمالية تبلغ 300 ميغاواط.
invented_detail\tوخصص للمشروع نحو 45 مليون دولار من موازنة العام الحالي

وتتابع الأوساط الاقتصادية هذه التطورات باهتمام كبير.
This English line is not Arabic and is refused.
"""

#: What the stand-in chat server answers, in turn: wrapped, bracketed, unterminated, refused.
CANNED = [
    "«ويرى مراقبون أن القرار يمهد لمرحلة جديدة من التعاون الإقليمي».",
    "[وأشارت تقارير محلية إلى أن الأعمال ستنجز قبل الموعد المحدد.]",
    "وتوقعت أوساط اقتصادية أن ينعكس ذلك إيجابا على سوق العمل",
    "Sure! Here is a sentence.",
    "وفي سياق متصل، عقدت اللجنة المختصة اجتماعا لمراجعة الجدول الزمني.",
    "وقال مسؤول في الوزارة إن «الخطة تحظى بدعم واسع من الشركاء».",
    "ويأتي هذا الإعلان بعد أشهر من المشاورات بين الأطراف المعنية.",
]


def _sentence(rng: random.Random) -> str:
    return rng.choice(HUMAN).format(
        org=rng.choice(ORGS), item=rng.choice(ITEMS), place=rng.choice(PLACES), name=rng.choice(NAMES),
        month=rng.choice(MONTHS), n=rng.randint(2, 900), m=rng.randint(2, 90),
    )


def _articles(n: int, seed: int = 7) -> list[dict]:
    rng = random.Random(seed)
    out = []
    for i in range(n):
        paras = [" ".join(_sentence(rng) for _ in range(rng.randint(1, 3))) for _ in range(rng.randint(2, 4))]
        title = f"{rng.choice(ORGS)} تعلن خطة جديدة لقطاع {rng.choice(ITEMS)} في {rng.choice(PLACES)}"
        out.append({"id": f"a{i:03d}", "title": title, "topic": rng.choice(["economy", "local"]), "text": "\n\n".join(paras)})
    return out


@pytest.fixture()
def archive(tmp_path: Path) -> Path:
    path = tmp_path / "archive.jsonl"
    path.write_text("".join(json.dumps(a, ensure_ascii=False) + "\n" for a in _articles(60)), encoding="utf-8")
    return path


@pytest.fixture()
def sentences(tmp_path: Path) -> Path:
    path = tmp_path / "sentences.txt"
    path.write_text(SENTENCES, encoding="utf-8")
    return path


def _spliced(path: Path) -> list[list[tuple[str, str]]]:
    """Per article, the (text, style) of each inserted sentence as written in the JSONL."""
    return [
        [(s["text"], s["style"]) for p in json.loads(line)["paragraphs"] for s in p if s["inserted"]]
        for line in path.read_text(encoding="utf-8").splitlines()
    ]


def test_sentence_file_synth_matches_corpus_draws(archive: Path, sentences: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    source = SentenceFile(sentences)
    assert source.rejected == 1 and set(source.styles) == set(STYLES) | {"unknown"}
    stats = synthesize([archive], out, source, seed=3, max_end_share=0.3)
    gold = list(read_jsonl(out))
    assert len(gold) == stats.articles == 60
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert all(r["source"] == "synth" and r["title"] for r in records)
    spliced = _spliced(out)
    positions: Counter = Counter()
    for g, ins in zip(gold, spliced):
        labels = g.labels()
        assert [s.text for s, lab in zip(g.article.sentences, labels) if lab] == [t for t, _ in ins]
        assert not labels[0], "never the article's first sentence"
        assert len(ins) <= 4
        assert [sp.style for sp in g.spans] == [s for _, s in ins]
        positions.update(sp.position for sp in g.spans)
    clean = sum(not ins for ins in spliced)
    assert clean == stats.clean and 6 <= clean <= 24  # about 22% of 60
    assert sum(positions.values()) == stats.insertions > 60
    assert set(positions) == set(POSITIONS)
    assert positions["end"] <= 0.3 * stats.insertions
    # the file's human sentences are all kept, in order
    src = [json.loads(line) for line in archive.read_text(encoding="utf-8").splitlines()]
    for r, a in zip(records, src):
        human = [s["text"] for p in r["paragraphs"] for s in p if not s["inserted"]]
        assert " ".join(human) == " ".join(a["text"].split())


def test_seed_makes_output_reproducible(archive: Path, sentences: Path, tmp_path: Path) -> None:
    a, b, c = tmp_path / "a.jsonl", tmp_path / "b.jsonl", tmp_path / "c.jsonl"
    synthesize([archive], a, SentenceFile(sentences), seed=5)
    synthesize([archive], b, SentenceFile(sentences), seed=5)
    synthesize([archive], c, SentenceFile(sentences), seed=6)
    assert a.read_bytes() == b.read_bytes() != c.read_bytes()


def test_txt_folder_titles_and_limit(sentences: Path, tmp_path: Path) -> None:
    folder = tmp_path / "txt"
    folder.mkdir()
    for a in _articles(5):
        (folder / f"{a['id']}.txt").write_text(f"{a['title']}\n\n{a['text']}\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    stats = synthesize([folder], out, SentenceFile(sentences), clean_share=0.0, limit=4)
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in records] == ["a000.txt", "a001.txt", "a002.txt", "a003.txt"] and stats.clean == 0
    assert records[0]["title"] == _articles(5)[0]["title"]
    umask = os.umask(0)
    os.umask(umask)
    assert out.stat().st_mode & 0o777 == 0o666 & ~umask  # not mkstemp's 0600


def test_clean_sentence() -> None:
    assert clean_sentence("  «ويرى مراقبون أن الخطوة مهمة».\n") == "ويرى مراقبون أن الخطوة مهمة."
    assert clean_sentence("[وأضاف أن العمل مستمر]") == "وأضاف أن العمل مستمر."
    assert clean_sentence("1. وقال مسؤول إن «الخطة جاهزة».") == "وقال مسؤول إن «الخطة جاهزة»."
    for bad in ["", "   ", "Sure, here it is.", "نعم.", "وقال إن العمل مستمر. وأضاف أن الخطة جاهزة."]:
        assert clean_sentence(bad) is None, bad


def test_bad_archive_lines_are_skipped_and_counted(sentences: Path, tmp_path: Path, capsys) -> None:
    arch = tmp_path / "a.jsonl"
    good = [json.dumps(a, ensure_ascii=False) for a in _articles(3)]
    arch.write_text("\n".join([good[0], "{not json", '{"id": 9}', json.dumps({"text": "only English here"}), good[1], "[1, 2]", good[2]]) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert main(["synth", str(arch), "-o", str(out), "--sentences", str(sentences)]) == 0
    err = capsys.readouterr().err
    assert "wrote 3 articles" in err and "skipped 4 archive records" in err and "1 malformed JSON" in err
    assert len(list(read_jsonl(out))) == 3


@pytest.mark.parametrize(
    ("content", "needle"),
    [(None, "no such file"), ("", "no usable articles"), ("{broken\n", "no usable articles in the archive (skipped: 1 malformed JSON)")],
)
def test_bad_archive_is_one_line_exit_2_and_no_output(content, needle, sentences: Path, tmp_path: Path, capsys) -> None:
    arch = tmp_path / "a.jsonl"
    if content is not None:
        arch.write_text(content, encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert main(["synth", str(arch), "-o", str(out), "--sentences", str(sentences)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("kashif: error:") and needle in err
    assert not out.exists() and not list(tmp_path.glob(".out.jsonl*"))


class ChatServer:
    """A small chat-completions server on 127.0.0.1 in a thread.

    It stands in for the real OpenAI-compatible server an outlet would run
    (llama.cpp's ``llama-server`` or vLLM): same path, request and response
    schema, answering with canned Arabic sentences (or the statuses queued in
    ``statuses``) and recording every request it gets.
    """

    def __init__(self, replies: list[str], statuses: list[int] | None = None, raw: bytes | None = None) -> None:
        self.replies = list(replies)
        self.statuses = list(statuses or [])
        self.requests: list[dict] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                server.requests.append({"path": self.path, "auth": self.headers.get("Authorization"), **body})
                status = server.statuses.pop(0) if server.statuses else 200
                if raw is not None:
                    data = raw
                elif status != 200:
                    data = json.dumps({"error": {"message": "model is loading"}}).encode()
                else:
                    text = server.replies[(len(server.requests) - 1) % len(server.replies)]
                    data = json.dumps(
                        {"id": "x", "object": "chat.completion", "model": body["model"],
                         "choices": [{"index": 0, "message": {"role": "assistant", "content": text}, "finish_reason": "stop"}]},
                        ensure_ascii=False,
                    ).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/v1"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self) -> "ChatServer":
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture()
def no_sleep(monkeypatch) -> list[float]:
    """Record the client's backoff pauses instead of waiting them out."""
    pauses: list[float] = []
    monkeypatch.setattr("kashif.llm.time.sleep", pauses.append)
    return pauses


def test_llm_url_against_local_chat_server(tmp_path: Path, monkeypatch, capsys, no_sleep) -> None:
    arch = tmp_path / "a.jsonl"
    arch.write_text("".join(json.dumps(a, ensure_ascii=False) + "\n" for a in _articles(8)), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    monkeypatch.setenv("MY_LLM_KEY", "sekret")
    with ChatServer(CANNED, statuses=[503]) as server:
        code = main(["synth", str(arch), "-o", str(out), "--llm-url", server.url, "--llm-model", "qwen-test",
                     "--api-key-env", "MY_LLM_KEY", "--clean-share", "0", "--seed", "2"])
    err = capsys.readouterr().err
    assert code == 0, err
    assert no_sleep == [1.0]  # one retry after the 503
    req = server.requests[-1]
    assert req["path"] == "/v1/chat/completions" and req["model"] == "qwen-test" and req["auth"] == "Bearer sekret"
    assert [m["role"] for m in req["messages"]] == ["system", "user"] and "جملة واحدة" in req["messages"][1]["content"]
    assert isinstance(req["seed"], int)
    spliced = _spliced(out)
    texts = {t for ins in spliced for t, _ in ins}
    assert all(ins for ins in spliced)  # --clean-share 0
    assert "ويرى مراقبون أن القرار يمهد لمرحلة جديدة من التعاون الإقليمي." in texts
    assert "وتوقعت أوساط اقتصادية أن ينعكس ذلك إيجابا على سوق العمل." in texts
    assert not any("[" in t or "Sure" in t for t in texts)
    assert {s for ins in spliced for _, s in ins} <= set(STYLES)
    assert "model answers refused" in err
    for g, ins in zip(read_jsonl(out), spliced):
        assert [s.text for s, lab in zip(g.article.sentences, g.labels()) if lab] == [t for t, _ in ins]


def test_unreachable_llm_url_exits_5_with_one_line(archive: Path, tmp_path: Path, capsys, no_sleep) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    out = tmp_path / "out.jsonl"
    code = main(["synth", str(archive), "-o", str(out), "--llm-url", f"http://127.0.0.1:{port}/v1", "--llm-model", "m"])
    err = capsys.readouterr().err
    assert code == 5 and err.count("\n") == 1 and "cannot connect" in err and "after 4 attempts" in err
    assert no_sleep == [1.0, 2.0, 4.0]
    assert not out.exists() and not list(tmp_path.glob(".out.jsonl*"))


@pytest.mark.parametrize(
    ("kwargs", "needle"),
    [({"statuses": [400]}, "HTTP 400"), ({"raw": b"<html>oops</html>"}, "not JSON"), ({"raw": b'{"choices": []}'}, "not a chat completion")],
)
def test_bad_llm_answers_exit_5(kwargs, needle, archive: Path, tmp_path: Path, capsys, no_sleep) -> None:
    with ChatServer(CANNED, **kwargs) as server:
        code = main(["synth", str(archive), "-o", str(tmp_path / "o.jsonl"), "--llm-url", server.url, "--llm-model", "m"])
    err = capsys.readouterr().err
    assert code == 5 and err.count("\n") == 1 and needle in err, err
    assert len(server.requests) == 1 and no_sleep == []


def test_train_runs_on_synth_output(archive: Path, sentences: Path, tmp_path: Path) -> None:
    from kashif.train import train

    out = tmp_path / "out.jsonl"
    stats = synthesize([archive], out, SentenceFile(sentences), seed=1, limit=30)
    model = train([out], seed=0)
    assert model.metadata["articles"] == 30 and model.metadata["inserted"] == stats.insertions
