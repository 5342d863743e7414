"""indexer.readers.feed: RSS and Atom items as records, through the JSON field mapping."""

from __future__ import annotations

from indexer.readers import feed, read_bytes
from indexer.records import ItemError, Origin, RawRecord

BODY = "أعلن المكتب المركزي للأبحاث القضائية عن تفكيك خلية إرهابية تنشط بمدينة طنجة."
RSS = f"""<?xml version="1.0" encoding="{{encoding}}"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"
     xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel>
<title>موقع إخباري</title>
<link>https://www.hespress.com</link>
<description>آخر الأخبار</description>
<item>
<title>تفكيك خلية إرهابية بطنجة</title>
<link>https://www.hespress.com/a-1.html</link>
<pubDate>Tue, 12 Mar 2019 10:30:00 +0100</pubDate>
<dc:creator>مراسل الرباط</dc:creator>
<description><![CDATA[<p>موجز الخبر</p>]]></description>
<content:encoded><![CDATA[<p>{BODY}</p><script>alert(1)</script>
<p>فقرة ثانية.</p>]]></content:encoded>
</item>
<item>
<title>توقيف مروج للمخدرات بفاس</title>
<link>https://www.hespress.com/a-2.html</link>
<description>أوقفت عناصر الشرطة القضائية بفاس شخصا يشتبه في ترويجه للمخدرات.</description>
</item>
</channel>
</rss>
"""
ATOM = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
<title>أخبار الأمن | الرئيسية</title>
<entry>
<title>ندوة حول الجريمة المعلوماتية</title>
<link href="https://news.example/atom-1"/>
<updated>2021-06-01T08:00:00Z</updated>
<author><name>سلمى</name></author>
<content type="html">&lt;p&gt;{BODY}&lt;/p&gt;</content>
</entry>
</feed>
"""


def read(data: bytes, name: str = "news.rss") -> list:
    return list(feed.read(data, Origin(name)))


def test_rss_items_are_records() -> None:
    first, second = read(RSS.format(encoding="utf-8").encode())
    assert isinstance(first, RawRecord) and isinstance(second, RawRecord)
    assert first.origin == Origin("news.rss", record=0) and first.format == "feed"
    assert first.title == "تفكيك خلية إرهابية بطنجة"
    assert first.body == f"{BODY}\n\nفقرة ثانية."  # the full text, without the script
    assert (first.url, first.author) == ("https://www.hespress.com/a-1.html", "مراسل الرباط")
    assert first.published_raw == "Tue, 12 Mar 2019 10:30:00 +0100"
    assert first.source == "hespress"  # by the item's address: the channel title is no site
    assert second.body.startswith("أوقفت عناصر الشرطة")  # the summary, for want of a text
    assert "warning" not in first.metadata


def test_an_atom_feed() -> None:
    (entry,) = read(ATOM.encode(), "news.atom")
    assert (entry.title, entry.body, entry.author) == ("ندوة حول الجريمة المعلوماتية", BODY, "سلمى")
    assert entry.url == "https://news.example/atom-1"
    assert entry.published_raw == "2021-06-01T08:00:00Z"
    assert entry.source == "أخبار الأمن"  # the feed's title, less its section


def test_the_xml_declaration_gives_the_encoding() -> None:
    (first, _) = read(RSS.format(encoding="windows-1256").encode("cp1256"))
    assert first.title == "تفكيك خلية إرهابية بطنجة" and first.body.startswith(BODY)


def test_damaged_xml_keeps_the_items_read_and_says_so() -> None:
    data = RSS.format(encoding="utf-8").encode()
    cut = data[: data.index(b"<item>", data.index(b"</item>"))] + b"<item><title>"
    items = read(cut)
    record = items[0]
    assert isinstance(record, RawRecord) and record.title == "تفكيك خلية إرهابية بطنجة"
    assert "the feed's XML is damaged" in record.metadata["warning"]
    assert [i.origin for i in items if isinstance(i, ItemError)] == [Origin("news.rss", record=1)]


def test_what_is_no_feed_is_one_clear_error() -> None:
    (sitemap,) = read(b'<?xml version="1.0"?><urlset><url><loc>https://x/</loc></url></urlset>')
    assert sitemap.reason == "not an RSS or Atom feed (no rss, feed or RDF root)"
    (broken,) = read(b"not xml at all <rss")
    assert broken.reason.startswith("not an RSS or Atom feed: ")
    (empty,) = read(b'<rss version="2.0"><channel><title>x</title></channel></rss>')
    assert empty.reason == "no articles: the feed has no items"


def test_a_feed_saved_as_xml_is_read_as_a_feed() -> None:
    items = list(read_bytes(RSS.format(encoding="utf-8").encode(), Origin("feed.xml")))
    assert [i.format for i in items] == ["feed", "feed"]
