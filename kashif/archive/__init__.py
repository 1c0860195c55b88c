"""The reference archive: original articles kashif can find a suspect's source in.

`Archive` (store) keeps articles with MinHash signatures and LSH band keys in
one SQLite file; `read_records` (sources) reads JSONL, news-please JSON and
.txt folders; `check` (lookup) finds a suspect's original and compares.
"""

from __future__ import annotations

from .lookup import MIN_SIMILARITY, check
from .sources import Record, read_records
from .store import AddResult, Archive

__all__ = ["Archive", "AddResult", "Record", "read_records", "check", "MIN_SIMILARITY"]
