"""Character n-grams exactly as scikit-learn's ``char_wb`` analyser makes them.

Training uses scikit-learn; inference uses this function, so kashif needs no
scikit-learn at run time. A test checks that the two agree.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

NGRAM_RANGE = (2, 5)


@lru_cache(maxsize=200_000)
def char_ngrams(token: str) -> tuple[str, ...]:
    """n-grams of ``" token "`` for n in `NGRAM_RANGE`, as ``char_wb`` yields them."""
    w = f" {token} "
    out: list[str] = []
    for n in range(NGRAM_RANGE[0], NGRAM_RANGE[1] + 1):
        offset = 0
        out.append(w[offset : offset + n])
        while offset + n < len(w):
            offset += 1
            out.append(w[offset : offset + n])
        if offset == 0:  # a word shorter than n is counted once
            break
    return tuple(out)


def opener_token(folded: Sequence[str]) -> str:
    """The sentence's first two words as one token: openers carry much of the signal."""
    return "^" + "_".join(folded[:2])
