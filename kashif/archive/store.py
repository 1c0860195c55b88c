"""The archive: articles, their MinHash signatures and LSH band keys in SQLite.

One file, no server. ``bands`` is a WITHOUT ROWID table keyed by (band key,
article), so finding near-duplicates of a text is one indexed ``IN`` query
over its 64 band keys: nothing is loaded up front, and a command-line query
on 100,000 articles costs the same as one in a long-lived process.

Every ``add`` is one transaction: an interrupted add (Ctrl-C, a killed
process, a bad record in the last file) leaves the archive as it was.
Re-adding an article is idempotent: same id and text → unchanged; same id,
new text → updated; a text already archived under another id → skipped as a
duplicate.
"""

from __future__ import annotations

import hashlib
import sqlite3
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import numpy as np

from ..comparison import Source
from ..errors import ArchiveError
from . import minhash
from .sources import Record

__all__ = ["Archive", "AddResult", "FORMAT"]

#: Written into every archive; a different value means a different layout.
FORMAT = "kashif-archive/1"

_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE articles (
    doc INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    url TEXT,
    title TEXT,
    date TEXT,
    text TEXT NOT NULL,
    digest BLOB NOT NULL,
    signature BLOB NOT NULL,
    source TEXT,
    added TEXT NOT NULL
);
CREATE INDEX articles_digest ON articles (digest);
CREATE TABLE bands (key INTEGER NOT NULL, doc INTEGER NOT NULL, PRIMARY KEY (key, doc)) WITHOUT ROWID;
"""

#: Articles whose signatures are compared after the band look-up (most band hits first).
POOL = 200
#: Candidates re-scored by exact shingle Jaccard similarity.
RESCORE = 10


@dataclass(frozen=True, slots=True)
class AddResult:
    added: int
    updated: int
    unchanged: int
    duplicates: int
    total: int  # articles in the archive afterwards

    def summary(self) -> str:
        return (
            f"added {self.added}, updated {self.updated}, unchanged {self.unchanged}, "
            f"duplicates skipped {self.duplicates}; the archive holds {self.total} article{'s' if self.total != 1 else ''}"
        )


class Archive:
    """An open archive file. Use as a context manager; safe to share between threads."""

    def __init__(self, path: str | Path, *, create: bool = False, timeout: float = 5.0) -> None:
        self.path = Path(path)
        if self.path.is_dir():
            raise ArchiveError(f"{self.path}: is a directory, not an archive file")
        if not create and not self.path.exists():
            raise ArchiveError(f"{self.path}: no such archive (create it with: kashif index add FILES --db {self.path})")
        if create and not self.path.parent.exists():
            raise ArchiveError(f"{self.path}: folder {self.path.parent} does not exist")
        self._lock = threading.Lock()
        try:
            self._db = sqlite3.connect(self.path, timeout=timeout, isolation_level=None, check_same_thread=False)
        except sqlite3.Error as exc:
            raise ArchiveError(f"{self.path}: cannot open ({exc})") from None
        try:
            with self._guard():
                self._prepare(create)
        except BaseException:
            self._db.close()
            raise

    def __enter__(self) -> "Archive":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._db.close()

    @contextmanager
    def _guard(self) -> Iterator[None]:
        """Turn SQLite failures into one-line `ArchiveError`s."""
        try:
            yield
        except sqlite3.OperationalError as exc:
            msg = str(exc)
            if "locked" in msg or "busy" in msg:
                raise ArchiveError(f"{self.path}: locked by another process (is another 'kashif index add' running?)") from None
            if "readonly" in msg or "read-only" in msg:
                raise ArchiveError(f"{self.path}: read-only, cannot write") from None
            raise ArchiveError(f"{self.path}: {msg}") from None
        except sqlite3.DatabaseError as exc:
            raise ArchiveError(f"{self.path}: corrupt or not a kashif archive ({exc})") from None

    def _prepare(self, create: bool) -> None:
        tables = {r[0] for r in self._db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if not tables:
            if not create:
                raise ArchiveError(f"{self.path}: empty file, not a kashif archive")
            self._db.execute("PRAGMA journal_mode = WAL")
            self._db.execute("BEGIN IMMEDIATE")
            try:
                for statement in _SCHEMA.split(";"):
                    if statement.strip():
                        self._db.execute(statement)
                now = _now()
                self._db.executemany(
                    "INSERT INTO meta (key, value) VALUES (?, ?)",
                    [("format", FORMAT), ("scheme", minhash.SCHEME), ("created", now)],
                )
                self._db.execute("COMMIT")
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            return
        if not {"meta", "articles", "bands"} <= tables:
            raise ArchiveError(f"{self.path}: an SQLite database, but not a kashif archive")
        meta = dict(self._db.execute("SELECT key, value FROM meta"))
        if meta.get("format") != FORMAT:
            raise ArchiveError(f"{self.path}: archive format {meta.get('format')!r}, this kashif reads {FORMAT!r}")
        if meta.get("scheme") != minhash.SCHEME:
            raise ArchiveError(f"{self.path}: made with signature scheme {meta.get('scheme')!r}; rebuild it with this kashif")

    # -- writing -----------------------------------------------------------

    def add(self, records: Iterable[Record]) -> AddResult:
        """Add articles in one transaction: all of them, or (on any error) none."""
        added = updated = unchanged = duplicates = 0
        now = _now()
        with self._lock, self._guard():
            db = self._db
            db.execute("PRAGMA cache_size = -262144")  # 256 MiB: band inserts are random B-tree writes
            db.execute("BEGIN IMMEDIATE")
            try:
                pending: list[tuple[int, int]] = []
                for rec in records:
                    digest = hashlib.sha256(rec.text.encode("utf-8")).digest()
                    row = db.execute("SELECT doc, digest, signature FROM articles WHERE id = ?", (rec.id,)).fetchone()
                    if row is not None and row[1] == digest:
                        unchanged += 1
                        if rec.url or rec.title or rec.date:
                            db.execute(
                                "UPDATE articles SET url = ?, title = ?, date = ? WHERE doc = ?", (rec.url, rec.title, rec.date, row[0])
                            )
                        continue
                    if row is None and db.execute("SELECT 1 FROM articles WHERE digest = ?", (digest,)).fetchone():
                        duplicates += 1
                        continue
                    sig = minhash.signature(minhash.shingles(rec.full_text))
                    fields = (rec.id, rec.url, rec.title, rec.date, rec.text, digest, sig.tobytes(), rec.source, now)
                    if row is None:
                        doc = db.execute(
                            "INSERT INTO articles (id, url, title, date, text, digest, signature, source, added)"
                            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                            fields,
                        ).lastrowid
                        added += 1
                    else:
                        doc = row[0]
                        old = minhash.band_keys(np.frombuffer(row[2], dtype=np.uint32))
                        db.executemany("DELETE FROM bands WHERE key = ? AND doc = ?", [(k, doc) for k in old])
                        db.execute(
                            "UPDATE articles SET id = ?, url = ?, title = ?, date = ?, text = ?, digest = ?,"
                            " signature = ?, source = ?, added = ? WHERE doc = ?",
                            (*fields, doc),
                        )
                        pending = [p for p in pending if p[1] != doc]
                        updated += 1
                    pending.extend((k, doc) for k in minhash.band_keys(sig))
                    if len(pending) >= 200_000:
                        db.executemany("INSERT OR IGNORE INTO bands (key, doc) VALUES (?, ?)", pending)
                        pending.clear()
                db.executemany("INSERT OR IGNORE INTO bands (key, doc) VALUES (?, ?)", pending)
                db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('updated', ?)", (now,))
                db.execute("COMMIT")
            except BaseException:
                db.execute("ROLLBACK")
                raise
            total = db.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
        return AddResult(added, updated, unchanged, duplicates, total)

    # -- reading -----------------------------------------------------------

    def search(self, text: str, *, top_k: int = 5) -> list[Source]:
        """The ``top_k`` archived articles most similar to ``text``, best first.

        Band look-up gives candidates; their stored signatures estimate the
        Jaccard similarity; the best few are re-scored exactly from their
        text, and that exact shingle Jaccard similarity is what is reported.
        """
        if top_k < 1:
            raise ValueError("top_k must be at least 1")
        query = minhash.shingles(text)
        if not len(query):
            return []
        sig = minhash.signature(query)
        keys = minhash.band_keys(sig)
        with self._lock, self._guard():
            hits = self._db.execute(
                f"SELECT doc FROM bands WHERE key IN ({','.join('?' * len(keys))})"
                " GROUP BY doc ORDER BY COUNT(*) DESC LIMIT ?",
                (*keys, POOL),
            ).fetchall()
            if not hits:
                return []
            docs = [h[0] for h in hits]
            rows = self._db.execute(
                f"SELECT doc, signature FROM articles WHERE doc IN ({','.join('?' * len(docs))})", docs
            ).fetchall()
            sigs = np.frombuffer(b"".join(r[1] for r in rows), dtype=np.uint32).reshape(len(rows), -1)
            est = minhash.estimate(sig, sigs)
            best = [rows[i][0] for i in np.argsort(-est, kind="stable")[: max(top_k, RESCORE)]]
            full = self._db.execute(
                f"SELECT doc, id, url, title, date, text FROM articles WHERE doc IN ({','.join('?' * len(best))})", best
            ).fetchall()
        scored = []
        for doc, ident, url, title, date, body in full:
            full_text = Record(ident, body, url, title).full_text
            scored.append(Source(ident, url, minhash.jaccard(query, minhash.shingles(full_text)), title, date))
        scored.sort(key=lambda s: (-s.similarity, s.id))
        return scored[:top_k]

    def get(self, ident: str) -> Record:
        """The archived article with this id."""
        with self._lock, self._guard():
            row = self._db.execute("SELECT id, text, url, title, date, source FROM articles WHERE id = ?", (ident,)).fetchone()
        if row is None:
            raise ArchiveError(f"{self.path}: no article with id {ident!r}")
        return Record(*row)

    def stats(self) -> dict[str, Any]:
        """Counts, size and provenance of the archive, for ``kashif index stats``."""
        with self._lock, self._guard():
            db = self._db
            articles, first, last, sources = db.execute(
                "SELECT COUNT(*), MIN(date), MAX(date), COUNT(DISTINCT source) FROM articles"
            ).fetchone()
            keys = db.execute("SELECT COUNT(*) FROM bands").fetchone()[0]
            meta = dict(db.execute("SELECT key, value FROM meta"))
            page_size = db.execute("PRAGMA page_size").fetchone()[0]
            pages = db.execute("PRAGMA page_count").fetchone()[0]
        return {
            "path": str(self.path),
            "articles": articles,
            "band_keys": keys,
            "sources": sources,
            "dates": {"first": first, "last": last},
            "bytes": page_size * pages,
            "format": meta.get("format"),
            "scheme": meta.get("scheme"),
            "created": meta.get("created"),
            "updated": meta.get("updated"),
        }


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")
