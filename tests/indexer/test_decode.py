"""indexer.decode: encodings in, the same Arabic text out; binary data refused."""

from __future__ import annotations

import codecs

import pytest

from indexer.decode import DecodeError, decode_bytes, peek_text
from rasd.arabic import clean_text

ARTICLE = (
    "وفد أمني مغربي رفيع المستوى يشارك في الملتقى الأمني الدولي بفرنسا\n"
    "شارك وفد أمني مغربي، يترأسه المدير العام للأمن الوطني، في النسخة الأولى من الملتقى "
    "الأمني الدولي الذي نظمته وزارة الداخلية الفرنسية بتعاون مع المنظمة الدولية للشرطة "
    "الجنائية، يومي 8 و9 يوليوز الجاري بمدينة ليون جنوب شرق فرنسا.\n"
)
HEADLINE = "وفد أمني مغربي رفيع المستوى يشارك في الملتقى الأمني الدولي بفرنسا"


@pytest.mark.parametrize(
    ("encoding", "expected"),
    [
        ("utf-8", "utf-8"),
        ("utf-8-sig", "utf-8-sig"),
        ("utf-16", "utf-16"),  # with BOM
        ("utf-16-le", "utf-16-le"),  # no BOM: found from the byte pattern
        ("utf-16-be", "utf-16-be"),
        ("cp1256", "cp1256"),
        ("iso-8859-6", "iso8859-6"),
    ],
)
@pytest.mark.parametrize("text", [ARTICLE, HEADLINE], ids=["article", "headline"])
def test_round_trip(text: str, encoding: str, expected: str) -> None:
    decoded = decode_bytes(text.encode(encoding))
    assert decoded.text == text
    assert decoded.encoding == expected


def test_utf16_with_bom_both_byte_orders() -> None:
    for bom, codec in ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        assert decode_bytes(bom + ARTICLE.encode(codec)).text == ARTICLE


def test_valid_utf8_wins_over_single_byte_readings() -> None:
    # Every UTF-8 byte sequence also decodes as Windows-1256 (as mojibake).
    data = ARTICLE.encode("utf-8")
    assert data.decode("cp1256") != ARTICLE
    assert decode_bytes(data).encoding == "utf-8"


@pytest.mark.parametrize("damage", [b"\xff", b"\xd8", b"\xc0\xaf"])  # stray, cut, overlong
def test_utf8_with_a_damaged_byte_is_repaired_not_read_as_a_code_page(damage: bytes) -> None:
    data = ARTICLE.encode()
    cut = data.index(b" ")
    decoded = decode_bytes(data[:cut] + damage + data[cut:])
    assert decoded.encoding == "utf-8"
    assert decoded.text.replace("\ufffd", "") == ARTICLE
    assert decoded.warning is not None and "replaced" in decoded.warning
    assert decode_bytes(data).warning is None


def test_utf8_with_a_byte_order_mark_and_a_damaged_byte_is_repaired() -> None:
    data = ARTICLE.encode()
    cut = data.index(b" ")
    decoded = decode_bytes(codecs.BOM_UTF8 + data[:cut] + b"\xff" + data[cut:])
    assert decoded.text == ARTICLE[: ARTICLE.index(" ")] + "\ufffd" + ARTICLE[ARTICLE.index(" ") :]
    assert decoded.warning == "1 invalid UTF-8 byte sequence replaced by \ufffd"


def test_a_code_page_is_not_taken_for_damaged_utf8() -> None:
    for encoding in ("cp1256", "iso-8859-6"):
        decoded = decode_bytes(ARTICLE.encode(encoding))
        assert decoded.text == ARTICLE
        assert decoded.warning is None


def test_short_iso_8859_6_is_not_taken_for_cyrillic() -> None:
    # charset-normalizer alone guesses cp1251 for this one.
    assert decode_bytes("قال الوزير إن الأمن مستتب".encode("iso-8859-6")).encoding == "iso8859-6"


def test_cyrillic_code_page_is_not_read_as_arabic() -> None:
    text = "Полиция задержала подозреваемых в Москве сегодня утром"
    decoded = decode_bytes(text.encode("cp1251"))
    assert decoded.text == text


def test_mixed_french_and_arabic_in_cp1256() -> None:
    text = "Le ministère a précisé: قالت وزارة الداخلية إن الشرطة أوقفت المشتبه فيهم"
    assert decode_bytes(text.encode("cp1256")).text == text


def test_stray_nul_bytes_are_removed() -> None:
    data = (ARTICLE * 5).encode("utf-8").replace(b" ", b" \x00", 3)
    assert decode_bytes(data).text == ARTICLE * 5


def test_decoded_text_cleans_of_invisible_marks_and_is_composed() -> None:
    raw = "\ufeff\u200fالشرطة\u200b  تعتقل\u202e مشتبها\r\n\r\n\r\n\r\nفيه e\u0301"
    assert clean_text(decode_bytes(raw.encode("utf-8")).text) == "الشرطة تعتقل مشتبها\n\nفيه \u00e9"


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "JPEG"),
        (b"\x7fELF\x02\x01\x01" + bytes(60), "ELF"),
        (b"PK\x03\x04\x14\x00\x00\x00", "zip"),
    ],
)
def test_binary_magic_numbers_are_refused(data: bytes, kind: str) -> None:
    with pytest.raises(DecodeError, match=f"binary data.*{kind}"):
        decode_bytes(data)


def test_binary_without_magic_is_refused_by_its_control_bytes() -> None:
    executable = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" * 100
    with pytest.raises(DecodeError, match="control bytes"):
        decode_bytes(executable)
    with pytest.raises(DecodeError, match="binary"):
        decode_bytes(bytes(range(256)) * 8)


def test_peek_text_reads_utf16_heads() -> None:
    assert peek_text('[{"title": "خبر"}]'.encode("utf-16")).startswith("[{")
    assert peek_text("<html><body>".encode("utf-16-le")).startswith("<html>")
