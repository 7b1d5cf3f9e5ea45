"""Page furniture, headlines and paragraph breaks: pure functions and hand-built Docs."""

import pytest
import spacy
from spacy.tokens import Doc

from kgbuild.extract.furniture import furniture_ranges, is_furniture, is_headline
from kgbuild.extract.paragraphs import mark_paragraphs


@pytest.mark.parametrize("line", [
    "By Amara Okoye",
    "Edited by Tom Price Updated 4 min read",
    "Disclaimer: This site does not give investment advice.",
    "© 2025 Harbour Times. All rights reserved.",
    "(c) 2024 Lagos Ledger",
    "Our Standards: The Meridian Wire Editorial Code.",
    "Court Watch summarises rulings for information purposes only.",
    "Photo: Wikimedia Commons",
    "Related Articles",
    "Tags: Kenya, Safaricom, Regulation",
    "Tech, Policy, World News",
    "Amara Okoye on X",
    "(With inputs from AFP)",
    "Amara Okoye is a senior writer covering fintech and policy.",
    "Share this article",
])
def test_furniture_lines(line):
    assert is_furniture(line)


@pytest.mark.parametrize("line", [
    "Kenya's regulator fined Safaricom on Monday.",
    "The ministry said the data was for information purposes, not enforcement.",
    "The company said it would appeal, according to a statement.",
    "Officials met representatives of Meta, Apple and X in Nairobi.",
])
def test_story_lines_are_not_furniture(line):
    assert not is_furniture(line)


def test_furniture_ranges_are_line_offsets():
    text = "Story starts here.\nBy Ann Lee\nStory goes on."
    assert furniture_ranges(text) == [(19, 30)]


@pytest.mark.parametrize("line, expected", [
    ("Spotify Agrees to Open Hub in Poland", True),
    ("A Key Step in Content Control", True),
    ("Spotify agrees to open a hub in Poland.", False),
    ("Regulators in Poland said Spotify would open a hub", False),
])
def test_headlines(line, expected):
    assert is_headline(line) is expected


def test_paragraph_breaks_start_sentences():
    words = ["Meta", "Fined", "in", "Ireland", "\n\n", "The", "regulator", "fined", "Meta", ".",
             "It", "will", "\n", "appeal", "."]
    spaces = [True, True, True, False, False, True, True, True, False, True, True, False, False, False, False]
    doc = Doc(spacy.blank("en").vocab, words=words, spaces=spaces)
    mark_paragraphs(doc)
    assert doc[5].is_sent_start            # after the blank line
    assert not doc[13].is_sent_start       # a hard-wrapped line continues the sentence


@pytest.mark.parametrize("line", [
    "Published: 14 March 2025, 16:05 GMT",
    "Fri, 07/03/2025 - 10:30 (GMT+3)",
    "Updated 3 June 2024 09:12",
    "Related coverage:",
])
def test_datelines_and_list_headers_are_furniture(line):
    assert is_furniture(line)


def test_updated_rules_in_a_sentence_are_story_text():
    assert not is_furniture("Updated rules require platforms to name a local officer.")
    assert not is_furniture("Meta fined 1.20 billion")


def test_a_list_of_links_under_a_header_is_furniture():
    text = ("The regulator fined Shopee.\n\nRelated:\n- Lazada opens hub in Manila\n"
            "\u2022 Grab Shares Slide After Results\n\nThe fine is the largest so far.\n")
    ranges = furniture_ranges(text)
    kept = "".join(text[a:b] for a, b in ranges)
    assert "Lazada" in kept and "Grab" in kept
    assert "The fine is the largest" not in kept and "fined Shopee" not in kept


def test_arrow_links_and_also_in_lists_are_furniture():
    from kgbuild.extract.furniture import furniture_ranges
    text = ("Story text here.\n\nRead next\n› Ferry fares: what the new price caps mean\n"
            "ALSO IN COURTS\n· Supreme Court reserves judgment on petitions\n· Bail refused in scheme case\n\n"
            "More story text, which goes on to say a great deal about the case.\n")
    flagged = [text[a:b].strip() for a, b in furniture_ranges(text)]
    assert "› Ferry fares: what the new price caps mean" in flagged
    assert "· Supreme Court reserves judgment on petitions" in flagged
    assert not any(line.startswith("More story text") for line in flagged), flagged
