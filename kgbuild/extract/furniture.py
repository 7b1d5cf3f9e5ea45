"""Page furniture: bylines, disclaimers, tag lists, author bios, share links.

News pages scraped to text carry lines that are not the story.  Entities found
there (the author, the publisher, "X" in "Follow us on X") would pollute the
graph, so the extractor skips every token inside a furniture line.
"""

from __future__ import annotations

import re

_LINE_PATTERNS = [
    re.compile(p, re.I)
    for p in (
        r"^\s*(disclaimer|copyright|all rights reserved|advertisement|sponsored|subscribe|sign up)\b",
        r"^\s*(©|\(c\)\s*\d{4})",  # ("©" is no word character: no \b after it)
        # a wire's standards line and an information-only disclaimer
        r"^\s*our standards\s*:",
        r"\bfor (general )?information(al)? purposes only\b",
        r"^\s*(photo|image|picture|video|source|credit|file photo)\s*(:|credit)",
        # a caption: "(File photo) Parcels at a depot. Photo: Agency", "... PHOTO: HERALD FILE"
        r"^\s*\((file )?(photo|image|picture)\)|\b(photo|image|picture|photograph)\s*:\s*\S[^.!?]{0,60}$",
        r"^\s*(related (articles|stories|posts|news)|read more|read also|also read|see also|more from)\b",
        # A link after a list label on the same line: "ALSO READ: <headline>", "Related: <a> · <b>"
        r"^\s*(also read|read also|read more|related|see also|more|recommended|trending)\s*:",
        # A list header on its own line: "Related:", "Related coverage:", "More stories"
        r"^\s*(related|more|recommended|trending|popular|latest)( \w+)?\s*:?\s*$",
        # Datelines and time stamps: "Published: 14 March 2025", "Thu, 12/12/2024 - 09:15 (GMT+7)"
        r"^\s*(published|updated|posted|last updated|first published|modified)\s*(:|on\b|at\b|by\b|\d)",
        r"^[^.!?]{0,60}\b\d{1,2}:\d{2}\b[^.!?]{0,40}$",
        r"^[^.!?]{0,40}\b\d{1,2}/\d{1,2}/\d{2,4}\b[^.!?]{0,40}$",
        r"^\s*(share|follow us|follow)( this| on)?\b.{0,60}$",
        r"^\s*(tags?|topics?|categories|category|filed under|keywords|more on)\s*:",
        r"\b(edited|written|reported|reviewed|fact[- ]checked) by\b.{0,80}$",
        r"\b\d+\s*min(ute)?s? read\b",
        r"^\s*by\s+[A-Z][\w.'-]+(\s+[A-Z][\w.'-]+){0,4}\s*(\||,|$)",
        r"^(\S+\s+){0,6}on (x|twitter|linkedin|facebook|instagram|threads|bluesky|mastodon|telegram|youtube)\s*$",
        # An author bio: "<Name> is a <...> writer / journalist / ..."
        r"^\s*[A-Z][\w.'-]+( [A-Z][\w.'-]+){0,3} (is|was) an? [^.]{0,80}\b(writer|journalist|reporter|editor|"
        r"correspondent|author|contributor|columnist|enthusiast|analyst at)\b",
        r"\b(this article|this content|the views expressed)\b.{0,120}\b(advice|opinion|endorse|not necessarily)\b",
        r"^\s*\(?\s*(with inputs from|inputs from|additional reporting by|reporting by|compiled by|"
        r"writing by|editing by|courtesy)\b",
    )
]

# A tag list: short, only capitalised words and separators, at least two separators.
_TAG_LIST = re.compile(r"^\s*[A-Z][\w&'-]*( [A-Z&][\w&'-]*)*(\s*[,|•·]\s*[A-Z][\w&'-]*( [A-Z&][\w&'-]*)*){2,}\s*$")


#: News agencies and wire services: credited as sources, not actors in a story.
NEWS_AGENCIES = frozenset({
    "Reuters", "AFP", "Agence France-Presse", "Agence France Presse", "AP", "Associated Press", "PTI",
    "Press Trust of India", "IANS", "ANI", "Asian News International", "UNI", "Xinhua", "TASS", "RIA Novosti",
    "Interfax", "Anadolu", "Anadolu Agency", "EFE", "Kyodo", "Kyodo News", "Yonhap", "dpa", "DPA", "ANSA",
    "Bernama", "Antara", "NAN", "News Agency of Nigeria", "APA", "Bloomberg News", "Dow Jones", "CNA",
    "WAM", "SPA", "MENA", "KUNA", "QNA", "IRNA", "PAP", "CTK", "BTA", "Belga", "Lusa", "Agencia Brasil",
    "Telam", "Notimex", "PA Media", "Canadian Press", "AAP", "Australian Associated Press",
})


def is_furniture(line: str) -> bool:
    """True if a line of an article is page furniture rather than story text."""
    stripped = line.strip()
    if not stripped:
        return False
    if _TAG_LIST.match(stripped):
        return True
    return any(p.search(stripped) for p in _LINE_PATTERNS)


def line_ranges(text: str, predicate) -> list[tuple[int, int]]:
    """Character ranges ``[start, end)`` of the lines of ``text`` for which ``predicate`` holds."""
    ranges = []
    pos = 0
    for line in text.splitlines(keepends=True):
        if predicate(line):
            ranges.append((pos, pos + len(line)))
        pos += len(line)
    return ranges


#: A line that opens a list of links ("Related:", "Read more:"): the list that follows is furniture too.
_LIST_HEADER = re.compile(r"^\s*(related|more|recommended|trending|popular|latest|read more|read also|also read|"
                          r"see also|more from|you may also like|most read|also in|also on|more in|more on|"
                          r"elsewhere|read next|further reading|top stories|editor'?s picks)\b[^.!?]{0,40}$", re.I)
_LIST_ITEM = re.compile(r"^\s*([-\u2013\u2014\u2022\u00b7\u25aa\u25ba\u203a\u00bb*>]|\d{1,2}[.)])\s+\S")
#: A line led by a link arrow ("› Wildfire season: latest advice"): a link to another page.
_LINK_ARROW = re.compile(r"^\s*[\u203a\u00bb\u2192]\s*\S")


def _link_like(line: str) -> bool:
    # A linked headline: short, no sentence punctuation at the end.
    return len(line.split()) <= 16 and line[-1:] not in ".!?\"\u201d"


def furniture_ranges(text: str) -> list[tuple[int, int]]:
    """Character ranges of the furniture lines of ``text``.

    Besides single furniture lines, the list of links under a header such as
    "Related:" (bulleted lines or headlines, up to the next ordinary paragraph)
    is furniture: other stories' headlines name other actors.
    """
    ranges = []
    pos = 0
    in_list = False
    for line in text.splitlines(keepends=True):
        stripped = line.strip()
        if in_list and stripped and not (_LIST_ITEM.match(line) or is_headline(line) or _link_like(stripped)):
            in_list = False
        if is_furniture(line) or (in_list and stripped) or _LINK_ARROW.match(line) and _link_like(stripped):
            ranges.append((pos, pos + len(line)))
        if _LIST_HEADER.match(stripped):
            in_list = True
        pos += len(line)
    return ranges


_WORD = re.compile(r"[^\W\d_][\w'\u2019-]*")


def is_headline(line: str) -> bool:
    """True for a Title-Cased line without final punctuation (a headline, a subhead).

    The statistical NER over-tags such lines ("Establish Office" as ORG), so only
    gazetteer names are trusted there.
    """
    stripped = line.strip()
    letters = [c for c in stripped if c.isalpha()]
    if len(letters) >= 4 and all(c.isupper() for c in letters) and stripped[-1:] not in ".!?":
        return True  # "KHALEEJ NOW", "META FINED IN IRELAND": a masthead or an all-caps headline
    words = [w for w in _WORD.findall(stripped) if len(w) > 3]
    if len(words) < 2 or stripped[-1:] in ".!?\"'\u201d:;,":
        return False
    upper = sum(1 for w in words if w[0].isupper())
    return upper / len(words) >= 0.6


def headline_ranges(text: str) -> list[tuple[int, int]]:
    """Character ranges of the headline lines of ``text``."""
    return line_ranges(text, is_headline)
