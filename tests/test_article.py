from kashif.article import segment


def texts(article):
    return [s.text for s in article.sentences]


def test_offsets_index_the_input_exactly():
    text = "العنوان\n\nقال الوزير إن النمو بلغ 3.5 في المئة. وأضاف أن العجز تراجع.\n\nفقرة ثانية."
    a = segment(text)
    assert a.title is not None and a.title.text == "العنوان" and a.title.start == 0
    for s in a.sentences:
        assert text[s.start : s.end] == s.text
    assert texts(a) == ["قال الوزير إن النمو بلغ 3.5 في المئة.", "وأضاف أن العجز تراجع.", "فقرة ثانية."]
    assert [s.paragraph for s in a.sentences] == [0, 0, 1]
    assert [s.index for s in a.sentences] == [0, 1, 2]


def test_numbers_are_not_boundaries():
    a = segment("بلغ الدين 12.000 دولار بنسبة 3.5 في المئة و٣٫٥ مليون. ثم انتهى.")
    assert texts(a) == ["بلغ الدين 12.000 دولار بنسبة 3.5 في المئة و٣٫٥ مليون.", "ثم انتهى."]


def test_ellipsis_and_abbreviation_do_not_split():
    a = segment("قال د. أحمد الخطيب إن الوضع... صعب جداً. وتابع: نعم… ربما.")
    assert texts(a) == ["قال د. أحمد الخطيب إن الوضع... صعب جداً.", "وتابع: نعم… ربما."]


def test_quotes_stay_with_their_sentence():
    a = segment('وقال: «الوضع خطير. نحن نعمل على الحل». وأضاف: "لن نتراجع." ثم غادر!')
    assert texts(a) == ["وقال: «الوضع خطير. نحن نعمل على الحل».", 'وأضاف: "لن نتراجع."', "ثم غادر!"]


def test_question_marks_and_line_ends():
    a = segment("هل انتهت الأزمة؟ لا أحد يعرف\nسطر جديد بلا نقطة")
    assert texts(a) == ["هل انتهت الأزمة؟", "لا أحد يعرف", "سطر جديد بلا نقطة"]
    assert len(a.paragraphs) == 1


def test_title_needs_a_blank_line_and_no_final_period():
    assert segment("سطر أول\nسطر ثان.").title is None
    titled = segment('خلايا في العراق .. "يجب المحاسبة" \n\nنص المقال هنا.')
    assert titled.title is not None and titled.title.text.endswith('"يجب المحاسبة"')
    assert texts(titled) == ["نص المقال هنا."]


def test_crlf_whitespace_and_bom_keep_offsets():
    text = "\ufeffالعنوان\r\n\r\n  جملة أولى.  جملة ثانية.\r\n \r\nثالثة."
    a = segment(text)
    assert a.title is not None and a.title.text == "العنوان"
    assert texts(a) == ["جملة أولى.", "جملة ثانية.", "ثالثة."]
    for s in a.sentences:
        assert text[s.start : s.end] == s.text


def test_diacritics_do_not_change_segmentation():
    plain = segment("أعلنت المنظمة النتائج. وقال المدير إنها جيدة.")
    marked = segment("أَعْلَنَتِ المُنَظَّمَةُ النتائج. وقـــال المدير إنها جيدة.")
    assert len(plain.sentences) == len(marked.sentences) == 2


def test_one_line_lead_paragraph_is_not_a_title():
    text = "وقّعت الحكومة العقد الأحد. وقال الوزير إنه سيوفر المياه.\n\nفقرة ثانية هنا."
    a = segment(text)
    assert a.title is None
    assert texts(a)[:2] == ["وقّعت الحكومة العقد الأحد.", "وقال الوزير إنه سيوفر المياه."]
    assert segment("بيان ختامي للقمة.\n\nنص الخبر.").title is None  # a period ends a sentence, not a headline
    assert segment("هل تنجح الهدنة؟\n\nنص الخبر.").title is not None  # question headlines are headlines


def test_bare_carriage_returns_are_line_breaks():
    text = "العنوان\r\rجملة أولى.\rجملة ثانية."
    a = segment(text)
    assert a.title is not None and a.title.text == "العنوان"
    assert texts(a) == ["جملة أولى.", "جملة ثانية."]


def test_many_quotations_on_one_line_stay_fast():
    import time

    line = "قال «نعم. لا» ثم مضى. " * 8000
    t0 = time.perf_counter()
    a = segment(line)
    assert time.perf_counter() - t0 < 2.0
    assert len(a.sentences) == 8000 and a.sentences[0].text == "قال «نعم. لا» ثم مضى."
