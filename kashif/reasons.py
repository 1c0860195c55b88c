"""Short human-readable reasons for a flagged sentence.

Reasons come from the model itself: the features whose log-odds contribution
pushed the sentence up the most, grouped into families an editor recognises,
and quoting the words that matched where there are any.
"""

from __future__ import annotations

import numpy as np

from .features import ArticleFeatures
from .model import CONTRIBUTORS

#: feature → family. Features absent here (length, position alone) never
#: become a reason unless nothing else explains the score.
_FAMILY = {
    "opener": "opener",
    "commentary": "commentary",
    "lexical": "lexical",
    "lexical_rel": "lexical",
    "zipf_mean": "lexical",
    "new_specific": "specifics",
    "specific_share": "specifics",
    "rare_share": "specifics",
    "numbers": "specifics",
    "attribution": "unattributed",
    "vague_source": "vague",
    "time": "timeless",
    "demonstrative": "backref",
    "opinion": "opinion",
    "overlap_rest": "restates",
    "picked_up": "dangling",
    "interrupts": "interrupts",
    "prev_score": "stands_out",
    "next_score": "stands_out",
    "new_before": "restates",
    "max_sim": "restates",
    "sim_prev": "restates",
    "sim_next": "restates",
    "last_in_para": "position",
    "first_in_para": "position",
    "alone_in_para": "position",
}

_TEXT = {
    "en": {
        "opener": "opens with the commentary connective «{}»",
        "commentary": "generic commentary phrasing: {}",
        "lexical": "vocabulary typical of spliced commentary: {}",
        "lexical_plain": "word choice typical of spliced commentary",
        "specifics": "adds no name, number or date that the rest of the article lacks",
        "unattributed": "attributes nothing to a named source",
        "vague": "cites unnamed sources: {}",
        "timeless": "not anchored to any time or date",
        "backref": "refers back to what came before instead of reporting",
        "opinion": "speaks in opinion or expectation, not in reported fact",
        "restates": "restates what the article already says (close to sentence {})",
        "dangling": "nothing later in the article builds on what it introduces",
        "interrupts": "separates a speaker from their own next words (sentence {} carries on the speaker before it)",
        "position": "sits where spliced sentences usually sit in a paragraph",
        "stands_out": "stands out from the sentences next to it, which read as reporting",
        "fallback": "its overall profile resembles spliced sentences",
    },
    "ar": {
        "opener": "يبدأ بعبارة ربط تعليقية «{}»",
        "commentary": "صياغة تعليقية عامة: {}",
        "lexical": "مفردات شائعة في الجمل المُقحمة: {}",
        "lexical_plain": "اختيار كلمات شائع في الجمل المُقحمة",
        "specifics": "لا يضيف اسماً أو رقماً أو تاريخاً غير موجود في بقية المقال",
        "unattributed": "لا ينسب الكلام إلى مصدر مسمّى",
        "vague": "ينسب الكلام إلى مصادر غير مسمّاة: {}",
        "timeless": "لا يرتبط بزمن أو تاريخ محدد",
        "backref": "يحيل إلى ما سبق بدل أن ينقل خبراً",
        "opinion": "يعبّر عن رأي أو توقع لا عن خبر منقول",
        "restates": "يعيد ما قاله المقال (قريب من الجملة {})",
        "dangling": "لا يبني عليه أي جزء لاحق من المقال",
        "interrupts": "يفصل بين كلام متحدث وتتمته (الجملة {} تكمل كلام المتحدث الذي قبله)",
        "position": "يقع في موضع تُقحم فيه الجمل عادة داخل الفقرة",
        "stands_out": "يختلف عن الجمل المجاورة له التي تقرأ كخبر منقول",
        "fallback": "نمطه العام يشبه الجمل المُقحمة",
    },
}

LANGS = tuple(_TEXT)


def _quote(items: tuple[str, ...]) -> str:
    return "، ".join(f"«{w}»" for w in dict.fromkeys(items) if w)


_FAMILIES = tuple(dict.fromkeys(_FAMILY.values()))
#: contributors × families: a contributions row times this sums it by family
_BY_FAMILY = np.array([[float(_FAMILY.get(f) == fam) for fam in _FAMILIES] for f in CONTRIBUTORS])


def explain(contrib: np.ndarray, feats: ArticleFeatures, i: int, lang: str = "en", limit: int = 3) -> list[str]:
    """One to ``limit`` reasons for sentence ``i`` from its contributions row."""
    text = _TEXT[lang]
    scores = contrib @ _BY_FAMILY
    ranked = [_FAMILIES[k] for k in np.argsort(-scores, kind="stable") if scores[k] > 0.15]
    if len(ranked) > 1 and "position" in ranked:
        ranked.remove("position")  # position is context, not an explanation, when others exist
    if "stands_out" in ranked:
        # true of most flagged sentences, so it says least: last, after what the sentence itself shows
        ranked.append(ranked.pop(ranked.index("stands_out")))
    out: list[str] = []
    for fam in ranked:
        if fam == "opener":
            opener = feats.opener(i)
            if not opener:
                continue
            out.append(text["opener"].format(opener))
        elif fam == "commentary":
            phrases = feats.commentary(i)
            if not phrases:
                continue
            out.append(text["commentary"].format(_quote(phrases[:3])))
        elif fam == "lexical":
            words = feats.top_words(i)
            out.append(text["lexical"].format(_quote(words)) if words else text["lexical_plain"])
        elif fam == "vague":
            vague = feats.vague_sources(i)
            if not vague:
                continue
            out.append(text["vague"].format(_quote(vague[:3])))
        elif fam == "restates":
            best = feats.closest(i)
            if best is None:
                continue
            out.append(text["restates"].format(best + 1))
        elif fam == "interrupts":
            out.append(text["interrupts"].format(i + 2))
        else:
            out.append(text[fam])
        if len(out) == limit:
            break
    return out or [text["fallback"]]
