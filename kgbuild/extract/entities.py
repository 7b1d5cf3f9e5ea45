"""Entities: typed, repaired, identity-resolved mentions (spaCy component ``kg_entities``).

Sources, strongest first: the gazetteers (platforms, countries, regulators),
regulator phrases built from the parse around a regulator head noun ("Ministry of
…", "French authorities", "the Irish data watchdog"), and the statistical NER,
whose spans are repaired (split at conjunctions, cut possessives and titles) and
typed by context.  Mentions in page furniture are dropped; in headlines only
gazetteer names are trusted.  Each mention carries an identity key, so
"Durov" and "Pavel Durov", or "the DPC" and "Irish Data Protection Commission",
become one entity.
"""

from __future__ import annotations

import re
from collections import Counter

from spacy.language import Language
from spacy.attrs import ORTH
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Token

from .. import gazetteer
from ..gazetteer import normalize
from .furniture import NEWS_AGENCIES, furniture_ranges, headline_ranges
from .grammar import doc_text, doc_tokens, focus_country, lemma_in
from .mentions import Mention
from .metrics import CURRENCY_SYMBOLS, ISO_CODES

#: Regulator heads of names left untranslated: Spanish, Portuguese, French, Italian, Irish (their
#: adjectives follow them), each with the English word a story uses for the body ("the
#: secretariat" after "Secretaría de Defensa del Consumidor").  City and provincial governments
#: are among them, as they license taxis and ride-hailing; "direction", "instance", "ente" and
#: "junta" are everyday words in lower case (see _CAPITAL_ONLY_HEADS).
_HEADS_IN_ENGLISH = {
    "comisión": "commission", "comissão": "commission", "commissione": "commission", "ministerio": "ministry",
    "ministério": "ministry", "ministère": "ministry", "ministero": "ministry", "autoridad": "authority",
    "autoridade": "authority", "autorité": "authority", "autorità": "authority", "agencia": "agency",
    "agência": "agency", "agence": "agency", "agenzia": "agency", "superintendencia": "superintendency",
    "superintendência": "superintendency", "corte": "court", "cour": "court", "conseil": "council",
    "consejo": "council", "conselho": "council", "instituto": "institute", "secretaría": "secretariat",
    "secretaria": "secretariat", "garante": "authority", "coimisiún": "commission", "tribunale": "court",
    "procuraduría": "office", "municipalidad": "municipality", "intendencia": "municipality",
    "alcaldía": "municipality", "prefeitura": "municipality", "dirección": "directorate", "direção": "directorate",
    "junta": "board", "banque": "bank", "banco": "bank", "fiscalía": "prosecutor", "defensoría": "ombudsman",
    "contraloría": "comptroller", "direction": "directorate", "instance": "authority", "ente": "authority",
    "unidad": "unit", "unidade": "unit", "servicio": "service", "serviço": "service", "oficina": "office",
    "administración": "administration", "administração": "administration", "organismo": "body",
}
_UNTRANSLATED_HEADS = set(_HEADS_IN_ENGLISH)
#: Nouns that head the name of a public authority: English ones, German ones that are not
#: followed by adjectives, and the untranslated heads above.
REGULATOR_HEADS = {
    "ministry", "commission", "authority", "agency", "court", "regulator", "watchdog",
    "parliament", "prosecutor", "council", "department", "directorate", "inspectorate",
    "tribunal", "ombudsman", "senate", "congress", "police", "commissioner", "bureau",
    "administration", "judiciary", "legislature", "government", "cabinet", "board",
    "superintendence", "superintendency", "institute", "secretariat", "procuratorate", "procuracy",
    "committee", "treasury", "bank", "division",
    # city and provincial governments, which license taxis and ride-hailing
    "municipality",
    "ministerium", "behörde", "bundesamt",
} | _UNTRANSLATED_HEADS
#: Verbs of speaking: their subject is a person (or a body speaking as one).
SPEECH_VERBS = {"say", "tell", "add", "write", "argue", "explain", "note", "warn", "insist", "reply", "testify"}
#: Capitalised heads of the names of associations and other non-state bodies.
ORGANISATION_HEADS = {"Association", "Federation", "Union", "Foundation", "Alliance", "Coalition", "Chamber",
                      "Society", "Confederation", "Institute", "Network", "Forum"}
#: Nouns in apposition that say a name is a platform ("Flouci, the payment app").
_DESCRIBED_AS_PLATFORM = {"app", "platform", "marketplace", "wallet", "exchange", "messenger", "website", "site",
                          "service", "network", "operator", "startup", "retailer", "webshop", "portal", "e-tailer", "brand"}
#: Words that, after a company's name, name one of its products ("Bol Ads", "Uber Eats", "Xiaomi Pay").
_PRODUCT_WORDS = {"Ads", "Pay", "Shop", "Music", "Maps", "Money", "Mall", "Express", "Cloud", "Store", "Wallet",
                  "Prime", "Video", "TV", "Plus", "Eats", "Food", "Mart", "Lite", "Messenger", "Search", "Assistant",
                  "Marketplace", "Live", "Business", "Mail", "Drive", "Photos", "Books", "News", "Bank", "Cash"}
#: Words that make a body's name a research institute's ("Institute of Economic Research").
_RESEARCH_WORDS = {"research", "studies", "economics", "think"}
#: Nouns in apposition that say a body is not the state's ("Netsafe, the online safety charity").
_NON_STATE_NOUNS = {"charity", "nonprofit", "non-profit", "ngo", "association", "foundation", "lobby", "campaign",
                    "coalition", "union", "federation", "think-tank", "consultancy"}
#: What makes a group or a body a private one ("a trade group", "an industry body").
_NON_STATE_KINDS = {"trade", "industry", "lobby", "advocacy", "consumer", "business", "rights", "campaign", "employers",
                    "users", "drivers", "merchants", "civil", "non-profit", "nonprofit", "professional"}
#: Last words of the names of payment services ("Telecel Cash", "Airtel Money", "Careem Pay").
_PAYMENT_WORDS = {"Cash", "Pay", "Money", "Wallet", "Pesa"}
#: Who a platform counts as its own ("X, which says it has 13 million customers").
_CLIENT_NOUNS = {"users", "customers", "subscribers", "members", "depositors", "accounts", "sellers", "merchants",
                 "drivers", "riders", "listeners", "viewers", "players", "shoppers", "buyers", "followers"}
#: Nouns after a name that make it a place ("the Villa Morra district", "Slavija square").
_PLACE_NOUNS = {"district", "neighbourhood", "neighborhood", "suburb", "province", "region", "county", "square",
                "street", "avenue", "island", "islands", "valley", "quarter", "borough", "parish", "village"}
#: Regions named by a word of their own, never entities of the graph.
_REGION_WORDS = {"Nordic", "Nordics", "Baltic", "Baltics", "Balkan", "Balkans", "Gulf", "Maghreb", "Caribbean",
                 "Levant", "Scandinavia", "Scandinavian", "Benelux", "Sahel", "Iberia", "Iberian"}
#: Ranks written after a name ("Garth Brown KC").
_POST_NOMINALS = {"KC", "QC", "SC", "SAN", "MP", "MBE", "OBE", "CBE", "PhD", "Jr", "Sr", "Esq"}
#: Countries whose names are also given names or surnames ("Michael Jordan", "Kenya Moore").
_GIVEN_NAME_COUNTRIES = {"Jordan", "Chad", "Georgia", "Israel", "India", "Kenya", "Niger", "Mali", "Guinea",
                         "Jersey", "Cuba", "Malta", "Monaco", "Peru", "Ireland", "Samoa", "Togo", "Oman"}
#: Heads that are everyday English words in lower case ("in the direction of", "for instance").
_CAPITAL_ONLY_HEADS = {"direction", "instance", "ente", "junta"}
#: Heads of banks: only a central bank regulates.
_BANK_HEADS = {"bank", "banque", "banco"}
#: Heads of telecom operators' names ("Nepal Telecom", "Hrvatski Telekom", "Digicel Mobile").
_OPERATOR_HEADS = {"telekom", "telecom", "télécom", "telecoms", "telecommunications", "telekomunikasi", "mobile",
                   "wireless", "cellular", "mobitel", "telkom"}
#: Heads that only name an authority when qualified by a jurisdiction.
GENERIC_HEADS = {
    "authorities", "government", "regulator", "regulators", "watchdog", "court",
    "prosecutors", "prosecutor", "parliament", "police", "ministry", "judiciary", "courts",
    "lawmakers", "legislature", "senate", "congress", "cabinet", "administration",
}
#: Nouns that, right before a name, say it is a platform ("messaging app Signal").
PLATFORM_NOUNS = {
    "platform", "app", "application", "messenger", "network", "site", "website",
    "marketplace", "service", "giant", "startup", "engine", "firm", "company",
}
#: Lower-case heads of bodies named after a place or house ("House of Commons ethics committee").
_NAMED_BY_PLACE = {"committee", "subcommittee", "panel", "court", "tribunal", "commission", "bench"}
#: Nouns that, right before a name, say it is an organisation ("consumer group X", "the charity Y").
ORGANISATION_NOUNS = {"group", "association", "union", "federation", "foundation", "charity", "organisation",
                      "organization", "ngo", "coalition", "alliance", "society", "consultancy", "nonprofit",
                      "non-profit", "think-tank", "tank", "institute", "bank", "fund", "lobby", "body"}
#: Lines of business that make "<industry> company X" a platform.
INDUSTRY_WORDS = {"ride", "hailing", "ride-hailing", "e", "commerce", "e-commerce", "ecommerce", "delivery", "streaming",
                  "social", "messaging", "fintech", "crypto", "cryptocurrency", "payments", "payment", "tech",
                  "technology", "internet", "online", "dating", "gaming", "search", "cloud", "software", "video",
                  "music", "travel", "booking", "food", "grocery", "telecom", "telecoms", "digital", "app", "web"}
#: Words that end a name: "the Karnataka High Court on Friday".
DATE_WORDS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
              "february", "march", "april", "may", "june", "july", "august", "september", "october",
              "november", "december", "today", "yesterday", "tomorrow"}
#: Brands that are also everyday English words: matched only where used as names.
COMMON_WORD_BRANDS = {"apple", "stake", "signal", "line", "snap", "threads", "amazon", "kick", "grab", "bolt",
                      "hinge", "zoom", "slack", "square", "discord", "twitch", "wish", "indeed", "target",
                      "match", "tinder", "medium", "vine", "nest", "ring", "gemini", "bard", "copilot", "claude",
                      "mistral", "pi", "poe", "cash", "audible", "lime", "kayak", "hopper", "chime", "affirm",
                      "plaid", "visa", "peacock", "tidal", "steam", "toss", "maxim", "noon", "tabby", "loft", "wise",
                      "swish", "seek", "gorillas", "joyride", "alexa", "sora", "tamara", "kimi", "manus", "pix",
                      "pandora", "paramount", "orange", "jazz", "spark", "elisa", "claro", "entel", "wave"}
#: Nouns a brand name modifies as a company ("Apple shares", "Telegram channels").
BRAND_CONTEXT = {"shares", "stock", "store", "app", "apps", "users", "user", "accounts", "account", "data",
                 "ceo", "founder", "spokesperson", "spokesman", "spokeswoman", "owner", "parent", "platform",
                 "post", "posts", "video", "videos", "ads", "policy", "policies", "rules", "content", "channels",
                 "channel", "groups", "messages", "drivers", "search", "services", "service", "executives",
                 "executive", "boss", "office", "offices", "headquarters", "employees", "staff", "officials",
                 "representative", "representatives", "subsidiary", "unit", "chief", "chairman", "president",
                 "engineers", "servers", "network", "website", "site", "feed", "algorithm", "devices",
                 "device", "phones", "iphones", "subscribers", "customers", "creators", "sellers", "merchants"}
#: Words before a person's name that are a role, not part of the name.
TITLE_WORDS = {
    "ceo", "chief", "executive", "founder", "co-founder", "cofounder", "president", "minister",
    "justice", "judge", "chairman", "chairwoman", "chair", "director", "head", "mr", "mrs",
    "ms", "dr", "prof", "sir", "billionaire", "prime", "deputy", "secretary", "senator",
    "commissioner", "spokesperson", "spokesman", "spokeswoman", "former", "late", "tycoon",
    "entrepreneur", "mogul", "boss", "vice", "general", "attorney", "prosecutor", "officer",
    "eng", "engr", "sheikh", "sheikha", "hon", "chairperson", "governor", "registrar", "ombudsman", "mayor",
    "intendente", "intendenta", "comptroller", "superintendent", "magistrate",
}
#: Honorifics before a personal name.
HONORIFICS = {"mr", "mrs", "ms", "miss", "dr", "prof", "sir", "dame", "mx", "eng", "engr", "sheikh", "sheikha", "hon",
              # French, Spanish, Portuguese and Italian forms in English copy
              "mme", "mlle", "sra", "srta", "dra", "sig", "sig.ra"}
_NAME_PARTICLES = {"de", "da", "do", "dos", "das", "van", "von", "der", "den", "bin", "al",
                   "el", "le", "la", "du", "di", "del", "ibn", "mac"}
_LAW_HEADS = {"act", "law", "regulation", "regulations", "rules", "directive", "code", "bill",
              "treaty", "convention", "agreement", "report", "policy", "protocol", "guidelines",
              "clauses", "charter", "amendment", "decree"}
_COMPANY_SUFFIXES = {"inc", "inc.", "ltd", "ltd.", "ltda", "llc", "corp", "corp.", "gmbh", "s.a.",
                     "sa", "plc", "ag", "limited", "co.", "corporation", "internet",
                     # legal forms elsewhere (Benelux, Italy, France, Nordics, Baltics, Central Europe, Asia-Pacific)
                     "bvba", "bv", "b.v.", "nv", "n.v.", "srl", "s.r.l.", "spa", "s.p.a.", "sarl", "sas", "ab", "asa",
                     "oy", "oyj", "pty", "bhd", "tbk", "jsc", "llp", "kft", "zrt", "d.o.o.", "s.r.o.", "a.s.", "pte",
                     "pvt", "oü", "sia", "uab", "aps", "a/s"}

#: Words after a brand that name a product of its own ("Kaspi Bank", "Careem Pay", "Jumia Food").
_PRODUCT_HEADS = {"Bank", "Pay", "Money", "Wallet", "Cash", "Food", "Eats", "Market", "Mart", "Shop", "Mall",
                  "Express", "Music", "Maps", "Store", "Ads", "Cloud", "Marketplace", "Finance", "Credit"}
#: Endings of one-word regulator names whose head is compounded in (Nordic, German, Slavic, Dutch).
REGULATOR_SUFFIXES = ("tilsynet", "tilsyn", "myndigheten", "myndighed", "styrelsen", "inspektionen", "ombudsmannen",
                      "verket", "behörde", "aufsicht", "kartellamt", "nadzor", "nadzoru", "toezicht", "autoriteit",
                      "valvonta", "virasto")
#: "of" in the names of bodies, English or not ("Comisión para el Mercado Financiero"), and articles after it.
_OF_WORDS = {"of", "for", "on", "para", "de", "del", "des", "du", "di", "della", "dello", "für", "na", "ng", "do", "da"}
#: "and" in bodies' names left untranslated ("Ministerio de Economía y Finanzas").
_AND_WORDS = {"y", "e", "et", "und"}
_ARTICLES = {"the", "el", "la", "le", "les", "los", "las", "der", "die", "das", "il", "lo", "l'", "o", "a"}

_DOMAIN_NAME = re.compile(r"^[A-Z][A-Za-z0-9-]+\.(com|io|net|co|ai|app|tv|me|gg|ph|in|ng|co\.uk)$")
_NUMERIC = re.compile(r"^\W?\d+([.,]\d+)*[A-Za-z]{0,3}$")

_RULE_CONF = {
    "gazetteer": 0.95, "regulator-phrase": 0.85, "ner": 0.7, "ner-context": 0.8,
    "surname": 0.8, "acronym": 0.85, "coreference": 0.7, "repair": 0.75,
}


def _conf(rule: str) -> float:
    return _RULE_CONF.get(rule, 0.7)


def _strip_possessive(text: str) -> str:
    return re.sub(r"(['\u2019]s?)$", "", text.strip())


class EntityRecognizer:
    """Finds and resolves entity mentions; sets ``doc._.kg_mentions``."""

    def __init__(self, nlp: Language):
        self.gz = gazetteer.load()
        # One token for a dotted name ("Character.AI", "Mail.ru"): split at its dot, the parser
        # ends the sentence there and loses the clause.
        for form in self.gz.platforms:
            if " " not in form and re.search(r"\w\.\w", form):
                nlp.tokenizer.add_special_case(form, [{ORTH: form}])
        self.matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        tables = {
            "Platform": self.gz.platforms,
            "Country": self.gz.countries,
            "Regulator": self.gz.regulators,
            "Demonym": self.gz.adjectives,
        }
        for label, table in tables.items():
            # make_doc tokenises exactly as the pipeline will; patterns added in one batch.
            self.matcher.add(label, list(nlp.tokenizer.pipe(sorted(table))))

    # ------------------------------------------------------------------ main
    def __call__(self, doc: Doc) -> Doc:
        skip = self._skipped_tokens(doc)
        candidates: list[Mention] = []
        candidates += self._gazetteer_mentions(doc, skip)
        tokens = doc_tokens(doc)[0]  # a Token is made on every access: the passes below share one list
        candidates += self._regulator_phrases(doc, skip, tokens)
        candidates += self._ner_mentions(doc, skip)
        candidates += self._honorific_names(doc, skip, tokens)
        candidates += self._titled_names(doc, skip, tokens)
        candidates += self._word_shaped_names(skip, tokens)
        candidates += self._organisation_names(doc, skip, tokens)
        candidates += self._owner_names(doc, skip, tokens)
        mentions = _resolve_overlaps(candidates)
        mentions = self._resolve_identity(doc, mentions, skip)
        mentions += _repeated_names(tokens, mentions, skip)
        _brand_as_local_company(doc, mentions)
        doc._.kg_mentions = sorted(mentions, key=lambda m: m.start)
        return doc

    # ------------------------------------------------------------------ sources
    def _skipped_tokens(self, doc: Doc) -> dict[int, str]:
        """Token index → why it is skipped ("furniture" or "headline")."""
        skip: dict[int, str] = {}
        text = doc_text(doc)
        for why, ranges in (("furniture", furniture_ranges(text)), ("headline", headline_ranges(text))):
            for start, end in ranges:
                span = doc.char_span(start, end, alignment_mode="expand")
                if span is not None:
                    for t in span:
                        skip.setdefault(t.i, why)
        return skip

    def _gazetteer_mentions(self, doc: Doc, skip) -> list[Mention]:
        token_at = doc_tokens(doc)[0]
        out = []
        strings = doc.vocab.strings
        soft: list[tuple[int, int, str]] = []
        for match_id, start, end in self.matcher(doc):
            label = strings[match_id]
            if any(skip.get(i) == "furniture" for i in range(start, end)):
                continue
            text = doc[start:end].text
            if label == "Platform":
                name = self.gz.platforms[text]
                if end < len(doc) and token_at[end].text in {"Holdings", "Holding"}:
                    continue  # "EcoCash Holdings": the company that owns the brand, the NER's to name
                if end < len(doc) and token_at[end].text in _PRODUCT_HEADS and doc[start:end + 1].text not in \
                        self.gz.platforms and (end + 1 >= len(doc) or not (
                        token_at[end + 1].is_title and token_at[end + 1].is_alpha)):
                    # "Kaspi Bank", "Uzum Bank", "Careem Pay": a brand's product of its own (where the
                    # list does not name it as the brand itself), owned by the brand
                    product = doc[start:end + 1].text
                    out.append(Mention(start, end + 1, "Platform", product, product, _conf("gazetteer"), "product",
                                       name=name))
                    continue
                verdict = self._plausible_platform(doc, start, end)
                if verdict is None:
                    soft.append((start, end, name))
                elif verdict:
                    out.append(Mention(start, end, "Platform", name, name, _conf("gazetteer"), "gazetteer"))
            elif label == "Country":
                name = self.gz.countries[text]
                if token_at[start].ent_type_ == "PERSON":
                    continue
                if any(doc[k:end].text in self.gz.places for k in range(max(0, start - 3), start)):
                    continue  # "Port of Spain", "Guatemala City" is a city (its country is the place's)
                if start > 0 and token_at[start - 1].lower_ == "the" and end < len(doc) and token_at[end].is_title \
                        and token_at[end].is_alpha and token_at[end].lower_ not in REGULATOR_HEADS | GENERIC_HEADS \
                        and token_at[end].text not in self.gz.platforms and not self.gz.country_of(token_at[end].text):
                    continue  # "The Niger Chronicle", "the Kenya Times": part of another proper name
                out.append(Mention(start, end, "Country", name, name, _conf("gazetteer"), "gazetteer"))
            elif label == "Regulator":
                name, country = self.gz.regulators[text]
                out.append(Mention(start, end, "Regulator", _regulator_key(country, name), name,
                                   _conf("gazetteer"), "gazetteer", country=country or None,
                                   aliases=(text,), name=name))
        # An everyday-word brand used as a name elsewhere in the article is that brand
        # here too ("Meta blocks 1.2B accounts" in a story about Meta).
        confirmed = {m.key for m in out if m.cls == "Platform"}
        out += [Mention(s, e, "Platform", n, n, _conf("gazetteer") - 0.1, "gazetteer") for s, e, n in soft
                if n in confirmed]
        return self._local_subsidiaries(doc, out)

    def _local_subsidiaries(self, doc: Doc, found: list[Mention]) -> list[Mention]:
        """"Safaricom Ethiopia", "Uber Kenya": a platform's name and a country's, side by side, name the
        platform's company in that country (``name`` the parent, ``country`` the country).  A longer
        legal name ("X Brasil Internet Ltda") is the NER's to find."""
        token_at = doc_tokens(doc)[0]
        countries = {m.start: m for m in found if m.cls == "Country"}
        out, merged = [], set()
        for m in found:
            c = countries.get(m.end) if m.cls == "Platform" else None
            if c is None or c.end >= len(doc) or token_at[c.end].text in {"'s", "\u2019s", "'", "-"} \
                    or token_at[c.end].is_title and token_at[c.end].pos_ == "PROPN" \
                    or token_at[m.end].is_sent_start or "\n" in doc[m.start:c.end].text_with_ws.rstrip():
                continue
            text = doc[m.start:c.end].text
            out.append(Mention(m.start, c.end, "Platform", text, text, _conf("gazetteer"), "subsidiary",
                               country=c.key, name=m.key))
            merged.update((id(m), id(c)))
        for c in found:
            k = c.start - 1
            if c.cls != "Country" or k < 0 or not (token_at[k].is_title and token_at[k].like_num) \
                    or c.end < len(doc) and token_at[c.end].pos_ in {"NOUN", "PROPN", "NUM"}:
                continue
            # "One Albania, the country's largest operator", "Three Ireland's network": a number word
            # before a country's name (and no noun after it) is a brand's company there
            text = doc[k:c.end].text
            out.append(Mention(k, c.end, "Platform", text, text, _conf("ner-context"), "ner-context", country=c.key))
            merged.add(id(c))
        return [m for m in found if id(m) not in merged] + out

    def _plausible_platform(self, doc: Doc, start: int, end: int) -> bool | None:
        """Whether a brand match is a name here: False for "X-ray" or "Project X"; None
        (unsure) for an everyday word not clearly used as a name ("Signal strength")."""
        token_at = doc_tokens(doc)[0]
        span = doc[start:end]
        tok = token_at[start]
        # (a bullet "- X" is no hyphenated word: its dash is followed by a space)
        if start > 0 and token_at[start - 1].text in {"-", "/"} and not token_at[start - 1].whitespace_ or \
                end < len(doc) - 1 and token_at[end].text in {"-", "/"} and token_at[end + 1].is_alpha \
                and token_at[end + 1].lower_ not in {"owned", "backed", "based", "run", "controlled", "style"}:
            return False  # part of a hyphenated word
        if start > 0 and (token_at[start - 1].is_title or token_at[start - 1].is_upper and len(token_at[start - 1]) > 1
                          and token_at[start - 1].is_alpha) \
                and token_at[start - 1].pos_ == "PROPN" and not token_at[start - 1].is_sent_start:
            # "Project X", "Truth Signal": part of a longer, different proper name.
            prev = token_at[start - 1]
            if prev.text not in self.gz.platforms and prev.text not in self.gz.countries \
                    and prev.text not in self.gz.adjectives and prev.ent_type_ not in {"GPE", "NORP"} \
                    and prev.lower_.strip(".") not in TITLE_WORDS:
                return False
        if start > 1 and token_at[start - 1].text == "&" and token_at[start - 2].is_title and \
                token_at[start - 2].text not in self.gz.platforms:
            return False  # "Circuit & Signal": the end of a longer name
        if span.text.lower() in COMMON_WORD_BRANDS and tok.ent_type_ == "PERSON" and (
                tok.ent_iob_ == "I" or end < len(doc) and token_at[end].ent_iob_ == "I"):
            return False  # "Tamara Ortiz", "Claude Moreau": part of a longer person's name
        if len(span) == 1 and (len(tok.text) <= 2 or tok.lower_ in COMMON_WORD_BRANDS):
            # An everyday word (or a letter) is a brand only when used as a name here.
            if tok.dep_ == "compound" and tok.head.is_lower and tok.head.lower_ not in BRAND_CONTEXT:
                return None  # "apple prices", "signal strength"
            if tok.ent_type_ in {"ORG", "PRODUCT", "PERSON", "GPE", "WORK_OF_ART", "FAC"}:
                return True
            # The tagger often calls a one-letter name NOUN or X ("allows X to resume").
            return True if tok.pos_ == "PROPN" or (len(tok.text) <= 2 and tok.pos_ in {"NOUN", "X"}) else None
        return True

    def _regulator_phrases(self, doc: Doc, skip, tokens) -> list[Mention]:
        out = []
        for tok in tokens:
            if tok.text == "Customs" and tok.i not in skip and (tok.i + 1 == len(doc) or not (
                    tokens[tok.i + 1].text[:1].isupper() or tokens[tok.i + 1].lower_ in {"and", "&", "of"})) \
                    and (tok.i == 0 or not tokens[tok.i - 1].text[:1].isupper() or tokens[tok.i - 1].is_sent_start):
                # "according to Customs": the customs body named before, if any (else dropped)
                out.append(Mention(tok.i, tok.i + 1, "Regulator", "", tok.text, _conf("coreference"), "coreference",
                                   name="customs"))
                continue
            if tok.i in skip or tok.lower_ not in REGULATOR_HEADS | GENERIC_HEADS:
                continue
            if tok.pos_ not in {"NOUN", "PROPN"} or tok.lower_ in _CAPITAL_ONLY_HEADS and not tok.text[0].isupper():
                continue
            m = self._regulator_at(doc, tok)
            if m is not None and not (normalize(m.name or m.label) in _GOVERNING_BODIES
                                      or m.start > 0 and tokens[m.start - 1].lower_ in {"its", "their"}
                                      and tok.lower_ == "board"):
                out.append(m)
        return out

    def _regulator_at(self, doc: Doc, head) -> Mention | None:
        """Build a regulator mention around a head noun, or None."""
        token_at, _, sent_of = doc_tokens(doc)
        head_sent = sent_of[head.i]
        gz = self.gz
        start, end = head.i, head.i + 1
        capital = head.text[0].isupper()
        proper = False
        country = None
        # Left: capitalised name words, adjectives and compounds; a demonym or a
        # country possessive gives the jurisdiction and ends the name.
        i = head.i - 1
        while i >= 0 and sent_of[i] == head_sent:
            t = token_at[i]
            if t.text in ("'s", "\u2019s", "'", "\u2019") and i > 0:
                # "Kenya's", "Costa Rica's", "the United Arab Emirates'"
                n = next((n for n in (1, 2, 3, 4) if i - n >= 0 and sent_of[i - n] == head_sent
                          and gz.country_of(doc[i - n:i].text)), None)
                if n is not None:
                    country = gz.country_of(doc[i - n:i].text)
                    start = i - n
                    if start > 0 and token_at[start - 1].lower_ == "the" and n > 1:
                        start -= 1
                    break
            if gz.adjectives.get(t.text) or (gz.countries.get(t.text) and t.dep_ in {"compound", "amod", "nmod"}):
                country = gz.country_of(t.text)
                start = i
                break
            if t.lower_.strip(".") in TITLE_WORDS:
                break  # "Director of Authority of ...": a title, not part of the body's name
            if t.text[0].isupper() and t.pos_ in {"PROPN", "ADJ", "NOUN"} and capital:
                start = i
                i -= 1
                continue
            if capital and t.text in {"and", "&", "of"} and i > 0 and start == i + 1 and token_at[i - 1].text[0].isupper() \
                    and token_at[i - 1].lower_.strip(".") not in TITLE_WORDS \
                    and token_at[i - 1].pos_ in {"PROPN", "NOUN", "ADJ"} and sent_of[i - 1] == head_sent \
                    and not gz.country_of(token_at[i - 1].text) and token_at[i - 1].text not in gz.platforms:
                # "National Transport and Safety Authority", "Securities & Exchange Commission"
                i -= 1
                continue
            if not capital and t.text == "-" and start == i + 1 and i > 0 and token_at[i - 1].is_lower \
                    and token_at[i - 1].is_alpha and not t.whitespace_:
                i -= 1  # "Albania's data-protection regulator": a hyphenated modifier
                continue
            # (the tagger calls some lower-case modifiers PROPN: "Turkey's telecom authority")
            if not capital and t.pos_ in {"ADJ", "NOUN", "PROPN"} and t.dep_ in {"amod", "compound"} and t.is_lower:
                start = i
                i -= 1
                continue
            if not capital and head.lower_ in _NAMED_BY_PLACE and t.pos_ == "PROPN" and t.text[0].isupper() \
                    and t.text not in gz.platforms and (start == i + 1 or proper):
                # "the House of Commons ethics committee", "the Delhi high court": a proper name in lower case
                proper = True
                start = i
                i -= 1
                if i > 0 and token_at[i].lower_ == "of" and token_at[i - 1].text[0].isupper():
                    i -= 1
                continue
            break
        # Right: "of/for <Capitalised words>(, <Capitalised>)*(, and <Capitalised>)"
        j = head.i + 1
        # (an untranslated head takes its adjectives after it: "Comisión Nacional del Mercado de Valores")
        # (and takes "de la", "del", "y el" inside its name: "Superintendencia de Protección de Datos")
        romance = head.lower_ in _UNTRANSLATED_HEADS and j < len(doc)
        adjectives_after = romance and token_at[j].text[:1].isupper()
        if head.lower_ == "division" and j + 1 < len(doc) and token_at[j].lower_ == "of":
            # "the Consumer Affairs Division of the Ministry of Trade": a unit of the body named next
            # is a body of its own; "the Payments Division of <company>" is none
            k = j + 2 if token_at[j + 1].lower_ == "the" else j + 1
            if k >= len(doc) or token_at[k].lower_ not in REGULATOR_HEADS:
                return None
            j = len(doc)  # (the name ends here)
        if capital and j < len(doc) and (token_at[j].lower_ in _OF_WORDS or adjectives_after) and j + 1 < len(doc) \
                and token_at[j + 1].lower_ not in DATE_WORDS and not token_at[j + 1].like_num:
            k = j if adjectives_after else j + 1
            if k < len(doc) and token_at[k].lower_ in _ARTICLES:
                k += 1
            last = None
            while k < len(doc) and sent_of[k] == head_sent:
                t = token_at[k]
                if t.text[0].isupper() and t.is_alpha and t.lower_ not in DATE_WORDS:
                    last = k
                    k += 1
                elif (t.text in {",", "and", "&"} or head.lower_ in _UNTRANSLATED_HEADS and t.lower_ in _AND_WORDS) \
                        and last is not None and k + 1 < len(doc) and (
                        token_at[k + 1].text[0].isupper() or (token_at[k + 1].lower_ in {"and"} | (
                            _ARTICLES if romance else set()) and k + 2 < len(doc)
                                                        and token_at[k + 2].text[0].isupper())) \
                        and not _names_another(doc, k + 1, gz) and not (t.text == "," and token_at[k + 1].is_upper):
                    k += 1  # (", PROFECO" is the acronym in apposition, not more of the name)
                elif (t.lower_ in {"of", "for", "to", "on"} or romance and t.lower_ in _OF_WORDS | _ARTICLES) \
                        and last is not None and k + 1 < len(doc) \
                        and (token_at[k + 1].text[0].isupper() or romance and token_at[k + 1].lower_ in _ARTICLES
                             and k + 2 < len(doc) and token_at[k + 2].text[0].isupper()) \
                        and not _names_another(doc, k + 1, gz):
                    k += 1
                else:
                    break
            if last is not None and token_at[last].lower_ in _STATE_WORDS and last + 2 < len(doc) \
                    and token_at[last + 1].lower_ == "of":
                # "Labour Inspectorate of the Republic of Slovenia": the state's name is part of the body's
                named, n = _country_at(doc, last + 2, 3, gz)
                if named:
                    country, last = country or named, last + 1 + n
            elif romance and last is not None and last + 2 < len(doc) and token_at[last + 1].lower_ in _OF_WORDS:
                # "Banque Centrale de Tunisie", "Banco Central do Brasil": the country ends the name
                named, n = _country_at(doc, last + 2, 3, gz)
                if named and country in (None, named) and not (
                        last + 2 + n < len(doc) and token_at[last + 2 + n].text[:1].isupper()):
                    country, last = named, last + 1 + n
            if last is not None:
                name_tokens = doc[j + (0 if adjectives_after else 1):last + 1]
                whole = name_tokens.text
                # "Government of Kazakhstan": the object is the jurisdiction itself.
                if gz.countries.get(whole):
                    country = country or gz.countries[whole]
                end = last + 1
        # "authorities in France"
        if not capital and end < len(doc) and token_at[end].lower_ in {"in", "of"} and end + 1 < len(doc):
            c = gz.countries.get(token_at[end + 1].text)
            if c and country is None:
                country = c
                end = end + 2
        if head.lower_ in TITLE_WORDS and start > 0 and token_at[start - 1].lower_ in {"its", "their", "his", "her"}:
            return None  # "Its National Commissioner, Dr X": a title
        if end < len(doc) and capital and token_at[end].ent_type_ == "PERSON" and (
                head.lower_ in TITLE_WORDS or start == head.i and end == head.i + 1 and country is None):
            return None  # "Commissioner Jane Doe", "NTC Commissioner Jane Doe": a title before a name
        if head.lower_ in _BANK_HEADS and not (
                head.i > 0 and token_at[head.i - 1].lower_ in {"central", "reserve"}
                or head.i + 1 < len(doc) and token_at[head.i + 1].lower_ in {"central", "centrale", "centrala"}
                or country and head.i + 1 < len(doc) and token_at[head.i + 1].lower_ in _OF_WORDS):
            # only a central bank regulates ("Central Bank of Kenya", "Reserve Bank of India",
            # "Banque Centrale de Tunisie", "Banco de España")
            return None
        if head.lower_ == "cabinet" and end < len(doc) and token_at[end].lower_ in TITLE_WORDS:
            return None  # "Cabinet Secretary": a minister's title
        span = doc[start:end]
        name = _regulator_name(doc, start, end, country, gz)
        if not name:
            return None
        words = normalize(name).split()
        if proper:
            capital = True  # named by its place: a body of its own, not a reference to one named before
        if not capital and country is None:
            # "the ministry", "the regulator": a definite reference, resolved later to the
            # body last named (or dropped if there is none).
            if start == head.i and head.i > 0 and token_at[head.i - 1].lower_ in {"the", "this", "that"} \
                    and head.lower_ in REGULATOR_HEADS - {"police", "parliament", "congress", "senate"}:
                return Mention(head.i, head.i + 1, "Regulator", "", head.text, _conf("coreference"),
                               "coreference", name=head.lower_)
            if head.i - start <= 3 and start > 0 and token_at[start - 1].lower_ in {"the", "this", "that"} \
                    and end == head.i + 1 and head.tag_ not in {"NNS", "NNPS"} \
                    and head.lower_ in REGULATOR_HEADS - {"police", "parliament", "congress", "senate", "government"}:
                # "the central bank", "the telecoms regulator": a described reference to a body
                # named before; its describing words are kept (label) to pick the body they fit
                return Mention(start, end, "Regulator", "", doc[start:end].text, _conf("coreference"),
                               "coreference", name=head.lower_)
            return None  # "the authorities", "a court": not an entity on its own
        if capital and len(words) == 1 and country is None and start == head.i and head.i > 0 \
                and token_at[head.i - 1].lower_ == "the" and head.lower_ not in {"government", "parliament", "congress",
                                                                            "senate", "cabinet"}:
            # "the Tribunal", "the Commission": the body of that kind named before (or nothing)
            return Mention(head.i, head.i + 1, "Regulator", "", head.text, _conf("coreference"),
                           "coreference", name=head.lower_)
        if capital and len(words) == 1 and country is None and head.lower_ in GENERIC_HEADS:
            return None  # "Government", "Parliament" alone: resolved later by coreference
        if capital and head.i == span.start and head.is_sent_start and len(span) == 1:
            return None
        label = _regulator_label(name, country, gz, generic=not capital or _is_generic_name(name))
        key = _regulator_key(country, name)
        aliases = tuple({span.text, _strip_possessive(span.text), name} - {label})
        return Mention(start, end, "Regulator", key, label, _conf("regulator-phrase"),
                       "regulator-phrase", country=country, aliases=aliases, name=name)

    def _word_shaped_names(self, skip, tokens) -> list[Mention]:
        """Names known by their shape, whether or not the NER tags them: domain names are platforms
        ("Buda.com"), one-word names with a compounded regulator head are regulators ("Finansinspektionen")."""
        out = []
        for i, text in enumerate(t.text for t in tokens):
            if i in skip or len(text) < 3 or not text[0].isupper():
                continue
            if len(text) < 5 and not (tokens[i].pos_ == "PROPN" and (any(
                    c.dep_ == "appos" and c.lower_ in _DESCRIBED_AS_PLATFORM for c in tokens[i].children)
                    or _claims_clients(tokens[i]) or _owned_by_another(tokens[i]))):
                continue  # a short word is only a name when described as one ("MUV, the home-grown app")
            if _DOMAIN_NAME.match(text):
                out.append(Mention(i, i + 1, "Platform", text, text, _conf("ner-context"), "ner-context"))
            elif len(text) >= 8 and text[1:].islower() and text.lower().endswith(REGULATOR_SUFFIXES):
                out.append(Mention(i, i + 1, "Regulator", _regulator_key(None, text), text, _conf("ner-context"),
                                   "ner-context", name=text))
            elif tokens[i].pos_ == "PROPN" and tokens[i].ent_type_ in {"", "MONEY"} and text not in self.gz.countries \
                    and i > 0 and tokens[i - 1].is_lower and tokens[i - 1].lower_ in _DESCRIBED_AS_PLATFORM \
                    and (i + 1 == len(tokens) or tokens[i + 1].pos_ != "PROPN") and text.isalpha():
                # "fined the classifieds site Kupujemo €50,000": named by the noun before it
                out.append(Mention(i, i + 1, "Platform", text, text, _conf("ner-context"), "ner-context"))
            elif tokens[i].pos_ == "PROPN" and tokens[i].ent_type_ in {"", "PERSON"} and text not in self.gz.countries and (
                    (i + 1 == len(tokens) or tokens[i + 1].pos_ != "PROPN")
                    and (_claims_clients(tokens[i]) or _owned_by_another(tokens[i])) or any(
                    c.dep_ in {"appos", "attr"} and c.lower_ in _DESCRIBED_AS_PLATFORM and c.i > i
                    and (c.dep_ == "appos" or tokens[i].dep_ == "nsubj" and c.head.lemma_ == "be")
                    for c in (tokens[i].children if tokens[i].dep_ != "nsubj" else
                              [*tokens[i].children, *tokens[i].head.children]))):
                # "Bol, which says it has 13 million customers", "Bol, which is owned by supermarket group
                # Ahold Delhaize" (a name that counts customers of its own, or that a company owns),
                # "Flouci, the payment app licensed by ...", "Bazaraki is the island's biggest classifieds
                # site" (described as an app): a name the model missed
                out.append(Mention(i, i + 1, "Platform", text, text, _conf("ner-context"), "ner-context"))
        return out

    def _organisation_names(self, doc: Doc, skip, tokens) -> list[Mention]:
        """"the Thai E-Commerce Association", "the Pichincha Drivers' Federation": capitalised words
        ending in an organisation's head noun name an organisation, when the model tags nothing there."""
        out = []
        for tok in tokens:
            if tok.i in skip or tok.text not in ORGANISATION_HEADS or tok.ent_type_ or tok.i == 0:
                continue
            start = tok.i
            while start > 0 and (tokens[start - 1].text[:1].isupper() and tokens[start - 1].is_alpha
                                 or tokens[start - 1].text == "-" and start > 1 and tokens[start - 2].text[:1].isupper()
                                 ) and not tokens[start - 1].is_sent_start:
                start -= 1
            if start == tok.i or any(t.lower_ in REGULATOR_HEADS or t.text in self.gz.platforms
                                     for t in tokens[start:tok.i]):
                continue
            text = doc[start:tok.i + 1].text
            out.append(Mention(start, tok.i + 1, "Organization", text, text, _conf("ner-context"), "ner-context"))
        return out

    def _owner_names(self, doc: Doc, skip, tokens) -> list[Mention]:
        """"owned by Amsterdam-listed investor Prosus", "whose parent is Bengaluru-based Mohalla Tech
        Pvt Ltd", "a subsidiary of X": the capitalised name an ownership phrase gives as the owner is
        a company, whatever the model tags it (it misses such names after a place or a description)."""
        out = []
        suffixes = _COMPANY_SUFFIXES | {"pvt", "pte", "private"}
        for tok in tokens:
            if tok.i in skip or tok.dep_ not in {"pobj", "attr"}:
                continue
            head, dep = tok.head, tok.dep_
            if tok.pos_ == "NOUN":
                # "owned by Vienna-listed investor X": the name in apposition to the description
                tok = next((c for c in tok.children if c.dep_ == "appos" and c.pos_ == "PROPN"), None)
                if tok is None or tok.i in skip:
                    continue
            if tok.pos_ != "PROPN":
                continue
            if dep == "pobj":
                owner = _in_ownership_phrase(head)
            else:
                owner = lemma_in(head, {"be"}) is not None and any(
                    c.dep_ == "nsubj" and c.lower_ in {"parent", "owner"} for c in head.children)
            if not owner:
                continue
            start = tok.i
            while start > 0 and tokens[start - 1].dep_ == "compound" and start <= tokens[start - 1].head.i <= tok.i \
                    and tokens[start - 1].pos_ == "PROPN" and tokens[start - 1].text[:1].isupper():
                start -= 1
            end = tok.i + 1
            while end < len(tokens) and tokens[end].lower_ in suffixes:
                end += 1
            span = doc[start:end]
            if all(t.lower_ in suffixes for t in span):
                continue
            if any(t.i in skip or not (t.text[:1].isupper() or t.text[:1].isdigit()) for t in span) \
                    or any(t.lower_ in REGULATOR_HEADS or t.lower_.strip(".") in TITLE_WORDS for t in span):
                continue
            text = span.text
            if self._names_a_place(text) or text in self.gz.regulators or text in NEWS_AGENCIES:
                continue
            out.append(Mention(start, end, "Organization", text, text, _conf("repair"), "repair"))
        return out

    def _titled_names(self, doc: Doc, skip, tokens) -> list[Mention]:
        """"said the Council's president, Amra Hadžiomerović", "Rebecca Achola Okumu, who heads ...":
        two to four capitalised words in apposition to a person's title, or that "who" is said of,
        are a name, when the model tags nothing there."""
        out = []
        for tok in tokens:
            if tok.i in skip:
                continue
            if tok.lower_ in _PERSON_TITLES:
                names = [n for n in tok.children if n.dep_ == "appos" and n.i > tok.i]
            elif tok.lower_ == "who" and tok.dep_ == "nsubj" and tok.head.dep_ == "relcl":
                names = [tok.head.head]  # "Rebecca Achola Okumu, who heads the PDPO": "who" is said of people
            else:
                continue
            for name in names:
                if name.ent_type_ or name.pos_ != "PROPN":
                    continue
                start = name.i
                while start > 0 and tokens[start - 1].dep_ == "compound" and tokens[start - 1].head.i == name.i \
                        and tokens[start - 1].is_title and tokens[start - 1].is_alpha and not tokens[start - 1].ent_type_ \
                        and tokens[start - 1].i != tok.i:
                    start -= 1
                words = tokens[start:name.i + 1]
                if 2 <= len(words) <= 4 and all(t.is_title and t.is_alpha and t.i not in skip for t in words) \
                        and not any(t.text in self.gz.platforms or self.gz.country_of(t.text) or t.text in self.gz.regulators
                                    or t.lower_ in REGULATOR_HEADS or t.lower_ in TITLE_WORDS for t in words):
                    text = doc[start:name.i + 1].text
                    out.append(Mention(start, name.i + 1, "Person", text, text, _conf("repair"), "repair"))
        return out

    def _honorific_names(self, doc: Doc, skip, tokens) -> list[Mention]:
        """"Mrs Folake Adesanya", "Dr. Amaka Obi": the capitalised words after an honorific are a name."""
        out = []
        for tok in tokens[:-1]:
            if tok.i in skip or tok.lower_.rstrip(".") not in HONORIFICS or not tok.text[:1].isupper():
                continue
            k = tok.i + 1
            if k < len(doc) and doc[k].text == ".":
                k += 1
            end = k
            while end < len(doc) and end - k < 4 and doc[end].is_alpha and doc[end].is_title \
                    and doc[end].lower_ not in TITLE_WORDS and doc[end].lower_ not in REGULATOR_HEADS \
                    and doc[end].text not in self.gz.platforms and not self.gz.country_of(doc[end].text):
                end += 1
            if end - k >= 2 or end - k == 1 and doc[k].ent_type_ == "PERSON":
                name = doc[k:end].text
                out.append(Mention(k, end, "Person", name, name, _conf("repair"), "repair"))
        return out

    def _first_name_start(self, doc: Doc, start: int, end: int) -> int:
        # The model often leaves a first name out of a name ("Mamadou [Lamine Sarr]", "president
        # Esteban [Villalobos Chinchilla]", "[Melnyk], the minister"): take in one capitalised proper
        # noun right before, when it is a word of no entity, title or gazetteer of its own.
        if start == 0:
            return start
        token_at = doc_tokens(doc)[0]
        tok = token_at[start - 1]
        before = token_at[start - 2] if start > 1 and not tok.is_sent_start else None
        # ("Minister of Digital Affairs [Huang]", "President's Counsel [X]": the end of a title; but
        # "Superintendent Verónica [Cárdenas Ulloa]")
        if before is not None and (before.text[:1].isupper() and before.lower_.strip(".") not in TITLE_WORDS
                                   or before.lower_ in {"of", "and", "&", "'s", "\u2019s"}):
            return start
        # (a sentence's first word only when the parser makes it part of the name: "Taras [Melnyk] said")
        if tok.is_sent_start and not (tok.dep_ == "compound" and start <= tok.head.i < end):
            return start
        word = tok.lower_
        if (tok.is_title and tok.is_alpha and tok.pos_ == "PROPN" and not tok.ent_type_
                and word not in TITLE_WORDS and word.rstrip("s") not in TITLE_WORDS  # ("Judges [X]")
                and word not in {"counsel", "advocate", "barrister"} and tok.lower_ not in REGULATOR_HEADS
                and tok.lower_ not in ORGANISATION_NOUNS and tok.text not in self.gz.platforms
                and tok.text not in self.gz.regulators and not self.gz.country_of(tok.text)
                and tok.text not in self.gz.adjectives and tok.text not in self.gz.places):
            return start - 1
        return start

    def _ner_mentions(self, doc: Doc, skip) -> list[Mention]:
        out = []
        spans: list[list] = []
        for ent in doc.ents:
            if spans and spans[-1][2] == ent.label_ == "PERSON" and spans[-1][1] == ent.start \
                    and doc[ent.start - 1].text not in {"'s", "\u2019s", "'", "\u2019"} \
                    and not any(doc[a:b].text in self.gz.platforms for a, b in ((spans[-1][0], ent.start),
                                                                                (ent.start, ent.end))):
                spans[-1][1] = ent.end  # "Ajith Rajapaksha" + "Perera": the model cut one name in two
            else:
                spans.append([ent.start, ent.end, ent.label_])
        for span in spans:
            if span[2] == "PERSON":
                span[0] = self._first_name_start(doc, span[0], span[1])
                end = span[1]
                if end < len(doc) and doc[end].pos_ == "PROPN" and doc[end].is_title and not doc[end].ent_type_ \
                        and doc[end - 1].dep_ == "compound" and doc[end - 1].head.i == end:
                    span[1] = end + 1  # "minister [Hussain Zareer] Moosa told": the name's head, left out
                end = span[1]
                if end + 1 < len(doc) and doc[end].text == "-" and not doc[end - 1].whitespace_ \
                        and not doc[end].whitespace_ and doc[end + 1].is_title and doc[end + 1].is_alpha \
                        and doc[end + 1].ent_type_ not in {"ORG", "GPE"}:
                    span[1] = end + 2  # "[Agnieszka Wróblewska]-Pietras": a double-barrelled surname
        for ent_start, ent_end, ent_label in spans:
            if any(i in skip for i in range(ent_start, ent_end)):
                continue
            for part_start, part_end in _split_conjoined(doc, ent_start, ent_end):
                m = self._type_ner(doc, part_start, part_end, ent_label)
                if m is not None:
                    out.append(m)
        return out

    def _type_ner(self, doc: Doc, start: int, end: int, label: str) -> Mention | None:
        token_at = doc_tokens(doc)[0]
        gz = self.gz
        if label == "PERSON" and end - start > 1 and token_at[end - 1].lower_ in _COMPANY_SUFFIXES - {"internet", "co."}:
            label = "ORG"  # "Wolt Enterprises Oy" taken for a person: a legal form ends a company's name
        # A span running into a parenthesis ends before it: "Coordinating Center (CICC".
        cut = next((i for i in range(start, end) if token_at[i].text == "("), None)
        if cut is not None:
            end = cut
        while end - start > 1 and token_at[end - 1].lower_ in {"of", "and", "for", "de"}:
            end -= 1  # "Union of Drivers of": the model's span ran into the next name's "of"
        if label == "ORG" and any(t.text in ORGANISATION_HEADS for t in doc[start:end]) and end + 1 < len(doc) \
                and token_at[end].lower_ == "of" and token_at[end + 1].is_title and token_at[end + 1].is_alpha:
            # "the Association of Private Accommodation Providers [of Herzegovina]": the model stops
            # at the second "of"
            k = end + 1
            while k < len(doc) and k - end <= 4 and (token_at[k].is_title and token_at[k].is_alpha or
                                                     token_at[k].text == "-" and not token_at[k].whitespace_):
                k += 1
            end = k
        if end + 3 < len(doc) and token_at[end].text == "(" and token_at[end + 1].text in gz.countries \
                and token_at[end + 2].text == ")" and token_at[end + 3].lower_ in _COMPANY_SUFFIXES:
            end += 4  # "Mahanagar Telephone (Mauritius) Ltd": the country in parentheses names the company
        # Trim determiners, possessives and punctuation at the edges.
        while start < end and (token_at[start].lower_ in {"the", "a", "an"} or token_at[start].is_punct or token_at[start].is_space):
            start += 1
        while end > start and (token_at[end - 1].text in {"'s", "\u2019s", "'", "\u2019"} or token_at[end - 1].is_punct):
            end -= 1
        while label == "PERSON" and end - start > 2 and token_at[start].lower_.rstrip(".") in HONORIFICS:
            start += 1 + (token_at[start + 1].text == ".")  # "Mme Etoundi Mbarga": the honorific is no part of it
        if end - start > 1 and token_at[end - 1].text in ISO_CODES and end < len(doc) and token_at[end].like_num:
            end -= 1  # "fined Ooredoo Maldives MVR 2.4 million": the amount's currency is not part of the name
        if start >= end:
            return None
        text = doc[start:end].text
        if label == "PERSON" and end - start > 1 and gz.countries.get(token_at[end - 1].text) \
                and token_at[end - 1].text not in _GIVEN_NAME_COUNTRIES and not token_at[start].like_num:
            # "Flow Jamaica", "Telemach Hrvatska": a brand's company in a country (an operator, an app), not a
            # person; its legal form, if the model left it out, is part of its name ("Uber Belgium BVBA")
            country = gz.countries[token_at[end - 1].text]
            while end < len(doc) and token_at[end].lower_ in _COMPANY_SUFFIXES:
                end += 1
            text = doc[start:end].text
            return Mention(start, end, "Platform", text, text, _conf("ner-context"), "ner-context", country=country)
        if end < len(doc) and token_at[end].like_num and (text in CURRENCY_SYMBOLS or text in ISO_CODES):
            return None  # "a ZiG 48 million penalty": a currency before its amount
        if any(c.isdigit() for c in text) and (any(t.like_num or _NUMERIC.match(t.text) for t in doc[start:end])
                                               or label not in {"ORG", "PRODUCT"}):
            return None  # an amount ("3.4B") or a date; "1xBet", "4chan" are names
        if label in {"PERSON", "ORG"} and end - start > 1 and token_at[end - 1].lower_ in _OPERATOR_HEADS \
                and all(t.text[0].isupper() or t.like_num for t in doc[start:end] if t.is_alpha or t.like_num) \
                and not any(t.lower_ in REGULATOR_HEADS for t in doc[start:end]):
            return Mention(start, end, "Platform", text, text, _conf("ner-context"), "ner-context")  # "Nepal Telecom"
        if label in {"PERSON", "ORG"} and end - start > 2 and token_at[end - 1].text.strip(".") in _POST_NOMINALS \
                and all(t.text[0].isupper() for t in doc[start:end - 1] if t.is_alpha):
            end -= 1  # "Garth McBride KC", "Ada Obi SAN": counsel's rank after the name
            text = doc[start:end].text
            label = "PERSON"
        if label == "PERSON" and start > 0 and token_at[start - 1].lower_ in ORGANISATION_NOUNS:
            return Mention(start, end, "Organization", text, text, _conf("ner-context"), "ner-context")  # "consumer group X"
        if label in {"PERSON", "GPE"} and self._platform_context(doc, start, end) and text not in gz.countries:
            return Mention(start, end, "Platform", text, text, _conf("ner-context"), "ner-context")  # "streaming service Shahid"
        if label == "PERSON" and end - start == 1 and self._place_like(token_at[start]):
            return None  # "drivers in Kumasi and Takoradi", "operates in Colombo, Kandy and Galle": a town
        if label == "PERSON" and token_at[start].is_sent_start and token_at[start].lower_.endswith("ing") \
                and doc[start + 1:end].text in gz.platforms:
            return None  # "Fining Shein and AliExpress is the easy part": a gerund and a platform
        if label == "PERSON":
            while start < end - 1 and (token_at[start].lower_.strip(".") in TITLE_WORDS
                                       or token_at[start].text in gz.platforms
                                       and not (token_at[start].lower_ in COMMON_WORD_BRANDS
                                                and token_at[start + 1].is_title
                                                and token_at[start + 1].lower_.strip(".") not in TITLE_WORDS)
                                       or token_at[start].text in gz.regulators
                                       or token_at[start].is_upper and token_at[start].is_alpha and len(token_at[start]) <= 6
                                       and token_at[start + 1].lower_.strip(".") in TITLE_WORDS
                                       or token_at[start].text in gz.adjectives
                                       or (gz.countries.get(token_at[start].text) and token_at[start + 1].lower_ in TITLE_WORDS)):
                start += 1
            if start >= end or end - start == 1 and token_at[start].lower_.strip(".") in TITLE_WORDS:
                return None  # a title alone ("Eng.")
            span = doc[start:end]
            words = [t for t in span if t.is_alpha]
            # "Yoon Jae-hoon": the part after a hyphen is lower case
            if not words or any(t.is_lower and t.lower_ not in _NAME_PARTICLES and token_at[t.i - 1].text != "-"
                                for t in words):
                return None
            if span.text in gz.platforms or gz.country_of(span.text) or span.text in gz.regulators \
                    or span.text in gz.places:
                return None
            if len(words) == 1 and words[0].pos_ != "PROPN":
                return None
            if any(t.lower_ in REGULATOR_HEADS or t.lower_ in PLATFORM_NOUNS for t in words):
                return None
            name = span.text
            return Mention(start, end, "Person", name, name, _conf("ner"), "ner")
        if label in {"ORG", "PRODUCT", "WORK_OF_ART", "FAC", "NORP", "GPE", "LOC"}:
            span = doc[start:end]
            if label == "NORP" or label == "LOC":
                return None  # demonyms qualify regulators; they are not entities
            if label == "GPE":
                if not self._owner_named_as_place(doc, start, end):
                    return None  # countries come from the gazetteer; cities are not graph entities
                label = "ORG"
            if text in _REGION_WORDS or " or " in text:
                return None  # "is Nordic", "the Baltics"; "Flanders or Wallonia": regions, places
            if span[-1].lower_ == "coordinator":
                return None  # "acts as Romania's Digital Services Coordinator": a role a body plays
            if len(span) == 1 and label == "ORG" and self._place_like(span[0], neighbours_only=True):
                return None  # "in Koper and Maribor", "from Heredia or from California": towns
            words = [t for t in span if t.is_alpha]
            if not words or all(t.is_lower for t in words):
                return None
            if text in gz.platforms:
                return None  # a brand name: the gazetteer pass decides whether it is one here
            if len(text) <= 2 or (text.isupper() and len(text) <= 3 and text not in gz.regulators
                                  and not self._platform_context(doc, start, end)
                                  and not _listed_with_platform(span.root, gz)):
                return None  # "IP", "AI", unknown short acronyms (but "MUV, the home-grown app")
            if span[-1].lower_ in _LAW_HEADS or span.root.lower_ in _LAW_HEADS:
                return None
            if label == "WORK_OF_ART":
                # a title, unless a platform noun names it: "the classifieds site Bazaraki"
                return Mention(start, end, "Platform", text, text, _conf("ner-context"), "ner-context") \
                    if self._platform_context(doc, start, end) else None
            if start >= 2 and token_at[start - 1].lower_ == "of" and token_at[start - 2].lower_ in TITLE_WORDS:
                return None  # "Minister of Digital Development": a portfolio, not an organisation
            title_at = next((t.i for t in span[:3] if t.lower_.strip(".") in TITLE_WORDS), None)
            if title_at is not None and label == "ORG":
                rest = [t for t in doc[title_at + 1:end] if t.is_alpha]
                if 2 <= len(rest) <= 4 and all(t.is_title for t in rest) and not any(
                        t.lower_ in TITLE_WORDS or t.lower_ in REGULATOR_HEADS or t.text in gz.platforms for t in rest):
                    # "(FTC) Chair Marcus Ellery": the model's ORG is a (body,) a title and a name
                    first = rest[0].i
                    return Mention(first, end, "Person", doc[first:end].text, doc[first:end].text,
                                   _conf("repair"), "repair")
            if span[0].lower_.strip(".") in TITLE_WORDS:
                return None  # "Minister of Communications": a role, not an organisation
            if span[0].text in gz.platforms and len(span) > 1 and all(
                    t.lower_ in _COMPANY_SUFFIXES or t.lower_ in {"pte", "pvt", "private", "."} for t in span[1:]):
                # "TikTok Pte. Ltd", "Zoom Inc.": the company's legal name, the same platform
                name = gz.platforms[span[0].text]
                return Mention(start, end, "Platform", name, name, _conf("ner-context"), "ner-context", aliases=(text,))
            # An ORG that begins with a platform name and ends in a company suffix, or names a country,
            # is the platform's subsidiary ("Amazon Italia Services Srl", "X Brasil").
            if span[0].text in gz.platforms and (span[-1].lower_ in _COMPANY_SUFFIXES or len(span) > 1 and
                                                  span[1].text in gz.countries):
                return Mention(start, end, "Platform", text, text, _conf("ner-context"), "ner-context")
            after = next((k for k in range(end, min(end + 5, len(doc)))
                          if not (token_at[k].is_title or token_at[k].lower_ in {"and", "&"})), min(end + 5, len(doc)))
            if any(token_at[k].lower_ in {"secretary", "minister"} for k in range(end, after)):
                return None  # "Energy Secretary X", "Digital Economy and Society Minister X": a portfolio in a title
            central = not _BANK_HEADS & {span.root.lower_, span[-1].lower_, span[0].lower_} or any(
                t.lower_ in {"central", "centrale", "reserve"} for t in span)
            if (span.root.lower_ in REGULATOR_HEADS or span[-1].lower_ in REGULATOR_HEADS
                    or span[0].lower_ in _UNTRANSLATED_HEADS and len(span) > 1) and central:
                return None  # regulator phrases are built by _regulator_at (a commercial bank is not one)
            if len(span) == 1 and span[0].is_title and span[0].lower_.endswith(REGULATOR_SUFFIXES):
                # "Datatilsynet", "Finansinspektionen", "Kartellbehörde": the head is inside the word
                return Mention(start, end, "Regulator", _regulator_key(None, text), text, _conf("ner-context"),
                               "ner-context", name=text)
            if label == "ORG" and _has_person_title(doc, start, end) and all(t.is_title for t in words) \
                    and text not in gz.platforms and text not in gz.regulators:
                # "Shou Zi Chew, chief executive of TikTok": the model's ORG is a person.
                return Mention(start, end, "Person", text, text, _conf("repair"), "repair")
            if self._platform_context(doc, start, end):
                return Mention(start, end, "Platform", text, text, _conf("ner-context"), "ner-context")
            if label != "ORG":
                return None
            # "US Chamber of Commerce": a country modifier right before belongs to the name.
            if start > 0 and gz.countries.get(token_at[start - 1].text) and token_at[start - 1].ent_type_ in {"GPE", "ORG"}:
                start -= 1
                text = doc[start:end].text
            if end < len(doc) and token_at[end].text == ":" and (start == 0 or "\n" in token_at[start - 1].text) and end - start == 1:
                return None  # "EXPLAINER: ...", "WATCH: ...": a label at the start of a line
            if end + 1 < len(doc) and token_at[end].text == "-" and token_at[end + 1].lower_ in {"based", "headquartered",
                                                                                      "born", "listed"}:
                return None  # "Abu Dhabi-based": a place
            if end < len(doc) and token_at[end].lower_ in _PLACE_NOUNS:
                return None  # "Asunción's Villa Morra district": a part of a town
            if text in gz.places or start > 0 and token_at[start - 1].text == "$":
                return None  # a city or region ("Abu Dhabi", "Agargaon" aside), a ticker ("$BNB")
            if text in NEWS_AGENCIES or doc[start:end].text in NEWS_AGENCIES:
                return None  # a source credit ("PTI reported"), not an actor in the story
            root = doc[start:end].root
            if root.dep_ in {"dobj", "dative"} and lemma_in(root.head, {"tell"}) or \
                    root.dep_ == "nsubj" and lemma_in(root.head, {"report"}) and not any(
                        c.dep_ == "dobj" for c in root.head.children):
                return None  # "a spokesperson told The Chronicle", "the Daily Star reported": the outlet
            if end - start == 1 and token_at[start].dep_ in {"amod", "compound"} and token_at[start].head.is_lower and (
                    token_at[start].is_sent_start or token_at[start - 1].is_quote or token_at[start - 1].tag_ == "PRP$"):
                return None  # "Digital services are ...", "its Standard plan": a capitalised word, not a name
            return Mention(start, end, "Organization", text, text, _conf("ner"), "ner")
        return None

    def _owner_named_as_place(self, doc: Doc, start: int, end: int) -> bool:
        """Whether a name the model tags as a place is a company: the owner in an ownership phrase
        ("majority-owned by Bahrain's Batelco", "a subsidiary of Zain"), or a country's own
        ("Bahrain's Batelco"), when it is no known place."""
        if self._names_a_place(doc[start:end].text) or end < len(doc) and doc[end].lower_ in _PLACE_NOUNS:
            return False
        root = doc[start:end].root
        if root.dep_ == "pobj" and _in_ownership_phrase(root.head):
            return True
        return any(c.dep_ == "poss" and self.gz.countries.get(c.text) for c in root.children) and root.pos_ == "PROPN"

    def _names_a_place(self, text: str) -> bool:
        """Whether ``text`` is a listed country, city or region, or a demonym."""
        gz = self.gz
        return text in gz.countries or gz.country_of(text) is not None or text in gz.places or text in gz.adjectives

    def _place_like(self, tok, neighbours_only: bool = False) -> bool:
        """Whether a one-word name is used as a place: after "in" (unless ``neighbours_only``), or
        listed with places."""
        if not neighbours_only and tok.dep_ == "pobj" and tok.head.lower_ in {"in", "across", "near", "outside",
                                                                              "around", "throughout"}:
            return True
        neighbours = [tok.head] if tok.dep_ == "conj" else []
        neighbours += [c for c in tok.children if c.dep_ == "conj"]
        return any(n.text in self.gz.places or n.ent_type_ == "GPE" and n.text not in self.gz.platforms
                   for n in neighbours)

    def _platform_context(self, doc: Doc, start: int, end: int) -> bool:
        """A name right after a platform noun ("messaging app Foo", "e-commerce firm Bar"), or appositive to one."""
        token_at = doc_tokens(doc)[0]
        if start > 0 and token_at[start - 1].lower_ in PLATFORM_NOUNS | {"exchange", "wallet", "marketplace", "retailer"}:
            if token_at[start - 1].lower_ not in {"firm", "company", "startup", "giant"}:
                return True
            # "a company" is any company; "ride-hailing company X" is a platform
            if any(t.lower_ in INDUSTRY_WORDS for t in doc[max(0, start - 5):start - 1]):
                return True
        root = doc[start:end].root
        described = (PLATFORM_NOUNS | _DESCRIBED_AS_PLATFORM) - {"firm", "company"}
        for child in root.children:
            if child.dep_ == "appos" and child.lower_ in described:
                return True  # ("MEO, the consumer brand of Altice Portugal")
        if token_at[end - 1].lower_ in _COMPANY_SUFFIXES and self._runs_a_platform(root):
            return True
        # (not the other way round for every noun: "operator (PSE)" defines a kind's acronym)
        return root.dep_ == "appos" and root.head.lower_ in PLATFORM_NOUNS - {"firm", "company"}

    def _runs_a_platform(self, root) -> bool:
        """Whether a company's legal name is described as the company running a platform or as a
        platform's subsidiary ("Dante International SA is the company that operates eMAG", "X Co.
        Limited, the Dublin-registered Shein subsidiary"): the operating company, a platform too."""
        nouns = [c for c in root.children if c.dep_ == "appos"]
        if root.dep_ == "nsubj":
            nouns += [c for c in root.head.children if c.dep_ == "attr"]
        for n in nouns:
            if n.lower_ not in {"company", "subsidiary", "unit", "arm", "entity", "operator"}:
                continue
            if any(t.text in self.gz.platforms for t in n.subtree if t.i != root.i and t.i < n.i + 8):
                return True
        return False

    # ------------------------------------------------------------------ identity
    def _resolve_identity(self, doc: Doc, mentions: list[Mention], skip) -> list[Mention]:
        token_at = doc_tokens(doc)[0]
        gz = self.gz
        # Persons: a surname or first name alone is the full name found elsewhere in the doc.
        full = [m for m in mentions if m.cls == "Person" and len(m.key.split()) > 1]
        by_part: dict[str, set[str]] = {}
        for m in full:
            parts = m.key.split()
            for p in (parts[-1], parts[0], " ".join(parts[-2:]) if len(parts) > 2 else parts[-1]):
                by_part.setdefault(p, set()).add(m.key)
        # ("Ben Slimane" is "Hatem Ben Slimane", and so is "Slimane")
        for part, keys in by_part.items():
            if len(keys) > 1:
                keys -= {k for k in keys if any(o != k and o.endswith(" " + k) for o in keys)}
        for m in mentions:
            if m.cls == "Person" and (len(m.key.split()) == 1 or m.key in by_part and m.key not in by_part[m.key]):
                keys = by_part.get(m.key, set())
                if len(keys) == 1:
                    fullname = next(iter(keys))
                    m.aliases = tuple(set(m.aliases) | {m.label})
                    m.key = m.label = fullname
        # Surnames the NER missed ("Moraes's actions", "CEO Durov") or called an organisation (a
        # surname: a name's first word taken for an organisation is more likely one, "Dhiraagu Pay,
        # Dhiraagu's wallet", than a person called by the first name)
        known = {p: next(iter(k)) for p, k in by_part.items() if len(k) == 1 and " " not in p}
        surnames = {m.key.split()[-1] for m in full}
        for m in mentions:
            if m.cls == "Organization" and m.rule == "ner" and m.end - m.start == 1 and token_at[m.start].text in known \
                    and token_at[m.start].text in surnames:
                m.cls, m.rule = "Person", "surname"
                m.key = m.label = known[token_at[m.start].text]
                m.aliases = (token_at[m.start].text,)
            elif m.cls == "Organization" and m.rule == "ner" and m.end - m.start == 2 \
                    and len(by_part.get(text := doc[m.start:m.end].text, ())) == 1 and text not in by_part[text]:
                # a two-word surname: "Couto Albuquerque said" after "Marina Couto Albuquerque"
                m.cls, m.rule = "Person", "surname"
                m.key = m.label = next(iter(by_part[text]))
                m.aliases = (text,)
        mentions = _spans_of_acronyms(doc, mentions, gz)
        taken = {i for m in mentions for i in range(m.start, m.end)}
        for tok in doc_tokens(doc)[0]:
            if tok.i in taken or tok.i in skip or tok.text not in known or tok.pos_ != "PROPN":
                continue
            name = known[tok.text]
            mentions.append(Mention(tok.i, tok.i + 1, "Person", name, name, _conf("surname"), "surname",
                                    aliases=(tok.text,)))
        # Acronyms defined in parentheses: "Irish Data Protection Commission (DPC)".
        acronyms: dict[str, Mention] = {}
        for m in mentions:
            acr, alone = None, False  # alone: "(ACR)", the form a listed acronym may choose the body by
            if m.end + 2 < len(doc) and token_at[m.end].text == "(" and token_at[m.end + 2].text == ")":
                word = token_at[m.end + 1].text
                if word.isupper() and 2 <= len(word) <= 8 or word.istitle() and word.isalpha() \
                        and _blends(word.lower(), [w.lower() for w in m.label.split() if w[:1].isupper()]):
                    acr, alone = word, True
            elif m.cls == "Regulator" and m.end < len(doc) and token_at[m.end].text == "(":
                # the local name first: "(Uprava za indirektno oporezivanje, UIO)"
                close = next((k for k in range(m.end + 1, min(m.end + 14, len(doc))) if token_at[k].text == ")"), None)
                if close is not None and close - m.end > 2 and token_at[close - 2].text == "," \
                        and token_at[close - 1].text.isupper() and 2 <= len(token_at[close - 1].text) <= 8:
                    acr = token_at[close - 1].text
            if acr is not None:
                acronyms[acr] = m
                m.aliases = tuple(set(m.aliases) | {acr})
                if alone:
                    _choose_by_acronym(doc, m, acr, gz)
            # "Anatel (National Telecommunications Agency)": the expansion names the same body.
            if m.start >= 2 and token_at[m.start - 1].text == "(" and m.end < len(doc) and token_at[m.end].text == ")":
                prev = next((p for p in mentions if p.end == m.start - 1), None)
                if prev is None:
                    prev_tok = token_at[m.start - 2]
                    if prev_tok.pos_ == "PROPN" and prev_tok.i not in taken:
                        m.aliases = tuple(set(m.aliases) | {prev_tok.text})
                        mentions.append(Mention(prev_tok.i, prev_tok.i + 1, m.cls, m.key, m.label,
                                                _conf("acronym"), "acronym", country=m.country,
                                                aliases=(prev_tok.text,)))
        for m in list(mentions):
            text = doc[m.start:m.end].text
            if text in acronyms and m is not acronyms[text]:
                target = acronyms[text]
                m.cls, m.key, m.label, m.country = target.cls, target.key, target.label, target.country
                m.aliases = (text,)
                m.rule = "acronym"
        if acronyms:
            covered = {i for m in mentions for i in range(m.start, m.end)}
            for tok in doc_tokens(doc)[0]:
                target = acronyms.get(tok.text)
                if target is not None and tok.i not in taken and tok.i not in covered:
                    mentions.append(Mention(tok.i, tok.i + 1, target.cls, target.key, target.label,
                                            _conf("acronym"), "acronym", country=target.country, aliases=(tok.text,)))
        _undefined_acronyms(doc, mentions, taken)
        _bodies_in_titles(doc, mentions)
        _equate_renamed(doc, mentions)
        _first_word_references(doc, mentions)
        _short_names(mentions, doc, gz)
        _appositive_names(mentions, doc)
        _platforms_by_company(doc, mentions)
        _type_by_role(doc, mentions)
        # Regulators: a generic or unqualified one is the named one of the same jurisdiction.
        focus = focus_country(doc, mentions)
        _localise_regulators(doc, mentions, gz, focus)
        _merge_regulators(mentions, gz, focus)
        mentions = _resolve_definite_regulators(mentions, gz, focus)
        # News names a person in full at least once: a one-word "person" the text never names in full,
        # nor gives a title or has speak, is the model's guess at some other proper noun ("tests on
        # Vis, Lastovo and Hvar").
        speakers = {m.key for m in mentions if m.cls == "Person" and " " not in m.label.strip()
                    and _person_role(token_at, m)}
        return [m for m in mentions if not (m.cls == "Person" and " " not in m.label.strip() and m.key not in speakers)]


def _repeated_names(tokens, mentions: list[Mention], skip) -> list[Mention]:
    """A one-word platform name the text shows once ("Bol, which is owned by ...") is that platform
    wherever else it stands as a name ("fined Bol €6.2m"), where the model tagged nothing."""
    covered = {i for m in mentions for i in range(m.start, m.end)}
    shown = {m.label: m for m in mentions if m.cls == "Platform" and m.rule in {"ner-context", "ner"}
             and m.end - m.start == 1 and m.label == tokens[m.start].text and m.label[:1].isupper()}
    out = []
    for t in tokens:
        m = shown.get(t.text)
        if m is None or t.i in covered or t.i in skip or t.ent_type_ not in {"", "PRODUCT", "ORG"} \
                or any(0 <= j < len(tokens) and tokens[j].is_title and tokens[j].is_alpha and j not in covered
                       for j in (t.i - 1, t.i + 1)) and not t.is_sent_start:
            continue  # ("Max Fischer" is no "Max")
        out.append(Mention(t.i, t.i + 1, m.cls, m.key, m.label, m.confidence, "repeat", aliases=m.aliases))
    # "Dante International SA ... fined Dante International": a company's name without its legal form
    short: dict[tuple[str, ...], Mention] = {}
    for m in mentions:
        words = m.label.split()
        while words and words[-1].lower() in _COMPANY_SUFFIXES:
            words.pop()
        if m.cls == "Platform" and 2 <= len(words) < len(m.label.split()):
            short.setdefault(tuple(words), m)
    named = {m.label: m for m in mentions if m.cls == "Platform"}
    for words, m in list(short.items()):
        plain = named.get(" ".join(words))
        if plain is not None and plain.key != m.key:
            # "Klarna Bank ... Klarna Bank AB": the legal name of a platform the text names plainly too
            long_key = m.key
            for x in mentions:
                if x.cls == "Platform" and x.key == long_key:
                    x.aliases = tuple({*x.aliases, x.label})
                    x.key, x.label = plain.key, plain.label
            del short[words]
    for other in mentions:
        m = short.get(tuple(other.label.split()))
        if m is not None and other.cls == "Organization":
            # (the model's own span of the short name, typed from its words alone)
            other.cls, other.key, other.label = m.cls, m.key, m.label
    for words, m in short.items():
        n = len(words)
        for t in tokens:
            if t.text != words[0] or t.i + n > len(tokens) or any(i in covered or i in skip for i in range(t.i, t.i + n)):
                continue
            if tuple(x.text for x in tokens[t.i:t.i + n]) == words:
                out.append(Mention(t.i, t.i + n, m.cls, m.key, m.label, m.confidence, "repeat", aliases=m.aliases))
                covered.update(range(t.i, t.i + n))
    return out


_GROUP_WORDS = ("Group", "Holdings", "Holding", "Group plc")


def _brand_as_local_company(doc: Doc, mentions: list[Mention]) -> None:
    """"Ooredoo Qatar ... Ooredoo Group ... CRA fines Ooredoo": where the story's country has the
    brand's local company and the group is named apart as a group, the bare brand is the local
    company (the group has its own name)."""
    labels = {m.label for m in mentions if m.cls in {"Platform", "Organization"}}
    if not any(label.endswith(" " + w) for label in labels for w in _GROUP_WORDS):
        return  # (no group named: the focus country, which takes a pass over the text, is not needed)
    focus = focus_country(doc, mentions)
    if focus is None:
        return
    keys = {m.key for m in mentions if m.cls == "Platform"}
    # (the brand's company in the country, however it was found: "Ooredoo Qatar" as a subsidiary or the model's)
    locals_ = [(m, m.name) for m in mentions if m.cls == "Platform" and m.name and m.country == focus]
    locals_ += [(m, m.label[:-len(focus) - 1]) for m in mentions if m.cls == "Platform" and not m.name
                and m.label.endswith(" " + focus) and m.label[:-len(focus) - 1] in keys]
    for local, brand in locals_:
        group = next((f"{brand} {w}" for w in _GROUP_WORDS if f"{brand} {w}" in labels), None)
        if group is None:
            continue
        for m in mentions:
            if m.cls == "Platform" and m.key == brand and m is not local:
                m.aliases = tuple({*m.aliases, m.label})
                m.key, m.label = local.key, local.label
            elif m.cls == "Platform" and m.name == brand and m.rule == "product":
                m.name = local.key  # "Ooredoo Money": the local company's product
        for m in mentions:
            if m.cls == "Platform" and m.key == local.key and m.name in {brand, None}:
                m.name = group  # the local company is the group's


def _listed_with_people(by_token: dict, root: Token) -> bool:
    """Whether a name is the last of a list whose other items are all people ("founded by Simón
    Borrero, Sebastián Mejía and Felipe Villamarín")."""
    if root.dep_ != "conj":
        return False
    first = root
    while first.dep_ == "conj" and first.head.i != first.i:
        first = first.head
    items = [first, *(t for t in first.subtree if t.dep_ == "conj" and t.i != root.i and t.head.i in
                      {first.i, *(u.i for u in first.subtree if u.dep_ == "conj")})]
    kinds = {by_token[t.i].cls if t.i in by_token else None for t in items}
    return kinds == {"Person"}


def _listed_with_platform(name: Token, gz) -> bool:
    """Whether a name is listed with a platform the gazetteer knows ("requests to NOS and Vodafone
    Portugal"): a short name in such a list is a company, not an undefined acronym."""
    return any(t.text in gz.platforms for c in name.conjuncts
               for t in (c, *(k for k in c.children if k.dep_ == "compound")))


def _owned_by_another(name: Token) -> bool:
    """Whether a clause on ``name`` says another owns or controls it ("X, which is owned by Y")."""
    return any(c.dep_ in {"acl", "relcl"} and c.tag_ == "VBN" and lemma_in(c, {"own", "control"})
               and any(a.dep_ == "agent" for a in c.children) for c in name.children)


def _claims_clients(name: Token) -> bool:
    """Whether a relative clause on ``name`` says it has users or customers of its own: "Bol, which
    says it has 13 million customers", "X, which has 6.3 million depositors"."""
    for rel in name.children:
        if rel.dep_ != "relcl" or not any(c.dep_ == "nsubj" and c.lower_ in {"which", "that"} for c in rel.children):
            continue
        verbs = [rel, *(c for c in rel.children if c.dep_ == "ccomp" and lemma_in(c, {"have", "serve", "count"}))]
        if any(lemma_in(v, {"have", "serve", "count"}) and any(o.dep_ == "dobj" and o.lower_ in _CLIENT_NOUNS
                                                                for o in v.children) for v in verbs):
            return True
    return False


def _person_role(token_at, m: Mention) -> bool:
    """Whether a mention is used as a person: after a title or honorific ("Commissioner Ade"), or saying something."""
    if m.start > 0 and token_at[m.start - 1].lower_.strip(".") in TITLE_WORDS:
        return True
    tok = token_at[m.end - 1]
    return tok.dep_ == "nsubj" and tok.head.lemma_ in SPEECH_VERBS


_PERSON_TITLES = {"ceo", "founder", "co-founder", "cofounder", "minister", "president", "chairman",
                   "chairperson", "executive", "governor", "registrar", "administrator", "ombudsman",
                   "chairwoman", "chair", "director", "commissioner", "spokesperson", "spokesman",
                   "spokeswoman", "secretary", "senator", "judge", "justice", "mr", "mrs", "ms", "dr",
                   "superintendent", "intendente", "intendenta", "comptroller", "mayor", "magistrate", "prosecutor",
                   "inspector", "auditor", "chancellor", "analyst", "lawyer", "economist", "professor", "researcher"}


def _has_person_title(doc: Doc, start: int, end: int) -> bool:
    """A person's role right before the span ("CEO <name>") or in apposition after it
    ("<name>, chief executive of ...")."""
    token_at = doc_tokens(doc)[0]
    if start > 0 and token_at[start - 1].lower_.strip(".") in _PERSON_TITLES | {"general"}:
        return True  # (also "Director-General <name>", "Attorney General <name>")
    if start > 1 and token_at[start - 1].text == "," and token_at[start - 2].lower_.strip(".") in \
            _PERSON_TITLES | {"officer", "general", "head", "chief", "chair"}:
        return True  # "Its Chief Executive Officer, <name>, says ..."
    k = end
    if k < len(doc) and token_at[k].text == ",":
        words = [t.lower_ for t in doc[k + 1:k + 5] if t.is_alpha]
        if words[:1] in (["the"], ["its"], ["a"]):
            words = words[1:]
        if words[:1] and words[0] in _PERSON_TITLES | {"chief", "head", "deputy", "co"}:
            return True
    return False


_RENAMED = re.compile(r"^,? ?\(?(?:formerly|previously|once|originally|the former)(?: known as| called| named)?$|"
                      r"^,? ?\(?(?:now|since renamed|renamed|rebranded as|now known as|now called)(?: known as| called)?$")


def _equate_renamed(doc: Doc, mentions: list[Mention]) -> None:
    """"X, formerly known as Twitter" / "Twitter (now X)": one platform under its current name."""
    plats = sorted((m for m in mentions if m.cls == "Platform"), key=lambda m: m.start)
    renames: dict[str, Mention] = {}
    for a, b in zip(plats, plats[1:]):
        between = " ".join(t.lower_ for t in doc[a.end:b.start])
        if not _RENAMED.match(between) or a.key == b.key:
            continue
        current, old = (a, b) if re.search(r"former|previously|once|originally", between) else (b, a)
        renames[old.key] = current
    for m in plats:
        target = renames.get(m.key)
        if target is not None:
            m.aliases = tuple(set(m.aliases) | {m.label})
            m.key, m.label = target.key, target.label


#: Words that join the words of an organisation's name without starting one of its initials.
_NAME_JOINERS = {"of", "and", "for", "the", "&", "on", "de", "del", "la", "el", "los", "las", "para", "y", "e", "et",
                 "des", "du", "der", "für", "van", "ng", "na", "do", "da", "dos", "das", "di", "delle", "della", "-"}


def _initials_match(words: list[str], acronym: str) -> bool:
    """Whether ``acronym`` is spelled by the words' beginnings, in order, each word giving one
    or more of its first letters ("Philippine Amusement and Gaming Corporation" → PAGCOR)."""
    acr = acronym.lower()

    def fits(i: int, k: int) -> bool:
        if i == len(words):
            return k == len(acr)
        w = words[i].lower()
        return any(w[:n] == acr[k:k + n] and fits(i + 1, k + n) for n in range(min(len(w), len(acr) - k), 0, -1))
    return bool(words) and len(words) <= len(acronym) and fits(0, 0)


def _choose_by_acronym(doc: Doc, m: Mention, acr: str, gz) -> None:
    """"The Personal Information Protection Commission (PPC)": a name several countries' bodies
    share is the one whose listed acronym the text gives with it (PPC is Japan's, PIPC Korea's)."""
    if m.cls != "Regulator" or m.rule != "gazetteer":
        return
    listed = gz.regulators.get(acr)
    choices = gz.regulator_choices.get(doc[m.start:m.end].text, ())
    if listed is not None and listed in choices and listed[1] != m.country:
        name, country = listed
        m.aliases = tuple(set(m.aliases) | {m.label} - {name})
        m.key, m.name, m.country, m.label = _regulator_key(country, name), name, country, name


def _bodies_in_titles(doc: Doc, mentions: list[Mention]) -> None:
    """"Data Protection Commissioner Grace Mwangi" after "the Office of the Data Protection
    Commissioner": the name the model found inside a title is the body that title is named in."""
    token_at = doc_tokens(doc)[0]
    bodies = [m for m in mentions if m.cls == "Regulator" and m.end - m.start >= 3]
    for m in mentions:
        if m.cls != "Organization" or m.end >= len(doc) or token_at[m.end].lower_ not in TITLE_WORDS:
            continue
        phrase = f"{doc[m.start:m.end].text} {token_at[m.end].text}".lower()
        body = next((b for b in bodies if b.end <= m.start and (phrase in b.label.lower()
                                                                or phrase in doc[b.start:b.end].text.lower())), None)
        if body is not None:
            m.cls, m.key, m.label, m.country, m.rule = body.cls, body.key, body.label, body.country, "coreference"


#: Capitals that are words of their own, not a body's initials.
_NOT_INITIALS = {"CEO", "CFO", "CTO", "COO", "VAT", "GDP", "SMS", "VPN", "AI", "ID", "IT", "TV", "PR", "OK", "NGO", "SIM"}


def _undefined_acronyms(doc: Doc, mentions: list[Mention], taken: set[int]) -> None:
    """"The CA restricted Telegram" after "the Communications Authority of Kenya": an acronym the
    text never spells out is the regulator named before it whose initials spell it (leaving out
    the country that ends its name), when exactly one does."""
    # (named in full in the text: a listed acronym found on its own spells out nothing)
    regulators = [m for m in mentions if m.cls == "Regulator" and m.rule != "acronym" and m.end - m.start >= 2]
    if not regulators:
        return
    # each body's capitalised words, as labelled and as written, with and without "of <country>"
    spelt = []
    for m in regulators:
        names = {m.label, doc[m.start:m.end].text}
        for label in names | {re.sub(r" of(?: the)? [A-Z][\w ]*$", "", n) for n in names}:
            words = [w for w in label.split() if w[:1].isupper() and w.isalpha() and w.lower() not in _NAME_JOINERS]
            if len(words) >= 2:
                spelt.append((m, words))
    covered = taken | {i for m in mentions for i in range(m.start, m.end)}
    for tok in doc_tokens(doc)[0]:
        acr = tok.text
        if tok.i in covered or not (acr.isupper() and acr.isalpha() and 2 <= len(acr) <= 6) or acr in _NOT_INITIALS:
            continue
        found = {m.key: m for m, words in spelt if m.end <= tok.i and _initials_match(words, acr)}
        if len(found) == 1:
            (m,) = found.values()
            mentions.append(Mention(tok.i, tok.i + 1, m.cls, m.key, m.label, _conf("acronym"), "acronym",
                                    country=m.country, aliases=(acr,)))


def _spans_of_acronyms(doc: Doc, mentions: list[Mention], gz) -> list[Mention]:
    """Repair names the model cut ("Cybercrime Investigation" + "Coordinating Center") using the
    acronym that follows them: "Cybercrime Investigation and Coordinating Center (CICC)"."""
    token_at, _, sent_of = doc_tokens(doc)
    out = list(mentions)
    for tok in doc_tokens(doc)[0]:
        if tok.text != "(" or tok.i + 2 >= len(doc) or token_at[tok.i + 2].text != ")":
            continue
        acr = token_at[tok.i + 1].text
        if not (acr.isupper() and acr.isalpha() and 2 <= len(acr) <= 8):
            continue
        # the capitalised words (and joiners) right before the parenthesis, nearest first
        best = None
        k = tok.i - 1
        while k >= 0 and tok.i - k <= 14 and sent_of[k] == sent_of[tok.i] and (
                token_at[k].text[:1].isupper() and token_at[k].is_alpha or token_at[k].lower_ in _NAME_JOINERS or token_at[k].text == ","):
            words = [t.text for t in doc[k:tok.i] if t.text[:1].isupper() and t.is_alpha]
            if token_at[k].text[:1].isupper() and _initials_match(words, acr):
                best = k
            k -= 1
        if best is None or len(doc[best:tok.i]) < 2 or token_at[tok.i - 1].lower_ in _LAW_HEADS:
            continue  # (a law's acronym names no actor: "General Data Protection Regulation (GDPR)")
        inside = [m for m in out if best <= m.start and m.end <= tok.i]
        if any(m.start <= best and tok.i <= m.end for m in out if m not in inside) or \
                any(m.start == best and m.end == tok.i for m in inside):
            continue  # already one mention
        if any(m.start < best < m.end or m.start < tok.i < m.end for m in out):
            continue  # a longer name runs across the boundary
        text = doc[best:tok.i].text
        cls = next((m.cls for m in inside if m.cls in {"Regulator", "Platform"}), None)
        if cls is None:
            cls = "Regulator" if token_at[tok.i - 1].lower_ in REGULATOR_HEADS else "Organization"
        country = next((m.country for m in inside if m.country), None)
        key = _regulator_key(country, text) if cls == "Regulator" else text
        out = [m for m in out if m not in inside]
        out.append(Mention(best, tok.i, cls, key, text, _conf("repair"), "repair", country=country, name=text))
    return sorted(out, key=lambda m: m.start)


#: Nouns that say what kind of platform a name is ("Botim, the calling app", "local platforms, A and B").
KIND_OF_PLATFORM = {"platform", "platforms", "app", "apps", "application", "messenger", "network", "site", "website",
                    "marketplace", "marketplaces", "service", "services", "exchange", "exchanges", "wallet",
                    "wallets", "e-wallet", "e-wallets", "retailer", "retailers", "store", "stores", "startup",
                    "engine", "provider", "providers", "network", "networks", "streamer", "operator", "casino",
                    "sportsbook", "bookmaker", "lender", "broker", "processor"}
#: Who a platform serves ("X, which serves customers in 20 countries").
USER_NOUNS = {"user", "customer", "subscriber", "rider", "driver", "merchant", "seller", "member", "follower",
              "shopper", "listener", "viewer", "player", "trader"}
#: Verbs only an authority does to a company.
AUTHORITY_VERBS = {"fine", "penalize", "penalise", "ban", "license", "licence", "summon", "raid", "arrest", "sanction",
                   "prohibit", "regulate", "supervise", "authorize", "authorise", "suspend"}


def _type_by_role(doc: Doc, mentions: list[Mention]) -> None:
    """Organisations typed by what the text says they are or do: one described as an app
    or exchange is a platform; one that fines or licenses companies is a regulator."""
    by_token = {i: m for m in mentions for i in range(m.start, m.end)}
    retype: dict[str, str] = {}
    for m in mentions:
        if m.cls not in {"Organization", "Person"} or m.rule not in {"ner", "repair", "acronym"}:
            continue
        root = doc[m.start:m.end].root
        described = [c for c in root.children if c.dep_ == "appos"] + ([root.head] if root.dep_ == "appos" else [])
        first = root
        while first.dep_ == "conj" and first.head.i != first.i:
            first = first.head
        if first is not root:  # "GCash and Maya, the two largest e-wallets": the list shares its description
            described += [c for c in first.children if c.dep_ == "appos"] + ([first.head] if first.dep_ == "appos" else [])
        if any(d.lower_ in KIND_OF_PLATFORM and by_token.get(d.i) is None for d in described):
            retype[m.key] = "Platform"
            continue
        clause = [*([root.head] if root.dep_ == "nsubj" else []), *(c for c in root.children if c.dep_ == "relcl")]
        if any(lemma_in(v, {"serve", "have", "attract", "reach", "onboard", "count"}) and any(
                lemma_in(o, USER_NOUNS) for c in [v, *(x for x in v.children if x.dep_ == "conj")]
                for o in c.children if o.dep_ == "dobj") for v in clause):
            retype[m.key] = "Platform"  # "Yellow Card, which serves customers in Kenya"
            continue
        if any(lemma_in(v, {"run", "operate", "own", "build"}) and any(
                o.dep_ == "dobj" and o.lower_ in {"network", "networks"} for o in v.children) for v in clause):
            retype[m.key] = "Platform"  # "OGERO runs the fixed network": an operator
            continue
        if any(c.dep_ == "acl" and c.tag_ == "VBN" and lemma_in(c, {"use", "download", "access"})
               and any(a.dep_ == "agent" for a in c.children) for c in root.children):
            retype[m.key] = "Platform"  # "Vipps MobilePay, used by 4.4 million people"
            continue
        words = m.label.split()
        if len(words) > 1 and words[-1] in _PAYMENT_WORDS:
            retype[m.key] = "Platform"  # "Telecel Cash", "Airtel Money": a payments service
            continue
        if m.cls == "Organization" and m.rule == "ner" and 2 <= len(words) <= 4 and all(w[:1].isupper() for w in words) \
                and not any(w.lower() in REGULATOR_HEADS or w in ORGANISATION_HEADS for w in words) and (any(
                    c.dep_ == "relcl" and any(s.dep_ == "nsubj" and s.lower_ == "who" for s in c.children)
                    for c in root.children) or root.dep_ == "pobj" and root.head.dep_ == "agent"
                    and lemma_in(root.head.head, {"chair", "head"}) or _listed_with_people(by_token, root)):
            # "Lim Boon Huat, who heads IMDA, said", "the authority, chaired by Annelies De Smet": said of
            # people (not "led by": "an investor group led by X Asset Management")
            retype[m.key] = "Person"
            continue
        if " " not in m.label.strip() and _owned_by_another(root):
            retype[m.key] = "Platform"  # "Bol, which is owned by supermarket group X": no person is owned
            continue
        if m.cls == "Person":
            if " " not in m.label.strip() and root.dep_ == "poss" and root.head.dep_ == "appos" \
                    and root.head.lower_ in KIND_OF_PLATFORM | {"arm", "unit", "subsidiary", "division"}:
                retype[m.key] = "Organization"  # "KivoPay, Zentra's payments app": a company owns it
            continue
        verb = root.head.head if root.dep_ == "pobj" and root.head.lower_ == "by" else (
            root.head if root.dep_ == "nsubj" else None)
        if verb is not None and verb.pos_ == "VERB" and lemma_in(verb, AUTHORITY_VERBS) and any(
                (o := by_token.get(t.i)) is not None and o.cls == "Platform"
                for c in verb.children if c.dep_ in {"dobj", "dative", "nsubjpass"} for t in c.subtree):
            retype[m.key] = "Regulator"
    for m in mentions:
        # "Netsafe, the online safety charity": a listed body the text calls a charity is no authority
        root = doc[m.start:m.end].root
        if m.cls == "Regulator" and any(c.dep_ == "appos" and (c.lower_ in _NON_STATE_NOUNS or c.lower_ in {
                "group", "body", "organisation", "organization"} and any(
                    d.lower_ in _NON_STATE_KINDS for d in c.children if d.dep_ in {"compound", "amod"}))
                for c in root.children):
            retype[m.key] = "Organization"  # (also "a trade group", "an industry body")
        # "the Taiwan Institute of Economic Research": a research institute, named with its country
        if m.cls == "Regulator" and m.rule == "regulator-phrase" and _RESEARCH_WORDS & set(normalize(m.label).split()):
            if m.start >= 2 and doc[m.start - 2].lower_ == "the" and doc[m.start - 1].ent_type_ == "GPE" \
                    and m.start - 1 not in by_token:
                m.start -= 1
            m.label = m.key = doc[m.start:m.end].text
            m.cls, m.country, m.name = "Organization", None, None
    for m in mentions:
        if m.key in retype and (m.cls in {"Organization", "Person"} or retype[m.key] == "Organization"):
            m.cls = retype[m.key]
            if m.cls == "Regulator":
                m.name = m.name or m.label
    # One name, one class: what one mention shows ("Botim, the calling app") holds for its other
    # mentions ("Botim said ..."), so that the article's entity is one node.
    shown = {m.key: m.cls for m in mentions if m.cls in {"Platform", "Regulator"}
             and m.rule in {"ner", "ner-context", "repair", "acronym"}}
    for m in mentions:
        if m.key in shown and (m.cls == "Organization" or m.cls == "Person" and " " not in m.key
                               and shown[m.key] == "Platform"):
            m.cls = shown[m.key]
            if m.cls == "Regulator":
                m.name = m.name or m.label


def _first_word_references(doc: Doc, mentions: list[Mention]) -> None:
    """"the Office said": a capitalised word after "the" that begins the name of exactly one body
    named in the document ("Office of Utilities Regulation") is a reference to a body of that kind."""
    token_at = doc_tokens(doc)[0]
    regulators = [m for m in mentions if m.cls == "Regulator" and m.key]
    for m in mentions:
        if m.cls != "Organization" or m.end - m.start != 1 or m.start == 0 or token_at[m.start - 1].lower_ != "the":
            continue
        word = token_at[m.start].text
        bodies = {r.key: r for r in regulators if r.end - r.start > 1 and token_at[r.start].text == word
                  or any(a.startswith(word + " ") for a in (r.label, *r.aliases))}
        if len(bodies) == 1:  # resolved, as "the Commission" is, to the last body of that kind named before
            m.cls, m.key, m.label, m.rule, m.name = "Regulator", "", word, "coreference", word.lower()


def _appositive_names(mentions: list[Mention], doc: Doc) -> None:
    """"Datatilsynet, the Norwegian Data Protection Authority, ...": two names of a body in apposition
    are one body (under the first name, with the country either gives)."""
    by_token = {i: m for m in mentions for i in range(m.start, m.end)}
    for m in mentions:
        if m.cls != "Regulator":
            continue
        for c in doc[m.start:m.end].root.children:
            n = by_token.get(c.i)
            if c.dep_ == "appos" and n is not None and n.cls == "Regulator" and n.key != m.key and n.key \
                    and _set_off(doc, m, n):
                if m.rule == "regulator-phrase" and n.rule == "gazetteer":
                    # "The UK's communications regulator, Ofcom, ...": the description is the name's
                    n.country = n.country or m.country
                    _fold_into(mentions, m.key, n)
                    for x in mentions:
                        if x.key == n.key and x.rule == "regulator-phrase":
                            x.rule = "coreference"  # (no longer a description to resolve on its own)
                    continue
                m.country = m.country or n.country
                _fold_into(mentions, n.key, m)
        # "X (ACR), Ecuador's competition authority, fined ...": a description set off by commas after
        # the name (and its acronym), however the parser hangs it; a lower-case head tells a
        # description from the next name of a list ("the FTC, the SEC and ...").
        at = m.end + 3 if m.end + 3 < len(doc) and doc[m.end].text == "(" and doc[m.end + 2].text == ")" else m.end
        if at + 1 < len(doc) and doc[at].text == ",":
            n = by_token.get(at + 2 if doc[at + 1].lower_ == "the" else at + 1)
            if n is not None and n.cls == "Regulator" and n.key and n.key != m.key and n.end < len(doc) \
                    and doc[n.end - 1].is_lower and doc[n.end].text in {",", ")"} and m.country in (None, n.country) \
                    and not (n.end + 1 < len(doc) and doc[n.end + 1].lower_ in {"and", "or"}):
                m.country = m.country or n.country
                _fold_into(mentions, n.key, m)
        # "Ministry of Finance (Ministerio de Hacienda)": a name in parentheses, however the parser hangs it
        n = by_token.get(m.end + 1) if m.end + 1 < len(doc) and doc[m.end].text == "(" else None
        # (also before the acronym: "National Consumer Service (Servicio Nacional del Consumidor, SERNAC)",
        # whatever the model took the local name for)
        closed = n is not None and n.end < len(doc) and (doc[n.end].text == ")" or n.end + 2 < len(doc) and (
            doc[n.end].text == "," and doc[n.end + 1].text.isupper() and doc[n.end + 2].text == ")"))
        if closed and n.start == m.end + 1 and n.key and n.key != m.key and n.end - n.start > 1 and (
                n.cls == "Regulator" or n.rule in {"ner", "ner-context"} and n.cls in {"Platform", "Organization"}):
            m.country = m.country or n.country
            for x in mentions:
                if x.key == n.key:
                    x.cls = "Regulator"
            _fold_into(mentions, n.key, m)


def _set_off(doc: Doc, a: Mention, b: Mention) -> bool:
    """Whether mention ``b`` is set off as an apposition of ``a`` on the same line: a comma, a
    parenthesis or a dash between them ("with the DVLA\n• The NCA says" is two list items)."""
    lo, hi = (a.end, b.start) if a.start < b.start else (b.end, a.start)
    between = doc[lo:hi].text if hi > lo else ""
    return "\n" not in between and any(p in between for p in (",", "(", "\u2013", "\u2014", " - "))


def _fold_into(mentions: list[Mention], key: str, target: Mention) -> None:
    """Make every mention of ``key`` a mention of ``target`` (its old label kept as an alias)."""
    for x in mentions:
        if x.key == key:
            x.aliases = tuple(set(x.aliases) | {x.label})
            x.key, x.label, x.country = target.key, target.label, target.country or x.country


def _blends(short: str, words: list[str]) -> bool:
    """Whether ``short`` is made of the beginnings of ``words`` in order, at least two of them
    ("camtel" of "Cameroon Telecommunications"; not "bolt" of "Bolt Food")."""
    def rest(i: int, w: int, used: int) -> bool:
        if i == len(short):
            return used >= 2
        for k in range(w, len(words)):
            n = 0
            while i + n < len(short) and n < len(words[k]) and short[i + n] == words[k][n]:
                n += 1
            if any(rest(i + m, k + 1, used + 1) for m in range(n, 0, -1)):
                return True
        return False
    return len(short) >= 4 and len(words) >= 2 and rest(0, 0, 0)


def _short_names(mentions: list[Mention], doc: Doc, gz) -> None:
    """"Epic" after "Epic Games", "Yellow" never: a model-found one-word name that is the first word of
    exactly one longer platform or organisation name in the article is that entity; so is a company's
    name without the country that ends it ("EcoCash Holdings" after "EcoCash Holdings Zimbabwe") and a
    product's name without its maker's ("MoMo" after "MTN MoMo")."""
    longer: dict[str, set[tuple[str, str, str]]] = {}
    for m in mentions:
        words = m.label.split()
        if m.cls in {"Platform", "Organization"} and len(words) > 1:
            longer.setdefault(words[0], set()).add((m.cls, m.key, m.label))
    # "EcoCash Holdings" after "EcoCash Holdings Zimbabwe": a company's name without its country
    # (a platform's is another company: "Digicel" is not "Digicel Jamaica")
    with_country = {m.label.rsplit(" ", 1)[0]: m for m in mentions if m.cls == "Organization" and " " in m.label
                    and m.label.rsplit(" ", 1)[1] in gz.countries}
    for m in mentions:
        full = with_country.get(m.label) if m.cls == "Organization" else None
        if full is not None:
            m.aliases = tuple(set(m.aliases) | {m.label})
            m.key, m.label = full.key, full.label
    # "MoMo" after "MTN MoMo": a product's name without its maker's
    by_product: dict[str, set[tuple[str, str]]] = {}
    for m in mentions:
        words = m.label.split()
        if m.cls == "Platform" and len(words) == 2 and words[0] in gz.platforms:
            by_product.setdefault(words[1], set()).add((m.key, m.label))
    for m in mentions:
        if m.cls == "Platform" and " " not in m.label and len(by_product.get(m.label, ())) == 1:
            key, label = next(iter(by_product[m.label]))
            m.aliases = tuple(set(m.aliases) | {m.label})
            m.key, m.label = key, label
    for m in mentions:
        if m.rule in {"ner", "ner-context"} and m.cls in {"Platform", "Organization", "Person"} \
                and " " not in m.key and len(longer.get(m.key, ())) == 1:
            cls, key, label = next(iter(longer[m.key]))
            if all(w in _PRODUCT_WORDS for w in label.split()[1:]):
                continue  # "Bol" is not "Bol Ads", the company's advertising service, but its maker
            m.aliases = tuple(set(m.aliases) | {m.label})
            m.cls, m.key, m.label = cls, key, label


def _platforms_by_company(doc: Doc, mentions: list[Mention]) -> None:
    """An organisation listed together with platforms ("blocked Steam, Epic Games and PayPal")
    is a platform too."""
    by_token = {i: m for m in mentions for i in range(m.start, m.end)}
    for m in mentions:
        # an organisation, or a one-word "person" (a brand that is also a given name: "GCash and Maya")
        if not (m.cls == "Organization" or m.cls == "Person" and " " not in m.key) or m.rule not in {"ner", "repair"}:
            continue
        root = doc[m.start:m.end].root
        neighbours = [root.head] if root.dep_ == "conj" else []
        neighbours += [c for c in root.children if c.dep_ == "conj"]
        if root.dep_ == "conj":
            neighbours += [c for c in root.head.children if c.dep_ == "conj" and c.i != root.i]
        if any((n := by_token.get(x.i)) is not None and n.cls == "Platform" for x in neighbours):
            m.cls = "Platform"


#: Anaphors for a regulating body, and the heads of bodies they never stand for.
_WATCHDOG_WORDS = {"regulator", "watchdog", "authority", "authorities", "agency", "body"}
_NOT_WATCHDOGS = {"court", "tribunal", "judiciary", "parliament", "senate", "congress", "police", "assembly",
                  "legislature", "prosecutor", "prosecutors"}


def _resolve_definite_regulators(mentions: list[Mention], gz, focus: str | None) -> list[Mention]:
    """"The ministry" / "the regulator" is the last regulator named before it with a
    compatible head; "the government" in a national story is its country's; with
    neither, the mention is dropped."""
    out: list[Mention] = []
    for m in sorted(mentions, key=lambda x: x.start):
        if m.rule != "coreference" or m.cls != "Regulator":
            out.append(m)
            continue
        head = m.name or ""
        if head == "government":
            if focus:
                m.country, m.name = focus, "government"
                m.key, m.label = _regulator_key(focus, "government"), _regulator_label("government", focus, gz, True)
                m.aliases = ("the government",)
                out.append(m)
            continue
        fitting = []
        for translated in (False, True):
            # (a name in another language only when none in English fits: "the secretariat" after
            # "Secretaría de Defensa del Consumidor")
            for prev in [] if fitting else reversed(out):
                if prev.cls != "Regulator" or prev.rule == "coreference":
                    continue
                words = normalize(prev.name or prev.label).split()
                if translated:
                    words = [_HEADS_IN_ENGLISH.get(w, w) for w in words]
                if head in _WATCHDOG_WORDS and set(words) & _NOT_WATCHDOGS:
                    continue  # "the regulator" is not the court or the parliament named last
                if head in _WATCHDOG_WORDS or head in words or \
                        (head == "ministry" and "ministry" in normalize(prev.label)):
                    fitting.append((prev, words))
        if fitting:
            # "the central bank", "the competition authority": the last named body its describing
            # words fit ("telecoms" fits "Telecommunications"), else the last named one
            described = [w[:5] for w in normalize(m.label).split()[:-1] if len(w) > 2]

            def fit(candidate) -> tuple[bool, bool]:
                words = candidate[1]
                return (bool(described) and all(any(x.startswith(d) for x in words) for d in described),
                        head in words)

            prev = max(fitting, key=fit)[0]  # (the most recent of the best fitting: max keeps the first)
            m.key, m.label, m.country, m.aliases = prev.key, prev.label, prev.country, (m.label,)
            out.append(m)
    return out


def _split_conjoined(doc: Doc, start: int, end: int):
    """Split an NER span the model joined over "and" or commas ("Meta and Apple")."""
    token_at = doc_tokens(doc)[0]
    parts, s = [], start
    for i in range(start, end):
        if token_at[i].lower_ in {"and", "&", ","} and token_at[i].lower_ != "&":
            if i > s:
                parts.append((s, i))
            s = i + 1
    if s < end:
        parts.append((s, end))
    return parts if len(parts) > 1 and all(token_at[a].text[0].isupper() for a, _ in parts) else [(start, end)]


_PRIORITY = {"gazetteer": 3, "regulator-phrase": 2, "repair": 1, "ner-context": 1, "ner": 0}


#: Nouns whose "of" names a company that owns or is owned: "a subsidiary of X", "the parent of X".
_OWNERSHIP_NOUNS = {"subsidiary", "unit", "division", "arm", "part", "affiliate", "owner", "parent"}


def _in_ownership_phrase(prep) -> bool:
    """Whether the preposition ``prep`` puts its object in an ownership phrase: "owned /
    controlled / acquired by X", "a subsidiary of X"."""
    return (prep.lower_ == "by" and lemma_in(prep.head, {"own", "control", "acquire", "buy"}) is not None
            or prep.lower_ == "of" and prep.head.lower_ in _OWNERSHIP_NOUNS)


def _resolve_overlaps(candidates: list[Mention]) -> list[Mention]:
    """Keep non-overlapping mentions: longer first, then stronger source."""
    ranked = sorted(candidates, key=lambda m: (-(m.end - m.start), -_PRIORITY.get(m.rule, 0), m.start))
    kept: list[Mention] = []
    used: set[int] = set()
    for m in ranked:
        if m.rule == "ner" and m.cls == "Organization" and any(
                o.rule == "gazetteer" and o.cls in {"Platform", "Regulator"} and o.start < m.end and m.start < o.end
                for o in candidates):
            continue  # an ORG span around a platform or regulator name is a mis-joined or over-long span
        if any(i in used for i in range(m.start, m.end)):
            continue
        kept.append(m)
        used.update(range(m.start, m.end))
    return kept


def _names_another(doc: Doc, i: int, gz) -> bool:
    """Whether the words from token ``i`` (after "and" / a comma) name a platform or a country:
    "the Competition Commission of South Africa and Google" ends before "and"."""
    token_at = doc_tokens(doc)[0]
    if token_at[i].lower_ == "and":
        i += 1
    return i < len(doc) and (token_at[i].text in gz.platforms or doc[i:i + 2].text in gz.platforms
                             or token_at[i].text in gz.countries or doc[i:i + 2].text in gz.countries)


def _country_at(doc: Doc, start: int, longest: int, gz) -> tuple[str | None, int]:
    """The country named by the longest run of at most ``longest`` tokens from ``start``
    ("Costa Rica", "Saudi Arabia", "Kenya"), and how many tokens name it; (None, 0) if none."""
    for n in range(min(longest, len(doc) - start), 0, -1):
        named = gz.country_of(doc[start:start + n].text)
        if named:
            return named, n
    return None, 0


#: Words that name a state in "the Republic of X", "the Kingdom of X".
_STATE_WORDS = {"republic", "kingdom", "federation", "principality", "sultanate", "commonwealth", "state", "emirate"}


def _regulator_name(doc: Doc, start: int, end: int, country: str | None, gz) -> str:
    """The regulator's name without determiner and jurisdiction words."""
    toks = [t for t in doc[start:end]]
    while toks:
        if toks[0].lower_ in {"the", "a", "an"} or toks[0].text in {"'s", "\u2019s", "'", "\u2019"}:
            toks = toks[1:]
            continue
        # a country's name, of one word or more ("Costa Rica's")
        n = _country_at(doc, toks[0].i, min(4, len(toks)), gz)[1]
        if not n:
            break
        toks = toks[n:]
    text = doc[toks[0].i:toks[-1].i + 1].text if toks else ""
    # "Government of Kazakhstan" → "Government"
    if country:
        text = re.sub(rf"\s+(of|in)\s+(the\s+)?({re.escape(country)}|{'|'.join(re.escape(a) for a in _aliases(gz, country))})$",
                      "", text)
    return text.strip()


def _aliases(gz, country: str) -> list[str]:
    return [k for k, v in gz.countries.items() if v == country] or [country]


def _is_generic_name(name: str) -> bool:
    words = normalize(name).split()
    return not _OF_WORDS.intersection(words) and len(words) <= 4


def _regulator_label(name: str, country: str | None, gz, generic: bool) -> str:
    if country and normalize(name) in {"government", "governments"}:
        return f"Government of {country}"
    if country and generic:
        adj = gz.country_adjective.get(country, country)
        return f"{adj} {name}"
    return name


def _regulator_key(country: str | None, name: str) -> str:
    n = normalize(name)
    return f"{normalize(country)} {n}" if country and normalize(country) not in n else n


#: Heads of vague references to some authority of a country ("French authorities").
VAGUE_HEADS = {"authorities", "regulators", "regulator", "officials", "watchdog", "prosecutors",
               "authority", "police"}


#: The governing organs of any body, a company's as much as a regulator's ("its Board of Directors approved").
_GOVERNING_BODIES = {"board of directors", "board of trustees", "executive board", "supervisory board",
                     "management board", "board of management"}

#: Words a body's name can be made of and still name a kind of body rather than one body.
_DESCRIPTIVE_WORDS = REGULATOR_HEADS | {
    "data", "protection", "competition", "consumer", "consumers", "communications", "telecommunications",
    "media", "national", "financial", "services", "markets", "market", "conduct", "information", "office",
    "regulatory", "fair", "trade", "privacy", "personal", "digital", "affairs", "transport", "tax", "revenue",
    "securities", "exchange", "broadcasting", "online", "safety", "cyber", "security", "central", "energy",
    "postal", "electronic", "road", "gaming", "gambling", "advertising", "standards", "communication", "technology",
    "technologies", "telecom", "telecoms", "utilities", "public", "payments", "banking", "insurance", "audiovisual",
    "and", "for", "of", "the"}


def _localise_regulators(doc: Doc, mentions: list[Mention], gz, focus: str | None) -> None:
    """A listed body's name that is the article's own country's too is that country's body.

    "The Data Protection Commission (DPC)" in a story about Ghana is Ghana's, not Ireland's:
    when the article never names the listed body's country, a form several countries' bodies
    share resolves to the focus country's, a plain generic name ("Data Protection
    Commission", not an acronym) is taken for the focus country's body of that name, and a
    bare listed acronym of that other country (not spelt out in the article) names nothing.
    """
    if not focus:
        return
    named = {m.key for m in mentions if m.cls == "Country"}
    named |= {m.country for m in mentions if m.cls == "Regulator" and m.rule not in {"gazetteer", "acronym"}}
    named |= {gz.adjectives[t.text] for t in doc_tokens(doc)[0] if t.text in gz.adjectives}
    moved: dict[str, tuple[str, str, str]] = {}  # old key -> (name, country, label)
    dropped: set[str] = set()
    for m in mentions:
        if m.cls != "Regulator" or m.rule != "gazetteer" or not m.country or m.country in named | {focus} \
                or m.key in moved:
            continue
        form = doc[m.start:m.end].text
        local = next((c for c in gz.regulator_choices.get(form, ()) if c[1] == focus), None)
        if local is not None:
            moved[m.key] = (*local, local[0])
        elif set(normalize(form).split()) <= _DESCRIPTIVE_WORDS:
            moved[m.key] = (form, focus, _regulator_label(form, focus, gz, generic=True))
        elif form.isupper() and not any(n.key == m.key and n.rule != "gazetteer" for n in mentions):
            dropped.add(m.key)  # "known by its Greek initials as AMA": another country's acronym, never explained
    if dropped:
        mentions[:] = [m for m in mentions if not (m.cls == "Regulator" and m.key in dropped)]
    for m in mentions:
        if m.key in moved and m.cls == "Regulator":
            name, country, label = moved[m.key]
            m.aliases = tuple(set(m.aliases) | {m.label} - {label})
            m.key, m.name, m.country, m.label = _regulator_key(country, name), name, country, label


def _merge_regulators(mentions: list[Mention], gz, focus: str | None) -> None:
    """Resolve regulator mentions that name the same body differently.

    * an unqualified name ("the Supreme Court") is the same-named body whose country
      the article gives, else — if the name is generic — the focus country's;
    * a vague reference ("regulators in X", "the Irish data watchdog") is the named
      body of that country mentioned most; vague references of one country are one.
    """
    regs = [m for m in mentions if m.cls == "Regulator"]
    named = Counter(m.key for m in regs if m.country and m.name and normalize(m.name).split()[-1:] != ["government"])
    for m in regs:
        if m.country is None and m.name and m.rule in {"regulator-phrase", "repair"}:
            same = {n.key: n for n in regs if n.country and n.name and normalize(n.name) == normalize(m.name)}
            old_key = m.key
            if len(same) == 1:
                target = next(iter(same.values()))
                m.aliases = tuple(set(m.aliases) | {m.label})
                m.key, m.label, m.country = target.key, target.label, target.country
            elif focus and _is_generic_name(m.name):
                m.aliases = tuple(set(m.aliases) | {m.label})
                m.country = focus
                m.key = _regulator_key(focus, m.name)
                m.label = _regulator_label(m.name, focus, gz, generic=True)
                m.confidence = min(m.confidence, 0.6)
            if m.key != old_key:
                # its acronym's mentions ("... Tránsito (ANT)") follow it
                for n in regs:
                    if n.key == old_key and n.rule == "acronym":
                        n.key, n.label, n.country = m.key, m.label, m.country
    vague_target: dict[str, Mention] = {}
    proper = [n for n in regs if n.country and n.key in named and not (n.name and n.name == n.name.lower())
              and normalize(n.name or n.label).split()[-1:] != ["government"]]
    # (a body the article names without its country is the story's own: "The National Council of
    # Television and Radio Broadcasting" in a story about Ukraine)
    homeless = [n for n in regs if n.country is None and n.name and n.name != n.name.lower()
                and n.rule in {"regulator-phrase", "gazetteer"} and normalize(n.name).split()[-1:] != ["government"]]
    for m in regs:
        words = normalize(m.name or m.label).split()
        if not m.country or not words or m.rule != "regulator-phrase" or not (m.name and m.name == m.name.lower()):
            continue
        same_country = [n for n in proper if n.country == m.country and n.key != m.key]
        kinds = {*words, *(w for x in words for w in _KIND_SYNONYMS.get(x, ()))}
        if len(words) == 1 and words[0] in VAGUE_HEADS:
            # "French authorities", "regulators in X": the country's named body, else one node per country
            candidates = same_country
        else:
            # "the Irish data watchdog", "the communications ministry": a named body sharing a word
            def shares(n: Mention) -> bool:
                forms = {w for f in (n.name or n.label, *n.aliases) for w in normalize(f).split()} - {"of", "and", "the"}
                return bool(forms & kinds)
            candidates = [n for n in same_country if shares(n)]
            if not candidates and m.country == focus and words[-1] in VAGUE_HEADS:
                candidates = [n for n in homeless if n.key != m.key and shares(n)]
            if not candidates and words[-1] in VAGUE_HEADS:
                # "South Korea's antitrust regulator": the country's (most named) regulating body
                candidates = [n for n in same_country if not set(normalize(n.name or n.label).split()) & _NOT_WATCHDOGS]
        if candidates:
            target = max(candidates, key=lambda n: (named[n.key], -n.start))
        elif len(words) == 1 and words[0] in VAGUE_HEADS:
            target = vague_target.setdefault(m.country, m)
        else:
            continue
        if target is not m:
            m.aliases = tuple(set(m.aliases) | {m.label})
            m.key, m.label = target.key, target.label
            if target.country is None:
                m.name = target.name  # (a later pass reads a body's words off whichever mention it meets)
    _merge_contained_names(regs)


#: Words a description of a body uses for what its name calls otherwise ("the media regulator" is
#: the National Council of Television and Radio Broadcasting).
_KIND_SYNONYMS = {
    "media": ("broadcasting", "television", "radio", "audiovisual"),
    "broadcasting": ("television", "radio", "audiovisual", "media"),
    "antitrust": ("competition", "antimonopoly"), "competition": ("antimonopoly",),
    "telecoms": ("telecommunications", "communications"), "telecom": ("telecommunications", "communications"),
    "privacy": ("data",), "tax": ("revenue",),
}

_FUNCTION_WORDS = {"of", "and", "the", "for", "on", "to", "&"}


def _merge_contained_names(regs: list[Mention]) -> None:
    """A body named by a part of another's name is that body: "House of Commons ethics committee"
    within "House of Commons Standing Committee on Access to Information, Privacy and Ethics",
    "Data Protection Commission" within "Irish Data Protection Commission"."""
    def words(m: Mention) -> set[str]:
        # (singular and plural alike: "Ministry of Post and Telecommunications" is the "Ministry of
        # Posts and Telecommunications of Cambodia")
        return {w[:-1] if len(w) > 3 and w.endswith("s") else w
                for w in normalize(m.name or m.label).split()} - _FUNCTION_WORDS

    keys = {m.key: m for m in regs}
    for m in regs:
        own = words(m)
        if len(own) < 2 or m.key in keys and own < words(keys[m.key]):
            continue  # (a short name of its own body, folded already or by its key's fuller name)
        wider = {n.key for n in keys.values() if n.key != m.key and own < words(n)
                 and (m.country is None or n.country is None or m.country == n.country)}
        if len(wider) > 1:
            # "the National Council" beside the "National Council of Television and Radio
            # Broadcasting" and the "National Security and Defense Council": the one it begins
            start = normalize(m.name or m.label)
            wider = {k for k in wider if normalize(keys[k].name or keys[k].label).startswith(start + " ")}
        if len(wider) == 1:
            _fold_into(regs, m.key, keys[next(iter(wider))])


def setup_extensions() -> None:
    """Register the Doc extension this component assigns."""
    if not Doc.has_extension("kg_mentions"):
        Doc.set_extension("kg_mentions", default=None)


@Language.factory(
    "kg_entities",
    requires=["doc.ents", "token.dep", "token.pos", "token.is_sent_start"],
    assigns=["doc._.kg_mentions"],
)
def make_entity_recognizer(nlp: Language, name: str):
    """spaCy factory for :class:`EntityRecognizer`."""
    setup_extensions()
    return EntityRecognizer(nlp)
