"""Topic tagging: the rule data, the matching rule, the scoring rule, examples per topic."""

from __future__ import annotations

import copy
import json

import pytest

from indexer.extract.topics import (
    TOPICS_FILE,
    TopicModel,
    TopicRulesError,
    TopicScore,
    default_model,
)
from rasd.arabic import normalize


def tag_topics(title: str, body: str) -> list[str]:
    return default_model().tag(title, body)


def explain_topics(title: str, body: str) -> list[TopicScore]:
    return default_model().explain(title, body)


TOPIC_IDS = {
    "terrorism",
    "drug_trafficking",
    "human_trafficking",
    "illegal_migration",
    "cybercrime",
    "organized_crime",
    "border_security",
    "security_cooperation",
    "armed_conflict",
    "justice",
}


def hits(title: str, body: str, topic: str) -> dict[tuple[str, str], int]:
    """(phrase, field) → count for one topic."""
    for score in explain_topics(title, body):
        if score.topic == topic:
            return {(h.phrase, h.field): h.count for h in score.hits}
    return {}


# --- the data ------------------------------------------------------------------------


def test_every_topic_has_labels_in_both_languages():
    model = default_model()
    assert set(model.topics) == TOPIC_IDS
    for topic in model.topics.values():
        assert topic.label_ar.strip() and topic.label_en.strip()
        assert any("\u0621" <= ch <= "\u064a" for ch in topic.label_ar)


def test_labels_are_readable_straight_from_the_json():
    # The search API reads labels from the file without this module.
    raw = json.loads(TOPICS_FILE.read_text(encoding="utf-8"))
    labels = {t["id"]: (t["label_ar"], t["label_en"]) for t in raw["topics"]}
    assert labels["human_trafficking"] == ("الاتجار بالبشر", "Human trafficking")


# --- the seed page -----------------------------------------------------------------------


def test_seed_page(seed_text: str):
    title = seed_text.split("\n", 1)[0]
    scores = {s.topic: s for s in explain_topics(title, seed_text)}
    tags = tag_topics(title, seed_text)
    assert tags[0] == "security_cooperation"
    assert scores["security_cooperation"].reason == "primary"
    # The crimes the delegation discussed, each named once in a list, are tagged as
    # secondary topics of a security article.
    for topic in ("terrorism", "drug_trafficking", "human_trafficking", "illegal_migration"):
        assert topic in tags
        assert scores[topic].reason == "secondary"
    assert "organized_crime" in tags  # "مكافحة الجريمة المنظمة العابرة للحدود" and more
    assert "cybercrime" in tags  # the cybercrime specialists in the delegation
    for topic in ("armed_conflict", "justice", "border_security"):
        assert topic not in tags


# --- examples per topic ---------------------------------------------------------------------

POSITIVE = [
    (
        "terrorism",
        "مقتل 3 في هجوم انتحاري على مسجد",
        "فجر انتحاري حزاما ناسفا داخل المسجد، وتبنى تنظيم داعش الهجوم الإرهابي.",
    ),
    (
        "drug_trafficking",
        "إحباط تهريب 320 ألف حبة كبتاجون",
        "ضبطت الجمارك كمية من الحبوب المخدرة مخبأة في شاحنة قادمة من الحدود.",
    ),
    (
        "human_trafficking",
        "تايلاند تحارب الإتجار بالبشر",
        "أعلنت السلطات تفكيك شبكة لتجارة البشر وإنقاذ عشرات من ضحايا العمل القسري.",
    ),
    (
        "illegal_migration",
        "غرق قارب يقل مهاجرين غير شرعيين قبالة ليبيا",
        "انتشل خفر السواحل جثث المهاجرين الذين حاولوا الهجرة السرية إلى أوروبا.",
    ),
    (
        "cybercrime",
        "اختراق حساب وزارة على تويتر",
        "تمكن قراصنة من اختراق الحساب، وأحيلت القضية إلى وحدة مكافحة الجرائم المعلوماتية.",
    ),
    (
        "organized_crime",
        "تفكيك عصابة إجرامية لغسل الأموال",
        "أوقفت الشرطة أفراد تشكيل عصابي متخصص في تزييف العملة وتهريبها إلى الخارج.",
    ),
    (
        "border_security",
        "حرس الحدود يحبط محاولة تسلل",
        "أحبطت دوريات حرس الحدود محاولة تسلل عبر الشريط الحدودي مع اليمن.",
    ),
    (
        "security_cooperation",
        "تعزيز التعاون الأمني بين المغرب وإسبانيا",
        "بحث الوزيران تبادل المعلومات الأمنية والتنسيق الأمني في مكافحة الجريمة.",
    ),
    (
        "armed_conflict",
        "غارات جوية على مواقع الحوثيين في تعز",
        "شنت طائرات التحالف العربي غارات على معسكرات الميليشيات واندلعت اشتباكات عنيفة.",
    ),
    (
        "justice",
        "الحكم بالسجن 10 سنوات على متهم",
        "أصدرت المحكمة الجزائية حكمها بعد أن قدمت هيئة التحقيق والادعاء العام لائحة الاتهام.",
    ),
]

NEGATIVE = [
    ("terrorism", "الهلال يرهب خصومه", "قدم الفريق مباراة كبيرة وأرهب المنافس بهجماته."),
    (
        "terrorism",
        "ارتفاع أسعار النفط",
        "قال المحلل إن الأسواق تراقب قرارات البنوك وتمويل مكافحة الإرهاب في المنطقة.",
    ),
    ("drug_trafficking", "طبيب التخدير يشرح", "أوضح أن التخدير الكامل آمن في العمليات."),
    (
        "drug_trafficking",
        "الداخلية تحذر من مروجي الشائعات",
        "دعت الوزارة إلى عدم الالتفات لمروجي الشائعات على مواقع التواصل.",
    ),
    ("human_trafficking", "عبودية الموضة", "يرى الكاتب أننا نعيش عبودية الاستهلاك."),
    ("illegal_migration", "هجرة العقول العربية", "تناول المؤتمر هجرة الكفاءات إلى الخارج."),
    (
        "illegal_migration",
        "دروس من سيرة المهاجرين والأنصار",
        "آخى النبي بين المهاجرين والأنصار، وكان المهاجرين قد تركوا أموالهم.",
    ),
    ("cybercrime", "القرصنة البحرية قبالة الصومال", "هاجم قراصنة سفينة تجارية في خليج عدن."),
    ("organized_crime", "جريمة قتل في حي سكني", "وقعت جريمة بشعة وقبضت الشرطة على الجاني."),
    ("organized_crime", "ميسي يواصل تهريب الكرة", "نجح اللاعب في تهريب الكرة من المدافعين."),
    (
        "border_security",
        "لاعب حرس الحدود ينضم للوحدة",
        "وقع اللاعب عقدا مع النادي قادما من حرس الحدود المصري بعد مباراة الدوري.",
    ),
    ("border_security", "الحكم يلغي الهدف", "ألغى الحكم هدف التعادل بداعي التسلل."),
    (
        "security_cooperation",
        "مذكرة تفاهم لتطوير التعليم",
        "وقعت الجامعة مذكرة تفاهم لتبادل الخبرات مع جامعة أجنبية.",
    ),
    ("armed_conflict", "حرب الأسعار بين شركات الاتصالات", "تشتعل حرب الأسعار بين الشركات."),
    (
        "armed_conflict",
        "الأهلي يكتسح الاتحاد في معركة الدوري",
        "كان هجوم الفريق قويا في المباراة وسجل ثلاثة أهداف.",
    ),
    ("justice", "خطة للقضاء على البطالة", "تسعى الوزارة للقضاء على البطالة بحلول 2020."),
    ("justice", "استئناف الدراسة بعد العيد", "أعلنت الوزارة استئناف الدراسة الأحد."),
]


@pytest.mark.parametrize(("topic", "title", "body"), POSITIVE, ids=[p[0] for p in POSITIVE])
def test_positive_examples(topic: str, title: str, body: str):
    tags = tag_topics(title, body)
    assert tags[0] == topic, explain_topics(title, body)


@pytest.mark.parametrize(("topic", "title", "body"), NEGATIVE, ids=[n[0] for n in NEGATIVE])
def test_negative_examples(topic: str, title: str, body: str):
    assert topic not in tag_topics(title, body), explain_topics(title, body)


def test_ordinary_news_gets_no_topic():
    title = "أمير المنطقة يفتتح مهرجان الصيف"
    body = "افتتح أمير المنطقة مساء أمس فعاليات مهرجان الصيف بحضور عدد من المسؤولين والأهالي."
    assert tag_topics(title, body) == []


# --- the matching rule -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("الإرهاب", "إرهاب*"),
        ("للإرهاب", "إرهاب*"),
        ("والإرهابيين", "إرهاب*"),
        ("بالإرهاب", "إرهاب*"),
        ("ارهابية", "إرهاب*"),  # hamza and ة folded by normalize
        ("وللمخدرات", "مخدر*"),
        ("بالمخدرات", "مخدر*"),
        ("المحكمة", "محكمة"),
        ("للمحكمة", "محكمة"),
        ("والإنتربول", "إنتربول"),
    ],
)
def test_clitics_article_and_stems(text: str, phrase: str):
    found = {p for score in explain_topics("", f"قال {text} اليوم") for p in _phrases(score)}
    assert phrase in found


def _phrases(score) -> set[str]:
    return {h.phrase for h in score.hits}


@pytest.mark.parametrize("text", ["حربة", "الحربي", "محكمين", "ارهق"])
def test_whole_word_terms_do_not_match_inside_other_words(text: str):
    assert not hits("", f"قال {text} اليوم", "armed_conflict").get(("حرب", "body"))
    assert not hits("", f"قال {text} اليوم", "justice").get(("محكمة", "body"))
    assert not hits("", f"قال {text} اليوم", "terrorism")


def test_longest_phrase_counts_once():
    assert hits("", "أكد أهمية مكافحة الإرهاب", "terrorism") == {("مكافحة الإرهاب", "body"): 1}


def test_exclude_phrase_shadows_the_term_inside_it():
    assert hits("", "اندلعت حرب الأسعار", "armed_conflict") == {}
    assert hits("", "اندلعت الحرب في الجنوب", "armed_conflict") == {("حرب", "body"): 1}


def test_topics_resolve_overlaps_independently():
    found = {s.topic: _phrases(s) for s in explain_topics("", "إحباط تهريب المخدرات")}
    assert found["drug_trafficking"] == {"تهريب المخدرات"}
    assert found["organized_crime"] == {"تهريب*"}


# --- the scoring rule ------------------------------------------------------------------------


def test_title_weighs_more_than_body():
    assert "human_trafficking" in tag_topics("الاتجار بالبشر", "نص قصير")
    assert "human_trafficking" not in tag_topics("تقرير", "تحدث عن الاتجار بالبشر")


def test_body_repetitions_are_capped():
    body = " ".join(["الإرهاب"] * 10)
    score = next(s for s in explain_topics("", body) if s.topic == "terrorism")
    assert score.score == 2 * 3  # weight 2 × at most 3 occurrences


def test_light_terms_alone_never_tag():
    body = "جريمة ثم جريمة ثم جرائم وسرقة وسرقات وخطف"
    score = next(s for s in explain_topics("", body) if s.topic == "organized_crime")
    assert score.score >= default_model().scoring.threshold
    assert not score.tagged


def test_secondary_topics_need_a_primary_one():
    mention = "وتناول اللقاء التعاون في ملفات منها الهجرة غير الشرعية."
    alone = {s.topic: s for s in explain_topics("لقاء", mention)}
    assert not alone["illegal_migration"].tagged
    with_primary = explain_topics("تعزيز التعاون الأمني", mention)
    migration = next(s for s in with_primary if s.topic == "illegal_migration")
    assert (migration.tagged, migration.reason) == (True, "secondary")


def test_tags_are_ordered_by_score():
    title, body = POSITIVE[0][1], POSITIVE[0][2] + " وأحيل المتهمون إلى المحكمة."
    scores = [s.score for s in explain_topics(title, body) if s.tagged]
    assert scores == sorted(scores, reverse=True)
    assert tag_topics(title, body) == [s.topic for s in explain_topics(title, body) if s.tagged]


def test_normalized_entry_point_agrees():
    model = default_model()
    for _, title, body in POSITIVE + NEGATIVE:
        assert model.tag_normalized(normalize(title), normalize(body)) == model.tag(title, body)


# --- validation ---------------------------------------------------------------------------


def _rules() -> dict:
    return json.loads(TOPICS_FILE.read_text(encoding="utf-8"))


def _broken(change) -> dict:
    rules = copy.deepcopy(_rules())
    change(rules)
    return rules


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda r: r["topics"][0].update(id="Terror-ism"), "bad topic id"),
        (lambda r: r["topics"].append(copy.deepcopy(r["topics"][0])), "duplicate topic id"),
        (lambda r: r["topics"][0].update(labels="x"), "unknown fields"),
        (lambda r: r["topics"][0].update(label_en=""), "label_en"),
        (lambda r: r["topics"][0]["terms"][0].update(weight=0), "non-zero"),
        (lambda r: r["topics"][0]["terms"][0]["phrases"].append("إرها*ب"), "'*' ends"),
        (lambda r: r["topics"][0]["terms"][0]["phrases"].append("الإرهاب*"), "repeats"),
        (lambda r: r["topics"][0]["terms"][0]["phrases"].append("  "), "empty"),
        (lambda r: r["scoring"].update(threshold=-1), "positive"),
        (lambda r: r["scoring"].update(treshold=4), "scoring"),
    ],
)
def test_malformed_rules_are_rejected(change, message: str):
    with pytest.raises(TopicRulesError, match=message):
        TopicModel(_broken(change))


def test_the_bundled_rules_load():
    assert len(TopicModel(_rules()).terms) > 300
