"""Near-duplicate signatures (pure)."""

from __future__ import annotations

import pickle

from indexer.stories import LEAD_WORDS, MIN_WORDS, THRESHOLD, Signature, StoryIndex, signature
from rasd.arabic import normalize

WIRE = normalize(
    "أعلنت وزارة الداخلية اليوم القبض على خلية إرهابية مكونة من سبعة عناصر كانت تخطط لتنفيذ "
    "هجمات تستهدف منشآت حيوية في عدد من المدن، وأوضح المتحدث الرسمي باسم الوزارة أن العملية "
    "جاءت بعد متابعة دقيقة استمرت عدة أشهر، وأن الموقوفين أحيلوا إلى النيابة العامة المختصة "
    "لاستكمال التحقيقات، مشيرا إلى ضبط أسلحة وذخائر ومواد تستخدم في صنع المتفجرات بحوزتهم."
)
EDITED = WIRE.replace("سبعة", "ثمانية").replace("عدة أشهر", "اشهرا") + " وقال مصدر امني ان"
OTHER = normalize(
    "ارتفعت أسعار النفط في تعاملات اليوم بعد بيانات أظهرت تراجع المخزونات الأمريكية أكثر من "
    "المتوقع، وصعد خام برنت إلى مستوى جديد في ظل توقعات بزيادة الطلب خلال الصيف، بينما تراقب "
    "الأسواق اجتماع المنتجين المقبل لتحديد مستويات الإنتاج في الربع الثالث من العام الجاري."
)


def test_near_duplicates_are_similar_and_others_are_not() -> None:
    wire, edited, other = signature(WIRE), signature(EDITED), signature(OTHER)
    assert wire and edited and other
    assert wire.similarity(edited) >= THRESHOLD
    assert wire.similarity(other) < 0.2
    assert set(wire.bands()) & set(edited.bands())


def test_signatures_are_deterministic_and_round_trip() -> None:
    first, second = signature(WIRE), signature(WIRE)
    assert first.bands() == second.bands()
    assert (Signature.decode(first.encode()).values == first.values).all()
    assert (pickle.loads(pickle.dumps(first)).values == first.values).all()  # to/from workers


def test_short_texts_have_no_signature() -> None:
    assert signature(" ".join(["كلمة"] * (MIN_WORDS - 1))) is None


def test_story_index_links_to_the_first_version() -> None:
    stories = StoryIndex()
    wire = signature(WIRE)
    stories.add("story-1", wire, wire.bands())
    edited = signature(EDITED)
    assert stories.find(edited, edited.bands()) == "story-1"
    other = signature(OTHER)
    assert stories.find(other, other.bands()) is None


def test_only_the_lead_counts_however_long_its_words() -> None:
    for length in (3, 12, 40):  # the lead fits in the head that is encoded, or not
        words = [f"{'ك' * length}{i}" for i in range(LEAD_WORDS + 30)]
        full, lead = signature(" ".join(words)), signature(" ".join(words[:LEAD_WORDS]))
        assert full is not None and lead is not None
        assert full.values.tolist() == lead.values.tolist()
        assert full.similarity(signature(" ".join(words[30:]))) < 1


def test_story_index_with_bands_shared_by_many() -> None:
    stories = StoryIndex()
    wire, other = signature(WIRE), signature(OTHER)
    for n in range(5):  # the same wire story five times: every band shared
        stories.add(f"story-{n}", wire, wire.bands())
    stories.add("oil", other, other.bands())
    edited = signature(EDITED)
    assert stories.find(edited, edited.bands()) in {f"story-{n}" for n in range(5)}
    assert stories.find(other, other.bands()) == "oil"
