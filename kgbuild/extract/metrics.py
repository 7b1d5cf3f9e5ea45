"""Metrics: numbers with what they count, whose they are, where and when
(spaCy component ``kg_metrics``).

Values are normalised ("12.5 million" → 12500000, "1.2B", "€1.2bn", "17.5 lakh",
"40 crore", "17,59,000", "25%"), currencies mapped to ISO 4217 codes, the counted
noun taken from the parse, the subject found through the clause (its subject, a
sanction's target, a compound "Telegram users", an anaphor), the location from
"in <country>" and the date from the sentence's date expressions.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from .. import gazetteer
from .grammar import MentionIndex, clause_verb, doc_tokens, lemma_in, subject_of
from .mentions import EntityRef, MetricHit, RelationHit

SCALES = {
    "thousand": 10**3, "k": 10**3, "million": 10**6, "mn": 10**6, "m": 10**6, "mln": 10**6,
    "billion": 10**9, "bn": 10**9, "b": 10**9, "bln": 10**9, "trillion": 10**12, "tn": 10**12,
    "lakh": 10**5, "lakhs": 10**5, "lac": 10**5, "crore": 10**7, "crores": 10**7, "cr": 10**7,
    "millions": 10**6, "billions": 10**9, "thousands": 10**3,
    # untranslated scale words in English-language copy ("12.3 millones de pesos", "3,2 mld zł")
    "millones": 10**6, "millón": 10**6, "milhões": 10**6, "milhão": 10**6, "milioni": 10**6, "millionen": 10**6,
    "milioane": 10**6, "milion": 10**6, "miliarde": 10**9, "milliard": 10**9, "milliards": 10**9, "miliardi": 10**9, "mld": 10**9, "mrd": 10**9,
}
CURRENCY_SYMBOLS = {"$": "USD", "US$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₹": "INR",
                    "R$": "BRL", "₺": "TRY", "₽": "RUB", "₩": "KRW", "₦": "NGN", "C$": "CAD",
                    "A$": "AUD", "₸": "KZT", "Rs": "INR", "Rs.": "INR", "MX$": "MXN", "Mex$": "MXN",
                    "HK$": "HKD", "NZ$": "NZD", "S$": "SGD", "NT$": "TWD", "KSh": "KES", "Ksh": "KES",
                    "Rp": "IDR", "RM": "MYR", "₱": "PHP", "₫": "VND", "₴": "UAH", "₪": "ILS", "৳": "BDT",
                    "฿": "THB", "zł": "PLN", "N$": "NAD", "E£": "EGP", "LE": "EGP", "Tk": "BDT",
                    # single letters only ever prefix digits ("N220 billion" in Nigeria, "R1.2-billion" in South Africa)
                    "N": "NGN", "R": "ZAR", "TL": "TRY",
                    "Kč": "CZK", "GH₵": "GHS", "₵": "GHS", "S/": "PEN", "S/.": "PEN", "Ft": "HUF", "TSh": "TZS",
                    "USh": "UGX", "SR": "SAR", "QR": "QAR", "KD": "KWD", "BD": "BHD", "JD": "JOD", "Dh": "AED",
                    "Dhs": "AED", "DH": "AED", "₲": "PYG", "₡": "CRC", "₭": "LAK", "₮": "MNT", "₾": "GEL",
                    "₼": "AZN", "kr": "SEK", "kr.": "SEK",
                    # shillings ("Shs 96 billion"), Rwandan and Burundian francs, Uruguayan pesos, Uzbek sum
                    "Sh": "KES", "Shs": "KES", "Shs.": "KES", "Sh.": "KES", "UShs": "UGX", "TShs": "TZS",
                    "KShs": "KES", "Frw": "RWF", "FRw": "RWF", "Rwf": "RWF", "FBu": "BIF",
                    "$U": "UYU", "UYU$": "UYU", "B/.": "PAB", "L$": "LRD", "EC$": "XCD",
                    # kwacha and kina ("K1.5 million"), CFA francs, Pacific dollars, and more single signs
                    "K": "ZMW", "MK": "MWK", "FCFA": "XOF", "CFA": "XOF", "F$": "FJD", "FJ$": "FJD", "J$": "JMD",
                    "TT$": "TTD", "BZ$": "BZD", "Bs": "BOB", "Bs.": "BOB", "Br": "ETB", "Nu": "BTN", "Rf": "MVR",
                    "GY$": "GYD", "B$": "BSD", "Bds$": "BBD", "WS$": "WST", "SI$": "SBD", "T$": "TOP",
                    "₨": "PKR", "៛": "KHR", "lei": "RON", "Lei": "RON", "ZiG": "ZWG", "ZWG": "ZWG"}
CURRENCY_WORDS = {
    "dollar": "USD", "dollars": "USD", "euro": "EUR", "euros": "EUR", "pound": "GBP", "pounds": "GBP",
    "lira": "TRY", "liras": "TRY", "lire": "TRY", "real": "BRL", "reais": "BRL", "reals": "BRL",
    "rupee": "INR", "rupees": "INR", "yen": "JPY", "yuan": "CNY", "renminbi": "CNY", "ruble": "RUB",
    "rubles": "RUB", "rouble": "RUB", "roubles": "RUB", "won": "KRW", "naira": "NGN", "rand": "ZAR",
    "tenge": "KZT", "rupiah": "IDR", "ringgit": "MYR", "peso": "MXN", "pesos": "MXN", "shilling": "KES",
    "shillings": "KES", "dirham": "AED", "dirhams": "AED", "riyal": "SAR", "riyals": "SAR", "zloty": "PLN",
    "krona": "SEK", "kronor": "SEK", "krone": "NOK", "kroner": "NOK", "franc": "CHF", "francs": "CHF", "hryvnia": "UAH",
    "dong": "VND", "baht": "THB", "taka": "BDT", "usd": "USD", "eur": "EUR", "gbp": "GBP", "inr": "INR",
    "cedi": "GHS", "cedis": "GHS", "soles": "PEN", "koruna": "CZK", "korun": "CZK", "forint": "HUF",
    "forints": "HUF", "lei": "RON", "leu": "RON", "leva": "BGN", "shekel": "ILS", "shekels": "ILS",
    "hryvnias": "UAH", "lari": "GEL", "birr": "ETB", "dinar": "KWD", "dinars": "KWD", "rial": "OMR",
    "rials": "OMR", "kronur": "ISK",
    "riel": "KHR", "riels": "KHR", "kwacha": "ZMW", "kina": "PGK", "tugrik": "MNT", "tugriks": "MNT",
    "togrog": "MNT", "dram": "AMD", "drams": "AMD", "manat": "AZN", "manats": "AZN", "kip": "LAK",
    "kyat": "MMK", "kyats": "MMK", "boliviano": "BOB", "bolivianos": "BOB", "guarani": "PYG", "guaranies": "PYG",
    "guaraníes": "PYG", "colón": "CRC", "colones": "CRC", "colon": "CRC", "quetzal": "GTQ", "quetzales": "GTQ",
    "lempira": "HNL", "lempiras": "HNL", "córdoba": "NIO", "córdobas": "NIO", "pula": "BWP", "denar": "MKD",
    "denars": "MKD", "denari": "MKD", "lek": "ALL", "leke": "ALL", "afghani": "AFN", "afghanis": "AFN",
    "rufiyaa": "MVR", "ngultrum": "BTN", "meticais": "MZN", "metical": "MZN", "kwanza": "AOA", "kwanzas": "AOA",
    "leone": "SLE", "leones": "SLE", "dalasi": "GMD", "ariary": "MGA", "som": "KGS", "soms": "KGS", "sum": "UZS",
    "somoni": "TJS", "hryvnas": "UAH",
    # more of the world's currency names, with the plurals and accented spellings English copy uses
    "zlotys": "PLN", "zlotych": "PLN", "złoty": "PLN", "złotys": "PLN", "króna": "ISK", "krónur": "ISK",
    "krónum": "ISK", "korunas": "CZK", "koruny": "CZK", "lev": "BGN", "levs": "BGN", "balboa": "PAB",
    "balboas": "PAB", "soum": "UZS", "soums": "UZS", "so'm": "UZS", "sums": "UZS", "nakfa": "ERN",
    "ouguiya": "MRU", "ouguiyas": "MRU", "dobra": "STN", "dobras": "STN", "loti": "LSL", "maloti": "LSL",
    "lilangeni": "SZL", "emalangeni": "SZL", "escudo": "CVE", "escudos": "CVE", "gourde": "HTG",
    "gourdes": "HTG", "bolivar": "VES", "bolivars": "VES", "bolívar": "VES", "bolívares": "VES",
    "vatu": "VUV", "tala": "WST", "pa'anga": "TOP", "rubel": "BYN", "rubels": "BYN",
    "ringgits": "MYR", "rupiahs": "IDR", "nairas": "NGN", "tenges": "KZT", "laris": "GEL", "marka": "BAM",
    "sol": "PEN",
}
#: Symbols and words several currencies share: the article's country picks among them ("Rs" in a
#: Pakistani story is PKR, "pesos" in a Chilean one CLP); elsewhere the first reading above stands.
_RUPEES = frozenset({"INR", "PKR", "LKR", "NPR", "MUR"})
_PESOS = frozenset({"MXN", "ARS", "CLP", "COP", "PHP", "UYU", "DOP", "CUP"})
_SHILLINGS = frozenset({"KES", "TZS", "UGX", "SOS"})
_DIRHAMS = frozenset({"AED", "MAD"})
_RIYALS = frozenset({"SAR", "QAR", "OMR", "YER", "IRR"})
_DINARS = frozenset({"KWD", "BHD", "JOD", "TND", "DZD", "IQD", "RSD", "LYD", "MKD"})
_FRANCS = frozenset({"CHF", "XOF", "XAF", "RWF", "BIF", "GNF", "CDF", "DJF"})
_POUNDS = frozenset({"GBP", "EGP", "LBP", "SDG", "SYP"})
_CROWNS = frozenset({"SEK", "NOK", "DKK", "ISK", "CZK"})
_KWACHA_KINA = frozenset({"ZMW", "PGK", "MWK", "MMK"})
_CFA = frozenset({"XOF", "XAF"})
_LEI = frozenset({"RON", "MDL"})
_MANAT = frozenset({"AZN", "TMT"})
_SOM = frozenset({"KGS", "UZS"})
SHARED_CURRENCY = {
    "rs": _RUPEES, "rs.": _RUPEES, "shs": _SHILLINGS, "shs.": _SHILLINGS, "sh.": _SHILLINGS, "rupee": _RUPEES, "rupees": _RUPEES,
    "peso": _PESOS, "pesos": _PESOS, "sh": _SHILLINGS, "shilling": _SHILLINGS, "shillings": _SHILLINGS,
    "dh": _DIRHAMS, "dhs": _DIRHAMS, "dirham": _DIRHAMS, "dirhams": _DIRHAMS,
    "riyal": _RIYALS, "riyals": _RIYALS, "rial": _RIYALS, "rials": _RIYALS, "dinar": _DINARS, "dinars": _DINARS,
    "franc": _FRANCS, "francs": _FRANCS, "pound": _POUNDS, "pounds": _POUNDS,
    "kr": _CROWNS, "kr.": _CROWNS, "krona": _CROWNS, "kronor": _CROWNS, "krone": _CROWNS, "kroner": _CROWNS,
    "crowns": _CROWNS, "k": _KWACHA_KINA, "kwacha": _KWACHA_KINA, "fcfa": _CFA, "cfa": _CFA,
    "lei": _LEI, "leu": _LEI, "manat": _MANAT, "manats": _MANAT, "som": _SOM, "soms": _SOM, "sum": _SOM,
}
# "Brazilian reais", "Canadian dollars": the adjective picks the currency.
CURRENCY_ADJ = {("canadian", "dollars"): "CAD", ("australian", "dollars"): "AUD", ("hong", "dollars"): "HKD",
                ("singapore", "dollars"): "SGD", ("new", "dollars"): "TWD", ("argentine", "pesos"): "ARS",
                ("chilean", "pesos"): "CLP", ("colombian", "pesos"): "COP", ("philippine", "pesos"): "PHP",
                ("pakistani", "rupees"): "PKR", ("sri", "rupees"): "LKR", ("nepalese", "rupees"): "NPR",
                ("indonesian", "rupiah"): "IDR", ("swiss", "francs"): "CHF", ("danish", "kroner"): "DKK"}
#: Where a national currency's fines apply (USD is used worldwide, so it says nothing).
CURRENCY_COUNTRY = {"EUR": "European Union", "GBP": "United Kingdom", "JPY": "Japan", "INR": "India",
                    "BRL": "Brazil", "TRY": "Turkey", "RUB": "Russia", "KRW": "South Korea", "NGN": "Nigeria",
                    "CAD": "Canada", "AUD": "Australia", "KZT": "Kazakhstan", "CNY": "China", "ZAR": "South Africa",
                    "IDR": "Indonesia", "MYR": "Malaysia", "MXN": "Mexico", "KES": "Kenya", "AED":
                    "United Arab Emirates", "SAR": "Saudi Arabia", "PLN": "Poland", "SEK": "Sweden",
                    "NOK": "Norway", "CHF": "Switzerland", "UAH": "Ukraine", "VND": "Vietnam", "THB": "Thailand",
                    "BDT": "Bangladesh", "PKR": "Pakistan", "ARS": "Argentina", "CLP": "Chile", "COP": "Colombia",
                    "PHP": "Philippines", "LKR": "Sri Lanka", "NPR": "Nepal", "DKK": "Denmark", "SGD": "Singapore",
                    "HKD": "Hong Kong", "TWD": "Taiwan", "GHS": "Ghana", "PEN": "Peru", "CZK": "Czech Republic",
                    "HUF": "Hungary", "RON": "Romania", "BGN": "Bulgaria", "ILS": "Israel", "MAD": "Morocco",
                    "TZS": "Tanzania", "UGX": "Uganda", "EGP": "Egypt", "QAR": "Qatar", "KWD": "Kuwait",
                    "BHD": "Bahrain", "OMR": "Oman", "JOD": "Jordan", "TND": "Tunisia", "DZD": "Algeria",
                    "ETB": "Ethiopia", "UYU": "Uruguay", "BOB": "Bolivia", "PYG": "Paraguay", "ISK": "Iceland",
                    "RSD": "Serbia", "GEL": "Georgia", "AMD": "Armenia", "AZN": "Azerbaijan", "UZS": "Uzbekistan",
                    "MMK": "Myanmar", "KHR": "Cambodia", "LAK": "Laos", "MNT": "Mongolia", "NZD": "New Zealand",
                    "CRC": "Costa Rica", "DOP": "Dominican Republic", "GTQ": "Guatemala", "ZMW": "Zambia",
                    "RWF": "Rwanda", "NAD": "Namibia", "BWP": "Botswana", "MUR": "Mauritius", "LBP": "Lebanon",
                    "IQD": "Iraq", "IRR": "Iran", "NIO": "Nicaragua", "HNL": "Honduras", "PAB": "Panama",
                    "FJD": "Fiji", "PGK": "Papua New Guinea", "ZWG": "Zimbabwe", "MWK": "Malawi", "MZN": "Mozambique", "AOA": "Angola",
                    "KGS": "Kyrgyzstan", "TJS": "Tajikistan", "TMT": "Turkmenistan", "MKD": "North Macedonia",
                    "ALL": "Albania", "BAM": "Bosnia and Herzegovina", "MDL": "Moldova", "BYN": "Belarus",
                    "MVR": "Maldives", "JMD": "Jamaica", "TTD": "Trinidad and Tobago", "BBD": "Barbados",
                    "BSD": "Bahamas", "SCR": "Seychelles", "GMD": "Gambia", "LRD": "Liberia", "SZL": "Eswatini",
                    "LSL": "Lesotho", "SSP": "South Sudan", "YER": "Yemen", "AFN": "Afghanistan", "BTN": "Bhutan",
                    "BND": "Brunei", "HTG": "Haiti", "VES": "Venezuela", "SRD": "Suriname", "GYD": "Guyana",
                    "BZD": "Belize", "CDF": "DR Congo", "GNF": "Guinea", "MGA": "Madagascar", "SOS": "Somalia",
                    "SLE": "Sierra Leone", "BIF": "Burundi", "DJF": "Djibouti", "WST": "Samoa",
                    "SBD": "Solomon Islands", "TOP": "Tonga", "SDG": "Sudan", "SYP": "Syria", "CUP": "Cuba",
                    "ERN": "Eritrea", "MRU": "Mauritania", "STN": "Sao Tome and Principe", "CVE": "Cape Verde",
                    "VUV": "Vanuatu"}
#: Currencies of several countries (CURRENCY_COUNTRY names none of them: the code says no one country).
SHARED_CODES = {"XOF": ("Senegal", "Ivory Coast", "Mali", "Burkina Faso", "Niger", "Togo", "Benin", "Guinea-Bissau"),
                "XAF": ("Cameroon", "Gabon", "Chad", "Central African Republic", "Republic of the Congo",
                        "Equatorial Guinea"),
                "XCD": ("Antigua and Barbuda", "Dominica", "Grenada", "Saint Kitts and Nevis", "Saint Lucia",
                        "Saint Vincent and the Grenadines")}
#: A country's own currency (the euro area's members are not listed: their currency says EU).
COUNTRY_CURRENCY = {country: code for code, country in CURRENCY_COUNTRY.items() if code != "EUR"} | {
    country: code for code, countries in SHARED_CODES.items() for country in countries}
#: Counted nouns worth a metric (time spans, categories and the like are not).
COUNT_NOUNS = {
    "user", "account", "people", "person", "member", "subscriber", "follower", "customer", "download",
    "install", "post", "video", "piece", "item", "report", "complaint", "request", "channel", "group",
    "message", "order", "seller", "driver", "creator", "viewer", "visitor", "employee", "website", "page",
    "app", "ad", "advertisement", "case", "takedown", "removal", "grievance", "notice", "url", "link",
    "bot", "profile", "comment", "image", "photo", "transaction", "content", "job", "worker", "listing",
    "merchant", "developer", "citizen", "resident", "household", "device", "view", "stream", "search",
    "petition", "warning", "demand", "order", "complaint", "tweet", "story", "reel", "share", "like",
    "shopper", "buyer", "passenger", "rider", "player", "listener", "reader", "student", "patient",
    "gamer", "host", "guest", "booking", "trip", "ride", "delivery", "parcel", "vendor", "restaurant",
    "subscription", "licence", "license", "vehicle", "registration", "signup", "game", "song", "track",
    "episode", "ticket", "refund", "claim", "appeal", "lawsuit", "product", "review", "record",
}
#: ISO 4217 codes written as a unit: "VND 210 million", "8,300 USD".
ISO_CODES = {*CURRENCY_COUNTRY, "USD", "EUR", "NZD", "ILS", "EGP", "NAD", "QAR", "KWD", "BHD", "OMR", "JOD", "MAD",
             "TND", "DZD", "GHS", "UGX", "TZS", "ETB", "XOF", "XAF", "PEN", "UYU", "BOB", "PYG", "VES", "CZK", "HUF",
             "RON", "BGN", "ISK", "RSD", "GEL", "AMD", "AZN", "UZS", "MMK", "KHR", "LAK", "MNT", "IRR", "IQD", "LBP",
             *SHARED_CODES}
#: Plural nouns a figure measures without being a statistic worth a metric.
NOT_COUNTED = {
    "second", "minute", "hour", "day", "week", "month", "year", "decade", "quarter", "century", "time", "times",
    "seconds", "minutes", "hours", "days", "weeks", "months", "years", "decades", "quarters", "km", "kilometre",
    "kilometer", "mile", "metre", "meter", "kg", "kilogram", "ton", "tonne", "percent", "point", "basis", "degree",
    "byte", "gigabyte", "megabyte", "terabyte", "mb", "gb", "tb", "way", "step", "thing", "reason", "part", "side",
    "option", "factor", "country", "market", "nation", "state", "region", "city", "language", "province",
    "district", "county", "rule", "law", "provision", "article", "section", "clause", "page", "word", "character",
    "other", "one", "dollar", "euro", "pound", "rupee", "share", "stake", "vote", "seat", "judge", "justice",
    "official", "minister", "lawmaker", "analyst", "expert", "source",
}
COUNT_PLURALS = {n + "s" for n in COUNT_NOUNS} | {"people"}
FINE_WORDS = {"fine", "fines", "penalty", "penalties", "sanction", "damages", "settlement"}
_NUM = re.compile(r"^(?P<cur>" + "|".join(re.escape(c) for c in sorted(CURRENCY_SYMBOLS, key=len, reverse=True))
                  + r")?(?P<num>\d{1,3}(?:,\d{2,3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
                  r"(?P<scale>k|m|mn|bn|b|tn|cr)?$", re.I)
#: Verbs whose subject counts a platform's users ("2.1 million Australians use X").
USE_VERBS = {"use", "access", "visit", "download", "watch", "play", "join", "subscribe", "stream", "follow", "rely"}
#: Words of approximation between a name and its figure ("Facebook about 75 million").
_APPROX = {"about", "around", "some", "nearly", "almost", "roughly", "approximately", "over", "more", "than",
           "just", "under", "up", "to", "at", "least", "estimated", "an"}
_QUARTERS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4,
             "q1": 1, "q2": 2, "q3": 3, "q4": 4}
_MONTHS = {m: i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september",
     "october", "november", "december"], 1)}
_MONTHS.update({m[:3]: i for m, i in list(_MONTHS.items())})
_MONTHS["sept"] = 9

_CONF = {"count": 0.8, "money": 0.8, "percent": 0.7, "listed": 0.7}


def _scale(text: str) -> str | None:
    """The scale word ``text`` is ("m." at a sentence end is "m"), or None."""
    t = text.lower()
    t = t[:-1] if t.endswith(".") and len(t) > 1 else t
    return t if t in SCALES else None


_FRACTIONS = {"half": Decimal("0.5"), "quarter": Decimal("0.25")}
#: Numbers news spells out before a scale word ("four million", "two billion").
_WORD_NUMBERS = {w: Decimal(n) for n, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen twenty".split())} | {
    w: Decimal(10 * n) for n, w in enumerate("thirty forty fifty sixty seventy eighty ninety".split(), start=3)}
_DECIMAL_COMMA = re.compile(r"^(?P<cur>\D*?)(?P<int>\d+),(?P<frac>\d{1,2})$")


def parse_number(tokens: list[str]) -> tuple[Decimal, str | None] | None:
    """Parse number tokens ("12.5", "million" / "€1.2bn" / "17,59,000" / "€4,2", "million" /
    "180", "000" / "half", "a", "million") → (value, currency)."""
    value = None
    currency = None
    scale = 1
    has_scale = any(_scale(t.strip()) for t in tokens)
    for i, raw in enumerate(tokens):
        t = raw.strip()
        if t in CURRENCY_SYMBOLS or t in ISO_CODES:
            currency = CURRENCY_SYMBOLS.get(t, t)
            continue
        if value is None and t.lower() in _FRACTIONS:
            value = _FRACTIONS[t.lower()]  # "half a million"
            continue
        if value is None and has_scale and t.lower() in _WORD_NUMBERS:
            value = _WORD_NUMBERS[t.lower()]  # "four million" (alone, "four" counts nothing worth a metric)
            continue
        comma = _DECIMAL_COMMA.match(t)
        if comma and value is None and (has_scale or len(comma.group("frac")) == 1):
            # "€4,2 million", "10,6 bn": a decimal comma (a thousands comma has three digits)
            t = f"{comma.group('cur')}{comma.group('int')}.{comma.group('frac')}"
        if value is not None and re.fullmatch(r"\d{3}", t) and i > 0 and re.fullmatch(r"\d{1,3}", tokens[i - 1].strip()):
            value = value * 1000 + Decimal(t)  # "180 000": a space between thousands
            continue
        m = _NUM.match(t[:-1] if t.endswith(".") else t)
        if m and value is None:
            try:
                value = Decimal(m.group("num").replace(",", ""))
            except InvalidOperation:
                return None
            if m.group("cur"):
                cur = m.group("cur")
                currency = CURRENCY_SYMBOLS.get(cur) or next(
                    (v for k, v in CURRENCY_SYMBOLS.items() if k.lower() == cur.lower()), None)
            if m.group("scale"):
                scale *= SCALES[m.group("scale").lower()]
            continue
        if _scale(t) and value is not None:
            scale *= SCALES[_scale(t)]
            continue
    if value is None:
        return None
    return value * scale, currency


#: Nouns for kinds of platform: a count of them is of the platforms named with it, not theirs.
_COUNTED_PLATFORMS = {"platform", "app", "service", "company", "site", "website", "operator", "provider", "network",
                   "marketplace", "firm"}
#: What a count of people after "of" is the population of ("a country of half a million people").
_POPULATED = {"country", "nation", "island", "islands", "city", "town", "state", "territory", "archipelago",
              "population", "republic", "kingdom"}


class MetricExtractor:
    """Finds quantitative statements; sets ``doc._.kg_metrics``."""

    def __call__(self, doc: Doc) -> Doc:
        token_at = doc_tokens(doc)[0]
        idx = MentionIndex.of(doc)
        hits: list[MetricHit] = []
        used: set[int] = set()
        for tok in idx.tokens:
            if tok.i in used or not (tok.like_num or _NUM.match(tok.text)) or tok.i in idx.by_token:
                continue
            if tok.i + 1 < len(doc) and token_at[tok.i + 1].text == "-" and tok.i + 2 < len(doc) and token_at[tok.i + 2].is_alpha \
                    and not _scale(token_at[tok.i + 2].text):
                continue  # "a 38-page order": a modifier, not a count
            if re.fullmatch(r"(?:19|20)\d\d", tok.text) and tok.i > 0 and tok.i + 1 < len(doc) \
                    and token_at[tok.i + 1].pos_ == "NOUN" and (token_at[tok.i - 1].dep_ == "case" or token_at[
                        tok.i - 1].lower_ in {"the", "its", "their", "this", "that", "his", "her"}):
                continue  # "the FTC's 2023 order against Amazon": a year naming the order, not a count of orders
            prefixed = tok.i > 0 and (token_at[tok.i - 1].text in CURRENCY_SYMBOLS or token_at[tok.i - 1].text in ISO_CODES)
            shape = _NUM.match(tok.text)
            if tok.ent_type_ in {"DATE", "TIME", "ORDINAL"} and not (
                    prefixed or shape and (shape.group("cur") or shape.group("scale"))):
                continue  # "₩207.4bn" is money whatever the NER says; "2021" is a year
            # The whole number phrase: currency symbol, digits, scale words.
            start = tok.i
            if prefixed:
                start -= 1
            if start >= 2 and token_at[start - 1].lower_ == "a" and token_at[start - 2].lower_ in _FRACTIONS:
                start -= 2  # "half a million"
            end = tok.i + 1
            while end < len(doc) and end - tok.i < 3 and (
                    _scale(token_at[end].text) or token_at[end].like_num and token_at[end].tag_ == "CD"
                    or token_at[end].text == "-" and end + 1 < len(doc) and _scale(token_at[end + 1].text)):  # "R1.2-billion"
                end += 1
            used.update(range(start, end))
            parsed = parse_number([t.text for t in doc[start:end]])
            if parsed is None:
                continue
            value, currency = parsed
            hit = self._metric(doc, idx, start, end, value, currency)
            if hit is not None:
                hits.extend(hit)
        doc._.kg_metrics = _dedupe([h for h in hits if h.rule != "listed"])
        # Users, accounts or content of a platform counted in a country, or its share of a market
        # there: it operates there.
        implied = [RelationHit(h.subject, "operatesIn", h.location, h.start, h.end, 0.7, "metric-location")
                   for h in _dedupe(hits) if h.subject.cls == "Platform" and h.location is not None
                   and (h.rule in {"count", "listed"} or h.rule == "percent" and self._share_in_place(idx, h))]
        doc._.kg_relations = list(doc._.kg_relations or []) + implied
        return doc

    @staticmethod
    def _local_currency(idx: MentionIndex, currency: str, phrase: list[Token]) -> str:
        """``currency``, or the article country's own if the phrase names it by a symbol or word
        several currencies share ("Rs 5 lakh" in a Sri Lankan story is LKR)."""
        focus = idx.focus_country()
        local = COUNTRY_CURRENCY.get(focus.key) if focus else None
        if local is None or local == currency:
            return currency
        for t in phrase:
            shape = _NUM.match(t.text)
            form = (shape.group("cur") or "") if shape else t.text
            shared = SHARED_CURRENCY.get(form.lower(), ())
            if local in shared and (currency in shared or currency == "USD"):
                return local
        return currency

    def _metric(self, doc: Doc, idx: MentionIndex, start: int, end: int, value: Decimal, currency):
        token_at = doc_tokens(doc)[0]
        num_head = token_at[end - 1]
        nxt = token_at[end] if end < len(doc) else None
        sent = num_head.sent
        # Parenthetical equivalents "($5.43 million)" restate the amount before.
        k = start - 1
        while k > 0 and token_at[k].lower_ in _APPROX:
            k -= 1
        if k >= 0 and token_at[k].text == "(" and end < len(doc) and token_at[end].text in {")", ","} or \
                k >= 0 and token_at[k].text == "(" and end + 1 < len(doc) and token_at[end + 1].text == ")":
            return None  # "(about $29 million)", "(about 8,300 USD)": the amount before, restated
        unit = None
        measure = None
        noun = None
        rule = "count"
        if nxt is not None and nxt.text in {"%"} or (nxt is not None and nxt.lower_ in {"percent", "per"}):
            unit, rule = "percent", "percent"
            noun = nxt
            if nxt.lower_ == "per" and end + 1 < len(doc) and token_at[end + 1].lower_ == "cent":
                noun = token_at[end + 1]  # "33 per cent of its tests": the "cent" carries the phrase
        elif nxt is not None and (currency is None or currency == "USD" and token_at[start].text == "$"):
            # ("$12.3 millones de pesos": a currency word after the figure overrides a bare "$")
            # "40 million Turkish liras", "28.6 million Brazilian reais"
            for k in range(end, min(end + 4, len(doc))):
                w = token_at[k].lower_
                if w in {"de", "of"} and k == end:
                    continue
                if token_at[k].text in ISO_CODES:
                    currency = token_at[k].text
                    break
                if w in CURRENCY_WORDS:
                    prev = token_at[k - 1].lower_ if k > end else ""
                    currency = CURRENCY_ADJ.get((prev, w), CURRENCY_WORDS[w])
                    if currency == "USD" and prev in {"canadian", "australian", "singapore", "hong"}:
                        currency = CURRENCY_ADJ.get((prev, w), currency)
                    break
                if not (token_at[k].pos_ == "ADJ" or token_at[k].ent_type_ == "NORP" or token_at[k].lower_ in {"us", "u.s."}):
                    break
        if currency:
            currency = self._local_currency(idx, currency, token_at[max(0, start - 1):min(end + 4, len(doc))])
            unit, rule = currency, "money"
        residents = None
        borrowed = False
        installed = None  # "downloaded 1.6 million times": the verb of "times"
        if unit is None:
            noun = self._counted_noun(doc, num_head)
            if noun is not None and idx.at(noun) is not None and idx.at(noun).cls == "Platform":
                noun = None  # "and YouTube 63 million": the parser hangs the figure on the name
            if noun is None:
                noun = self._antecedent_noun(doc, num_head, start)
                borrowed = noun is not None
            if noun is not None and _scale(noun.text):
                noun = None  # "S/ 1,9 millones ... an average of 23": a scale word counts nothing
            residents = _demonym_country(noun)
            installed = lemma_in(noun.head, {"download", "install"}) if noun is not None and noun.lower_ == "times" \
                and noun.head.pos_ == "VERB" else None
            if installed:
                unit = "downloads" if installed == "download" else "installs"  # "downloaded 1.6 million times"
            elif residents is not None and lemma_in(clause_verb(noun), USE_VERBS):
                # "2.1 million Australians use X": users, in that country
                unit = "users"
            elif noun is None or not (lemma_in(noun, COUNT_NOUNS) or noun.lower_ in COUNT_NOUNS
                                      or self._countable(doc, idx, noun, start, end)):
                return None
            else:
                residents = None
                unit = _unit_phrase(noun)
            if unit in {"people", "persons", "individuals"} and any(
                    lemma_in(t, {"use", "access", "visit"})
                    for t in [noun.head, noun.head.head, *noun.children, *noun.head.children]):
                unit = "users"  # ("used by 4.4 million people": through the agent's "by")
        if noun is not None and noun.head.lower_ == "with" and any(
                c.dep_ == "det" and c.lower_ in {"any", "every", "each", "all", "no"} for c in noun.head.head.children):
            return None  # "any service with at least eight million users": a threshold in a rule, no one's figure
        if rule == "percent" and self._legal_cap(token_at, start, end):
            return None  # "can fine a company up to 10 per cent of its turnover": the law's ceiling
        if rule == "percent" and _tax_rate(token_at, start, end):
            return None  # "the 12 per cent value-added tax", "a levy of 2%": a rate the law sets
        if rule == "percent" and self._ownership_share(num_head, noun):
            return None  # "with the government holding about 42%", "a 30% stake": who owns it, no figure of it
        if noun is not None and unit in {"people", "inhabitants", "residents", "persons"} and noun.head.lower_ == "of" \
                and noun.head.head.lower_ in _POPULATED:
            return None  # "a country of roughly half a million people": a population, nobody's figure
        measure = "users" if residents else self._measure(doc, num_head, noun, unit, rule)
        # a noun borrowed from an earlier figure ("..., while Y has about 700,000") says what is
        # counted, not whose: the subject is found from the figure itself
        if installed:
            subj = subject_of(noun.head)  # what was downloaded: "the app had been downloaded ... times"
            subjects = [m.ref for m in idx.expand(subj, {"Platform"})] if subj is not None else []
        else:
            subjects = self._subjects(doc, idx, num_head, None if borrowed else noun, rule)
        if not subjects:
            return None
        if len(subjects) > 1 and any(t.lower_ in {"together", "combined", "collectively", "jointly"} for t in sent):
            return None  # "A, B and C together paid Tk 1,186 crore": a joint total, nobody's own figure
        # "23 platforms had registered, including TikTok and Viber": they are among the counted, so
        # no figure of theirs, though a place the count is in is still a place they run in
        listed = len(subjects) > 1 and noun is not None and noun.lemma_.lower() in _COUNTED_PLATFORMS
        location = idx.country_ref(residents) if residents else None
        location = location or idx.location_in(noun if noun is not None else num_head) or \
            self._sentence_location(idx, sent, num_head)
        if location is None:
            location = self._implied_location(idx, sent, rule, unit)
        date = self._date(doc, sent)
        rule = "listed" if listed else rule
        return [MetricHit(value, unit, measure, s, sent.start, sent.end, _CONF[rule], rule, location, date)
                for s in subjects]

    @staticmethod
    def _legal_cap(token_at: list[Token], start: int, end: int) -> bool:
        """Whether a percentage is a ceiling on penalties: "up to" it "of (its) turnover"."""
        if start < 2 or token_at[start - 1].lower_ != "to" or token_at[start - 2].lower_ != "up":
            return False
        window = [t.lower_ for t in token_at[end:end + 8]]
        return "of" in window and bool({"turnover", "revenue", "revenues", "sales"} & set(window))

    @staticmethod
    def _ownership_share(num: Token, noun: Token | None) -> bool:
        """Whether a percentage is a stake: held, owned or controlled, or a stake's size."""
        phrase = noun if noun is not None and noun.lower_ in {"%", "percent", "per", "cent"} else num
        for t in (phrase, phrase.head):
            if t.lower_ in {"stake", "stakes", "holding", "shareholding", "interest"} and t.pos_ == "NOUN":
                return True  # "a 30% stake", "its 42 percent holding"
        if phrase.dep_ != "dobj" or lemma_in(phrase.head, {"hold", "own", "control", "retain", "keep", "acquire",
                                                            "buy", "sell"}) is None:
            return False
        # "holds 30% of Tele2" is a stake, "holds 30% of the market" a share of it
        of = [p for c in phrase.children if c.dep_ == "prep" and c.lower_ == "of" for p in c.children if p.dep_ == "pobj"]
        if not of:
            # "market leader Baemin holds about 55 percent": a holder named for its place in a market
            holder = next((c for c in phrase.head.children if c.dep_ == "nsubj"), None)
            return holder is None or not any(t.lower_ in {"market", "leader", "leaders"} for t in holder.subtree)
        return of[0].pos_ == "PROPN"

    def _counted_noun(self, doc: Doc, num: Token) -> Token | None:
        token_at = doc_tokens(doc)[0]
        if num.dep_ in {"nummod", "quantmod", "compound"} and (
                num.head.pos_ in {"NOUN", "PROPN"} or num.head.lower_ in COUNT_PLURALS):
            # "1.62 crore content pieces": compound chain ends at the head noun (which the
            # tagger sometimes calls a verb: "310,000 verified accounts")
            noun = num.head
            if noun.dep_ == "poss" and any(c.dep_ == "case" for c in noun.children) and noun.head.i > noun.i:
                return noun.head  # "120 children's toys": the toys are counted, the children own them
            return noun
        if num.dep_ == "pobj" and num.head.lower_ == "at" and lemma_in(num.head.head, {"put", "estimate", "place",
                                                                                      "peg", "count"}):
            # "the URCDP puts its users in the country at 2.9 million": the object put at the figure
            obj = next((c for c in num.head.head.children if c.dep_ == "dobj" and c.pos_ == "NOUN"), None)
            if obj is not None:
                return obj
        # "its users grew to 10 million", "accounts reached 3 million": the verb's subject is counted
        # "rose to 41.2 million, up from 33.5 million": both figures count the verb's subject
        verb = num.head.head if num.dep_ == "pobj" and num.head.lower_ in {"to", "by", "past", "over", "from"} else (
            num.head if num.dep_ in {"dobj", "attr"} else None)
        compared = _compared_with_before(num)
        if verb is not None and verb.lower_ in {"up", "down"} and verb.head.i != verb.i:
            verb = verb.head  # "up from 33.5 million"
        if verb is not None and lemma_in(verb, {"grow", "rise", "reach", "climb", "jump", "surge", "fall", "drop",
                                                "increase", "decrease", "top", "exceed", "hit", "cross", "pass", "be",
                                                "total", "stand", "double", "decline"}):
            subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
            if subj is not None and subj.pos_ == "NOUN":
                # "the number of users reached 3 million"
                if subj.lower_ in {"number", "count", "total"}:
                    subj = next((p for c in subj.children if c.dep_ == "prep" and c.lower_ == "of"
                                 for p in c.children if p.dep_ == "pobj"), subj)
                return subj
        if compared or num.dep_ == "pobj" and num.head.lower_ == "of":
            return None  # ("8.4 million users, up from 5.1 million a year earlier": counted as the figure before)
        for k in range(num.i + 1, min(num.i + 4, len(doc))):
            t = token_at[k]
            if t.pos_ == "NOUN" or t.tag_ == "NNPS":
                return t
            if t.pos_ not in {"ADJ", "NOUN", "PROPN"} and t.tag_ not in {"VBG", "VBN"}:
                break  # ("9 million paying subscribers": a participle modifies the counted noun)
        return None

    def _countable(self, doc: Doc, idx: MentionIndex, noun: Token, start: int, end: int) -> bool:
        """Any plural noun counted in digits ("300 engineers", "38 million iPhones") that is not a
        span of time, a unit of measure or a generic word."""
        if not any(c.isdigit() for c in doc[start:end].text):
            return False  # "two officials familiar with the matter"
        if noun.tag_ not in {"NNS", "NNPS"} and not (noun.tag_ == "VBZ" and noun.lower_.endswith("s")):
            return False
        if idx.at(noun) is not None:
            return False  # a name, not a count of things
        return noun.lemma_.lower() not in NOT_COUNTED and noun.lower_ not in NOT_COUNTED

    def _antecedent_noun(self, doc: Doc, num: Token, start: int) -> Token | None:
        """The counted noun of the previous figure in the sentence, for a figure that names none:
        "took action on 36 of those", "X has 1.1 million users, while Y has about 700,000"."""
        token_at = doc_tokens(doc)[0]
        bare = num.dep_ in {"dobj", "attr", "pobj", "nsubj"} and not any(
            c.pos_ in {"NOUN", "PROPN"} for c in num.children) and (num.i + 1 >= len(doc) or token_at[num.i + 1].is_punct) \
            and num.i > 0 and not (token_at[num.i - 1].is_title or token_at[num.i - 1].lower_ in {"no", "no.", "number", "#"})
        # (a number after a name is a label, not a count: "Article 17", "Decree No. 147", "Section 69")
        bare = bare or _compared_with_before(num)
        # "Facebook has 75 million users here and YouTube 63 million": the verb and noun gapped after a name
        # ("..., YouTube about 11 million and TikTok about 3 million": approximations between, a list's commas)
        k = start - 1
        while k > num.sent.start and token_at[k].lower_ in _APPROX:
            k -= 1
        bare = bare or k >= 1 and token_at[k].pos_ == "PROPN" and token_at[k - 1].lower_ in {
            "and", "while", "but", ","} and (num.i + 1 >= len(doc) or token_at[num.i + 1].is_punct
                                              or token_at[num.i + 1].lower_ in {"and", "while", "but"})
        if not bare and not any(c.dep_ == "prep" and c.lower_ == "of" and any(p.lower_ in {"those", "them", "these"}
                                                                            for p in c.children) for c in num.children):
            return None
        for k in range(start - 1, num.sent.start - 1, -1):
            t = token_at[k]
            if t.like_num and t.dep_ in {"nummod", "compound"} and t.head.pos_ == "NOUN" \
                    and t.head.lemma_.lower() not in NOT_COUNTED:
                return t.head
        return None

    def _measure(self, doc: Doc, num: Token, noun: Token | None, unit: str, rule: str) -> str:
        sent_words = {t.lower_ for t in num.sent}
        if rule == "money":
            if sent_words & FINE_WORDS or any(lemma_in(t, {"fine", "penalize", "penalise"}) for t in num.sent):
                return "fine"
            head = num.head
            while (head.pos_ not in {"NOUN", "VERB"} or head.lower_ in CURRENCY_WORDS) and head.head.i != head.i:
                head = head.head
            return head.lemma_.lower() if head.pos_ == "NOUN" else "amount"
        if rule == "percent":
            return _percent_measure(noun, num)
        mods = [t.text.lower() for t in noun.lefts if t.dep_ in {"amod", "compound"} and t.i > num.i]
        phrase = " ".join(mods + [noun.text.lower()])
        if unit == "users" and noun.lower_ in {"people", "persons", "individuals"}:
            phrase = " ".join(mods + ["users"])
        verb = noun.head if noun.dep_ in {"dobj", "nsubjpass"} and noun.head.pos_ == "VERB" else None
        if verb is None and noun.dep_ == "pobj" and noun.head.head.pos_ == "VERB":
            verb = noun.head.head
            # "took action against 32 lakh pieces" → "pieces actioned"
            if lemma_in(verb, {"take"}) and any(c.lower_ == "action" for c in verb.children):
                return f"{phrase} actioned"
        if verb is not None and verb.dep_ == "acl" and verb.i < noun.i and verb.tag_ == "VBG":
            return f"{verb.lower_} {phrase}"  # "9 million paying subscribers"
        if verb is not None and verb.is_alpha and verb.is_lower and \
                not lemma_in(verb, {"have", "be", "boast", "count", "use", "enjoy"}):
            participle = verb.text.lower() if verb.tag_ == "VBN" else _past(verb)
            phrase = f"{phrase} {participle}"
        return phrase

    def _subjects(self, doc: Doc, idx: MentionIndex, num: Token, noun: Token | None, rule: str) -> list[EntityRef]:
        token_at = doc_tokens(doc)[0]
        anchor = noun if noun is not None else num
        found = []
        # Compound / possessive on the counted noun: "Telegram users", "X's users".
        for c in anchor.children:
            if c.dep_ in {"compound", "poss", "nmod"}:
                found += idx.expand(c, {"Platform"})
            if c.dep_ == "prep" and c.lower_ in {"of", "on"} and rule == "count":
                found += [m for p in c.children for m in idx.expand(p, {"Platform"})]
        if found:
            return [m.ref for m in found]
        if rule == "percent":
            # "against 25% for Bolt and 10% for Yango": each share's own "for"
            found = [m for c in anchor.children if c.dep_ == "prep" and c.lower_ == "for"
                     for p in c.children if p.dep_ == "pobj" for m in idx.expand(p, {"Platform"}, anaphora=False)]
            if found:
                return [m.ref for m in found]
        if anchor.dep_ == "pobj" and anchor.head.lower_ == "with" and anchor.head.head.pos_ == "PROPN":
            # "TikTok, with around 280,000 users here, ...": the name the "with" follows (the parser
            # may hang it on the first of a list)
            w = anchor.head.i
            named = idx.at(token_at[w - 2]) if w >= 2 and token_at[w - 1].text == "," else None
            found = [named] if named is not None and named.cls == "Platform" and named.end == w - 1 \
                else idx.expand(anchor.head.head, {"Platform"}, anaphora=False)[:1]
            if found:
                return [found[0].ref]
        if rule == "money" and num.i + 2 < len(token_at) and token_at[num.i + 1].lower_ == "on":
            # "fines of €240,000 on HT and €160,000 on A1 Hrvatska": each amount's own "on"
            named = idx.by_token.get(num.i + 2)
            if named is not None and named.start == num.i + 2 and named.cls == "Platform":
                return [named.ref]
        # "YouTube has 63 million users and Facebook about 75 million": the name right before the figure
        # (k, the token before the figure's phrase, is read again below)
        k, first = num.i - 1, num.sent.start
        while k > first and (token_at[k].like_num or _scale(token_at[k].text) or token_at[k].text in CURRENCY_SYMBOLS
                                      or token_at[k].text in ISO_CODES or token_at[k].lower_ in _APPROX):
            k -= 1
        before = idx.at(token_at[k])
        if before is not None and before.cls == "Platform" and before.end == k + 1 and k < num.i - 1:
            return [before.ref]
        if noun is None and (before is None or before.cls != "Platform") and token_at[k].pos_ == "PROPN" and k > first \
                and token_at[k - 1].lower_ in {",", "and", "while", "but"}:
            return []  # "..., Moldcell about 950,000": a gapped figure of a name that is no platform we know
        # Sanctions: the target of "on <platforms>", of the fine verb, of a relative clause.
        t = anchor
        for _ in range(4):
            # "... for Google", "a penalty of C$7.5 million from Epic"
            fors = [c for c in t.children if c.dep_ == "prep" and c.lower_ in {"for", "from"} and c.i > num.i]
            if rule == "money" and fors and lemma_in(t, FINE_WORDS):
                # "fines of up to W47.5bn for Google": the nearest "for" after the amount
                found += [m for p in fors[0].children for m in idx.expand(p, {"Platform", "Person"})]
            for c in t.children:
                if c.dep_ == "prep" and c.lower_ in {"on", "against"}:
                    found += [m for p in c.children for m in idx.expand(p, {"Platform", "Person"})]
                if c.dep_ == "relcl":
                    for cc in c.children:
                        if cc.dep_ == "prep" and cc.lower_ in {"on", "against"}:
                            found += [m for p in cc.children for m in idx.expand(p, {"Platform"})]
            if found or t.head.i == t.i:
                break
            t = t.head
        if found:
            return [m.ref for m in found if m.cls == "Platform"]
        for rel in (c for c in anchor.children if c.dep_ == "relcl"):
            # "the $275 million that Epic Games agreed to pay": the subject of the clause on the amount
            subj = subject_of(rel)
            ms = idx.expand(subj, {"Platform"}, anaphora=False) if subj is not None and subj.lower_ not in {
                "which", "that", "who"} else []
            if ms:
                return [m.ref for m in ms]
        verb = clause_verb(anchor)
        if verb.dep_ == "acl" and verb.tag_ == "VBG" and verb.i < anchor.i and verb.head.i < verb.i \
                and verb.head.head.i != verb.head.i:
            # "4.9 million paying subscribers": a participle before the noun describes it, and the
            # parser hangs it on the number; the clause is the number's
            verb = clause_verb(verb.head.head)
        if verb.dep_ == "acl" and verb.tag_ == "VBN":
            # "Vipps, used by 4.4 million people in Norway": the name the participle describes
            ms = idx.expand(verb.head, {"Platform"})
            if ms:
                return [m.ref for m in ms]
        if rule == "money" and lemma_in(verb, {"fine", "penalize", "penalise", "order"}):
            for c in verb.children:
                if c.dep_ in {"dobj", "dative", "nsubjpass"}:
                    ms = idx.expand(c, {"Platform"})
                    if ms:
                        return [ms[-1].ref] if len(ms) > 1 and c.dep_ != "nsubjpass" else [m.ref for m in ms]
        subj = subject_of(verb)
        if subj is not None:
            ms = idx.expand(subj, {"Platform"})
            if not ms and subj.pos_ == "NOUN":
                # "Uber's share of the market rose to 31 percent": whose the subject is
                ms = [m for c in subj.children if c.dep_ == "poss" for m in idx.expand(c, {"Platform"})]
                if not ms and verb.dep_ == "relcl" and any(c.dep_ == "poss" and c.lower_ == "whose"
                                                           for c in subj.children):
                    ms = idx.expand(verb.head, {"Platform"}, anaphora=False)  # "Uber, whose share fell to 41%"
            if ms:
                return [m.ref for m in ms]
        # "12.5 million people in Kazakhstan are using the app": the object of the verb.
        for c in verb.children:
            if c.i == anchor.i:
                continue  # "blocked 59 apps including X": X is one of the counted, not their owner
            if c.dep_ in {"dobj", "pobj"} or (c.dep_ == "prep"):
                targets = [c] if c.dep_ == "dobj" else [p for p in c.children if p.dep_ == "pobj"]
                for tgt in targets:
                    ms = idx.expand(tgt, {"Platform"})
                    if ms:
                        return [m.ref for m in ms]
        if verb.dep_ == "ccomp" and anchor.dep_ == "nsubj" and lemma_in(verb.head, {"say", "report", "claim",
                                                                                   "estimate", "state"}):
            # "The service says about 35 million people in the US watch a stream on it": its own figure
            speaker = subject_of(verb.head)
            ms = idx.expand(speaker, {"Platform"}) if speaker is not None else []
            if ms:
                return [m.ref for m in ms]
        # A single platform named in the sentence.
        sent = num.sent  # (Token.sent scans for the sentence's bounds: once, not per mention)
        if token_at[k].text == ":":
            # "• HungerStation, a subsidiary of Delivery Hero: SAR 10.4 million": a list item's name
            lead = next((t for t in sent if not (t.is_punct or t.is_space or t.text in {"•", "-", "*", "–"})), None)
            named = idx.at(lead) if lead is not None else None
            if named is not None and named.cls == "Platform" and named.start == lead.i:
                return [named.ref]
        in_sent = {m.key: m for m in idx.mentions if m.cls == "Platform" and sent.start <= m.start < sent.end}
        if len(in_sent) == 1:
            return [next(iter(in_sent.values())).ref]
        if rule == "money" and not in_sent:
            return self._sanctioned_before(idx, num)
        return []

    @staticmethod
    def _sanctioned_before(idx: MentionIndex, num: Token) -> list[EntityRef]:
        """The platform a sanction was just reported against, for an amount called a fine or a
        penalty in a sentence naming no platform ("X was fined on Monday. The penalty, KHR 400
        million, was imposed because ..."), unless the amount is a legal maximum."""
        t = num
        while t.head.i != t.i and t.dep_ in {"compound", "nummod", "quantmod", "appos", "pobj", "prep", "attr"}:
            if lemma_in(t.head, FINE_WORDS) or t.head.lower_ in FINE_WORDS:
                break
            t = t.head
        else:
            return []
        fine = t.head
        words = [w.lower_ for w in num.sent]
        if any(c.lower_ in {"maximum", "max", "possible", "potential"} for c in fine.children) or any(
                w.lower_ in {"can", "could", "may", "might", "would", "carries"} for w in num.sent) or any(
                a == "up" and b == "to" for a, b in zip(words, words[1:])):
            return []  # "penalties of up to Rs 1 crore", "a maximum penalty of A$49.5 million": the law's
        k = idx.sent_index(num)
        first = idx.sents[max(0, k - 2)].start
        sanctioned = [r.object for r in idx.doc._.kg_relations or () if r.predicate == "enforcesAgainst"
                      and r.object.cls == "Platform" and first <= r.start < num.sent.start]
        return [sanctioned[-1]] if sanctioned else []

    @staticmethod
    def _share_in_place(idx: MentionIndex, hit: MetricHit) -> bool:
        """Whether a percentage is a share of a market, of sales or of listings in the place it is
        located in ("took 70% of app market sales in Kenya", "its share of the domestic market")."""
        sent = idx.sents[idx.sent_index(idx.tokens[hit.start])]
        words = {t.lower_ for t in sent}
        return bool(words & (_MARKET_WORDS | {"share", "sales", "listings", "orders", "rides", "trips", "bookings"}))

    def _implied_location(self, idx: MentionIndex, sent: Span, rule: str, unit: str) -> EntityRef | None:
        """Where a figure applies when the sentence names no place.

        A fine applies where the regulator imposing it (or the currency) belongs; a
        count in a national story applies to the article's country unless the
        sentence says it is global.
        """
        if any(t.lower_ in {"globally", "worldwide", "global", "world"} for t in sent):
            return None
        if rule == "money":
            for m in idx.mentions:
                if sent.start <= m.start < sent.end:
                    if m.cls == "Regulator" and m.country:
                        return idx.country_ref(m.country)
                    if m.cls == "Country" and idx.doc[m.start:m.end].root.dep_ == "nsubj":
                        return m.ref  # "Turkey imposed a fine of ..."
            country = CURRENCY_COUNTRY.get(unit)
            return idx.country_ref(country) if country else None
        if rule == "count":
            return idx.focus_country()
        if rule == "percent" and any(t.lower_ in {"domestic", "national", "local"} and any(
                u.lower_ in _MARKET_WORDS for u in idx.tokens[t.i + 1:min(t.i + 5, sent.end)]) for t in sent):
            return idx.focus_country()  # "X's share of the domestic delivery-app market"
        return None

    def _sentence_location(self, idx: MentionIndex, sent: Span, num: Token) -> EntityRef | None:
        for tok in sent:
            if tok.dep_ == "pobj" and tok.head.lower_ in {"in", "across", "from"}:
                ref = idx.place_of(tok)
                if ref is not None:
                    return ref
        return None

    def _date(self, doc: Doc, sent: Span) -> str | None:
        ref = reference_date(doc)
        # (Span.ents walks every entity of the Doc: quadratic on a long article; read the tokens instead)
        token_at = doc_tokens(doc)[0]
        k = sent.start
        while k < sent.end:
            t = token_at[k]
            if t.ent_type_ == "DATE" and t.ent_iob_ == "B":
                e = k + 1
                while e < sent.end and token_at[e].ent_iob_ == "I":
                    e += 1
                d = normalise_date(doc[k:e].text, ref)
                if d:
                    return d
                k = e
            else:
                k += 1
        return None


#: How far into an article its own date (dateline, headline) is looked for.
OPENING_CHARS = 300


def reference_date(doc: Doc) -> str | None:
    """The article's date, to resolve "in November" or "last year": a date with a year in
    the article's opening (a dateline, a headline "Nov 2021"), most precise first.  Dates
    deeper in the body are about events, not the article, so they are not used."""
    cached = doc.user_data.get("kg_reference_date", "")
    if cached != "":
        return cached
    token_at = doc_tokens(doc)[0]
    found = None
    for ent in doc.ents:
        if ent.start_char > OPENING_CHARS:
            break
        if ent.label_ == "DATE":
            # The NER often leaves an abbreviated month outside the entity ("Feb 2023").
            before = token_at[ent.start - 1].lower_.rstrip(".") if ent.start > 0 else ""
            d = normalise_date(f"{before} {ent.text}" if before in _MONTHS else ent.text)
            if d and "Q" not in d and (found is None or len(d) > len(found)):
                found = d
                if len(d) >= 7:
                    break
    doc.user_data["kg_reference_date"] = found
    return found


def normalise_date(text: str, reference: str | None = None) -> str | None:
    """"the third quarter of 2024" → "2024-Q3", "Nov 2021" → "2021-11", "2021" → "2021".

    With a ``reference`` date ("2021-12-01"), a month alone is the latest such month
    on or before it, and "last year" / "this year" are resolved.
    """
    words = re.findall(r"[A-Za-z]+|\d+", text.lower())
    years = [w for w in words if re.fullmatch(r"(19|20)\d\d", w)]
    if not years:
        if reference is None:
            return None
        ref_year, ref_month = int(reference[:4]), int(reference[5:7]) if len(reference) >= 7 else 12
        if "year" in words and ("last" in words or "previous" in words):
            return str(ref_year - 1)
        if "year" in words and "this" in words:
            return str(ref_year)
        months = [_MONTHS[w] for w in words if w in _MONTHS]
        if months and not any(w in {"months", "month"} for w in words if w != "month") and not re.search(r"\d", text):
            month = months[0]
            return f"{ref_year if month <= ref_month else ref_year - 1}-{month:02d}"
        return None
    year = years[0]
    for w in words:
        if w in _QUARTERS and "quarter" in words:
            return f"{year}-Q{_QUARTERS[w]}"
    months = [_MONTHS[w] for w in words if w in _MONTHS]
    days = [w for w in words if re.fullmatch(r"\d{1,2}", w)]
    if months and days:
        return f"{year}-{months[0]:02d}-{int(days[0]):02d}"
    if months:
        return f"{year}-{months[0]:02d}"
    return year


_TAXES = {"tax", "taxes", "vat", "levy", "levies", "duty", "duties", "tariff", "tariffs", "gst"}


def _tax_rate(token_at: list[Token], start: int, end: int) -> bool:
    """Whether a percentage is the rate of a tax: "the 12 per cent value-added tax", "a 5% digital
    services tax", "a levy of 2%", "VAT at 18%" (the tax the head of the percentage's phrase)."""
    sign = token_at[end + 1] if end + 1 < len(token_at) and token_at[end].lower_ == "per" else token_at[end] \
        if end < len(token_at) else None
    t = sign
    for _ in range(4):
        if t is None or t.head.i == t.i:
            return False
        if t.dep_ == "pobj" and t.head.lower_ in {"of", "at"} and t.head.head.lower_ in _TAXES:
            return True  # "a levy of 2%", "VAT at 18%"
        if t.dep_ not in {"compound", "amod", "nmod", "nummod", "npadvmod"}:
            return False
        t = t.head
        if t.lower_ in _TAXES:
            return True
    return False


def _compared_with_before(num: Token) -> bool:
    """Whether a figure is the other side of a comparison: "up from 5.1 million a year earlier"."""
    return num.dep_ == "pobj" and num.head.lower_ == "from" and num.head.head.lower_ in {"up", "down"}


def _demonym_country(noun: Token | None) -> str | None:
    """The country of a plural demonym ("Australians", "Kenyans", "Japanese"), or None."""
    if noun is None or not noun.text[:1].isupper():
        return None
    adjectives = gazetteer.load().adjectives
    for form in (noun.text, noun.text[:-1] if noun.text.endswith("s") else None):
        if form and form in adjectives:
            return adjectives[form]
    return None


def _unit_phrase(noun: Token) -> str:
    mods = [t.text.lower() for t in noun.lefts if t.dep_ == "compound" and t.pos_ == "NOUN"
            and not _scale(t.text) and not t.like_num and not _NUM.match(t.text) and t.text.islower()]
    return " ".join(mods + [noun.text.lower() if noun.tag_ in {"NNS", "NNPS"} else noun.lemma_.lower() + "s"])


#: What a platform holds a share of ("the domestic delivery-app market").
_MARKET_WORDS = {"market", "markets", "sector", "industry"}
_RISE = {"up", "rise", "increase", "growth", "jump", "gain", "surge", "climb", "grow", "higher", "more"}
_FALL = {"down", "fall", "decrease", "drop", "decline", "lower", "less", "fewer", "slump", "cut"}


def _percent_measure(sign: Token | None, num: Token) -> str:
    """What a percentage measures: "increase in platform adoption", "share of requests", "growth"."""
    anchor = sign if sign is not None else num
    head = anchor.head
    # "70 percent of them / of requests": a share
    for t in (anchor, *anchor.children):
        for prep in t.children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                obj = next((p for p in prep.children if p.dep_ == "pobj"), None)
                if obj is not None and obj.pos_ in {"NOUN", "PROPN"}:
                    return f"share of {obj.lemma_.lower() if obj.tag_ != 'NNS' else obj.lower_}"
                return "share"
    words = {head.lower_, head.lemma_.lower()}
    if words & _RISE or words & _FALL:
        kind = "increase" if words & _RISE else "decrease"
        what = next((p for prep in head.children if prep.dep_ == "prep" and prep.lower_ in {"in", "of"}
                     for p in prep.children if p.dep_ == "pobj"), None)
        return f"{kind} in {' '.join(t.lower_ for t in what.subtree)}" if what is not None else kind
    if head.pos_ == "NOUN":
        mods = [t.lower_ for t in head.lefts if t.dep_ in {"amod", "compound"} and t.i > anchor.i]
        return " ".join(mods + [head.lower_])
    return "percent"


_IRREGULAR = {"take": "taken", "give": "given", "get": "gotten", "make": "made", "send": "sent",
              "find": "found", "see": "seen", "pay": "paid", "hold": "held", "lose": "lost", "win": "won",
              "buy": "bought", "sell": "sold", "shut": "shut", "put": "put", "set": "set", "cut": "cut",
              "bring": "brought", "keep": "kept", "spend": "spent", "write": "written", "hit": "hit"}


def _past(verb: Token) -> str:
    """Past participle of a verb ("ban" → "banned", "take" → "taken", "carry" → "carried")."""
    lemma = verb.lemma_.lower()
    if lemma in _IRREGULAR:
        return _IRREGULAR[lemma]
    if re.search(r"[^aeiou]y$", lemma):
        return lemma[:-1] + "ied"  # "verify" → "verified"
    if lemma.endswith("e"):
        return lemma + "d"
    if re.search(r"[^aeiou][aeiou][bdgklmnprt]$", lemma) and len(lemma) <= 4:
        return lemma + lemma[-1] + "ed"
    return lemma + "ed"


def _dedupe(hits: list[MetricHit]) -> list[MetricHit]:
    seen: dict[tuple, MetricHit] = {}
    for h in hits:
        key = (h.subject, h.value, h.unit)
        prev = seen.get(key)
        if prev is None:
            seen[key] = h
        else:
            prev.location = prev.location or h.location
            prev.date = prev.date or h.date
    return list(seen.values())


def setup_extensions() -> None:
    """Register the Doc extension this component assigns."""
    if not Doc.has_extension("kg_metrics"):
        Doc.set_extension("kg_metrics", default=None)


@Language.factory("kg_metrics", requires=["doc._.kg_mentions", "doc._.kg_relations", "token.dep"],
                  assigns=["doc._.kg_metrics", "doc._.kg_relations"])
def make_metric_extractor(nlp: Language, name: str):
    """spaCy factory for :class:`MetricExtractor`."""
    setup_extensions()
    return MetricExtractor()
