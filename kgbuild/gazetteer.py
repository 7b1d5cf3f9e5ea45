"""General public-domain name lists: countries (with demonyms), places (cities and regions with
their country), platforms, regulators.

Loaded once from ``kgbuild/data/*.tsv``.  These say what a name *is*; they never
assert facts about it — every relation comes from the text.
"""

from __future__ import annotations

import csv
import functools
import re
import unicodedata
from dataclasses import dataclass, field
from importlib import resources


def normalize(text: str) -> str:
    """Fold a name for lookup: NFKC, case-folded, straight quotes, possessive,
    leading "the" and punctuation dropped, spaces collapsed."""
    t = unicodedata.normalize("NFKC", text).casefold()
    t = t.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')
    t = re.sub(r"^the\s+", "", t.strip())
    t = re.sub(r"'s\b|'\B", "", t)
    t = re.sub(r"[^\w\s]", " ", t)
    return re.sub(r"\s+", " ", t).strip()


@dataclass
class Gazetteer:
    """Lookup tables from surface forms (exact, case-sensitive) to canonical names."""

    platforms: dict[str, str] = field(default_factory=dict)
    countries: dict[str, str] = field(default_factory=dict)
    adjectives: dict[str, str] = field(default_factory=dict)
    regulators: dict[str, tuple[str, str]] = field(default_factory=dict)
    #: Forms several countries' bodies share ("CMA", "Competition Commission"): every (name, country),
    #: in file order; ``regulators`` holds the first.
    regulator_choices: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    country_adjective: dict[str, str] = field(default_factory=dict)
    places: dict[str, str] = field(default_factory=dict)  # "Nairobi" → "Kenya", "North Carolina" → "United States"

    def country_of(self, text: str) -> str | None:
        """Canonical country for a name, alias or adjective ("French" → "France")."""
        t = text.strip()
        if t.endswith(("'s", "\u2019s")):
            t = t[:-2]
        return self.countries.get(t) or self.adjectives.get(t)


def _rows(name: str):
    text = resources.files("kgbuild").joinpath("data", name).read_text("utf-8")
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
    reader = csv.reader(lines[1:], delimiter="\t", quoting=csv.QUOTE_NONE)
    for row in reader:
        yield [c.strip() for c in row]


def _split(cell: str) -> list[str]:
    return [a.strip() for a in cell.split("|") if a.strip()]


#: British and American spellings of words in bodies' English names.
_SPELLINGS = (("Defense", "Defence"), ("Organization", "Organisation"), ("Center", "Centre"),
              ("Labor", "Labour"), ("Program", "Programme"))


def _spellings(forms: list[str]) -> list[str]:
    """``forms``, each also in the other spelling of its British or American words."""
    out = list(forms)
    for form in forms:
        for a, b in _SPELLINGS:
            for x, y in ((a, b), (b, a)):
                if x in form.split() and (other := " ".join(y if w == x else w for w in form.split())) not in out:
                    out.append(other)
    return out


@functools.lru_cache(maxsize=1)
def load() -> Gazetteer:
    """The packaged gazetteer (cached)."""
    gz = Gazetteer()
    for row in _rows("countries.tsv"):
        name, aliases, adjectives = (row + ["", "", ""])[:3]
        for form in [name, *_split(aliases)]:
            gz.countries.setdefault(form, name)
        adjs = _split(adjectives)
        for adj in adjs:
            gz.adjectives.setdefault(adj, name)
        if adjs:
            gz.country_adjective.setdefault(name, adjs[0])
    for row in _rows("places.tsv"):
        name, country, aliases = (row + ["", "", ""])[:3]
        for form in [name, *_split(aliases)]:
            gz.places.setdefault(form, country)
    for row in _rows("platforms.tsv"):
        name, aliases = (row + ["", ""])[:2]
        for form in [name, *_split(aliases)]:
            gz.platforms.setdefault(form, name)
    for row in _rows("regulators.tsv"):
        name, aliases, country = (row + ["", "", ""])[:3]
        for form in _spellings([name, *_split(aliases)]):
            first = gz.regulators.setdefault(form, (name, country))
            if first != (name, country):
                choices = gz.regulator_choices.setdefault(form, [first])
                if (name, country) not in choices:
                    choices.append((name, country))
    return gz
