"""Shared fixtures: the seed (outside the repo), corpus articles, and the CLI."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "data" / "corpus"


def corpus_files() -> list[Path]:
    """The corpus splits (falling back to raw authoring files while they exist)."""
    files = sorted(CORPUS.glob("*.jsonl")) or sorted((CORPUS / "raw").glob("*.jsonl"))
    return files


@pytest.fixture(scope="session")
def seed_path() -> Path:
    """The reference case, read from $KASHIF_SEED; never copied into the repo."""
    value = os.environ.get("KASHIF_SEED")
    if not value:
        pytest.skip("KASHIF_SEED is not set (path to the bracketed seed article)")
    path = Path(value)
    if not path.is_file():
        pytest.skip(f"KASHIF_SEED={value} does not exist")
    return path


def run_cli(*args: str, stdin: bytes | None = None, cwd: Path | None = None, env: dict | None = None) -> subprocess.CompletedProcess:
    """Run ``python -m kashif`` as a user would, capturing bytes."""
    full_env = {**os.environ, **(env or {})}
    full_env.pop("KASHIF_DEBUG", None)
    return subprocess.run(
        [sys.executable, "-m", "kashif", *args],
        input=stdin,
        capture_output=True,
        cwd=cwd or ROOT,
        env=full_env,
        timeout=300,
    )
