"""Countries, organizations, persons and places mentioned in an article.

One Aho–Corasick pass (:mod:`rasd.matcher`) over the normalized title and body finds
every gazetteer alias and every person title; the rest is bookkeeping over the few
matches. What each matched spelling means is worked out once, when the matcher is
built (:class:`_Plan`), so an article costs one C-level scan plus a little Python per
match.

Rules:

* **Countries** come from names, demonyms (every inflection, with clitics), capitals
  used for governments, and the country of every organization or place found. They
  are ordered by salience: mentions, a title mention counting :data:`TITLE_WEIGHT`
  times, ties broken by first position. Regions take their words ("المغرب العربي")
  but are not countries.
* **Ambiguous aliases** ("عمان": Oman, or Amman in Jordan; "ليون": Lyon, or Leon)
  count only when licensed: by their country being named unambiguously elsewhere in
  the article, or, for a place, by a context cue right before it ("بمدينة ليون");
  a strict place ("الخبر": Khobar, or "the news") only by the cue. Candidates of
  several countries ("مدينة طرابلس") narrow to the countries named; one must remain.
* **Organizations** come from aliases, and from org-pattern heads and contextual
  aliases resolved by what stands next to them: a country right after them or a few
  qualifiers later ("وزارة الداخلية الفرنسية", "وزارة الداخلية في فرنسا", "الجيش الوطني
  الموالي للحكومة اليمنية"), a place attached to them ("حرس الحدود بعسير"), or a known
  person named with them ("وزير الخارجية عادل الجبير", "محمد بن سلمان … وزير الدفاع").
  Otherwise a bare head takes the article's main country: the publisher's
  (``source_country``) when the title names it, or when the title names no other
  country and the publisher's country is mentioned (or a person of it, or nothing
  else); else the most mentioned country when it has twice the mentions of the next
  and, if the title names countries, is one of them. A contextual alias takes the main
  country if that has such a body, else the one of its countries the article names.
  A head in a federation where it names no national body (``bare_not_in``: police in
  the US) is dropped, and so is a head that names a body only when qualified
  (``qualified_only``: "محكمة أميركية" is the US courts, a bare "المحكمة" any court);
  a one-word head that may be an adjective ("الخارجية") counts only where a noun
  stands ("أعلنت الخارجية", not "السياسة الخارجية"). Anything else is dropped rather
  than guessed. A body resolved through a country not named next to
  it (the main country's, a person's) makes that country mentioned; an armed group
  does not add its own country (the Houthis are not Yemen's state).
* **Publisher aliases** ("المملكة") name the publisher's country, in its own press only.
* **Not country words**: a demonym after a language word ("باللغة الإنجليزية",
  "الناطقين بالإسبانية"), and "اليمنى" (right) after a body part or side ("الركبة
  اليمنى"); an ambiguous country name counts in a list with an unambiguous one
  ("السنغال ومالي والنيجر").
* **Persons** come from the gazetteer (shown by its ``name_ar``) and from titles:
  "الرئيس الأمريكي باراك أوباما" (a title, skipped complements, a name) and
  "بوشعيب ارميل المدير العام" (a name that starts with a known given name, then a
  title). A demonym or "برئاسة"/"بقيادة" before a known given name reads as a title
  too ("الكولومبي جاكسون مارتينيز", "وفد برئاسة محمد القاسم"), and so does a byline
  opening the body ("محمد الزهراني- سبق- الباحة:"). A name has two or three parts
  ("بن نايف", "عبد الله" are one part each); it stops at function words, verbs,
  numbers, titles and other entities; only its last part may carry the article; and
  it is shown in the article's own spelling. Junk is
  refused: words the original writes with tanween fath ("اتصالاً هاتفياً", "عميداً"),
  two accusatives in ـا, a first word in ة or a pronoun that is not a known name
  ("مؤسسة النقد", "رعاه الله"), plural nouns in ـات, plural verbs in ـوا; a third part
  that reads as a common noun run on after the name is cut ("ديفيد بترايوس رسالة").
  Normalizing erased punctuation and folded ى into ي, so the original decides: a name
  after a title never follows a colon or a comma ("وزير الثقافة: نسعى…") and ends at
  punctuation; "علي" is the name unless written على (the preposition) and not followed
  by بن; "بأن" (normalized "بان", as Ban Ki-moon) ends or refuses a name.
* **Places** are gazetteer cities and regions.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import lru_cache, partial
from itertools import pairwise

from indexer.extract.topics import default_model
from rasd.arabic import (
    ALEF,
    ALEF_FORMS,
    ALEF_MAQSURA,
    ARABIC_LETTER_RE,
    HA,
    TAA_MARBUTA,
    YA,
    normalize,
)
from rasd.gazetteer import ENTITY_KINDS, Gazetteer, Ref, load_gazetteer
from rasd.given_names import load_given_names
from rasd.matcher import Alias, Match, Matcher, Rider, is_arabic_word

TITLE_WEIGHT = 3
# Separates title from body in the matched text: no alias contains "_", so nothing
# matches across it, and names stop there.
_BARRIER = "_"
_MAX_SKIPPED = 4  # complements skipped between a title and a name
_MAX_NAME_PARTS = 3
_MAX_NAME_WORDS = 6  # three parts, each may carry a connector ("بن", "آل")
_WINDOW = 120  # characters read around a title: room for complements and a name


def _words(text: str) -> frozenset[str]:
    """Normalized words of a whitespace-separated list."""
    return frozenset(normalize(w) for w in text.split())


def _phrases(text: str) -> frozenset[str]:
    """Normalized phrases of a list separated by "|" or new lines."""
    return frozenset(normalize(p) for p in re.split(r"[|\n]", text) if p.strip())


TITLES = _phrases(
    """
    الرئيس|الرئيسة|رئيس الوزراء|رئيس الحكومة|رئيس الجمهورية|رئيس الأركان|رئيس هيئة الأركان
    الوزير|الوزيرة|وزير|وزيرة|وزير الدولة|نائب الرئيس|نائب رئيس الوزراء
    المدير|المدير العام|مدير عام|اللواء|العميد|العقيد|المقدم|الرائد|النقيب|الملازم|الفريق
    الفريق أول|المشير|الجنرال|الأدميرال|الملك|الملكة|العاهل|الأمير|الأميرة|الشيخ|الشيخة
    ولي العهد|ولي ولي العهد|خادم الحرمين الشريفين|خادم الحرمين|الأمين العام
    نائب الأمين العام|المتحدث باسم|المتحدث الرسمي|المتحدث الرسمي باسم|المتحدثة باسم
    الناطق باسم|الناطق الرسمي|الناطق الرسمي باسم|السفير|السفيرة|القاضي|النائب العام
    المدعي العام|الدكتور|الدكتورة|السيد|السيدة|المستشار|المبعوث|المبعوث الخاص
    المبعوث الأممي|الزعيم|القائد|قائد|أمير منطقة|محافظ|المحافظ|رئيس جهاز|مدير جهاز
    مدير شرطة|مدير الأمن العام|قائد الجيش
    المهندس|المهندسة|الأستاذ|الأستاذة|الأديب|الكاتب|الكاتبة|الشاعر|الشاعرة|الفنان|الفنانة
    الإعلامي|الإعلامية|الصحفي|الصحفية|الباحث|الباحثة|المؤرخ|الداعية|الطبيب|الطبيبة
    المخرج|الممثل|الممثلة|المحلل|الخبير|اللاعب|اللاعبة|المهاجم|المدافع|الحارس|حارس المرمى
    المدرب|المدير الفني|رئيس النادي|المتحدث الإعلامي|الشهيد|الجندي|الجندي أول|الرقيب
    العريف|الوكيل|برئاسة|بقيادة
    """
)
# "Headed by", "led by": anything can follow them (a body, a country, "غارات جوية"), so
# the name after them must open with a known given name, as after a demonym. So must
# the rank "الفريق", which is also "the team" ("الفريق سيواصل تدريباته").
_LOOSE_TITLES = _phrases("برئاسة|بقيادة|الفريق")

# Titles that go before a name, never after it in apposition ("محمد بن نايف ولي
# العهد" yes, "محمد بن نايف الأمير" no): no name is looked for before them.
_HONORIFICS = _phrases(
    """
    برئاسة|بقيادة|الرئيس|الرئيسة|الملك|الملكة|العاهل|الأمير|الأميرة|الشيخ|الشيخة|الدكتور|الدكتورة
    السيد|السيدة|الفريق|الفريق أول|اللواء|العميد|العقيد|المقدم|الرائد|النقيب|الملازم
    المشير|الجنرال|الأدميرال|خادم الحرمين الشريفين|خادم الحرمين
    """
)

# Words after a title that are not the name: ranks and qualifiers ("اللواء ركن",
# "الوزير السابق"). Words with the article are skipped by rule.
_TITLE_COMPLEMENTS = _words("ركن طيار بحري سابق أول دكتور د م مهندس باسم")

# A title right after one of these names an institution, not a person: "مطار الملك
# فهد", "جامعة الملك عبدالعزيز", "مركز الملك سلمان للإغاثة".
_INSTITUTIONS = _words(
    """
    مطار مستشفى جامعة مركز مدينة مؤسسة جائزة كلية مجمع طريق شارع ميناء قاعدة برنامج
    كرسي مسجد جامع جسر ملعب استاد ستاد صندوق مكتبة معهد دارة مدرسة حي قصر منحة
    مبادرة مشروع وقف أكاديمية موسوعة متنزه حديقة ساحة ميدان مستشفيات مدارس مسابقة
    """
)

# Words that end a name or make it junk: function words, verbs, time words,
# honorifics and the nouns that most often follow a title.
_FUNCTION_WORDS = _words(
    """
    في من إلى عن مع أن إن أنه أنها لن لم لا ما هذا هذه ذلك تلك هو هي هم هما نحن أنا
    الذي التي الذين كل بعض غير بين حيث حين عند عندما بعد قبل خلال منذ حتى إذا أو أم ثم
    بل لكن كما لدى لقد قد كان كانت يكون تكون ليس أيضا جدا إلا أي أمام وراء فوق تحت ضد
    لأن إنني إنه إنها إذ مما حول آنذاك دون بما ضمن كذلك ولكن لكنها لكنه بأنها بأنه
    بينما فيما جراء إثر طيلة طوال بشأن قرب وفق وفقا بحسب حسب عدة عقب لعدم بعدما
    قبيل نظير وسط برفقة بحضور لصالح إزاء حسبما لكي ريثما هناك هنا هنالك حاليا مثلما
    هل عما غد أحد إحدى معك معه معها معهم معنا لك لنا اللذين اللتين اللذان اللتان اللي
    نحو عبر له لها لهم به بها بهم فيه فيها منه منها عليه عليها إليه إليها عنه عنها يوم
    أمس غدا صباح مساء ليلة أثناء الأسبوع الشهر العام السنة سابقا سابق دولة تعالى
    """
)
_VERBS = _words(
    """
    قال قالت أكد أكدت أعلن أعلنت أشار أشارت أوضح أوضحت صرح صرحت كشف كشفت دعا دعت بحث
    بحثت استقبل استقبلت التقى التقت زار زارت وصل وصلت غادر غادرت شارك شاركت ترأس
    افتتح وقع طالب طالبت نفى نفت أضاف أضافت لفت شدد شددت ذكر ذكرت اعتبر رأى تلقى بعث
    هنأ عزى أجرى أجرت تسلم منح أمر أصدر وجه عين أعفى قام قامت تم تمت جاء جاءت أبدى
    أعرب أعربت أثنى ثمن حضر حضرت ألقى رعى دشن أطلق استعرض ناقش تناول أبلغ خاطب نقل
    أشاد أشادت حذر حذرت حرص حرصت بات باتت ظل ظلت أصبح أصبحت يمثل تمثل يعد تعد
    تلقت تسلمت اتهم اتهمت أدان أدانت استنكر استنكرت رحب رحبت قدم قدمت أجاب رد ردت
    شهد شهدت انعقد انعقدت تولى تولت أرسل أرسلت سيواصل يواصل سينضم سيكون ستكون
    موضحا مؤكدا مشيرا مضيفا قائلا لافتا منوها مبينا معربا مشددا داعيا مطالبا متسائلا
    محذرا معتبرا واصفا مستدركا مشيدا معلنا مبديا متمنيا مناشدا معترفا مطمئنا
    """
)
_NOUN_STOPS = _words(
    """
    حفظه حفظها حفظهما حفظهم رحمه رحمها يرحمه يحفظه أيده معاليه سموه فخامته جلالته
    سعادته خير حيال صندوق
    سمو معالي فخامة صاحب جلالة حرم نجل ابنة شقيق مصدر مصادر مسؤول مسؤولو عدد جميع
    اليوم وزير وزيرة مدير رئيس أمير نائب عضو أعضاء المملكة إدارة حرس كرة مجلس هيئة
    منظمة مركز جامعة شركة وزارة قيادة قوات جهاز لجنة اتحاد نادي بنك برنامج مشروع
    مجموعة فريق شؤون قطاع قسم إمارة منطقة محافظة رئاسة أمانة مكتب دائرة وحدة فرع
    مديرية أمن شرطة حكومة دول دولة بلاد مناسبة حقوق جيش
    اليوم الوفد الحضور المشاركين الجميع العالم الحكومة المملكة الدولة البلاد المنطقة
    الشعب الاجتماع المؤتمر الزيارة الجلسة الكلمة الماضي المقبل الجاري الحالي السابق
    الأسبق الجديد الاثنين الثلاثاء الأربعاء الخميس الجمعة السبت الأحد
    المحلل المتحدث الخبير الباحث الكاتب الأستاذ المدرب اللاعب الفنان الشاعر الإعلامي
    الصحفي الناقد الأكاديمي المهندس الطبيب المواطن المقيم الشاب الطالب السلطة
    قيام هدف رفض دخول حفل ذات شارع ناهيك عسكري جمرك مستشار سفير
    مستشفى لمستشفى استشاري أستاذ أخصائي متقاعد مؤسس مفوض الودية عام عدم
    الشهير الشهيرة مدافع مهاجم لاعب حارس مدرب
    """
)
_STOP_WORDS = _FUNCTION_WORDS | _VERBS | _NOUN_STOPS
# Function words and verbs also come with و/ف: "وقال", "فأكد".
_STOP_WORDS = _STOP_WORDS | {p + w for w in _STOP_WORDS for p in ("و", "ف")}
# What a chain of titles after a name cannot hold ("محمد بن سلمان … ولي ولي العهد …
# وزير الدفاع"): a function word or verb ends the apposition.
_CHAIN_BREAKERS = _FUNCTION_WORDS | _VERBS | _words("على")
_CHAIN_BREAKERS = _CHAIN_BREAKERS | {p + w for w in _CHAIN_BREAKERS for p in ("و", "ف")}
_MAX_CHAIN_WORDS = 14

# Conjunctions that normalizing makes look like a name ("بأن" → "بان", as Ban Ki-moon):
# read in the original when they follow a name part.
_FOLDED_CONJUNCTIONS = _words("بأن")
# Normalized, the preposition "على" is the name "علي" (Ali): read in the original. It is
# the name when written "علي", or followed by a connector ("الأمير على بن الحسين").
_ALA = normalize("على")

# Joined to the next word to form one name part: "بن نايف", "عبد الله", "آل سعود".
_CONNECTORS = _words("بن ابن بنت آل أبو أبي أبا عبد أم ولد ذو")
# Connectors that may open a name ("عبد الله …", "أبو بكر …").
_OPENING_CONNECTORS = _words("عبد أبو")

# Given names (rasd/gazetteers/given_names.json): a name before a title must start with
# one (nothing else tells "بوشعيب ارميل" from "مصدر مسؤول"), and so must any name whose
# first word starts with a letter that is also a proclitic (و ف ب ل ك: "لرئيس",
# "بمناسبة" are not names).
GIVEN_NAMES = load_given_names().all
_FOREIGN_GIVEN_NAMES = load_given_names().foreign

_NAME_OPENERS = GIVEN_NAMES | _OPENING_CONNECTORS
# Foreign given names open a name even with no title before it ("وتكفل جوناثان كاييري
# بتسجيل الهدف"): few Arabic words are spelled like them. Not the short ones ("جو" is
# air, "بان" appears) nor those that are also Arabic words or family names.
_NOT_UNTITLED_OPENERS = _words("بارك مولود بوتين كيري كاميرون الكسندر")
_UNTITLED_OPENERS = {n for n in _FOREIGN_GIVEN_NAMES if len(n) >= 4} - _NOT_UNTITLED_OPENERS
# Given names that are mostly nouns in a list of people: "وأمين الصندوق" is a treasurer,
# "ومساعد المدير" an assistant, "وأسماء كثيرة" many names; they do not open the other
# of a pair. (Names that are adjectives, "سعيد", "صالح", open real pairs far more often.)
_WORDLIKE_NAMES = _words("أمين مساعد معجب أسماء نور")
_PAIR_OPENERS = GIVEN_NAMES - _WORDLIKE_NAMES
# A byline: two to four words opening the body, a dash, a short source or place, and a
# dash, colon, bar or line end ("محمد الزهراني- سبق- الباحة:", "أميرة المولد – متابعات").
_BYLINE = re.compile(
    r"\s*(?P<name>[\u0621-\u064a]+(?: [\u0621-\u064a]+){1,3}) ?[-–—] ?"
    r"[^\n:|\-–—]{1,30}?(?:[ \t]*[-–—:|]|\n)"
)
_CLOSED_CONNECTORS = _CONNECTORS - _OPENING_CONNECTORS
_NOT_NAME_WORDS = _STOP_WORDS | {t for t in TITLES if " " not in t}

# Given names that start with ي, which otherwise marks an imperfect verb ("يترأسه").
_YA_NAMES = _words("يوسف ياسر يحيى يونس يعقوب يزيد ياسين يسري يسرى")
_PROCLITIC_LETTERS = tuple("وفبلك")
_DEFINITE = "ال"
# A word with a proclitic before the article ("للأمن", "والحكومة") is never a name.
_CLITIC_DEFINITE = ("لل", "وال", "بال", "فال", "كال")

# normalize()'s one-for-one letter folds, for finding a normalized name in the original.
_LETTER_FOLDS = [(c, ALEF) for c in ALEF_FORMS] + [(ALEF_MAQSURA, YA), (TAA_MARBUTA, HA)]
_SPELLING_SLACK = 8  # lowercasing may lengthen a few Latin letters
_COUNTRY_ROLES = frozenset({"name", "demonym"})
# Proclitics a context cue may carry ("وبمدينة", "لمحافظة").
_CUE_PROCLITICS = ("وب", "و", "ب", "ف", "ل")

# "اليمنى" (right) normalizes like "اليمني" (Yemeni): after a body part or a side
# ("الركبة اليمنى", "يده اليمنى", "الجهة اليمنى") it is not a demonym.
_SIDE_ADJECTIVES = _words("اليمنى يمنى")
_SIDE_NOUNS = _words(
    """
    يد قدم ركبة ساق عين أذن رجل ذراع كتف كف قبضة رئة كلية فخذ جهة ناحية ضفة كفة
    زاوية أصابع إصبع قدمين يدين عينين رئتين كليتين
    """
)
_POSSESSIVES = ("ه", "ها", "هم", "هما", "ي", "ك", "نا")
# Words after which a feminine demonym is a language: "باللغة الإنجليزية", "الناطقين
# بالإسبانية", "يتحدث الفرنسية".
_LANGUAGE_CUES = _words(
    """
    اللغة باللغة للغة واللغة وباللغة لغة بلغة اللغتين باللغتين الناطقين الناطقة الناطق
    الناطقون ناطقة ناطقين والناطقين يتحدث يتحدثون تتحدث يتكلم يتكلمون تتكلم يجيد
    يجيدون تجيد إجادة يتقن يتقنون إتقان تعلم لتعلم تدريس لتدريس ترجمة مترجم مترجمة
    """
)
# Words after which "الداخلية", "الخارجية" are the ministries, not adjectives.
_BEFORE_BARE_BODY = _words(
    """
    بيان بيانا متحدث مصدر مصادر مسؤول مسؤولو وكيل ناطق باسم لدى عبر
    """
)
_BEFORE_BARE_BODY = _BEFORE_BARE_BODY | _FUNCTION_WORDS | _VERBS | {""}
_BEFORE_BARE_BODY = _BEFORE_BARE_BODY | {p + w for w in _BEFORE_BARE_BODY for p in ("و", "ف")}

# Gaps between a head and the country that qualifies it: "وزارة الداخلية الفرنسية",
# "الشرطة في فرنسا", "وزير الخارجية بدولة قطر".
_NEIGHBOUR_GAPS = frozenset({" ", " في ", " لدوله ", " بدوله ", " في دوله "})
# … and between a head and a city that places it: "حرس الحدود بعسير" (the clitic is part
# of the city's match), "النيابة في فيينا", "محكمة الاستئناف في دبي"; a head that counts
# only so takes no "في" ("شرطة جدة", "شرطة منطقة مكة", but not "سيارة شرطة في جدة").
_UNIT_GAPS = frozenset(f" {unit}" for unit in ("", "منطقه ", "محافظه ", "مدينه "))
_PLACE_GAPS = _UNIT_GAPS | {f" في{gap}" for gap in _UNIT_GAPS}
# Words that may stand between a head and a qualifying country or known person: "وزير
# الخارجية الأستاذ عادل الجبير", "الجيش الوطني الموالي للحكومة اليمنية".
_MAX_GAP_WORDS = 3
# Words before a demonym that name the other party: "يلتقي نظيره الروسي".
_COUNTERPARTS = _words("نظيره نظيرها نظيرته نظيرتها نظيريه نظرائه نظيره")
# Matches, and characters, after a bare head within which its counterpart is named.
_COUNTERPART_REACH = 6
_COUNTERPART_CHARS = 60
# A bare head takes the article's most salient country when it scores at least this
# many times the next one.
_DOMINANCE = 2


@dataclass(frozen=True, slots=True)
class Entities:
    """What an article mentions. ``countries`` are ISO codes, most salient first;
    ``organizations`` and ``places`` ids and ``persons`` display names, most mentioned
    first. ``counts`` maps ``(kind, id)`` (``("person", display name)``) to mentions."""

    countries: tuple[str, ...] = ()
    organizations: tuple[str, ...] = ()
    persons: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    counts: Mapping[tuple[str, str], int] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class ArticleScan:
    """What :meth:`EntityExtractor.scan` found in "title _ body" (the normalized title,
    a barrier, the normalized body; the title is ``text[:title_end]``)."""

    text: str
    title_end: int
    matches: list[Match[_Plan]]
    riders: list[Rider[object]]


@dataclass(frozen=True, slots=True)
class _Plan:
    """What to do with a match of one spelling, decided when the matcher is built."""

    keys: tuple[tuple[str, str], ...]  # count keys of the sure entities and their countries
    scored: tuple[str, ...]  # countries whose salience those raise
    unsure: tuple[Ref, ...]  # ambiguous entities, counted only if licensed
    deferred: tuple[Ref, ...]  # contextual aliases and org-pattern heads
    title: bool
    appositive: bool  # a title that may follow a name ("… المدير العام")
    person: bool
    country: str | None  # the one country named unambiguously, for neighbours
    place_country: str | None  # the country of an unambiguous place, for neighbours
    person_country: str | None  # the country of a known person, for neighbours
    publisher: tuple[str, ...]  # countries whose own press calls them so ("المملكة")
    side: bool  # "اليمنى" (right) spelled like "اليمني" (Yemeni)
    demonym: bool  # a feminine demonym, also a language ("الإسبانية")
    nisba: bool  # a demonym, which may stand before a name ("الفرنسي ميشيل بلاتيني")
    adjectival: bool  # a one-word head that is also an adjective ("الخارجية")
    qualified: bool  # a head that counts only with its country after it ("البحرية")
    suspect: bool  # one of the three: the word before it decides
    named: tuple[str, ...]  # countries implied otherwise than by a demonym
    opener: str | None  # the foreign given name this spelling is (clitic aside), if any

    @classmethod
    def of(cls, refs: tuple[Ref, ...], stateless: frozenset[str] = frozenset()) -> _Plan:
        suspect = {r.kind for r in refs} & {"side", "language", "adjectival"}
        entities = [r for r in refs if r.kind in ENTITY_KINDS and r.kind != "region"]
        keys, scored = _tally((r for r in entities if not r.ambiguous), stateless)
        named = {
            r.country
            for r in refs
            if r.kind == "country" and r.role in _COUNTRY_ROLES and not r.ambiguous
        }
        places = {r.country for r in refs if r.kind == "place" and not r.ambiguous}
        persons = {r.country for r in refs if r.kind == "person" and not r.ambiguous}
        return cls(
            keys=keys,
            scored=scored,
            unsure=tuple(r for r in entities if r.ambiguous),
            deferred=tuple(r for r in refs if r.kind in ("contextual", "org_pattern")),
            title=any(r.kind == "title" for r in refs),
            appositive=any(r.kind == "title" and r.id not in _HONORIFICS for r in refs),
            person=any(r.kind == "person" and not r.ambiguous for r in refs),
            country=named.pop() if len(named) == 1 else None,
            place_country=places.pop() if len(places) == 1 else None,
            person_country=persons.pop() if len(persons) == 1 else None,
            publisher=tuple(r.country for r in refs if r.kind == "publisher" and r.country),
            side=any(r.kind == "side" for r in refs),
            demonym=any(r.kind == "language" for r in refs),
            nisba=any(r.kind == "country" and r.role == "demonym" for r in refs),
            adjectival=any(r.kind == "adjectival" for r in refs),
            qualified=any(r.role == "qualified_head" for r in refs),
            suspect=bool(suspect),
            named=tuple(
                {
                    r.country: None
                    for r in entities
                    if r.country
                    and not r.ambiguous
                    and r.kind not in ("person", "organization")
                    and r.role != "demonym"
                }
            ),
            opener=next((r.id for r in refs if r.kind == "opener"), None),
        )


def _tally(
    refs: Iterable[Ref], stateless: frozenset[str] = frozenset()
) -> tuple[tuple[tuple[str, str], ...], tuple[str, ...]]:
    """Count keys for ``refs`` and the countries they raise: a country counts itself,
    an organization or place also its country; a person does not (people travel), nor
    does an armed group (``stateless``: the Houthis are not Yemen's state)."""
    keys: dict[tuple[str, str], None] = {}
    scored: dict[str, None] = {}
    for ref in refs:
        keys[ref.kind, ref.id] = None
        if ref.country and ref.kind != "person" and ref.id not in stateless:
            keys["country", ref.country] = None
            scored[ref.country] = None
    return tuple(keys), tuple(scored)


class EntityExtractor:
    """Entity extraction over one gazetteer; build once, reuse (thread-safe)."""

    def __init__(
        self, gazetteer: Gazetteer, *, riders: Mapping[str, Iterable[object]] | None = None
    ) -> None:
        """``riders``: keys of another extractor to find in the same pass over an
        article (see :meth:`scan` and :class:`rasd.matcher.Matcher`)."""
        self.gazetteer = gazetteer
        # Heads and contextual aliases that open with a title ("وزير الخارجية", "المدير
        # العام للأمن الوطني") are titles too, or they would hide the title inside them.
        heads: dict[str, list[Ref]] = {}
        for a in gazetteer.alias_entries:
            if a.value.kind in ("org_pattern", "contextual"):
                heads.setdefault(a.text, []).append(a.value)
        titled = [h for h in heads if h.split()[0] in TITLES]
        titles = [Alias(t, Ref("title", t)) for t in sorted({*TITLES, *titled})]
        # A title that ends in a head names the body too: "قائد الجيش" is the army's.
        for title in TITLES:
            words = title.split()
            for k in range(1, len(words)):
                titles += [Alias(title, r) for r in heads.get(" ".join(words[k:]), ())]
        sides = [Alias(w, Ref("side", w)) for w in _SIDE_ADJECTIVES]
        # One-word heads that are nisba adjectives too: "الخارجية" (the ministry, or
        # "external" in "السياسة الخارجية").
        sides += [
            Alias(h, Ref("adjectival", h)) for h in heads if " " not in h and h.endswith("يه")
        ]
        # Feminine demonyms are also languages: "باللغة الإنجليزية".
        sides += [
            Alias(a.text, Ref("language", a.text))
            for a in gazetteer.alias_entries
            if a.value.kind == "country" and a.value.role == "demonym" and a.text.endswith("يه")
        ]
        stateless = frozenset(
            o.id for o in gazetteer.organizations.values() if o.type == "armed_group"
        )
        self.matcher: Matcher[_Plan] = Matcher(
            [
                *gazetteer.alias_entries,
                *titles,
                *sides,
                *_named_in(gazetteer, stateless),
                *(Alias(name, Ref("opener", name)) for name in sorted(_UNTITLED_OPENERS)),
            ],
            partial(_Plan.of, stateless=stateless),
            stop_phrases=gazetteer.stop_phrases,
            riders=riders,
        )

    def scan(self, norm_title: str, norm_body: str) -> ArticleScan:
        """One pass of the matcher over a normalized article: the alias matches that
        :meth:`extract` needs and the riders' occurrences."""
        text = " ".join(part for part in (norm_title, _BARRIER, norm_body) if part)
        matches, riders = self.matcher.scan(text)
        return ArticleScan(text, len(norm_title), matches, riders)

    def extract(
        self,
        title: str,
        body: str,
        *,
        source_country: str | None = None,
        normalized: tuple[str, str] | None = None,
        scan: ArticleScan | None = None,
    ) -> Entities:
        """Entities of an article. ``title`` and ``body`` are cleaned text
        (:func:`rasd.arabic.clean_text`); pass ``normalized=(normalize(title),
        normalize(body))`` when the caller has them already, to save normalizing twice.
        ``source_country`` is the publisher's country, used only to resolve aliases
        that need a country; it is not a mention by itself, only through what it
        resolves ("المملكة" in its own press, a bare "وزارة الداخلية" in a domestic
        story). ``scan``, when given, is :meth:`scan` of the normalized title and body."""
        if scan is None:
            scan = self.scan(*(normalized or (normalize(title), normalize(body))))
        article = _Article(self.gazetteer, scan.text, scan.title_end, (title, body))
        return article.extract(scan.matches, source_country)


def _named_in(gazetteer: Gazetteer, stateless: frozenset[str]) -> list[Alias[Ref]]:
    """Country names that end the name of a body that does not count its country by
    itself: "تنظيم داعش في ليبيا" names Libya, "بعثة الأمم المتحدة للدعم في ليبيا"
    too (the longer alias swallows the country's name)."""
    names = {
        a.text: a.value.country
        for a in gazetteer.alias_entries
        if a.value.kind == "country" and a.value.role == "name" and not a.value.ambiguous
    }
    found = []
    for alias in gazetteer.alias_entries:
        ref = alias.value
        if ref.kind != "organization" or (ref.country and ref.id not in stateless):
            continue
        words = alias.text.split()
        for k in range(1, len(words)):
            country = names.get(" ".join(words[k:]))
            if country:
                found.append(Alias(alias.text, Ref("country", country, country, "name")))
                break
    return found


@lru_cache(maxsize=1)
def default_extractor() -> EntityExtractor:
    """The extractor over the bundled gazetteer, built once per process. Its matcher
    carries the bundled topic terms as riders: one pass over an article finds both
    (scanning apart cost a second pass, and each big automaton pushes the other and the
    rest of the indexer's data out of the CPU caches)."""
    return EntityExtractor(load_gazetteer(), riders=default_model().scan_keys())


class _Article:
    """Tallies for one article; lives for one :meth:`EntityExtractor.extract` call."""

    def __init__(
        self, gazetteer: Gazetteer, text: str, title_end: int, originals: tuple[str, str]
    ) -> None:
        self.gaz = gazetteer
        self.text = text
        self.title_end = title_end
        self.body_start = title_end + 3 if title_end else 2  # after "title _ "
        self.originals = originals
        self.counts: dict[tuple[str, str], int] = {}
        self.first_seen: dict[tuple[str, str], int] = {}
        self.country_score: dict[str, int] = {}
        # Countries in the title, and those named there by more than a demonym: the
        # story's setting, for heads that need it. People's countries: the same.
        self.title_countries: set[str] = set()
        self.title_named: set[str] = set()
        self.persons_of: set[str] = set()
        self.person_names: dict[str, str] = {}  # normalized pattern name → display
        self.person_starts: set[int] = set()
        self.person_spans: list[tuple[int, int]] = []  # the names found so far
        # Matches that stand for something: names cannot run through them. Dropped
        # ambiguous matches are not among them ("ليون بانيتا" is still a name).
        self.standing: list[Match[_Plan]] = []
        self.standing_starts: dict[int, Match[_Plan]] = {}
        self.standing_ends: set[int] = set()
        self.source_country: str | None = None

    def extract(self, matches: list[Match[_Plan]], source_country: str | None) -> Entities:
        self.source_country = source_country
        unsure: list[int] = []
        contextual: list[tuple[Match[_Plan], Ref, str | None]] = []
        titles: list[Match[_Plan]] = []
        openers: list[Match[_Plan]] = []
        for i, match in enumerate(matches):
            plan = match.values
            if plan.suspect and self._not_a_name(match):
                continue  # "الركبة اليمنى", "باللغة الإسبانية", "السياسة الخارجية"
            if plan.publisher and source_country in plan.publisher:
                country = (("country", source_country),)
                self._count(country, (source_country,), match.start)
                if match.start < self.title_end:
                    self.title_named.add(source_country)
                    self.title_countries.add(source_country)
            if plan.unsure:
                unsure.append(i)
            if plan.keys:
                self._count(plan.keys, plan.scored, match.start)
                self.standing.append(match)
                if match.start < self.title_end:
                    self._note_title(match)
            if plan.person_country:
                self.persons_of.add(plan.person_country)
            elif plan.deferred or plan.title:
                self.standing.append(match)
            for ref in plan.deferred:
                if not self._resolve_nearby(matches, i, ref):
                    contextual.append((match, ref, self._counterpart_after(matches, i)))
            if plan.title or plan.nisba:
                titles.append(match)
            if plan.opener:
                openers.append(match)
        self._resolve_unsure(matches, unsure)
        # Countries are all counted now: what follows adds organizations and persons,
        # and the countries of the bodies it resolves through the article's country.
        self._resolve_by_main_country(contextual, source_country)
        if titles:
            self._persons_by_title(titles)
        if openers:
            self._persons_by_opener(openers)
        self._person_in_byline()
        if self.person_spans:
            self._persons_joined()
        return self._result(self._ranked_countries())

    # -- counting

    def _count(self, keys: Iterable[tuple[str, str]], scored: Iterable[str], position: int) -> None:
        counts, first_seen, score = self.counts, self.first_seen, self.country_score
        for key in keys:
            counts[key] = counts.get(key, 0) + 1
            if key not in first_seen:
                first_seen[key] = position
        weight = TITLE_WEIGHT if position < self.title_end else 1
        for code in scored:
            score[code] = score.get(code, 0) + weight

    def _count_org(self, org_id: str, position: int, *, with_country: bool = False) -> None:
        """An organization resolved through a country; ``with_country`` when that
        country was not named there (a known person's, the article's): it counts as
        mentioned too ("وزارة الداخلية" in a Saudi story names Saudi Arabia's)."""
        org = self.gaz.organization(org_id)
        country = org.country if with_country and org is not None else None
        if country is None:
            self._count((("organization", org_id),), (), position)
        else:
            self._count((("organization", org_id), ("country", country)), (country,), position)

    def _note_title(self, match: Match[_Plan]) -> None:
        """Record the countries of a title match, except a counterpart's: in "الوزير
        يلتقي نظيره الروسي" the story is the minister's country's."""
        plan = match.values
        if plan.named:
            self.title_named.update(plan.named)
        if self._word_before(match.start) not in _COUNTERPARTS:
            self.title_countries.update(plan.scored)

    # -- ambiguity and context

    def _not_a_name(self, match: Match[_Plan]) -> bool:
        """A demonym that names a language ("باللغة الإسبانية", "الناطقين بالإسبانية"),
        "اليمنى" after a body part or a side ("الركبة اليمنى"), or a one-word head that
        may be an adjective ("السياسة الخارجية", "معسكراتها الخارجية"): it names the
        ministry only at the start of the title or the body, or after a function word,
        a verb or a noun such as "بيان" ("أعلنت الداخلية", "بيان الخارجية"). A head
        that counts only with its country after it is read more freely (below)."""
        plan = match.values
        word = self._word_before(match.start)
        if plan.demonym and (word in _LANGUAGE_CUES or _unclitic(word) in _LANGUAGE_CUES):
            return True
        if plan.adjectival and plan.qualified:
            # "البحرية الإيرانية" is the navy after a verb or in a construct ("سفن
            # البحرية الإيرانية"), an adjective after a definite noun ("الحدود البحرية").
            return word not in _BEFORE_BARE_BODY and _definite(word)
        if plan.adjectival and word not in _BEFORE_BARE_BODY and word != _BARRIER:
            return True
        return plan.side and self._after_side_noun(word)

    def _after_side_noun(self, word: str) -> bool:
        forms = [word[2:]] if word.startswith("لل") else []  # ل + "الركبة"
        for form in (word, word[1:]) if word[:1] in _PROCLITIC_LETTERS else (word,):
            forms.append(form[2:] if form.startswith(_DEFINITE) else form)
        return any(
            form in _SIDE_NOUNS
            or any(
                form.endswith(p) and _side_stem(form[: -len(p)]) in _SIDE_NOUNS
                for p in _POSSESSIVES
            )
            for form in forms
        )

    def _resolve_unsure(self, matches: list[Match[_Plan]], indices: list[int]) -> None:
        """Count an ambiguous alias for the candidates it is licensed for: a place by a
        context cue right before it ("مدينة الخبر"), any candidate but a strict one by
        its country being named unambiguously elsewhere in the article, and an
        ambiguous country name by an unambiguous one right before or after it, in a list
        ("السنغال ومالي والنيجر", "الكويت وعمان"). Candidates of several countries
        narrow to those whose country is named; if that leaves none or several
        countries, nothing counts."""
        evidence = set(self.country_score)
        for i in indices:
            match = matches[i]
            unsure = match.values.unsure
            before = self._cue_before(match) if any(r.kind == "place" for r in unsure) else ()
            listed = any(r.kind == "country" and r.role == "name" for r in unsure) and (
                self._listed_with_country(matches, i)
            )
            licensed = [
                r
                for r in unsure
                if (r.kind == "place" and not self.gaz.context_cues(r.id).isdisjoint(before))
                or (not r.strict and r.country in evidence)
                or (listed and r.kind == "country" and r.role == "name")
            ]
            if len({r.country for r in licensed}) > 1:
                licensed = [r for r in licensed if r.country in evidence]
            if licensed and len({r.country for r in licensed}) == 1:
                if not match.values.keys:
                    self.standing.append(match)
                self._count(*_tally(licensed), match.start)

    def _listed_with_country(self, matches: list[Match[_Plan]], i: int) -> bool:
        match = matches[i]
        if i and matches[i - 1].values.country and matches[i - 1].end + 1 == match.start:
            return True
        following = matches[i + 1] if i + 1 < len(matches) else None
        return bool(following and following.values.country and match.end + 1 == following.start)

    def _cue_before(self, match: Match[_Plan]) -> tuple[str, ...]:
        """The word before a match, as is and without a proclitic ("وبمدينة")."""
        if match.start == 0:
            return ()
        word = self._word_before(match.start)
        return (word, *(word[len(p) :] for p in _CUE_PROCLITICS if word.startswith(p)))

    def _word_before(self, pos: int) -> str:
        return self.text[self.text.rfind(" ", 0, pos - 1) + 1 : pos - 1] if pos > 1 else ""

    def _resolve_nearby(self, matches: list[Match[_Plan]], i: int, ref: Ref) -> bool:
        """Resolve a contextual alias or head by what stands next to it: a country
        right after it ("وزارة الداخلية الفرنسية", "الأمن الوطني في الجزائر", "وزير
        الخارجية بدولة قطر") or a few qualifiers later ("الجيش الوطني الموالي للحكومة
        اليمنية"), a place attached to it ("حرس الحدود بعسير", "النيابة في فيينا"), or a
        known person named with it ("وزير الخارجية عادل الجبير", "محمد بن سلمان وزير
        الدفاع"). True when that decided, even if it decided to drop (a contextual alias
        of another country)."""
        match = matches[i]
        text = self.text
        if ref.role == "qualified_head":  # "القوات الإماراتية", "شرطة جدة": what follows
            following = matches[i + 1] if i + 1 < len(matches) else None
            if following and following.values.country and following.start == match.end + 1:
                return self._resolve_to(ref, following.values.country, match.start)
            # A place only after an indefinite head, whose next noun is its genitive
            # ("شرطة جدة"); after "القوة" a word is an adjective ("القوة الجديدة").
            if following and not _definite(text[match.start : match.end]):
                place = self._place_country(following.values)
                if place and text[match.end : following.start] in _UNIT_GAPS:
                    return self._resolve_placed(ref, place, match.start)
            return True  # any forces, a police car: nothing to count
        for following in matches[i + 1 : i + 1 + _MAX_GAP_WORDS]:
            gap = text[match.end : following.start]
            plan = following.values
            if plan.country and (gap in _NEIGHBOUR_GAPS or _qualifiers(gap)):
                return self._resolve_to(ref, plan.country, match.start)
            if plan.place_country and gap in _PLACE_GAPS:
                return self._resolve_placed(ref, plan.place_country, match.start)
            if plan.person_country and (gap == " " or _qualifiers(gap)):
                if self._multinational(ref):
                    break  # its spokesman's nationality ("قوات التحالف تركي المالكي") says nothing
                return self._resolve_to(ref, plan.person_country, match.start, True)
            if plan.keys or plan.deferred or len(gap.split()) > _MAX_GAP_WORDS:
                break
        if match.values.title:
            country = self._titled_person_before(matches, i)
            if country is not None:
                return self._resolve_to(ref, country, match.start, True)
        return False

    def _titled_person_before(self, matches: list[Match[_Plan]], i: int) -> str | None:
        """The country of a known person whose titles end in this one: "الأمير محمد بن
        سلمان وزير الدفاع", "… محمد بن سلمان بن عبدالعزيز ولي ولي العهد النائب الثاني
        لرئيس مجلس الوزراء وزير الدفاع"."""
        end = matches[i].start - 1
        for previous in reversed(matches[max(0, i - 4) : i]):
            gap = self.text[previous.end : end + 1].split()
            if len(gap) > _MAX_CHAIN_WORDS or not _CHAIN_BREAKERS.isdisjoint(gap):
                return None
            if previous.values.person_country:
                return previous.values.person_country
            if not previous.values.title:
                return None
            end = previous.start - 1
        return None

    def _resolve_placed(self, ref: Ref, country: str, position: int) -> bool:
        """A head placed by a city: that city's country's body, unless the head names no
        national body there ("شرطة لوس أنجلوس" is a city's police)."""
        if ref.kind == "org_pattern" and country in self.gaz.patterns[ref.id].bare_not_in:
            return True
        return self._resolve_to(ref, country, position)

    def _place_country(self, plan: _Plan) -> str | None:
        """The country of the place a match names; of an ambiguous one ("جدة" is also a
        grandmother, "السليمانية" a Riyadh district) only when it is the publisher's."""
        if plan.place_country:
            return plan.place_country
        countries = {r.country for r in plan.unsure if r.kind == "place"}
        return self.source_country if self.source_country in countries else None

    def _resolve_to(self, ref: Ref, country: str, position: int, new: bool = False) -> bool:
        org_id = self._org_for(ref, country)
        if org_id is not None:
            self._count_org(org_id, position, with_country=new)
        return True

    def _multinational(self, ref: Ref) -> bool:
        """A contextual alias whose bodies all belong to no one country ("قوات التحالف":
        the Saudi-led coalition in Yemen, the US-led one in Syria and Iraq)."""
        if ref.kind != "contextual":
            return False
        orgs = map(self.gaz.organization, self.gaz.contextual[int(ref.id)].by_country.values())
        return all(org is not None and not org.country for org in orgs)

    def _org_for(self, ref: Ref, country: str) -> str | None:
        if ref.kind == "org_pattern":
            return self.gaz.patterns[ref.id].org_id(country)
        return self.gaz.contextual[int(ref.id)].by_country.get(country)

    def _main_country(self, source_country: str | None) -> str | None:
        """The country a bare head ("وزارة الداخلية", "النيابة العامة") belongs to, if
        any is safe: the publisher's when its title names it, or when the title names
        no other country and the publisher's country is named or no other dominates;
        else the most salient country when it scores :data:`_DOMINANCE` times the
        next one."""
        score, counts = self.country_score, self.counts
        ranked = sorted(score, key=lambda c: (-score[c], self.first_seen[("country", c)]))
        top = ranked[0] if ranked else None
        if top is not None and len(ranked) > 1:
            first, second = counts["country", top], counts["country", ranked[1]]
            if first < _DOMINANCE * second:
                top = None  # nothing dominates
        source = source_country
        if top is not None and self.title_countries and top not in self.title_countries:
            top = None  # the title names the story's countries: the body's leader is not one
        if source is None:
            return top
        if source in self.title_named and self.title_named <= {source}:
            return source  # "… بالرياض"
        if source in self.title_countries and ranked[0] == source:
            return source  # "الشهيد الإماراتي … الشهيد السعودي": the Saudi one leads
        domestic = self.title_countries <= {source}  # no foreign country in the title
        if domestic and (source in score or source in self.persons_of or not score):
            return source
        return top

    def _counterpart_after(self, matches: list[Match[_Plan]], i: int) -> str | None:
        """The country of a counterpart named soon after a head: "وزير الخارجية يؤكد في
        مؤتمر صحفي مع نظيره الألماني" names a German minister, so this one is not."""
        end = matches[i].end
        for following in matches[i + 1 : i + 1 + _COUNTERPART_REACH]:
            between = self.text[end : following.start]
            if len(between) > _COUNTERPART_CHARS or "." in between:
                return None  # too far, or another sentence: someone else's counterpart
            if following.values.country is None:
                continue
            cue = self._word_before(following.start)
            if cue in _COUNTERPARTS or _unclitic(cue) in _COUNTERPARTS:
                return following.values.country
        return None

    def _other_party(self, counterpart: str, source_country: str | None) -> str | None:
        """Whose a head is when its counterpart is ``counterpart``: the one other
        country the title names ("علم كوبا يرفرف في واشنطن"), else the publisher's when
        the title names no other or names it too ("وزير الخارجية يؤكد … مع نظيره
        الألماني حرص المملكة")."""
        others = self.title_countries - {counterpart}
        if len(others) == 1:
            return next(iter(others))
        if source_country != counterpart and (not others or source_country in others):
            return source_country
        return None

    def _resolve_by_main_country(
        self,
        unresolved: list[tuple[Match[_Plan], Ref, str | None]],
        source_country: str | None,
    ) -> None:
        """Bare heads take the article's main country (:meth:`_main_country`) and make
        it a mentioned country. A contextual alias, which names a body in a few
        countries only, takes the main country if it is one of them, else the one of
        them the article names. A head whose counterpart is named ("… بنظيره
        الألماني") is the other party's (:meth:`_other_party`) when the main country is
        none or the counterpart's."""
        if not unresolved:
            return
        main = self._main_country(source_country)
        for match, ref, counterpart in unresolved:
            country = main
            if counterpart is not None and main in (None, counterpart):
                country = self._other_party(counterpart, source_country)
            org_id = self._org_for(ref, country) if country else None
            if ref.kind == "org_pattern":
                pattern = self.gaz.patterns[ref.id]
                if pattern.qualified_only or country in pattern.bare_not_in:
                    continue  # "المحكمة": any court; "الشرطة" in an American story: local
            if org_id is None and ref.kind == "contextual":
                candidates = self.gaz.contextual[int(ref.id)].by_country
                named = [c for c in candidates if c in self.country_score]
                if len(named) > 1:  # the one whose places the story names, if one
                    named = [c for c in named if c in self._placed_in()] or named
                org_id = self._org_for(ref, named[0]) if len(named) == 1 else None
            if org_id is not None:
                self._count_org(org_id, match.start, with_country=True)

    def _placed_in(self) -> set[str]:
        """The countries of the places (cities) the article names."""
        countries = set()
        for kind, place_id in self.counts:
            place = self.gaz.place(place_id) if kind == "place" else None
            if place is not None and place.country:
                countries.add(place.country)
        return countries

    def _ranked_countries(self) -> list[str]:
        return sorted(
            self.country_score,
            key=lambda c: (-self.country_score[c], self.first_seen[("country", c)]),
        )

    # -- persons by title

    def _persons_by_title(self, titles: list[Match[_Plan]]) -> None:
        text = self.text
        for title in titles:
            # A demonym ("الكولومبي جاكسون مارتينيز") or "برئاسة", "بقيادة".
            if not title.values.title or text[title.start : title.end] in _LOOSE_TITLES:
                self._person_after_loose_cue(title)
                continue
            # Most titles sit between function words ("قال الرئيس في"): look no further.
            after = self._word_at(title.end + 1) not in _STOP_WORDS
            before = title.values.appositive and title.start > 0
            if before:
                word = text[text.rfind(" ", 0, title.start - 1) + 1 : title.start - 1]
                before = word not in _NOT_NAME_WORDS
            if after or before:
                self._index_standing()
            if after:
                self._person_after(title)
            if before:
                self._person_before(title)

    def _person_after_loose_cue(self, cue: Match[_Plan]) -> None:
        """A demonym before a name stands for the person ("بالفرنسي أنطوان جريزمان",
        "السعودي الستيني نايف بن غازي الحربي"), and "برئاسة" introduces one: read like a
        title, but only a name that opens with a known given name, since almost anything
        can come after them."""
        self._index_standing()
        self._person_after(cue, given_name_first=True)

    def _persons_by_opener(self, openers: list[Match[_Plan]]) -> None:
        """Foreign names with no title before them, read from their given name."""
        self._index_standing()
        for opener in openers:
            assert opener.values.opener is not None
            start = opener.end - len(opener.values.opener)  # past a proclitic: "وجوناثان"
            if any(begin <= start < end for begin, end in self.person_spans):
                continue  # inside a name read already ("خوان مانويل سانتوس")
            self._read_name(start, given_name_first=True, bare_foreign=True)

    def _person_in_byline(self) -> None:
        """The reporter's name opening the body, before a dash and the source, a place
        or "متابعات" ("محمد الزهراني- سبق- الباحة:", "أميرة المولد – متابعات |"), also
        after a first line of site chrome with no Arabic ("Next Previous")."""
        body = self.originals[1]
        found = _BYLINE.match(body)
        first_line_end = body.find("\n")
        chrome_first = first_line_end > 0 and not ARABIC_LETTER_RE.search(body, 0, first_line_end)
        if found is None and chrome_first:
            found = _BYLINE.match(body, first_line_end + 1)
        if found is None:
            return
        words = normalize(found.group("name")).split()
        key = " ".join(words)
        pos = self.text.find(key, self.body_start, self.body_start + found.start("name") + 40)
        if words[0] in _NAME_OPENERS and pos >= 0 and pos not in self.standing_starts:
            self._add_person(pos, words)

    def _persons_joined(self) -> None:
        """A name joined by "و" to one found, when it opens with a given name: the other
        of a pair ("اللاعب يحيى الشهري وأحمد عكاش")."""
        self._index_standing()
        i = 0
        while i < len(self.person_spans):  # grows as joined names are found: a chain
            pos = self.person_spans[i][1] + 1
            word = self._word_at(pos)
            if word[:1] == "و" and word[1:] in _PAIR_OPENERS:
                self._read_name(pos + 1, given_name_first=True)
            i += 1

    def _index_standing(self) -> None:
        """Where the standing matches start and end, for names to stop at (once)."""
        if not self.standing_starts:
            self.standing_starts = {m.start: m for m in self.standing}
            self.standing_ends = {m.end for m in self.standing}

    def _person_after(self, title: Match[_Plan], *, given_name_first: bool = False) -> None:
        """A name after a title ("الرئيس الأمريكي باراك أوباما"), complements skipped."""
        if not given_name_first and self._names_institution(title):
            return
        self._read_name(title.end + 1, given_name_first=given_name_first)

    def _read_name(
        self, pos: int, *, given_name_first: bool = False, bare_foreign: bool = False
    ) -> None:
        """The name at ``pos`` (after a title or cue: complements skipped), if one is
        there; ``bare_foreign`` for a foreign name with no title before it."""
        starts = self.standing_starts
        words = self.text[pos : pos + _WINDOW].split(" ")
        if pos + _WINDOW < len(self.text):
            words.pop()  # cut by the window
        i = 0
        while i < len(words) and i < _MAX_SKIPPED:  # complements: "الأمريكي", "ركن"
            match = starts.get(pos)
            if match is not None:
                if match.values.person:
                    return  # a known person, counted already
                skipped = self.text[pos : match.end].count(" ") + 1
                pos, i = match.end + 1, i + skipped
                continue
            word = words[i]
            if not (word.startswith(_DEFINITE) or word in _TITLE_COMPLEMENTS):
                break
            pos, i = pos + len(word) + 1, i + 1
        if given_name_first and (i >= len(words) or words[i] not in _NAME_OPENERS):
            return
        name: list[str] = []
        start = pos
        candidates = words[i : i + _MAX_NAME_WORDS]
        for k, word in enumerate(candidates):
            if pos in starts or not _can_be_name_word(word):
                break
            if name and _is_conjoined(name[-1], word):
                break
            if word in _FOLDED_CONJUNCTIONS and "أ" in self._as_written(word, pos):
                break  # "فيصل بن خالد بأن": normalizing made "بأن" look like "بان" (Ban)
            following = candidates[k + 1] if k + 1 < len(candidates) else None
            if word == _ALA and self._is_preposition(pos, following):
                break
            name.append(word)
            pos += len(word) + 1
            if _is_surname(name):
                break
        if len(name) > 1:
            self._add_person(start, _trim_name(name), after_title=True, bare_foreign=bare_foreign)

    def _as_written(self, word: str, pos: int) -> str:
        """The original spelling of the normalized ``word`` at ``pos`` ("" if unsure)."""
        found = self._original_window(word, pos)
        start = _locate(word, found)
        return "" if start is None else found[0][start : start + len(word)]

    def _is_preposition(self, pos: int, following: str | None) -> bool:
        """Whether "علي" at ``pos`` is the preposition على rather than the name Ali."""
        return following not in _CONNECTORS and self._as_written(_ALA, pos).endswith("ى")

    def _person_before(self, title: Match[_Plan]) -> None:
        """A name right before a title ("بوشعيب ارميل المدير العام"). It must start
        with a known given name and follow a word that cannot be part of it."""
        window_start = max(0, title.start - 1 - _WINDOW)
        words = self.text[window_start : title.start - 1].split(" ")
        end, name = title.start - 1, []  # name right to left
        for word in reversed(words[1:] if window_start else words):
            if end in self.standing_ends or not _can_be_name_word(word):
                break
            following = name[-1] if name else None
            if word == _ALA and self._is_preposition(end - len(word), following):
                break
            if len(name) == _MAX_NAME_WORDS:
                return  # no boundary in reach: where the name starts is unsure
            name.append(word)
            end -= len(word) + 1
        else:
            if window_start:
                return  # the window ended first: the same
        if len(name) > 1 and name[-1] in _NAME_OPENERS:
            name.reverse()
            self._add_person(end + 1, name)

    def _names_institution(self, title: Match[_Plan]) -> bool:
        if title.start == 0:
            return False
        before = self.text.rfind(" ", 0, title.start - 1) + 1
        word = self.text[before : title.start - 1]
        return word in _INSTITUTIONS or (
            word[:1] in _PROCLITIC_LETTERS and word[1:] in _INSTITUTIONS
        )

    def _add_person(
        self, pos: int, words: list[str], *, after_title: bool = False, bare_foreign: bool = False
    ) -> None:
        # A name between two titles is read from both ("ولي العهد الأمير محمد بن
        # نايف"; "الوزير عادل الجبير وزير الخارجية"): one mention all the same.
        if pos in self.person_starts or not _valid_opening(words[0]):
            return  # a name cannot start so: dropped before the costly checks below
        window = None
        if after_title:
            # Normalizing erased the punctuation: in the original, a title and the name
            # after it are never split by one ("وزير الثقافة المصري: نسعى لتحويل…",
            # "أمير منطقة الرياض، منسوبي الإمارة"), and a name ends at one ("الأمير
            # على بن الحسين، عدم مساندته").
            window = self._original_window(" ".join(words), pos)
            words = words[: _unpunctuated_words(window, words)]
        if not _valid_name(words):
            return
        key = " ".join(words)
        if key not in self.person_names:  # checked once per name and article
            window = window or self._original_window(key, pos)
            if _has_tanween(window, words):
                return  # "اتصالاً هاتفياً", "عميداً": indefinite accusatives, not a name
            written = self._original_spelling(key, window)
            if bare_foreign and not _bare_family_name(written.split()[1]):
                return
            self.person_names[key] = written
        self.person_starts.add(pos)
        self.person_spans.append((pos, pos + len(key)))
        self._count((("person-pattern", key),), (), pos)

    def _original_window(self, name: str, pos: int) -> tuple[str, int, str]:
        """Where ``name`` at ``pos`` of the normalized text lies in the original: the
        original title or body, the window's offset there, and the window with its
        letters folded as :func:`normalize` folds them.

        Normalizing only drops characters (marks, runs of punctuation) and folds letters
        one for one, so a name at ``pos`` in the normalized title or body is at ``pos``
        or at most "characters dropped" later in the original: only that window is
        folded and searched."""
        in_title = pos < self.title_end
        original = self.originals[0 if in_title else 1]
        offset = pos if in_title else pos - self.body_start
        dropped = len(original) - (self.title_end if in_title else len(self.text) - self.body_start)
        high = offset + max(dropped, 0) + len(name) + _SPELLING_SLACK
        return original, offset, _fold_letters(original[offset:high])

    @staticmethod
    def _original_spelling(name: str, found: tuple[str, int, str]) -> str:
        """``name`` as the article writes it ("باراك أوباما" for "باراك اوباما"); the
        normalized name when it is written with marks or odd spacing."""
        start = _locate(name, found)
        return name if start is None else found[0][start : start + len(name)]

    def _word_at(self, pos: int) -> str:
        end = self.text.find(" ", pos)
        return self.text[pos:] if end < 0 else self.text[pos:end]

    # -- result

    def _result(self, countries: list[str]) -> Entities:
        counts, first_seen = self.counts, self.first_seen
        ranked: dict[str, list[str]] = {"organization": [], "place": []}
        persons: dict[str, int] = {}  # display name → mentions, most mentioned first
        result_counts: dict[tuple[str, str], int] = {}
        for key in sorted(counts, key=lambda k: (-counts[k], first_seen[k])):
            kind, ident = key
            if kind in ranked:
                ranked[kind].append(ident)
            if kind.startswith("person"):
                name = self._display_name(kind, ident)
                persons[name] = persons.get(name, 0) + counts[key]
            else:
                result_counts[key] = counts[key]
        result_counts.update((("person", name), n) for name, n in persons.items())
        return Entities(
            countries=tuple(countries),
            organizations=tuple(ranked["organization"]),
            persons=tuple(persons),
            places=tuple(ranked["place"]),
            counts=result_counts,
        )

    def _display_name(self, kind: str, ident: str) -> str:
        if kind == "person-pattern":
            return self.person_names[ident]
        person = self.gaz.person(ident)
        return person.name_ar if person else ident


def _occurrences(name: str, found: tuple[str, int, str]) -> Iterator[int]:
    """Where ``name`` stands as whole words in the window of
    :meth:`_Article._original_window` (offsets into the window)."""
    original, offset, window = found
    at = window.find(name)
    while at >= 0:
        start = offset + at
        if _starts_word(original, start) and _word_boundary(original, start + len(name)):
            yield at
        at = window.find(name, at + 1)


def _starts_word(text: str, index: int) -> bool:
    """A word starts at ``index``, or only a proclitic is glued before it: "وأحمد
    عكاش" after a name, "لسيباستيان" (the names read without a title)."""
    return _word_boundary(text, index - 1) or (
        index >= 1 and text[index - 1] in _PROCLITIC_LETTERS and _word_boundary(text, index - 2)
    )


def _locate(name: str, found: tuple[str, int, str]) -> int | None:
    """Where ``name`` starts in the original; ``None`` when it is written with marks or
    odd spacing there."""
    return next((found[1] + at for at in _occurrences(name, found)), None)


# Punctuation that parts a title from what follows: a quote opens, a clause ends. Inside
# a name a full stop parts it too; before one it does not ("د. محمد").
_BREAKS = frozenset(':،,؛;«»"“”()[]')
_BREAKS_INSIDE = _BREAKS | {".", "!", "؟", "?"}


def _unpunctuated_words(found: tuple[str, int, str], words: list[str]) -> int:
    """How many of the name's words the original gives without punctuation: 0 when a
    mark stands right before the name ("وزير الثقافة: نسعى"), else the words up to the
    first mark between two of them ("اربطوا أحزمتكم.. حانت" → 2); normalizing erased
    it. All of them when the name cannot be found as written."""
    original, offset, window = found
    for at in _occurrences(words[0], found):
        gaps = _gaps(window, words, at)
        if gaps is not None:  # this is the name: its words with no letter between
            before = original[: offset + at].rstrip()
            if before and before[-1] in _BREAKS:
                return 0
            marked = [i for i, gap in enumerate(gaps) if not _BREAKS_INSIDE.isdisjoint(gap)]
            return marked[0] + 1 if marked else len(words)
    return len(words)


def _gaps(window: str, words: list[str], at: int) -> list[str] | None:
    """What stands between the words of a name that starts at ``at``, or ``None`` when
    they do not follow one another there with only non-letters between."""
    gaps = []
    at += len(words[0])
    for word in words[1:]:
        nxt = at
        while nxt < len(window) and not window[nxt].isalpha():
            nxt += 1
        if not window.startswith(word, nxt):
            return None
        gaps.append(window[at:nxt])
        at = nxt + len(word)
    return gaps


def _qualifiers(gap: str) -> bool:
    """A gap of one to :data:`_MAX_GAP_WORDS` words that qualify what precedes them,
    each with the article ("الموالي للحكومة", "الأستاذ"), before a country or person."""
    words = gap.split()
    return 0 < len(words) <= _MAX_GAP_WORDS and all(
        w.startswith(_QUALIFIER_STARTS) and w not in _NOT_QUALIFIERS for w in words
    )


_QUALIFIER_STARTS = ("ال", "لل", "بال")
# "اليوم", "الجاري" … end the qualifiers; honorifics do not ("وزير الخارجية الأستاذ").
_NOT_QUALIFIERS = _STOP_WORDS - _words("الأستاذ المهندس")


def _unclitic(word: str) -> str:
    """A word without its proclitic: "للناطقين" → "الناطقين", "وباللغة" → "باللغة"."""
    if word.startswith("لل"):
        return word[1:].replace("ل", "ال", 1)
    return word[1:] if word[:1] in _PROCLITIC_LETTERS else word


def _definite(word: str) -> bool:
    """A word with the article, whatever clitics come first: "الحدود", "وبالحدود",
    "للحدود"."""
    if word[:1] in "وف":
        word = word[1:]
    if word.startswith("لل"):
        return True
    if word[:1] in "بكل":
        word = word[1:]
    return word.startswith(_DEFINITE)


def _side_stem(word: str) -> str:
    """ "ركبت" (from "ركبته") → "ركبه": a feminine noun keeps its ت before a suffix."""
    return word[:-1] + "ه" if word.endswith("ت") else word


def _can_be_name_word(word: str) -> bool:
    return (
        word not in _NOT_NAME_WORDS
        and len(word) >= 2
        and is_arabic_word(word)
        and word.isalpha()
        and not word.startswith(_CLITIC_DEFINITE)
        and not (word[0] == "ي" and word not in _YA_NAMES)
        and not (_looks_like_plural_verb(word) and word not in GIVEN_NAMES)
    )


_PLURAL_VERB_ENDING = "وا"


def _looks_like_plural_verb(word: str) -> bool:
    """ "اربطوا", "قالوا", "أكدوا"; not "فرانسوا", which the given names list."""
    return len(word) > 3 and word.endswith(_PLURAL_VERB_ENDING)


def _is_conjoined(previous: str, word: str) -> bool:
    """A "و" on a word after a name part is "and": "فيصل شاهد وشهيد"."""
    return word[0] == "و" and previous not in _CONNECTORS


def _is_surname(words: list[str]) -> bool:
    """The last word carries the article after a plain name part ("عادل الجبير"):
    a family name, which closes the name."""
    return (
        len(words) > 1
        and words[-1].startswith(_DEFINITE)
        and words[-1] not in _CONNECTORS
        and words[-2] not in _CONNECTORS
    )


def _trim_name(words: list[str]) -> list[str]:
    """At most three parts, never ending in a connector, nor in a third part that
    reads as a word run on after the name: a common noun ("ديفيد بترايوس رسالة", "فيصل
    بن خالد فعاليات"), or anything after a foreign given name and a family name
    ("جوزيه مورينيو مدرب", "فرانك ريبيري الغائب"). A foreign name has a third part
    only after a middle name or a particle ("خوان مانويل سانتوس", "ستيفان دي ميستورا",
    "بان كي مون")."""
    parts, kept = 0, []
    for word in words:
        if word not in _CONNECTORS:
            parts += 1
            if parts > _MAX_NAME_PARTS:
                break
        kept.append(word)
    while kept and kept[-1] in _CONNECTORS:
        kept.pop()
    run_on = parts >= _MAX_NAME_PARTS and len(kept) > 2 and kept[-2] not in _CONNECTORS
    if run_on and (_common_noun_ending(kept[-1]) or _foreign_run_on(kept)):
        kept.pop()
    return kept


_PARTICLE_LETTERS = 3  # "دي", "فون", "لو", "كي", "جي", "بي": short middle parts
# Longer middle parts of foreign names: initials spelled out ("جورج دبليو بوش"), and the
# middle syllable of Korean names ("كيم جونغ اون").
_MIDDLE_PARTS = _words("دبليو إتش جونغ جونج")


def _foreign_run_on(words: list[str]) -> bool:
    """Whether the third of a foreign given name's three parts is a word run on after
    it: the second is then a family name, neither a middle name nor a particle."""
    if words[0] not in _FOREIGN_GIVEN_NAMES:
        return False
    middle = words[1]
    return words[-1].startswith(_DEFINITE) or not (
        middle in GIVEN_NAMES or middle in _MIDDLE_PARTS or len(middle) <= _PARTICLE_LETTERS
    )


def _common_noun_ending(word: str) -> bool:
    """A word ending as few names do: in ة (normalized ه) or a pronoun ("رسالة",
    "قوله"), or a plural ات ("فعاليات"); "عبدالله" and the known names aside."""
    if word.startswith(_DEFINITE):
        return False
    if word.endswith(HA):
        return word not in _HA_NAMES and not word.endswith(_GOD)
    return len(word) >= 6 and word.endswith("ات")


def _valid_name(words: list[str]) -> bool:
    """Two or three parts, not ending in a connector; opening with a name: not a word
    with the article, not a connector but "عبد"/"أبو", and not a word that could be
    proclitic + noun ("لرئيس", "بمناسبة") unless it is a known given name; the article
    elsewhere only on the last word or right after a connector ("عبد الله")."""
    parts = sum(1 for w in words if w not in _CONNECTORS)
    if not 2 <= parts <= _MAX_NAME_PARTS or words[-1] in _CONNECTORS:
        return False
    if not _valid_opening(words[0]):
        return False
    if sum(1 for w in words if w.endswith(ALEF) and w not in _CONNECTORS) > 1:
        return False  # "اتصالا هاتفيا", "حماسا كبيرا": accusatives
    if words[-1] == _GOD and words[-2] not in _CONNECTORS:
        return False  # "رعاه الله", "طيب الله"
    if any(w.endswith("ات") and len(w) >= (8 if w.startswith(_DEFINITE) else 6) for w in words[1:]):
        return False  # "فيصل بن خالد فعاليات": a plural noun ran on after the name
    return all(
        not word.startswith(_DEFINITE) or word in _CONNECTORS or previous in _CONNECTORS
        for previous, word in pairwise(words[:-1])
    )


def _bare_family_name(written: str) -> bool:
    """Whether ``written`` (as the article spells it) can be the family name after a
    foreign given name with no title before it: not a word ending in ة, which their
    Arabic spelling never does ("هيلاري نسبة", "ديفيد بولاية"; "نيتشه" ends in ه). The
    article is no sign: "ألونسو", "الثاني" (a king's number)."""
    return not written.endswith(TAA_MARBUTA)


def _valid_opening(first: str) -> bool:
    """Whether a name can start with ``first`` (see :func:`_valid_name`)."""
    if first.startswith(_DEFINITE) or first in _CLOSED_CONNECTORS:
        return False
    if first.startswith(_PROCLITIC_LETTERS) and first not in _NAME_OPENERS:
        return False
    # "مؤسسة النقد", "قناعته التامة", "رعاه الله": a noun, not a name
    return not first.endswith(HA) or first in _HA_NAMES or first.endswith(_GOD)


# Given names ending in ة (normalized ه) or a pronoun-like ه: a first word ending so is
# otherwise a noun ("مؤسسة", "مكافحة", "قناعته", "رعاه"), unless it ends in "الله"
# ("عبدالله", "عطالله").
_HA_NAMES = _words(
    """
    حمزة أسامة خليفة طلحة عبيدة معاوية حذيفة عروة قتيبة عكرمة ربيعة عطية عقبة شيبة
    سلامة عبادة مسلمة جبلة ثعلبة قتادة نوفة عبده طه سيبويه فاطمة عائشة خديجة أمينة
    زينة سمية رقية حليمة نادية سامية هبة آمنة منيرة لطيفة شريفة نبيلة جميلة سعيدة
    مريم رانية عفاف غادة ماجدة نجلاء بثينة تهاني أميمة هيفاء جوزيه خوسيه أندريه رينيه
    """
)
_GOD = normalize("الله")


def _has_tanween(found: tuple[str, int, str], words: list[str]) -> bool:
    """Whether the original writes a word of the name with tanween fath ("اتصالاً",
    "هاتفياً", "عميداً"), which no name carries."""
    window = found[2]
    if _FATHATAN not in window:
        return False
    return any(
        w.endswith(ALEF) and (w[:-1] + _FATHATAN + ALEF in window or w + _FATHATAN in window)
        for w in words
    )


_FATHATAN = "\u064b"


def _fold_letters(text: str) -> str:
    for old, new in _LETTER_FOLDS:
        text = text.replace(old, new)
    return text


def _word_boundary(text: str, index: int) -> bool:
    return index < 0 or index >= len(text) or not text[index].isalnum()
