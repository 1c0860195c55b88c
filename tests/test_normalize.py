from kashif.normalize import fold, light, stem, tokens


def test_fold_unifies_variants():
    assert fold("أإآٱا") == "ااااا"
    assert fold("مدرسة") == "مدرسه"
    assert fold("إلى") == "الي"
    assert fold("المُنَظَّمَة") == fold("المنظمة")
    assert fold("الـــرئيس") == fold("الرئيس")
    assert fold("٢٠٢٤٫٥") == "2024.5"
    assert fold("«نعم»") == '"نعم"'


def test_light_keeps_letters_but_drops_marks():
    assert light("أَعْلَنَ") == "أعلن"
    assert light("ـةىأ") == "ةىأ"


def test_tokens_keep_numbers_whole():
    assert tokens("بلغ 12.000 دولار و3.5 في المئة") == ["بلغ", "12.000", "دولار", "و", "3.5", "في", "المئة"]


def test_stem_meets_inflections():
    assert stem(fold("والهجوم")) == stem(fold("الهجوم")) == stem(fold("هجومها"))
