"""Zipf word frequencies for Arabic, from wordfreq's list built on real corpora.

Frequency separates the mid-frequency abstract vocabulary of generated
commentary from the rare names and places of reporting. wordfreq keeps hamza
and ta marbuta distinct, so lookups use the *light* form (no diacritics or
tatweel) rather than the fully folded one.
"""

from __future__ import annotations

import math
from functools import lru_cache

#: A word this frequent (in Zipf units) is a function word for our purposes.
FUNCTION_ZIPF = 5.9
#: A word this rare (or unknown) is probably a name, a place or a technical term.
RARE_ZIPF = 3.3

_CLITICS = "وفبلك"


@lru_cache(maxsize=1)
def _table() -> dict[str, float]:
    import wordfreq  # imported lazily: loading the list is most of kashif's start-up

    return wordfreq.get_frequency_dict("ar", wordlist="best")


@lru_cache(maxsize=300_000)
def zipf(word: str) -> float:
    """Zipf frequency of a light-normalised word; an attached clitic is tried off. 0 if unknown."""
    table = _table()
    f = table.get(word, 0.0)
    if not f and len(word) > 3 and word[0] in _CLITICS:
        f = table.get(word[1:], 0.0)
    return math.log10(f) + 9.0 if f else 0.0
