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
  aliases resolved by a country right after them ("وزارة الداخلية الفرنسية",
  "وزارة الداخلية في فرنسا" → ``fr-interior``; "الأمن الوطني الجزائري" → ``dz-dgsn``).
  Without such a neighbour, a contextual alias ("المدير العام للأمن الوطني") takes
  the article's main country: ``source_country``, else the most salient country, if
  that country has such a body. A bare head ("وزارة الداخلية") takes a country only
  when nothing competes with it: ``source_country`` when no country is named or it is
  the most salient one, else the one country named. Anything else is dropped rather
  than guessed.
* **Persons** come from the gazetteer (shown by its ``name_ar``) and from titles:
  "الرئيس الأمريكي باراك أوباما" (a title, skipped complements, a name) and
  "بوشعيب ارميل المدير العام" (a name that starts with a known given name, then a
  title). A name has two or three parts ("بن نايف", "عبد الله" are one part each); it
  stops at function words, verbs, numbers, titles and other entities; only its last
  part may carry the article; and it is shown in the article's own spelling.
* **Places** are gazetteer cities and regions.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import pairwise

from rasd.arabic import ALEF, ALEF_FORMS, ALEF_MAQSURA, HA, TAA_MARBUTA, YA, normalize
from rasd.gazetteer import ENTITY_KINDS, Gazetteer, Ref, load_gazetteer
from rasd.matcher import Alias, Match, Matcher, is_arabic_word

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
    """
)

# Titles that go before a name, never after it in apposition ("محمد بن نايف ولي
# العهد" yes, "محمد بن نايف الأمير" no): no name is looked for before them.
_HONORIFICS = _phrases(
    """
    الرئيس|الرئيسة|الملك|الملكة|العاهل|الأمير|الأميرة|الشيخ|الشيخة|الدكتور|الدكتورة
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
_STOP_WORDS = _words(
    """
    في من إلى على عن مع أن إن أنه أنها لن لم لا ما هذا هذه ذلك تلك هو هي هم هما نحن أنا
    الذي التي الذين كل بعض غير بين حيث حين عند عندما بعد قبل خلال منذ حتى إذا أو أم ثم
    بل لكن كما لدى لقد قد كان كانت يكون تكون ليس أيضا جدا إلا أي أمام وراء فوق تحت ضد
    نحو عبر له لها لهم به بها بهم فيه فيها منه منها عليه عليها إليه إليها عنه عنها يوم
    أمس غدا صباح مساء ليلة أثناء الأسبوع الشهر العام السنة سابقا سابق دولة تعالى
    حفظه حفظها حفظهما حفظهم رحمه رحمها يرحمه يحفظه أيده معاليه سموه فخامته جلالته
    سعادته خير حيال صندوق
    قال قالت أكد أكدت أعلن أعلنت أشار أشارت أوضح أوضحت صرح صرحت كشف كشفت دعا دعت بحث
    بحثت استقبل استقبلت التقى التقت زار زارت وصل وصلت غادر غادرت شارك شاركت ترأس
    افتتح وقع طالب طالبت نفى نفت أضاف أضافت لفت شدد شددت ذكر ذكرت اعتبر رأى تلقى بعث
    هنأ عزى أجرى أجرت تسلم منح أمر أصدر وجه عين أعفى قام قامت تم تمت جاء جاءت أبدى
    أعرب أعربت أثنى ثمن حضر حضرت ألقى رعى دشن أطلق استعرض ناقش تناول أبلغ خاطب نقل
    سمو معالي فخامة صاحب جلالة حرم نجل ابنة شقيق مصدر مصادر مسؤول مسؤولو عدد جميع
    اليوم وزير وزيرة مدير رئيس أمير نائب عضو أعضاء المملكة إدارة حرس كرة مجلس هيئة
    منظمة مركز جامعة شركة وزارة قيادة قوات جهاز لجنة اتحاد نادي بنك برنامج مشروع
    مجموعة فريق شؤون قطاع قسم إمارة منطقة محافظة رئاسة أمانة مكتب دائرة وحدة فرع
    مديرية أمن شرطة حكومة دول دولة بلاد مناسبة حقوق جيش
    اليوم الوفد الحضور المشاركين الجميع العالم الحكومة المملكة الدولة البلاد المنطقة
    الشعب الاجتماع المؤتمر الزيارة الجلسة الكلمة الماضي المقبل الجاري الحالي السابق
    الأسبق الجديد الاثنين الثلاثاء الأربعاء الخميس الجمعة السبت الأحد
    """
)
# Function words and verbs also come with و/ف: "وقال", "فأكد".
_STOP_WORDS = _STOP_WORDS | {p + w for w in _STOP_WORDS for p in ("و", "ف")}

# Joined to the next word to form one name part: "بن نايف", "عبد الله", "آل سعود".
_CONNECTORS = _words("بن ابن بنت آل أبو أبي أبا عبد أم ولد ذو")
# Connectors that may open a name ("عبد الله …", "أبو بكر …").
_OPENING_CONNECTORS = _words("عبد أبو")

# Given names: a name before a title must start with one (nothing else tells
# "بوشعيب ارميل" from "مصدر مسؤول"), and so must any name whose first word starts
# with a letter that is also a proclitic (و ف ب ل ك: "لرئيس", "بمناسبة" are not names).
GIVEN_NAMES = _words(
    """
    محمد أحمد محمود مصطفى علي عمر عثمان خالد سعد سعود سعيد فهد فيصل سلطان سلمان
    عبدالله عبدالعزيز عبدالرحمن عبدالمجيد عبداللطيف عبدالإله عبدالكريم عبدالحكيم عبدالفتاح
    عبدالقادر عبدالرحيم عبدالحميد عبدالسلام عبدالمالك عبدالوهاب عبدالمحسن عبدالرزاق
    ناصر نايف بندر تركي ماجد مشعل منصور متعب مقرن يوسف إبراهيم إسماعيل حسن حسين حمد
    حمدي طارق ياسر وليد سامي سامح هشام عادل جمال كمال نبيل نبيه رشيد عزيز حميد رضا
    كريم مراد نور إدريس بوشعيب أمين أنس إلياس إسحاق موسى عيسى داود سليمان زكريا هاني
    هادي جاسم جابر راشد سالم سلمى سهيل صالح صلاح ضاحي ظافر عاطف عامر عمرو عماد غازي
    فؤاد فاروق فريد فواز قاسم لطفي مازن مالك مبارك مجدي محسن مختار مرزوق مسعود معاذ
    منير مهدي نادر ناجي نجيب نزار نواف هيثم وائل وجدي وحيد ياسين يحيى يونس باراك جون
    فرانسوا برنار مانويل إيمانويل نيكولا جان دونالد هيلاري فلاديمير سيرغي أنجيلا
    تيريزا ديفيد بان أنطونيو رجب حيدر نوري قابوس تميم صباح زايد خليفة بدر بشار بسام
    باسم بكر بلال براك بنيامين فارس فراس فلاح فالح فيصل كاظم كامل وسام وضاح ليث لؤي
    بوتين فرنسوا بيل باولو بوريس فيكتور فيليب بيتر كيري كاميرون ولي وديع بهاء
    مشاري جلوي عزام أسامة نزار ماهر أنور معمر رمضان حامد راجح عاطي زياد رأفت مساعد
    """
)

_NAME_OPENERS = GIVEN_NAMES | _OPENING_CONNECTORS
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

    @classmethod
    def of(cls, refs: tuple[Ref, ...]) -> _Plan:
        entities = [r for r in refs if r.kind in ENTITY_KINDS and r.kind != "region"]
        keys, scored = _tally(r for r in entities if not r.ambiguous)
        named = {
            r.country
            for r in refs
            if r.kind == "country" and r.role in _COUNTRY_ROLES and not r.ambiguous
        }
        return cls(
            keys=keys,
            scored=scored,
            unsure=tuple(r for r in entities if r.ambiguous),
            deferred=tuple(r for r in refs if r.kind in ("contextual", "org_pattern")),
            title=any(r.kind == "title" for r in refs),
            appositive=any(r.kind == "title" and r.id not in _HONORIFICS for r in refs),
            person=any(r.kind == "person" and not r.ambiguous for r in refs),
            country=named.pop() if len(named) == 1 else None,
        )


def _tally(refs: Iterable[Ref]) -> tuple[tuple[tuple[str, str], ...], tuple[str, ...]]:
    """Count keys for ``refs`` and the countries they raise: a country counts itself,
    an organization or place also its country; a person does not (people travel)."""
    keys: dict[tuple[str, str], None] = {}
    scored: dict[str, None] = {}
    for ref in refs:
        keys[ref.kind, ref.id] = None
        if ref.country and ref.kind != "person":
            keys["country", ref.country] = None
            scored[ref.country] = None
    return tuple(keys), tuple(scored)


class EntityExtractor:
    """Entity extraction over one gazetteer; build once, reuse (thread-safe)."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer
        # Heads and contextual aliases that open with a title ("وزير الخارجية", "المدير
        # العام للأمن الوطني") are titles too, or they would hide the title inside them.
        titled = [
            a.text
            for a in gazetteer.alias_entries
            if a.value.kind in ("org_pattern", "contextual") and a.text.split()[0] in TITLES
        ]
        titles = [Alias(t, Ref("title", t)) for t in sorted({*TITLES, *titled})]
        self.matcher: Matcher[_Plan] = Matcher(
            [*gazetteer.alias_entries, *titles],
            _Plan.of,
            stop_phrases=gazetteer.stop_phrases,
        )

    def extract(
        self,
        title: str,
        body: str,
        *,
        source_country: str | None = None,
        normalized: tuple[str, str] | None = None,
    ) -> Entities:
        """Entities of an article. ``title`` and ``body`` are cleaned text
        (:func:`rasd.arabic.clean_text`); pass ``normalized=(normalize(title),
        normalize(body))`` when the caller has them already, to save normalizing twice.
        ``source_country`` is the publisher's country, used only to resolve aliases
        that need a country; it is not added to the countries."""
        norm_title, norm_body = normalized or (normalize(title), normalize(body))
        text = " ".join(part for part in (norm_title, _BARRIER, norm_body) if part)
        article = _Article(self.gazetteer, text, len(norm_title), (title, body))
        return article.extract(self.matcher.find(text), source_country)


@lru_cache(maxsize=1)
def default_extractor() -> EntityExtractor:
    """The extractor over the bundled gazetteer, built once per process."""
    return EntityExtractor(load_gazetteer())


def extract_entities(
    title: str,
    body: str,
    *,
    source_country: str | None = None,
    normalized: tuple[str, str] | None = None,
) -> Entities:
    """Entities of an article with the bundled gazetteer (see :class:`EntityExtractor`)."""
    return default_extractor().extract(
        title, body, source_country=source_country, normalized=normalized
    )


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
        self.person_names: dict[str, str] = {}  # normalized pattern name → display
        self.person_starts: set[int] = set()
        # Matches that stand for something: names cannot run through them. Dropped
        # ambiguous matches are not among them ("ليون بانيتا" is still a name).
        self.standing: list[Match[_Plan]] = []
        self.standing_starts: dict[int, Match[_Plan]] = {}
        self.standing_ends: set[int] = set()

    def extract(self, matches: list[Match[_Plan]], source_country: str | None) -> Entities:
        unsure: list[Match[_Plan]] = []
        contextual: list[tuple[Match[_Plan], Ref]] = []
        titles: list[Match[_Plan]] = []
        for i, match in enumerate(matches):
            plan = match.values
            if plan.unsure:
                unsure.append(match)
            if plan.keys:
                self._count(plan.keys, plan.scored, match.start)
                self.standing.append(match)
            elif plan.deferred or plan.title:
                self.standing.append(match)
            for ref in plan.deferred:
                neighbour = matches[i + 1] if i + 1 < len(matches) else None
                if not self._resolve_by_neighbour(match, ref, neighbour):
                    contextual.append((match, ref))
            if plan.title:
                titles.append(match)
        self._resolve_unsure(unsure)
        # Countries are all counted now: what follows adds organizations and persons.
        countries = self._ranked_countries()
        self._resolve_by_main_country(contextual, countries, source_country)
        if titles:
            self._persons_by_title(titles)
        return self._result(countries)

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

    def _count_org(self, org_id: str, position: int) -> None:
        """An organization resolved through a country that is counted already."""
        self._count((("organization", org_id),), (), position)

    # -- ambiguity and context

    def _resolve_unsure(self, matches: list[Match[_Plan]]) -> None:
        """Count an ambiguous alias for the candidates it is licensed for: a place by a
        context cue right before it ("مدينة الخبر"), any candidate but a strict one by
        its country being named unambiguously elsewhere in the article. Candidates of
        several countries narrow to those whose country is named; if that leaves none
        or several countries, nothing counts."""
        evidence = set(self.country_score)
        for match in matches:
            unsure = match.values.unsure
            before = self._cue_before(match) if any(r.kind == "place" for r in unsure) else ()
            licensed = [
                r
                for r in unsure
                if (r.kind == "place" and not self.gaz.context_cues(r.id).isdisjoint(before))
                or (not r.strict and r.country in evidence)
            ]
            if len({r.country for r in licensed}) > 1:
                licensed = [r for r in licensed if r.country in evidence]
            if licensed and len({r.country for r in licensed}) == 1:
                if not match.values.keys:
                    self.standing.append(match)
                self._count(*_tally(licensed), match.start)

    def _cue_before(self, match: Match[_Plan]) -> tuple[str, ...]:
        """The word before a match, as is and without a proclitic ("وبمدينة")."""
        if match.start == 0:
            return ()
        word = self.text[self.text.rfind(" ", 0, match.start - 1) + 1 : match.start - 1]
        return (word, *(word[len(p) :] for p in _CUE_PROCLITICS if word.startswith(p)))

    def _resolve_by_neighbour(
        self, match: Match[_Plan], ref: Ref, neighbour: Match[_Plan] | None
    ) -> bool:
        """Resolve a contextual alias or head by a country right after it ("وزارة
        الداخلية الفرنسية", "الأمن الوطني في الجزائر"). True when the neighbour decided,
        even if it decided to drop (a contextual alias of another country)."""
        if neighbour is None or neighbour.values.country is None:
            return False
        if self.text[match.end : neighbour.start] not in (" ", " في "):
            return False
        org_id = self._org_for(ref, neighbour.values.country)
        if org_id is not None:
            self._count_org(org_id, match.start)
        return True

    def _org_for(self, ref: Ref, country: str) -> str | None:
        if ref.kind == "org_pattern":
            return self.gaz.patterns[ref.id].org_id(country)
        return self.gaz.contextual[int(ref.id)].by_country.get(country)

    def _resolve_by_main_country(
        self,
        unresolved: list[tuple[Match[_Plan], Ref]],
        ranked: list[str],
        source_country: str | None,
    ) -> None:
        top = ranked[0] if ranked else None
        contextual_order = [c for c in (source_country, top) if c]
        # Every country has a ministry of the interior: a bare head is only safe
        # when no other country competes for it.
        if top is None or top == source_country:
            head_country = source_country
        else:
            head_country = top if len(ranked) == 1 else None
        for match, ref in unresolved:
            order = contextual_order if ref.kind == "contextual" else [head_country]
            org_id = next(filter(None, (self._org_for(ref, c) for c in order if c)), None)
            if org_id is not None:
                self._count_org(org_id, match.start)

    def _ranked_countries(self) -> list[str]:
        return sorted(
            self.country_score,
            key=lambda c: (-self.country_score[c], self.first_seen[("country", c)]),
        )

    # -- persons by title

    def _persons_by_title(self, titles: list[Match[_Plan]]) -> None:
        text = self.text
        for title in titles:
            # Most titles sit between function words ("قال الرئيس في"): look no further.
            after = self._word_at(title.end + 1) not in _STOP_WORDS
            before = title.values.appositive and title.start > 0
            if before:
                word = text[text.rfind(" ", 0, title.start - 1) + 1 : title.start - 1]
                before = word not in _NOT_NAME_WORDS
            if (after or before) and not self.standing_starts:
                self.standing_starts = {m.start: m for m in self.standing}
                self.standing_ends = {m.end for m in self.standing}
            if after:
                self._person_after(title)
            if before:
                self._person_before(title)

    def _person_after(self, title: Match[_Plan]) -> None:
        """A name after a title ("الرئيس الأمريكي باراك أوباما"), complements skipped."""
        if self._names_institution(title):
            return
        starts = self.standing_starts
        pos = title.end + 1
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
        name: list[str] = []
        start = pos
        for word in words[i : i + _MAX_NAME_WORDS]:
            if pos in starts or not _can_be_name_word(word):
                break
            if name and _is_conjoined(name[-1], word):
                break
            name.append(word)
            pos += len(word) + 1
            if _is_surname(name):
                break
        if len(name) > 1:
            self._add_person(start, _trim_name(name))

    def _person_before(self, title: Match[_Plan]) -> None:
        """A name right before a title ("بوشعيب ارميل المدير العام"). It must start
        with a known given name and follow a word that cannot be part of it."""
        window_start = max(0, title.start - 1 - _WINDOW)
        words = self.text[window_start : title.start - 1].split(" ")
        end, name = title.start - 1, []  # name right to left
        for word in reversed(words[1:] if window_start else words):
            if end in self.standing_ends or not _can_be_name_word(word):
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

    def _add_person(self, pos: int, words: list[str]) -> None:
        # A name between two titles is read from both ("ولي العهد الأمير محمد بن
        # نايف"; "الوزير عادل الجبير وزير الخارجية"): one mention all the same.
        if pos in self.person_starts or not _valid_name(words):
            return
        self.person_starts.add(pos)
        key = " ".join(words)
        if key not in self.person_names:
            self.person_names[key] = self._original_spelling(key, pos)
        self._count((("person-pattern", key),), (), pos)

    def _original_spelling(self, name: str, pos: int) -> str:
        """``name`` as the article writes it ("باراك أوباما" for "باراك اوباما"); the
        normalized name when it is written with marks or odd spacing.

        Normalizing only drops characters (marks, runs of punctuation) and folds letters
        one for one, so a name at ``pos`` in the normalized title or body is at ``pos``
        or at most "characters dropped" later in the original: only that window is
        folded and searched."""
        in_title = pos < self.title_end
        original = self.originals[0 if in_title else 1]
        offset = pos if in_title else pos - self.body_start
        dropped = len(original) - (self.title_end if in_title else len(self.text) - self.body_start)
        high = offset + max(dropped, 0) + len(name) + _SPELLING_SLACK
        window = _fold_letters(original[offset:high])
        at = window.find(name)
        while at >= 0:
            start, end = offset + at, offset + at + len(name)
            if _word_boundary(original, start - 1) and _word_boundary(original, end):
                return original[start:end]
            at = window.find(name, at + 1)
        return name

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


def _can_be_name_word(word: str) -> bool:
    return (
        word not in _NOT_NAME_WORDS
        and len(word) >= 2
        and is_arabic_word(word)
        and word.isalpha()
        and not word.startswith(_CLITIC_DEFINITE)
        and not (word[0] == "ي" and word not in _YA_NAMES)
    )


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
    """At most three parts, never ending in a connector."""
    parts, kept = 0, []
    for word in words:
        if word not in _CONNECTORS:
            parts += 1
            if parts > _MAX_NAME_PARTS:
                break
        kept.append(word)
    while kept and kept[-1] in _CONNECTORS:
        kept.pop()
    return kept


def _valid_name(words: list[str]) -> bool:
    """Two or three parts, not ending in a connector; opening with a name: not a word
    with the article, not a connector but "عبد"/"أبو", and not a word that could be
    proclitic + noun ("لرئيس", "بمناسبة") unless it is a known given name; the article
    elsewhere only on the last word or right after a connector ("عبد الله")."""
    parts = sum(1 for w in words if w not in _CONNECTORS)
    if not 2 <= parts <= _MAX_NAME_PARTS or words[-1] in _CONNECTORS:
        return False
    first = words[0]
    if first.startswith(_DEFINITE) or first in _CLOSED_CONNECTORS:
        return False
    if first.startswith(_PROCLITIC_LETTERS) and first not in _NAME_OPENERS:
        return False
    return all(
        not word.startswith(_DEFINITE) or word in _CONNECTORS or previous in _CONNECTORS
        for previous, word in pairwise(words[:-1])
    )


def _fold_letters(text: str) -> str:
    for old, new in _LETTER_FOLDS:
        text = text.replace(old, new)
    return text


def _word_boundary(text: str, index: int) -> bool:
    return index < 0 or index >= len(text) or not text[index].isalnum()
