"""Hand-written cue lists, in folded form (see `normalize.fold`).

These are the cues an editor names when explaining why a sentence reads as
spliced-in commentary rather than reporting. The learned word weights in the
model complement them; these lists keep the reasons readable and stable.
"""

from __future__ import annotations

from .normalize import fold


def _folded(words: str) -> frozenset[str]:
    return frozenset(fold(w) for w in words.split())


def _phrases(lines: str) -> tuple[str, ...]:
    return tuple(fold(p.strip()) for p in lines.strip().splitlines() if p.strip())


#: Reporting verbs and attribution markers (a named or official source speaks).
ATTRIBUTION = _folded(
    """
    قال وقال قالت وقالت يقول تقول أضاف وأضاف أضافت وأضافت أوضح وأوضح أوضحت وأوضحت أكد وأكد أكدت وأكدت
    أعلن وأعلن أعلنت وأعلنت أفاد وأفاد أفادت وأفادت ذكر وذكر ذكرت وذكرت صرح وصرح صرحت نقلت ونقلت نقل
    بحسب وبحسب حسب وفق ووفق وفقا ووفقا تابع وتابع تابعت لفت ولفت كشف وكشف كشفت وكشفت شدد وشدد شددت وشددت
    اعتبر واعتبر اعتبرت أشار وأشار أشارت وأشارت بيان بيانا البيان لوكالة للصحفيين مراسل مراسلة
    أبلغ وأبلغ أبلغت نفى ونفى نفت ونفت أعرب وأعرب أعربت دعا ودعا دعت ودعت طالب وطالب حذر وحذر حذرت
    """
)

#: Unnamed, collective or vague sources: the hallmark of invented attribution.
VAGUE_SOURCE = _folded(
    """
    مصادر مصدر مطلعة مطلع مراقبون مراقبين المراقبين محللون محللين المحللين خبراء الخبراء متابعون المتابعين
    أوساط الأوساط التحليلات تحليلات تقارير التقارير مراقبين أطراف البعض مسؤولون مسؤولين رفيع هويته هويتها
    اسمه اسمها المراقبون المحللون المتابعون ترجيحات تقديرات متخصصون متخصصين مختصون مختصين ناشطون ناشطين
    دبلوماسيون دبلوماسيين مستثمرون مستثمرين اقتصاديون اقتصاديين باحثون باحثين متعاملون متعاملين سكان أهالي
    شهود مواطنون مواطنين عاملون عاملين أحد إحدى بإحدى بأحد لأحد مسؤولو العاملين المختصين الناشطين
    """
)

#: Time expressions that anchor reporting to an event.
TIME = _folded(
    """
    أمس الأمس اليوم غدا الليلة صباح مساء ظهر فجر ليل الاثنين الثلاثاء الأربعاء الخميس الجمعة السبت الأحد
    يناير فبراير مارس أبريل مايو يونيو يوليو أغسطس سبتمبر أكتوبر نوفمبر ديسمبر كانون شباط آذار نيسان أيار
    حزيران تموز آب أيلول تشرين الماضي الماضية المقبل المقبلة الجاري الجارية أسبوع الأسبوع ساعات الساعة
    """
)

#: Sentence openers typical of spliced commentary and transitions.
OPENERS = _phrases(
    """
    وتأتي
    ويأتي
    وياتي ذلك
    وفي هذا السياق
    في هذا السياق
    وفي ظل
    في ظل
    وفي ضوء
    ويعكس
    وتعكس
    يعكس
    تعكس
    وقد أثار
    وقد أثارت
    وهذا
    وهذه
    وتشير
    ويشير
    ومن شأن
    ومن المتوقع
    ومن المرجح
    وتكتسب
    ويكتسب
    ويُنظر
    وينظر
    ويرى مراقبون
    ويرى محللون
    ويرى خبراء
    وتبرز
    ويبرز
    وتمثل
    ويمثل
    وتسلط
    ويسلط
    وبذلك
    وبهذا
    وفي المحصلة
    وعلى الرغم من ذلك
    ويبدو
    ويبقى
    وتبقى
    وتطرح
    ويطرح
    ويعد
    وتعد
    ولا شك
    ومما لا شك فيه
    وفي سياق متصل
    وتجدر الإشارة
    ويثير
    وتثير
    """
)

#: Phrases of generic analysis: significance, implications, abstract framing.
COMMENTARY = _phrases(
    """
    في ظل
    بشكل
    يسلط الضوء
    تسلط الضوء
    على حساب
    من جهة أخرى
    في إطار
    مدى
    بعدا جديدا
    تحديات
    التحديات
    التحدي
    المشهد
    استراتيجية
    الاستراتيجية
    تعزيز
    تعقيد
    حاسمة
    منعطف
    تداعيات
    مخاوف
    جدية
    المتنامية
    المتزايدة
    الاستقرار
    أهمية
    دلالة
    دلالات
    رسالة واضحة
    يعكس
    تعكس
    مما يضيف
    مما يعكس
    مما يثير
    الأمر الذي
    بما في ذلك
    على المدى
    في وقت
    حجم
    النفوذ
    التوازن
    التوازنات
    المعادلة
    الثقة
    مرحلة جديدة
    نقطة تحول
    بالغة
    محورية
    محوري
    متعددة
    مساعي
    الرامية
    الإقليمي
    الإقليمية
    آفاق
    الرهانات
    """
)

#: Present-tense verbs of opinion and expectation: commentary speaks in them.
OPINION = _folded(
    """
    يرى ويرى ترى وترى يعتقد ويعتقد يتوقع ويتوقع تتوقع وتتوقع يخشى ويخشى تخشى يحذر ويحذر تحذر وتحذر يصف ويصف
    يعتبر ويعتبر تعتبر وتعتبر يبدو ويبدو تبدو يرجح ويرجح ترجح يؤكد مراقبون يُتوقع ويُتوقع يُرجح يُنظر وينظر
    يمكن ويمكن قد وقد سيكون وسيكون ستكون يمثل يشكل ويشكل تشكل وتشكل يعكس تعكس
    """
)

#: Reporting verbs a speaker's words are introduced or continued with, bare
#: and with the conjunctions wire copy puts before them ("وأضاف", "فيما أكد").
#: Not "بيّن": unvowelled it is the preposition "بين".
SPEECH_VERBS = frozenset(
    pre + v
    for v in _folded(
        """
        قال قالت قالوا أضاف أضافت أضافوا أوضح أوضحت أوضحوا تابع تابعت أشار أشارت أشاروا لفت لفتت بينت
        أكد أكدت أكدوا شدد شددت ختم ختمت مضى مضت زاد زادت أردف أردفت استطرد استطردت اعتبر اعتبرت رأى رأت
        ذكر ذكرت أفاد أفادت أعلن أعلنت كشف كشفت حذر حذرت دعا دعت طالب طالبت صرح صرحت نفى نفت أعرب أعربت
        يقول تقول يضيف تضيف يوضح توضح
        """
    )
    for pre in ("", "و", "ف")
)

#: What follows a reporting verb that has no subject of its own: the words
#: continue the previous speaker ("وأضاف أن ...", "وأوضح إلى ...").
CONTINUATION_NEXT = _folded("أن أنه أنها إن إنه إنها بأن إلى في قائلا قائلة")

DEMONSTRATIVES = _folded("هذا هذه ذلك تلك وهذا وهذه وذلك وتلك لهذا لهذه بهذا بهذه هذين هاتين هؤلاء")

QUOTES = frozenset('"«»“”')
