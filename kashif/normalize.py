"""Arabic normalisation and tokenisation for *features only*.

Nothing here is ever used to compute offsets: offsets always index the text
exactly as the user gave it. Normalisation exists so that surface variation a
republisher or a careful typist introduces (hamza and alef forms, ta marbuta,
alef maqsura, diacritics, tatweel, Arabic-Indic digits) does not change what a
feature sees, and so cannot by itself make a human sentence look machine-made.
"""

from __future__ import annotations

import re
from functools import lru_cache

#: Harakat, tanwin, shadda, sukun, dagger alef and Quranic marks.
_DIACRITICS = "".join(chr(c) for c in [*range(0x0610, 0x061B), *range(0x064B, 0x0660), 0x0670, *range(0x06D6, 0x06EE)])
_TATWEEL = "\u0640"
_INVISIBLE = "\u200c\u200d\u200e\u200f\ufeff"

#: Drop diacritics and tatweel, fold digits; keep letters as they are.
#: wordfreq's Arabic list distinguishes hamza forms and ta marbuta, so word
#: frequency lookups use this lighter form.
_LIGHT = str.maketrans(
    {
        **{c: None for c in _DIACRITICS + _TATWEEL + _INVISIBLE},
        **{chr(0x0660 + i): str(i) for i in range(10)},  # Arabic-Indic digits
        **{chr(0x06F0 + i): str(i) for i in range(10)},  # Extended (Persian) digits
        "\u066b": ".",  # Arabic decimal separator
        "\u066c": ",",  # Arabic thousands separator
    }
)

#: Full folding for matching: the light form plus letter variants.
_FULL = str.maketrans(
    {
        **{k: v for k, v in _LIGHT.items()},
        **{ord(c): "ا" for c in "أإآٱ"},
        ord("ة"): "ه",
        ord("ى"): "ي",
        ord("ؤ"): "و",
        ord("ئ"): "ي",
        ord("ک"): "ك",
        ord("ی"): "ي",
        **{ord(c): '"' for c in "«»“”„‟″"},
        **{ord(c): "'" for c in "‘’‚‛"},
    }
)

_TOKEN = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+")


_LIGHT_DROP = re.compile("[" + re.escape(_DIACRITICS + _TATWEEL + _INVISIBLE) + "]+")
_LIGHT_MAP = re.compile("[\u0660-\u0669\u06f0-\u06f9\u066b\u066c]")


def light(text: str) -> str:
    """Strip diacritics, tatweel and invisible marks; fold digits to ASCII.

    Equivalent to ``text.translate(_LIGHT)``, but most text has nothing to
    change, and a regex scan finds that out far faster than ``translate``
    (which looks every character up in a dict); detection calls this on
    every sentence.
    """
    if _LIGHT_DROP.search(text):
        text = _LIGHT_DROP.sub("", text)
    if _LIGHT_MAP.search(text):
        text = text.translate(_LIGHT)
    return text


def fold(text: str) -> str:
    """Light form plus hamza/alef, ta marbuta, alef maqsura and quote folding."""
    return text.translate(_FULL)


def tokens(text: str) -> list[str]:
    """Word and number tokens of already-normalised text (numbers stay whole: 3.5, 12.000)."""
    return _TOKEN.findall(text)


_PREFIXES = ("وال", "فال", "بال", "كال", "لل", "ال")
_SUFFIXES = ("هما", "كما", "ات", "ون", "ين", "ان", "ها", "هم", "هن", "كم", "نا", "ه", "ي")


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """A light stem of a *folded* word, for matching words across sentences.

    Deliberately cruder than a morphological analyser: it only has to make
    "الهجوم", "والهجوم" and "هجومها" meet, and it must cost microseconds.
    """
    if len(word) <= 3 or word[0].isdigit():
        return word
    for p in _PREFIXES:
        if word.startswith(p) and len(word) - len(p) >= 3:
            word = word[len(p):]
            break
    else:
        if word[0] in "وفبلك" and len(word) >= 5:
            word = word[1:]
    for s in _SUFFIXES:
        if word.endswith(s) and len(word) - len(s) >= 3:
            return word[: -len(s)]
    return word
