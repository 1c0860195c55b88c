"""What a running ``kashif serve`` is configured with.

Kept apart from the app so tests and the CLI build the same service from
plain values, and so the one secret (the API token) comes from the
environment rather than the command line, where ``ps`` would show it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from ..inputs import MAX_BYTES

#: Environment variable holding the bearer token; when set, every ``/v1/``
#: request must carry ``Authorization: Bearer <token>``.
TOKEN_ENV = "KASHIF_API_TOKEN"

#: Largest request body accepted, in bytes (413 beyond it). Each text inside
#: is further limited to `kashif.inputs.MAX_BYTES` (2 MiB, 400 beyond it);
#: the body limit leaves room for two texts (compare) and for clients that
#: escape every Arabic letter as ``\\uXXXX`` (6 bytes per letter).
MAX_BODY_BYTES = 4 * MAX_BYTES


@dataclass(frozen=True)
class Settings:
    """Configuration of one service instance.

    ``db``: archive database for ``/v1/check`` (None: the endpoint answers 503).
    ``model``: a kashif JSON model file (None: the shipped model).
    ``token``: required bearer token (None: the API is open).
    ``log_text``: also log article text (off by default: articles may be
    unpublished or confidential).
    """

    db: Path | None = None
    model: Path | None = None
    token: str | None = None
    log_text: bool = False
    max_body_bytes: int = MAX_BODY_BYTES

    @classmethod
    def from_env(cls, **values: object) -> "Settings":
        """Settings from keyword values, with the token from `TOKEN_ENV` unless given."""
        if "token" not in values:
            values["token"] = os.environ.get(TOKEN_ENV) or None
        return cls(**values)  # type: ignore[arg-type]
