"""Relations between entities (spaCy component ``kg_relations``).

Rule families, each keyed to grammar rather than to wording:

* **titles** — a role word between or beside an organisation and a person:
  "<org> CEO <person>", "<person>, founder of <org>", "Minister of <x>, <person>";
* **ownership** — "<X> owner <Y>", "<Y>, the parent company of <X>", "<Y>-owned <X>",
  "<Y>'s other services such as <X>";
* **offices** — open / establish / set up / appoint an office or representative,
  with the platform as (climbed) subject and the country from "in <country>",
  "local" or "the country";
* **regulator actions** — a regulator (or a country acting as one) as the subject or
  passive agent of an enforcement or regulating verb, the platform or person as its
  object, list and anaphor expansion included;
* **jurisdiction** — the regulator's country from its name, a possessive or demonym;
* **operatesIn** — usage statements ("<N> <platform> users in <country>"), operations
  and services in a country, offices.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace

from spacy.language import Language
from spacy.tokens import Doc, Token

from .. import gazetteer
from .entities import HONORIFICS, ORGANISATION_HEADS, REGULATOR_HEADS, TITLE_WORDS
from ..gazetteer import normalize
from .grammar import (ANAPHORS, FACETS, OBJECT_CONTROL, MentionIndex, conjuncts, doc_text, doc_tokens, lemma_in,
                      nearest_subject, subject_of)
from .mentions import EntityRef, Mention, RelationHit

CEO_TITLES = {"ceo", "chief executive", "chief executive officer", "boss", "ceos", "chief executives",
              "co-ceo", "co-ceos"}
FOUNDER_TITLES = {"founder", "co-founder", "cofounder", "creator"}
HEAD_TITLES = {"minister", "chair", "chairman", "chairwoman", "chairperson", "head", "director", "superintendent",
               "president", "chief justice", "justice", "commissioner", "governor", "secretary",
               "prosecutor general", "director general", "director-general", "chief", "leader", "mayor",
               "intendente", "intendenta", "comptroller"}

OFFICE_NOUNS = {"office", "offices", "representative", "representatives", "representation",
                "entity", "branch", "headquarters", "subsidiary", "presence", "officer", "officers"}
OFFICE_VERBS = {"open", "establish", "set", "appoint", "assign", "name", "designate", "launch",
                "create", "register", "hire", "build", "have", "nominate", "install", "incorporate",
                "operate", "maintain", "run", "keep", "relocate", "move"}

ENFORCE_VERBS = {"fine", "ban", "block", "arrest", "charge", "sue", "investigate", "probe", "refer",
                 "prosecute", "penalize", "penalise", "sanction", "suspend", "raid", "indict",
                 "detain", "punish", "throttle", "restrict", "shut", "convict", "prohibit", "revoke",
                 "cancel", "rescind", "slow", "search"}
REGULATE_VERBS = {"order", "require", "instruct", "urge", "ask", "demand", "negotiate", "regulate",
                  "oversee", "allow", "authorize", "authorise", "approve", "license", "direct",
                  "compel", "designate", "mandate", "warn", "collaborate", "cooperate", "work",
                  "meet", "talk", "force", "oblige", "press", "pressure", "tell", "permit",
                  "clear", "lift", "unblock", "reinstate", "audit", "monitor", "supervise", "request",
                  "give", "grant", "send", "serve", "notify", "remind", "question", "query", "inspect",
                  "review", "examine", "assess", "scrutinise", "scrutinize", "advise", "caution", "engage", "renew",
                  "summon", "test", "check", "vet", "evaluate", "verify", "discuss", "consult",
                  # what a court or a regulator does with a platform's appeal or application
                  "reject", "dismiss", "uphold", "overturn", "quash", "hear", "annul", "deny", "refuse",
                  # "IMDA found that Apple's App Store met the requirements"
                  "find"}
SANCTION_NOUNS = {"fine", "penalty", "ban", "sanction", "suspension", "block", "charges", "lawsuit",
                  "investigation", "probe", "blockade", "cost", "costs", "damages", "penalties", "fines",
                  "proceedings", "action", "suit", "case", "prosecution", "inquiry", "enquiry", "complaint",
                  "sanctions", "bans", "investigations", "charge", "proceeding", "inspection", "inspections",
                  "raid", "raids", "inquiries", "probes"}
#: What a regulator sends or a platform receives short of a sanction: "issued a notice to X".
NOTICE_NOUNS = {"notice", "notices", "warning", "warnings", "order", "orders", "directive", "directives",
                "letter", "letters", "summons", "request", "requests", "demand", "demands", "deadline",
                "ultimatum", "guidelines", "instructions", "questions", "questionnaire"}
#: Verbs of dealings between two sides: "X is working with the regulator" (either side may be the subject).
MUTUAL_VERBS = {"work", "cooperate", "collaborate", "meet", "talk", "negotiate", "engage", "comply", "consult",
                "sign", "reach", "agree", "conclude", "settle", "strike"}
#: What a platform does towards its regulator: "submit plans to X", "register with X", "apply to X".
ANSWER_VERBS = {"submit", "report", "respond", "reply", "answer", "apply", "register", "file", "send", "provide", "pay",
                "notify", "disclose", "hand", "appear", "testify", "depose"}
IMPOSE_VERBS = {"impose", "levy", "issue", "slap", "hand", "announce", "file", "bring", "launch", "open", "order",
                "initiate", "start", "institute", "commence", "pursue"}
#: A platform on the receiving end: "X received a fine / a warning from the regulator".
RECEIVE_VERBS = {"receive", "get", "face", "incur", "draw", "earn", "secure", "obtain", "win", "gain", "grant"}
#: What a regulator grants: "X secured its registration", "Y won a licence".
LICENCE_NOUNS = {"licence", "license", "licences", "licenses", "registration", "approval", "authorisation",
                 "authorization", "permit", "permission", "nod", "clearance", "exemption", "accreditation"}

USAGE_NOUNS = {"users", "user", "subscribers", "customers", "accounts", "usage", "operations",
               "services", "presence", "downloads", "audience", "members", "market", "followers", "data"}
OPERATE_VERBS = {"operate", "launch", "serve", "expand", "resume", "enter", "return", "suspend",
                 "block", "ban", "restrict", "use", "access", "available", "leave", "exit", "quit",
                 "run", "offer", "sell", "deliver", "ship", "provide", "host", "compete", "active", "present",
                 "dominate"}

#: What a platform asks of a court or a regulator ("rejected Tigo's challenge to the fine").
_APPEAL_NOUNS = {"appeal", "appeals", "challenge", "challenges", "application", "applications", "request", "requests",
                 "bid", "petition", "amparo", "objection", "objections", "plea", "complaint", "claim", "motion"}

#: Nouns for the body a person leads ("her office", "his ministry").
_BODY_NOUNS = {"office", "agency", "ministry", "department", "authority", "commission", "regulator", "watchdog",
               "bureau", "team", "inspectorate"}

#: A short description of a platform, in the lower-cased words between two names ("the food-delivery
#: app ", "a travel site "), optional.
_DESCRIPTION = r"(?:(?:the|a|an) [a-z][\w-]*(?: (?:[a-z][\w-]*|-)){0,4} )?"

#: Classes of what a person's title can belong to.
CLASSES_LED = {"Platform", "Organization", "Regulator"}

#: Nouns that stand for an organisation named before ("the group, run by ...").
ANAPHOR_NOUNS = {a for a in ANAPHORS if a not in {"it", "its", "they", "their"}}

#: Titles of the one who leads a body outright (not "director of communications").
_TOP_TITLE = re.compile(r"^(?:the )?(?:director[ -]general|chairman|chairwoman|chairperson|chair|president|"
                        r"executive (?:vice )?chairman|commissioner|superintendent|ombudsman|governor)$")

#: Titles of the one who leads a part of a body, not the body: "Director of Online Safety
#: Enforcement", "enforcement director", "head of the CMA's digital markets unit" ("@" stands
#: for a name).
_UNIT_WORDS = ("unit", "department", "division", "directorate", "team", "section", "office", "desk", "taskforce",
               "bureau")
_UNIT_TITLE = re.compile(
    r"\b(?:director|head|chief|manager)s? (?:of|for) (?!the\b|@)[a-z]"
    r"|@ (?:'s|\u2019s) (?:[a-z-]+ ){1,4}(?:" + "|".join(_UNIT_WORDS) + r")\b"
    r"|(?:^|\s)(?!(?:executive|managing|acting|interim|general|national|founding|former|new|the|its|their|and|a|an|"
    r"@|'s|\u2019s)\s)[a-z-]+ director\b(?! general| - general|-general)"
    r"|\bchief (?!executive)[a-z-]+ officer\b")


#: Parts of a body whose head is not the body's.
_UNIT_NOUNS = {*_UNIT_WORDS, "units", "branch", "service", "programme", "program"}


def _heads_a_unit(idx: MentionIndex, toks) -> bool:
    """Whether title words (with any name among them) name the head of a unit of a body."""
    return bool(_UNIT_TITLE.search(" ".join("@" if t.i in idx.by_token else t.lower_ for t in toks)))


_CONF = {"title": 0.85, "ownership": 0.85, "office": 0.8, "action": 0.75, "jurisdiction": 0.85,
         "jurisdiction-focus": 0.55, "usage": 0.7, "office-implies": 0.7, "country-government": 0.7}


class RelationExtractor:
    """Finds relations between the mentions of ``doc._.kg_mentions``; sets ``doc._.kg_relations``."""

    def __init__(self):
        self.gz = gazetteer.load()

    def __call__(self, doc: Doc) -> Doc:
        idx = MentionIndex.of(doc)
        hits: list[RelationHit] = []
        hits += self.titles(doc, idx)
        hits += self.ownership(doc, idx)
        hits = _owners_as_platforms(idx, hits)
        hits += self.offices(doc, idx)
        hits += self.actions(doc, idx, hits)
        hits += self.announced_compliance(doc, idx, hits)
        hits += self.disputes(doc, idx)
        hits += self.decisions(doc, idx)
        hits += self.resolved_sanctions(doc, idx, hits)
        hits += self.sanction_nouns(doc, idx)
        hits += self.mutual(doc, idx)
        hits += self.answered(doc, idx, hits)
        hits += self.at_request(doc, idx)
        hits += self.supervisors(idx)
        hits += self.applications(doc, idx)
        hits += self.settlements(doc, idx, hits)
        hits += self.received(doc, idx, hits)
        hits += self.jurisdictions(doc, idx, hits)
        hits += self.operates(doc, idx, hits)
        hits += _operators_at_home(idx, hits)
        hits = _drop_idle_governments(doc, hits)
        doc._.kg_relations = _dedupe(hits)
        return doc

    # ------------------------------------------------------------------ titles
    def titles(self, doc: Doc, idx: MentionIndex) -> list[RelationHit]:
        token_at = doc_tokens(doc)[0]
        out = []
        for person in idx.of_class("Person"):
            sent = token_at[person.start].sent
            # Before the name: "<org>('s) <title> (of <x>)?(,)? <person>"
            j = person.start - 1
            while j >= sent.start and token_at[j].text in {",", "the"}:
                j -= 1
            # honorifics are not the title: "..., Mr X", "Dr X"; the parser ends a sentence at "Eng."
            if j >= 1 and j < sent.start + 1 and token_at[j].text == "." and token_at[j - 1].lower_ in HONORIFICS:
                sent = token_at[j - 1].sent
            while j >= sent.start and (token_at[j].lower_.strip(".") in HONORIFICS or
                                       token_at[j].text == "." and j > 0 and token_at[j - 1].lower_ in HONORIFICS):
                j -= 1
            while j >= sent.start and token_at[j].text in {",", "the"}:
                j -= 1
            title_end = j + 1
            title_tokens = []
            while j >= sent.start and token_at[j].i not in idx.by_token and (token_at[j].is_alpha or token_at[j].text == "-") \
                    and len(title_tokens) < 8:
                title_tokens.insert(0, token_at[j])
                j -= 1
            if len(title_tokens) > 1 and title_tokens[-1].lower_ in _PERSONAL_OFFICES:
                # the body's name again, where the mention finder took it for a title, by its tail:
                # "said Data Protection Ombudsman X" is of the "Office of the Data Protection
                # Ombudsman", "Consumer Ombudsman X" of the "Finnish Consumer Ombudsman"
                tails = [" " + " ".join(t.lower_ for t in title_tokens[i:]) for i in range(len(title_tokens) - 1)]
                named = next((m for tail in tails for m in idx.of_class("Regulator")
                              if " " in m.label and (" " + m.label.lower()).endswith(tail)), None)
                if named is not None:
                    out.append(_hit(person.ref, "headOf", named.ref, sent, "title"))
                    continue
            office = idx.at(token_at[j]) if j >= sent.start and not title_tokens else None
            if office is not None and office.cls == "Regulator" and office.end == person.start \
                    and office.end - office.start > 1 and token_at[office.end - 1].lower_ in _PERSONAL_OFFICES:
                # "Data Protection Ombudsman Helena Vartiainen": the body is named after the office its
                # head holds, so the name before the person is the title too
                out.append(_hit(person.ref, "headOf", office.ref, sent, "title"))
            elif title_tokens:
                hit = self._title_hit(doc, idx, person, title_tokens, j, title_end, before=True)
                out += _with_founder(hit, title_tokens)
            elif j >= sent.start + 2 and idx.at(token_at[j]) is not None:
                # "the head of Ofcom, Melanie Dawes"
                org = idx.at(token_at[j])
                k = org.start - 1
                if k >= 1 and token_at[k].lower_ == "the":
                    k -= 1  # "the Executive Vice Chairman of the Commission, Mr X"
                if k >= 1 and token_at[k].lower_ in {"of", "at"}:
                    kind = self._title_kind([t.text for t in doc[max(sent.start, k - 3):k]])
                    target = self._org_for(idx, kind, org, [], person) if kind else None
                    if target is not None:
                        out.append(_hit(person.ref, kind, target.ref, sent, "title"))
            root = token_at[person.end - 1]
            if root.dep_ == "appos" and root.head.i < person.start:
                # "said the secretariat's head, minister X": the title the name is in apposition to
                title = root.head
                owner = next((idx.at(c) for c in title.children if c.dep_ == "poss"), None)
                kind = self._title_kind([title.text]) if owner is not None and not _heads_a_unit(
                    idx, [t for t in title.subtree if not person.start <= t.i < person.end]) else None
                target = self._org_for(idx, kind, owner, [title], person) if kind else None
                if target is not None:
                    out.append(_hit(person.ref, kind, target.ref, sent, "title"))
            # After the name: "<person>, (the) (<org>'s) <title> (of <org>)"
            k = person.end
            if k < sent.end and token_at[k].text in {",", "("}:
                # (also in parentheses: "Justice X (President of the Court of Appeal)")
                toks = []
                k += 1
                while k < sent.end and token_at[k].text not in {",", ".", ";", "(", ")"} and len(toks) < 10:
                    toks.append(token_at[k])
                    k += 1
                hit = self._appositive_title(doc, idx, person, toks)
                out += _with_founder(hit, toks)
        # "X's co-chief executives, A and B": what the title says of A it says of B
        people: dict[str, list[Mention]] = {}
        for m in idx.of_class("Person"):
            people.setdefault(m.key, []).append(m)
        for h in list(out):
            person = next((m for m in people.get(h.subject.key, ()) if h.start <= m.start < h.end), None)
            if person is None:
                continue
            for c in doc[person.start:person.end].root.children:
                other = idx.at(c) if c.dep_ == "conj" else None
                if other is not None and other.cls == "Person" and other.key != person.key:
                    out.append(RelationHit(other.ref, h.predicate, h.object, h.start, h.end, h.confidence, h.rule))
        out += self.copula_titles(doc, idx)
        out += self.led_by(doc, idx)
        # a chief executive of a public body heads it
        out = [RelationHit(h.subject, "headOf", h.object, h.start, h.end, h.confidence, h.rule)
               if h.predicate == "ceoOf" and h.object.cls == "Regulator" else h for h in out]
        # "<org> was founded by <person>", "<person> founded <org>"
        for tok in idx.tokens:
            found_lemma = lemma_in(tok, {"found", "co-found", "cofound", "create", "launch", "start"})
            if found_lemma and tok.pos_ == "VERB":
                subj = subject_of(tok) if tok.dep_ == "relcl" else next(
                    (c for c in tok.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
                # ("co-founded": the tokenizer splits it, and the parser may take "co" for the verb)
                co_prefixed = tok.i >= 2 and token_at[tok.i - 1].text == "-" and token_at[tok.i - 2].lower_ == "co"
                co = tok.head if co_prefixed and tok.head.i == tok.i - 2 else None
                co_word = token_at[tok.i - 2] if co_prefixed and co is None else None
                rel = next((t.i for t in token_at[co_word.head.i + 1:co_word.i] if t.lower_ in {"which", "that"}),
                           None) if co_word is not None and co_word.dep_ == "relcl" else None
                if rel is not None and token_at[co_word.head.i + 1].text == ",":
                    # "Wolt, which Miki Kuusi co-founded in 2014": "co" taken for the clause's verb, with
                    # "founded" hung on the name; the person between the relative pronoun and "co" (the
                    # parser hangs the name on either) founded the name
                    founders = [m for m in idx.of_class("Person") if rel < m.start and m.end == co_word.i]
                    for p in founders:
                        for o in idx.expand(co_word.head, {"Platform", "Organization"}, anaphora=False):
                            out.append(_hit(p.ref, "founderOf", o.ref, tok.sent, "title"))
                    if founders:
                        continue
                if subj is None and co is not None and any(c.dep_ == "auxpass" for c in co.children):
                    # "SafeBoda was co-founded by X": the parser makes "co" the verb and "founded" its clause
                    subj = next((c for c in co.children if c.dep_ in {"nsubj", "nsubjpass"}), None) or next(
                        (g for a in co.children if a.dep_ == "auxpass" for g in a.children
                         if g.dep_ in {"nsubj", "nsubjpass"}), None)  # (the parser may hang it on "was")
                reduced = subj is None and tok.dep_ == "acl" and tok.tag_ == "VBN"  # "Binance, founded by X in 2017"
                if reduced:
                    subj = tok.head
                    k = tok.i - 3 if co_prefixed else tok.i - 1
                    described = token_at[k] if k >= 0 else None
                    if described is not None and described.pos_ == "NOUN" and (described.dep_ == "appos" or (
                            described.dep_ == "conj" and described.head.dep_ == "appos")):
                        # "and Revolut, the banking app co-founded by": the participle right after an
                        # apposition describes it, wherever the parser hangs it
                        subj = described if described.dep_ == "appos" else described.head
                relative_co = co is not None and co.dep_ == "relcl" and any(
                    c.dep_ == "dobj" and c.lower_ in {"which", "that"} for c in co.children)
                if subj is None and relative_co:
                    subj = next((c for c in co.children if c.dep_ == "nsubj"), None)  # "which he co-founded"
                if subj is None:
                    continue
                if reduced or co is not None and not relative_co or any(c.dep_ == "nsubjpass" for c in tok.children):
                    agent = next((c for c in tok.children if c.dep_ == "agent"), None)
                    pobj = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent else None
                    persons = idx.expand(pobj, {"Person"}, anaphora=False) if pobj is not None else []
                    # "... by X, a former rider, together with Y and Z"
                    persons += [m for w in (pobj.children if pobj is not None else ()) if w.dep_ == "prep"
                                and w.lower_ == "with" and any(a.lower_ in {"together", "along"} for a in w.children)
                                for p in w.children if p.dep_ == "pobj" for m in idx.expand(p, {"Person"}, anaphora=False)]
                    orgs = idx.expand(subj, {"Platform", "Organization"})
                else:
                    persons = idx.expand(subj, {"Person"}, anaphora=False)
                    dobj = next((c for c in tok.children if c.dep_ == "dobj"), None)
                    orgs = idx.expand(dobj, {"Platform", "Organization"}, anaphora=False) if dobj is not None else []
                    rel = co if co is not None and co.dep_ == "relcl" else tok
                    dobj = dobj or next((c for c in rel.children if c.dep_ == "dobj"), None)
                    if dobj is not None and dobj.lower_ in {"which", "that"} and rel.dep_ == "relcl":
                        # "High-Flyer, which he also co-founded": the name the clause hangs on, by the
                        # person named last
                        orgs = idx.expand(rel.head, {"Platform", "Organization"}, anaphora=False)
                        if subj.lower_ in {"he", "she"}:
                            last = idx.last_before(tok, tok.i, {"Person"})
                            persons = [last] if last is not None else []
                if found_lemma not in {"found", "co-found", "cofound"} and not any(o.cls == "Platform" for o in orgs):
                    continue
                for p in persons:
                    for o in orgs:
                        out.append(_hit(p.ref, "founderOf", o.ref, tok.sent, "title"))
        return out

    def _title_kind(self, words: list[str]) -> str | None:
        text = " ".join(w.lower() for w in words)
        if re.search(r"\b(deputy|assistant|associate)\b|(?<!executive )\bvice\b", text):
            # a deputy, assistant or vice chief executive leads nothing (an "Executive Vice Chairman" does)
            return None
        for title in sorted(CEO_TITLES, key=len, reverse=True):
            if re.search(rf"\b{re.escape(title)}\b", text):
                return "ceoOf"
        for title in FOUNDER_TITLES:
            if re.search(rf"\b{re.escape(title)}\b", text):
                return "founderOf"
        if re.search(r"\b(who|which) (?:co ?- ?|co)?founded\b", text):
            return "founderOf"
        for title in HEAD_TITLES:
            if re.search(rf"\b{re.escape(title)}\b", text):
                return "headOf"
        return None

    def _org_for(self, idx: MentionIndex, kind: str, org: Mention | None, title_tokens, person) -> Mention | EntityRef | None:
        if org is None:
            return None
        if kind in {"ceoOf", "founderOf"} and org.cls in {"Platform", "Organization"}:
            return org
        if kind == "ceoOf" and org.cls == "Regulator":
            return org  # "Ofcom boss X", "PAGCOR chairman and CEO X": heads the body (see titles())
        if kind == "headOf":
            if org.cls in {"Regulator", "Organization"}:
                return org
            if org.cls == "Country":
                # "Kazakhstan's Minister of Digital Development": the ministry of that country.
                return self._ministry_for(idx, org.key, title_tokens)
        return None

    def _ministry_for(self, idx: MentionIndex, country: str | None, title_tokens) -> Mention | None:
        words = [t.lower_ for t in title_tokens]
        if "minister" not in words:
            return None
        of_part = " ".join(words[words.index("minister") + 1:]).replace("of ", "", 1).strip()
        def forms(m):
            return [f.lower().replace(",", "") for f in (m.label, m.name or "", *m.aliases)]

        cands = [m for m in idx.of_class("Regulator") if any("ministry" in f for f in forms(m))
                 and (country is None or m.country == country)]
        if of_part:
            named = [m for m in cands if any(of_part.replace(",", "") in f for f in forms(m))]
            if named:
                return named[0]
        keys = {m.key for m in cands}
        return cands[0] if len(keys) == 1 else None

    def _title_hit(self, doc, idx, person, title_tokens, j, title_end, before) -> RelationHit | None:
        token_at = doc_tokens(doc)[0]
        kind = self._title_kind([t.text for t in title_tokens])
        if kind is None or kind == "headOf" and _heads_a_unit(idx, title_tokens):
            return None
        org = idx.at(token_at[j]) if j >= 0 else None
        if org is None and j >= 1 and token_at[j].text in {"'s", "\u2019s", "'"}:
            org = idx.at(token_at[j - 1])
        if org is None and j >= 1 and token_at[j].text == "," and title_tokens[0].lower_ == "whose":
            org = idx.at(token_at[j - 1])  # "Snap, whose co-founder Evan Spiegel ..."
            if org is None and j >= 2 and token_at[j - 1].lower_ in _MAKER_WORDS:
                org = _maker_of(idx, idx.at(token_at[j - 2]))  # "The Fortnite maker, whose founder ..."
                if org is None:
                    return None
        if org is None:
            # "the platform's founder, X": an anaphor before the title.
            for t in title_tokens:
                if t.lower_ in {"platform", "app", "company", "firm"} and kind in {"ceoOf", "founderOf"}:
                    org = idx.salient("Platform", t)
                if t.lower_ in {"its", "their"}:
                    # "Its National Commissioner, Dr X", "Its chief executive, X": what the sentence before is
                    # about, else the body or platform named before
                    org = idx.subject_before(t, {"Platform", "Regulator", "Organization"}) if t.i == title_tokens[0].i \
                        else None
                    if org is not None and org.cls == "Regulator":
                        kind = "headOf"  # a regulator's chief executive heads it
                    elif org is None or kind == "headOf":
                        org = idx.salient("Regulator" if kind == "headOf" else "Platform", t, window=2)
        target = self._org_for(idx, kind, org, title_tokens, person)
        if target is None and (org is None or org.cls == "Person"):
            target = self._org_in_context(doc, idx, kind, person, title_tokens)
        if target is None and kind == "headOf":
            target = self._ministry_for(idx, None, title_tokens)
        if target is None and kind == "headOf" and org is not None and org.cls == "Country":
            target = _ministry_named(title_tokens, org.key)
        if target is None and kind == "headOf" and org is None and _TOP_TITLE.search(
                " ".join(t.lower_ for t in title_tokens)):
            target = self._only_body_nearby(idx, person.start)
        if target is None:
            return None
        ref = target.ref if isinstance(target, Mention) else target
        return _hit(person.ref, kind, ref, token_at[person.start].sent, "title")

    def _appositive_title(self, doc, idx, person, toks) -> RelationHit | None:
        token_at = doc_tokens(doc)[0]
        words = [t for t in toks if t.i not in idx.by_token]
        kind = self._title_kind([t.text for t in words])
        if kind is None or kind == "headOf" and _heads_a_unit(idx, toks):
            return None
        org = next((idx.at(t) for t in toks if idx.at(t) is not None), None)
        if org is None:
            for t in toks:
                if t.lower_ in {"platform", "app", "company", "firm"} or t.lower_ in {"its", "their"} and kind != "headOf":
                    org = idx.salient("Platform", t)  # "X, still its chief executive,"
                elif t.lower_ in {"its", "their"}:
                    org = idx.salient("Regulator", t, window=2)
        target = self._org_for(idx, kind, org, toks, person)
        if target is None and org is None:
            target = self._org_in_context(doc, idx, kind, person, words)
        if target is None:
            return None
        return _hit(person.ref, kind, target.ref, token_at[person.start].sent, "title")

    LEAD_VERBS = {"lead", "chair", "head", "run", "helm", "direct", "manage", "preside"}

    def led_by(self, doc: Doc, idx: MentionIndex) -> list[RelationHit]:
        """"The commission, led by its president X", "X, who chairs Arcom's board", "X heads the agency"."""
        out = []
        for tok in idx.tokens:
            if tok.pos_ != "VERB" or lemma_in(tok, self.LEAD_VERBS) is None:
                continue
            passive = tok.tag_ == "VBN" and any(c.dep_ == "agent" for c in tok.children)
            if passive:
                persons = [m for a in tok.children if a.dep_ == "agent" for p in a.children if p.dep_ == "pobj"
                           for m in idx.expand(p, {"Person"}, anaphora=False)]
                org_tok = tok.head if tok.dep_ == "acl" else next(
                    (c for c in tok.children if c.dep_ == "nsubjpass"), None)
            else:
                subj = subject_of(tok)
                persons = idx.expand(subj, {"Person"}, anaphora=False) if subj is not None else []
                org_tok = next((c for c in tok.children if c.dep_ == "dobj"), None) or next(
                    (p for c in tok.children if c.dep_ == "prep" and c.lower_ in {"over", "at"}
                     for p in c.children if p.dep_ == "pobj"), None)  # "presides over the council"
                if org_tok is not None and idx.at(org_tok) is None and org_tok.lower_ in _UNIT_NOUNS:
                    continue  # "who leads Traficom's digital services supervision unit": a unit's head
                if org_tok is not None and idx.at(org_tok) is None:
                    # "chairs Arcom's board"
                    org_tok = next((c for c in org_tok.children if c.dep_ == "poss"), org_tok)
            org = idx.at(org_tok) if org_tok is not None else None
            if org is None and org_tok is not None and org_tok.text.title() in ORGANISATION_HEADS:
                # "who chairs the association": the association named last
                org = next((m for m in reversed(idx.mentions) if m.cls == "Organization" and m.end <= org_tok.i
                            and org_tok.lower_ in m.label.lower().split()), None)
            if org is None or not persons:
                continue
            kind = {"Regulator": "headOf", "Organization": "headOf", "Platform": "ceoOf"}.get(org.cls)
            if kind == "ceoOf" and lemma_in(tok, {"chair", "preside"}):
                continue  # a chair of a company's board is not its chief executive
            for p in persons:
                if kind:
                    out.append(_hit(p.ref, kind, org.ref, tok.sent, "title"))
        return out

    def copula_titles(self, doc: Doc, idx: MentionIndex) -> list[RelationHit]:
        """"<person> is (still) its chief executive", "<person>, who has been the agency's president"."""
        out = []
        for tok in idx.tokens:
            if lemma_in(tok, {"be", "remain", "become"}) is None:
                continue
            attr = next((c for c in tok.children if c.dep_ == "attr" and c.pos_ == "NOUN"), None)
            subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
            if attr is None or subj is None:
                continue
            # (the whole title: "deputy" hangs on "director" in "deputy director-general")
            kind = self._title_kind([t.text for t in attr.subtree if t.i < attr.i and t.dep_ in {"amod", "compound"}]
                                    + [attr.text])
            if kind is None:
                continue
            if subj.lower_ in {"who", "that"} and tok.dep_ == "relcl":
                subj = tok.head
            persons = idx.expand(subj, {"Person"}, anaphora=False)
            org = None
            for c in attr.children:
                if c.dep_ == "prep" and c.lower_ in {"of", "at"}:
                    org = next((m for p in c.children if p.dep_ == "pobj" for m in idx.expand(p, CLASSES_LED)), org)
                elif c.dep_ in {"poss", "compound"} and idx.at(c) is not None:
                    org = idx.at(c)
                elif c.dep_ == "poss" and c.lower_ in {"its", "their"}:
                    # the organisation named last before the pronoun
                    first = idx.sents[idx.sent_index(tok)].start
                    org = next((m for m in reversed(idx.mentions) if m.end <= c.i and m.cls in CLASSES_LED
                                and m.start >= first), None)
            for person in persons:
                target = self._org_for(idx, kind, org, [], person)
                if target is not None:
                    out.append(_hit(person.ref, kind, target.ref, tok.sent, "title"))
        return out + self._whose_titles(idx)

    def _whose_titles(self, idx: MentionIndex) -> list[RelationHit]:
        """"Bitpanda, the platform whose co-founder Eric Demuth is chief executive": read off the words
        (the parser rarely gets this clause right): the title after the copula, and a founder's title
        before the name, belong to the name the clause describes."""
        out = []
        toks = idx.tokens
        for person in idx.mentions:
            if person.cls != "Person" or person.end + 1 >= len(toks) or toks[person.end].lower_ not in {"is", "was"}:
                continue
            whose = next((k for k in range(person.start - 1, max(-1, person.start - 5), -1)
                          if toks[k].lower_ == "whose"), None)
            if whose is None:
                continue
            after = [t.text for t in toks[person.end + 1:person.end + 4]]
            kinds = [k for n in range(len(after), 0, -1) if (k := self._title_kind(after[:n])) is not None][:1]
            before = [t.text for t in toks[whose + 1:person.start] if t.text != "-"]
            if before and self._title_kind(["".join(before) if len(before) > 1 else before[0]]) == "founderOf":
                kinds.append("founderOf")
            out += self._whose_hits(idx, whose, person, dict.fromkeys(kinds))
        # "Uber, the US company whose chief executive is Dara Khosrowshahi": the title before the copula
        for k, tok in enumerate(toks):
            if tok.lower_ != "whose":
                continue
            cop = next((j for j in range(k + 1, min(k + 5, len(toks))) if toks[j].lower_ in {"is", "was"}), None)
            person = idx.by_token.get(cop + 1) if cop is not None else None
            kind = self._title_kind([t.text for t in toks[k + 1:cop]]) if person is not None else None
            if kind is not None and person.cls == "Person" and person.start == cop + 1:
                out += self._whose_hits(idx, k, person, [kind])
        return out

    def _whose_hits(self, idx: MentionIndex, whose: int, person: Mention, kinds) -> list[RelationHit]:
        """``person``'s titles of ``kinds`` in the whose-clause at token ``whose``: of the name the
        clause describes (the last one named before it in the sentence)."""
        toks = idx.tokens
        first = idx.sents[idx.sent_index(toks[whose])].start
        named = next((m for m in reversed(idx.mentions) if m.end <= whose and m.start >= first
                      and m.cls in CLASSES_LED and m is not person), None)
        named = _maker_of(idx, named)
        out = []
        for kind in kinds:
            target = self._org_for(idx, kind, named, [], person) if named is not None else None
            if target is not None:
                out.append(_hit(person.ref, kind, target.ref, toks[whose].sent, "title"))
        return out

    def _only_body_nearby(self, idx: MentionIndex, at: int) -> Mention | None:
        """The one body named in the sentence of token ``at``, else in the one before ("Director
        General X said ...", "X was fined ...")."""
        k = idx.sent_index(idx.tokens[at])
        for s in (idx.sents[k], idx.sents[k - 1] if k > 0 else None):
            if s is None:
                continue
            bodies = {m.key: m for m in idx.of_class("Regulator") if s.start <= m.start < s.end and m.key}
            if len(bodies) == 1:
                return next(iter(bodies.values()))
            if bodies:
                return None
        return None

    #: Bodies a title names by its own word: a commissioner heads a commission, a minister a ministry.
    TITLE_BODIES = {"commissioner": {"commissioner", "commission"}, "minister": {"ministry"},
                    "secretary": {"ministry", "department", "secretariat"}, "director": {"directorate"},
                    "prosecutor": {"prosecutor", "prosecution"}, "ombudsman": {"ombudsman"},
                    "governor": {"bank"}, "justice": {"court"}, "judge": {"court"},
                    "superintendent": {"superintendence", "superintendency"}}

    def _org_in_context(self, doc, idx: MentionIndex, kind: str, person: Mention, title_tokens) -> Mention | None:
        """The body a title without an organisation belongs to.

        * a CEO or founder: the platform the person's phrase hangs on ("the group, run by
          chief executive X"), else the only platform of the sentence;
        * a head: the one body of the article whose name the title word implies
          ("Commissioner X" of the eSafety Commissioner, "Transport Secretary X" of the
          Ministry of Roads and Transport).
        """
        token_at = doc_tokens(doc)[0]
        if kind in {"ceoOf", "founderOf"}:
            t = doc[person.start:person.end].root
            for _ in range(6):
                if t.head.i == t.i:
                    break
                t = t.head
                m = idx.at(t)
                if m is None and t.dep_ == "appos" and t.left_edge.i >= 2 and token_at[t.left_edge.i - 1].text == ",":
                    # "owned by Coupang, the group whose chief executive is X": the description is of
                    # the name right before it, whichever the parser hangs it on
                    m = idx.at(token_at[t.left_edge.i - 2])
                if m is not None and m.cls in {"Platform", "Organization"}:
                    return m
                if m is None and t.pos_ == "NOUN" and t.lemma_.lower() in ANAPHOR_NOUNS:
                    return idx.salient("Platform", t)
            sent = token_at[person.start].sent
            plats = {m.key: m for m in idx.of_class("Platform") if sent.start <= m.start < sent.end}
            only = next(iter(plats.values())) if len(plats) == 1 else None
            # (named before the person: "the letter, signed by chief executive X, says <product> ..." names
            # what the company makes, not the company)
            return only if only is not None and only.start < person.start else None
        words = [t.lower_ for t in title_tokens]
        bodies = set().union(*(self.TITLE_BODIES.get(w, set()) for w in words))
        # "Committee chair X", "Board chairman X": the kind of body is named in the title
        bodies |= {w for w in words if w in REGULATOR_HEADS and w not in HEAD_TITLES}
        if not bodies:
            return None
        # (only the title's own words: "Under the decision read out by commission chairman X")
        k = len(title_tokens)
        while k > 0 and (title_tokens[k - 1].text[:1].isupper() or title_tokens[k - 1].lower_ in HEAD_TITLES
                         or title_tokens[k - 1].lower_ in TITLE_WORDS or title_tokens[k - 1].lower_ in bodies
                         or title_tokens[k - 1].lower_ in {"of", "and", "for", "the"}):
            k -= 1
        portfolio = {w for t in title_tokens[k:] if t.text[:1].isupper() and (w := t.lower_.strip(".")) not in HEAD_TITLES
                     and w not in TITLE_WORDS and w not in bodies
                     and w not in {"cabinet", "deputy", "state", "general", "mr", "mrs", "ms", "dr"}}
        cands: dict[str, Mention] = {}
        for m in idx.of_class("Regulator"):
            names = {w for f in (m.label, m.name or "", *m.aliases) for w in normalize(f).split()}
            if names & bodies and portfolio <= names:
                cands.setdefault(m.key, m)
        return next(iter(cands.values())) if len(cands) == 1 else None

    # ------------------------------------------------------------------ ownership
    _OWNED_BY_NEXT = re.compile(r"^(?:'s )?(?:owner|parent|parent company|parent firm|parent group|holding company)(?: ,)?$|"
                                # "Booking.com, (the travel site) whose parent company is X"
                                r"^, " + _DESCRIPTION + r"whose "
                                r"(?:parent|owner|parent company|parent firm|holding company)(?: is(?: [a-z][\w-]*| -| 's){0,4})?$")
    _WHOSE_AFTER_POSSESSOR = re.compile(r"^'s (?:[a-z][\w-]* ){1,5}, whose (?:parent|owner|parent company|parent firm|"
                                        r"parent group|holding company) is$")
    _OWNER_OF_NEXT = re.compile(r"^,? ?(?:the |its )?(?:parent|owner|holding company|maker|developer|operator|publisher)"
                                r"(?: company| firm| group)? of(?: both)?$")
    _OWNED_HYPHEN = re.compile(r"^-? ?(?:owned|controlled)$")
    # "..., (the food-delivery app) (which is) owned by (Germany's) X"
    _PASSIVE_OWNED = re.compile(r"^,? ?" + _DESCRIPTION +
                                r"(?:which is |that is |is |was |which was |now |also |"
                                r"(?:which |that )?(?:has |have |had )(?:long |since |also )?been )?"
                                r"(?:jointly |wholly |majority |majority - |partly |fully )?(?:owned|acquired|bought|controlled)"
                                # ("has been owned since January 2024 by X")
                                r"(?: (?:since|in|from) (?:[a-z]+ )?\d{4})?"
                                r" by(?: (?:the |its )?[a-z][\w-]*| -| 's){0,5}$|"
                                # "Temu, the marketplace run by X", "Zalo, the messaging app made by X": the
                                # company that runs or makes a platform described as such owns it
                                r"^, " + _DESCRIPTION + r"(?:which is |that is )?"
                                r"(?:run|operated|made|developed) by(?: (?:the |its )?[a-z][\w-]*| -| 's){0,3}$|"
                                r"^,? ?(?:which |that |it )?(?:belongs|belong|belonged) to(?: [a-z][\w-]*| 's| -){0,3}$")
    _ACTIVE_OWNS = re.compile(r"^(?:, (?:which|that) |, (?:the|a) [^,]{1,60} (?:which|that) )?(?:also )?"
                              r"(?:owns|acquired|bought|controls|has acquired|took over|runs)$")
    #: An apposition between two names ("Takealot, the country's biggest online store, which is owned by X").
    _APPOSITION = re.compile(r"^, (?:the|a|an|its) [^,]{1,90}(?= ,)")
    #: "<owner> and its <kind> subsidiary <owned>"
    _ITS_SUBSIDIARY = re.compile(r"^(?:and |, )?its (?:[a-z-]+ ){0,3}(?:subsidiary|unit|division|arm|sister company)$")
    _SERVICES_OF = re.compile(r"^'s (?:other |sister |own )?(?:services|apps|platforms|brands|subsidiaries|products|"
                              r"properties|companies|businesses|social networks|networks|sites)(?: ,)?(?: such as| like| "
                              r"including| namely| such)?$")
    # "Daraz, which is part of China's Alibaba", "Shopee, the e-commerce arm of Singapore's Sea", "remains part of"
    _SUBSIDIARY_OF = re.compile(r"^,? ?(?:which is |that is |is |now |remains |itself |which remains )?(?:a |the |now a )?"
                                # (words before "part" or "member" only say when: "made Copilot part of" is no ownership)
                                r"(?:(?:[a-z][\w-]*(?: - [a-z]+)? ){0,2}(?:subsidiary|unit|division|arm)|"
                                r"(?:still |now |also |already )?(?:part|member))"
                                r" of(?: the)?(?: [a-z][\w-]*| 's| -){0,5}$|"
                                # "Keeta, the delivery service of the Chinese company Meituan"
                                r"^(?:, |is |was |remains )(?:the|a) (?:[a-z][\w-]*(?: - [a-z]+)? ){0,2}(?:service|app|platform|store|brand|"
                                r"portal|marketplace|business|website|site) of(?: the)?(?: [a-z][\w-]*| 's| -){0,4}$")
    _OWNERS_SUBSIDIARY = re.compile(r"^(?:'s )?(?:[a-z][\w-]* ){0,2}(?:subsidiary|unit|division|arm)$")
    _POSSESSED = re.compile(r"^'s?$")
    _POSSESSED_KIND = re.compile(r"^'s (?:[a-z][\w-]* ){0,3}([a-z]+) ,$")

    def ownership(self, doc: Doc, idx: MentionIndex) -> list[RelationHit]:
        out = []
        for m in idx.mentions:
            if m.cls == "Platform" and m.rule == "product" and m.name:
                # "Kaspi Bank": the brand's own product
                out.append(_hit(m.ref, "ownedBy", EntityRef("Platform", m.name, m.name), doc[m.start:m.end],
                                "ownership"))
            if m.cls == "Platform" and m.country and m.rule in {"subsidiary", "ner-context"}:
                # "Safaricom Ethiopia": Safaricom's company in Ethiopia ("Flow Jamaica": some brand's)
                span = doc[m.start:m.end]
                if m.name:
                    out.append(_hit(m.ref, "ownedBy", EntityRef("Platform", m.name, m.name), span, "ownership"))
                out.append(_hit(m.ref, "operatesIn", idx.country_ref(m.country), span, "ownership"))
        out += self._passive_owned(idx)
        out += self._owns_clauses(idx)
        out += self._majority_stakes(idx)
        out += self._subsidiaries_of_described(idx)
        for tok in idx.tokens:
            described = idx.described_platform(tok)
            if described is not None and described[1].cls == "Platform":
                # "Starlink ..., and SpaceX's satellite service now has ...": the owner's service
                out.append(_hit(described[0].ref, "ownedBy", described[1].ref, tok.sent, "ownership"))
        for sent in doc.sents:
            ms = [m for m in idx.mentions if sent.start <= m.start < sent.end and m.cls in {"Platform", "Organization"}]
            for a_i, a in enumerate(ms):
                for owner, owned in self._hyphen_owned(doc, idx, a):
                    out.append(_hit(owned.ref, "ownedBy", owner.ref, sent, "ownership"))
                owner = self._its_owned(idx, a) if a.cls == "Platform" else None
                if owner is not None:
                    out.append(_hit(a.ref, "ownedBy", owner.ref, sent, "ownership"))
                owned = self._clause_owned(idx, a)
                if owned is not None:
                    out.append(_hit(owned.ref, "ownedBy", a.ref, sent, "ownership"))
                for b in ms[a_i + 1:a_i + 2]:
                    between = self._APPOSITION.sub("", _words_between(doc, a, b)).lstrip()
                    pairs = []
                    if self._ITS_SUBSIDIARY.match(between) or between in {"and its", ", its", "its"} \
                            and b.end < sent.end and doc[b.end].lower_ in {"subsidiary", "unit", "arm", "division"}:
                        pairs = [(a, [b])]  # (also "Google and its YouTube subsidiary")
                    elif self._OWNED_BY_NEXT.match(between):
                        pairs = [(b, [a])]
                    elif self._OWNER_OF_NEXT.match(between) or self._ACTIVE_OWNS.match(between):
                        pairs = [(a, self._list_from(doc, idx, b, sent))]
                    elif self._OWNED_HYPHEN.match(between.replace(" ", "")):
                        pairs = [(a, self._list_from(doc, idx, b, sent))]
                    elif self._PASSIVE_OWNED.match(between) or self._SUBSIDIARY_OF.match(between):
                        # ("owned by X's fintech arm Y": Y, which X owns in turn)
                        c = ms[a_i + 2] if a_i + 2 < len(ms) else None
                        unit = c is not None and self._OWNERS_SUBSIDIARY.match(_words_between(doc, b, c))
                        pairs = [(c if unit else b, [a])]
                        if a.cls == "Organization" and _a_company(a):
                            # "MTML, a subsidiary of ...", "Dhiraagu, which is owned by ...": a company
                            # owned outright by another is a platform company like its owner
                            _retype_platforms(idx, {a.key})
                    elif self._SERVICES_OF.match(between) or self._OWNERS_SUBSIDIARY.match(between):
                        pairs = [(a, self._list_from(doc, idx, b, sent))]
                        if b.cls == "Organization" and _a_company(b) and self._OWNERS_SUBSIDIARY.match(between):
                            _retype_platforms(idx, {b.key})  # "Globe's fintech arm Mynt": a company's arm
                    elif (m_kind := self._POSSESSED_KIND.match(between)) and m_kind.group(1) in self._OWNED_KINDS \
                            and not set(between.split()) & {"rival", "sister", "former", "competitor", "partner"} \
                            and a.cls in {"Platform", "Organization"} and b.cls == "Platform":
                        pairs = [(a, [b])]  # "Apple's own wallet, Apple Pay", "Meta's messaging app, WhatsApp"
                    elif self._POSSESSED.match(between) and a.cls in {"Platform", "Organization"} \
                            and b.cls == "Platform" and b.end - b.start <= 3:
                        # "Meta Platforms Inc.'s WhatsApp", "Alphabet's Google" (not the list that may
                        # follow: "Tencent's WeChat and Weibo" names Sina's Weibo)
                        pairs = [(a, [b])]
                    elif between == "," and b.cls in {"Platform", "Organization"} and self._possessed_kind(doc, a, b):
                        pairs = [(b, [a])]  # "Starlink, SpaceX's satellite internet service"
                    elif between == "," and a_i + 2 < len(ms) and self._WHOSE_AFTER_POSSESSOR.match(
                            _words_between(doc, b, ms[a_i + 2])):
                        # "Wolt, Bolt Food's main rival in Latvia, whose parent company is DoorDash": the
                        # clause is of the name the description follows, not of the possessor in it
                        pairs = [(ms[a_i + 2], [a])]
                    for owner, owneds in pairs:
                        for owned in owneds:
                            if owned.cls == "Platform" and owned.key != owner.key:
                                out.append(_hit(owned.ref, "ownedBy", owner.ref, sent, "ownership"))
        return out

    def _possessed_kind(self, doc: Doc, owned: Mention, owner: Mention) -> bool:
        """Whether ``owner`` (named right after "<owned>, ") is the possessor of a kind of business
        in apposition to ``owned``: "Voyo, Nova's streaming service", "X, Y's payments arm"."""
        toks = doc_tokens(doc)[0]
        k = owner.end
        if k >= len(toks) or toks[k].dep_ != "case":
            return False
        kind = toks[k].head.head
        # ("Foodora, Delivery Hero's delivery brand and Wolt's main rival": a second description
        # after "and" makes the parser take the first for a conjunct)
        if kind.dep_ not in {"appos", "conj"} or not owned.start <= kind.head.i < owned.end or kind.i - k > 4:
            return False
        if any(c.lower_ in {"sister", "rival", "sibling", "former"} and c.dep_ in {"amod", "compound", "nmod"}
               for c in kind.children):
            return False  # "Pinduoduo, Temu's sister app": owned alongside, not by
        return kind.lower_ in self._OWNED_KINDS or kind.lower_ in {"network", "product", "offshoot", "affiliate"}

    def _passive_owned(self, idx: MentionIndex) -> list[RelationHit]:
        """"Talabat, which operates in ..., is majority-owned by Germany's Delivery Hero": the subject
        of a passive "owned / controlled by" in the main clause, read off the parse (a clause between
        the name and the verb hides the pair from the word patterns)."""
        out = []
        for tok in idx.tokens:
            if tok.tag_ != "VBN" or lemma_in(tok, {"own", "control", "buy", "acquire"}) is None:
                continue
            agent = next((c for c in tok.children if c.dep_ == "agent"), None)
            if agent is None:
                continue
            subj = next((c for c in tok.children if c.dep_ == "nsubjpass"), None)
            if subj is None and tok.dep_ in {"acomp", "attr"} and tok.head.lemma_ == "be":
                subj = next((c for c in tok.head.children if c.dep_ == "nsubj"), None)  # "is majority-owned by"
            if subj is None and tok.dep_ == "conj" and tok.head.dep_ == "acl" and tok.head.tag_ == "VBN":
                subj = tok.head.head  # "X, founded in 2023 by Y and owned by Z"
            # "The Barcelona delivery app ... is controlled by X": a description of a platform named
            # before stands for it (no word pattern sees a pair there)
            described = subj is not None and idx.at(subj) is None and subj.pos_ == "NOUN" \
                and subj.lemma_.lower() in ANAPHOR_NOUNS and any(c.lower_ == "the" for c in subj.children)
            if subj is None or (subj.i + 3 >= tok.i and not described and lemma_in(tok, {"own", "control"})):
                continue  # (a name right before the verb is the word patterns' to read)
            owners = [m for p in agent.children if p.dep_ == "pobj" for m in idx.expand(p, {"Platform", "Organization"})]
            for owned in idx.expand(subj, {"Platform"}, anaphora=described):
                for owner in owners:
                    if owner.key != owned.key:
                        out.append(_hit(owned.ref, "ownedBy", owner.ref, tok.sent, "ownership"))
        return out

    def _owns_clauses(self, idx: MentionIndex) -> list[RelationHit]:
        """"own" / "control" read off the parse, where descriptions or a relative clause hide the
        pair from the word patterns: "Alphabet, which owns the video site YouTube and the mapping
        service Waze" (the verb's objects), "WhatsApp, which Meta owns" and "YouTube, which it
        owns" (the name the clause hangs on, owned by its subject; a pronoun: the company named
        last before the name)."""
        out = []
        for tok in idx.tokens:
            if tok.pos_ != "VERB" and tok.dep_ != "relcl" or lemma_in(tok, {"own", "control", "buy", "acquire"}) is None:
                continue
            if tok.dep_ == "relcl" and any(c.dep_ == "dobj" and c.lower_ in {"which", "that"} for c in tok.children):
                # ("Idealista, the portal that Cinven bought in 2024": bought outright, owned since)
                out += self._owned_by_relative(idx, tok)
                continue
            if lemma_in(tok, {"buy", "acquire"}):
                continue  # (an active "X bought Y" is the word patterns' to read, when it is a takeover)
            dobj = next((c for c in tok.children if c.dep_ == "dobj"), None)
            subj = subject_of(tok)
            if dobj is None or dobj.lower_ in {"which", "that"} or tok.pos_ != "VERB" or tok.tag_ == "VBN" or subj is None or subj.pos_ == "PRON" \
                    and subj.lower_ not in {"which", "that", "who"}:
                continue
            owners = idx.expand(subj, {"Platform", "Organization"}, anaphora=False)
            for owned in idx.expand(dobj, {"Platform"}, anaphora=False):
                out += [_hit(owned.ref, "ownedBy", o.ref, tok.sent, "ownership") for o in owners if o.key != owned.key]
        return out

    def _subsidiaries_of_described(self, idx: MentionIndex) -> list[RelationHit]:
        """"Glovo is now a subsidiary of the German company": the owner is the company named before
        the platform (in its sentence, else the one before), described rather than named."""
        out = []
        for tok in idx.tokens:
            if tok.lower_ not in {"subsidiary", "unit", "division", "arm"} or tok.dep_ not in {"attr", "appos"}:
                continue
            owner_noun = next((p for c in tok.children if c.dep_ == "prep" and c.lower_ == "of" for p in c.children
                               if p.dep_ == "pobj" and p.lower_ in {"company", "group", "firm", "conglomerate"}
                               and any(d.lower_ == "the" for d in p.children) and idx.at(p) is None), None)
            if owner_noun is None or owner_noun.i + 1 < len(idx.tokens) and (
                    idx.tokens[owner_noun.i + 1].pos_ == "PROPN" or owner_noun.i + 1 in idx.by_token) \
                    or any((m := idx.at(c)) is not None and m.cls != "Country" for c in owner_noun.subtree):
                continue  # ("the unit of the US company Booking Holdings" names its owner)
            subj = nearest_subject(tok.head) if tok.dep_ == "attr" else tok.head
            owned = idx.expand(subj, {"Platform"}, anaphora=False) if subj is not None else []
            if len(owned) != 1:
                continue
            owner = next((m for m in reversed(idx.mentions) if m.cls in {"Platform", "Organization"}
                          and m.end <= owned[0].start and m.key != owned[0].key
                          and idx.sent_index(idx.tokens[m.start]) == idx.sent_index(tok)), None) \
                or idx.subject_before(idx.sents[idx.sent_index(tok)][0], {"Platform", "Organization"})
            if owner is not None and owner.key != owned[0].key:
                out.append(_hit(owned[0].ref, "ownedBy", owner.ref, tok.sent, "ownership"))
        return out

    def _majority_stakes(self, idx: MentionIndex) -> list[RelationHit]:
        """"Kaspi bought a 65% stake in Hepsiburada", "Prosus holds a controlling stake in iFood": a
        majority stake bought or held is ownership (a minority one is not)."""
        out = []
        for tok in idx.tokens:
            if tok.lower_ not in {"stake", "holding", "shareholding"} or tok.dep_ != "dobj" \
                    or lemma_in(tok.head, {"buy", "acquire", "take", "hold", "own", "have", "purchase"}) is None:
                continue
            words = [t for t in tok.subtree if t.i < tok.i]
            share = next((float(t.text) for t in words if t.like_num and t.text.replace(".", "", 1).isdigit()), None)
            if not (any(t.lower_ in {"majority", "controlling"} for t in words) or share is not None and 50 < share <= 100
                    and any(t.text == "%" or t.lower_ in {"per", "percent"} for t in words)):
                continue
            subj = subject_of(tok.head)
            owned = [m for c in tok.children if c.dep_ == "prep" and c.lower_ == "in" for p in c.children
                     if p.dep_ == "pobj" for m in idx.expand(p, {"Platform"}, anaphora=False)]
            owners = idx.expand(subj, {"Platform", "Organization"}) if subj is not None else []
            out += [_hit(o.ref, "ownedBy", owner.ref, tok.sent, "ownership")
                    for o in owned for owner in owners if owner.key != o.key]
        return out

    def _owned_by_relative(self, idx: MentionIndex, tok: Token) -> list[RelationHit]:
        # "WhatsApp, which Meta owns": ``tok`` is the relative clause's verb
        subj = nearest_subject(tok)
        owned = idx.expand(tok.head, {"Platform"}, anaphora=False)
        if subj is None or not owned:
            return []
        if subj.lower_ in {"it", "they"}:
            last = idx.last_before(tok, owned[0].start, {"Platform", "Organization"})
            owners = [last] if last is not None else []
        else:
            owners = idx.expand(subj, {"Platform", "Organization"}, anaphora=False)
        return [_hit(o.ref, "ownedBy", owner.ref, tok.sent, "ownership")
                for o in owned for owner in owners if owner.key != o.key]

    #: What a company calls a platform it owns: "its payments arm, X", "its property portal X".
    _OWNED_KINDS = {"arm", "subsidiary", "unit", "division", "platform", "app", "service", "portal", "marketplace",
                    "brand", "site", "website", "store", "wallet", "business", "messenger"}

    def _clause_owned(self, idx: MentionIndex, owner: Mention) -> Mention | None:
        """What a clause describing a noun says ``owner`` owns: "The app, owned by ByteDance, said…"
        (the platform "the app" stands for), "PedidosYa, which was founded in 2009 and is owned by
        Delivery Hero" (the clause's second verb)."""
        verb = idx.agent_verb(owner)
        if verb is None or verb.lemma_ not in {"own", "control", "acquire"}:
            return None
        clause = verb
        while clause.dep_ == "conj" and clause.head.i < clause.i:
            clause = clause.head
        if clause.dep_ not in {"acl", "relcl"}:
            return None
        noun = clause.head
        named = idx.at(noun)
        if named is not None:
            owned = named if named.cls == "Platform" else None
        elif noun.lemma_.lower() in ANAPHOR_NOUNS and noun.tag_ not in {"NNS", "NNPS"}:
            owned = idx.salient("Platform", noun)
        else:
            owned = None
        return owned if owned is not None and owned.key != owner.key else None

    def _its_owned(self, idx: MentionIndex, owned: Mention) -> Mention | None:
        """The owner of a platform introduced as "its <kind>" (", its payments arm, X", "its portal X"):
        the platform or company named last before "its" in the sentence."""
        toks = idx.tokens
        after = self._its_kind_after(idx, owned)
        if after is not None:
            return after
        k = owned.start - 1
        if k >= 1 and self.gz.adjectives.get(toks[k].text) and toks[k - 1].lower_ == "its":
            k -= 1  # "its Russian App Store"
        root = toks[owned.end - 1]
        modifier = root.head.i >= owned.end or owned.end < len(toks) and toks[owned.end].like_num
        if k >= 0 and toks[k].lower_ == "its" and not modifier:
            # "Apple had removed 38 apps from its (Russian) App Store": the company named last (not
            # "its Android app", an app of its own for another's system)
            last = idx.last_before(toks[k], k, {"Platform", "Organization"})
            return last if last is not None and last.key != owned.key else None
        if k >= 0 and toks[k].text == ",":
            k -= 1
        if k < 1 or toks[k].lower_ not in self._OWNED_KINDS:
            return None
        j = k - 1
        while j >= 0 and k - j <= 3 and toks[j].lower_ != "its" and (toks[j].is_lower or toks[j].text == "-"):
            j -= 1
        if j < 0 or toks[j].lower_ != "its":
            return None
        last = idx.last_before(toks[j], j, {"Platform", "Organization"})
        return last if last is not None and last.key != owned.key else None

    def _its_kind_after(self, idx: MentionIndex, owned: Mention) -> Mention | None:
        """"The company says MTN MoMo, its mobile-money service, ...": the "its" of a kind in
        apposition after the name is the subject of the clause the name is in (a pronoun or
        "the company" resolved to the platform it stands for)."""
        toks = idx.tokens
        k = owned.end
        if k + 2 >= len(toks) or toks[k].text != "," or toks[k + 1].lower_ != "its":
            return None
        kind = next((t for t in toks[k + 2:k + 6] if t.lower_ in self._OWNED_KINDS), None)
        if kind is None or any(not (t.is_lower or t.text == "-") for t in toks[k + 2:kind.i]):
            return None
        for verb in toks[owned.end - 1].ancestors:
            subj = subject_of(verb) if verb.pos_ in {"VERB", "AUX"} else None
            if subj is not None and subj.i < owned.start:
                owners = [m for m in idx.expand(subj, {"Platform", "Organization"}) if m.key != owned.key]
                return owners[0] if owners else None
        return None

    def _hyphen_owned(self, doc, idx, owner: Mention) -> list[tuple[Mention, Mention]]:
        """"YouTube, the Alphabet-owned video service": <owner>-owned <noun> in apposition to a platform."""
        token_at = doc_tokens(doc)[0]
        k = owner.end
        if k + 1 >= len(doc) or token_at[k].text != "-" or token_at[k + 1].lower_ not in {"owned", "controlled"}:
            return []
        noun = token_at[k + 1].head if token_at[k + 1].head.i > k + 1 else None
        if noun is None or idx.at(noun) is not None:
            return []  # the direct "<owner>-owned <platform>" case is handled by the pair scan
        owned = [idx.at(noun.head)] if noun.dep_ == "appos" else []
        owned += [idx.at(c) for c in noun.children if c.dep_ == "appos"]
        if not any(owned) and noun.lemma_.lower() in ANAPHOR_NOUNS:
            # "(Trendyol ...) the Alibaba-controlled company": the platform named before the owner
            first = idx.sents[idx.sent_index(token_at[owner.start])].start
            before = [m for m in idx.mentions if m.cls == "Platform" and first <= m.start and m.end <= owner.start]
            owned = before[-1:]
        return [(owner, m) for m in owned if m is not None and m.cls == "Platform" and m.key != owner.key]

    def _list_from(self, doc, idx, first: Mention, sent) -> list[Mention]:
        """``first`` and the mentions listed right after it ("X, Y and Z")."""
        token_at = doc_tokens(doc)[0]
        items = [first]
        k = first.end
        while k < sent.end:
            while k < sent.end and token_at[k].lower_ in {",", "and", "or", "&"}:
                k += 1
            m = idx.by_token.get(k)
            if m is None or m.start != k or m.cls != first.cls or k == items[-1].end:
                break
            if m.end + 1 < sent.end and token_at[m.end].text == "," and token_at[m.end + 1].lower_ in _APPOSITION_STARTS:
                break  # "X, owner of Y, and Z, parent of W": Z begins a new apposition, not the list
            items.append(m)
            k = m.end
        return items

    # ------------------------------------------------------------------ offices
    def offices(self, doc: Doc, idx: MentionIndex) -> list[RelationHit]:
        out = []
        for tok in idx.tokens:
            if tok.lower_ not in OFFICE_NOUNS or tok.pos_ not in {"NOUN", "PROPN"}:
                continue
            if tok.lower_ == "entity" and not any(c.lower_ == "legal" for c in tok.children):
                continue
            if tok.lower_ == "presence" and not any(c.lower_ in {"physical", "legal", "local"} for c in tok.children):
                continue
            if tok.lower_ == "headquarters" and not any(
                    c.dep_ in {"amod", "compound", "nmod"} and c.lower_ not in {"global", "world", "corporate", "main"}
                    for c in tok.children):
                continue  # a company's own headquarters is not a local office; "its Italian headquarters" is
            if tok.lower_ in {"officer", "officers"} and not any(
                    c.lower_ in {"grievance", "compliance", "nodal", "contact", "resident", "local"} for c in tok.children):
                continue
            if tok.lower_.startswith("representative") and any(
                    c.dep_ == "prep" and c.lower_ == "from" for c in tok.children):
                continue  # "representatives from <company>" attend a meeting; no office
            platforms: list[Mention] = []
            poss = [c for c in tok.children if c.dep_ == "poss"]
            for p in poss:
                platforms += idx.expand(p, {"Platform"})
            # "a grievance officer resident in India": the parser may make the office noun a compound
            np = tok.head if tok.dep_ == "compound" and tok.head.pos_ == "NOUN" else tok
            verb = np.head if np.dep_ in {"dobj", "nsubjpass", "attr", "pobj"} else None
            if verb is not None and verb.pos_ == "ADP":
                verb = verb.head
            if not platforms and verb is not None and lemma_in(verb, OFFICE_VERBS):
                subj = subject_of(verb)
                if subj is not None:
                    # Only the platform itself opening an office: "platforms like X must appoint"
                    # states an obligation on a class, not X's office.
                    platforms = idx.expand(subj, {"Platform"}, examples=False)
                # "having Telegram set up an office": Telegram is the verb's own subject
                if not platforms:
                    for c in verb.children:
                        if c.dep_ in {"nsubj", "dobj"} and idx.at(c) and idx.at(c).cls == "Platform" and c.i < np.i:
                            platforms = [idx.at(c)]
            if not platforms and any(c.dep_ == "amod" and c.tag_ == "VBN" and lemma_in(c, OFFICE_VERBS)
                                     for c in np.children):
                # "X, Y and Z had all appointed representatives": the parser makes the verb a
                # modifier of the noun and the platforms the noun's subject
                platforms = [m for c in np.children if c.dep_ == "nsubj" for m in idx.expand(c, {"Platform"})]
            if not platforms:
                continue
            if any(c.lower_ in {"no", "neither"} for c in np.children) or \
                    verb is not None and _negated(verb):
                continue  # "has no office in Canada", "does not have a representative"
            # "a Singapore office", "its Italian headquarters": the place that qualifies the office comes first
            country = next((ref for c in tok.children if c.dep_ in {"compound", "amod", "nmod"}
                            and (ref := idx.place_of(c)) is not None), None)
            if country is None:
                country = idx.location_in(np, frozenset({"in", "for", "within"}))
            if country is None:
                # "an office based in Kenya": the place inside the noun phrase
                country = next((ref for t in np.subtree if t.dep_ == "pobj" and t.head.lower_ in {"in", "for"}
                                and (ref := idx.place_of(t)) is not None), None)
            if country is None and any(c.lower_ in {"local", "regional", "national"} for c in tok.children):
                country = idx.focus_country() or self._sentence_country(doc, idx, tok)
            if country is None:
                country = self._sentence_country(doc, idx, tok)
            if country is None and tok.lower_.startswith("representative"):
                # "The ministry said X had appointed representatives": a legal representative answers
                # to the body that reports it, else to the country the story is about
                sent = idx.sents[idx.sent_index(tok)]
                homes = {m.country for m in idx.of_class("Regulator") if sent.start <= m.start < sent.end}
                country = idx.country_ref(homes.pop()) if len(homes) == 1 and None not in homes \
                    else idx.focus_country()
            if country is None and any(t.ent_type_ == "GPE" and (t.dep_ == "compound" or t.dep_ == "pobj" and
                                                                 t.head.lower_ in {"in", "at"}) for t in np.subtree):
                country = idx.focus_country()  # "an office in Hanoi": a city of the country the story is about
            if country is None:
                continue
            for p in platforms:
                office = EntityRef("Office", f"{p.key} in {country.key}", f"{p.label} office in {country.label}")
                out.append(_hit(p.ref, "hasOffice", office, tok.sent, "office"))
                out.append(_hit(office, "locatedIn", country, tok.sent, "office"))
                out.append(_hit(p.ref, "operatesIn", country, tok.sent, "office-implies"))
        return out

    def _sentence_country(self, doc, idx: MentionIndex, tok: Token) -> EntityRef | None:
        sent = idx.sents[idx.sent_index(tok)]
        countries = {m.key: m for m in idx.of_class("Country") if sent.start <= m.start < sent.end}
        if len(countries) == 1:
            return next(iter(countries.values())).ref
        return None

    # ------------------------------------------------------------------ regulator actions
    def _agents(self, idx: MentionIndex, tok: Token, heads: dict) -> list[EntityRef]:
        """Regulators a subject token stands for (countries as their government, heads as their body)."""
        out = []
        if tok.lower_ in {"which", "who", "that"} and tok.head.dep_ == "relcl" and tok.head.head.i != tok.i:
            tok = tok.head.head  # "the central bank, which supervises X": the body the clause describes
            if tok.dep_ == "attr" and tok.head.lemma_ == "be" and (subj := nearest_subject(tok.head)) is not None:
                tok = subj  # "Anatel is the body that ordered ..."
        if tok.pos_ == "PRON" and tok.lower_ in {"it", "they", "we"}:
            # "The agency announced that it had fined X": the pronoun is the speaker of the governing clause.
            v = tok.head
            for _ in range(3):
                if v.dep_ == "ccomp" and v.head.i != v.i:
                    speaker = nearest_subject(v.head)
                    if speaker is not None and speaker.pos_ != "PRON":
                        return self._agents(idx, speaker, heads)
                if v.dep_ not in {"conj", "xcomp", "advcl"} or v.head.i == v.i:
                    break
                v = v.head
            if tok.lower_ in {"we", "us"} and not out:
                # An interview with a regulator's head: "We have written twice asking TikTok ..."
                body = _interviewed_body(idx)
                if body is not None:
                    return [body.ref]
            if tok.lower_ == "it" and tok.dep_ == "nsubj":
                # "On 15 April it opened an investigation": the regulator, if it was named since the last platform
                before = [m for m in idx.mentions if m.end <= tok.i and m.cls in {"Regulator", "Platform", "Country"}
                          and m.start >= idx.sents[max(0, idx.sent_index(tok) - 2)].start]
                if before and before[-1].cls == "Regulator":
                    out.append(before[-1].ref)
            return out
        if tok.lower_ in _BODY_NOUNS and any(c.dep_ == "poss" and c.lower_ in {"her", "his"} for c in tok.children):
            # "Last week her office brought charges": the body led by the head named last
            people = [m for m in idx.mentions if m.cls == "Person" and m.end <= tok.i and m.key in heads
                      and m.start >= idx.sents[max(0, idx.sent_index(tok) - 3)].start]
            return [heads[people[-1].key]] if people else []
        if tok.lower_ in HEAD_TITLES | {"boss", "chief"}:
            # "The head of Ofcom, <name>, warned ...": the body the title belongs to
            for prep in tok.children:
                if prep.dep_ == "prep" and prep.lower_ == "of":
                    out += [m.ref for p in prep.children for m in idx.expand(p, {"Regulator"}, anaphora=False)]
        for m in idx.expand(tok, {"Regulator", "Country", "Person"}, anaphora=False):
            if m.cls == "Regulator":
                out.append(m.ref)
            elif m.cls == "Country":
                out.append(self._body_of_country(idx, m.key))
            elif m.cls == "Person" and m.key in heads:
                out.append(heads[m.key])
        return out

    def _body_of_country(self, idx: MentionIndex, country: str) -> EntityRef:
        """A country acting ("Colombia fines Rappi"): the body of that country the article names most,
        else its government."""
        named = Counter(m.ref for m in idx.mentions if m.cls == "Regulator" and m.country == country and m.key
                        and not m.label.startswith(GOVERNMENT_OF))
        return named.most_common(1)[0][0] if named else government_of(country)

    def actions(self, doc: Doc, idx: MentionIndex, earlier: list[RelationHit]) -> list[RelationHit]:
        heads = _heads_of(earlier)
        out = []
        for tok in idx.tokens:
            lemma = lemma_in(tok, ENFORCE_VERBS | REGULATE_VERBS | IMPOSE_VERBS) or tok.lemma_.lower()
            if lemma == "cut" and any(c.dep_ == "prt" and c.lower_ == "off" for c in tok.children):
                lemma = "block"  # "cut off X"
            if tok.pos_ not in {"VERB", "AUX"} and not (tok.pos_ == "NOUN" and lemma in ENFORCE_VERBS and tok.dep_ == "ROOT"):
                continue
            if _denied(tok):
                continue  # "did not fine Meta", "we have not blocked X": no act, not even a dealing
            sanction = lemma in ENFORCE_VERBS
            regulate = lemma in REGULATE_VERBS
            objects: list[Token] = []
            agents: list[EntityRef] = []
            if lemma in IMPOSE_VERBS:
                # "opened a probe into X", or passive: "a probe into X was opened by Y"
                dobj = next((c for c in tok.children if c.dep_ in {"dobj", "nsubjpass"}), None)
                # "issued Meta its first directive": two objects, the thing issued and to whom
                issued = [c for c in tok.children if c.dep_ in {"dobj", "dative"}]
                thing = next((c for c in issued if c.lower_ in NOTICE_NOUNS or lemma_in(c, SANCTION_NOUNS)), None)
                if thing is not None and len(issued) > 1:
                    dobj = thing
                # "the €530m that the commission levied on X": an amount imposed is a fine
                money = (dobj is not None and (dobj.ent_type_ == "MONEY" or dobj.lower_ in {"that", "which"}
                                               and any(t.ent_type_ == "MONEY" for t in doc[max(0, dobj.i - 2):dobj.i]))
                         or tok.dep_ in {"relcl", "acl"} and any(t.ent_type_ == "MONEY"
                                                                  for t in doc[max(tok.sent.start, tok.i - 6):tok.i]))
                # ("the €1bn the agency imposed on X")
                if tok.dep_ == "relcl" and (dobj is None or dobj.lower_ in {"that", "which"}) \
                        and lemma_in(tok.head, SANCTION_NOUNS) and any(
                            c.dep_ == "prep" and c.lower_ in {"into", "against", "on"}
                            and (c.head.i == tok.head.i or any(idx.at(p) for p in c.children))
                            for c in [*tok.head.children, *tok.children]):
                    # "the investigation into X that the CNDC opened", "the fine that the office imposed on
                    # X" (not "the largest fine it has imposed on a platform", said of no platform in particular)
                    dobj = tok.head
                if dobj is not None and lemma_in(dobj, SANCTION_NOUNS) or money and lemma in {"impose", "levy"}:
                    sanction = True
                    # "imposed a cost of Rs 50 lakh on the company": the "on" may hang anywhere in the phrase
                    objects += [p for c in [*tok.children, *(dobj.subtree if dobj is not None else ())]
                                if c.dep_ == "prep" and c.lower_ in {"on", "against", "into"}
                                for p in c.children if p.dep_ == "pobj"]
                    # "filed a case accusing the company of ...": whom the sanction accuses
                    objects += [d for c in (dobj.children if dobj is not None else ()) if c.dep_ == "acl"
                                and lemma_in(c, {"accuse", "charge", "allege", "target"}) for d in c.children
                                if d.dep_ == "dobj"]
                    # "an investigation into whether X had breached ...": the clause's subject
                    objects += [n for c in (dobj.children if dobj is not None else ()) if c.dep_ == "prep"
                                and c.lower_ in {"into", "on"} for v in c.children if v.dep_ == "pcomp"
                                for n in v.children if n.dep_ in {"nsubj", "nsubjpass"}]
                elif dobj is not None and (dobj.lower_ in NOTICE_NOUNS or dobj.lower_ in LICENCE_NOUNS):
                    # "issued a notice to X", "handed X a deadline", "issued its first licences to X",
                    # "issued Meta its first directive"
                    regulate = True
                    objects += [p for c in [*tok.children, *dobj.subtree] if c.dep_ == "prep"
                                and c.lower_ in {"to", "on", "for"} for p in c.children if p.dep_ == "pobj"]
                    objects += [c for c in tok.children if c.dep_ in {"dative", "dobj"} and c.i != dobj.i]
                elif dobj is not None and dobj.dep_ == "dobj":
                    # "issued Shein with a compliance notice", "slapped X with a fine": what it was given
                    given = [g for c in tok.children if c.dep_ == "prep" and c.lower_ == "with"
                             for g in c.children if g.dep_ == "pobj"]
                    if any(lemma_in(g, SANCTION_NOUNS) for g in given):
                        sanction = True
                        objects.append(dobj)
                    elif any(g.lower_ in NOTICE_NOUNS for g in given):
                        regulate = True
                        objects.append(dobj)
            if regulate and lemma in {"order", "direct", "require", "compel", "force", "instruct"} and any(
                    c.dep_ == "xcomp" and c.lemma_ == "pay" for c in tok.children):
                sanction = True  # "ordered X to pay S/ 1.9 million": a penalty, however it is worded
            if lemma == "write" and any(c.dep_ == "prep" and c.lower_ == "to" for c in tok.children):
                regulate = True  # "the office had written to X and Y asking ..." (not "wrote on X")
            if lemma in {"collect", "levy", "withhold", "recover"}:
                # a tax authority "collects the levy through / from X": X pays it (the tax is the object)
                tax_from = [p for c in tok.children if c.dep_ == "prep" and c.lower_ in {"from", "through", "via"}
                            for p in c.children if p.dep_ == "pobj"]
                if tax_from:
                    regulate = True
                    objects += tax_from
            if lemma in {"register", "tax"} and tok.dep_ != "acl":
                regulate = True  # "the revenue authority has registered Google for VAT"
            if lemma in {"bring", "place", "put"} and any(c.dep_ == "prep" and c.lower_ == "under" for c in tok.children):
                regulate = True  # "brings X and Y under the online safety code"
            if lemma in {"take", "drag", "haul", "bring"} and any(
                    c.dep_ == "prep" and c.lower_ == "to" and any(p.lower_ == "court" for p in c.children)
                    for c in tok.children):
                sanction = True  # "took X to court"
            if lemma == "pursue" and any(c.dep_ == "dobj" and idx.expand(c, {"Platform"}) for c in tok.children):
                sanction = True  # "is pursuing Meta over ..." (a case against it; "pursued a probe" is above)
            if not (sanction or regulate):
                continue
            passive = any(c.dep_ in {"nsubjpass", "auxpass"} for c in tok.children)
            # Headline passives without "is": "<platform> fined $5m by <regulator>".
            by_agents = [a for c in tok.children if c.dep_ == "prep" and c.lower_ == "by"
                         for p in c.children if p.dep_ == "pobj" for a in self._agents(idx, p, heads)]
            if not passive and tok.tag_ == "VBN" and by_agents:
                agents += by_agents
                objects += [c for c in tok.children if c.dep_ == "nsubj"]
            for c in tok.children:
                if passive and c.dep_ == "agent":
                    for p in c.children:
                        if p.dep_ == "pobj":
                            agents += self._agents(idx, p, heads)
                if passive and c.dep_ == "xcomp":
                    # "X was ordered to pay ... by the tribunal": the parser hangs the agent on the infinitive
                    agents += [a for b in c.children if b.dep_ in {"agent", "prep"} and b.lower_ == "by"
                               for p in b.children if p.dep_ == "pobj" for a in self._agents(idx, p, heads)]
                elif not passive and c.dep_ in {"nsubj"} and not by_agents:
                    agents += self._agents(idx, c, heads)
                if passive and c.dep_ == "nsubjpass":
                    objects.append(c)
                elif not passive and c.dep_ in {"dobj", "dative"}:
                    # ("sent a letter to X": the parser may call the "to" itself the dative)
                    objects += [p for p in c.children if p.dep_ == "pobj"] if c.pos_ == "ADP" else [c]
                    if lemma == "discuss":  # "discussed the draft with X" (the "with" on the object)
                        objects += [p for w in c.children if w.dep_ == "prep" and w.lower_ == "with"
                                    for p in w.children if p.dep_ == "pobj"]
                elif c.dep_ == "prep" and c.lower_ in {"with", "on", "against"} and lemma not in IMPOSE_VERBS \
                        and lemma != "write":
                    objects += [p for p in c.children if p.dep_ == "pobj"]
                elif c.dep_ == "prep" and c.lower_ == "to" and lemma in {"give", "grant", "send", "serve", "issue", "hand",
                                                                         "write"}:
                    objects += [p for p in c.children if p.dep_ == "pobj"]  # "sent a letter to X", "wrote to X"
                if not passive and c.dep_ == "dobj" and lemma in {"send", "serve", "address"} \
                        and c.lower_ in NOTICE_NOUNS:
                    # "sent requests for information to X and Y": the "to" may hang inside the object
                    objects += [p for u in c.subtree if u.dep_ == "prep" and u.lower_ == "to" and u.head.i != tok.i
                                for p in u.children if p.dep_ == "pobj"]
            if not passive and tok.dep_ == "acl" and tok.tag_ == "VBN" and lemma in REGULATE_VERBS:
                # "Flouci, the payment app licensed by the central bank", "a licence granted by the FMA"
                participle_agents = [a for c in tok.children if c.dep_ == "agent" for p in c.children
                                     if p.dep_ == "pobj" for a in self._agents(idx, p, heads)]
                if participle_agents:
                    agents += participle_agents
                    objects += _described(tok.head)
            if not passive and tok.dep_ == "relcl" and lemma in REGULATE_VERBS and any(
                    c.dep_ in {"dobj", "nsubjpass"} and c.lower_ in {"which", "that", "whom"} for c in tok.children):
                objects += _described(tok.head)  # "Starlink, ..., which POTRAZ licensed in 2024"
            if not agents and tok.dep_ == "acl" and not by_agents and idx.at(tok.head) is not None \
                    and idx.at(tok.head).cls == "Regulator" and not any(c.dep_ == "agent" for c in tok.children):
                agents.append(idx.at(tok.head).ref)  # the parser hung "imposed" on its subject: "the AGCM imposed"
            if not agents and tok.dep_ in {"xcomp", "conj", "advcl", "pcomp"}:
                subj = subject_of(tok)
                # (or the name a relative clause hangs on: "the central bank, which supervises X and
                # licenses apps such as Y")
                if subj is not None and (subj.dep_ == "nsubj" or subj.dep_ != "nsubjpass" and any(
                        c.dep_ == "relcl" for c in subj.children) and idx.at(subj) is not None
                                         and idx.at(subj).cls == "Regulator"):
                    agents += self._agents(idx, subj, heads)
            if not agents and not passive:
                # "Zambia regulator fines Telegram, tells Meta to ...": a headline the parser reads as
                # "fines" telling; the body inside the subject's phrase acts
                agents += [m.ref for c in tok.children if c.dep_ == "nsubj" and c.pos_ == "NOUN"
                           for m in map(idx.at, c.subtree) if m is not None and m.cls == "Regulator"][:1]
            if not agents and not passive:
                body = self._body_right_before(idx, tok)
                if body is not None:
                    agents.append(body.ref)  # "the Office (Úřad ..., ÚOHS) fined X": the parse lost the subject
            if not agents and passive:
                # "According to the GRA, ... Google has now been asked to do the same": the body the
                # sentence is attributed to asked
                agents += [a for t in idx.sents[idx.sent_index(tok)] if t.lower_ == "according"
                           and t.i + 1 < len(idx.tokens) and idx.tokens[t.i + 1].lower_ == "to"
                           for p in idx.tokens[t.i + 1].children
                           if p.dep_ == "pobj" for a in self._agents(idx, p, heads)]
            if not agents and tok.dep_ == "xcomp" and lemma_in(tok.head, {"ask", "urge", "request", "call", "tell"}):
                # "asked the ICTA to direct X to block ...": the body asked to act is the one acting
                agents += [a for c in tok.head.children if c.dep_ == "dobj" for a in self._agents(idx, c, heads)]
            if not agents and sanction and tok.dep_ == "xcomp" and lemma_in(tok.head, OBJECT_CONTROL):
                # "directed the operators to block X": the one who gave the order acts on X
                agents += [a for c in tok.head.children if c.dep_ == "nsubj" for a in self._agents(idx, c, heads)]
            if not agents and passive and regulate and not sanction:
                # "Uber, DiDi and Cabify are registered, the ministry said": the body that says so
                agents += [a for t in tok.sent if t.dep_ == "nsubj" and t.head.i != tok.i
                           and lemma_in(t.head, {"say", "confirm", "announce", "state", "report"})
                           for a in self._agents(idx, t, heads)]
            if not agents and passive and lemma_in(tok, {"give", "grant", "allow"}) and any(
                    t.lower_ == "until" and tok.i in {t.head.i, t.head.head.i} for t in tok.subtree):
                # "X has been given until the end of the year to do the same": a deadline set by the
                # body the story has just named
                body = idx.salient("Regulator", tok, window=2)
                agents += [body.ref] if body is not None else []
            if not agents and passive and sanction:
                # "X was suspended ... after <judge> ruled": an agentless sanction is the
                # act of the authority acting in the same sentence.
                agents += [a for t in tok.sent if t.dep_ == "nsubj" and t.head.pos_ == "VERB"
                           and t.head.i != tok.i for a in self._agents(idx, t, heads)]
                # "<Regulator> fined X ... Y was fined €2m for ...": else the one body named just before
                fined = [m for c in tok.children if c.dep_ == "nsubjpass" for m in idx.expand(c, {"Platform"})]
                body = self._only_body_nearby(idx, tok.i) if not agents and fined and lemma in ENFORCE_VERBS else None
                if body is not None and body.start < tok.i:
                    agents.append(body.ref)
            if not agents:
                continue
            # "ordered X to ...": the object of the governing verb's xcomp subject
            for c in tok.children:
                if c.dep_ in {"ccomp", "xcomp"}:
                    for cc in c.children:
                        if cc.dep_ == "nsubj":
                            objects.append(cc)
            if not passive:
                # "fined X €2m and Y €1m": with the verb gapped the parser conjoins Y to the verb itself
                objects += [c for c in tok.children if c.dep_ == "conj" and c.pos_ in {"PROPN", "NOUN"}]
            targets: list[Mention] = []
            for o in objects:
                found = idx.expand(o, {"Platform", "Person", "Organization"})
                if not found and o.dep_ == "pobj" and o.head.lower_ in {"into", "on", "against"}:
                    # "an inquiry into whether X's contracts discourage ...": the platform inside the phrase
                    found = []
                    for m in map(idx.at, o.subtree):
                        if m is not None and m.cls == "Platform" and m not in found:
                            found.append(m)
                if not found and o.dep_ == "dobj":
                    # "approved changes to Google's exemption": the platform whose permit or practice is acted on
                    # (not past the object's own possessor: "blocked Uber's purchase of Y's business")
                    # "rejected Tigo's challenge to the fine": the platform whose appeal is decided
                    found = [m for u in o.subtree if u.dep_ == "poss" and (
                                 u.head.i != o.i and not any(c.dep_ == "poss" for c in o.children)
                                 and (u.head.lower_ in LICENCE_NOUNS or u.head.lower_ in FACETS)
                                 or u.head.i == o.i and o.lower_ in _APPEAL_NOUNS)
                             and (m := idx.at(u)) is not None and m.cls == "Platform"]
                targets += found + self._operated(idx, found)
            if not targets and not passive:
                targets = self._named_after(doc, idx, tok)
            for agent in agents:
                for t in targets:
                    if t.cls == "Platform":
                        out.append(_hit(agent, "enforcesAgainst" if sanction else "regulates", t.ref, tok.sent, "action"))
                    elif sanction and t.cls in {"Person", "Organization"}:
                        out.append(_hit(agent, "enforcesAgainst", t.ref, tok.sent, "action"))
        return out

    def _operated(self, idx: MentionIndex, companies: list[Mention]) -> list[Mention]:
        """The platforms a company acted on is said to run: "Whaleco Technology Limited, the company
        that runs Temu in the EU", "G-Xchange Inc., the operator of GCash" (the sanction is the
        platform's too)."""
        out = []
        for m in companies:
            for kind in (c for c in idx.doc[m.end - 1].children if c.dep_ == "appos"):
                run = [o for v in kind.children if v.dep_ == "relcl" and lemma_in(v, {"run", "operate"})
                       for o in v.children if o.dep_ == "dobj"]
                run += [o for p in kind.children if p.dep_ == "prep" and p.lower_ == "of"
                        and kind.lower_ in {"operator", "operators"} for o in p.children if o.dep_ == "pobj"]
                out += [p for o in run for p in idx.expand(o, {"Platform"}, anaphora=False)
                        if p.key != m.key and p not in out]
        return out

    def _body_right_before(self, idx: MentionIndex, verb: Token) -> Mention | None:
        """A regulator named right before ``verb``, past adverbs and one parenthesis ("the Office
        for the Protection of Competition (Úřad ..., ÚOHS) fined ...")."""
        k = verb.i - 1
        toks = idx.tokens
        while k >= 0 and toks[k].pos_ == "ADV" and verb.i - k <= 3:
            k -= 1
        if k >= 0 and toks[k].text == ")":
            opening = next((j for j in range(k - 1, max(-1, k - 16), -1) if toks[j].text == "("), None)
            if opening is None:
                return None
            inside = [m for m in map(idx.at, toks[opening + 1:k]) if m is not None and m.cls == "Regulator"]
            if inside:
                return inside[-1]
            k = opening - 1
        m = idx.at(toks[k]) if k >= 0 and idx.sent_index(toks[k]) == idx.sent_index(verb) else None
        return m if m is not None and m.cls == "Regulator" and m.end == k + 1 else None

    def _named_before(self, idx: MentionIndex, verb: Token) -> list[Mention]:
        """Regulators and platforms named right before a verb whose subject the parser lost,
        back to the clause's start."""
        out: list[Mention] = []
        for t in reversed(idx.tokens[verb.sent.start:verb.i]):
            if t.text in {",", ";", ":", "(", ")"} or t.pos_ in {"SCONJ", "VERB"}:
                break
            m = idx.at(t)
            if m is not None and m.cls in {"Regulator", "Platform"} and m not in out:
                out.append(m)
        return out

    def _named_after(self, doc: Doc, idx: MentionIndex, verb: Token) -> list[Mention]:
        """Platforms named right after an action verb the parser got lost in ("has directed
        microblogging platform X and app Y to ..."): up to the first preposition, infinitive or clause break."""
        out: list[Mention] = []
        for t in idx.tokens[verb.i + 1:min(verb.i + 12, verb.sent.end)]:
            if t.pos_ in {"ADP", "SCONJ", "PART"} and t.lower_ != "of" or t.text in {",", ";", ":", "(", "."}:
                break
            m = idx.at(t)
            if m is not None and m.cls == "Platform" and m not in out:
                out.append(m)
        return out

    def announced_compliance(self, doc: Doc, idx: MentionIndex, earlier: list[RelationHit]) -> list[RelationHit]:
        """A regulator announcing that a platform will open an office or comply: it regulates the platform.

        "The ministry confirmed that <platform> will appoint a representative."
        """
        heads = _heads_of(earlier)
        out = self._announced_requirements(doc, idx, heads)
        offices = [h for h in earlier if h.predicate == "hasOffice"]
        for h in offices:
            sent = doc[h.start:h.end]
            for tok in sent:
                if tok.dep_ != "nsubj" or tok.head.pos_ != "VERB":
                    continue
                # the regulator must govern the clause holding the office statement
                if not any(c.dep_ in {"ccomp", "xcomp"} for c in tok.head.children):
                    continue
                for agent in self._agents(idx, tok, heads):
                    out.append(_hit(agent, "regulates", h.subject, sent, "action"))
        return out

    def _announced_requirements(self, doc: Doc, idx: MentionIndex, heads) -> list[RelationHit]:
        """"The ministry said <platform> must register": a requirement a regulator states."""
        out = []
        for tok in idx.tokens:
            if tok.dep_ != "ccomp" or tok.pos_ not in {"VERB", "AUX"}:
                continue
            modal = any(c.lower_ in {"must", "should", "needs", "need"} for c in tok.children) or \
                lemma_in(tok, {"require", "oblige", "force", "order"}) and any(c.dep_ == "auxpass" for c in tok.children)
            if not modal:
                continue
            subj = next((c for c in tok.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
            speaker = next((c for c in tok.head.children if c.dep_ == "nsubj"), None)
            if subj is None or speaker is None:
                continue
            for agent in self._agents(idx, speaker, heads):
                for p in idx.expand(subj, {"Platform"}):
                    out.append(_hit(agent, "regulates", p.ref, tok.sent, "action"))
        return out

    AGREEMENT_NOUNS = {"agreement", "deal", "settlement", "accord", "memorandum", "pact", "mou", "arrangement"}

    def mutual(self, doc: Doc, idx: MentionIndex) -> list[RelationHit]:
        """Dealings between the two sides, whichever is the subject: "<platform> is working with
        <regulator>", "<regulator> and <platform> signed an agreement"."""
        out = []
        for tok in idx.tokens:
            lemma = lemma_in(tok, MUTUAL_VERBS)
            if lemma is None or tok.pos_ != "VERB":
                continue
            partners = [p for c in tok.children if c.dep_ == "prep" and c.lower_ == "with"
                        for p in c.children if p.dep_ == "pobj"]
            if lemma in {"sign", "reach", "conclude", "strike", "agree"}:
                deals = [c for c in tok.children if c.dep_ == "dobj" and c.lower_ in self.AGREEMENT_NOUNS]
                if lemma != "agree" and not deals:
                    continue  # "signed the law": no dealings with anybody
                partners += [p for d in deals for c in d.children if c.dep_ == "prep" and c.lower_ == "with"
                             for p in c.children if p.dep_ == "pobj"]
            subj = subject_of(tok)
            sides = [m.ref for t in partners for m in idx.expand(t, {"Regulator", "Platform"}, anaphora=False)]
            if subj is not None and subj.pos_ == "PRON":
                # "the commission said it had signed an agreement with X"; "X said it was working with Y"
                sides += self._agents(idx, subj, {}) + [m.ref for m in idx.expand(subj, {"Platform"})]
            elif subj is not None:
                sides += [m.ref for m in idx.expand(subj, {"Regulator", "Platform"})]
            else:
                sides += [m.ref for m in self._named_before(idx, tok)]  # "..., PROFECO and Spotify signed an agreement"
            for r in (m for m in sides if m.cls == "Regulator"):
                for p in (m for m in sides if m.cls == "Platform"):
                    out.append(_hit(r, "regulates", p, tok.sent, "action"))
        return out

    def answered(self, doc: Doc, idx: MentionIndex, earlier: list[RelationHit]) -> list[RelationHit]:
        """"<platforms> have until March to submit plans to <regulator>", "<platform> registered with <regulator>"."""
        heads = _heads_of(earlier)
        out = []
        for tok in idx.tokens:
            if tok.pos_ != "VERB" or lemma_in(tok, ANSWER_VERBS) is None:
                continue
            recipients = [m for c in [*tok.children, *(d for d in tok.children if d.dep_ == "dobj")]
                          for c2 in ([c] if c.dep_ == "prep" or c.dep_ == "dative" and c.pos_ == "ADP"
                                     else [x for x in c.children if x.dep_ == "prep"])
                          if c2.lower_ in {"to", "with", "before"} for p in c2.children if p.dep_ == "pobj"
                          for m in idx.expand(p, {"Regulator"}, anaphora=False)]
            reported = tok.dep_ == "ccomp" and lemma_in(tok.head, _REPORTING_VERBS | {"tell"}) is not None
            if not recipients and reported and lemma_in(tok, {"register"}):
                # "The tax authority said Netflix and Google had registered for VAT": registered with
                # the body that reports it, or that its head reports it for ("the minister told a press
                # conference that 23 platforms had registered")
                speakers = [m for c in tok.head.children if c.dep_ == "nsubj"
                            for m in idx.expand(c, {"Regulator", "Person"}, anaphora=False)]
                recipients = [m for m in speakers if m.cls == "Regulator"]
                bodies = [heads[m.key] for m in speakers if m.cls == "Person" and m.key in heads]
            else:
                bodies = []
            bodies = [m.ref for m in recipients] + bodies
            if not bodies:
                continue
            if _negated(tok) and not (reported and any(c.dep_ == "nsubj" and idx.expand(c, {"Regulator"})
                                                       for c in tok.head.children)):
                continue  # "have not registered with the PDPO" is no dealing with it, unless a body says so
            subj = subject_of(tok) or (tok.head if tok.dep_ == "acl" else None)  # "X, registered with Y"
            platforms = idx.expand(subj, {"Platform"}) if subj is not None else []
            if not platforms and subj is not None and subj.tag_ == "NNS":
                # "23 platforms had registered, including TikTok and Viber": the examples hang on the verb
                platforms = [m for c in tok.children if c.dep_ == "prep" and c.lower_ == "including"
                             for o in c.children if o.dep_ == "pobj" for m in idx.expand(o, {"Platform"})]
            for p in platforms:
                for body in bodies:
                    out.append(_hit(body, "regulates", p.ref, tok.sent, "action"))
        return out

    #: What a platform acts on: "at the agency's request", "at the request of the regulator".
    _BIDDING_NOUNS = {"request", "requests", "behest", "demand", "demands", "order", "orders", "instruction",
                      "instructions", "direction", "urging", "insistence"}

    def supervisors(self, idx: MentionIndex) -> list[RelationHit]:
        """"Meta's lead regulator in Europe is Ireland's Data Protection Commission", "the CNIL,
        Google's main supervisor": the body a platform's regulator is said to be regulates it."""
        out = []
        for tok in idx.tokens:
            if tok.lower_ not in {"regulator", "supervisor", "watchdog"}:
                continue
            platforms = [m for c in tok.children if c.dep_ == "poss" for m in idx.expand(c, {"Platform"}, anaphora=False)]
            if not platforms:
                continue
            if tok.dep_ == "appos":
                bodies = [tok.head]
            elif tok.dep_ == "nsubj" and lemma_in(tok.head, {"be", "remain", "become"}):
                bodies = [c for c in tok.head.children if c.dep_ == "attr"]
            elif tok.dep_ == "attr":
                bodies = [c for c in tok.head.children if c.dep_ == "nsubj"]
            else:
                continue
            for body in (m for b in bodies for m in idx.expand(b, {"Regulator"}, anaphora=False)):
                out += [_hit(body.ref, "regulates", p.ref, tok.sent, "action") for p in platforms]
        return out

    def at_request(self, doc: Doc, idx: MentionIndex) -> list[RelationHit]:
        """"At the Garante's request, Apple and Google removed the app": a platform doing something
        at a regulator's bidding is regulated by it."""
        out = []
        for tok in idx.tokens:
            if tok.lower_ not in self._BIDDING_NOUNS or tok.dep_ != "pobj" or tok.head.lower_ not in {"at", "on", "upon"}:
                continue
            bidders = [c for c in tok.children if c.dep_ == "poss"]
            bidders += [p for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"
                        for p in c.children if p.dep_ == "pobj"]
            regulators = [m for b in bidders for m in idx.expand(b, {"Regulator"})]
            verb = tok.head.head
            subj = subject_of(verb) if verb.pos_ in {"VERB", "AUX"} else None
            if not regulators or subj is None:
                continue
            # "X has been blocked by the operators on the ministry's order": a sanction suffered at a
            # regulator's bidding is the regulator's
            predicate = "enforcesAgainst" if subj.dep_ == "nsubjpass" and lemma_in(verb, ENFORCE_VERBS) \
                else "regulates"
            for platform in idx.expand(subj, {"Platform"}):
                out += [_hit(r.ref, predicate, platform.ref, tok.sent, "action") for r in regulators]
        return out

    _CLAIM_NOUNS = {"claims", "charges", "case", "cases", "lawsuit", "suit", "allegations", "complaint", "accusations",
                    "proceedings", "probe", "investigation"}

    def settlements(self, doc: Doc, idx: MentionIndex, earlier: list[RelationHit]) -> list[RelationHit]:
        """"Google paid $170 million to settle claims brought by the commission", "X settled with the
        FTC": a platform settling a regulator's case is sanctioned by it."""
        heads = _heads_of(earlier)
        out = []
        for tok in idx.tokens:
            if tok.pos_ != "VERB" or lemma_in(tok, {"settle"}) is None:
                continue
            claims = [c for c in tok.children if c.dep_ == "dobj" and c.lower_ in self._CLAIM_NOUNS]
            bodies = [a for c in claims for acl in c.children if acl.dep_ == "acl" for g in acl.children
                      if g.dep_ == "agent" for p in g.children if p.dep_ == "pobj" for a in self._agents(idx, p, heads)]
            bodies += [a for c in tok.children if c.dep_ == "prep" and c.lower_ == "with" for p in c.children
                       if p.dep_ == "pobj" for a in self._agents(idx, p, heads)]
            subj = subject_of(tok)
            for platform in (idx.expand(subj, {"Platform"}) if subj is not None and bodies else ()):
                out += [_hit(b, "enforcesAgainst", platform.ref, tok.sent, "action") for b in bodies]
        return out

    _APPLICATION_NOUNS = {"application", "applications", "request", "requests", "filing", "submission", "bid"}

    def applications(self, doc: Doc, idx: MentionIndex) -> list[RelationHit]:
        """"X's application for a banking licence, filed with the central bank": the body a platform
        applies to regulates it."""
        out = []
        for tok in idx.tokens:
            if tok.lower_ not in self._APPLICATION_NOUNS:
                continue
            heads = [tok, *(c for c in tok.children if c.dep_ == "acl"
                            and lemma_in(c, {"file", "submit", "lodge", "make", "send", "present"}))]
            bodies = [m for h in heads for p in h.children if p.dep_ == "prep" and p.lower_ in {"with", "to"}
                      for o in p.children if o.dep_ == "pobj" for m in idx.expand(o, {"Regulator"}, anaphora=False)]
            if not bodies:
                continue
            applicants = [c for c in tok.children if c.dep_ == "poss"]
            applicants += [p for h in heads[1:] for a in h.children if a.dep_ == "agent"
                           for p in a.children if p.dep_ == "pobj"]
            for platform in (m for a in applicants for m in idx.expand(a, {"Platform"})):
                out += [_hit(b.ref, "regulates", platform.ref, tok.sent, "action") for b in bodies]
        return out

    def received(self, doc: Doc, idx: MentionIndex, earlier: list[RelationHit]) -> list[RelationHit]:
        """"<platform> received a fine / a warning (from <regulator>)": the regulator named with it acts on it."""
        heads = _heads_of(earlier)
        out = []
        for tok in idx.tokens:
            if tok.pos_ != "VERB" or lemma_in(tok, RECEIVE_VERBS | {"pay"}) is None:
                continue
            dobj = next((c for c in tok.children if c.dep_ == "dobj"), None)
            if dobj is None:
                continue
            sanction = lemma_in(dobj, SANCTION_NOUNS) is not None
            if lemma_in(tok, {"pay"}) and not sanction:
                continue  # "X will pay a C$95 million penalty under a settlement with Y" (not "pay a fee")
            licence = dobj.lower_ in LICENCE_NOUNS
            if not sanction and not licence and dobj.lower_ not in NOTICE_NOUNS:
                continue
            subj = subject_of(tok)
            if _negated(tok):
                continue  # ("PTAC said it had not received complaints about Wolt")
            targets = idx.expand(subj, {"Platform"}) if subj is not None else []
            if not targets:
                continue
            agents = [a for c in [*tok.children, *dobj.children] if c.dep_ == "prep" and c.lower_ == "from"
                      for p in c.children if p.dep_ == "pobj" for a in self._agents(idx, p, heads)]
            if not agents and lemma_in(tok, {"pay"}):
                # "pay a penalty under a settlement with the bureau", "pay the fine to the agency" (not
                # the court that may refuse to suspend it)
                agents = [a for u in tok.subtree if u.dep_ == "prep" and u.lower_ in {"with", "to"}
                          and (u.head.i == tok.i or u.head.lower_ in {"settlement", "agreement", "deal"})
                          for p in u.children if p.dep_ == "pobj" for a in self._agents(idx, p, heads)]
            elif not agents:
                sent = idx.sents[idx.sent_index(tok)]
                named = {m.key: m.ref for m in idx.of_class("Regulator") if sent.start <= m.start < sent.end}
                agents = list(named.values()) if len(named) == 1 else []
            if not agents and licence:
                # "Buda.com secured its registration": granted by the regulator the story is about
                last = idx.salient("Regulator", tok, window=3)
                agents = [last.ref] if last is not None else []
            for a in agents:
                for t in targets:
                    out.append(_hit(a, "enforcesAgainst" if sanction else "regulates", t.ref, tok.sent, "action"))
        return out

    DISPUTE_NOUNS = {"battle", "dispute", "fight", "standoff", "feud", "clash", "row", "conflict",
                     "tussle", "negotiations", "talks", "showdown", "lawsuit", "case"}

    def disputes(self, doc: Doc, idx: MentionIndex) -> list[RelationHit]:
        """"The (legal) battle between <platform> and <regulator>": the regulator acts on the platform."""
        out = []
        for tok in idx.tokens:
            if tok.lower_ not in self.DISPUTE_NOUNS:
                continue
            for prep in tok.children:
                if prep.dep_ != "prep" or prep.lower_ != "between":
                    continue
                sides = [m for p in prep.children if p.dep_ == "pobj"
                         for m in idx.expand(p, {"Platform", "Regulator", "Country"})]
                regs = [m.ref if m.cls == "Regulator" else government_of(m.key) for m in sides
                        if m.cls in {"Regulator", "Country"}]
                plats = [m for m in sides if m.cls == "Platform"]
                pred = "enforcesAgainst" if tok.lower_ in {"lawsuit", "case"} else "regulates"
                for r in regs:
                    for p in plats:
                        out.append(_hit(r, pred, p.ref, tok.sent, "action"))
        return out

    def sanction_nouns(self, doc: Doc, idx: MentionIndex) -> list[RelationHit]:
        """"a ban on <platform> imposed by <regulator>", "<regulator>'s fine against <platform>",
        "<platform> is in talks with <regulator>"."""
        out = []
        for tok in idx.tokens:
            word = tok.lower_
            # "the blocking of X by Y", "the suspension of X": an action named by a noun
            action = tok.pos_ == "NOUN" and tok.dep_ != "compound" and lemma_in(tok, ENFORCE_VERBS) is not None
            # "the FTC's 2023 order against Amazon": an order against someone sanctions them
            against = word in {"order", "orders", "injunction", "injunctions", "decision", "ruling"} and any(
                c.dep_ == "prep" and c.lower_ == "against" for c in tok.children)
            if (word in SANCTION_NOUNS or action or against) and _denied_noun(tok):
                continue  # "has not opened a case against X", "no proceeding against X"
            if word in SANCTION_NOUNS or action or against:
                preps = {"on", "against", "into", "of"} if action else {"against"} if against else {"on", "against", "into"}
                if word in {"fine", "fines", "penalty", "penalties"}:
                    preps = preps | {"for", "from"}  # "fines of up to W47.5bn for Google", "a penalty ... from Epic"
                if word in {"inspection", "inspections", "raid", "raids"}:
                    preps = preps | {"at"}  # "unannounced inspections at X and Y"
                # the target may hang on the noun or on the clause describing it ("a lawsuit filed ... against X")
                holders = [tok, *(c for c in tok.children if c.dep_ == "acl")]
                if tok.dep_ == "dobj" and word in SANCTION_NOUNS:
                    holders.append(tok.head)  # "opened a probe into X": the parser may hang "into X" on the verb
                targets = [m for h in holders for c in h.children if c.dep_ == "prep" and c.lower_ in preps
                           for p in c.children if p.dep_ == "pobj" for m in idx.expand(p, {"Platform", "Person"})]
                agents = [m for c in tok.children if c.dep_ == "poss"
                          for m in idx.expand(c, {"Regulator"}, anaphora=False)]
                agents += [m for c in tok.children if c.dep_ == "prep" and c.lower_ == "by"
                           for p in c.children if p.dep_ == "pobj" for m in idx.expand(p, {"Regulator"}, anaphora=False)]
                # "into TikTok's compliance": the platform whose conduct is examined
                targets += [m for h in holders for c in h.children if c.dep_ == "prep" and c.lower_ in {"into", "of", "on"}
                            for p in c.children if p.dep_ == "pobj" for q in p.children if q.dep_ == "poss"
                            for m in idx.expand(q, {"Platform"}, anaphora=False)]
                # "an inquiry into whether X's contracts discourage ...": the platforms of the clause
                for m in (idx.at(t) for h in holders for c in h.children if c.dep_ == "prep" and c.lower_ == "into"
                          for p in c.children if p.dep_ == "pcomp" for t in p.subtree):
                    if m is not None and m.cls == "Platform" and m not in targets:
                        targets.append(m)
                if not agents and tok.dep_ == "dobj" and word in SANCTION_NOUNS:
                    # "Ofcom confirmed a probe into X": the one who opens or announces it
                    subj = subject_of(tok.head)
                    agents = idx.expand(subj, {"Regulator"}, anaphora=False) if subj is not None else []
                agents += [m for acl in tok.children if acl.dep_ == "acl"
                           for a in acl.children if a.dep_ == "agent"
                           for p in a.children if p.dep_ == "pobj" for m in idx.expand(p, {"Regulator"}, anaphora=False)]
                for a in agents:
                    for t in targets:
                        out.append(_hit(a.ref, "enforcesAgainst", t.ref, tok.sent, "action"))
            elif word in {"talks", "negotiations", "discussions", "dialogue", "consultations"}:
                partners = [m for c in tok.children if c.dep_ == "prep" and c.lower_ == "with"
                            for p in c.children if p.dep_ == "pobj"
                            for m in idx.expand(p, {"Regulator", "Platform"}, anaphora=False)]
                verb = tok.head.head if tok.dep_ == "pobj" else tok.head
                subj = subject_of(verb) if verb is not None else None
                sides = partners + (idx.expand(subj, {"Regulator", "Platform"}) if subj is not None else [])
                for r in (m for m in sides if m.cls == "Regulator"):
                    for p in (m for m in sides if m.cls == "Platform"):
                        out.append(_hit(r.ref, "regulates", p.ref, tok.sent, "action"))
        return out

    _RESOLVE_NOUNS = {"decision", "decisions", "move", "order"}

    def resolved_sanctions(self, doc: Doc, idx: MentionIndex, earlier: list[RelationHit]) -> list[RelationHit]:
        """"The European Commission's decision to fine Delivery Hero and Glovo", "the ministry's
        plan to block X": a regulator's resolve to sanction (read off the words: the parser takes
        "to fine" for a preposition and an adjective)."""
        heads = _heads_of(earlier)
        toks = idx.tokens
        out = []
        for tok in toks:
            if tok.lower_ not in self._RESOLVE_NOUNS:
                continue
            k = tok.i + 1
            while k < min(len(toks), tok.i + 5) and (toks[k].ent_type_ == "DATE" or toks[k].lower_ in {"in", "on", "last"}):
                k += 1  # "the decision in June 2025 to fine ..."
            if k + 2 >= len(toks) or toks[k].lower_ != "to" or toks[k + 1].lower_ not in ENFORCE_VERBS:
                continue
            first = idx.by_token.get(k + 2)
            if first is None or first.start != k + 2 or first.cls != "Platform":
                continue
            agents = [a for c in tok.children if c.dep_ == "poss" for a in self._agents(idx, c, heads)]
            sent = idx.sents[idx.sent_index(tok)]
            out += [_hit(a, "enforcesAgainst", m.ref, sent, "action") for a in agents
                    for m in self._list_from(doc, idx, first, sent)]
        return out

    DECISION_NOUNS = {"ruling", "decision", "order", "judgment", "judgement", "verdict", "directive", "measure"}
    AFFECT_VERBS = {"affect", "apply", "target", "concern", "cover", "hit", "bind"}

    def decisions(self, doc: Doc, idx: MentionIndex) -> list[RelationHit]:
        """"The ruling affects <platform>": the regulator behind the ruling (the one last
        named) acts on the platform."""
        out = []
        for tok in idx.tokens:
            if tok.lower_ not in self.DECISION_NOUNS or tok.dep_ not in {"nsubj", "nsubjpass"}:
                continue
            verb = tok.head
            if not lemma_in(verb, self.AFFECT_VERBS) or _negated(verb):
                continue  # ("The decision does not cover Wolt")
            regulator = idx.salient("Regulator", tok, window=8)
            if regulator is None:
                continue
            objects = [c for c in verb.children if c.dep_ in {"dobj", "attr"}]
            objects += [p for c in verb.children if c.dep_ == "prep" and c.lower_ in {"to", "on"}
                        for p in c.children if p.dep_ == "pobj"]
            for o in objects:
                for m in idx.expand(o, {"Platform"}, anaphora=False):
                    out.append(_hit(regulator.ref, "regulates", m.ref, tok.sent, "action"))
        return out

    # ------------------------------------------------------------------ jurisdiction
    def jurisdictions(self, doc: Doc, idx: MentionIndex, earlier: list[RelationHit]) -> list[RelationHit]:
        token_at = doc_tokens(doc)[0]
        out = []
        regs: dict[str, tuple[EntityRef, str | None, object]] = {}
        for m in idx.of_class("Regulator"):
            prev = regs.get(m.key)
            if prev is None or (prev[1] is None and m.country):
                regs[m.key] = (m.ref, m.country, token_at[m.start].sent)
        for h in earlier:
            for ref in (h.subject, h.object):
                if ref.cls == "Regulator" and ref.key not in regs:
                    regs[ref.key] = (ref, self._country_in_key(ref), doc[h.start:h.end])
        focus = idx.focus_country()
        for ref, country, sent in regs.values():
            if country:
                out.append(_hit(ref, "jurisdiction", idx.country_ref(country), sent, "jurisdiction"))
            elif focus is not None:
                out.append(_hit(ref, "jurisdiction", focus, sent, "jurisdiction-focus"))
        return out

    def _country_in_key(self, ref: EntityRef) -> str | None:
        """The country of a regulator minted by a rule (its key starts with the country)."""
        if ref.label.startswith(GOVERNMENT_OF):
            return ref.label.removeprefix(GOVERNMENT_OF)
        for name in self.gz.country_adjective:
            n = normalize(name)
            if ref.key.startswith(n + " "):
                return name
        return None

    # ------------------------------------------------------------------ operatesIn
    def _markets(self, idx: MentionIndex, market: Token) -> list[RelationHit]:
        """"X counts Brazil and Mexico among its largest markets", "Brazil is X's (its) biggest
        market": the countries named as a platform's markets."""
        places: list[Token] = []
        owner = next((c for c in market.children if c.dep_ == "poss"), None)
        if market.dep_ == "pobj" and market.head.lower_ in {"among", "as"}:
            verb = market.head.head
            places = [d for d in verb.children if d.dep_ == "dobj"]
            subj = subject_of(verb)
            platforms = idx.expand(subj, {"Platform"}, anaphora=False) if subj is not None else []
        elif market.dep_ == "attr":
            places = [d for d in market.head.children if d.dep_ == "nsubj"]
            platforms = idx.expand(owner, {"Platform"}, anaphora=False) if owner is not None else []
            if not platforms and owner is not None and owner.lower_ in {"its", "their"}:
                said = market.head.head if market.head.dep_ == "ccomp" else None  # "…, Jumia said"
                subj = subject_of(said) if said is not None else None
                platforms = idx.expand(subj, {"Platform"}, anaphora=False) if subj is not None else []
        else:
            return []
        countries = [c for t in places for c in (idx.place_of(x) for x in [t, *conjuncts(t)]) if c]
        return [_hit(p.ref, "operatesIn", c, market.sent, "usage") for p in platforms for c in countries]

    def operates(self, doc: Doc, idx: MentionIndex, earlier: list[RelationHit]) -> list[RelationHit]:
        out = []
        for tok in idx.tokens:
            if tok.lower_ in {"market", "markets"}:
                out += self._markets(idx, tok)
            if tok.dep_ == "appos" and tok.lower_ in _PLATFORM_KINDS \
                    and any(c.dep_ == "prep" and c.lower_ == "in" for c in tok.children):
                # "YouTube, the most-watched video service in Canada"
                out += [_hit(m.ref, "operatesIn", c, tok.sent, "usage") for c in idx.locations_in(tok)
                        for m in idx.expand(tok.head, {"Platform"}, anaphora=False)]
            described = tok
            while described.dep_ == "conj" and described.head.i != described.i:
                described = described.head  # "Foodora, Delivery Hero's brand and Wolt's main rival in Finland"
            if tok.lower_ in {"rival", "rivals", "competitor", "competitors", "challenger"} and (
                    tok.dep_ == "appos" or described is not tok and idx.at(described) is not None):
                # "Uber Eats, Glovo's main rival in Portugal": both compete there
                places = idx.locations_in(tok)
                named = idx.expand(tok.head if tok.dep_ == "appos" else described, {"Platform"}, anaphora=False)
                named += [m for c in tok.children if c.dep_ == "poss" for m in idx.expand(c, {"Platform"}, anaphora=False)]
                out += [_hit(m.ref, "operatesIn", c, tok.sent, "usage") for c in places for m in named]
            if tok.lower_ in {"version", "versions", "edition", "editions"}:
                # "the Cypriot versions of the App Store and Google Play": a country's own version
                places = [c for c in (idx.place_of(d) for d in tok.children if d.dep_ in {"amod", "compound"}) if c]
                out += [_hit(m.ref, "operatesIn", c, tok.sent, "usage") for c in places for p in tok.children
                        if p.dep_ == "prep" and p.lower_ == "of" for o in p.children if o.dep_ == "pobj"
                        for m in idx.expand(o, {"Platform"}, anaphora=False)]
            if tok.lower_ not in USAGE_NOUNS and not lemma_in(tok, OPERATE_VERBS):
                continue
            platforms: list[Mention] = []
            if tok.lower_ == "data" and not any(c.lower_ in {"user", "users", "customer", "subscriber"}
                                                for c in tok.children):
                continue
            if tok.lower_ in USAGE_NOUNS:
                for c in tok.children:
                    if c.dep_ in {"compound", "poss", "nmod", "amod"}:
                        platforms += idx.expand(c, {"Platform"})
                    if c.dep_ == "prep" and c.lower_ in {"of", "on"}:
                        platforms += [m for p in c.children for m in idx.expand(p, {"Platform"})]
                if not platforms and tok.dep_ in {"dobj", "attr"} and tok.head.lemma_ in {
                        "have", "boast", "count", "enjoy", "resume", "enter", "dominate", "lead", "join"}:
                    subj = subject_of(tok.head)
                    if subj is not None:
                        platforms = idx.expand(subj, {"Platform"})
                if not platforms and tok.lower_ in {"users", "customers", "subscribers", "accounts"} \
                        and tok.dep_ == "pobj" and any(c.dep_ == "amod" and idx.place_of(c) for c in tok.children):
                    # "how it verifies the ages of Brazilian users": the platform the clause is about
                    verb = next((a for a in tok.ancestors if a.pos_ in {"VERB", "AUX"}), None)
                    subj = subject_of(verb) if verb is not None else None
                    if subj is not None:
                        platforms = idx.expand(subj, {"Platform"})
            else:
                if tok.pos_ not in {"VERB", "ADJ"}:
                    continue
                subj = subject_of(tok)
                if subj is not None:
                    platforms = idx.expand(subj, {"Platform"})
                    # "X, which …, and Y, part of Z, compete": a parse that lost the coordination
                    # gives the verb two subjects
                    for other in tok.children:
                        if other.dep_ == "nsubj" and other.i != subj.i:
                            platforms += idx.expand(other, {"Platform"})
                if lemma_in(tok, {"offer", "launch", "run", "provide"}):
                    # "began offering M-Pesa in the country": what is offered operates there too
                    platforms += [m for d in tok.children if d.dep_ == "dobj"
                                  for m in idx.expand(d, {"Platform"}, anaphora=False)]
            if not platforms:
                continue
            countries = idx.locations_in(tok)
            if not countries and lemma_in(tok, {"expand", "spread", "extend", "return"}):
                countries = idx.locations_in(tok, frozenset({"to", "into"}))  # "expanded to Mexico and Brazil"
            if not countries and tok.pos_ == "VERB":
                # "runs sites in Czechia and Slovakia", "compete for couriers across Croatia": the
                # place on the verb's object
                countries = [c for d in tok.children if d.dep_ == "dobj" for c in idx.locations_in(d)] or \
                            [c for d in tok.children if d.dep_ == "prep" and d.lower_ in {"for", "to", "among", "with"}
                             for o in d.children if o.dep_ == "pobj"
                             for c in idx.locations_in(o)]
            if not countries and tok.lower_ in USAGE_NOUNS:
                # "WhatsApp's Nigerian users", "Indian users of X"
                countries = [c for c in (idx.place_of(d) for d in tok.children if d.dep_ in {"amod", "compound"}) if c]
            if not countries and lemma_in(tok, {"leave", "exit", "quit", "enter"}):
                countries = [c for c in (idx.place_of(d) for d in tok.children if d.dep_ == "dobj") if c]
            if not countries and idx.focus_country() is not None and any(
                    c.lower_ == "here" for t in (tok, tok.head) for c in t.children):
                countries = [idx.focus_country()]  # "which has about 600,000 users here": the story's country
            for p in platforms:
                for country in countries:
                    out.append(_hit(p.ref, "operatesIn", country, tok.sent, "usage"))
        return out + self._described_in_country(idx)

    def _described_in_country(self, idx: MentionIndex) -> list[RelationHit]:
        """A platform described by its place in a country's market: "Sonatel, the country's largest
        operator", "X is the island's most visited site"; or owning a business named by a demonym:
        "Amazon opened its South African marketplace", "Uber's Kenyan unit"."""
        out = []
        for tok in idx.tokens:
            if tok.dep_ == "poss" and tok.head.lower_ in _PLATFORM_KINDS and (named_country := idx.at(tok)) is not None \
                    and named_country.cls == "Country":
                # "Russia's largest social network, VKontakte", "VKontakte, Russia's largest social network"
                noun = tok.head
                named = noun.head if noun.dep_ == "appos" else next((c for c in noun.children if c.dep_ == "appos"), None)
                if named is not None:
                    out += [_hit(m.ref, "operatesIn", named_country.ref, tok.sent, "usage")
                            for m in idx.expand(named, {"Platform"}, anaphora=False)]
            elif tok.dep_ == "poss" and tok.lower_ in {"country", "nation", "island", "kingdom", "republic"} \
                    and any(c.lower_ == "the" for c in tok.children):
                noun = tok.head
                if noun.dep_ == "appos":
                    named = noun.head
                    if noun.tag_ == "NNS" and named.dep_ == "conj":
                        named = named.head  # "Nepal Telecom and Ncell, the country's two mobile operators"
                elif noun.dep_ == "attr" and lemma_in(noun.head, {"be", "remain", "become"}):
                    named = subject_of(noun.head)
                else:
                    continue
                country = idx.focus_country()
                if named is not None and country is not None:
                    out += [_hit(m.ref, "operatesIn", country, tok.sent, "usage")
                            for m in idx.expand(named, {"Platform"}, anaphora=False)]
            elif tok.dep_ in {"amod", "compound"} and tok.head.lower_ in _BUSINESS_NOUNS and tok.text[:1].isupper():
                m = idx.at(tok)
                country = idx.place_of(tok) if m is None or m.cls == "Country" else None
                if country is None and m is None and tok.i > 0:
                    # "its South African marketplace": a demonym of two words
                    two = self.gz.adjectives.get(idx.tokens[tok.i - 1].text + " " + tok.text)
                    country = idx.country_ref(two) if two else None
                owner = next((c for c in tok.head.children if c.dep_ == "poss"), None)
                if country is None or owner is None:
                    continue
                store = idx.at(tok.head)
                if store is not None and store.cls == "Platform":
                    out.append(_hit(store.ref, "operatesIn", country, tok.sent, "usage"))  # "its Russian App Store"
                if owner.lower_ in {"its", "their"}:
                    last = idx.last_before(tok, owner.i, {"Platform"})
                    owners = [last] if last is not None else []
                else:
                    owners = idx.expand(owner, {"Platform"}, anaphora=False)
                out += [_hit(m.ref, "operatesIn", country, tok.sent, "usage") for m in owners]
        return out


def _interviewed_body(idx: MentionIndex) -> Mention | None:
    """The regulator a question-and-answer interview is with: the document asks questions (lines
    ending in "?") and names one regulator clearly more often than any other (three times or more);
    its answers' "we" is that body.  None for any other document."""
    # (worked out once per Doc and kept on its index, which lives as long as the Doc's mentions)
    cached = getattr(idx, "_interviewed", False)
    if cached is not False:
        return cached
    body = None
    text = doc_text(idx.doc)  # (Span.text makes a Token per token: slice the characters instead)
    questions = sum(1 for sent in idx.sents if text[sent.start_char:sent.end_char].rstrip().endswith("?"))
    if questions >= 2:
        counts = Counter(m.key for m in idx.mentions if m.cls == "Regulator" and m.key)
        ranked = counts.most_common(2)
        if ranked and ranked[0][1] >= 3 and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]):
            body = next(m for m in idx.mentions if m.key == ranked[0][0])
    idx._interviewed = body
    return body


#: Words in the names of owners that are financial or charitable bodies, not platform groups.
_INVESTOR_WORDS = {"bank", "banco", "banque", "partners", "foundation", "fund", "capital", "holdings", "holding",
                   "investor", "investments", "investment", "ventures", "trust", "equity", "asset", "management"}


def _owners_as_platforms(idx: MentionIndex, hits: list[RelationHit]) -> list[RelationHit]:
    """The company that owns a platform is a platform company too ("Flow, owned by Liberty Latin
    America", "a subsidiary of United Group"), unless its name says it is a bank, a fund or a
    holding (nine in ten owners in the annotated sets are platforms)."""
    owners = {h.object.key for h in hits if h.predicate == "ownedBy" and h.subject.cls == "Platform"
              and h.object.cls == "Organization"
              and not _INVESTOR_WORDS.intersection(normalize(h.object.label).split())}
    # ... or the text calls it one: "the Hangzhou hedge fund High-Flyer", "X, an investment fund"
    owners -= {m.key for m in idx.mentions if m.cls == "Organization" and m.key in owners
               and _INVESTOR_WORDS.intersection(_described_words(idx, m))}
    if not owners:
        return hits
    _retype_platforms(idx, owners)

    def retyped(ref: EntityRef) -> EntityRef:
        return EntityRef("Platform", ref.key, ref.label) if ref.cls == "Organization" and ref.key in owners else ref

    return [replace(h, subject=retyped(h.subject), object=retyped(h.object)) for h in hits]


#: Words in the names of organisations that are no companies.
_NON_COMPANY_WORDS = {w.lower() for w in ORGANISATION_HEADS} | _INVESTOR_WORDS | {
    "research", "university", "college", "school", "council", "committee", "party", "church", "club", "league",
    "news", "times", "post", "press", "media", "radio", "television", "tv", "daily", "herald", "tribune"}


def _a_company(m: Mention) -> bool:
    return not _NON_COMPANY_WORDS.intersection(normalize(m.label).split())


def _retype_platforms(idx: MentionIndex, keys: set[str]) -> None:
    """Every Organization mention of the entities ``keys`` becomes a Platform."""
    for m in idx.mentions:
        if m.cls == "Organization" and m.key in keys:
            m.cls = "Platform"


def _described_words(idx: MentionIndex, m: Mention) -> set[str]:
    # The nouns a name stands in apposition to or is qualified by ("the hedge fund X", "X, a
    # private-equity fund").
    root = idx.doc[m.end - 1]
    while root.dep_ == "conj" and root.head.i < root.i:
        root = root.head  # "private-equity firms Permira and Blackstone": the list shares its description
    nouns = [c for c in root.children if c.dep_ == "appos" or c.dep_ == "compound" and c.i < m.start]
    if root.dep_ == "appos":
        nouns.append(root.head)
    # (with the words that qualify them: "private-equity firms")
    return {t.lower_ for n in nouns for t in [n, *(u for c in n.children if c.dep_ in {"compound", "amod"}
                                                    for u in c.subtree)]}


#: What a company is called after a product of its: "the Fortnite maker".
_MAKER_WORDS = {"maker", "makers", "developer", "publisher", "creator", "owner", "parent", "operator"}


def _maker_of(idx: MentionIndex, named: Mention | None) -> Mention | None:
    """``named``, or, when it is a product in "the <product> maker" ("The Fortnite maker, whose
    founder ..."), the company named before it (in its sentence or the one before), if any."""
    toks = idx.tokens
    if named is None or named.end >= len(toks) or toks[named.end].lower_ not in _MAKER_WORDS:
        return named
    first = idx.sents[max(0, idx.sent_index(toks[named.start]) - 1)].start
    return next((m for m in reversed(idx.mentions) if m.end <= named.start and m.start >= first
                 and m.cls in {"Platform", "Organization"} and m.key != named.key), None)


#: What a country's platform is called: "Russia's largest social network, X".
_PLATFORM_KINDS = {"network", "messenger", "app", "platform", "operator", "carrier", "retailer", "marketplace",
                   "service", "site", "website", "store", "wallet", "exchange", "portal", "engine", "provider",
                   "broadcaster", "telco"}


#: What a platform runs in a country, named by the country's demonym ("its Kenyan unit").
_BUSINESS_NOUNS = {"marketplace", "unit", "arm", "subsidiary", "business", "operations", "operation", "app", "site",
                   "service", "platform", "store", "branch", "division", "entity", "office"}


def _described(noun: Token) -> list[Token]:
    """What a noun modified by a clause stands for: itself, the name it is in apposition to
    ("Flouci, the payment app licensed by ..."), or, for a licence, its holder ("Bitpanda, which
    holds a licence granted by ...", "Bitpanda's licence granted by ...")."""
    out = [noun]
    if noun.dep_ == "appos":
        out.append(noun.head)
    if noun.lower_ in LICENCE_NOUNS:
        out += [c for c in noun.children if c.dep_ == "poss"]
        if noun.dep_ == "dobj":
            holder = subject_of(noun.head)
            if holder is not None:
                out.append(holder)
    return out


def _with_founder(hit: RelationHit | None, title_tokens) -> list[RelationHit]:
    """A CEO title that also says founder ("co-founder and CEO") gives both relations."""
    if hit is None:
        return []
    words = " ".join(t.lower_ for t in title_tokens)
    if hit.predicate == "ceoOf" and re.search(r"\b(co-?founder|cofounder|founder|co - founder)\b", words):
        return [hit, RelationHit(hit.subject, "founderOf", hit.object, hit.start, hit.end, hit.confidence, hit.rule)]
    return [hit]


def _ministry_named(title_tokens, country: str) -> EntityRef | None:
    """"Minister of Communications" of <country>, when the article names no ministry:
    the ministry the title implies ("Ministry of Communications")."""
    words = [t.text for t in title_tokens]
    lower = [w.lower() for w in words]
    if "minister" not in lower:
        return None
    rest = words[lower.index("minister") + 1:]
    if len(rest) < 2 or rest[0].lower() not in {"of", "for"} or not all(w[:1].isupper() or w.lower() in
                                                                      {"and", "of", "for", ","} for w in rest[1:]):
        return None
    name = "Ministry " + " ".join(rest).replace(" ,", ",")
    return EntityRef("Regulator", f"{normalize(country)} {normalize(name)}", name)


#: Words that open an apposition after a name ("Meta, parent company of Facebook").
_APPOSITION_STARTS = {"the", "its", "a", "an", "parent", "owner", "subsidiary", "unit", "maker", "operator",
                      "developer", "publisher", "which", "who", "whose"}

GOVERNMENT_OF = "Government of "


def government_of(country: str) -> EntityRef:
    """The government of ``country`` as a regulator ("Turkey imposed a fine")."""
    return EntityRef("Regulator", f"{normalize(country)} government", f"{GOVERNMENT_OF}{country}")


#: Verbs a body reports with: "the ministry said (that) ...".
_REPORTING_VERBS = {"say", "confirm", "announce", "report"}


def _negated(verb: Token) -> bool:
    """Whether ``verb`` is negated ("does not cover", "had not received")."""
    return any(c.dep_ == "neg" for c in verb.children)


#: Bodies named after the one person who holds them ("the Data Protection Ombudsman", "the eSafety
#: Commissioner"): the body's name before a person's is that person's title.
_PERSONAL_OFFICES = {"ombudsman", "ombudsperson", "commissioner", "superintendent", "registrar", "controller",
                     "procurator", "prosecutor", "defender", "advocate", "inspector", "auditor"}


def _drop_idle_governments(doc: Doc, hits: list[RelationHit]) -> list[RelationHit]:
    """Drop "the government" of a country where the text has it do nothing and never names it
    ("the government promotes Max", "with the government holding 42%"): a passing word, not a
    regulator of anyone."""
    # (only where the text never names it as the country's: "Kenya's government threatened ..." is meant)
    named = {m.key for m in doc._.kg_mentions or () if m.cls == "Regulator" and m.rule != "coreference"}
    governments = {m.key for m in doc._.kg_mentions or () if m.cls == "Regulator" and m.name == "government"} - named
    acting = {k for h in hits if h.predicate != "jurisdiction" for k in (h.subject.key, h.object.key)}
    idle = governments - acting
    if not idle:
        return hits
    doc._.kg_mentions = [m for m in doc._.kg_mentions if not (m.cls == "Regulator" and m.key in idle)]
    return [h for h in hits if not (h.subject.cls == "Regulator" and h.subject.key in idle)]


def _denied_noun(noun: Token) -> bool:
    """Whether a sanction noun is said not to exist: "no proceeding", "has not opened (any) case",
    "did not impose a fine" (the verb it is the object of denied)."""
    if any(c.dep_ == "det" and c.lower_ in {"no", "neither"} for c in noun.children):
        return True
    verb = noun.head if noun.dep_ in {"dobj", "nsubjpass"} else None
    return verb is not None and _denied(verb)


def _denied(verb: Token) -> bool:
    """Whether ``verb`` is negated, on itself or on an auxiliary ("has never fined", "is not being
    investigated")."""
    return _negated(verb) or any(c.dep_ in {"aux", "auxpass"} and _negated(c) for c in verb.children) or any(
        c.dep_ == "advmod" and c.lower_ == "never" for c in verb.children)


def _words_between(doc: Doc, a: Mention, b: Mention) -> str:
    """The lower-cased words between two mentions, one space apart, with a straight apostrophe."""
    return " ".join(t.text for t in doc[a.end:b.start]).replace("\u2019", "'").lower()


def _heads_of(hits: list[RelationHit]) -> dict[str, EntityRef]:
    """Person key → the body that person heads, from the ``headOf`` hits found so far."""
    return {h.subject.key: h.object for h in hits if h.predicate == "headOf"}


def _hit(subject: EntityRef, predicate: str, obj: EntityRef, span, rule: str) -> RelationHit:
    return RelationHit(subject, predicate, obj, span.start, span.end, _CONF.get(rule, 0.7), rule)


def _dedupe(hits: list[RelationHit]) -> list[RelationHit]:
    seen, out = set(), []
    for h in hits:
        key = (h.subject, h.predicate, h.object, h.start)
        if key in seen or h.subject == h.object:
            continue
        seen.add(key)
        out.append(h)
    return out


def setup_extensions() -> None:
    """Register the Doc extension this component assigns."""
    if not Doc.has_extension("kg_relations"):
        Doc.set_extension("kg_relations", default=None)


@Language.factory("kg_relations", requires=["doc._.kg_mentions", "token.dep"],
                  assigns=["doc._.kg_relations", "doc._.kg_mentions"])
def make_relation_extractor(nlp: Language, name: str):
    """spaCy factory for :class:`RelationExtractor`."""
    setup_extensions()
    return RelationExtractor()


def _operators_at_home(idx: MentionIndex, hits: list[RelationHit]) -> list[RelationHit]:
    """A telecom operator a national regulator acts on operates in that regulator's country
    ("the ICTA directed Mauritius Telecom, Emtel and MTML to block ...")."""
    where = {h.subject.key: h.object for h in hits if h.predicate == "jurisdiction" and h.object.cls == "Country"}
    out = []
    for h in hits:
        if h.predicate not in {"regulates", "enforcesAgainst"} or h.object.cls != "Platform" \
                or h.subject.key not in where:
            continue
        words = set(normalize(h.object.label).split())
        if words & _OPERATOR_WORDS:
            out.append(RelationHit(h.object, "operatesIn", where[h.subject.key], h.start, h.end, h.confidence,
                                   "operator-home"))
    return out


#: Words in an operator's name ("Mauritius Telecom", "Cameroon Telecommunications", "Kalahari Wireless");
#: wider than entities._OPERATOR_HEADS, which types a name by its last word alone.
_OPERATOR_WORDS = {"telecom", "telecoms", "telecommunications", "telekom", "telecomunicaciones", "telecomunicações",
                   "mobile", "cellular", "wireless", "tel", "telecommunication", "communications"}
