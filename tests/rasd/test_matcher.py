"""rasd.matcher: whole words, proclitics, leftmost-longest, stop phrases."""

from __future__ import annotations

import random

import pytest

from rasd.arabic import normalize
from rasd.matcher import PROCLITICS, Alias, Matcher, clitic_variants


def matcher(*aliases: str, stop: tuple[str, ...] = ()) -> Matcher[tuple[str, ...]]:
    return Matcher.of(
        [Alias(normalize(a), a) for a in aliases], stop_phrases=[normalize(s) for s in stop]
    )


def found(m: Matcher[tuple[str, ...]], text: str) -> list[tuple[str, tuple[str, ...]]]:
    norm = normalize(text)
    return [(norm[x.start : x.end], x.values) for x in m.find(norm)]


def test_matches_whole_words_only() -> None:
    m = matcher("ليون", "مصر")
    assert found(m, "مليون دولار ومصرف مصري") == []
    assert found(m, "في ليون") == [("ليون", ("ليون",))]


@pytest.mark.parametrize("prefix", PROCLITICS)
def test_every_proclitic_on_an_indefinite_name(prefix: str) -> None:
    assert found(matcher("فرنسا"), f"زار {prefix}فرنسا أمس") == [(f"{prefix}فرنسا", ("فرنسا",))]


@pytest.mark.parametrize(
    "word", ["المغرب", "والمغرب", "فالمغرب", "بالمغرب", "كالمغرب", "للمغرب", "وبالمغرب", "وللمغرب"]
)
def test_proclitics_before_the_article(word: str) -> None:
    assert found(matcher("المغرب"), f"عاد {word} اليوم") == [(word, ("المغرب",))]


def test_lam_with_the_article_drops_the_alef() -> None:
    # ل + المغرب is written للمغرب, never *لالمغرب.
    assert "للمغرب" in clitic_variants("المغرب")
    assert "لالمغرب" not in clitic_variants("المغرب")
    assert found(matcher("المغرب"), "لالمغرب") == []


def test_clitics_only_on_the_first_word_of_a_phrase() -> None:
    m = matcher("وزارة الداخلية")
    assert found(m, "بيان لوزارة الداخلية")[0][0] == "لوزاره الداخليه"
    assert found(m, "وزارة والداخلية") == []


def test_latin_aliases_take_no_clitics_and_are_case_folded() -> None:
    m = matcher("Interpol")
    assert found(m, "INTERPOL و interpol") == [("interpol", ("Interpol",))] * 2
    assert found(m, "وinterpol") == []


def test_leftmost_longest() -> None:
    m = matcher("وزارة الداخلية", "وزارة الداخلية الفرنسية", "الفرنسية")
    assert found(m, "أعلنت وزارة الداخلية الفرنسية") == [
        ("وزاره الداخليه الفرنسيه", ("وزارة الداخلية الفرنسية",))
    ]
    # Partial overlap: the match that starts first wins, the other is dropped.
    m = matcher("الف باء", "باء جيم")
    assert found(m, "الف باء جيم") == [("الف باء", ("الف باء",))]
    # Suffix sharing: the longer match starting at the same word wins.
    m = matcher("السودان", "جنوب السودان")
    assert found(m, "جنوب السودان والسودان") == [
        ("جنوب السودان", ("جنوب السودان",)),
        ("والسودان", ("السودان",)),
    ]


def test_adjacent_matches_are_all_found() -> None:
    m = matcher("مصر", "ليبيا", "تونس")
    assert [s for s, _ in found(m, "مصر ليبيا وتونس")] == ["مصر", "ليبيا", "وتونس"]


def test_stop_phrases_shadow_the_aliases_inside_them() -> None:
    m = matcher("المغرب", "ليون", stop=("صلاة المغرب", "بليون"))
    assert found(m, "بعد صلاة المغرب") == []
    assert found(m, "وبعد صلاة المغرب في المغرب") == [("المغرب", ("المغرب",))]
    # "بليون" (billion) is not ب + ليون, with or without a further clitic.
    assert found(m, "بليون دولار وبليون يورو") == []


def test_a_word_that_is_an_alias_is_not_reread_as_clitic_plus_alias() -> None:
    m = matcher("بنين", "نين")
    assert found(m, "بنين") == [("بنين", ("بنين",))]


def test_values_of_aliases_spelled_alike_are_merged() -> None:
    m = Matcher.of([Alias("عمان", "OM"), Alias("عمان", "JO"), Alias("عمان", "OM")])
    assert [x.values for x in m.find("عمان")] == [("OM", "JO")]


def test_combine_turns_values_into_a_payload_once() -> None:
    m = Matcher([Alias("مصر", 1), Alias("مصر", 2)], sum)
    assert [x.values for x in m.find("بمصر")] == [3]


def test_empty_and_unmatched_text() -> None:
    m = matcher("مصر")
    assert m.find("") == []
    assert m.find("لا شيء هنا") == []


def _reference(aliases: dict[str, str], text: str) -> list[tuple[int, int, str]]:
    """Brute force: every alias and clitic variant at every word start, longest first."""
    keys: dict[str, str] = {}
    for form, value in aliases.items():
        for variant in clitic_variants(form):
            keys.setdefault(variant, value)
    keys.update(aliases)
    words = text.split(" ")
    starts = [sum(len(w) + 1 for w in words[:i]) for i in range(len(words))]
    result, i = [], 0
    while i < len(words):
        best = None
        for j in range(len(words), i, -1):
            if " ".join(words[i:j]) in keys:
                best = j
                break
        if best is None:
            i += 1
            continue
        span = " ".join(words[i:best])
        result.append((starts[i], starts[i] + len(span), keys[span]))
        i = best
    return result


def test_agrees_with_a_brute_force_reference_on_random_text() -> None:
    rng = random.Random(7)
    vocabulary = ["مصر", "الامن", "الوطني", "وزاره", "الداخليه", "في", "من", "ليون", "مليون"]
    vocabulary += [p + w for w in ("مصر", "الامن", "وزاره") for p in ("و", "ب", "لل", "وب")]
    for _ in range(300):
        aliases = {
            " ".join(rng.sample(vocabulary[:9], rng.randint(1, 3))): f"v{i}" for i in range(6)
        }
        text = " ".join(rng.choice(vocabulary) for _ in range(rng.randint(1, 25)))
        m = Matcher.of([Alias(k, v) for k, v in aliases.items()])
        got = [(x.start, x.end, x.values[0]) for x in m.find(text)]
        assert got == _reference(aliases, text), (aliases, text)


def test_riders_are_reported_apart_and_never_shadow_aliases() -> None:
    riders = {" تنظيم داعش ": ["t1"], " داعش ": ["t2"], " ارهاب": ["stem"], " تنظيم ": ["t3"]}
    m = Matcher.of([Alias("تنظيم", "org")], riders=riders)
    text = normalize("تنظيم داعش الإرهابي إرهابيون")
    matches, found_riders = m.scan(text)
    assert [(text[x.start : x.end], x.values) for x in matches] == [("تنظيم", ("org",))]
    assert m.find(text) == matches
    assert [(text[r.start : r.end], r.value) for r in found_riders] == [
        ("تنظيم", "t3"),
        ("تنظيم داعش", "t1"),
        ("داعش", "t2"),
        ("ارهاب", "stem"),  # a word start: not inside "الارهابي"
    ]


def test_riders_agree_with_a_brute_force_reference_on_random_text() -> None:
    rng = random.Random(11)
    vocabulary = ["مصر", "الامن", "الوطني", "وزاره", "الداخليه", "في", "ليون", "مليون"]
    for _ in range(300):
        aliases = {rng.choice(vocabulary): f"a{i}" for i in range(3)}
        riders: dict[str, list[str]] = {}
        for i in range(5):
            phrase = " ".join(rng.sample(vocabulary, rng.randint(1, 2)))
            key = f" {phrase} " if rng.random() < 0.5 else f" {phrase[: rng.randint(1, 4)]}"
            riders.setdefault(key, []).append(f"r{i}")
        text = " ".join(rng.choice(vocabulary) for _ in range(rng.randint(1, 20)))
        m = Matcher.of([Alias(k, v) for k, v in aliases.items()], riders=riders)
        matches, found_riders = m.scan(text)
        assert matches == Matcher.of([Alias(k, v) for k, v in aliases.items()]).find(text)
        padded = f" {text} "
        expected = sorted(
            (at, at + len(key.strip()), value)
            for key, values in riders.items()
            for at in range(len(padded))
            if padded.startswith(key, at)
            for value in values
        )
        assert sorted(found_riders) == expected, (riders, text)
