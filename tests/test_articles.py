"""Reading articles: encodings, gzip, HTML, bad files among good ones, text normalisation, chunks."""

from __future__ import annotations

import codecs
import gzip
import io
import os
import sys
import warnings

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kgbuild.articles import (
    Article,
    SkippedInput,
    article_from_bytes,
    check_inputs,
    chunks,
    decode,
    html_to_text,
    looks_like_html,
    normalize_text,
    read_article,
    read_articles,
)
from kgbuild.errors import InputNotFound, UnreadableInput

from strategies import any_text

STORY = "Telegram opened an office in Kazakhstan. Pavel Durov is the CEO of Telegram."
ACCENTED = "Le régulateur français a infligé une amende à Meta — 5 millions d’euros, “record”."


def _read_all(inputs, strict=False):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        articles = list(read_articles(inputs, strict=strict))
    return articles, [str(w.message) for w in caught if issubclass(w.category, SkippedInput)]


# ------------------------------------------------------------------ encodings


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-be", "utf-32", "cp1252", "latin-1"])
def test_encodings_decode_to_the_same_text(tmp_path, encoding):
    text = ACCENTED if encoding != "latin-1" else ACCENTED.replace("—", "-").replace("’", "'").replace("“", '"') \
        .replace("”", '"')
    data = text.encode(encoding)
    if encoding == "utf-16-be":  # with its BOM, as editors write it
        data = codecs.BOM_UTF16_BE + data
    f = tmp_path / "a.txt"
    f.write_bytes(data)
    assert read_article(f).text == text


def test_utf16_without_bom_is_recognised():
    assert decode(STORY.encode("utf-16-le"), "x") == STORY
    assert decode(STORY.encode("utf-16-be"), "x") == STORY


def test_cp1252_undefined_bytes_read_as_latin1_and_are_then_dropped_as_controls():
    assert decode(b"caf\xe9 \x81", "x") == "caf\xe9 \x81"
    assert normalize_text(decode(b"caf\xe9 \x81", "x")) == "café  "


def test_a_bom_that_lies_is_refused_with_a_fix():
    with pytest.raises(UnreadableInput, match=r"x: starts with a UTF-16 byte-order mark.*re-save it as UTF-8"):
        decode(codecs.BOM_UTF16_LE + b"\x00\xd8", "x")


@pytest.mark.parametrize("data, what", [
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG"),
    (b"PK\x03\x04\x14\x00\x06\x00", "ZIP"),
    (bytes(range(256)) * 8, "binary"),
    (b"text\x00with a NUL byte in it", "binary"),
    (os.urandom(0) + bytes((7 * i + 3) % 32 for i in range(4000)), "binary"),
])
def test_binary_is_refused_and_says_what_it_is(data, what):
    with pytest.raises(UnreadableInput, match=what):
        decode(data, "doc.bin")


def test_meta_charset_of_an_html_page_is_honoured():
    page = '<html><head><meta charset="windows-1251"></head><body><p>Роскомнадзор заблокировал Telegram.</p>'
    text = decode(page.encode("cp1251"), "p.html", html=True)
    assert "Роскомнадзор заблокировал Telegram." in text


def test_a_meta_charset_that_lies_falls_back_to_utf8():
    page = '<html><head><meta charset="ascii"></head><body><p>Ürümqi – Telegram</p>'
    assert "Ürümqi – Telegram" in decode(page.encode("utf-8"), "p.html", html=True)


# ------------------------------------------------------------------ gzip


def test_gzip_by_magic_bytes_and_name_drops_gz(tmp_path):
    f = tmp_path / "story.txt.gz"
    f.write_bytes(gzip.compress(STORY.encode("utf-16")))
    article = read_article(f)
    assert article.source_name == "story.txt"
    assert article.text == STORY


def test_gzipped_html_is_stripped(tmp_path):
    f = tmp_path / "page.html.gz"
    f.write_bytes(gzip.compress(b"<p>Telegram &amp; TikTok</p>"))
    article = read_article(f)
    assert (article.source_name, article.text) == ("page.html", "Telegram & TikTok\n")


@pytest.mark.parametrize("data, why", [
    (gzip.compress(STORY.encode())[:-6], "truncated gzip"),
    (b"\x1f\x8b\x08\x00" + b"\xff" * 40, "corrupt gzip"),
])
def test_broken_gzip_is_refused(data, why):
    with pytest.raises(UnreadableInput, match=why):
        decode(data, "a.txt.gz")


def test_gzip_bomb_is_refused(monkeypatch):
    import kgbuild.articles as articles

    monkeypatch.setattr(articles, "MAX_BYTES", 1000)
    with pytest.raises(UnreadableInput, match="decompresses to more than"):
        decode(gzip.compress(b"a" * 5000), "bomb.txt.gz")


# ------------------------------------------------------------------ HTML

PAGE = """<!DOCTYPE html>
<html lang="en"><head><title>Site name</title><meta charset="utf-8">
<style>p { color: red }</style><script>var s = "<p>not text</p>";</script></head>
<body>
<header class="site"><nav><a href="/">Home</a> | <a href="/tech">Tech</a></nav></header>
<main><article>
  <header><h1>Telegram &amp; Kazakhstan agree</h1></header>
  <p>Telegram&nbsp;will open an office in
     Kazakhstan,&#32;said&#x20;the ministry &mdash; a first.<br>It has 10&nbsp;million users.</p>
  <aside>Related: Meta fined</aside>
  <ul><li>Pavel Durov</li><li>Askar Zhumagaliyev</li></ul>
  <p hidden>hidden text</p><div aria-hidden="true">decor</div>
  <footer><p>Reported by a journalist.</p></footer>
</article></main>
<footer>&copy; 2024 News site</footer>
<noscript>Enable JavaScript</noscript>
</body></html>"""


def test_html_to_text_keeps_the_story_only():
    text = html_to_text(PAGE)
    assert text == (
        "Telegram & Kazakhstan agree\n\n"
        "Telegram\xa0will open an office in Kazakhstan, said the ministry — a first.\n"
        "It has 10\xa0million users.\n\n"
        "Pavel Durov\n\nAskar Zhumagaliyev\n\n"
        "Reported by a journalist.\n"
    )


def test_html_is_sniffed_without_an_extension(tmp_path):
    f = tmp_path / "page.txt"
    f.write_text("\n  <!-- saved page -->\n" + PAGE, "utf-8")
    assert read_article(f).text.startswith("Telegram & Kazakhstan agree\n\n")
    assert looks_like_html(PAGE)
    assert not looks_like_html("Use <html> tags in <body> text.")


def test_plain_text_that_mentions_tags_is_left_alone(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text("Meta said <b> and <p> tags are fine & so is &amp;.", "utf-8")
    assert read_article(f).text == "Meta said <b> and <p> tags are fine & so is &amp;."


def test_malformed_html_still_gives_text():
    assert html_to_text("<p>Telegram <b>unclosed <i>tags<p>Meta &bogus; &lt;3</div></span>") == \
        "Telegram unclosed tags\n\nMeta &bogus; <3\n"
    assert html_to_text("<nav>menu<p>never closed") == ""
    assert html_to_text("<pre>line  one\n  line two</pre>") == "line  one\n  line two\n"


def test_an_html_page_without_text_is_skipped(tmp_path):
    (tmp_path / "empty.html").write_text("<html><head><script>x()</script></head><body><nav>Menu</nav></body>")
    (tmp_path / "good.html").write_text(f"<p>{STORY}</p>")
    articles, skipped = _read_all([tmp_path])
    assert [a.source_name for a in articles] == ["good.html"]
    assert len(skipped) == 1 and "empty.html: empty after stripping HTML; nothing to extract" in skipped[0]


# ------------------------------------------------------------------ normalisation


def test_normalize_text_cleans_invisible_and_odd_characters():
    raw = ("Tele\u00adgram\u00a0and Tik\u200bTok\u202f\u2060in\r\nKazakh\u200estan\u2029"
           "\ud83d\ude00 \ud800 \u202eevil\u202c e\u0301 \x00\x07\x1b[0m\ufffe\ufeff")
    assert normalize_text(raw) == "Telegram and TikTok in\nKazakhstan\n\n😀 \ufffd evil é    [0m\ufffd"


def test_normalize_text_keeps_rtl_text_emoji_sequences_and_flags():
    text = "قال تلغرام إن 👨‍👩‍👧 🇰🇿 🏴\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f שלום می‌خواهم"
    assert normalize_text(text) == text


@given(any_text(200))
def test_normalize_text_is_idempotent_and_always_encodes(text):
    once = normalize_text(text)
    assert normalize_text(once) == once
    once.encode("utf-8")  # no lone surrogates left


def test_article_from_text_normalises_name_and_text():
    a = Article.from_text("caf\udce9.txt", "Meta\u00a0fined")
    assert (a.source_name, a.text) == ("caf\ufffd.txt", "Meta fined")
    assert len(a.sha256) == 64


def test_offsets_index_the_stored_text(nlp):
    from kgbuild.extract import doc_to_records

    article = article_from_bytes(("<p>Meta was fined.</p><p>\u200bTelegram founder Pavel\u00a0Durov said Tele\u00adgram "
                                  "opened an office in Kazakh&shy;stan.</p>").encode(), "page.html", html=True)
    rec = doc_to_records(nlp(article.text), article)
    spans = [(ev.start, ev.end, ev.text) for e in rec.entities.values() for ev in e.evidence]
    assert {"Telegram", "Kazakhstan", "Pavel Durov"} <= {t for _, _, t in spans}
    for start, end, text in spans:
        assert article.text[start:end] == text


# ------------------------------------------------------------------ files and folders


def _corpus(tmp_path):
    good = tmp_path / "corpus"
    (good / "sub").mkdir(parents=True)
    (good / "a.txt").write_text(STORY, "utf-8")
    (good / "b.md").write_bytes(ACCENTED.encode("cp1252"))
    (good / "sub" / "c.html").write_text(f"<p>{STORY}</p>", "utf-8")
    (good / "sub" / "d.htm.gz").write_bytes(gzip.compress(f"<p>{ACCENTED}</p>".encode()))
    (good / "e.text").write_bytes(STORY.encode("utf-16"))
    (good / "empty.txt").write_text("")
    (good / "blank.txt").write_text(" \n\t\u00a0\u200b\n")
    (good / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + os.urandom(64))
    (good / "zeros.txt").write_bytes(b"\x00" * 100)
    (good / "dangling.txt").symlink_to(tmp_path / "nowhere.txt")
    (good / ".hidden.txt").write_text(STORY)
    (good / ".git").mkdir()
    (good / ".git" / "x.txt").write_text(STORY)
    (good / "notes.csv").write_text("a,b")
    return good


def test_bad_files_among_good_are_skipped_with_one_line_each(tmp_path):
    articles, skipped = _read_all([_corpus(tmp_path)])
    assert [a.source_name for a in articles] == ["a.txt", "b.md", "e.text", "sub/c.html", "sub/d.htm"]
    assert articles[1].text == ACCENTED
    assert articles[4].text == ACCENTED + "\n"
    assert len(skipped) == 5
    for name in ("blank.txt", "dangling.txt", "empty.txt", "photo.txt", "zeros.txt"):
        (line,) = [m for m in skipped if f"{name}:" in m]
        assert "\n" not in line
    assert any("dangling.txt: cannot read (No such file or directory)" in m for m in skipped)


def test_strict_raises_the_first_bad_file(tmp_path):
    with pytest.raises(UnreadableInput, match="blank.txt: empty"):
        _read_all([_corpus(tmp_path)], strict=True)


def test_missing_input_fails_before_any_work(tmp_path):
    (tmp_path / "a.txt").write_text(STORY)
    with pytest.raises(InputNotFound, match="nope.txt: no such file or folder"):
        check_inputs([tmp_path / "a.txt", tmp_path / "nope.txt"])
    with pytest.raises(InputNotFound):
        list(read_articles([tmp_path / "nope.txt"]))


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their permissions")
def test_unreadable_file_is_skipped(tmp_path):
    f = tmp_path / "secret.txt"
    f.write_text(STORY)
    f.chmod(0)
    try:
        articles, skipped = _read_all([tmp_path])
    finally:
        f.chmod(0o644)
    assert articles == [] and "secret.txt: cannot read (Permission denied)" in skipped[0]


def test_explicit_file_with_any_extension_is_read_and_a_folder_named_like_a_file_is_not(tmp_path):
    (tmp_path / "story.log").write_text(STORY)
    (tmp_path / "dir.txt").mkdir()
    (tmp_path / "dir.txt" / "inner.txt").write_text(STORY)
    articles, skipped = _read_all([tmp_path / "story.log", tmp_path])
    assert [a.source_name for a in articles] == ["story.log", "dir.txt/inner.txt"]
    assert skipped == []


def test_two_files_with_one_source_name_keep_the_first_and_warn(tmp_path):
    for folder in ("x", "y"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "same.txt").write_text(f"{folder}: {STORY}")
    articles, skipped = _read_all([tmp_path / "x", tmp_path / "y", tmp_path / "x" / "same.txt"])
    assert [a.text[:1] for a in articles] == ["x"]
    assert len(skipped) == 1 and "same source name 'same.txt'" in skipped[0] and "y/same.txt" in skipped[0]


def test_odd_file_names_become_valid_names_and_one_line_messages(tmp_path):
    odd = os.fsencode(tmp_path) + b"/caf\xe9 <tab\t> {x}|^`\\ 100% #1.txt"
    with open(odd, "wb") as fh:
        fh.write(STORY.encode())
    bad = os.fsencode(tmp_path) + b"/bad\nname.txt"
    with open(bad, "wb") as fh:
        fh.write(b"")
    articles, skipped = _read_all([tmp_path])
    assert [a.source_name for a in articles] == ["caf\ufffd <tab\t> {x}|^`\\ 100% #1.txt"]
    assert len(skipped) == 1 and "bad\\nname.txt: empty" in skipped[0] and "\n" not in skipped[0]


def test_stdin_is_read_as_bytes(monkeypatch):
    data = gzip.compress(ACCENTED.encode("utf-16"))
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    (article,) = list(read_articles(["-"]))
    assert (article.source_name, article.text) == ("stdin", ACCENTED)


# ------------------------------------------------------------------ chunks

_PIECES = st.sampled_from(["Telegram opened an office. ", "Meta was fined!\n", "\n\n", "\n \n", " ", "word",
                           "e\u0301", "👍🏽", "x" * 30, "Kazakhstan?” ", "\t"])


@given(st.lists(_PIECES, max_size=60).map("".join), st.integers(1, 80))
def test_chunks_cover_the_text_with_exact_offsets(text, max_chars):
    pieces = chunks(text, max_chars)
    assert "".join(c for _, c in pieces) == text
    position = 0
    for offset, chunk in pieces:
        assert offset == position and text[offset:offset + len(chunk)] == chunk
        assert len(chunk) <= max_chars
        assert chunk or len(pieces) == 1
        position += len(chunk)


def test_chunks_end_at_paragraphs_then_sentences_then_spaces():
    paragraphs = ["First paragraph one. Two.", "Second paragraph is here.", "Third."]
    text = "\n\n".join(paragraphs)
    assert [c for _, c in chunks(text, 56)] == ["First paragraph one. Two.\n\nSecond paragraph is here.\n\n",
                                                "Third."]
    assert [c for _, c in chunks(text, 30)] == ["First paragraph one. Two.\n\n", "Second paragraph is here.\n\n",
                                                "Third."]
    giant = "Sentence number one is here. Sentence two follows it. " * 3
    assert all(c.endswith(". ") for _, c in chunks(giant, 60)[:-1])
    words = "abc " * 30
    assert all(c.endswith(" ") for _, c in chunks(words, 10)[:-1])
    assert chunks("x" * 25, 10) == [(0, "x" * 10), (10, "x" * 10), (20, "x" * 5)]
    assert chunks("", 10) == [(0, "")]


def test_chunks_do_not_split_a_combining_sequence():
    text = "e\u0301" * 10
    assert all(not c.startswith("\u0301") for _, c in chunks(text, 5))


def test_chunks_let_spacy_process_a_text_over_its_max_length(nlp):
    from kgbuild.extract import doc_to_records

    text = "\n\n".join(f"Telegram opened office number {i} in Kazakhstan. Meta was fined in Turkey." for i in range(40))
    article = Article.from_text("long.txt", text)
    saved = nlp.max_length
    nlp.max_length = 500
    try:
        with pytest.raises(ValueError, match="E088"):
            nlp(text)
        found = []
        for offset, chunk in chunks(article.text, nlp.max_length):
            rec = doc_to_records(nlp(chunk), article, offset=offset)
            found += [ev for e in rec.entities.values() for ev in e.evidence]
    finally:
        nlp.max_length = saved
    assert sum(ev.text == "Kazakhstan" for ev in found) == 40
    assert all(article.text[ev.start:ev.end] == ev.text for ev in found)


@pytest.mark.slow
def test_build_of_an_article_longer_than_a_million_characters(tmp_path):
    import pyoxigraph as ox

    from kgbuild.build import build

    sentences = ["Telegram opened an office in Kazakhstan.", "Meta was fined 5 million dollars in Turkey.",
                 "Pavel Durov is the chief executive of Telegram.", "TikTok has 20 million users in Brazil."]
    paragraph = " ".join(sentences * 3)
    text = "\n\n".join(f"{paragraph} Paragraph {i}." for i in range(1_000_100 // len(paragraph) + 1))
    assert len(text) > 1_000_000
    src = tmp_path / "long.txt"
    src.write_text(text, "utf-8")
    out = tmp_path / "long.ttl"
    summary = build([src], output=out)
    assert summary.documents == 1 and not summary.skipped
    store = ox.Store()
    store.load(path=str(out), format=ox.RdfFormat.TURTLE)
    ends = [int(row["end"].value) for row in store.query(
        "PREFIX kg: <https://w3id.org/kgbuild/ontology#> SELECT ?end WHERE { ?e a kg:Evidence ; kg:endChar ?end }")]
    assert max(ends) > 900_000  # evidence found near the end, with whole-text offsets


@pytest.mark.skipif(not os.path.exists("/proc/self/mem"), reason="needs Linux /proc")
def test_a_file_that_fails_to_read_is_skipped_even_as_root(tmp_path):
    (tmp_path / "good.txt").write_text(STORY)
    articles, skipped = _read_all([tmp_path / "good.txt", "/proc/self/mem"])
    assert [a.source_name for a in articles] == ["good.txt"]
    assert skipped == ["/proc/self/mem: cannot read (Input/output error); check the file and its permissions"]
