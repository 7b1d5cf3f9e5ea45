"""A synthetic news corpus of any size, for throughput benchmarks.

Articles are assembled from sentence templates written for this generator (no
text is copied from real articles), filled with platform, regulator and country
names from kgbuild's gazetteers and person names of the generator's own
invention.  The templates cover what the extractors look for (titles, ownership,
offices, regulator actions, usage and fines) mixed with plain filler prose, so
the pipeline does realistic work on every sentence.

Article ``i`` depends only on ``(seed, i)``: the first 1,000 articles of a
20,000-article corpus are the 1,000-article corpus, so sizes compare like for like.

Usage::

    python benchmarks/corpus.py OUT_DIR --size 1000 [--seed 7]
"""

from __future__ import annotations

import argparse
import csv
import random
import re
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

FIRST = ["Amara", "Bastien", "Chiara", "Dmitri", "Elif", "Farid", "Greta", "Hiroshi", "Ines", "Jonas",
         "Kavya", "Lucas", "Marta", "Nikolai", "Olena", "Pedro", "Quentin", "Rania", "Sven", "Tomasz",
         "Ulla", "Viktor", "Wen", "Ximena", "Yusuf", "Zofia", "Anders", "Beatriz", "Cyrus", "Dalia"]
LAST = ["Okafor", "Lindqvist", "Moreau", "Petrenko", "Yilmaz", "Haddad", "Novak", "Tanaka", "Ferreira",
        "Kowalczyk", "Brennan", "Castellanos", "Duarte", "Eriksen", "Galloway", "Hartmann", "Iyer",
        "Jovanovic", "Kaur", "Larsen", "Mbeki", "Nakamura", "Oyelaran", "Pastor", "Rasmussen", "Sato"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]
CURRENCIES = ["$", "€", "£"]
TOPICS = ["illegal content", "user data", "child safety", "election advertising", "hate speech",
          "age verification", "copyright claims", "data transfers", "encrypted messages", "paid promotions"]
LAWS = ["the Digital Services Act", "the Online Safety Act", "a new data protection law",
        "the national communications code", "the consumer protection statute", "its platform law"]

# {p} platform, {q} second platform, {r} regulator, {c} country, {n} person, {m} month,
# {d} day, {y} year, {a} amount, {k} count, {t} topic, {l} law, {cur} currency.
LEADS = [
    "{r} fined {p} {cur}{a} million on {m} {d}, {y}, over its handling of {t}.",
    "{p} has agreed to open an office in {c} after months of talks with {r}.",
    "Authorities in {c} blocked access to {p} on {m} {d}, citing {t}.",
    "{r} has ordered {p} to remove posts related to {t} within 24 hours.",
    "{p} will appoint a local representative in {c}, the company said on {m} {d}.",
    "{r} opened an investigation into {p} over {t} in {m} {y}.",
]
BODY = [
    "{p} CEO {n} said the company would cooperate with {r}.",
    "{n}, the founder of {p}, declined to comment on the decision.",
    "{p} has more than {k} million users in {c}, according to the regulator.",
    "The penalty of {cur}{a} million is one of the largest {r} has imposed this year.",
    "{q}, which is owned by {p}, faces similar scrutiny in {c}.",
    "{r} said {p} had failed to respond to repeated requests about {t}.",
    "Under {l}, platforms operating in {c} must publish reports on {t} every six months.",
    "{p} said it had removed {k} thousand accounts linked to {t} since {m}.",
    "The chair of {r}, {n}, told reporters that further steps were possible.",
    "Lawmakers in {c} have urged {r} to move faster against {p}.",
    "{p} plans to hire {k} staff for its new office in {c}.",
    "Critics argue that the rules on {t} are vague and hard to enforce.",
    "The company has 30 days to appeal the ruling before a court in {c}.",
    "Analysts expect the dispute to weigh on the company's advertising revenue in the region.",
    "Industry groups warned that the measures could slow the launch of new features.",
    "Digital rights organisations said the order set a worrying precedent for online speech.",
    "Officials stressed that the review would continue regardless of the outcome of the talks.",
    "A spokesperson for {p} said the service remained available to most customers.",
    "{r} is expected to publish its final decision on {t} by {m} {y}.",
    "{p} was fined {cur}{a} million by {r} in {y} for breaching rules on {t}.",
    "{n}, minister of digital affairs of {c}, welcomed the agreement with {p}.",
    "Smaller rivals such as {q} have seen their downloads in {c} rise by {k} percent.",
    "The regulator's report found {k} cases of {t} that went unanswered for weeks.",
    "Observers note that enforcement has become stricter since {l} came into force.",
]
CLOSERS = [
    "Neither side has said when the talks will resume.",
    "The case is likely to be watched closely by regulators elsewhere.",
    "{p} did not respond to a request for comment.",
    "{r} said it would keep monitoring the situation closely.",
    "The next hearing is scheduled for {m} {y}.",
]
TITLES = [
    "{r} fines {p} over {t}",
    "{p} to open office in {c}",
    "{c} moves against {p} as pressure on platforms grows",
    "{p} faces new scrutiny from {r}",
    "{r} and {p} clash over {t}",
]


_PLURAL_OR_UNION = re.compile(r"^(United |Netherlands|Philippines|Bahamas|Gambia|Maldives|Czech Republic|"
                              r"Dominican Republic|Central African Republic|Democratic Republic|European |"
                              r"Comoros|Seychelles|Solomon Islands|Marshall Islands)")


def _the(name: str, body: bool = False) -> str:
    """``name`` as it reads mid-sentence: "the Netherlands", "France"; with ``body``
    (regulators, courts) every multi-word name takes "the": "the Federal Trade Commission", "Ofcom"."""
    if name.startswith("The "):
        return "the" + name[3:]
    if _PLURAL_OR_UNION.match(name) or (body and " " in name):
        return "the " + name
    return name


def _names(filename: str, column: int = 0) -> list[str]:
    text = resources.files("kgbuild").joinpath("data", filename).read_text("utf-8")
    rows = csv.reader([ln for ln in text.splitlines()[1:] if ln.strip() and not ln.startswith("#")],
                      delimiter="\t", quoting=csv.QUOTE_NONE)
    return [r[column].strip() for r in rows if r and r[column].strip()]


@dataclass(frozen=True)
class Vocabulary:
    """The names the templates are filled with."""

    platforms: list[str]
    regulators: list[tuple[str, str]]  # (regulator, its country)
    countries: list[str]

    @classmethod
    def load(cls) -> Vocabulary:
        """Names from kgbuild's packaged gazetteers."""
        text = resources.files("kgbuild").joinpath("data", "regulators.tsv").read_text("utf-8")
        regs = []
        for line in text.splitlines()[1:]:
            cells = line.split("\t")
            if line.strip() and not line.startswith("#") and len(cells) >= 3 and cells[2].strip():
                regs.append((cells[0].strip(), cells[2].strip()))
        return cls(_names("platforms.tsv"), regs, _names("countries.tsv"))


def article(i: int, seed: int = 7, vocab: Vocabulary | None = None) -> tuple[str, str]:
    """The ``i``-th article of the corpus ``seed``: (file name, text)."""
    vocab = vocab or Vocabulary.load()
    rnd = random.Random(f"{seed}:{i}")
    p, q = rnd.sample(vocab.platforms, 2)
    r, c = rnd.choice(vocab.regulators)
    if rnd.random() < 0.3:
        c = rnd.choice(vocab.countries)

    def fill(template: str) -> str:
        text = template.format(
            p=p, q=q, r=_the(r, body=True), c=_the(c), n=f"{rnd.choice(FIRST)} {rnd.choice(LAST)}", m=rnd.choice(MONTHS),
            d=rnd.randint(1, 28), y=rnd.randint(2015, 2025), a=rnd.choice(["1.2", "4", "12.5", "35", "270", "500"]),
            k=rnd.randint(2, 90), t=rnd.choice(TOPICS), l=rnd.choice(LAWS), cur=rnd.choice(CURRENCIES))
        return text[0].upper() + text[1:]

    # Body sentences are dealt from a shuffled deck so an article repeats none until all are used.
    deck: list[str] = []

    def deal(n: int) -> str:
        out = []
        for _ in range(n):
            if not deck:
                deck.extend(rnd.sample(BODY, len(BODY)))
            out.append(fill(deck.pop()))
        return " ".join(out)

    title = fill(rnd.choice(TITLES))
    paragraphs = [fill(rnd.choice(LEADS)) + " " + deal(2)]
    for _ in range(rnd.randint(3, 6)):
        paragraphs.append(deal(rnd.randint(2, 5)))
    paragraphs.append(fill(rnd.choice(CLOSERS)))
    return f"article-{i:06d}.txt", title + "\n\n" + "\n\n".join(paragraphs) + "\n"


def articles(size: int, seed: int = 7) -> Iterator[tuple[str, str]]:
    """The first ``size`` articles of corpus ``seed``, lazily."""
    vocab = Vocabulary.load()
    for i in range(size):
        yield article(i, seed, vocab)


def write_corpus(directory: str | Path, size: int, seed: int = 7) -> Path:
    """Write ``size`` articles as ``.txt`` files into ``directory`` (created); return it."""
    out = Path(directory)
    out.mkdir(parents=True, exist_ok=True)
    for name, text in articles(size, seed):
        (out / name).write_text(text, encoding="utf-8")
    return out


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", help="folder to write the articles into")
    parser.add_argument("--size", type=int, default=1000, help="number of articles (default 1000)")
    parser.add_argument("--seed", type=int, default=7, help="corpus seed (default 7)")
    args = parser.parse_args(argv)
    write_corpus(args.out, args.size, args.seed)
    print(f"wrote {args.size} articles to {args.out}")


if __name__ == "__main__":
    main()
