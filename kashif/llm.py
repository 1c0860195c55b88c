"""A minimal client for an OpenAI-compatible chat-completions endpoint.

`kashif synth` asks a server the user runs (llama.cpp, vLLM, Ollama, …) for
sentences. The client talks only to the URL it is given: system proxies and
redirects are not followed, so no text leaves for another host. Standard
library only, to keep kashif's runtime light. Every failure becomes one
`RemoteError` line (exit code 5).
"""

from __future__ import annotations

import json
import socket
import time
import urllib.error
import urllib.request
from collections.abc import Sequence
from typing import Any
from urllib.parse import urlsplit

from .errors import InputError, RemoteError

__all__ = ["ChatClient"]

#: HTTP statuses worth retrying: the server is busy or restarting.
RETRY_STATUS = frozenset({408, 429, 500, 502, 503, 504})


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """Refuse redirects: a redirect would send the prompt to a URL the user did not give."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):  # noqa: D102, ANN001
        return None


def _one_line(text: str, limit: int = 200) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


class ChatClient:
    """POSTs ``{url}/chat/completions`` and returns the first choice's message text."""

    def __init__(
        self,
        url: str,
        model: str,
        *,
        api_key: str | None = None,
        timeout: float = 60.0,
        retries: int = 3,
        backoff: float = 1.0,
        temperature: float = 0.8,
        max_tokens: int = 200,
    ) -> None:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise InputError(f"{url}: not an http(s) URL (e.g. http://127.0.0.1:8080/v1)")
        if not model.strip():
            raise InputError("the model name for the chat endpoint is empty")
        self.endpoint = url.rstrip("/") + "/chat/completions"
        self.model = model
        self.api_key = api_key
        self.timeout = timeout
        self.retries = max(0, retries)
        self.backoff = backoff
        self.temperature = temperature
        self.max_tokens = max_tokens
        self._opener = urllib.request.build_opener(urllib.request.ProxyHandler({}), _NoRedirect)

    def complete(self, messages: Sequence[dict[str, str]], *, seed: int | None = None) -> str:
        """The reply to ``messages``; retries transient failures with exponential backoff."""
        body: dict[str, Any] = {
            "model": self.model,
            "messages": list(messages),
            "temperature": self.temperature,
            "max_tokens": self.max_tokens,
        }
        if seed is not None:
            body["seed"] = seed
        raw = self._post(json.dumps(body, ensure_ascii=False).encode("utf-8"))
        return self._content(raw)

    def _post(self, data: bytes) -> bytes:
        headers = {"Content-Type": "application/json", "Accept": "application/json"}
        if self.api_key:
            headers["Authorization"] = f"Bearer {self.api_key}"
        problem = ""
        attempts = 0
        for attempt in range(self.retries + 1):
            attempts += 1
            if attempt:
                time.sleep(self.backoff * 2 ** (attempt - 1))
            request = urllib.request.Request(self.endpoint, data=data, headers=headers, method="POST")
            try:
                with self._opener.open(request, timeout=self.timeout) as resp:
                    return resp.read()
            except urllib.error.HTTPError as exc:
                detail = _one_line(exc.read().decode("utf-8", "replace")) if exc.fp else ""
                problem = f"HTTP {exc.code} {exc.reason}" + (f": {detail}" if detail else "")
                if exc.code not in RETRY_STATUS:
                    break
            except urllib.error.URLError as exc:
                reason = exc.reason
                if isinstance(reason, (socket.timeout, TimeoutError)):
                    problem = f"no answer within {self.timeout:g} s"
                else:
                    problem = f"cannot connect ({_one_line(getattr(reason, 'strerror', None) or reason)})"
            except (socket.timeout, TimeoutError):
                problem = f"no answer within {self.timeout:g} s"
            except (ConnectionError, OSError) as exc:
                problem = f"connection failed ({_one_line(exc.strerror or exc)})"
        tries = f" after {attempts} attempts" if attempts > 1 else ""
        raise RemoteError(f"{self.endpoint}: {problem}{tries}")

    def _content(self, raw: bytes) -> str:
        try:
            reply = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError):
            raise RemoteError(f"{self.endpoint}: answer is not JSON ({_one_line(raw[:80].decode('utf-8', 'replace'))!r})") from None
        try:
            content = reply["choices"][0]["message"]["content"]
        except (KeyError, IndexError, TypeError):
            raise RemoteError(f"{self.endpoint}: answer is not a chat completion (no choices[0].message.content)") from None
        if content is None:
            return ""
        if not isinstance(content, str):
            raise RemoteError(f"{self.endpoint}: message content is not a string")
        return content
