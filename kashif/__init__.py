"""kashif (كاشف): find machine-written sentences spliced into Arabic news articles.

The public API::

    import kashif
    report = kashif.detect(text)          # reference-free
    for s in report.flagged:
        print(s.start, s.end, s.score, s.reasons)
    report.to_dict()                      # the JSON contract

The CLI (``kashif``) and the HTTP service call these same functions.
"""

from __future__ import annotations

__version__ = "0.1.0"

from .article import Article, Paragraph, Sentence, segment  # noqa: E402
from .archive import check  # noqa: E402  (datasketch is imported only when used)
from .comparison import Comparison, compare  # noqa: E402
from .detector import detect  # noqa: E402
from .errors import ArchiveError, FormatError, InputError, KashifError, ModelError, RemoteError  # noqa: E402
from .model import Model, default_model  # noqa: E402
from .report import Report, SentenceResult  # noqa: E402

__all__ = [
    "__version__",
    "detect",
    "compare",
    "check",
    "Comparison",
    "segment",
    "Article",
    "Paragraph",
    "Sentence",
    "Report",
    "SentenceResult",
    "Model",
    "default_model",
    "KashifError",
    "InputError",
    "FormatError",
    "ModelError",
    "ArchiveError",
    "RemoteError",
]
