"""Helpers over the dependency parse shared by the relation and metric components:
which mention a token belongs to, lists ("X, Y and Z", "platforms including X"),
anaphors ("the company", "it") and the document's focus country."""

from __future__ import annotations

import functools
import threading
from collections import Counter

from spacy.tokens import Doc, Token

from .. import gazetteer
from .mentions import EntityRef, Mention

#: Nouns that stand for a platform already named ("the app", "the company").
ANAPHORS = {"platform", "app", "company", "firm", "giant", "service", "messenger", "network",
            "site", "it", "its", "they", "their", "group", "retailer", "marketplace", "exchange", "operator", "wallet"}
#: Parts of a platform that stand for it when acted on ("X's services were suspended").
FACETS = {"services", "service", "app", "apps", "operations", "accounts", "account", "platform",
          "website", "site", "network", "servers", "products", "business", "use", "activities", "access",
          # what a regulator examines: "whether X's marketplace rules comply", "a probe into X's pricing"
          "rules", "practice", "practices", "policies", "policy", "terms", "conduct", "compliance", "algorithm",
          "algorithms", "pricing", "fees", "ads", "advertising", "marketplace", "store", "handling", "treatment", "systems",
          # what a regulator grants, renews or takes away: "renewed the licence of X", "X's permit was revoked"
          "licence", "license", "licences", "licenses", "permit", "permits", "registration", "authorisation",
          "authorization",
          # where a regulator's inspectors go: "searched X's Lisbon office"
          "office", "offices", "headquarters", "premises"}
#: Kinds of platform a description names ("SpaceX's satellite service", "Google's video site").
_DESCRIBED_KINDS = {"service", "app", "platform", "site", "network", "messenger", "marketplace", "wallet", "store"}
#: People who stand for their company when acted on ("summoned executives of X and Y").
DELEGATES = {"representatives", "representative", "executives", "executive", "officials", "bosses", "heads",
             "lawyers", "managers", "staff", "employees", "delegation", "delegates", "team", "inspectors",
             "investigators", "officers", "agents", "auditors", "inspection",
             # (plural only: "Meta, the owner / operator of Facebook" is Meta)
             "operators"}
#: Heads of money phrases the parser may make the object of a sanction verb.
MONEY_HEADS = {"won", "yen", "euros", "dollars", "pounds", "rupees", "reais", "lira", "liras", "yuan",
               "roubles", "rubles", "naira", "rand", "pesos", "shillings", "million", "billion"}
#: Words introducing examples of a generic noun ("platforms including X and Y").
EXAMPLE_PREPS = {"including", "like", "such", "as", "namely", "especially"}
#: Plural nouns whose examples stand for them ("platforms including X and Y").
GENERIC_PLURALS = {"platforms", "companies", "firms", "apps", "networks", "services", "sites", "giants",
                   "providers", "messengers", "operators", "websites", "exchanges", "wallets", "marketplaces",
                   "casinos", "bookmakers", "brands", "stores"}


def _examples_of(t: Token) -> list[Token]:
    """The examples listed for a generic noun: "platforms including X", "like X", "such as X"."""
    out = []
    for child in t.children:
        if child.dep_ == "prep" and child.lower_ in EXAMPLE_PREPS:
            out += [p for p in child.children if p.dep_ == "pobj"]
            # "such as X": spaCy hangs "as" under "such"
            out += [p for c in child.children if c.dep_ == "prep" for p in c.children if p.dep_ == "pobj"]
        if child.dep_ == "amod" and child.lower_ == "such":
            out += [p for sib in t.children if sib.dep_ == "prep" and sib.lower_ == "as"
                    for p in sib.children if p.dep_ == "pobj"]
            out += [p for c in child.children if c.dep_ == "prep" and c.lower_ == "as"
                    for p in c.children if p.dep_ == "pobj"]
    return out


# The Doc last seen by doc_tokens() / MentionIndex.of() and what was worked out for it.
# Components run one Doc at a time, so one entry serves every rule of all three; one per
# thread, since a Dask worker may run several pipelines side by side.
_local = threading.local()


def _last() -> list:
    """This thread's [doc, its tokens and sentences, (mentions list, count, MentionIndex), its text]."""
    last = getattr(_local, "last", None)
    if last is None:
        last = _local.last = [None, None, None, None]
    return last


def doc_tokens(doc: Doc) -> tuple[list[Token], list, list[int]]:
    """``doc``'s tokens, sentences and each token's sentence number, made once per Doc.

    spaCy makes a new Token object on every ``doc[i]`` and every iteration, and a new
    Span list for every ``doc.sents``; the extractor's rules share these instead.
    """
    last = _last()
    if last[0] is not doc or len(last[1][0]) != len(doc):
        tokens = list(doc)
        sents = list(doc.sents) if len(doc) else []
        sent_of = [0] * len(doc)
        for k, s in enumerate(sents):
            sent_of[s.start:s.end] = [k] * (s.end - s.start)
        last[:] = [doc, (tokens, sents, sent_of), None, None]
    return last[1]


def doc_text(doc: Doc) -> str:
    """``doc.text``, made once per Doc (spaCy joins it afresh, a Token per token, on every call)."""
    doc_tokens(doc)
    last = _last()
    if last[3] is None:
        last[3] = doc.text
    return last[3]


class MentionIndex:
    """Token → mention lookups for one Doc."""

    @classmethod
    def of(cls, doc: Doc) -> MentionIndex:
        """The index of ``doc``'s current ``kg_mentions``, shared by the components that read them."""
        tokens = doc_tokens(doc)
        mentions = doc._.kg_mentions
        last = _last()
        cached = last[2]
        if cached is not None and cached[0] is mentions and cached[1] == len(mentions or ()):
            return cached[2]
        idx = cls(doc, tokens)
        last[2] = (mentions, len(mentions or ()), idx)
        return idx

    def __init__(self, doc: Doc, tokens: tuple[list[Token], list, list[int]] | None = None):
        self.doc = doc
        self.tokens, self.sents, self._sent_of = tokens or doc_tokens(doc)
        self.mentions: list[Mention] = list(doc._.kg_mentions or [])
        self.by_token: dict[int, Mention] = {}
        for m in self.mentions:
            for i in range(m.start, m.end):
                self.by_token[i] = m
        self._focus = None

    def at(self, tok: Token | None) -> Mention | None:
        """The mention covering ``tok``."""
        return None if tok is None else self.by_token.get(tok.i)

    def of_class(self, cls: str) -> list[Mention]:
        """Mentions of one class, in text order."""
        return [m for m in self.mentions if m.cls == cls]

    def last_before(self, anchor: Token, end: int, classes: set[str]) -> Mention | None:
        """The last mention of ``classes`` in ``anchor``'s sentence that ends by token ``end``."""
        start = self.sents[self.sent_index(anchor)].start
        return next((m for m in reversed(self.mentions) if m.cls in classes and start <= m.start and m.end <= end),
                    None)

    def described_platform(self, tok: Token) -> tuple[Mention, Mention] | None:
        """``(platform, owner)`` when ``tok`` heads a description of a platform named just before by
        its owner's possessive and its kind: "Starlink ..., and SpaceX's satellite service now has
        12,000 subscribers" (a bare facet, "X's services", is X's own)."""
        if tok.pos_ != "NOUN" or tok.lower_ not in _DESCRIBED_KINDS or self.at(tok) is not None or tok.dep_ == "appos":
            return None  # (an apposition describes the name it follows: the ownership rules read it)
        nxt = self.by_token.get(tok.i + 1)
        if nxt is not None or any(c.dep_ in {"compound", "appos"} and self.at(c) is not None for c in tok.children) \
                or any(c.lower_ in {"sister", "rival", "former", "sibling"} for c in tok.children):
            return None  # "Meta's text-based platform Threads" names it; "Temu's sister app" is not Temu's
        owner = next((self.at(c) for c in tok.children if c.dep_ == "poss" and self.at(c) is not None), None)
        if owner is None or owner.cls not in {"Platform", "Organization"} or not any(
                c.dep_ in {"compound", "amod"} and c.is_lower and c.lower_ not in {"own", "other", "main", "new"}
                for c in tok.children):
            return None
        sent = self.sents[self.sent_index(tok)]
        before = [m for m in self.mentions if m.cls == "Platform" and sent.start <= m.start and m.end <= owner.start
                  and m.key != owner.key]
        return (before[-1], owner) if before else None

    def in_subtree_head(self, tok: Token) -> Mention | None:
        """The mention at ``tok`` or in its compound / appositive / name children."""
        m = self.at(tok)
        if m is not None:
            return m
        # "parent firm Meta": the appositive names the referent; a compound only modifies it.
        ranked = sorted(tok.children, key=lambda c: c.dep_ != "appos")
        for child in ranked:
            if child.dep_ in {"compound", "appos", "nmod", "npadvmod"} and child.i > tok.i - 6:
                m = self.at(child)
                if m is not None:
                    return m
        described = self.described_platform(tok)
        if described is not None:
            return described[0]
        for child in tok.children:
            # "X's services were suspended": a platform's facet stands for the platform.
            if child.dep_ == "poss" and tok.lower_ in FACETS:
                m = self.at(child)
                if m is not None:
                    return m
        return None

    def expand(self, tok: Token, classes: set[str], anaphora: bool = True, examples: bool = True) -> list[Mention]:
        """Mentions of ``classes`` that ``tok`` stands for.

        Follows conjunctions ("X, Y and Z"), appositions, examples of a generic noun
        ("platforms including X and Y", "platforms like X") and, if ``anaphora``,
        resolves "the company" / "it" to the salient platform.
        """
        out: list[Mention] = []
        seen: set[int] = set()

        def add(m: Mention | None) -> bool:
            if m is not None and m.cls in classes and id(m) not in seen:
                seen.add(id(m))
                out.append(m)
                return True
            return False

        def walk(t: Token, depth: int = 0) -> None:
            if depth > 8:
                return
            found = add(self.in_subtree_head(t))
            if not found and (t.lower_ in FACETS or t.lower_ in DELEGATES):
                # "blocked access to X, Y and Z", "summoned executives of / from X"
                preps = {"to", "of"} if t.lower_ in FACETS else {"of", "from", "at"}
                for prep in t.children:
                    if prep.dep_ == "prep" and prep.lower_ in preps:
                        for pobj in prep.children:
                            if pobj.dep_ == "pobj":
                                walk(pobj, depth + 1)
            if not found and (t.pos_ == "NUM" or t.like_num or t.lower_ in MONEY_HEADS):
                # "fined Google 69.2 billion won": the parser hangs the target inside the amount
                for m in self.before_number(t):
                    found = add(m) or found
            if not found and examples and (t.lemma_.lower() in ANAPHORS or t.lower_ in GENERIC_PLURALS):
                for ex in _examples_of(t):
                    walk(ex, depth + 1)
            if not found and t.dep_ == "appos" and depth == 0:
                # "the exchange that operates in Peru", said of "Buda, the exchange": its antecedent
                found = add(self.in_subtree_head(t.head))
            if not found and anaphora and t.lower_ == "it" and t.dep_ == "nsubj" and t.head.dep_ == "ccomp" \
                    and t.head.head.dep_ == "relcl" and any(c.dep_ == "nsubj" and c.lower_ in {"which", "that"}
                                                             for c in t.head.head.children):
                # "Google's YouTube, which says it has 9 million users": the name the clause describes
                found = add(self.in_subtree_head(t.head.head.head))
            # "fined online retailer Rozetka 28.4 million hryvnias": a noun with no determiner describes
            # the name right after it (however the parser hangs the name), not one named before
            described = t.pos_ == "NOUN" and t.lower_ in ANAPHORS and t.i + 1 < len(self.tokens) \
                and self.tokens[t.i + 1].pos_ == "PROPN" and (
                    not any(c.dep_ in {"det", "poss"} for c in t.children)
                    # "fined the digital wallet Khalti": a title-case name right after, unknown or not
                    or (t.i + 1 in self.by_token and self.by_token[t.i + 1].start == t.i + 1)
                    or self.tokens[t.i + 1].is_title and self.tokens[t.i + 1].head.i == t.i
                    and self.tokens[t.i + 1].dep_ in {"appos", "compound", "npadvmod"})
            if not found and described and t.i + 1 in self.by_token:
                found = add(self.by_token[t.i + 1])
            if not found and anaphora and "Platform" in classes and t.lower_ in {"both", "they"} \
                    and t.dep_ in {"nsubj", "nsubjpass"}:
                # "Telebirr and M-Pesa compete. Both are supervised by the central bank": the
                # platforms named together just before
                for m in self.salient_group("Platform", t):
                    found = add(m) or found
            if not found and anaphora and not described and "Platform" in classes and t.lower_ in ANAPHORS \
                    and t.tag_ not in {"NNS", "NNPS"} and not any(
                        c.dep_ == "det" and c.lower_ in {"a", "an", "any", "every", "each", "no", "another"}
                        for c in t.children):
                # (not "a digital platform", "any app": a kind, not one named before)
                add(self.salient("Platform", t))
            for child in t.children:
                if child.dep_ == "appos" and self.at(child) is None and self.at(t) is not None \
                        and any(c.dep_ == "poss" for c in child.children):
                    continue  # "Starlink, SpaceX's satellite service": the possessor owns it, is not it
                if child.dep_ in {"conj", "appos"}:
                    walk(child, depth + 1)

        walk(tok)
        return out

    def before_number(self, t: Token) -> list[Mention]:
        """Mentions in ``t``'s subtree before its first number ("Google 69.2 billion won")."""
        out = []
        for u in t.subtree:
            if u.like_num or u.i >= t.i:
                break
            m = self.at(u)
            if m is not None and m not in out:
                out.append(m)
        return out

    def sent_index(self, tok: Token) -> int:
        """The index in ``self.sents`` of the sentence holding ``tok``."""
        return self._sent_of[tok.i] if tok.i < len(self._sent_of) else 0

    def salient(self, cls: str, before: Token, window: int = 3) -> Mention | None:
        """The most recent mention of ``cls`` before ``before``, preferring sentence subjects,
        within ``window`` sentences (one-word answers, subheads and stray quotes not counted)."""
        sents = self.sents
        k = self.sent_index(before) + 1
        while window > 0 and k > 0:
            k -= 1
            s = sents[k]
            if not _aside_line(s) or s.start <= before.i < s.end:
                window -= 1
            cands = [m for m in self.mentions if m.cls == cls and s.start <= m.start < s.end and m.start < before.i
                     and not self._owner_aside(m)]
            if not cands:
                continue
            subj = [m for m in cands if self.doc[m.start:m.end].root.dep_ in {"nsubj", "nsubjpass"}]
            return (subj or cands)[-1]
        return None

    def salient_group(self, cls: str, before: Token) -> list[Mention]:
        """The mentions of ``cls`` named together (one conjoined in the other) in the nearest sentence
        before ``before`` that names any, or [] if that sentence names one or none together."""
        k = self.sent_index(before)
        for j in range(k - 1, max(-1, k - 3), -1):
            s = self.sents[j]
            cands = [m for m in self.mentions if m.cls == cls and s.start <= m.start < s.end]
            if not cands:
                continue
            roots = {self.tokens[m.end - 1].i for m in cands}

            def linked(root: Token) -> bool:  # its head or a child is another mention's root
                return root.head.i != root.i and root.head.i in roots or any(c.i in roots for c in root.children)

            group = [m for m in cands if linked(self.tokens[m.end - 1])]
            return group if len({m.key for m in group}) > 1 else []
        return []

    def agent_verb(self, m: Mention) -> Token | None:
        """The verb ``m`` is the "by" agent of ("owned by X"), or None."""
        root = self.doc[m.start:m.end].root
        by = root.head
        return by.head if root.dep_ == "pobj" and by.dep_ == "agent" else None

    def _owner_aside(self, m: Mention) -> bool:
        # "The app, owned by ByteDance, said it…", "X, which is owned by Y, said it…": the
        # owner is named in passing, as the agent of a clause describing something else;
        # "it" is not about it.
        verb = self.agent_verb(m)
        if verb is not None and verb.dep_ in {"acl", "relcl"}:
            return True
        root = self.tokens[m.end - 1]
        if root.dep_ == "nsubj" and root.head.dep_ == "relcl" \
                and lemma_in(root.head, {"own", "buy", "acquire", "control"}):
            return True  # "Daraz, which China's Alibaba bought in 2018, said ...": the owner in passing
        # "Starlink, SpaceX's satellite service, ...": the possessor inside an apposition
        if root.dep_ == "poss" and root.head.dep_ == "appos":
            return True
        # "The ByteDance-owned app has 14 million users": the owner modifies the app's description
        return root.dep_ in {"npadvmod", "compound"} and root.head.lower_ in {"owned", "backed", "controlled"}

    def subject_before(self, before: Token, classes: set[str], window: int = 2) -> Mention | None:
        """The mention of ``classes`` that is the subject of the nearest sentence before ``before``
        (its own sentence first), within ``window`` sentences: what "its" in "Its chief executive,
        X, said" most likely refers to."""
        k = self.sent_index(before)
        for j in range(k, max(-1, k - window - 1), -1):
            s = self.sents[j]
            subjects = [m for m in self.mentions if m.cls in classes and s.start <= m.start < s.end
                        and m.start < before.i and self.doc[m.start:m.end].root.dep_ in {"nsubj", "nsubjpass"}]
            if subjects:
                return subjects[-1]
        return None

    def focus_country(self) -> EntityRef | None:
        """The country the article is about: the most mentioned, counting demonyms, if clear."""
        if self._focus is None:
            name = focus_country(self.doc, self.mentions)
            self._focus = EntityRef("Country", name, name) if name else False
        return self._focus or None

    def country_ref(self, name: str) -> EntityRef:
        """An EntityRef for a canonical country name."""
        return EntityRef("Country", name, name)

    def place_of(self, tok: Token) -> EntityRef | None:
        """A country named by ``tok``: a mention, a demonym, or "the country"."""
        m = self.at(tok)
        if m is not None and m.cls == "Country":
            return m.ref
        gz = gazetteer.load()
        if tok.text in gz.adjectives:
            return self.country_ref(gz.adjectives[tok.text])
        if tok.lower_ in {"country", "nation"} and any(c.lower_ == "the" for c in tok.children):
            return self.focus_country()
        if tok.text[:1].isupper():
            # a city or region: "in Nairobi", "in Ho Chi Minh City", "in North Carolina"
            first = tok.i
            while first > 0 and tok.i - first < 4 and tok.doc[first - 1].text[:1].isupper() \
                    and tok.doc[first - 1].dep_ in {"compound", "nmod", "amod"}:
                first -= 1
            for k in range(first, tok.i + 1):
                country = gz.places.get(tok.doc[k:tok.i + 1].text)
                if country is not None:
                    return self.country_ref(country)
        if tok.lower_ in {"market", "markets"}:
            # "the Nigerian market", "the Indian market"
            for c in tok.children:
                if c.dep_ in {"amod", "compound", "poss"} and c.i != tok.i:
                    ref = self.place_of(c)
                    if ref is not None:
                        return ref
        return None

    def location_in(self, tok: Token, preps: frozenset[str] = frozenset({"in", "from", "across", "throughout",
                                                                          "within"})) -> EntityRef | None:
        """Country of an "in / from / across <country>" attached to ``tok`` or its verb."""
        places = self.locations_in(tok, preps)
        return places[0] if places else None

    def locations_in(self, tok: Token, preps: frozenset[str] = frozenset({"in", "from", "across", "throughout",
                                                                           "within"})) -> list[EntityRef]:
        """Countries of "in <country> (and <country>)" attached to ``tok`` or its nearest heads."""
        chain, t = [tok], tok
        while len(chain) < 4 and t.head.i != t.i and t.dep_ != "conj":
            t = t.head  # (a conjoined clause says something else: "is headquartered in X and opened ...")
            chain.append(t)
        for t in chain:
            for child in t.children:
                if child.dep_ == "prep" and child.lower_ in preps:
                    for pobj in child.children:
                        if pobj.dep_ == "pobj":
                            places = [self.place_of(x) for x in [pobj, *conjuncts(pobj)]]
                            places = [p for p in places if p is not None]
                            if not places and pobj.lemma_.lower() in _PLACE_NOUNS:
                                # "expanded into Moroccan cities", "in 30 Kenyan towns"
                                places = [p for c in pobj.children if c.dep_ in {"amod", "compound"}
                                          if (p := self.place_of(c)) is not None][:1]
                            if places:
                                return places
        return []


#: Nouns for the parts of a country a demonym says whose they are ("Moroccan cities").
_PLACE_NOUNS = {"city", "town", "region", "province", "state", "county", "district", "village"}


def conjuncts(tok: Token) -> list[Token]:
    """Tokens conjoined with ``tok`` ("Kenya and Ghana")."""
    out, stack = [], [tok]
    while stack:
        for c in stack.pop().children:
            if c.dep_ == "conj":
                out.append(c)
                stack.append(c)
    return out


def focus_country(doc: Doc, mentions: list[Mention]) -> str | None:
    """The country an article is about: mentioned most (names, demonyms, regulators'
    countries), at least twice and strictly more than any other; else None.

    A body found by its listed name or acronym counts once however often it recurs: its
    country is what the list says, not what the article says.
    """
    gz = gazetteer.load()
    counts: Counter[str] = Counter()
    covered = set()
    listed = set()
    for m in mentions:
        covered.update(range(m.start, m.end))
        if m.cls == "Country":
            counts[m.key] += 1
        elif m.country and not (m.rule in {"gazetteer", "acronym"} and m.key in listed):
            counts[m.country] += 1
            if m.rule in {"gazetteer", "acronym"}:
                listed.add(m.key)
    for tok in doc_tokens(doc)[0]:
        if tok.text in gz.adjectives and tok.i not in covered:
            counts[gz.adjectives[tok.text]] += 1
    ranked = counts.most_common(2)
    if ranked and ranked[0][1] >= 2 and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]):
        return ranked[0][0]
    return None


def clause_verb(tok: Token) -> Token:
    """The nearest verb (or the root) governing ``tok``."""
    t = tok
    while t.head.i != t.i and t.pos_ not in {"VERB", "AUX"} and not (t is not tok and _verb_tagged_noun(t)):
        t = t.head
    return t


def _verb_tagged_noun(t: Token) -> bool:
    # "says 1.2 million people use Snapchat": "use" tagged a noun, parsed as the verb it is
    return t.dep_ in {"ccomp", "relcl", "advcl", "conj"} and t.pos_ == "NOUN" \
        and {"nsubj", "dobj"} <= {c.dep_ for c in t.children}


#: Verbs whose object is the subject of their infinitive ("ordered X to remove").
OBJECT_CONTROL = frozenset({"order", "ask", "force", "require", "allow", "urge", "tell", "direct", "compel",
                            "instruct", "permit", "oblige", "push", "pressure", "authorize", "authorise"})


def nearest_subject(verb: Token, deps=frozenset({"nsubj"})) -> Token | None:
    """The child of ``verb`` that is its subject (one of ``deps``).

    Two subjects are a misparse, mostly of a wire dateline taken for a subject
    ("MOSCOW, Nov 12 - The watchdog said ..."): the one nearest before the verb is the real one.
    """
    subjects = [c for c in verb.children if c.dep_ in deps]
    if len(subjects) < 2:
        return subjects[0] if subjects else None
    # but a relative pronoun beside another subject is the subject ("X, which the agency
    # estimates is used by ...", "X, which 400,000 of us use")
    relative = next((c for c in subjects if c.lower_ in {"who", "which", "that"}), None)
    if relative is not None:
        return relative
    return max((c for c in subjects if c.i < verb.i), key=lambda c: c.i, default=subjects[0])


def subject_of(verb: Token) -> Token | None:
    """The subject of ``verb``, climbing xcomp / advcl / conj chains ("X agreed to open")."""
    v = verb
    for _ in range(5):
        if v.dep_ == "xcomp" and lemma_in(v.head, OBJECT_CONTROL):
            # "ordered the platform to block ...": the object of "ordered" does the blocking
            obj = next((c for c in v.head.children if c.dep_ in {"dobj", "dative"}), None)
            if obj is not None:
                return obj
        child = nearest_subject(v, {"nsubj", "nsubjpass", "csubj"})
        if child is not None:
            # "X, who founded Y": a relative pronoun stands for the noun the clause hangs on.
            if child.lower_ in {"who", "which", "that"} and v.dep_ == "relcl":
                return v.head
            if child.lower_ in {"who", "which"} and v.dep_ == "ccomp" and v.head.dep_ == "relcl" \
                    and child.i < v.head.i:
                return v.head.head  # "Telebirr, which the operator says has 54 million users"
            return child
        if v.dep_ in {"xcomp", "advcl", "conj", "pcomp", "ccomp", "acl", "acomp"} and v.head.i != v.i:
            v = v.head
            if v.dep_ == "pcomp" or v.pos_ in {"ADP", "SCONJ"}:
                v = v.head
            continue
        if v.dep_ == "relcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in v.children) \
                and v.head.head.i != v.head.i:
            v = v.head.head  # "the service has 90 days to erase ...": an infinitive on the verb's object
            continue
        break
    return None


def lemmas(tok: Token) -> frozenset[str]:
    """Candidate lemmas of ``tok``: the model's, plus suffix-stripped forms.

    The rule lemmatizer gets some verbs wrong ("fined" → "fin"), so lexicon
    look-ups check every plausible base form.
    """
    return _lemmas(tok.lemma_.lower(), tok.lower_)


@functools.lru_cache(maxsize=65536)
def _lemmas(lemma: str, w: str) -> frozenset[str]:
    out = {lemma, w}
    for suffix in ("ing", "ed", "es", "s", "d"):
        if w.endswith(suffix) and len(w) - len(suffix) >= 2:
            base = w[: -len(suffix)]
            out.add(base)
            if suffix in {"ing", "ed"}:
                out.add(base + "e")
                if len(base) > 2 and base[-1] == base[-2]:
                    out.add(base[:-1])
    if w.endswith("ied"):
        out.add(w[:-3] + "y")
    return frozenset(out)


# (lemma id, lower-case form id) → the candidates of lemmas(), the model's lemma first.
# The rules ask of every token, so the look-up is keyed by the ints a Token holds
# rather than by the strings it would have to fetch from the StringStore.
_candidates: dict[tuple[int, int], tuple[str, ...]] = {}


def _aside_line(sent) -> bool:
    """Whether a sentence is no sentence to count when looking back for what "it" or "the app"
    stands for: a one-word answer ("Very. The app arrived in 2018."), a marked-up subhead
    ("## A very big app"), a stray closing quote, or a quoted sentence with no one said to say it
    (the second sentence of a quote: talk, which the story's "its" does not look into)."""
    words = [t for t in sent if t.is_alpha]
    return not words or len(words) == 1 and words[0].pos_ in {"ADV", "INTJ"} or sent[0].text.startswith("#") \
        or _bare_quote(sent)


_QUOTES = {'"', "“", "”"}


def _bare_quote(sent) -> bool:
    toks = [t for t in sent if not t.is_space]
    if len(toks) < 3 or toks[0].text not in _QUOTES:
        return False
    # the closing quote may end the sentence or be split off into a "sentence" of its own
    later = [i for i, t in enumerate(toks[1:], 1) if t.text in _QUOTES]
    return not later or later == [len(toks) - 1] or later == [len(toks) - 2] and not toks[-1].is_alpha


def lemma_in(tok: Token, lexicon: set[str] | frozenset[str]) -> str | None:
    """The lemma of ``tok`` found in ``lexicon`` (the model's first), or None."""
    key = (tok.lemma, tok.lower)
    cands = _candidates.get(key)
    if cands is None:
        if len(_candidates) > 200_000:
            _candidates.clear()
        lemma = tok.lemma_.lower()
        cands = _candidates[key] = (lemma, *sorted(_lemmas(lemma, tok.lower_) - {lemma}))
    for cand in cands:
        if cand in lexicon:
            return cand
    return None
