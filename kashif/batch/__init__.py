"""Batch mode: check a whole archive or a day's crawl, resumably, locally or on Dask.

``run_batch(inputs, output)`` streams records from JSONL, news-please JSON
files and folders of .txt (`readers`), checks them in worker processes
(`work`, run by the `local` or `dask` engine), merges results in input order
into a journaled work folder (`journal`, `writer`) and finally renames the
output into place. Heavy dependencies (dask, tqdm, pyarrow) are imported
only when a run needs them.
"""

from __future__ import annotations

from .runner import BatchSummary, run_batch
from .work import WorkOptions

__all__ = ["BatchSummary", "WorkOptions", "run_batch"]
