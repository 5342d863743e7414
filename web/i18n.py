"""Every string the web UI shows, in Arabic and English, in one place.

Arabic is the default language. Digits are Western (0-9) in both languages: the corpus
mixes both systems and analysts copy numbers into other tools.
"""

from __future__ import annotations

from dataclasses import dataclass

LANGS = ("ar", "en")
DEFAULT_LANG = "ar"

# key: (Arabic, English). Placeholders use str.format names.
STRINGS: dict[str, tuple[str, str]] = {
    # layout
    "site.name": ("رصد", "Rasd"),
    "site.tagline": (
        "قاعدة معرفية لأخبار الأمن العربية",
        "A knowledge base of Arabic security news",
    ),
    "nav.label": ("التنقل الرئيسي", "Main navigation"),
    "nav.search": ("البحث", "Search"),
    "nav.organizations": ("المنظمات", "Organizations"),
    "nav.countries": ("الدول", "Countries"),
    "nav.api": ("واجهة API", "API"),
    "nav.switch_lang": ("English", "العربية"),
    "skip": ("انتقل إلى المحتوى", "Skip to content"),
    "footer.note": (
        "رصد · البحث في أخبار الأمن العربية · التواريخ بالتقويم الميلادي",
        "Rasd · Searching Arabic security news · Gregorian dates",
    ),
    # search box
    "search.label": ("ابحث في الأخبار", "Search the news"),
    "search.placeholder": ("مثال: الإرهاب الانتربول", "e.g. الإرهاب الانتربول"),
    "search.submit": ("بحث", "Search"),
    "syntax.label": ("صيغة البحث:", "Syntax:"),
    "syntax.words": ("كل الكلمات", "every word"),
    "syntax.phrase": ("عبارة بعينها", "exact phrase"),
    "syntax.exclude": ("استبعاد", "exclude"),
    "syntax.or": ("إحداهما", "either one"),
    # results header
    "results.heading": ("النتائج", "Results"),
    "results.recent": ("أحدث المقالات", "Latest articles"),
    "results.in_stories": ("في {stories}", "in {stories}"),
    "results.took": ("{seconds} ث", "{seconds} s"),
    "results.sort": ("الترتيب", "Sort"),
    "sort.relevance": ("الأكثر صلة", "Relevance"),
    "sort.newest": ("الأحدث", "Newest"),
    "sort.oldest": ("الأقدم", "Oldest"),
    "collapse.on": ("جمع نسخ الخبر الواحد", "Group versions of a story"),
    "collapse.off": ("عرض كل النسخ", "Show every version"),
    "results.to_filters": ("المرشحات", "Filters"),
    # hits
    "hit.filter_by": ("تصفية حسب: {label}", "Filter by: {label}"),
    "hit.remove_filter": ("إزالة المرشح: {label}", "Remove filter: {label}"),
    "hit.exact_duplicate": ("نسخة مطابقة", "Exact copy"),
    # filters
    "filters.heading": ("تضييق النتائج", "Refine results"),
    "filters.active": ("المرشحات المفعلة", "Active filters"),
    "filters.clear_all": ("إزالة كل المرشحات", "Clear all filters"),
    "filters.remove": ("إزالة: {label}", "Remove: {label}"),
    "filters.apply": ("تطبيق المرشحات", "Apply filters"),
    "filters.auto": ("تُطبَّق المرشحات فور اختيارها.", "Filters apply as soon as you pick them."),
    "filters.narrow": ("تصفية القائمة", "Filter the list"),
    "filters.narrow_placeholder": ("اكتب جزءا من الاسم", "Type part of a name"),
    "filters.none": ("لا قيم", "No values"),
    "facet.country": ("الدولة", "Country"),
    "facet.org": ("المنظمة", "Organization"),
    "facet.source": ("المصدر", "Source"),
    "facet.topic": ("الموضوع", "Topic"),
    "facet.person": ("شخص", "Person"),
    "facet.date": ("التاريخ", "Date"),
    # dates
    "dates.heading": ("تاريخ النشر", "Publication date"),
    "dates.histogram": (
        "عدد المقالات حسب تاريخ النشر؛ اختر عمودا لحصر النتائج في فترته",
        "Articles by publication date; pick a bar to narrow the results to its period",
    ),
    "dates.bar": ("{period}: {articles}", "{period}: {articles}"),
    "dates.from": ("من", "From"),
    "dates.to": ("إلى", "To"),
    "dates.format_hint": (
        "سنة أو شهر أو يوم: 2015 أو 2015-07 أو 2015-07-21",
        "Year, month or day: 2015, 2015-07 or 2015-07-21",
    ),
    "dates.apply": ("تطبيق", "Apply"),
    "dates.clear": ("كل التواريخ", "All dates"),
    "dates.range": ("{start} – {end}", "{start} – {end}"),
    "dates.since": ("منذ {start}", "Since {start}"),
    "dates.until": ("حتى {end}", "Until {end}"),
    "date.unknown": ("تاريخ غير معروف", "Date unknown"),
    "date.no_year": ("{date} (دون سنة)", "{date} (year not given)"),
    # empty, no-result and error states
    "stats.heading": ("محتوى القاعدة", "In the knowledge base"),
    "stats.articles": ("مقالات", "articles"),
    "stats.sources": ("مصادر", "sources"),
    "stats.countries": ("دول مذكورة", "countries mentioned"),
    "stats.organizations": ("منظمات مذكورة", "organizations mentioned"),
    "stats.period": ("الفترة", "period"),
    "empty.intro": (
        "ابحث بكلمة أو عبارة، أو تصفح حسب الدولة والمنظمة والمصدر والموضوع والتاريخ.",
        "Search by word or phrase, or browse by country, organization, source, topic and date.",
    ),
    "noresult.heading": ("لا نتائج", "No results"),
    "noresult.body": ("لا توجد مقالات تطابق هذا البحث.", "No article matches this search."),
    "noresult.suggestions": ("اقتراحات", "Suggestions"),
    "noresult.remove_filter": ("أزل مرشح «{label}»", "Remove the filter “{label}”"),
    "noresult.remove_all": ("أزل كل المرشحات", "Remove every filter"),
    "noresult.fewer_words": ("استخدم كلمات أقل أو أعم", "Use fewer or more general words"),
    "noresult.first_page": (
        "عد إلى الصفحة الأولى من النتائج",
        "Go back to the first page of results",
    ),
    "noresult.spelling": ("تحقق من الإملاء", "Check the spelling"),
    "noresult.search_all": ("ابحث عن «{q}» دون مرشحات", "Search “{q}” without filters"),
    "invalid.heading": ("طلب غير صالح", "Invalid request"),
    "invalid.body": ("تعذّر فهم بعض معايير البحث:", "Some search settings could not be read:"),
    "invalid.date_from": ("تاريخ البداية («من»)", "Start date (“From”)"),
    "invalid.date_to": ("تاريخ النهاية («إلى»)", "End date (“To”)"),
    "invalid.date_order": (
        "تاريخ البداية بعد تاريخ النهاية",
        "The start date is after the end date",
    ),
    "invalid.page": ("رقم الصفحة أو عدد النتائج فيها", "Page number or page size"),
    "invalid.restart": ("ابدأ بحثا جديدا", "Start a new search"),
    "error.404.title": ("الصفحة غير موجودة", "Page not found"),
    "error.404.body": (
        "لم نجد ما تبحث عنه. ربما حُذف المقال أو تغيّر الرابط.",
        "We could not find this page. The article may have been removed or the link changed.",
    ),
    "error.422.title": ("طلب غير صالح", "Invalid request"),
    "error.422.body": (
        "بعض معايير الطلب غير صالحة.",
        "Some parameters of the request are invalid.",
    ),
    "error.503.title": ("محرك البحث غير متاح حاليا", "The search engine is unavailable"),
    "error.503.body": (
        "تعذّر الوصول إلى محرك البحث. لم يُفقد شيء؛ أعد المحاولة بعد قليل.",
        "The search engine cannot be reached right now. Nothing is lost; try again shortly.",
    ),
    "error.502.title": ("تعذّر تنفيذ البحث", "The search failed"),
    "error.502.body": (
        "أخفق محرك البحث في تنفيذ الطلب. أعد المحاولة بعد قليل.",
        "The search engine failed to run the request. Try again shortly.",
    ),
    "error.500.title": ("حدث خطأ غير متوقع", "Something went wrong"),
    "error.500.body": (
        "سُجّل الخطأ وسنعالجه. أعد المحاولة بعد قليل.",
        "The error has been logged. Please try again shortly.",
    ),
    "error.retry": ("إعادة المحاولة", "Try again"),
    "error.home": ("العودة إلى البحث", "Back to search"),
    # pagination
    "pages.label": ("صفحات النتائج", "Result pages"),
    "pages.previous": ("السابق", "Previous"),
    "pages.next": ("التالي", "Next"),
    "pages.page": ("الصفحة {page}", "Page {page}"),
    # article page
    "article.back": ("العودة إلى النتائج", "Back to results"),
    "article.published": ("تاريخ النشر", "Published"),
    "article.author": ("الكاتب", "Author"),
    "article.original": ("المقال الأصلي على موقع المصدر", "Original article on the source's site"),
    "article.event_dates": ("تواريخ الأحداث", "Event dates"),
    "article.entities": ("الكيانات المذكورة", "Mentioned entities"),
    "article.countries": ("الدول", "Countries"),
    "article.organizations": ("المنظمات", "Organizations"),
    "article.topics": ("المواضيع", "Topics"),
    "article.persons": ("الأشخاص", "People"),
    "article.places": ("الأماكن", "Places"),
    "article.versions": ("نسخ أخرى من الخبر نفسه", "Other versions of the same story"),
    "article.duplicates": ("نسخ مطابقة", "Exact duplicates"),
    "article.similar": ("مقالات مشابهة", "Similar articles"),
    "article.none_similar": ("لا مقالات مشابهة.", "No similar articles."),
    "article.highlighting": (
        "الكلمات المطابقة لبحثك «{q}» مظللة.",
        "Words matching your search “{q}” are highlighted.",
    ),
    # browse pages
    "orgs.heading": ("المنظمات", "Organizations"),
    "orgs.intro": (
        "المنظمات المذكورة في الأخبار، مجمّعة حسب النوع، مع عدد المقالات.",
        "Organizations mentioned in the news, grouped by type, with article counts.",
    ),
    "countries.heading": ("الدول", "Countries"),
    "countries.intro": (
        "الدول المذكورة في الأخبار مع عدد المقالات.",
        "Countries mentioned in the news, with article counts.",
    ),
    "browse.prefix": ("يبدأ الاسم بـ", "Name starts with"),
    "browse.prefix_placeholder": ("مثال: الانتر", "e.g. Inter"),
    "browse.filter": ("تصفية", "Filter"),
    "browse.all_types": ("كل الأنواع", "All types"),
    "browse.type": ("النوع", "Type"),
    "browse.none": ("لا شيء يطابق هذا الاختيار.", "Nothing matches."),
    "browse.clear": ("إلغاء التصفية", "Clear"),
}

# Plural nouns: Arabic (zero, one, two, few 3-10, many 11-99, other 100+), English (one, other).
PLURALS: dict[str, tuple[tuple[str, str, str, str, str, str], tuple[str, str]]] = {
    "article": (
        ("لا مقالات", "مقال واحد", "مقالان", "{n} مقالات", "{n} مقالًا", "{n} مقال"),
        ("{n} article", "{n} articles"),
    ),
    "result": (
        ("لا نتائج", "نتيجة واحدة", "نتيجتان", "{n} نتائج", "{n} نتيجة", "{n} نتيجة"),
        ("{n} result", "{n} results"),
    ),
    "story": (
        ("لا قصص", "قصة واحدة", "قصتان", "{n} قصص", "{n} قصة", "{n} قصة"),
        ("{n} story", "{n} stories"),
    ),
    "other_version": (
        (
            "لا نسخ أخرى",
            "نسخة أخرى",
            "نسختان أخريان",
            "{n} نسخ أخرى",
            "{n} نسخة أخرى",
            "{n} نسخة أخرى",
        ),
        ("{n} other version", "{n} other versions"),
    ),
}

MONTHS: dict[str, tuple[str, ...]] = {
    "ar": (
        "يناير",
        "فبراير",
        "مارس",
        "أبريل",
        "مايو",
        "يونيو",
        "يوليو",
        "أغسطس",
        "سبتمبر",
        "أكتوبر",
        "نوفمبر",
        "ديسمبر",
    ),
    "en": (
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ),
}

# Organization types of the gazetteer, in the order the UI lists them.
ORG_TYPES: dict[str, tuple[str, str]] = {
    "international_body": ("هيئات دولية", "International bodies"),
    "regional_body": ("هيئات إقليمية", "Regional bodies"),
    "ministry": ("وزارات", "Ministries"),
    "police": ("أجهزة الشرطة", "Police"),
    "security_agency": ("أجهزة أمنية", "Security agencies"),
    "intelligence": ("أجهزة الاستخبارات", "Intelligence services"),
    "military": ("قوات مسلحة", "Armed forces"),
    "court": ("محاكم", "Courts"),
    "armed_group": ("جماعات مسلحة", "Armed groups"),
    "other": ("أخرى", "Other"),
}


def pick_lang(value: str | None) -> str:
    return value if value in LANGS else DEFAULT_LANG


def direction(lang: str) -> str:
    return "rtl" if lang == "ar" else "ltr"


def _plural_index_ar(n: int) -> int:
    """CLDR Arabic plural categories: zero, one, two, few, many, other."""
    if n == 0:
        return 0
    if n == 1:
        return 1
    if n == 2:
        return 2
    if 3 <= n % 100 <= 10:
        return 3
    if 11 <= n % 100 <= 99:
        return 4
    return 5


@dataclass(frozen=True)
class Translator:
    """The UI strings of one language; templates receive it as ``t``."""

    lang: str

    def __call__(self, key: str, **values: object) -> str:
        ar, en = STRINGS[key]
        text = ar if self.lang == "ar" else en
        return text.format(**values) if values else text

    def count(self, noun: str, n: int) -> str:
        """``n`` with its noun in the right plural form: "3 مقالات", "11 مقالًا"."""
        ar_forms, en_forms = PLURALS[noun]
        if self.lang == "ar":
            form = ar_forms[_plural_index_ar(n)]
        else:
            form = en_forms[0] if n == 1 else en_forms[1]
        return form.format(n=f"{n:,}")

    def month(self, number: int) -> str:
        return MONTHS[self.lang][number - 1]

    def org_type(self, org_type: str) -> str:
        ar, en = ORG_TYPES.get(org_type, ORG_TYPES["other"])
        return ar if self.lang == "ar" else en
