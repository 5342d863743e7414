"""indexer.readers.boilerplate: chrome removed by the data rules, article text kept."""

from __future__ import annotations

import json

from indexer.readers.boilerplate import BOILERPLATE_PATH, rules_for, strip_boilerplate

PARAGRAPH = (
    "أعلنت المديرية العامة للأمن الوطني، اليوم الاثنين، توقيف ثلاثة أشخاص يشتبه في تورطهم "
    "في قضية تتعلق بالاتجار الدولي في المخدرات، وذلك في إطار عملية أمنية مشتركة."
)
SEED_FOOTER = (
    "هل ترغب بالتعليق على الموضوع؟\n\n*\n*\n*\nملحوظة\n"
    "• التعليقات المنشورة لا تعبر بالضرورة عن رأي الموقع\n"
    "• من شروط النشر: عدم الإساءة للكاتب أو للأشخاص أو للمقدسات"
)


def test_the_seed_comment_form_and_everything_after_it_go() -> None:
    body, metadata = strip_boilerplate(f"{PARAGRAPH}\n\n{PARAGRAPH}\n\n\n{SEED_FOOTER}")
    assert body == f"{PARAGRAPH}\n\n{PARAGRAPH}"
    assert metadata == {}


def test_a_comment_form_tail_without_its_heading_also_goes() -> None:
    footer = SEED_FOOTER.partition("*\n*\n*\n")[2]
    assert strip_boilerplate(f"{PARAGRAPH}\n*\n{footer}")[0] == PARAGRAPH


def test_chrome_lines_go_wherever_they_are() -> None:
    text = "\n".join(
        [
            PARAGRAPH,
            "اقرأ أيضاً: الأمن يفكك شبكة للهجرة السرية",
            "تابعونا على فيسبوك وتويتر",
            "شارك",
            PARAGRAPH,
            "جميع الحقوق محفوظة © 2024",
            "نستخدم ملفات تعريف الارتباط لتحسين تجربتك",
            "اشترك في النشرة البريدية",
        ]
    )
    assert strip_boilerplate(text)[0] == f"{PARAGRAPH}\n{PARAGRAPH}"


def test_a_read_also_list_goes_with_its_headlines_and_the_article_resumes() -> None:
    text = "\n".join(
        [
            PARAGRAPH,
            "اقرأ أيضا:",
            "إيقاف عنصر تكفيري في سيدي بوزيد",
            "حجز أسلحة في جندوبة",
            PARAGRAPH,
            "اقرأ أيضاً: الأمن يفكك شبكة للهجرة السرية",
            "وقال المتحدث إن التحقيق متواصل.",  # a sentence: the article again
        ]
    )
    expected = f"{PARAGRAPH}\n{PARAGRAPH}\nوقال المتحدث إن التحقيق متواصل."
    assert strip_boilerplate(text)[0] == expected


def test_a_breadcrumb_goes() -> None:
    text = f"الرئيسية | أخبار وطنية | أمن\n{PARAGRAPH}\nالرئيسية » مجتمع"
    assert strip_boilerplate(text)[0] == PARAGRAPH
    assert strip_boilerplate(f"الرئيسية الجديدة للموقع\n{PARAGRAPH}")[0].startswith("الرئيسية")


def test_font_controls_and_a_closing_tag_list_go() -> None:
    text = f"{PARAGRAPH}\nحجم الخط\n{PARAGRAPH}\nكلمات دلالية: الهجرة، الناظور، الدرك الملكي"
    assert strip_boilerplate(text)[0] == f"{PARAGRAPH}\n{PARAGRAPH}"


def test_a_credit_line_at_the_end_becomes_metadata() -> None:
    body, metadata = strip_boilerplate(f"{PARAGRAPH}\nالمصدر: وكالة الأنباء الفرنسية\nشارك")
    assert body == PARAGRAPH
    assert metadata == {"source_credit": "وكالة الأنباء الفرنسية"}


def test_a_credit_line_inside_the_article_stays() -> None:
    text = f"المصدر: وزارة الداخلية\n{PARAGRAPH}"
    assert strip_boilerplate(text) == (text, {})


def test_article_paragraphs_that_mention_chrome_phrases_stay() -> None:
    long_line = (
        "وقال المتحدث إن جميع الحقوق محفوظة للضحايا وإن الدولة ستتابع المتورطين أمام القضاء "
        "مهما طال الزمن، مؤكدا أن الأجهزة الأمنية تعمل ليل نهار على تعقب كل المشتبه فيهم "
        "في هذه القضية التي هزت الرأي العام"
    )
    assert strip_boilerplate(f"{long_line}\n{PARAGRAPH}")[0] == f"{long_line}\n{PARAGRAPH}"


def test_phrases_match_whole_words_only() -> None:
    # "شارك" is a share button alone on its line, a verb inside a sentence.
    text = "شارك وفد أمني مغربي في الملتقى\nيشارك عبر الفيديو"
    assert strip_boilerplate(text)[0] == text


def test_a_cut_marker_on_the_first_line_is_only_dropped() -> None:
    assert strip_boilerplate(f"التعليقات\n{PARAGRAPH}")[0] == PARAGRAPH


def test_site_families_apply_to_their_sites_only() -> None:
    okaz = "شارك من خلال تويتر فيسبوك جوجل بلس اكتب رأيك أكد نائب خادم الحرمين الشريفين"
    sms = "للتواصل أرسل sms إلى 88548 الاتصالات، 636250 موبايلي، 738303 زين تبدأ بالرمز 153"
    text = f"{okaz}\n{PARAGRAPH}\njehat5@yahoo.com\n\n{sms}"
    assert strip_boilerplate(text, "okaz")[0] == (f"أكد نائب خادم الحرمين الشريفين\n{PARAGRAPH}")
    assert strip_boilerplate(text, "hespress")[0].startswith("شارك من خلال")
    assert sms in strip_boilerplate(text, "hespress")[0]


def test_next_previous_slider_residue_is_stripped() -> None:
    text = "Next Previous عين اليوم – باكستان\n" + PARAGRAPH
    assert strip_boilerplate(text, "3alyoum")[0] == f"عين اليوم – باكستان\n{PARAGRAPH}"


def test_rules_are_data_with_known_kinds() -> None:
    data = json.loads(BOILERPLATE_PATH.read_text(encoding="utf-8"))
    kinds = {"description", "sites", "cut_from", "drop", "drop_block", "trim_tail",
             "tail_metadata", "strip"}  # fmt: skip
    for name, family in data["families"].items():
        assert set(family) <= kinds, name
        assert family["sites"] == "*" or isinstance(family["sites"], list), name
    rules = rules_for(None)
    assert rules.cut_from.phrases is not None and rules.drop.patterns
