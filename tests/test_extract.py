"""Extraction rules, one family at a time, on sentences written for these tests.

These run the real pipeline (the parser is what the rules read), one short text
per case, so together they take a few seconds.
"""

from decimal import Decimal

import pytest

pytestmark = pytest.mark.model


def run(nlp, text):
    doc = nlp(text)
    mentions = {(m.cls, m.label) for m in doc._.kg_mentions}
    relations = {(r.subject.label, r.predicate, r.object.label) for r in doc._.kg_relations}
    metrics = [(m.subject.label, m.value, m.unit, m.location.label if m.location else None, m.date)
               for m in doc._.kg_metrics]
    return doc, mentions, relations, metrics


# ----------------------------------------------------------------------------- entities

@pytest.mark.parametrize("text, expected", [
    ("Snapchat and Pinterest updated their rules.", {("Platform", "Snapchat"), ("Platform", "Pinterest")}),
    ("Officials in Germany met representatives of Spotify.", {("Country", "Germany"), ("Platform", "Spotify")}),
    ("The Korea Fair Trade Commission reviewed the deal.", {("Regulator", "Korea Fair Trade Commission")}),
    ("Mexican authorities questioned the company.", {("Regulator", "Mexican authorities")}),
    ("Kenya's government threatened to suspend the service.", {("Regulator", "Government of Kenya")}),
    ("Lawyers for Aisha Bello said she would appeal.", {("Person", "Aisha Bello")}),
    # a payments service named like one; a listed body the text calls a charity; a research institute
    ("Prices rose.\n\nTelecel Cash is run by Telecel Ghana, which Telecel Group bought control of in 2023.",
     {("Platform", "Telecel Cash")}),
    ("Prices rose.\n\nNetsafe, the online safety charity, welcomed the vote.", {("Organization", "Netsafe")}),
    ("Prices rose.\n\n\"The regulators are coordinating,\" said Chen Wei of the Taiwan Institute of Economic "
     "Research.", {("Organization", "Taiwan Institute of Economic Research")}),
    ("Prices rose.\n\nThe rules were welcomed, said Priya Raman, who heads the Influencer Marketing Council, a trade "
     "group.", {("Organization", "Influencer Marketing Council")}),
    # a chair's name the model calls an organisation; a regulator's local name before its acronym
    ("Prices rose.\n\nOfcom met. The authority, chaired by Annelies De Smet, said it took note.",
     {("Person", "Annelies De Smet")}),
    ("Prices rose.\n\nKivo, the consumer brand of Altice Portugal, is the largest operator.", {("Platform", "Kivo")}),
    # a given name the model left out of the name
    ("Prices rose.\n\nTaras Bondar, the minister for trade, said talks had stalled.", {("Person", "Taras Bondar")}),
    ("Prices rose.\n\nSuperintendent Carolina Mejía Ordóñez has spoken to reporters.",
     {("Person", "Carolina Mejía Ordóñez")}),
    # a name the model tags nothing in, that "who" is said of
    ("Prices rose.\n\nReaction\n\nGrace Atim Okello, who heads the PDPO, welcomed the ruling.",
     {("Person", "Grace Atim Okello")}),
    # a listed body in the other spelling of its English name
    ("Prices rose.\n\nThe Administrative Council for Economic Defence fined iFood.",
     {("Regulator", "Administrative Council for Economic Defense")}),
    # a body's untranslated name headed by "Unidad" or "Servicio"
    ("Prices rose.\n\nThe Unidad Reguladora de Servicios de Energía y Agua (URSEA) questioned Starlink.",
     {("Regulator", "Unidad Reguladora de Servicios de Energía y Agua")}),
    # an operating company's legal name, described as running a platform or as its subsidiary
    ("Prices rose.\n\nKoronea Trading SA is the company that operates Jumia.",
     {("Platform", "Koronea Trading SA")}),
    ("Prices rose.\n\nThe inspectorate fined Alder Point Services Co. Limited, the Dublin-registered Temu subsidiary "
     "that sells to shoppers here.", {("Platform", "Alder Point Services Co. Limited")}),
    # a company's legal name in a Baltic legal form
    ("Prices rose.\n\nThe inspectorate fined Bolt Operations OÜ, the company that runs the app, €10,000.",
     {("Platform", "Bolt Operations OÜ")}),
    # brands their owners write in lower case
    ("Prices rose.\n\nThe watchdog questioned talabat and foodpanda about fees.",
     {("Platform", "Talabat"), ("Platform", "Foodpanda")}),
    # a short name the model misses, counting customers of its own
    ("Prices rose.\n\nVex, which says it has 2 million customers in Kenya, cut its prices.", {("Platform", "Vex")}),
])
def test_entities_are_typed(nlp, text, expected):
    _, mentions, _, _ = run(nlp, text)
    assert expected <= mentions


def test_model_spans_are_repaired(nlp):
    # The NER joins two companies over "and" and tags a money amount or an acronym as ORG.
    _, mentions, _, _ = run(nlp, "Executives from Amazon and Microsoft said the 3.4B figure and the IP rules were wrong.")
    assert {("Platform", "Amazon"), ("Platform", "Microsoft")} <= mentions
    assert not any(label in {"3.4B", "IP", "Amazon and Microsoft"} for _, label in mentions)


def test_an_operating_company_named_without_its_legal_form_is_the_same(nlp):
    doc, _, relations, _ = run(nlp, "Prices rose.\n\nDacor Retail SA is the company that operates eMAG.\n\nThe fine "
                                    "imposed on Dacor Retail by the council in 2025 concerned conduct in 2024.")
    assert {(m.cls, m.label) for m in doc._.kg_mentions if m.label.startswith("Dacor")} == {
        ("Platform", "Dacor Retail SA")}


def test_a_company_the_model_takes_for_a_person_is_a_company(nlp):
    # the model's PERSON over a brand and a legal form, set by hand: the legal form ends a company's name
    from spacy.tokens import Span
    doc = nlp.make_doc("Prices rose.\n\nThe board said that Wolt Enterprises Oy had stored the data.")
    for name, pipe in nlp.pipeline:
        if name == "kg_entities":
            start = next(t.i for t in doc if t.text == "Wolt")
            doc.ents = [Span(doc, start, start + 3, label="PERSON")]
        if name != "ner":
            doc = pipe(doc)
    assert ("Platform", "Wolt Enterprises Oy") in {(m.cls, m.label) for m in doc._.kg_mentions}
    assert not any(m.cls == "Person" for m in doc._.kg_mentions)


def test_a_bare_brand_is_its_local_company_where_the_group_has_a_name_of_its_own(nlp):
    doc, _, _, _ = run(nlp, "Prices rose.\n\nRegulator fines Ooredoo over outage\n\nOman's regulator fined Ooredoo "
                            "Oman on Monday after an outage in Oman. The unit is owned by Ooredoo Group of Qatar and "
                            "serves 2 million customers in Oman. Ooredoo said it would pay.")
    assert {m.key for m in doc._.kg_mentions if m.cls == "Platform" and m.label.startswith("Ooredoo")} == {
        "Ooredoo Oman"}


def test_a_short_name_is_the_body_whose_name_it_begins(nlp):
    # "the National Council" beside two longer councils: the one whose name it begins
    doc, _, _, _ = run(nlp, "Prices rose.\n\nKenya's media regulator on Tuesday ordered Twitch to appoint a "
                            "representative in Kenya.\n\nThe National Council of Film and Broadcasting, usually called "
                            "simply the National Council, said Twitch had 60 days.\n\nIn 2024 the National Security "
                            "and Intelligence Council banned TikTok on official phones.\n\n\"It is final,\" said Jane "
                            "Wambui, who chairs the National Council.")
    assert {m.label for m in doc._.kg_mentions if m.cls == "Regulator"} == {
        "National Council of Film and Broadcasting", "National Security and Intelligence Council"}


def test_a_body_named_in_the_singular_is_the_same(nlp):
    doc, _, _, _ = run(nlp, "Prices rose.\n\nThe Ministry of Posts and Telecommunications of Cambodia fined Signal. "
                            "The Ministry of Post and Telecommunication said Signal must pay.")
    assert len({m.key for m in doc._.kg_mentions if m.cls == "Regulator"}) == 1


def test_a_government_that_does_nothing_is_no_regulator(nlp):
    doc, _, _, _ = run(nlp, "Prices rose.\n\nRussia's media regulator Roskomnadzor slowed WhatsApp in Russia on "
                            "Monday. Russia has other plans: the government promotes Max, a messenger of its own.")
    assert not any(m.label == "Government of Russia" for m in doc._.kg_mentions)
    # ... but one that acts is
    doc, _, relations, _ = run(nlp, "Prices rose.\n\nKenya's drivers struck in Nairobi. The government of Kenya "
                                    "ordered Bolt to cut its commission.")
    assert ("Government of Kenya", "regulates", "Bolt") in relations, relations


def test_a_legal_name_of_a_platform_named_plainly_is_the_same(nlp):
    doc, _, _, _ = run(nlp, "Prices rose.\n\nCareem Pay was fined. Careem's payments arm, Careem Pay LLC, is based "
                            "in Dubai.")
    assert {m.key for m in doc._.kg_mentions if m.label.startswith("Careem Pay")} == {"Careem Pay"}


def test_a_double_barrelled_surname_is_kept_whole(nlp):
    # the model stops a name at the hyphen of its surname
    _, mentions, _, _ = run(nlp, "Prices rose.\n\nUOKiK President Agnieszka Wróblewska-Pietras said the fine was final.")
    assert ("Person", "Agnieszka Wróblewska-Pietras") in mentions, mentions


def test_long_ministry_name_is_kept_whole(nlp):
    _, mentions, _, _ = run(nlp, "Uzbekistan's Ministry of Digital Technologies, Innovation, and Communications "
                                 "summoned the company.")
    assert ("Regulator", "Ministry of Digital Technologies, Innovation, and Communications") in mentions


def test_surname_and_full_name_are_one_person(nlp):
    doc, mentions, _, _ = run(nlp, "Maria Okafor leads the unit. Okafor said the audit would finish in May.")
    people = {m.key for m in doc._.kg_mentions if m.cls == "Person"}
    assert people == {"Maria Okafor"}


def test_acronym_and_definite_reference_resolve_to_the_named_regulator(nlp):
    doc, _, _, _ = run(nlp, "The Dutch Data Protection Authority (AP) opened a case. "
                            "The AP said the Dutch regulator would decide within a year.")
    keys = {m.key for m in doc._.kg_mentions if m.cls == "Regulator"}
    assert len(keys) == 1


def test_unqualified_generic_court_takes_the_article_country(nlp):
    doc, _, _, _ = run(nlp, "Chile's Supreme Court heard the case. Chilean lawyers argued in Santiago. "
                            "Later the Supreme Court asked for more evidence.")
    keys = {m.key for m in doc._.kg_mentions if m.cls == "Regulator"}
    assert len(keys) == 1


def test_renamed_platform_is_one_entity(nlp):
    doc, _, _, _ = run(nlp, "Facebook, now known as Meta, faced questions. Meta declined to comment.")
    keys = {m.key for m in doc._.kg_mentions if m.cls == "Platform"}
    assert keys == {"Meta"}


def test_page_furniture_is_ignored(nlp):
    text = ("By Jonas Lindqvist\n\nSweden's regulator warned Klarna on Monday.\n\n"
            "Disclaimer: This article is not financial advice from Pinterest.\n\n"
            "Jonas Lindqvist on X\n\nRelated Articles\n")
    _, mentions, _, _ = run(nlp, text)
    assert ("Platform", "Klarna") in mentions
    assert ("Platform", "X") not in mentions and ("Platform", "Pinterest") not in mentions
    assert not any(cls == "Person" for cls, _ in mentions)


def test_headline_only_trusts_gazetteer_names(nlp):
    _, mentions, _, _ = run(nlp, "Spotify Agrees to Open Hub in Poland to Boost Local Growth\n\n"
                                 "Spotify said it would hire staff.")
    assert ("Platform", "Spotify") in mentions
    assert not any(cls in {"Organization", "Person"} for cls, _ in mentions)


# ----------------------------------------------------------------------------- relations

@pytest.mark.parametrize("text, triple", [
    ("Reddit CEO Steve Huffman defended the change.", ("Steve Huffman", "ceoOf", "Reddit")),
    ("Evan Spiegel, the chief executive of Snap, spoke first.", ("Evan Spiegel", "ceoOf", "Snap")),
    ("Discord was founded by Jason Citron.", ("Jason Citron", "founderOf", "Discord")),
    ("Jack Dorsey, who co-founded Twitter, left the board.", ("Jack Dorsey", "founderOf", "Twitter")),
])
def test_title_relations(nlp, text, triple):
    _, _, relations, _ = run(nlp, text)
    s, p, o = triple
    assert any(r[0] == s and r[1] == p and (o is None or r[2] == o) for r in relations), relations


def test_minister_title_implies_the_ministry(nlp):
    _, _, relations, _ = run(nlp, "Nigeria's Minister of Communications, Bosun Tijani, met the firm.")
    assert ("Bosun Tijani", "headOf", "Ministry of Communications") in relations
    assert ("Ministry of Communications", "jurisdiction", "Nigeria") in relations


@pytest.mark.parametrize("text, triple", [
    ("YouTube owner Alphabet reported results.", ("YouTube", "ownedBy", "Alphabet")),
    ("Microsoft, the parent company of LinkedIn, agreed.", ("LinkedIn", "ownedBy", "Microsoft")),
    ("The Amazon-owned Twitch changed its rules.", ("Twitch", "ownedBy", "Amazon")),
    ("Douyin, owned by Beijing-based ByteDance, grew fast.", ("Douyin", "ownedBy", "ByteDance")),
    ("Alphabet's other services, such as YouTube and Waymo, were not named.", ("YouTube", "ownedBy", "Alphabet")),
])
def test_ownership(nlp, text, triple):
    _, _, relations, _ = run(nlp, text)
    assert triple in relations


def test_office_needs_the_platform_as_actor_and_a_country(nlp):
    _, _, relations, _ = run(nlp, "Netflix agreed to open a local office in Indonesia. "
                                  "Services like Disney+ and Hulu must appoint a representative in Indonesia.")
    assert ("Netflix", "hasOffice", "Netflix office in Indonesia") in relations
    assert ("Netflix office in Indonesia", "locatedIn", "Indonesia") in relations
    assert not any(r[1] == "hasOffice" and r[0] != "Netflix" for r in relations)


def test_office_in_the_country_resolves_to_the_article_country(nlp):
    _, _, relations, _ = run(nlp, "Vietnam tightened its rules this year. Vietnamese officials were pleased when "
                                  "Spotify decided to set up an office in the country.")
    assert ("Spotify", "hasOffice", "Spotify office in Vietnam") in relations


@pytest.mark.parametrize("text, triple", [
    ("Italy's competition authority fined Apple over its app store.",
     ("Italian competition authority", "enforcesAgainst", "Apple")),
    ("Uber was fined by the French data protection watchdog.",
     ("French data protection watchdog", "enforcesAgainst", "Uber")),
    ("Spotify fined $5m by Swedish regulator", ("Swedish regulator", "enforcesAgainst", "Spotify")),
    ("Turkey imposed a ban on Wikipedia and Discord.", ("Government of Turkey", "enforcesAgainst", "Discord")),
    ("Spanish prosecutors charged Kevin Marsh with fraud.", ("Spanish prosecutors", "enforcesAgainst", "Kevin Marsh")),
    ("The Federal Communications Commission ordered Amazon to restore service.",
     ("Federal Communications Commission", "regulates", "Amazon")),
    ("Ofcom is working with Reddit on child safety.", ("Ofcom", "regulates", "Reddit")),
])
def test_regulator_actions(nlp, text, triple):
    _, _, relations, _ = run(nlp, text)
    assert triple in relations, relations


def test_sanction_on_listed_platforms(nlp):
    _, _, relations, _ = run(nlp, "Pakistan's telecom regulator imposed fines on several apps, including Bigo Live "
                                  "and Tinder.")
    targets = {r[2] for r in relations if r[1] == "enforcesAgainst"}
    assert {"Bigo Live", "Tinder"} <= targets


def test_jurisdiction_from_possessive_and_demonym(nlp):
    _, _, relations, _ = run(nlp, "Japan's Fair Trade Commission and Korean regulators met Google.")
    assert ("Japanese Fair Trade Commission", "jurisdiction", "Japan") in relations or \
           ("Fair Trade Commission", "jurisdiction", "Japan") in relations
    assert any(r[1] == "jurisdiction" and r[2] == "South Korea" for r in relations)


def test_operates_in_from_usage(nlp):
    _, _, relations, _ = run(nlp, "Roblox has 9 million players in Brazil, and Zoom users in Peru grew.")
    assert ("Zoom", "operatesIn", "Peru") in relations


# ----------------------------------------------------------------------------- metrics

@pytest.mark.parametrize("text, expected", [
    ("Instagram has 2.5 million users in Chile.", ("Instagram", Decimal("2500000"), "users", "Chile")),
    ("Snapchat removed 3.2B posts last year.", ("Snapchat", Decimal("3200000000"), "posts", None)),
    ("ShareChat banned over 12 lakh accounts in India.", ("ShareChat", Decimal("1200000"), "accounts", "India")),
    ("Koo reported 4 crore downloads in India.", ("Koo", Decimal("40000000"), "downloads", "India")),
    ("Paytm processed 17,59,000 orders in India.", ("Paytm", Decimal("1759000"), "orders", "India")),
])
def test_count_metrics_are_normalised(nlp, text, expected):
    _, _, _, metrics = run(nlp, text)
    assert expected in [m[:4] for m in metrics], metrics


@pytest.mark.parametrize("text, expected", [
    ("The regulator fined Uber €290m.", ("Uber", Decimal("290000000"), "EUR")),
    ("Kenya imposed a fine of 2.5 billion Kenyan shillings on Safaricom.", ("Safaricom", Decimal("2500000000"), "KES")),
    ("Brazil fined Rumble 1.2 million reais ($220,000).", ("Rumble", Decimal("1200000"), "BRL")),
])
def test_money_metrics_have_iso_currency(nlp, text, expected):
    _, _, _, metrics = run(nlp, text)
    assert expected in [m[:3] for m in metrics], metrics
    # the bracketed conversion restates the amount: no second metric
    assert len(metrics) == 1


def test_metric_date_and_percent(nlp):
    _, _, _, metrics = run(nlp, "Zoom said its revenue in Canada rose 12% in the second quarter of 2023.")
    assert ("Zoom", Decimal("12"), "percent") in [m[:3] for m in metrics]
    assert metrics[0][4] == "2023-Q2"


def test_no_metric_without_a_subject_or_countable(nlp):
    _, _, _, metrics = run(nlp, "The law gives firms 48 hours to respond, and large platforms must report twice a year.")
    assert metrics == []


def test_a_year_naming_a_decision_is_no_count(nlp):
    _, _, _, metrics = run(nlp, "Prices rose.\n\nAdvocates pushed for that clause after similar language appeared in "
                                "the FTC's 2023 order against Amazon over its voice assistant.")
    assert not any(v == Decimal("2023") for _, v, _, _, _ in metrics), metrics
    _, _, _, metrics = run(nlp, "Prices rose.\n\nUber said 2,023 drivers in Kenya had been paid.")
    assert any(v == Decimal("2023") and u == "drivers" for _, v, u, _, _ in metrics), metrics


@pytest.mark.parametrize("text, reference, expected", [
    ("the third quarter of 2024", None, "2024-Q3"),
    ("Nov 2021", None, "2021-11"),
    ("October 14, 2024", None, "2024-10-14"),
    ("November", "2022-01-01", "2021-11"),
    ("the month of March", "2023-05", "2023-03"),
    ("last year", "2020-06", "2019"),
    ("monthly", "2020-06", None),
    ("November", None, None),
])
def test_dates_are_normalised(text, reference, expected):
    from kgbuild.extract.metrics import normalise_date

    assert normalise_date(text, reference) == expected


@pytest.mark.parametrize("tokens, expected", [
    (["12.5", "million"], (Decimal("12500000"), None)),
    (["€", "1.2bn"], (Decimal("1200000000"), "EUR")),
    (["US$", "3"], (Decimal("3"), "USD")),
    (["17,59,000"], (Decimal("1759000"), None)),
    (["40", "crore"], (Decimal("400000000"), None)),
    (["2.5", "lakh"], (Decimal("250000"), None)),
    (["$", "290m."], (Decimal("290000000"), "USD")),
    (["three"], None),
])
def test_numbers_are_parsed(tokens, expected):
    from kgbuild.extract.metrics import parse_number

    assert parse_number(tokens) == expected


def test_relative_month_uses_the_article_date(nlp):
    _, _, _, metrics = run(nlp, "Signal Growth Report, Feb 2023\n\nSignal said it gained 2 million users in "
                                "Germany in December.")
    assert ("Signal", Decimal("2000000"), "users", "Germany", "2022-12") in metrics


@pytest.mark.parametrize("text", [
    "Signal strength on rural roads remains weak.",
    "Line managers said the rota was unclear.",
    "A meta-analysis of X-ray studies found no effect.",
    "The budget of Project X was cut.",
])
def test_everyday_words_are_not_brands(nlp, text):
    _, mentions, _, _ = run(nlp, text)
    assert not any(cls == "Platform" for cls, _ in mentions), mentions


def test_country_named_person_keeps_full_name(nlp):
    _, mentions, _, _ = run(nlp, "Chad Johnson, a lawyer in Jordan, said the rules were unfair.")
    assert ("Person", "Chad Johnson") in mentions


@pytest.mark.parametrize("text, triple", [
    ("The head of Ofcom, Melanie Dawes, warned Snapchat about age checks.", ("Melanie Dawes", "headOf", "Ofcom")),
    ("The head of Ofcom, Melanie Dawes, warned Snapchat about age checks.", ("Ofcom", "regulates", "Snapchat")),
    ("The Federal Trade Commission met lawyers. The agency later sued Amazon.",
     ("Federal Trade Commission", "enforcesAgainst", "Amazon")),
    ("Vietnam's Ministry of Information and Communications said Temu must register by June.",
     ("Ministry of Information and Communications", "regulates", "Temu")),
    ("Spotify entered the Nigerian market last year.", ("Spotify", "operatesIn", "Nigeria")),
    ("Netflix is available in Kenya and Ghana.", ("Netflix", "operatesIn", "Ghana")),
    ("Google has appointed a grievance officer for India.", ("Google", "hasOffice", "Google office in India")),
    # a representative in no named place answers to the body that reports it; however the parser
    # hangs "appointed"
    ("Poland's Office of Electronic Communications said that Snapchat and Twitch, Amazon's streaming service, had "
     "all appointed representatives.", ("Twitch", "hasOffice", "Twitch office in Poland")),
    # the second verb of a relative clause on the body
    ("Prices rose.\n\nPayments are the job of the Bank of Ghana, which supervises Zeepay and licenses payment apps "
     "such as Chipper Cash.", ("Bank of Ghana", "regulates", "Chipper Cash")),
    # "both" and "they" for the platforms named together just before
    ("Prices rose.\n\nSnapchat and Twitch grew fast last year. Both are supervised by the Media Council.",
     ("Media Council", "regulates", "Twitch")),
    # operators described as the story country's own
    ("Prices rose.\n\nKenya's regulator met in Nairobi on Monday. The rules in Kenya are new.\n\nTelkom and "
     "Safaricom, the country's two mobile operators, both said data traffic on their networks was back to normal by "
     "evening.", ("Telkom", "operatesIn", "Kenya")),
    # a brand's product named with a product word the list does not give the brand
    ("Prices rose.\n\nThe central bank fined Jumia Pay, and Careem Pay was warned.", ("Jumia Pay", "ownedBy", "Jumia")),
    # a possessed description and a rival's, joined by "and"
    ("Prices rose.\n\nTalabat, Delivery Hero's delivery brand and Careem's main rival in Jordan, was not named.",
     ("Talabat", "ownedBy", "Delivery Hero")),
    ("Prices rose.\n\nTalabat, Delivery Hero's delivery brand and Careem's main rival in Jordan, was not named.",
     ("Talabat", "operatesIn", "Jordan")),
    # "co-founded" in a relative clause, which the tokenizer splits
    ("Prices rose.\n\nRappi, which Simón Borrero co-founded in Bogotá in 2015, has been owned by investors since "
     "2020.", ("Simón Borrero", "founderOf", "Rappi")),
    # registered with the body whose head reports it, the examples hung on the verb
    ("Prices rose.\n\nCommunications and Digital Economy Minister Kofi Mensah told a press conference at the Ministry "
     "of Communications and Digital Economy (MoCDE) in Accra that 19 platforms had registered, including Signal, "
     "Twitch and Snapchat.", ("Ministry of Communications and Digital Economy", "regulates", "Twitch")),
])
def test_more_relation_forms(nlp, text, triple):
    _, _, relations, _ = run(nlp, text)
    assert triple in relations, relations


def test_a_description_is_the_body_whose_name_says_the_same_in_other_words(nlp):
    # "the media regulator" is the council of radio and television, which the story names without
    # its country, not the country's most-named body
    text = ("Prices rose in Poland.\n\nPoland's media regulator on Monday ordered Kick to appoint a representative. "
            "The National Council of Radio and Television said Kick had ignored three requests. Separately, the Office "
            "of Competition and Consumer Protection fined Allegro. The Office of Competition and Consumer Protection "
            "said Allegro would pay.")
    _, _, relations, _ = run(nlp, text)
    assert ("National Council of Radio and Television", "regulates", "Kick") in relations, relations
    assert not any(r[0].startswith("Office of Competition") and r[2] == "Kick" for r in relations), relations


def test_distinct_descriptions_of_one_country_stay_apart(nlp):
    doc, _, relations, _ = run(nlp, "The Turkish competition board fined Google, and Turkey's telecom regulator "
                                    "throttled Twitter.")
    assert len({m.key for m in doc._.kg_mentions if m.cls == "Regulator"}) == 2


def test_month_without_article_date_is_not_guessed(nlp):
    _, _, _, metrics = run(nlp, "Temu has 5 million shoppers in Vietnam. Spotify entered Nigeria in 2021. "
                                "Temu grew in October.")
    assert all(m[4] is None for m in metrics if m[0] == "Temu")


def test_object_control_and_imposed_costs(nlp):
    _, _, relations, metrics = run(nlp, "The Delhi High Court imposed costs of Rs 5 lakh on Rumble. India's "
                                        "Ministry of Electronics and Information Technology had ordered the platform "
                                        "to block 1,200 accounts in India.")
    assert any(r[1] == "enforcesAgainst" and r[2] == "Rumble" for r in relations), relations
    assert ("Rumble", Decimal("1200"), "accounts", "India") in [m[:4] for m in metrics]


def test_news_agencies_and_credits_are_not_entities(nlp):
    _, mentions, _, _ = run(nlp, "Kenya's regulator fined Safaricom, Reuters reported.\n\n"
                                 "(With inputs from AFP and PTI)")
    assert not any(label in {"Reuters", "AFP", "PTI"} for _, label in mentions)


def test_name_stops_at_a_weekday(nlp):
    _, mentions, _, _ = run(nlp, "The Lagos High Court on Friday dismissed the case against Jumia.")
    assert not any("Friday" in label for _, label in mentions)


def test_combined_titles_give_both_relations(nlp):
    _, _, relations, _ = run(nlp, "Telegram co-founder and CEO Pavel Durov spoke in Dubai.")
    assert {("Pavel Durov", "ceoOf", "Telegram"), ("Pavel Durov", "founderOf", "Telegram")} <= relations


def test_the_government_of_a_national_story(nlp):
    _, _, relations, _ = run(nlp, "Kazakhstan passed a media law. Kazakh officials welcomed it. "
                                  "The government ordered Telegram to remove illegal channels.")
    assert ("Government of Kazakhstan", "regulates", "Telegram") in relations


@pytest.mark.parametrize("text, expected", [
    ("Telegram's users in Kazakhstan grew to 12 million.", ("Telegram", Decimal("12000000"), "users", "Kazakhstan")),
    ("The number of TikTok accounts in Kenya reached 3 million.", ("TikTok", Decimal("3000000"), "accounts", "Kenya")),
])
def test_figures_after_verbs(nlp, text, expected):
    _, _, _, metrics = run(nlp, text)
    assert expected in [m[:4] for m in metrics], metrics


@pytest.mark.parametrize("text, measure", [
    ("Signal said its downloads in Brazil rose 40% in January.", "increase"),
    ("TikTok said 60 percent of its videos in Kenya were removed automatically.", "share of videos"),
])
def test_percent_measures(nlp, text, measure):
    doc = nlp(text)
    measures = [m.measure for m in doc._.kg_metrics if m.unit == "percent"]
    assert any(m.startswith(measure) for m in measures), measures


# ----------------------------------------------------------------------------- forms found on held-out articles

def test_regulator_names_run_across_and(nlp):
    _, mentions, _, _ = run(nlp, "Ghana's National Communications and Data Authority warned MTN on Monday.")
    assert ("Regulator", "National Communications and Data Authority") in {(c, l) for c, l in mentions}, mentions
    assert not any(label == "National Communications" for _, label in mentions)


def test_a_title_before_a_name_is_not_a_regulator(nlp):
    _, mentions, _, _ = run(nlp, "Commissioner Ana Torres said Uber must comply with the rules.")
    assert ("Person", "Ana Torres") in mentions
    assert not any(cls == "Regulator" for cls, _ in mentions), mentions


def test_the_regulator_is_not_the_court_named_last(nlp):
    _, _, relations, _ = run(nlp, "Chile's National Consumer Service fined Rappi in May. Rappi appealed to the "
                                  "Supreme Court of Chile. The regulator then ordered Rappi to refund users.")
    assert not any(s.startswith("Supreme Court") for s, _, _ in relations if s), relations
    assert ("National Consumer Service", "regulates", "Rappi") in relations, relations


def test_descriptive_reference_joins_the_named_regulator(nlp):
    doc, _, _, _ = run(nlp, "Japan's Japan Fair Trade Commission fined Rakuten. Japan's antitrust regulator said "
                            "Rakuten had a month to appeal.")
    assert len({m.key for m in doc._.kg_mentions if m.cls == "Regulator"}) == 1


def test_hyphenated_given_names(nlp):
    doc, mentions, _, _ = run(nlp, "Chairman Lee Min-jun spoke first. Lee said Kakao would comply.")
    assert {m.key for m in doc._.kg_mentions if m.cls == "Person"} == {"Lee Min-jun"}


@pytest.mark.parametrize("text, triple", [
    ("Bolt said it was working closely with Estonia's Consumer Protection and Technical Regulatory Authority.",
     ("Consumer Protection and Technical Regulatory Authority", "regulates", "Bolt")),
    ("The Competition Commission of South Africa and Google signed a settlement agreement in May.",
     ("Competition Commission", "regulates", "Google")),
    ("Reddit received a formal notice from the Australian Communications and Media Authority.",
     ("Australian Communications and Media Authority", "regulates", "Reddit")),
    ("The Federal Trade Commission took Amazon to court in 2023.",
     ("Federal Trade Commission", "enforcesAgainst", "Amazon")),
    ("Brazil's National Data Protection Authority said it had fined Kwai for breaking the law.",
     ("National Data Protection Authority", "enforcesAgainst", "Kwai")),
    ("Bolt received a fine of €2 million from Poland's competition watchdog.",
     ("competition watchdog", "enforcesAgainst", "Bolt")),
    ("The European Commission launched formal proceedings against Temu on Thursday.",
     ("European Commission", "enforcesAgainst", "Temu")),
    ("The Ghanaian regulator gave Uber 14 days to register its drivers.",
     ("Ghanaian regulator", "regulates", "Uber")),
])
def test_dealings_notices_and_proceedings(nlp, text, triple):
    # the regulator's label depends on how its name is qualified; its name is in it
    _, _, relations, _ = run(nlp, text)
    assert any(triple[0] in s and (p, o) == triple[1:] for s, p, o in relations), relations


def test_ownership_list_stops_at_an_apposition(nlp):
    _, _, relations, _ = run(nlp, "The ministry summoned Alphabet, owner of YouTube, and ByteDance, parent company "
                                  "of TikTok, last week.")
    assert {("YouTube", "ownedBy", "Alphabet"), ("TikTok", "ownedBy", "ByteDance")} <= relations, relations
    assert ("ByteDance", "ownedBy", "Alphabet") not in relations


@pytest.mark.parametrize("text, triple", [
    ("Zoom, whose founder Eric Yuan still runs it, said the order was unclear.", ("Eric Yuan", "founderOf", "Zoom")),
    ("Shopee said Chris Feng is still its chief executive.", ("Chris Feng", "ceoOf", "Shopee")),
    ("Energy Secretary Lena Park said the Ministry of Energy and Mines backed the ban.",
     ("Lena Park", "headOf", "Ministry of Energy and Mines")),
    ("Uber, run by chief executive Dara Khosrowshahi since 2017, said it would appeal.",
     ("Dara Khosrowshahi", "ceoOf", "Uber")),
])
def test_titles_from_context(nlp, text, triple):
    _, _, relations, _ = run(nlp, text)
    assert triple in relations, relations


def test_office_country_inside_the_noun_phrase(nlp):
    _, _, relations, _ = run(nlp, "Google has appointed a grievance officer resident in India, as the rules require.")
    assert ("Google office in India", "locatedIn", "India") in relations, relations


def test_office_in_a_city_of_the_story_country(nlp):
    _, _, relations, _ = run(nlp, "Peru's regulator questioned Spotify. Spotify, which has operated an office in "
                                  "Lima since 2019, said Peru is a key market. Peruvian users welcomed it.")
    assert ("Spotify office in Peru", "locatedIn", "Peru") in relations, relations


@pytest.mark.parametrize("text, expected", [
    ("The authority fined Bolt KSh 2.5 million on Monday.", ("Bolt", Decimal("2500000"), "KES")),
    ("Inspectors fined Shopee VND 150 million (about 5,900 USD) last year.", ("Shopee", Decimal("150000000"), "VND")),
    ("The regulator imposed a fine of N32.8 billion on Jumia.", ("Jumia", Decimal("32800000000"), "NGN")),
    ("Takealot was ordered to pay R1.2-billion by the Competition Tribunal.", ("Takealot", Decimal("1200000000"), "ZAR")),
    ("Netflix must pay MX$4.8 million for raising prices.", ("Netflix", Decimal("4800000"), "MXN")),
    ("In 2021 the commission fined Google ₩207.4bn for restricting rivals.", ("Google", Decimal("207400000000"), "KRW")),
])
def test_more_money_notations(nlp, text, expected):
    _, _, _, metrics = run(nlp, text)
    assert expected in [(m[0], m[1], m[2]) for m in metrics], metrics
    assert not any(m[2] == "USD" for m in metrics), "a restated amount in parentheses is not a second metric"


def test_residents_using_a_platform_are_its_users_there(nlp):
    _, _, relations, metrics = run(nlp, "Around 3.4 million Kenyans use Bolt every month.")
    assert ("Bolt", Decimal("3400000"), "users", "Kenya") in [m[:4] for m in metrics], metrics
    assert ("Bolt", "operatesIn", "Kenya") in relations


def test_a_gapped_figure_belongs_to_the_name_before_it(nlp):
    _, _, _, metrics = run(nlp, "Spotify has 9 million users and Deezer about 2 million users in France.")
    assert ("Deezer", Decimal("2000000"), "users") in [m[:3] for m in metrics], metrics


def test_fines_for_each_platform(nlp):
    _, _, _, metrics = run(nlp, "The commission is weighing fines of up to €30m for Apple.")
    assert ("Apple", Decimal("30000000"), "EUR") in [m[:3] for m in metrics], metrics


@pytest.mark.parametrize("text, triple", [
    ("Meta Platforms Inc.'s WhatsApp has more than 90 million users in Nigeria.", ("WhatsApp", "ownedBy", "Meta")),
    ("The Bundeskartellamt summoned executives of Zalando on Tuesday.", ("Bundeskartellamt", "regulates", "Zalando")),
    ("A probe into Amazon was opened by the Bundeskartellamt last year.", ("Bundeskartellamt", "enforcesAgainst", "Amazon")),
    ("Takealot was ordered to pay R1.2-billion by the Competition Tribunal.",
     ("Competition Tribunal", "enforcesAgainst", "Takealot")),  # an order to pay is a penalty
    ("The blocking of Wikipedia by Turkey's telecom authority lasted three years.",
     ("Turkish telecom authority", "enforcesAgainst", "Wikipedia")),
    ("The lawsuit filed by the FTC against Amazon in 2023 is still pending.",
     ("Federal Trade Commission", "enforcesAgainst", "Amazon")),
    ("Uganda's communications regulator directed MTN and Airtel to block Facebook during the vote.",
     ("Ugandan communications regulator", "enforcesAgainst", "Facebook")),
])
def test_possessed_platforms_delegates_and_passive_probes(nlp, text, triple):
    _, _, relations, _ = run(nlp, text)
    assert triple in relations, relations


@pytest.mark.parametrize("text, expected", [
    ("The Cybersecurity Investigation and Response Center (CIRC) asked Meta to act.",
     ("Organization", "Cybersecurity Investigation and Response Center")),
    ("The Lagos Amusement and Gaming Corporation (LAGCOR) asked Bet9ja to stop.",
     ("Organization", "Lagos Amusement and Gaming Corporation")),
    ("Chile's Comisión para el Mercado Financiero (CMF) fined Binance last week.",
     ("Regulator", "Comisión para el Mercado Financiero")),
])
def test_names_repaired_by_their_acronym(nlp, text, expected):
    _, mentions, _, _ = run(nlp, text)
    assert expected in mentions or any(c == expected[0] and expected[1] in l for c, l in mentions), mentions


def test_a_law_acronym_is_not_an_organisation(nlp):
    _, mentions, _, _ = run(nlp, "The Digital Markets Act (DMA) applies to Apple.")
    assert not any(cls == "Organization" for cls, _ in mentions), mentions


def test_organisations_typed_by_role(nlp):
    doc, mentions, _, _ = run(nlp, "Two local platforms, Kopa Shop and Tradewise, complained to the regulator.")
    classes = {m.label: m.cls for m in doc._.kg_mentions}
    assert classes.get("Kopa Shop") == "Platform", classes


def test_an_authority_that_fines_a_platform_is_a_regulator(nlp):
    doc, _, relations, _ = run(nlp, "The Bangko Sentral ng Pilipinas fined GCash PHP 1.5 million on Friday.")
    assert any(m.cls == "Regulator" and "Bangko Sentral" in m.label for m in doc._.kg_mentions), doc._.kg_mentions
    assert any(p == "enforcesAgainst" and o == "GCash" for _, p, o in relations), relations


def test_titles_made_of_a_body_and_a_role(nlp):
    _, mentions, relations, _ = run(nlp, "The National Telecommunications Commission (NTC) issued the order. "
                                         "NTC Commissioner Ramon Cruz said Globe must comply.")
    assert not any(cls == "Regulator" and "Commissioner" in label for cls, label in mentions), mentions
    assert ("Ramon Cruz", "headOf", "National Telecommunications Commission") in relations, relations


def test_the_capitalised_body_of_a_kind_named_before(nlp):
    doc, _, _, _ = run(nlp, "The Competition Commission referred Google to the Competition Tribunal. "
                            "The Tribunal will hear the case in May.")
    keys = {m.key for m in doc._.kg_mentions if m.cls == "Regulator"}
    assert len(keys) == 2, keys


def test_a_surname_the_model_calls_an_organisation_is_the_person(nlp):
    doc, _, _, _ = run(nlp, "Commissioner Sipho Mthembu spoke first. Mthembu said Google had a month.")
    assert {m.cls for m in doc._.kg_mentions if doc[m.start:m.end].text == "Mthembu"} <= {"Person"}


@pytest.mark.parametrize("text, triple", [
    ("The agency sued Walmart Inc. and its grocery subsidiary Flipkart last week.", ("Flipkart", "ownedBy", "Walmart Inc.")),
    ("Naver, which owns Line, denied the claims.", ("Line", "ownedBy", "Naver")),
    ("Flipkart, the biggest online store in the country, which is owned by Walmart, welcomed it.",
     ("Flipkart", "ownedBy", "Walmart")),
    ("Apple, the maker of FaceTime, must store data locally.", ("FaceTime", "ownedBy", "Apple")),
    ("Coinbase, founded by Brian Armstrong in 2012, said it would comply.", ("Brian Armstrong", "founderOf", "Coinbase")),
])
def test_more_ownership_and_founding_forms(nlp, text, triple):
    _, _, relations, _ = run(nlp, text)
    assert triple in relations, relations


@pytest.mark.parametrize("text, triple", [
    ("The Competition Commission has referred Microsoft to the Competition Tribunal.",
     ("Competition Commission", "enforcesAgainst", "Microsoft")),
    ("Ofcom, the UK regulator, confirmed a probe into Kick's moderation on Friday.", ("Ofcom", "enforcesAgainst", "Kick")),
    ("The Dutch regulator has directed microblogging platform X and homegrown video app Kwai to take down posts.",
     ("Dutch regulator", "regulates", "Kwai")),
])
def test_referrals_probes_and_lost_parses(nlp, text, triple):
    _, _, relations, _ = run(nlp, text)
    assert triple in relations, relations


@pytest.mark.parametrize("text, triple", [
    ("The Federal Competition Commission fined Meta. Announcing the decision, the Executive Vice Chairman of the "
     "Commission, Mr Musa Bello, said it was final.", ("Musa Bello", "headOf", "Federal Competition Commission")),
    ("The National Data Commission (NDC) wrote to Meta. Its National Commissioner, Dr Amaka Obi, spoke later.",
     ("Amaka Obi", "headOf", "National Data Commission")),
    ("The FTC sued Amazon. FTC Chair Dana Wells said in a statement that the case was strong.",
     ("Dana Wells", "headOf", "Federal Trade Commission")),
    ('"Kids deserve to know," FTC Chair Marcus Ellery said in a statement.',
     ("Marcus Ellery", "headOf", "Federal Trade Commission")),
])
def test_titles_with_honorifics_and_pronouns(nlp, text, triple):
    _, _, relations, _ = run(nlp, text)
    assert any(s == triple[0] and p == triple[1] and triple[2] in o for s, p, o in relations), relations


def test_a_name_after_an_abbreviated_honorific_stays_in_its_sentence(nlp):
    _, mentions, relations, _ = run(nlp, "The Telecommunications Regulatory Authority (TRA) met Viber. "
                                         "TRA Director General Eng. Salim Al Harthy said the talks went well.")
    assert not any(label == "Eng" for _, label in mentions), mentions
    assert any(s == "Salim Al Harthy" and p == "headOf" for s, p, _ in relations), relations


def test_a_name_cut_at_its_parenthesis_is_repaired_by_the_acronym(nlp):
    _, mentions, _, _ = run(nlp, "The Cybercrime Investigation and Coordinating Center (CICC) said it is asking Meta "
                                 "to take down pages.")
    assert any(label == "Cybercrime Investigation and Coordinating Center" for _, label in mentions), mentions


def test_a_list_shares_its_description(nlp):
    doc, _, _, _ = run(nlp, "The central bank said GCash and Maya, the two largest e-wallets, must remove the links.")
    assert {m.label: m.cls for m in doc._.kg_mentions}.get("Maya") == "Platform", doc._.kg_mentions


def test_a_name_after_an_honorific(nlp):
    _, mentions, relations, _ = run(nlp, "Mrs Temitope Adeyemi, President of the Ibadan Market Women Association, "
                                         "said sales had fallen.")
    assert ("Person", "Temitope Adeyemi") in mentions, mentions
    assert ("Temitope Adeyemi", "headOf", "Ibadan Market Women Association") in relations, relations


def test_an_amount_levied_on_a_platform(nlp):
    _, _, relations, _ = run(nlp, "It is small beside the €90m that the Dutch Data Protection Authority levied on "
                                  "Uber in 2024.")
    assert any(p == "enforcesAgainst" and o == "Uber" for _, p, o in relations), relations


@pytest.mark.parametrize("text, expected", [
    ("Chilean users held roughly 310,000 verified Binance accounts as of June.", ("Binance", Decimal("310000"), "accounts")),
    ("Bolt said its active riders rose to 4.1 million in March, up from 3.2 million a year earlier.",
     ("Bolt", Decimal("3200000"), "riders")),
])
def test_figures_the_tagger_or_the_clause_hides(nlp, text, expected):
    _, _, _, metrics = run(nlp, text)
    assert expected in [m[:3] for m in metrics], metrics


@pytest.mark.parametrize("text, triple", [
    ("Instagram, Snapchat and YouTube have until March to submit their own plans to the eSafety Commissioner.",
     ("eSafety Commissioner", "regulates", "Snapchat")),
    ("Bitget registered with the Financial Conduct Authority last year.",
     ("Financial Conduct Authority", "regulates", "Bitget")),
])
def test_what_a_platform_owes_its_regulator(nlp, text, triple):
    _, _, relations, _ = run(nlp, text)
    assert triple in relations, relations


def test_domain_names_are_platforms(nlp):
    _, mentions, relations, _ = run(nlp, "Buda.com, the exchange that also operates in Peru and Colombia, grew fast.")
    assert ("Platform", "Buda.com") in mentions
    assert ("Buda.com", "operatesIn", "Peru") in relations, relations


@pytest.mark.parametrize("text, expected", [
    ("Spotify has 9 million paying subscribers in Brazil and employs 300 engineers there.",
     [("Spotify", Decimal("9000000"), "subscribers"), ("Spotify", Decimal("300"), "engineers")]),
    ("Binance processed 14 million trades in 2024.", [("Binance", Decimal("14000000"), "trades")]),
])
def test_any_plural_counted_in_digits(nlp, text, expected):
    _, _, _, metrics = run(nlp, text)
    assert set(expected) <= {m[:3] for m in metrics}, metrics


@pytest.mark.parametrize("text", [
    "Netflix operates in 190 countries.",
    "Two officials familiar with the matter said Meta would appeal.",
    "Meta has 30 days to respond.",
])
def test_spans_of_time_places_and_words_are_not_counted(nlp, text):
    _, _, _, metrics = run(nlp, text)
    assert metrics == [], metrics


@pytest.mark.parametrize("text, triple", [
    ("The penalty is modest next to the €1.13bn the AGCM imposed on Amazon in 2021.", ("AGCM", "enforcesAgainst", "Amazon")),
    ("In Brussels, the European Commission is assessing whether Zalando's marketplace rules comply with the law.",
     ("European Commission", "regulates", "Zalando")),
    ("After months of talks, the Federal Trade Commission and Uber signed a settlement agreement.",
     ("Federal Trade Commission", "regulates", "Uber")),
])
def test_amounts_imposed_examinations_and_agreements(nlp, text, triple):
    _, _, relations, _ = run(nlp, text)
    assert triple in relations, relations


@pytest.mark.parametrize("text, triple", [
    ("Ofcom boss Melanie Dawes told MPs the rules were working.", ("Melanie Dawes", "headOf", "Ofcom")),
    ("WhatsApp's Nigerian users complained about the new fees.", ("WhatsApp", "operatesIn", "Nigeria")),
    ("Indian users of Koo fell sharply last year.", ("Koo", "operatesIn", "India")),
])
def test_bosses_of_bodies_and_users_by_nationality(nlp, text, triple):
    _, _, relations, _ = run(nlp, text)
    assert triple in relations, relations


@pytest.mark.parametrize("text, name", [
    ("Ride-hailing company Yassir said it would appeal.", "Yassir"),
    ("The e-commerce firm Noon expanded to Egypt last year.", "Noon"),
    ("Streaming service Shahid has 4 million subscribers.", "Shahid"),
    # names the model missed or called a title, described as a platform
    ("Zafio, the payment app licensed by the Bank of Ghana, said it had added 20,000 users.", "Zafio"),
    ("The Competition Council has fined the classifieds site Kupujemo €50,000 for misleading adverts.", "Kupujemo"),
    ("Oglasnik is the island's most visited classifieds site, with 300,000 monthly users.", "Oglasnik"),
    # a short all-capitals name described as a brand, not an undefined acronym
    # listed with a platform the gazetteer knows
    ("The regulator also wrote to NOS and Vodafone about similar charges.", "NOS"),
    ("The authority fined VEO €2 million. VEO, the consumer brand of Telco Holdings, is the largest operator.", "VEO"),
])
def test_industry_descriptors_make_platforms(nlp, text, name):
    _, mentions, _, _ = run(nlp, text)
    assert ("Platform", name) in mentions, mentions


def test_a_plain_company_is_an_organisation(nlp):
    _, mentions, _, _ = run(nlp, "A company called Acme Corp said it would appeal.")
    assert not any(cls == "Platform" for cls, _ in mentions), mentions


def test_one_name_keeps_one_class_in_an_article(nlp):
    doc, _, _, _ = run(nlp, "The rules test Botim, the licensed calling app. Botim said it would compete on features.")
    assert {m.cls for m in doc._.kg_mentions if m.label == "Botim"} == {"Platform"}, doc._.kg_mentions


def test_a_platforms_legal_name_is_the_platform(nlp):
    doc, _, _, _ = run(nlp, "Inspectors said TikTok Pte. Ltd broke the rules. TikTok said it would appeal.")
    assert {m.key for m in doc._.kg_mentions if m.cls == "Platform"} == {"TikTok"}, doc._.kg_mentions


def test_a_named_group_is_an_organisation(nlp):
    _, mentions, relations, _ = run(nlp, "The case followed a complaint from consumer group Consumatori Uniti, whose "
                                         "president, Giulia Benedetti, welcomed the fine.")
    assert ("Organization", "Consumatori Uniti") in mentions, mentions
    assert ("Giulia Benedetti", "headOf", "Consumatori Uniti") in relations, relations


@pytest.mark.parametrize("text, triple", [
    ("The commission is weighing proposed fines of up to €30m for Apple.", ("commission", "enforcesAgainst", "Apple")),
    ("An inspection team of the Ministry of Digital Affairs fined Shopee on Monday.",
     ("Ministry of Digital Affairs", "enforcesAgainst", "Shopee")),
])
def test_fines_for_a_platform_and_teams_of_a_body(nlp, text, triple):
    doc, _, relations, _ = run(nlp, "The Korea Communications Commission met on Monday. " + text
                               if text.startswith("The commission") else text)
    assert any(triple[0].lower() in s.lower() and (p, o) == triple[1:] for s, p, o in relations), relations


def test_untranslated_scale_and_currency_words(nlp):
    _, _, _, metrics = run(nlp, "Spotify will refund approximately $12.3 millones de pesos to users.")
    assert ("Spotify", Decimal("12300000"), "MXN") in [m[:3] for m in metrics], metrics


@pytest.mark.parametrize("tokens, expected", [
    (["€4,2", "million"], (Decimal("4200000"), "EUR")),
    (["PLN", "10,6", "bn"], (Decimal("10600000000"), "PLN")),
    (["180", "000"], (Decimal("180000"), None)),
    (["half", "a", "million"], (Decimal("500000"), None)),
    (["TL", "1.2", "billion"], (Decimal("1200000000"), "TRY")),
    (["1,186", "crore"], (Decimal("11860000000"), None)),
])
def test_european_and_spoken_number_forms(tokens, expected):
    from kgbuild.extract.metrics import parse_number

    assert parse_number(tokens) == expected


@pytest.mark.parametrize("text, expected", [
    ("IMDA said Xiaohongshu has about 1.1 million users in Singapore, while Threads has about 700,000.",
     ("Threads", Decimal("700000"), "users")),
    ("The bureau is seeking a penalty of C$7.5 million from Epic Games over prices.",
     ("Epic Games", Decimal("7500000"), "CAD")),
])
def test_elided_counts_and_penalties_sought_from(nlp, text, expected):
    _, _, _, metrics = run(nlp, text)
    assert expected in [m[:3] for m in metrics], metrics


def test_a_legal_maximum_after_a_fine_is_nobodys(nlp):
    _, _, _, metrics = run(nlp, "Prices rose.\n\nAustralia's eSafety Commissioner fined Reddit on Monday. Each breach "
                                "carries a maximum penalty of A$49.5 million.")
    assert not any(m[1] == Decimal("49500000") for m in metrics), metrics


def test_a_gapped_figure_of_a_name_that_is_no_platform_is_nobodys(nlp):
    _, _, _, metrics = run(nlp, "Prices rose.\n\nTelkom Kenya has about 2.4 million customers, Kivuli Mobile about "
                                "90,000 and Jamii about 40,000.")
    assert [m[:2] for m in metrics] == [("Telkom Kenya", Decimal("2400000"))], metrics


def test_its_looks_past_the_second_sentence_of_a_quote(nlp):
    # the quote's second sentence is talk: "its" in the story after it still means the platform
    text = ("Prices rose.\n\nThe watchdog fined Jumia on Monday.\n\n\"Jumia grew fast,\" said Ada Obi, who "
            "leads the watchdog. \"But a market this big needs rivals. Nobody disputes that.\"\n\nThe regulator "
            "estimates that its marketplace handled 48% of online retail sales last year.")
    _, _, _, metrics = run(nlp, text)
    assert ("Jumia", Decimal("48"), "percent") in [m[:3] for m in metrics], metrics


@pytest.mark.parametrize("text", [
    "Google, Meta and Amazon have registered and together paid Tk 1,186 crore in VAT.",
    "According to the 38-page order, Foodpanda must change its terms.",
    # the rate of a tax, which the law sets
    "Spotify pays the 12 per cent value-added tax on its subscriptions in Kenya.",
    "Twitch has paid a levy of 2% on its revenue in Kenya since January.",
    # a count of platforms that the named ones are among
    "The minister said 17 platforms had registered in Kenya, including Snapchat, Signal and Twitch.",
    # the law's ceiling on a fine, not a figure of the platform's
    "The authority fined Rappi. If it finds a breach, it can fine Rappi up to 4 per cent of its global turnover.",
])
def test_joint_totals_and_hyphenated_modifiers_are_no_metric(nlp, text):
    _, _, _, metrics = run(nlp, text)
    assert metrics == [], metrics


@pytest.mark.parametrize("text, triple", [
    ("Foodpanda, which is owned by Germany's Delivery Hero, handled most orders.", ("Foodpanda", "ownedBy", "Delivery Hero")),
    ("In the case of Daraz, which is part of China's Alibaba Group, officers found fake discounts.",
     ("Daraz", "ownedBy", "Alibaba")),
    ("It opened an investigation into Yemeksepeti, the food-delivery app owned by Germany's Delivery Hero.",
     ("Yemeksepeti", "ownedBy", "Delivery Hero")),
    ("The authority fined Trendyol after finding that the Alibaba-controlled company ranked its goods first.",
     ("Trendyol", "ownedBy", "Alibaba")),
])
def test_ownership_through_possessive_owners_and_anaphors(nlp, text, triple):
    _, _, relations, _ = run(nlp, text)
    assert triple in relations, relations


def test_no_office_when_the_text_denies_one(nlp):
    _, _, relations, _ = run(nlp, "Epic Games confirmed that the company has no office in Canada.")
    assert not any(p == "hasOffice" for _, p, _ in relations), relations


def test_deputies_head_nothing(nlp):
    _, _, relations, _ = run(nlp, "IMDA assistant chief executive Kelvin Ong said the rules were clear.")
    assert not any(p == "headOf" for _, p, _ in relations), relations


@pytest.mark.parametrize("text, expected", [
    ("The Central Bank of Kenya (CBK) wrote to Safaricom.", ("Regulator", "Central Bank")),
    ("Kenya's National Treasury published the rules.", ("Regulator", "Kenyan National Treasury")),
    ("The Senate Standing Committee on Information Technology and Telecommunication met Meta.",
     ("Regulator", "Senate Standing Committee on Information Technology and Telecommunication")),
])
def test_central_banks_treasuries_and_committees_are_regulators(nlp, text, expected):
    _, mentions, _, _ = run(nlp, text)
    assert any(c == expected[0] and expected[1] in l for c, l in mentions), mentions


def test_an_organisation_that_serves_customers_is_a_platform(nlp):
    doc, _, _, _ = run(nlp, "Yellow Card, which has an office in Nairobi and serves customers in Kenya, will apply.")
    assert {m.label: m.cls for m in doc._.kg_mentions}.get("Yellow Card") == "Platform", doc._.kg_mentions


def test_a_short_name_after_the_full_one(nlp):
    _, mentions, relations, _ = run(nlp, "Luis Ortega, head of policy at Epic Games, spoke first. Epic's founder and "
                                         "chief executive, Tim Sweeney, did not attend.")
    assert ("Tim Sweeney", "founderOf", "Epic Games") in relations, relations
    assert not any(label == "Epic" for _, label in mentions), mentions


def test_an_organisation_serving_customers_has_an_office(nlp):
    _, _, relations, _ = run(nlp, "Binance, which is used by 1.1 million people in Kenya, and Yellow Card, which has an "
                                  "office in Nairobi and serves customers in Kenya, will apply.")
    assert ("Yellow Card office in Kenya", "locatedIn", "Kenya") in relations, relations


def test_it_after_a_regulator_is_the_regulator(nlp):
    _, _, relations, _ = run(nlp, "Is the Turkish Competition Authority looking at others? Yes. On 15 April it opened "
                                  "an investigation into Getir.")
    assert any(p == "enforcesAgainst" and o == "Getir" for _, p, o in relations), relations


def test_operations_on_the_verbs_object(nlp):
    _, _, relations, _ = run(nlp, "Allegro, which also runs sites in Czechia, Slovakia and Hungary, said it would comply.")
    assert ("Allegro", "operatesIn", "Hungary") in relations, relations


def test_a_body_named_by_part_of_its_name_is_one_node(nlp):
    doc, _, _, _ = run(nlp, "The House of Commons Standing Committee on Access to Information, Privacy and Ethics met "
                            "on Tuesday. Roblox appeared before the House of Commons ethics committee for two hours.")
    assert len({m.key for m in doc._.kg_mentions if m.cls == "Regulator"}) == 1, doc._.kg_mentions


def test_lower_case_courts_named_by_their_place(nlp):
    _, mentions, _, _ = run(nlp, "The Delhi high court on Friday dismissed the plea by X Corp.")
    assert any(cls == "Regulator" and "Delhi" in label for cls, label in mentions), mentions


def test_a_commercial_bank_is_an_organisation(nlp):
    _, mentions, relations, _ = run(nlp, "Mobile money service Upay, a subsidiary of United Commercial Bank, confirmed it.")
    assert not any(cls == "Regulator" for cls, _ in mentions), mentions


@pytest.mark.parametrize("text, triple", [
    ("Yango said it would open an office in Nairobi next year.", ("Yango office in Kenya", "locatedIn", "Kenya")),
    ("Xiaohongshu, which is headquartered in Shanghai, opened a Singapore office last year.",
     ("Xiaohongshu office in Singapore", "locatedIn", "Singapore")),
    ("Amazon, which has its Italian headquarters in Milan, employs 19,000 people.",
     ("Amazon office in Italy", "locatedIn", "Italy")),
])
def test_offices_in_cities_and_qualified_headquarters(nlp, text, triple):
    _, _, relations, _ = run(nlp, text)
    assert triple in relations, relations


def test_a_companys_own_headquarters_is_no_local_office(nlp):
    _, _, relations, _ = run(nlp, "Epic Games handles Canadian complaints from its headquarters in North Carolina.")
    assert not any(p == "hasOffice" for _, p, _ in relations), relations


def test_places_gazetteer_maps_cities_and_regions_to_countries():
    from kgbuild import gazetteer

    gz = gazetteer.load()
    assert gz.places["Nairobi"] == "Kenya" and gz.places["Bangalore"] == "India"
    assert all(country in gz.countries.values() for country in gz.places.values())
    assert not set(gz.places) & set(gz.countries), "a place that is also a country name"


def test_dotted_platform_names_stay_one_token_and_one_sentence(nlp):
    doc, _, relations, _ = run(nlp, "Roblox, Epic Games and Character.AI appeared before the House of Commons ethics "
                                    "committee on Tuesday.")
    assert len(list(doc.sents)) == 1
    assert {o for _, p, o in relations if p == "regulates"} == {"Roblox", "Epic Games", "Character.AI"}, relations


@pytest.mark.parametrize("text, triple", [
    ("The Comisión Nacional del Mercado de Valores fined Binance. Coinbase, a rival exchange, later secured its "
     "registration.", ("National Securities Market Commission", "regulates", "Coinbase")),  # its listed English name
    ("IMDA brings Xiaohongshu and TikTok under the online safety code.",
     ("Infocomm Media Development Authority", "regulates", "TikTok")),
    ("The bureau's chief said the Competition Bureau is seeking a penalty of C$7.5 million from Epic Games.",
     ("Competition Bureau", "enforcesAgainst", "Epic Games")),
])
def test_licences_granted_codes_applied_and_penalties_sought(nlp, text, triple):
    _, _, relations, _ = run(nlp, text)
    assert any(triple[0] in s and (p, o) == triple[1:] for s, p, o in relations), relations


@pytest.mark.parametrize("text, name", [
    ("The Comisión Nacional del Mercado de Valores fined Binance on Monday.", "Comisión Nacional del Mercado de Valores"),
    ("The agency (Procuraduría Federal del Consumidor, PROFECO) fined Netflix.", "Procuraduría Federal del Consumidor"),
])
def test_untranslated_names_with_adjectives_after_the_head(nlp, text, name):
    doc, _, _, _ = run(nlp, text)
    assert name in {doc[m.start:m.end].text for m in doc._.kg_mentions if m.cls == "Regulator"}, doc._.kg_mentions


@pytest.mark.parametrize("text, absent", [
    ("Subscribe to The Niger Chronicle. Meta was fined in Nigeria.", ("Country", "Niger")),
    ("The app is owned by Abu Dhabi-based holding firm G42.", ("Organization", "Abu Dhabi")),
    ("$BNB barely moved on the news about Binance.", ("Organization", "BNB")),
    # the acronym of a kind of operator, defined in parentheses
    ("Discord has not registered as a foreign platform operator (FPO) under the new rules.", ("Platform", "FPO")),
])
def test_names_inside_names_places_and_tickers_are_not_entities(nlp, text, absent):
    _, mentions, _, _ = run(nlp, text)
    assert absent not in mentions, mentions


@pytest.mark.parametrize("text", [
    "A Meta spokesperson told The Lagos Chronicle that the company disagreed.",
    "The Daily Sentinel reported that Uber would appeal.",
])
def test_the_outlet_a_source_talks_to_is_no_entity(nlp, text):
    _, mentions, _, _ = run(nlp, text)
    assert all(cls == "Platform" for cls, _ in mentions), mentions


def test_a_title_naming_the_kind_of_body(nlp):
    _, _, relations, _ = run(nlp, "The Senate Standing Committee on Information Technology met Meta. Committee chairman "
                                  "Senator Kamran Aziz said they would return.")
    assert ("Kamran Aziz", "headOf", "Senate Standing Committee on Information Technology") in relations, relations


@pytest.mark.parametrize("text, triple", [
    ('Arcom fined Twitch. "We want results," said Sophie Lemarchand, who chairs Arcom\'s board.',
     ("Sophie Lemarchand", "headOf", "Arcom")),
    ("Twitch was fined. Its chief executive, Dan Clancy, wrote to the regulator last week.", ("Dan Clancy", "ceoOf", "Twitch")),
    ("The CNIL fined Twitch. The commission, led by its president Olivier Berthaud, declined to comment.",
     ("Olivier Berthaud", "headOf", "CNIL")),
    ("The National Broadcasting and Telecommunications Commission (NBTC), led by acting chairman Wiroj Phetcharat, "
     "said it had signed an agreement with Shopee.", ("National Broadcasting and Telecommunications Commission",
                                                      "regulates", "Shopee")),
])
def test_led_by_its_and_pronoun_agreements(nlp, text, triple):
    _, _, relations, _ = run(nlp, text)
    assert triple in relations, relations


@pytest.mark.parametrize("text, triple", [
    ("Temu belongs to PDD Holdings, the Dublin-headquartered group that also owns Pinduoduo.",
     ("Pinduoduo", "ownedBy", "PDD Holdings")),
    ("LINE, which belongs to Japan's LY Corporation, is the dominant messaging service.", ("Line", "ownedBy", "LY Corporation")),
    ("The regulator met Shopee, the e-commerce arm of Singapore's Sea Limited, on Monday.", ("Shopee", "ownedBy", "Sea Limited")),
    ("Messaging app LINE, whose parent LY Corporation is based in Tokyo, escaped a penalty.",
     ("Line", "ownedBy", "LY Corporation")),
    ("Foodpanda remains part of Germany's Delivery Hero.", ("Foodpanda", "ownedBy", "Delivery Hero")),
])
def test_belonging_arms_and_parents(nlp, text, triple):
    _, _, relations, _ = run(nlp, text)
    assert triple in relations, relations


def test_two_names_of_a_body_in_apposition_are_one_body(nlp):
    doc, _, relations, _ = run(nlp, "Datatilsynet, the Norwegian Data Protection Authority, has imposed a fine on Spotify.")
    assert len({m.key for m in doc._.kg_mentions if m.cls == "Regulator"}) == 1, doc._.kg_mentions
    assert ("Norwegian Data Protection Authority", "jurisdiction", "Norway") in relations, relations


@pytest.mark.parametrize("text, triple", [
    ("The Ministry of Digital Economy and Society (DES) met LINE. Digital Economy and Society Minister Kittipong "
     "Srisawat said the platforms must pay.", ("Kittipong Srisawat", "headOf", "Ministry of Digital Economy and Society")),
    ("Finansinspektionen fined Klarna on Monday.", ("Finansinspektionen", "enforcesAgainst", "Klarna")),
])
def test_portfolios_and_compounded_regulator_names(nlp, text, triple):
    _, _, relations, _ = run(nlp, text)
    assert triple in relations, relations


def test_a_top_title_alone_heads_the_one_body_nearby(nlp):
    _, _, relations, _ = run(nlp, "The Norwegian Consumer Authority fined Spotify. Director General Trond Halvorsen "
                                  "said prices had risen.")
    assert ("Trond Halvorsen", "headOf", "Norwegian Consumer Authority") in relations, relations


def test_a_title_alone_with_two_bodies_nearby_heads_neither(nlp):
    _, _, relations, _ = run(nlp, "The Norwegian Consumer Authority and Datatilsynet met Spotify. Director General "
                                  "Trond Halvorsen said prices had risen.")
    assert not any(p == "headOf" for _, p, _ in relations), relations


def test_a_country_acting_is_the_body_of_that_country_the_article_names(nlp):
    _, _, relations, _ = run(nlp, "Colombia fines Rappi over delivery fees\n\nColombia's Superintendence of Industry "
                                  "and Commerce said on Monday that Rappi had misled users.")
    assert any(p == "enforcesAgainst" and o == "Rappi" and "Superintendence" in s for s, p, o in relations), relations
    assert not any(s.startswith("Government of") for s, _, _ in relations), relations


def test_a_name_used_by_people_is_a_platform_with_users(nlp):
    _, mentions, relations, metrics = run(nlp, "Vipps MobilePay, used by 4.4 million people in Norway, expanded to "
                                               "Denmark and Finland.")
    assert ("Platform", "Vipps MobilePay") in mentions, mentions
    assert ("Vipps MobilePay", Decimal("4400000"), "users", "Norway") in [m[:4] for m in metrics], metrics


def test_kroner(nlp):
    _, _, _, metrics = run(nlp, "Datatilsynet has imposed a coercive fine of 100,000 kroner a day on online "
                                "marketplace FINN.")
    assert ("Finn.no", Decimal("100000"), "NOK") in [m[:3] for m in metrics], metrics  # FINN's listed name


def test_a_gapped_second_fine_targets_the_second_platform(nlp):
    _, _, relations, _ = run(nlp, "Greece's Independent Authority for Public Revenue said on Monday it had fined "
                                  "Airbnb €2.3 million and Booking.com €1.2 million for late filings.")
    assert {("Independent Authority for Public Revenue", "enforcesAgainst", "Airbnb"),
            ("Independent Authority for Public Revenue", "enforcesAgainst", "Booking.com")} <= relations, relations


def test_an_inquiry_into_a_clause_about_a_platform(nlp):
    _, _, relations, _ = run(nlp, "The Hellenic Competition Commission said it had opened an inquiry into whether "
                                  "Booking.com's contracts discourage hotels from cutting prices.")
    assert ("Hellenic Competition Commission", "enforcesAgainst", "Booking.com") in relations, relations


def test_a_listed_generic_body_name_is_the_story_countrys_when_its_own_country_is_absent(nlp):
    # "Data Protection Commission" is listed as Ireland's; a Ghanaian story that never names Ireland means Ghana's.
    doc, _, relations, _ = run(nlp, "Ghana's drivers face new rules from Ghanaian ministries. The Data Protection "
                                    "Commission (DPC) said it would audit Bolt in Accra. Ghana needs answers, the DPC said.")
    countries = {m.country for m in doc._.kg_mentions if m.cls == "Regulator" and "Data Protection" in m.label}
    assert countries == {"Ghana"}, countries
    doc, _, _, _ = run(nlp, "Ireland's Data Protection Commission fined TikTok. The Data Protection Commission "
                            "said Kenya was not involved.")
    assert {m.country for m in doc._.kg_mentions if m.cls == "Regulator"} == {"Ireland"}


def test_list_items_on_separate_lines_are_not_appositions(nlp):
    doc, _, _, _ = run(nlp, "KEY POINTS\n• The ministry gives drivers 30 days to register with the Driver and "
                            "Vehicle Licensing Authority\n• The National Communications Authority says it will "
                            "block apps\n")
    keys = {m.label: m.key for m in doc._.kg_mentions if m.cls == "Regulator"}
    assert keys.get("National Communications Authority") != keys.get("Driver and Vehicle Licensing Authority"), keys


def test_a_generic_listed_name_in_another_countrys_story_is_that_countrys_body(nlp):
    doc, _, relations, _ = run(nlp, "Mauritius's gambling regulator asked the Information and Communication "
                                    "Technologies Authority (ICTA) to direct Mauritius Telecom to block the sites in "
                                    "Mauritius. ICTA said it would comply.")
    bodies = {m.country for m in doc._.kg_mentions if m.label.endswith("Technologies Authority")}
    assert bodies == {"Mauritius"}, bodies


def test_a_listed_body_named_often_does_not_outweigh_the_story_country(nlp):
    from kgbuild.extract.grammar import focus_country
    doc = nlp("Kenya's drivers struck on Monday. The Federal Trade Commission had studied Uber; the FTC said the "
              "FTC would publish its study. Kenya has no such study, and the FTC declined to comment.")
    assert focus_country(doc, doc._.kg_mentions) == "Kenya"


@pytest.mark.parametrize("text, expected", [
    ("The Czech competition office fined Seznam.cz Kč 25 million.", ("Seznam", Decimal("25000000"), "CZK")),
    ("Ghana's regulator fined Yango GH₵2.4 million.", ("Yango", Decimal("2400000"), "GHS")),
    ("Peru's Indecopi ordered Shein to pay S/ 1,9 millones.", ("Shein", Decimal("1900000"), "PEN")),
    ("Hungary's competition authority fined Vinted 1.2 billion forints.", ("Vinted", Decimal("1200000000"), "HUF")),
])
def test_more_currency_symbols_and_words(nlp, text, expected):
    _, _, _, metrics = run(nlp, text)
    assert expected in [m[:3] for m in metrics], metrics


@pytest.mark.parametrize("text, unit", [
    ("Chile's consumer agency Sernac fined Rappi 300 million pesos. Chile has 19 million people.", "CLP"),
    ("Mexico's Profeco fined Rappi 3 million pesos. Mexico is Rappi's biggest market.", "MXN"),
    ("Morocco's competition council fined Glovo 15 million dirhams. Morocco has strict rules.", "MAD"),
    ("Dubai's economy department fined Careem 2 million dirhams.", "AED"),
])
def test_a_currency_word_several_countries_use_is_the_story_countrys(nlp, text, unit):
    _, _, _, metrics = run(nlp, text)
    assert unit in [m[2] for m in metrics], metrics


def test_an_agentless_sanction_is_the_act_of_the_one_body_just_named(nlp):
    _, _, relations, _ = run(nlp, "Peru's Indecopi fined Shein on Tuesday. AliExpress, the marketplace owned by "
                                  "Alibaba, was fined PEN 740,000 for hiding its return conditions.")
    assert ("Indecopi", "enforcesAgainst", "AliExpress") in relations, relations
    # a fine "levied on" a platform in a comparison names no body
    _, _, relations, _ = run(nlp, "Ireland's Data Protection Commission fined Meta. The sum is larger than an "
                                  "earlier €300 million penalty, which was imposed on Zalando back in 2019.")
    assert not any(o == "Zalando" for _, _, o in relations), relations


def test_an_order_to_pay_is_a_sanction(nlp):
    _, _, relations, _ = run(nlp, "Colombia's Superintendence of Industry and Commerce ordered Rappi to pay "
                                  "2 billion pesos to misled customers.")
    assert any(p == "enforcesAgainst" and o == "Rappi" for _, p, o in relations), relations


def test_a_scale_word_is_not_what_a_later_figure_counts(nlp):
    _, _, _, metrics = run(nlp, 'Peru\'s Indecopi ordered Shein to pay "S/ 1,9 millones" to shoppers who waited '
                                'an average of 23.')
    assert not any(m[2] == "millones" for m in metrics), metrics


def test_another_countrys_bare_acronym_names_no_body(nlp):
    # DNB is listed as the Dutch central bank; in a Norwegian story it is the bank DNB
    doc, _, _, _ = run(nlp, "Norway's Datatilsynet fined Finn.no. Norwegian lender DNB said Norway's rules were "
                            "clear, and DNB would comply.")
    assert not any("nederlandsche" in m.key for m in doc._.kg_mentions), doc._.kg_mentions


@pytest.mark.parametrize("text, absent", [
    ("Our report, with reaction from drivers in Kumasi and Takoradi, is out tonight.", "Takoradi"),
    ("Bolt, which operates in Colombo, Kandy and Galle, was named as a respondent.", "Kandy"),
    ("Fining Shein and AliExpress is the easy part.", "Fining Shein"),
])
def test_towns_and_gerunds_the_model_calls_people(nlp, text, absent):
    _, mentions, _, _ = run(nlp, text)
    assert not any(label == absent for _, label in mentions), mentions


def test_names_the_model_cuts_or_calls_an_organisation(nlp):
    _, mentions, relations, _ = run(nlp, "Speaking outside court, CAA Chairman Ajith Rajapaksha Perera said it was "
                                         "fine. The Driver and Vehicle Licensing Authority met Bolt. Its Chief "
                                         "Executive Officer, Nana Akua Osei-Tutu, says an audit found 2,000 cars.")
    assert {("Person", "Ajith Rajapaksha Perera"), ("Person", "Nana Akua Osei-Tutu")} <= mentions, mentions


@pytest.mark.parametrize("text, triple", [
    ("Regulators fined Mercado Libre after concluding that its payments arm, Mercado Pago, tied shops to deals.",
     ("Mercado Pago", "ownedBy", "Mercado Libre")),
    ("Keeta, the delivery service of the Chinese company Meituan, agreed.", ("Keeta", "ownedBy", "Meituan")),
])
def test_a_platform_introduced_as_its_owners_kind(nlp, text, triple):
    _, _, relations, _ = run(nlp, text)
    assert triple in relations, relations


def test_the_largest_app_of_its_kind_is_not_owned(nlp):
    _, _, relations, _ = run(nlp, "Uber, the largest app of its kind, met Bolt.")
    assert not any(p == "ownedBy" for _, p, _ in relations), relations


def test_a_body_right_before_the_verb_when_the_parse_lost_the_subject(nlp):
    _, _, relations, _ = run(nlp, "On Monday the Office for the Protection of Competition (Úřad pro ochranu "
                                  "hospodářské soutěže, ÚOHS) fined Seznam.cz Kč 25 million.")
    assert any(p == "enforcesAgainst" and o == "Seznam" for _, p, o in relations), relations


def test_active_in_and_dominates_say_where_a_platform_operates(nlp):
    _, _, relations, _ = run(nlp, "Glovo is active in Morocco and Kenya. Jumia dominates e-commerce in Nigeria.")
    assert {("Glovo", "operatesIn", "Morocco"), ("Glovo", "operatesIn", "Kenya"),
            ("Jumia", "operatesIn", "Nigeria")} <= relations, relations


def test_a_board_of_directors_is_not_a_regulator(nlp):
    _, mentions, _, _ = run(nlp, "The General Authority for Competition said its Board of Directors had approved "
                                 "penalties on Jahez.")
    assert not any("Board" in label for cls, label in mentions if cls == "Regulator"), mentions


def test_entering_a_national_market_is_operating_there(nlp):
    _, _, relations, _ = run(nlp, "Keeta has grown fast since entering the Saudi market in 2024. Bolt dominates "
                                  "the Estonian market.")
    assert {("Keeta", "operatesIn", "Saudi Arabia"), ("Bolt", "operatesIn", "Estonia")} <= relations, relations


def test_its_chief_executive_belongs_to_what_the_sentence_before_is_about(nlp):
    _, _, relations, _ = run(nlp, "The Driver and Vehicle Licensing Authority has released details of the Yango "
                                  "penalty. Its Chief Executive Officer, Nana Akua Osei-Tutu, says an audit found "
                                  "2,000 vehicles.")
    assert ("Nana Akua Osei-Tutu", "headOf", "Driver and Vehicle Licensing Authority") in relations, relations
    assert not any(p == "ceoOf" for _, p, _ in relations), relations


def test_a_title_in_parentheses_after_the_name(nlp):
    _, _, relations, _ = run(nlp, "The bench comprised Justice Ruwan Dissanayake (President of the Court of Appeal) "
                                  "and Justice Menaka Wijesundara.")
    assert ("Ruwan Dissanayake", "headOf", "Court of Appeal") in relations, relations


def test_a_platform_and_a_country_side_by_side_name_its_local_company(nlp):
    _, mentions, relations, _ = run(nlp, "The National Bank of Ethiopia has fined Safaricom Ethiopia ETB 50 million.")
    assert ("Platform", "Safaricom Ethiopia") in mentions, mentions
    assert {("Safaricom Ethiopia", "ownedBy", "Safaricom"), ("Safaricom Ethiopia", "operatesIn", "Ethiopia"),
            ("National Bank of Ethiopia", "enforcesAgainst", "Safaricom Ethiopia")} <= relations, relations
    _, mentions, _, _ = run(nlp, "Regulators in Kenya fined Uber. Uber's Kenya unit appealed.")
    assert not any(label.startswith("Uber Kenya") for _, label in mentions), mentions


def test_deputies_and_vice_presidents_head_nothing(nlp):
    _, _, relations, _ = run(nlp, "Mette Kjærgaard is deputy director-general of the Agency for Culture and "
                                  "Palaces. Lars Holm is the director-general of the Danish Business Authority. "
                                  "Ana Ruiz, vice president of the Federal Trade Commission, spoke.")
    heads = {(s, o) for s, p, o in relations if p == "headOf"}
    assert ("Lars Holm", "Danish Business Authority") in heads, relations
    assert not any(s in {"Mette Kjærgaard", "Ana Ruiz"} for s, _ in heads), relations


def test_an_acronym_follows_its_body_when_the_body_takes_the_story_country(nlp):
    doc, _, _, _ = run(nlp, "Ecuador's drivers protest. The Agencia Nacional de Tránsito (ANT) issued rules for Uber "
                            "in Ecuador. The ANT said Ecuador would enforce them.")
    keys = {m.key for m in doc._.kg_mentions if m.cls == "Regulator"}
    assert len(keys) == 1, keys


def test_a_reduced_relative_on_an_apposition_is_said_of_the_name_it_describes(nlp):
    _, _, relations, _ = run(nlp, "Temu is owned by PDD Holdings, the Nasdaq-listed group founded by Colin Huang "
                                  "that also runs Pinduoduo.")
    assert {("Colin Huang", "founderOf", "PDD Holdings"), ("Pinduoduo", "ownedBy", "PDD Holdings")} <= relations
    assert ("Colin Huang", "founderOf", "Temu") not in relations, relations


def test_a_general_before_a_name_makes_it_a_person(nlp):
    _, mentions, relations, _ = run(nlp, "Director-general Anders Holt Vestergaard leads the Danish Agency for "
                                         "Culture and Palaces.")
    assert ("Person", "Anders Holt Vestergaard") in mentions, mentions
    assert any(s == "Anders Holt Vestergaard" and p == "headOf" for s, p, _ in relations), relations


def test_a_plural_title_before_two_names_gives_both(nlp):
    _, _, relations, _ = run(nlp, "Netflix's co-chief executives, Ted Sarandos and Greg Peters, have spoken about it.")
    assert {("Ted Sarandos", "ceoOf", "Netflix"), ("Greg Peters", "ceoOf", "Netflix")} <= relations, relations
    _, _, relations, _ = run(nlp, "Rappi was founded by Simón Borrero, Sebastián Mejía and Felipe Villamarín. "
                                  "Borrero, still its chief executive, said the company would appeal.")
    assert not any(s != "Simón Borrero" for s, p, _ in relations if p == "ceoOf"), relations


def test_pipelines_in_two_threads_do_not_share_a_docs_tokens(nlp):
    # The rules cache one Doc's tokens per thread; a Dask worker may run pipelines side by side.
    from concurrent.futures import ThreadPoolExecutor
    texts = ["Kenya's Communications Authority fined Safaricom in Nairobi on Monday.",
             "The Hellenic Competition Commission said it had opened an inquiry into Booking.com's contracts."] * 6
    serial = [run(nlp, t)[1:3] for t in texts]
    with ThreadPoolExecutor(2) as pool:
        threaded = list(pool.map(lambda t: run(nlp, t)[1:3], texts))
    assert threaded == serial


@pytest.mark.parametrize("text, name", [
    ("Its secretary general, Ousmane Diallo Ba, said the review was over.", "Ousmane Diallo Ba"),
    ("Agency president Alejandro Chaves Salas said the review was over.", "Alejandro Chaves Salas"),
])
def test_a_first_name_the_model_leaves_out_of_a_three_part_name(nlp, text, name):
    _, mentions, _, _ = run(nlp, text)
    assert ("Person", name) in mentions, mentions


def test_the_end_of_a_title_is_not_a_first_name(nlp):
    _, mentions, _, _ = run(nlp, "The Minister of Consumer Affairs Tomás Vidal Roca said the rules were clear.")
    assert not any(cls == "Person" and name.startswith("Affairs") for cls, name in mentions), mentions


def test_the_republic_of_a_country_is_part_of_a_bodys_name(nlp):
    _, mentions, relations, _ = run(nlp, "The Market Inspectorate of the Republic of Croatia fined Glovo on "
                                         "Tuesday.")
    bodies = {name for cls, name in mentions if cls == "Regulator"}
    assert len(bodies) == 1 and "Republic" not in next(iter(bodies)), bodies
    assert (next(iter(bodies)), "jurisdiction", "Croatia") in relations, relations


def test_it_is_not_the_owner_named_in_passing(nlp):
    _, _, relations, metrics = run(nlp, "Glovo replied on Friday. The app, owned by Delivery Hero, said it regretted "
                                        "the delay. It says it has 400,000 users in Croatia.")
    assert ("Glovo", "ownedBy", "Delivery Hero") in relations, relations
    assert ("Glovo", "operatesIn", "Croatia") in relations and not any(
        s == "Delivery Hero" and p == "operatesIn" for s, p, _ in relations), relations
    assert [m[0] for m in metrics] == ["Glovo"], metrics


def test_a_platform_after_a_bullet_dash_is_a_name(nlp):
    _, mentions, relations, _ = run(nlp, "The order lists two firms:\n- Meta Platforms, the owner of Facebook and "
                                         "Instagram, must reply.\n- An X-ray clinic app must not.")
    assert ("Platform", "Meta") in mentions, mentions
    assert {("Facebook", "ownedBy", "Meta"), ("Instagram", "ownedBy", "Meta")} <= relations, relations


def test_a_city_government_is_a_regulator_and_its_mayor_heads_it(nlp):
    _, mentions, relations, _ = run(nlp, "The Prefeitura de Recife suspended Cabify for a week. Its mayor, Pedro "
                                         "Gomes, welcomed the ruling.")
    assert ("Regulator", "Prefeitura de Recife") in mentions, mentions
    assert ("Pedro Gomes", "headOf", "Prefeitura de Recife") in relations, relations


@pytest.mark.parametrize("text, triple", [
    ("The Authority renewed the operating licence of Starlink for three years.", ("ZTA", "regulates", "Starlink")),
    ("The Authority revoked Bolt's permit on Friday.", ("ZTA", "enforcesAgainst", "Bolt")),
])
def test_a_licence_renewed_or_revoked_is_the_regulators_act_on_its_holder(nlp, text, triple):
    _, _, relations, _ = run(nlp, "The Zambezi Transport Authority (ZTA) met on Monday. " + text)
    body = next((s for s, p, o in relations if p == triple[1] and o == triple[2]), None)
    assert body is not None and "Authority" in body, relations


def test_a_possessive_country_of_two_words_gives_the_jurisdiction(nlp):
    _, mentions, relations, _ = run(nlp, "South Africa's Information Regulator fined Takealot on Monday.")
    assert ("Regulator", "South African Information Regulator") in mentions, mentions
    assert ("South African Information Regulator", "jurisdiction", "South Africa") in relations, relations


def test_a_name_in_parentheses_after_a_body_is_the_same_body(nlp):
    doc, mentions, relations, _ = run(nlp, "Peru's Ministry of Economy (Ministerio de Economía y Finanzas) collected "
                                           "more VAT from Netflix. Economy Minister Ana Rojas said the ministry was "
                                           "pleased.")
    bodies = {m.key for m in doc._.kg_mentions if m.cls == "Regulator"}
    assert len(bodies) == 1, bodies


def test_owned_by_in_the_second_verb_of_a_relative_clause(nlp):
    _, _, relations, _ = run(nlp, "Rappi, which was founded in Bogotá in 2015 and is owned by Japan's SoftBank, "
                                  "said the decision was unfair.")
    assert ("Rappi", "ownedBy", "SoftBank") in relations, relations


def test_a_described_reference_is_the_body_its_words_fit(nlp):
    _, _, relations, _ = run(nlp, "The Bank of Ghana and the National Communications Authority met on Monday. "
                                  "The central bank fined Zeepay GH₵2 million last month. The communications "
                                  "authority warned Telegram.")
    assert ("Bank of Ghana", "enforcesAgainst", "Zeepay") in relations, relations
    assert any(s.endswith("National Communications Authority") and p == "regulates" and o == "Telegram"
               for s, p, o in relations), relations


@pytest.mark.parametrize("text, triples", [
    ("Bolt, which is owned by nobody, and Glovo, part of Germany's Delivery Hero, compete for couriers across "
     "Croatia.", {("Bolt", "operatesIn", "Croatia"), ("Glovo", "operatesIn", "Croatia")}),
    ("Temu is owned by PDD Holdings, which also runs Pinduoduo in China.", {("Pinduoduo", "operatesIn", "China")}),
])
def test_where_platforms_compete_and_what_a_group_runs_there(nlp, text, triples):
    _, _, relations, _ = run(nlp, text)
    assert triples <= relations, relations


@pytest.mark.parametrize("text, triples", [
    ("Jumia counts Kenya and Morocco among its largest markets.", {("Jumia", "operatesIn", "Kenya"),
                                                                   ("Jumia", "operatesIn", "Morocco")}),
    ("Egypt is its biggest market, Jumia said.", {("Jumia", "operatesIn", "Egypt")}),
])
def test_a_country_named_as_a_platforms_market(nlp, text, triples):
    _, _, relations, _ = run(nlp, text)
    assert triples <= relations, relations


def test_a_letter_sent_to_a_platform(nlp):
    _, _, relations, _ = run(nlp, "The Consumer Council of Fiji said it had also sent a warning letter to Glovo.")
    assert any(p == "regulates" and o == "Glovo" for _, p, o in relations), relations


def test_a_body_named_after_its_office_is_the_title_of_its_holder(nlp):
    # the body's name, shorter or longer, before its holder's name
    _, _, relations, _ = run(nlp, "Prices rose.\n\nThe National Consumer Ombudsman met Bolt. Consumer Ombudsman "
                                  "Petra Kask said the talks were useful.")
    assert any(s == "Petra Kask" and p == "headOf" and o.endswith("Consumer Ombudsman") for s, p, o in relations), \
        relations


def test_a_lower_case_body_word_before_a_title_in_a_long_phrase(nlp):
    _, _, relations, _ = run(nlp, "The Zambezi Transport Commission fined Bolt. Under the decision read out by "
                                  "commission chairman Bat-Erdene Ganbold, Bolt must pay.")
    assert any(s == "Bat-Erdene Ganbold" and p == "headOf" and "Commission" in o for s, p, o in relations), relations


@pytest.mark.parametrize("text, value, unit", [
    ("The Authority fined Airtel K2.5 million on Tuesday.", Decimal("2500000"), "ZMW"),
    ("The regulator fined Orange FCFA 1.5 billion.", Decimal("1500000000"), "XOF"),
    ("The central bank fined Digicel F$300,000.", Decimal("300000"), "FJD"),
    ("The ministry fined Telegram 600 million riels.", Decimal("600000000"), "KHR"),
    ("The agency fined Glovo lei 3 million.", Decimal("3000000"), "RON"),
    # accented and plural spellings, and shillings written "Shs" in the story country
    ("The consumer agency fined Wolt 4 million krónur.", Decimal("4000000"), "ISK"),
    ("The office fined Allegro 12 million zlotys.", Decimal("12000000"), "PLN"),
    ("Uganda's tax body said Meta earned Shs 40 billion in Uganda.", Decimal("40000000000"), "UGX"),
    ("The authority fined Jumia Frw 25 million.", Decimal("25000000"), "RWF"),
    ("The regulator fined Cabify 80,000 balboas.", Decimal("80000"), "PAB"),
])
def test_more_currencies_of_smaller_economies(nlp, text, value, unit):
    _, _, _, metrics = run(nlp, text)
    assert any(v == value and u == unit for _, v, u, _, _ in metrics), metrics


# ----------------------------------------------------------------------------- names from more countries

@pytest.mark.parametrize("text, expected", [
    # a brand and the country's own name for itself: the brand's company there
    ("Vodafone España said it would appeal the decision.", ("Platform", "Vodafone España")),
    ("Last year Orange Maroc paid the fine.", ("Platform", "Orange Maroc")),
    # an operator by the head of its name
    ("Kalahari Telecom said its network was restored on Friday.", ("Platform", "Kalahari Telecom")),
    # untranslated names with "de la", "del ... y el", a head English uses in lower case
    ("The Comisión Nacional de la Energía fined the operator in March.",
     ("Regulator", "Comisión Nacional de la Energía")),
    ("The Secretaría de Defensa del Consumidor y el Usuario fined the app.",
     ("Regulator", "Secretaría de Defensa del Consumidor y el Usuario")),
    ("The Dirección Nacional de Aduanas seized the phones.", ("Regulator", "Dirección Nacional de Aduanas")),
    # a central bank, whatever its language, ends with its country
    ("The Banque Centrale de Madagascar warned the wallet operators on Monday.",
     ("Regulator", "Banque Centrale de Madagascar")),
])
def test_names_left_in_their_own_language(nlp, text, expected):
    _, mentions, _, _ = run(nlp, text)
    assert expected in mentions, mentions


def test_a_commercial_bank_and_everyday_words_are_not_regulators(nlp):
    _, mentions, _, _ = run(nlp, "Banco Santander cut its fees. The fine, for instance, was small.")
    assert not any(cls == "Regulator" for cls, _ in mentions), mentions


@pytest.mark.parametrize("text, label", [
    ("The Autoridad Reguladora de los Servicios Públicos (ARESEP), Costa Rica's utilities regulator, fined the "
     "company.", "Autoridad Reguladora de los Servicios Públicos"),
    ("On Friday the Ente Regulador de Servicios (ERSE), Portugal's energy regulator, fined the company.",
     "Ente Regulador de Servicios"),
])
def test_a_description_after_a_name_and_its_acronym_is_the_same_body(nlp, text, label):
    doc, _, _, _ = run(nlp, text)
    assert {m.label for m in doc._.kg_mentions if m.cls == "Regulator"} == {label}


def test_the_last_two_words_of_a_three_part_name_are_the_same_person(nlp):
    doc, _, _, _ = run(nlp, "Samira Ben Youssef chairs the authority. Ben Youssef said the audit would end in May.")
    assert {m.key for m in doc._.kg_mentions if m.cls == "Person"} == {"Samira Ben Youssef"}


def test_counsels_rank_after_a_name_is_not_part_of_it(nlp):
    _, mentions, _, _ = run(nlp, "Ms Lorna Baptiste KC, for the operator, argued that storms caused the outages.")
    assert ("Person", "Lorna Baptiste") in mentions, mentions


def test_a_one_word_name_never_given_in_full_is_not_a_person(nlp):
    _, mentions, _, _ = run(nlp, "Engineers ran speed tests on Vis, Lastovo and Hvar in the summer.")
    assert not any(cls == "Person" for cls, _ in mentions), mentions


def test_a_currency_before_its_amount_is_not_an_organisation(nlp):
    _, mentions, relations, metrics = run(nlp, "The Reserve Bank of Zimbabwe imposed a ZiG 48 million penalty on "
                                               "EcoCash on Wednesday.")
    assert not any(label == "ZiG" for _, label in mentions), mentions
    assert any(v == Decimal("48000000") and u == "ZWG" for _, v, u, _, _ in metrics), metrics


@pytest.mark.parametrize("text, present, absent", [
    # a capital named after a country is a city
    ("Temu has appointed a tax representative in Port of Spain.", set(), {("Country", "Spain")}),
    # a unit of a ministry is a body of its own; a unit of a company is none
    ("Complaints go to the Consumer Affairs Division of the Ministry of Trade and Industry.",
     {("Regulator", "Consumer Affairs Division"), ("Regulator", "Ministry of Trade and Industry")}, set()),
    ("The Payments Division of Safaricom said so.", set(), {("Regulator", "Payments Division of Safaricom"),
                                                            ("Regulator", "Payments Division")}),
    # "Customs and Excise Division" is one name, and "Customs" alone refers to it
    ("The Customs and Excise Division will check that VAT has been paid. Temu accounts for most parcels, "
     "according to Customs.", {("Regulator", "Customs and Excise Division")},
     {("Organization", "Customs"), ("Organization", "Excise Division")}),
    # a number word before a country's name is a brand's company there; a short form blended from a name's words
    ("Three Ireland, the country's second operator, was fined by the regulator.", {("Platform", "Three Ireland")},
     {("Country", "Ireland")}),
    ("Cameroon Telecommunications (Camtel) says the fault lies off the coast. Camtel has not yet explained why.",
     {("Platform", "Cameroon Telecommunications")}, {("Organization", "Camtel")}),
    # a country in parentheses inside a company's legal name
    ("The regulator directed Emtel, Telkom and Kenya Wireless Communications (Kenya) Ltd to block the sites.",
     {("Organization", "Kenya Wireless Communications (Kenya) Ltd")}, set()),
    # a name in apposition to a person's title
    ('"A family should be free," said the Council\'s president, Amra Hadžiomerović.',
     {("Person", "Amra Hadžiomerović")}, set()),
    # a French honorific is no part of the name; a product's name without its maker's
    ("The Minister of Posts, Pauline Etoundi Mbarga, spoke on radio. Mme Etoundi Mbarga also said the kits would "
     "not be returned.", {("Person", "Pauline Etoundi Mbarga")}, {("Person", "Mme Etoundi Mbarga")}),
    ("MTN MoMo processed 9 million transactions a day. MoMo has 7.4 million active wallets in Cameroon.",
     {("Platform", "MTN MoMo")}, {("Platform", "MoMo")}),
    # a name's head the model left out of it
    ("Homeland security minister Ibrahim Zareer Moosa told the Majlis that the rule was ready.",
     {("Person", "Ibrahim Zareer Moosa")}, {("Person", "Ibrahim Zareer")}),
    # an association's name goes on past a second "of"
    ("The complaint was filed by the Association of Private Accommodation Providers of Herzegovina, which "
     "represents about 600 hosts.", {("Organization", "Association of Private Accommodation Providers of Herzegovina")},
     {("Organization", "Association of Private Accommodation Providers")}),
    ("The Union of Drivers of Nairobi-West said so.", {("Organization", "Union of Drivers of Nairobi-West")}, set()),
    # an organisation that runs a network is an operator
    ("NETCO runs the fixed network and the international capacity.", {("Platform", "NETCO")}, set()),
    # a title of office is not an organisation
    ('"Customs collects it," said the Comptroller of Customs and Excise, Dexter Ramcharan.',
     {("Person", "Dexter Ramcharan")}, {("Organization", "Comptroller of Customs and Excise")}),
    # a two-word surname the model took for an organisation is the person named in full before
    ("Judge Ana Lucia Ferreira Lima heard the case. Ferreira Lima said the app had ignored the order.",
     {("Person", "Ana Lucia Ferreira Lima")}, {("Organization", "Ferreira Lima")}),
    # an owner the text calls a fund stays an organisation (owners are otherwise platform companies)
    ("Kivo, the chat app owned by the hedge fund Halvard, has 9,000 users.",
     {("Organization", "Halvard")}, {("Platform", "Halvard")}),
])
def test_cities_units_of_bodies_and_titles(nlp, text, present, absent):
    _, mentions, _, _ = run(nlp, text)
    assert present <= mentions and not absent & mentions, mentions


def test_a_figure_compared_with_one_before_counts_the_same_thing(nlp):
    _, _, _, metrics = run(nlp, "Shopee had 12.5 million monthly users in Vietnam in June, according to a survey, "
                                "down from 13.2 million a year earlier.")
    assert {(v, u) for _, v, u, _, _ in metrics} >= {(Decimal("12500000"), "users"), (Decimal("13200000"), "users")}, metrics


def test_a_share_is_the_figure_of_whose_share_it_is(nlp):
    _, _, _, metrics = run(nlp, "Glovo's share of the food-delivery market fell to 22 percent last year, Wolt said.")
    assert any(s == "Glovo" and v == Decimal("22") and u == "percent" for s, v, u, _, _ in metrics), metrics


def test_a_market_leader_holding_a_percentage_holds_a_market_share(nlp):
    _, _, _, metrics = run(nlp, "Glovo grew fast this year, while market leader Wolt holds about 48 percent.")
    assert any(s == "Wolt" and v == Decimal("48") for s, v, _, _, _ in metrics), metrics
    _, _, _, metrics = run(nlp, "Wolt is listed in Helsinki, with the state holding about 12 percent.")
    assert not any(v == Decimal("12") for _, v, _, _, _ in metrics), metrics


def test_downloads_and_installs_counted_in_times(nlp):
    _, _, _, metrics = run(nlp, "Since its launch, the Threads app has been downloaded 2.4 million times in Chile.")
    assert any(v == Decimal("2400000") and u == "downloads" for _, v, u, _, _ in metrics), metrics


def test_a_currency_code_the_model_joins_to_a_name_is_the_amounts(nlp):
    _, mentions, relations, metrics = run(nlp, "On Thursday the Communications Authority of Maldives (CAM) fined "
                                               "Ooredoo Maldives MVR 2.4 million for the outage.")
    assert ("Platform", "Ooredoo Maldives") in mentions, mentions
    assert ("Communications Authority of Maldives", "enforcesAgainst", "Ooredoo Maldives") in relations, relations
    assert any(v == Decimal("2400000") and u == "MVR" for _, v, u, _, _ in metrics), metrics


def test_a_name_first_word_taken_for_an_organisation_is_not_a_persons_first_name(nlp):
    _, mentions, relations, _ = run(nlp, "Dhiraagu Pay, Dhiraagu's mobile wallet, has 150,000 users.")
    assert ("Dhiraagu Pay", "ownedBy", "Dhiraagu") in relations, (mentions, relations)


@pytest.mark.parametrize("text, name", [
    ("Mr Garth McBride KC, for the operator, told the court the outages were caused by storms.", "Garth McBride"),
])
def test_counsels_rank_after_a_name_with_an_inner_capital(nlp, text, name):
    _, mentions, _, _ = run(nlp, text)
    assert ("Person", name) in mentions, mentions


def test_a_name_before_district_is_a_place(nlp):
    _, mentions, _, _ = run(nlp, "Bolt, which has an office in Encarnación's San Pedro district, said it welcomed "
                                 "the rules.")
    assert not any("San Pedro" in label for _, label in mentions), mentions


@pytest.mark.parametrize("text, value, unit", [
    ("TikTok has four million users in Zambia.", Decimal("4000000"), "users"),
    ("Telegram is used by nearly two million Cambodians, the ministry said.", Decimal("2000000"), "users"),
    ("The regulator fined Bolt fifty thousand euros.", Decimal("50000"), "EUR"),
])
def test_numbers_spelt_out_before_a_scale_word(nlp, text, value, unit):
    _, _, _, metrics = run(nlp, text)
    assert any(v == value and u == unit for _, v, u, _, _ in metrics), metrics


def test_a_threshold_in_a_rule_is_no_ones_figure(nlp):
    _, _, _, metrics = run(nlp, "From March, any ride-hailing app with at least two million users in Kenya must "
                                "register with the authority, which licensed Bolt last year.")
    assert not metrics, metrics


@pytest.mark.parametrize("text, kept", [
    ("Its rival Telia, which is majority-owned by Norway's Telenor, with the government holding about 42%, has "
     "300,000 customers.", {Decimal("300000")}),
    ("Bolt holds a 30% stake in Telia.", set()),
    ("Bolt holds 30% of the ride-hailing market.", {Decimal("30")}),
    ("M-Pesa says it has about 150,000 users, a large share of a country of roughly half a million people.",
     {Decimal("150000")}),
])
def test_stakes_and_populations_are_no_platforms_figures(nlp, text, kept):
    _, _, _, metrics = run(nlp, text)
    assert {v for _, v, _, _, _ in metrics} == kept, metrics


def test_per_cent_in_two_words_measures_a_share(nlp):
    doc, _, _, _ = run(nlp, "HAKOM said A1 Hrvatska missed the minimum in 33 per cent of its island tests.")
    assert [(m.value, m.unit, m.measure) for m in doc._.kg_metrics] == [(Decimal("33"), "percent", "share of tests")]


def test_a_possessive_before_the_counted_noun_owns_what_is_counted(nlp):
    _, _, _, metrics = run(nlp, "In October the bureau bought 120 children's toys on Temu.")
    assert [u for _, v, u, _, _ in metrics if v == 120] == ["toys"], metrics


def test_the_measure_of_a_verb_ending_in_y(nlp):
    doc, _, _, _ = run(nlp, "The bank has ordered M-Pesa to re-verify more than 40,000 agent accounts.")
    assert any("verified" in m.measure for m in doc._.kg_metrics), [m.measure for m in doc._.kg_metrics]


def test_writing_on_a_platform_is_not_regulating_it(nlp):
    _, _, relations, _ = run(nlp, '"A trap is not a subscription," the Competition Authority\'s president wrote on X.')
    assert not any(o == "X" for _, _, o in relations), relations


@pytest.mark.parametrize("owner, cls", [("Kestrel Group", "Platform"), ("Apax Partners", "Organization")])
def test_the_owner_of_a_platform_is_a_platform_company_unless_named_as_an_investor(nlp, owner, cls):
    doc, mentions, relations, _ = run(nlp, f"Zafio, the payment app licensed by the Bank of Ghana, is owned by {owner}.")
    assert (cls, owner) in mentions and ("Zafio", "ownedBy", owner) in relations, (mentions, relations)
    assert all(r.object.cls == cls for r in doc._.kg_relations if r.object.label == owner)


def test_an_association_the_model_missed_and_who_chairs_it(nlp):
    _, mentions, relations, _ = run(nlp, '"Verification takes weeks," said Ploy Chaiyasit, who chairs the Thai '
                                         'E-Commerce Association.')
    assert ("Organization", "Thai E-Commerce Association") in mentions, mentions
    assert ("Ploy Chaiyasit", "headOf", "Thai E-Commerce Association") in relations, relations


#: Relation forms found missing in development sets I, J and L, each case a sentence written for it
#: (most failed before their rule; the rest guard neighbouring forms the rule must not break).
RELATION_FORMS = [
    # licensing in a describing clause and a body by its first word
    ("Zafio, the payment app licensed by the Bank of Ghana, said it had added 20,000 users.",
     ("Bank of Ghana", "regulates", "Zafio")),
    ("Bitpanda, which holds a licence granted by the Financial Market Authority, has 7 million users.",
     ("Financial Market Authority", "regulates", "Bitpanda")),
    # "the Office" is the body of that kind named before, and "it" the one who said so
    ("The Office of Utilities Regulation fined Digicel. In the same statement the Office said it had asked Apple "
     "to remove the apps.", ("Office of Utilities Regulation", "regulates", "Apple")),
    # a company named after its country and a short name described as an app
    ("Kivo Hrvatska, the country's third operator, passed the test.", ("Kivo Hrvatska", "operatesIn", "Croatia")),
    ("The regulator fined Kalahari Telekom and B3 Hrvatska last week.", ("B3 Hrvatska", "operatesIn", "Croatia")),
    ("ZUM, the home-grown app founded in Lagos, says it has 50,000 users in Nigeria.",
     ("ZUM", "operatesIn", "Nigeria")),
    # titles in whose clauses and presiding
    ("It lands in the home market of Zentra, the Vienna-founded platform whose co-founder Lukas Brenner is chief "
     "executive.", ("Lukas Brenner", "ceoOf", "Zentra")),
    ("It lands in the home market of Zentra, the Vienna-founded platform whose co-founder Lukas Brenner is chief "
     "executive.", ("Lukas Brenner", "founderOf", "Zentra")),
    ('"We are counting them," said Marta Villalba Ruiz, who presides over the Consejo Municipal de Encarnación.',
     ("Marta Villalba Ruiz", "headOf", "Consejo Municipal de Encarnación")),
    # a body described by which clause and letters written to a platform
    ("The ministry shared its file with the Central Bank of Kenya, which supervises M-Pesa as a payment provider.",
     ("Central Bank of Kenya", "regulates", "M-Pesa")),
    ("The Data Protection Office fined Bolt on Monday. The Data Protection Office had also written to Uber asking how "
     "long it keeps trip data.", ("Data Protection Office", "regulates", "Uber")),
    # a platform placed in the story country or by a demonym
    ("Senegal's telecoms regulator fined Sonatel in Senegal on Friday. Sonatel, the country's largest operator, "
     "said it would appeal.", ("Sonatel", "operatesIn", "Senegal")),
    ("South Africa's competition commission questioned Amazon. Amazon, which opened its South African marketplace "
     "in May 2024, has also fielded questions.", ("Amazon", "operatesIn", "South Africa")),
    ("Fiji's Online Safety Commission warned about scams on Monday. Victims meet scammers on Viber, which has about "
     "60,000 users here, the Fiji commission said.", ("Viber", "operatesIn", "Fiji")),
    # a headline the parser reads as "fines ... tells": the body inside the subject's phrase acts
    ("Zambia regulator fines Telegram over scams, tells Meta and TikTok to name local representatives\n\n"
     "The Zambia Information and Communications Technology Authority (ZICTA) fined Telegram on Monday.",
     ("Zambia Information and Communications Technology Authority", "regulates", "TikTok")),
    # inspections at a platform and an inquiry into whether
    ("Serbia's competition commission carried out unannounced inspections at Wolt and Glovo on Tuesday.",
     ("Serbian competition commission", "enforcesAgainst", "Glovo")),
    ("The Hellenic Competition Commission said last month it had opened an inquiry into whether Booking.com's "
     "contracts discourage hotels from offering lower prices.",
     ("Hellenic Competition Commission", "enforcesAgainst", "Booking.com")),
    # examining whether a platform's practice ..., testing its network
    ("The Slovak competition authority confirmed that it is examining whether Orange's practice of bundling Voyo "
     "with its tariffs shuts out rivals.", ("Slovak competition authority", "regulates", "Orange")),
    ("The Communications Regulatory Authority of Lithuania fined Bite. The authority also tested the network of "
     "Telia, the country's largest operator.", ("Communications Regulatory Authority of Lithuania", "regulates",
                                                 "Telia")),
    # the title a name is in apposition to, of a body named in another language
    ('The Secretaría de Comercio Interior (SCI) fined Tigo. "We act," said the secretariat\'s head, minister '
     'Rosa Benítez Ortiz.', ("Rosa Benítez Ortiz", "headOf", "Secretaría de Comercio Interior")),
    ("Telia's chief executive, Anna Berg, said so.", ("Anna Berg", "ceoOf", "Telia")),
    # taxes collected through or from a platform, registration for tax, a platform paying its tax office
    ("The Zambia Revenue Authority collects the levy through Airtel Money and MTN MoMo on every transfer.",
     ("Zambia Revenue Authority", "regulates", "MTN MoMo")),
    ("The Kenya Revenue Authority said it had collected 2 billion shillings in VAT from Netflix and Spotify.",
     ("Kenya Revenue Authority", "regulates", "Spotify")),
    ("The Uganda Revenue Authority has registered Google and Meta for digital services tax.",
     ("Uganda Revenue Authority", "regulates", "Meta")),
    ("Netflix paid 3 million euros in VAT to the Estonian Tax and Customs Board last year.",
     ("Estonian Tax and Customs Board", "regulates", "Netflix")),
    # a hyphenated modifier inside a regulator's description
    ("Telia has been fined 36 million kronor by Sweden's data-protection regulator.",
     ("Swedish data-protection regulator", "enforcesAgainst", "Telia")),
    # a participle right after an apposition describes its noun, however the parser hangs it
    ("Monzo, which holds a licence in Britain, and Revolut, the banking app co-founded by Nikolay Storonsky and "
     "Vlad Yatsenko, were named.", ("Vlad Yatsenko", "founderOf", "Revolut")),
    # drafts discussed with platforms; who chairs "the association" named before
    ("The Federal Ministry of Tourism said it had discussed the draft with Airbnb and Booking.com last month.",
     ("Federal Ministry of Tourism", "regulates", "Booking.com")),
    ('The complaint was filed by the Association of Hosts. "We want fair terms," said Marko Bevanda, who chairs '
     'the association.', ("Marko Bevanda", "headOf", "Association of Hosts")),
    # blocks ordered from others, operators standing for their platforms, "is the <kind> of"
    ("The Gambling Regulatory Authority ordered internet providers to block 64 websites, including 1xBet and "
     "Bet365.", ("Gambling Regulatory Authority", "enforcesAgainst", "Bet365")),
    ("The Bank of Mauritius said it had asked the operators of Juice, Wave and Blink to report unusual transfers.",
     ("Bank of Mauritius", "regulates", "Wave")),
    ("In Kenya, M-Pesa is the mobile-money service of Safaricom.", ("M-Pesa", "ownedBy", "Safaricom")),
    # the title before the copula of a whose-clause; co-founders split by the tokenizer, and their companions
    ("Uber, the US company whose chief executive is Dara Khosrowshahi, has operated in Ecuador since 2017.",
     ("Dara Khosrowshahi", "ceoOf", "Uber")),
    ("Bolt was co-founded in 2013 by Markus Villig, a former student, together with Martin Villig and Oliver "
     "Leisalu.", ("Oliver Leisalu", "founderOf", "Bolt")),
    # owned by, in the main clause, with a clause between the name and the verb
    ("Talabat, which operates in Qatar, Kuwait and Egypt, is majority-owned by Germany's Delivery Hero.",
     ("Talabat", "ownedBy", "Delivery Hero")),
    # an investigation into whether a platform did something
    ("The Communications Regulatory Authority of Lithuania said it had opened an investigation into whether Telia "
     "had breached the network-security rules.",
     ("Communications Regulatory Authority of Lithuania", "enforcesAgainst", "Telia")),
    # an agentless passive in a sentence attributed to a body
    ("According to the Gambling Regulatory Authority, Meta removed 1,140 gambling advertisements after an earlier "
     "request, and Google has now been asked to do the same on YouTube.",
     ("Gambling Regulatory Authority", "regulates", "Google")),
    # the body asked to act is the one acting
    ("The Gambling Regulatory Authority asked the Information and Communication Technologies Authority of "
     "Mauritius to direct Mauritius Telecom to block the sites.",
     ("Information and Communication Technologies Authority of Mauritius", "regulates", "Mauritius Telecom")),
    # an operator a national regulator acts on operates in its country
    ("The Information and Communication Technologies Authority of Mauritius directed Mauritius Telecom to block "
     "the sites.", ("Mauritius Telecom", "operatesIn", "Mauritius")),
    ("The Botswana Communications Regulatory Authority fined Kalahari Wireless for the outage.",
     ("Kalahari Wireless", "operatesIn", "Botswana")),
    # a brand's holding company is another company, named in full or without its country
    ("M-Pesa, a unit of the listed M-Pesa Holdings Kenya, must refund fees. M-Pesa Holdings was spun off in 2018.",
     ("M-Pesa", "ownedBy", "M-Pesa Holdings Kenya")),
    # a kind of business in apposition, possessed by its owner
    ("Viewers said Voyo, Nova's streaming service, froze during the final.", ("Voyo", "ownedBy", "Nova")),
    ("KivoPay, Zentra's payments app, reached 80,000 accounts.", ("KivoPay", "ownedBy", "Zentra")),
    # a wire dateline the parser takes for a second subject of the verb
    ("OSLO, March 3 (Fjord Wire) - Norway's consumer watchdog said on Monday it would fine Spotify for its fees.",
     ("Norwegian consumer watchdog", "enforcesAgainst", "Spotify")),
    # ownership in an object relative clause, its owner named or a pronoun for the company before
    ("Most Ghanaians chat on Threads, which Meta owns, every day.", ("Threads", "ownedBy", "Meta")),
    ("Alphabet said on Monday that Waymo, which it controls, would expand.", ("Waymo", "ownedBy", "Alphabet")),
    # an acronym after the local name in the parentheses: "(<local name>, ACR)"
    ("The Tax Administration (Uprava za javne prihode, UJP) is studying Glovo. The UJP's director, "
     "Marko Petrovic, said so.", ("Marko Petrovic", "headOf", "Tax Administration")),
    # "<name>, its <kind>": owned by the subject of the clause the name is in
    ("Airtel Kenya runs a network. The company said Airtel Money, its mobile-money service, was back.",
     ("Airtel Money", "ownedBy", "Airtel Kenya")),
    # "owns" with descriptions between the verb and the names
    ("Alphabet, which owns the video site YouTube and the mapping service Waze, declined to comment.",
     ("Waze", "ownedBy", "Alphabet")),
    # a participle of ownership joined to another: "founded by X and owned by Y"
    ("Zhipu, founded in 2019 by Tang Jie and owned by the Beijing investment fund Quanta Capital, "
     "declined to comment.", ("Zhipu AI", "ownedBy", "Quanta Capital")),
    # an acronym the text never spells out, for the body named before whose initials it is
    ("Complaints go to the Consumer Protection Authority of Ghana. The CPA fined Jumia last year.",
     ("Ghanaian Consumer Protection Authority", "enforcesAgainst", "Jumia")),
    # a platform acting at a regulator's bidding
    ("Google delisted the loan apps at the request of the Central Bank of Kenya.",
     ("Central Bank of Kenya", "regulates", "Google")),
    ("Ofcom wrote to the firm in May. At the regulator's request, Spotify removed the podcasts.",
     ("Ofcom", "regulates", "Spotify")),
    # throttling and cutting off; the body a copula names; pursuing a platform
    ("The BTK started slowing Instagram on Monday.", ("Information and Communication Technologies Authority",
                                                      "enforcesAgainst", "Instagram")),
    ("Last year the NCA ordered operators to cut off Telegram for a week.",
     ("National Communications Authority", "enforcesAgainst", "Telegram")),
    ("Arcom is the authority that blocked Pornhub in 2025.", ("Arcom", "enforcesAgainst", "Pornhub")),
    ("The Competition Commission is pursuing Uber over its surge prices.",
     ("Competition Commission", "enforcesAgainst", "Uber")),
    # a title that repeats the words of a body's name heads that body (not an organisation of those words)
    ("Kenya's Office of the Data Protection Commissioner warned Bolt on Monday. Data Protection Commissioner "
     "Amina Otieno said riders' data was exposed.",
     ("Amina Otieno", "headOf", "Office of the Data Protection Commissioner")),
    # handing a platform something: "issued X with a notice", "slapped X with a fine"
    ("The Consumer Protection Council issued Jumia with a compliance notice.",
     ("Consumer Protection Council", "regulates", "Jumia")),
    ("Last year the Competition Commission slapped Takealot with a fine.",
     ("Competition Commission", "enforcesAgainst", "Takealot")),
    # a description in apposition to a listed name is that body, whatever other body is named later
    ("Kenya's data regulator, the Office of the Data Protection Commissioner, fined Bolt. The Communications "
     "Authority of Kenya said it had asked Bolt for logs.",
     ("Office of the Data Protection Commissioner", "enforcesAgainst", "Bolt")),
    ("The UK's competition regulator, the CMA, fined Ticketmaster. The Information Commissioner's Office said it "
     "had asked Ticketmaster for records.", ("Competition and Markets Authority", "enforcesAgainst", "Ticketmaster")),
    # a name two countries' bodies share is the one whose acronym the text gives with it
    ("Kakao is a South Korean firm. The Personal Information Protection Commission (PPC) sent LINE a list of "
     "questions.", ("Personal Information Protection Commission of Japan", "jurisdiction", "Japan")),
    # "the <product> maker" is the company named before, not the product
    ("Regulators met Mojang Studios on Monday. The Minecraft maker, whose chief executive is Jonas Martensson, "
     "said it would comply.", ("Jonas Martensson", "ceoOf", "Mojang")),
    # a sanction that accuses someone acts against them
    ("Shopee cut its prices in May. In June the Competition Commission of India filed a case accusing the "
     "company of misleading buyers.", ("Competition Commission of India", "enforcesAgainst", "Shopee")),
    # a head of the body, however the title is worded, still heads it
    ("Arcom's executive director Paul Vidal said the platform had until March.", ("Paul Vidal", "headOf", "Arcom")),
    ("Nadia Kerr, director general of Ofcom, said the app had failed.", ("Nadia Kerr", "headOf", "Ofcom")),
    # a company owned outright by another is a platform company; an owner the model takes for a place is one
    ("Prices rose.\n\nIts rival Nexatel, which is majority-owned by Bahrain's Batelco, cut its tariffs.",
     ("Nexatel", "ownedBy", "Batelco")),
    ("Prices rose.\n\nSavanna Mobile Limited, a subsidiary of Kenya's state-owned Harambee Telecommunications "
     "Limited, said it would comply.", ("Savanna Mobile Limited", "ownedBy", "Harambee Telecommunications Limited")),
    # expanding to a country is operating there
    ("Prices rose.\n\nJumia was founded in Lagos in 2012 and expanded to Morocco and Kenya within two years.",
     ("Jumia", "operatesIn", "Kenya")),
    ("Prices rose.\n\nBolt, popular in Estonia, expanded into Latvia in 2019.", ("Bolt", "operatesIn", "Latvia")),
    # the owner an ownership phrase names is a company, whatever the model tags it
    ("Prices rose.\n\nShareChat, whose parent is Pune-based Vantara Labs Pvt Ltd, claims 18 crore users.",
     ("ShareChat", "ownedBy", "Vantara Labs Pvt Ltd")),
    ("Prices rose.\n\nThe watchdog fined OLX, the classifieds site owned by Vienna-listed investor Tarnova, for "
     "renewing packages.", ("OLX", "ownedBy", "Tarnova")),
    # a sanction suffered at a regulator's bidding is the regulator's
    ("Prices rose.\n\nTelegram has been blocked by network operators since May on Ofcom's order.",
     ("Ofcom", "enforcesAgainst", "Telegram")),
    # a platform in apposition to a country's kind of platform
    ("Jumia, Nigeria's biggest online marketplace, cut its fees.", ("Jumia", "operatesIn", "Nigeria")),
    ("Naver also runs South Korea's most used search engine, Naver Search.", ("Naver Search", "operatesIn", "South Korea")),
    # users named by a demonym in a clause about a platform
    ("The watchdog gave Snapchat a week to say how it stores the messages of Kenyan users.",
     ("Snapchat", "operatesIn", "Kenya")),
    # ... but a relative pronoun beside another subject is the subject
    ("Binance, which the agency estimates is used by 1.1 million people in Kenya, will apply.",
     ("Binance", "operatesIn", "Kenya")),
    # a parent named after a description of the platform; a company that runs or makes an app owns it
    ("Prices rose.\n\nThe watchdog fined Trivago, the hotel search site whose parent company is Expedia Group, "
     "on Monday.", ("Trivago", "ownedBy", "Expedia")),
    ("Prices rose.\n\nKaldo, the marketplace run by Brightline Holdings, has no office in Kenya.",
     ("Kaldo", "ownedBy", "Brightline Holdings")),
    ("Prices rose.\n\nChatto, the messaging app made by Orvane Corporation, asked users to verify their numbers.",
     ("Chatto", "ownedBy", "Orvane Corporation")),
    # a description of the platform as the subject of "controlled by"
    ("Prices rose.\n\nRegulators questioned Glovo in May. The Barcelona delivery app, founded by Oscar Pierre, "
     "is controlled by Berlin-based Delivery Hero, which bought most of it in 2022.", ("Glovo", "ownedBy", "Delivery Hero")),
    # a sanction a relative clause says the regulator opened
    ("Prices rose.\n\nThe ruling does not affect the investigation into Jumia that the Competition Authority of "
     "Kenya opened in 2023.", ("Competition Authority of Kenya", "enforcesAgainst", "Jumia")),
    # a platform's permit or exemption, acted on in a longer phrase
    ("Prices rose.\n\nThe Communications Authority of Kenya on Tuesday approved changes to Google's exemption "
     "from the law.", ("Communications Authority of Kenya", "regulates", "Google")),
    # a platform applies to a regulator
    ("Prices rose.\n\nRevolut's application for a banking licence, filed with the Central Bank of Kenya in 2025, "
     "remains pending.", ("Central Bank of Kenya", "regulates", "Revolut")),
    ("Prices rose.\n\nRevolut applied to the Central Bank of Kenya for a banking licence in 2025.",
     ("Central Bank of Kenya", "regulates", "Revolut")),
    # "her office": the body its head leads
    ("Prices rose.\n\nAnna Kowalska, who heads UOKiK, spoke on Monday. Last week her office brought charges "
     "against Temu.", ("Office of Competition and Consumer Protection", "enforcesAgainst", "Temu")),
    # licences issued to platforms
    ("Prices rose.\n\nThe Communications Authority of Kenya said it had issued its first streaming licences to "
     "Netflix and Showmax.", ("Communications Authority of Kenya", "regulates", "Showmax")),
    # an arm of a company, named after its owner's possessive
    ("Prices rose.\n\nZalo, owned by Orvane Telecom's fintech arm Kivu, has 9 million users.",
     ("Kivu", "ownedBy", "Orvane Telecom")),
    # bought outright, in a passive or a relative clause
    ("Prices rose.\n\nAdevinta was itself bought in 2024 by private-equity firms Permira and Blackstone.",
     ("Adevinta", "ownedBy", "Blackstone")),
    ("Prices rose.\n\nIdealista, the property portal that Cinven bought in 2024, cut its fees.",
     ("Idealista", "ownedBy", "Cinven")),
    # a long description between the platform and "is part of"
    ("Prices rose.\n\nMarktplaats, the country's largest classifieds site with about 8 million visitors a month, "
     "is part of Adevinta.", ("Marktplaats", "ownedBy", "Adevinta")),
    # a penalty paid under a settlement with a regulator
    ("Prices rose.\n\nGoogle will pay a C$95 million penalty under a settlement with the Competition Bureau.",
     ("Competition Bureau", "enforcesAgainst", "Google")),
    # a sanction on the company that runs a platform is on the platform too
    ("Prices rose.\n\nThe Competition Authority of Kenya brought charges against Whaleco Technology Limited, "
     "the company that runs Temu in Kenya.", ("Competition Authority of Kenya", "enforcesAgainst", "Temu")),
    # a name the model misses, in apposition to a superintendent's title
    ("Prices rose.\n\nThe Superintendency of Telecommunications (SIT) met. The SIT's superintendent, Ana María "
     "Herrera Soto, said on Thursday that it would publish rules.",
     ("Ana María Herrera Soto", "headOf", "Superintendency of Telecommunications")),
    # platforms a regulator consults; a platform's appeal a court decides
    ("Prices rose.\n\nThe Communications Authority of Kenya said it would publish rules on data speeds after "
     "consulting Safaricom and Airtel.", ("Communications Authority of Kenya", "regulates", "Airtel")),
    ("Prices rose.\n\nThe Supreme Court of Kenya has rejected Safaricom's challenge to a consumer-protection fine.",
     ("Kenyan Supreme Court", "regulates", "Safaricom")),
    # a share of a market, of sales or of listings in a country; a country's version of a store
    ("Prices rose.\n\nGoogle Play took roughly 70% of app market sales in Kenya in 2023.",
     ("Google Play", "operatesIn", "Kenya")),
    ("Kenya raises prices\n\nNAIROBI - Kenya's competition authority fined Glovo on Monday for its conduct in "
     "Kenya.\n\nGlovo's share of the domestic delivery-app market rose to 31 percent in October.",
     ("Glovo", "operatesIn", "Kenya")),
    ("Prices rose.\n\nThe Office asked Apple and Google to remove 11 apps from the Kenyan versions of the App Store "
     "and Google Play.", ("Google Play", "operatesIn", "Kenya")),
    # an order against a platform; a directive issued to it; what a regulator finds of it
    ("Prices rose.\n\nThe FTC's 2023 order against Amazon over its voice assistant cost the retailer $25 million.",
     ("Federal Trade Commission", "enforcesAgainst", "Amazon")),
    ("Prices rose.\n\nIMDA found that Apple's App Store and Google Play met the requirements.",
     ("Infocomm Media Development Authority", "regulates", "Google Play")),
    ("Prices rose.\n\nThe Communications Authority of Kenya issued Meta its first directive under the law.",
     ("Communications Authority of Kenya", "regulates", "Meta")),
    # registered, says the body that registers them
    ("Prices rose.\n\nUber, Bolt and Little are registered, the National Transport and Safety Authority said on "
     "Thursday.", ("National Transport and Safety Authority", "regulates", "Bolt")),
    # requests sent to platforms, with the "to" inside the object
    ("Prices rose.\n\nANACOM said it had also sent requests for information to NOS and Vodafone Portugal about "
     "similar charges.", ("ANACOM", "regulates", "Vodafone Portugal")),
    # a search of a platform's office
    ("Prices rose.\n\nInspectors from the Competition Authority of Kenya searched Glovo's Nairobi office on Monday.",
     ("Competition Authority of Kenya", "enforcesAgainst", "Glovo")),
    # a regulator's decision to sanction, however the parser takes "to fine"
    ("Prices rose.\n\nThe raid follows the European Commission's decision in June 2025 to fine Delivery Hero and "
     "Glovo a combined EUR 329m.", ("European Commission", "enforcesAgainst", "Glovo")),
    # "the authority, chaired by X": the authority named last
    ("Prices rose.\n\nThe Communications Authority of Kenya met on Monday. The authority, chaired by Maria Rossi, "
     "said it took note.", ("Maria Rossi", "headOf", "Communications Authority of Kenya")),
    # a subsidiary named before the word; a platform settling a regulator's claims
    ("Prices rose.\n\nIt is larger than the $170 million that Google and its YouTube subsidiary paid in 2019 to "
     "settle similar claims brought by the Federal Trade Commission.", ("YouTube", "ownedBy", "Google")),
    ("Prices rose.\n\nIt is larger than the $170 million that Google and its YouTube subsidiary paid in 2019 to "
     "settle similar claims brought by the Federal Trade Commission.",
     ("Federal Trade Commission", "enforcesAgainst", "Google")),
    # a rival in a country: both compete there
    ("Prices rose.\n\nUber Eats, Glovo's main rival in Kenya, declined to comment.", ("Uber Eats", "operatesIn", "Kenya")),
    # a description by the owner's possessive and the platform's kind stands for the platform named before
    ("Prices rose.\n\nThe National Communications Authority licensed Starlink last year, and SpaceX's satellite "
     "service now has about 12,000 subscribers in Kenya.", ("Starlink", "ownedBy", "SpaceX")),
    # "its (Russian) App Store": the company's own, in that country
    ("Prices rose.\n\nRoskomnadzor also said that Apple had removed 38 more VPN apps from its Russian App Store.",
     ("App Store", "ownedBy", "Apple")),
    ("Prices rose.\n\nRoskomnadzor also said that Apple had removed 38 more VPN apps from its Russian App Store.",
     ("App Store", "operatesIn", "Russia")),
    # a company's messenger; a company the founder of another also co-founded
    ("Prices rose.\n\nThe government promotes Max, VK's national messenger.", ("Max", "ownedBy", "VK")),
    ("Prices rose.\n\nDeepSeek, founded in 2023 by Liang Wenfeng and owned by the Hangzhou hedge fund High-Flyer, "
     "which he also co-founded, did not respond.", ("Liang Wenfeng", "founderOf", "High-Flyer")),
    # "was co-founded by", however the parser hangs the subject; the last of a list of founders
    ("Prices rose.\n\nWolt was co-founded in Helsinki in 2014 by Miki Kuusi, among others.",
     ("Miki Kuusi", "founderOf", "Wolt")),
    ("Prices rose.\n\nRappi was founded in Bogotá in 2015 by Simón Borrero, Sebastián Mejía and Felipe Villamarín, "
     "and expanded to Mexico within three years.", ("Felipe Villamarín", "founderOf", "Rappi")),
    # "which is run by" a company; a kind of platform "in" a country
    ("Prices rose.\n\nThe central bank named GCash, which is run by Mynt and backed by Ant Group, and Maya.",
     ("GCash", "ownedBy", "Mynt")),
    ("Prices rose.\n\nYouTube, the most-watched video service in Kenya, is covered by the order.",
     ("YouTube", "operatesIn", "Kenya")),
    # "who" is said of people, whatever the model tags the name
    ("Prices rose.\n\nLim Boon Huat, who heads IMDA, said the authority would act.",
     ("Lim Boon Huat", "headOf", "Infocomm Media Development Authority")),
    # a deadline given, with no one named as giving it: the body named just before
    ("Prices rose.\n\nThe Personal Data Protection Office met platforms on Monday. Telegram has been given until "
     "March to register.", ("Personal Data Protection Office", "regulates", "Telegram")),
    # the towns of a country its demonym names
    ("Prices rose.\n\nBolt now operates in more than 30 Kenyan towns.", ("Bolt", "operatesIn", "Kenya")),
    ("Prices rose.\n\nInDrive, the ride-hailing app that has expanded into Peruvian cities, cut fares.",
     ("inDrive", "operatesIn", "Peru")),
    # a perfect passive, with the date before the owner
    ("Prices rose.\n\nFarfetch has been owned since January 2024 by Coupang.", ("Farfetch", "ownedBy", "Coupang")),
    ("Prices rose.\n\nInstagram has been owned by Meta since 2012.", ("Instagram", "ownedBy", "Meta")),
    # a majority stake bought or held
    ("Prices rose.\n\nZalando said it had bought a 65% stake in Allegro in 2025.", ("Allegro", "ownedBy", "Zalando")),
    ("Prices rose.\n\nUber owns a 70 per cent stake in Careem.", ("Careem", "ownedBy", "Uber")),
    # a company's kind of business, then its name
    ("Prices rose.\n\nRegulators questioned Meta's messaging app, WhatsApp, last week.",
     ("WhatsApp", "ownedBy", "Meta")),
    ("Prices rose.\n\nThe probe covers Google's own wallet, Google Pay, and the chip.",
     ("Google Pay", "ownedBy", "Google")),
    # the body a platform's regulator is said to be
    ("Prices rose.\n\nTikTok's lead regulator in Europe is Ireland's Data Protection Commission.",
     ("Irish Data Protection Commission", "regulates", "TikTok")),
    ("Prices rose.\n\nThe CNIL is Google's main supervisor in France.", ("CNIL", "regulates", "Google")),
    # a whose-clause after a description with a possessor in it is of the name the description follows
    ("Prices rose.\n\nThe order does not cover Glovo, Wolt's main rival in Poland, whose parent company is Delivery "
     "Hero.", ("Glovo", "ownedBy", "Delivery Hero")),
    # a subsidiary of a company described rather than named: the company named before
    ("Prices rose.\n\nDoorDash, the San Francisco group, bought Wolt in 2022; Wolt is now a subsidiary of the US "
     "company.", ("Wolt", "ownedBy", "DoorDash")),
    # registered with the body that reports the registration
    ("Prices rose.\n\nThe Revenue Authority said Spotify and Amazon had registered for VAT.",
     ("Revenue Authority", "regulates", "Amazon")),
    ("Prices rose.\n\nThe Communications Authority said Temu had not registered with the authority.",
     ("Communications Authority of Kenya", "regulates", "Temu")),
    # a whose-clause on the description of the owner, however the parser hangs the description
    ("Prices rose.\n\nFarfetch has been owned since 2024 by Coupang, the e-commerce group whose founder and chief "
     "executive is Bom Kim.", ("Bom Kim", "ceoOf", "Coupang")),
]


@pytest.mark.parametrize("text, triple", [
    ("Kivo Market, Zentra's sister app in Poland, grew fast.", ("Kivo Market", "ownedBy", "Zentra")),
    ("The Communications Authority of Maldives has told Starlink, SpaceX's satellite service, that it will consider "
     "its licence application.", ("Communications Authority of Maldives", "regulates", "SpaceX")),
    ("Monzo, which holds a licence in Britain, and Revolut, the banking app co-founded by Nikolay Storonsky and "
     "Vlad Yatsenko, were named.", ("Vlad Yatsenko", "founderOf", "Monzo")),
    ("Starlink, SpaceX's satellite internet service, now has 20,000 subscribers in Slovakia.",
     ("SpaceX", "operatesIn", "Slovakia")),
    # the head of a unit of a body does not head the body
    ("Ofcom's Director of Online Harms Supervision, Nadia Kerr, said the app had failed.",
     ("Nadia Kerr", "headOf", "Ofcom")),
    ("Tomas Eriksen, head of the CNIL's cybersecurity department, said the firm had not replied.",
     ("Tomas Eriksen", "headOf", "CNIL")),
    ("Arcom's compliance director Paul Vidal said the platform had until March.",
     ("Paul Vidal", "headOf", "Arcom")),
    # a sanction said of no platform in particular; the business of a company another wants to buy
    ("Prices rose.\n\nNetflix raised its prices in May. Ofcom has fined broadcasters before, and the largest "
     "penalty it has imposed on a streaming service was £2m.", ("Ofcom", "enforcesAgainst", "Netflix")),
    ("Prices rose.\n\nThe Italian Competition Authority, chaired by Maria Rossi, blocked Uber's planned purchase "
     "of Deliveroo's Italian business.", ("AGCM", "enforcesAgainst", "Deliveroo")),
    # a fine paid whatever a court decides is not the court's; an owner's arm owns what it owns, not its owner
    ("Prices rose.\n\nIf the Supreme Court of Kenya refuses to suspend the decision, Google must pay the fine.",
     ("Supreme Court of Kenya", "enforcesAgainst", "Google")),
    ("Prices rose.\n\nZalo, owned by Orvane Telecom's fintech arm Kivu, has 9 million users.",
     ("Zalo", "ownedBy", "Orvane Telecom")),
    # "its Android app" is an app of its own for another's system
    ("Prices rose.\n\nThe agency sent Temu a list of questions about its Android app.", ("Android", "ownedBy", "Temu")),
    ("Prices rose.\n\nThe office found that Microsoft made Copilot part of Windows 11 and of its Microsoft 365 "
     "software.", ("Microsoft", "ownedBy", "Windows")),
    # ... but not a sister app, nor a description that names its own platform
    ("Prices rose.\n\nTemu belongs to PDD Holdings, which also owns Pinduoduo, Temu's sister app in China.",
     ("Pinduoduo", "ownedBy", "Temu")),
    ("Prices rose.\n\nChinese lifestyle app Xiaohongshu and Meta's text-based platform Threads will be regulated.",
     ("Xiaohongshu", "ownedBy", "Meta")),
    ("Prices rose.\n\nFarfetch has been owned since 2024 by Coupang, the e-commerce group whose founder and chief "
     "executive is Bom Kim.", ("Bom Kim", "ceoOf", "Farfetch")),
    ("Prices rose.\n\nNaspers bought a 30% stake in Tencent in 2001.", ("Tencent", "ownedBy", "Naspers")),
    ("Prices rose.\n\nThe deal hurt Meta's rival app, TikTok.", ("TikTok", "ownedBy", "Meta")),
    # a bare description before a name is of that name, not of the platform named before
    ("Prices rose.\n\nMeta named a representative in March.\n\nThe Antimonopoly Committee of Ukraine said on Monday it "
     "had fined online retailer Foxtrot 12.5 million hryvnias ($300,000) for misleading discounts.",
     ("Antimonopoly Committee of Ukraine", "enforcesAgainst", "Meta")),
    # what a decision does not cover, and a warning not received
    ("Prices rose.\n\nBolt said it would appeal to the Administrative Court. The decision does not cover Wolt.",
     ("Administrative Court", "regulates", "Wolt")),
    ("Prices rose.\n\nThe agency fined Bolt. Wolt has not received a warning from the agency.",
     ("agency", "regulates", "Wolt")),
    ("Prices rose.\n\nAirbnb was fined. The authority also opened an audit of Booking.com, the Amsterdam-based unit "
     "of the US company Booking Holdings.", ("Booking.com", "ownedBy", "Airbnb")),
    # a registration that did not happen, as the reporter tells it
    ("Prices rose.\n\nNetflix has not registered with the Communications Authority.",
     ("Communications Authority of Kenya", "regulates", "Netflix")),
    # an act denied, by the reporter or by the body itself
    ("Prices rose.\n\nThe Consumer Agency did not fine Careem.", ("Consumer Agency", "enforcesAgainst", "Careem")),
    ("Prices rose.\n\n\"We have not blocked Signal and we are not planning to,\" the Consumer Agency said.",
     ("Consumer Agency", "enforcesAgainst", "Signal")),
    ("Prices rose.\n\nThe Consumer Agency has never investigated Jumia.", ("Consumer Agency", "enforcesAgainst", "Jumia")),
    ("Prices rose.\n\nThe Consumer Agency has not opened a comparable case against Careem.",
     ("Consumer Agency", "enforcesAgainst", "Careem")),
    # a description with its determiner right before the name it describes
    ("Prices rose.\n\nSignal was warned. Separately, the Bank of Ghana has fined the digital wallet Chipper Cash "
     "GH₵ 2 million for lapses.", ("Bank of Ghana", "enforcesAgainst", "Signal")),
    # the head of a unit of a body is not the body's head
    ("Prices rose.\n\n\"We want plans by May,\" said Omar Haddad, who leads Ofcom's online safety supervision unit.",
     ("Omar Haddad", "headOf", "Ofcom")),
    # a kind of platform, not one named before
    ("Prices rose.\n\nThe Consumer Agency questioned Careem. It is the agency's first full case against a digital "
     "platform.", ("Consumer Agency", "enforcesAgainst", "Careem")),
])
def test_relation_forms_that_do_not_hold(nlp, text, triple):
    _, _, relations, _ = run(nlp, text)
    assert triple not in relations, relations


@pytest.mark.parametrize("text, triple", RELATION_FORMS)
def test_relation_forms(nlp, text, triple):
    _, _, relations, _ = run(nlp, text)
    assert triple in relations, relations


@pytest.mark.parametrize("text, word", [
    ("ANCOM, the telecoms regulator that also acts as Romania's Digital Services Coordinator, forwarded the file.",
     "Digital Services Coordinator"),
    ("Viaplay, of course, is Nordic, and most of its subscribers live in the Nordics.", "Nordic"),
    ("Drivers licensed in Flanders or Wallonia may not pick up passengers in the capital.", "Flanders or Wallonia"),
])
def test_roles_regions_and_pairs_of_places_are_not_organisations(nlp, text, word):
    _, mentions, _, _ = run(nlp, text)
    assert not any(word in label for _, label in mentions), mentions


def test_we_in_the_answers_of_an_interview_with_a_regulator(nlp):
    text = ("Interview: the head of the Digital Markets Authority on apps and data\n\n"
            "The Digital Markets Authority (DMA) has had a busy year. Its president spoke to us.\n\n"
            "Why did the Digital Markets Authority act now?\n\n"
            "Because the complaints kept coming. The DMA cannot ignore them.\n\n"
            "What about video apps?\n\n"
            "We have written twice asking Likee to name a contact person here.")
    _, _, relations, _ = run(nlp, text)
    assert ("Digital Markets Authority", "regulates", "Likee") in relations, relations


@pytest.mark.parametrize("text, subject, value", [
    # an owner that modifies the description of the platform is not whose the users are
    ("Prices rose.\n\nRegulators met TikTok on Monday. The ByteDance-owned app has about 14 million users in Kenya.",
     "TikTok", Decimal("14000000")),
    # "which says it has": the name the relative clause describes, not the sentence's subject
    ("Prices rose.\n\nYouTube Shorts is the video feature of Google's YouTube, which says it has 9 million users "
     "in Kenya.", "YouTube", Decimal("9000000")),
    # "X, with N users": the name the "with" follows, not the first of the list
    ("Prices rose.\n\nFacebook, which about 400,000 Kenyans use, and TikTok, with around 280,000 users here, are "
     "where news spreads.", "TikTok", Decimal("280000")),
    # the subject of a clause on the amount; "whose share"; an infinitive on the verb's object
    ("Prices rose.\n\nThe penalty is well short of the record $275 million that Epic Games, the maker of "
     "Fortnite, agreed to pay in 2022.",
     "Epic Games", Decimal("275000000")),
    ("Prices rose.\n\nBolt said its share of trips in Nairobi reached 52 per cent, overtaking Uber, whose share fell "
     "to 41 per cent.", "Uber", Decimal("41")),
    ("Prices rose.\n\nRegulators met Twitch. Under the decree, the service has 90 days to erase the data of roughly "
     "1.1 million accounts it has identified as children's.", "Twitch", Decimal("1100000")),
    # each amount's own "on" in a list of fines
    ("Prices rose.\n\nThe Croatian Regulatory Authority for Network Industries (HAKOM) announced that it had imposed "
     "fines of €240,000 on Magyar Telekom (MT) and €160,000 on A1 Slovenija after the outages.", "A1 Slovenija",
     Decimal("160000")),
    # a figure gapped after a second name, however the parser hangs it
    ("Prices rose.\n\nFacebook has some 75 million users here and YouTube 63 million, according to ministry figures.",
     "YouTube", Decimal("63000000")),
    # people counted by the platform that says they use it
    ("Prices rose.\n\nRegulators met Twitch. The service says about 35 million people in Kenya watch at least one "
     "stream on it each month.", "Twitch", Decimal("35000000")),
    # a one-word answer between the app and "it" is no sentence of its own
    ("Prices rose.\n\nTemu was fined.\n\nVery. The app arrived in 2023. It says it has about 3.1 million "
     "customers.", "Temu", Decimal("3100000")),
    # the owner named in passing in a relative clause is not "the company"
    ("Prices rose.\n\nFlipkart, which America's Walmart bought in 2018, said it had cooperated. The company says it "
     "has about 4.1 million monthly users in Nepal.", "Flipkart", Decimal("4100000")),
    # a marked-up subhead and a stray closing quote are no sentences to count
    ("Prices rose.\n\n\"Allegro built something remarkable,\" said Anna Nowak, who heads the office. \"But it is too "
     "big.\"\n\n## A very big marketplace\n\nThe Warsaw-listed company reported 9.1 million monthly users.",
     "Allegro", Decimal("9100000")),
    # a penalty named in apposition, in a sentence naming no platform: the one just fined
    ("Prices rose.\n\nCambodia's Ministry of Posts and Telecommunications fined Signal on Monday. The penalty, KHR 300 "
     "million, or roughly US$ 75,000, was imposed because the messaging app ignored 900 requests.", "Signal",
     Decimal("300000000")),
    # a list item's name before a colon and its amount
    ("Prices rose.\n\nThe General Authority for Competition fined two delivery apps:\n\n• Keeta, a subsidiary of the "
     "Chinese group Meituan: SAR 6.2 million.\n\n• Jahez: SAR 2 million.", "Keeta", Decimal("6200000")),
    # people counted by a country's informal demonym
    ("Prices rose.\n\nTwitch says 1.3 million Kiwis use the service every month.", "Twitch", Decimal("1300000")),
    # a rise near a tax is no tax rate
    ("Prices rose.\n\nUber raised fares in Kenya by 10% after the tax change.", "Uber", Decimal("10")),
    # a count put at a figure
    ("Prices rose.\n\nSignal is popular with reporters; the authority puts its users in the country at 1.3 million.",
     "Signal", Decimal("1300000")),
    # an ordinal after the figure is no part of the number
    ("Prices rose.\n\nJumia said it would appeal. Its marketplace hosts more than 42,000 third-party sellers, the "
     "ruling notes.", "Jumia", Decimal("42000")),
    # figures gapped in a list, with approximations between
    ("Prices rose.\n\nAccording to the ministry, Facebook has about 9 million users in Kenya, Snapchat about 4 million "
     "and Twitch about 2 million.", "Snapchat", Decimal("4000000")),
    # a relative clause whose verb is reported by someone else
    ("Prices rose.\n\nM-Pesa, which Safaricom says has more than 32 million customers, dominates the market.",
     "M-Pesa", Decimal("32000000")),
    # "use" tagged a noun: the verb whose object is the platform, not the speaker's clause
    ("Prices rose.\n\nByteDance, the parent company of TikTok, says it \"will comply\". The company says about 1.4 "
     "million people in New Zealand use TikTok every month, a large share of them children.", "TikTok",
     Decimal("1400000")),
    # a participle before the counted noun, which the parser hangs on the number
    ("Prices rose.\n\nHow big is it?\n\nHuge. Anghami says it has 2.3 million paying subscribers and about 40 per "
     "cent of the market, against 22 per cent for Spotify.", "Anghami", Decimal("2300000")),
    # each share's own "for" after a comparison
    ("Prices rose.\n\nUber has 58% of rides in the city, against 29 per cent for Bolt and 9% for Yango.",
     "Bolt", Decimal("29")),
])
def test_whose_figure_a_clause_gives(nlp, text, subject, value):
    _, _, _, metrics = run(nlp, text)
    subjects = {s for s, v, _, _, _ in metrics if v == value}
    assert subjects == {subject}, metrics


def test_a_company_is_not_its_product_and_no_person_is_owned(nlp):
    text = ("Prices rose.\n\nThe watchdog has fined Kalo EUR 6m, saying the online retailer shared data on its own "
            "ad network.\n\nThe case centres on Kalo Ads, the service that lets brands pay for placement.\n\n"
            "Kalo, which is owned by supermarket group Ahold Delhaize, said it takes privacy seriously.")
    _, mentions, relations, _ = run(nlp, text)
    assert {("Platform", "Kalo"), ("Platform", "Kalo Ads")} <= mentions, mentions
    assert ("Kalo", "ownedBy", "Ahold Delhaize") in relations, relations


def test_investors_described_as_such_stay_organisations(nlp):
    _, mentions, relations, _ = run(nlp, "Prices rose.\n\nAdevinta was itself bought in 2024 by private-equity "
                                        "firms Permira and Blackstone.")
    assert {("Organization", "Permira"), ("Organization", "Blackstone")} <= mentions, mentions


def test_the_former_name_and_the_local_name_are_one_entity(nlp):
    _, mentions, _, _ = run(nlp, "Prices rose.\n\nTelecel Cash is run by Telecel Ghana, the former Vodafone Ghana, "
                                 "which Telecel Group bought control of in 2023.")
    assert ("Platform", "Telecel Ghana") in mentions and not any("Vodafone" in label for _, label in mentions), mentions
    _, mentions, _, _ = run(nlp, "Prices rose.\n\nSeparately, the National Consumer Service (Servicio Nacional del "
                                 "Consumidor, SERNAC) filed a collective lawsuit against Uber.")
    assert not any("Servicio" in label for _, label in mentions), mentions


def test_a_described_platform_has_the_figure(nlp):
    _, _, _, metrics = run(nlp, "Prices rose.\n\nThe National Communications Authority licensed Starlink last year, "
                                "and SpaceX's satellite service now has about 12,000 subscribers in Kenya.")
    assert {s for s, v, _, _, _ in metrics if v == Decimal("12000")} == {"Starlink"}, metrics


def test_a_short_name_owned_by_a_company_is_a_platform_wherever_it_stands(nlp):
    text = ("Prices rose.\n\nThe Dutch Data Protection Authority has fined Bol EUR 6.2m, saying the online retailer "
            "passed data to advertisers.\n\nBol, which is owned by supermarket group Ahold Delhaize, said it takes "
            "privacy seriously.")
    _, mentions, relations, metrics = run(nlp, text)
    assert ("Platform", "Bol") in mentions, mentions
    assert ("Autoriteit Persoonsgegevens", "enforcesAgainst", "Bol") in relations, relations
    assert any(s == "Bol" and v == Decimal("6200000") for s, v, _, _, _ in metrics), metrics
