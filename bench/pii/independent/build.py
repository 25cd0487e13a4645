#!/usr/bin/env python3
"""Writes set.jsonl: the independent PII evaluation set (fictitious values, fixed seed).

Usage: python3 build.py > set.jsonl
"""
import json
import random
import re
import sys
import urllib.parse

import ids
import words as W
from templates import EMAIL_WORDS, FIELDS, READOUT, TRANSCRIPT

SCORER = {"PERSON", "EMAIL", "PHONE", "CREDIT_CARD", "IBAN", "IP_ADDRESS", "DATE_OF_BIRTH", "PASSPORT", "NATIONAL_ID"}
EXTRA = {"ADDRESS", "LICENSE_PLATE", "CVV"}
LANGS = ["en", "de", "fr", "it", "es", "nl", "pl"]
COUNTRY = {"en": "GB", "de": "DE", "fr": "FR", "it": "IT", "es": "ES", "nl": "NL", "pl": "PL"}
PARTICLES = {"von", "der", "de", "la", "du", "Le", "Di", "Della", "Lo", "De", "van", "den", "ter", "zu", "op"}

r = random.Random(20250611)


# ------------------------------------------------------------------ rendering
class Doc:
    def __init__(self):
        self.parts, self.spans, self.extra, self.pos = [], [], [], 0

    def t(self, s):
        self.parts.append(s)
        self.pos += len(s)
        return self

    def v(self, label, s):
        if label:
            (self.spans if label in SCORER else self.extra).append({"start": self.pos, "end": self.pos + len(s), "type": label})
        return self.t(s)

    def text(self):
        return "".join(self.parts)


def render(tpl, vals, lang=None, filler_p=0.0, doc=None):
    """Fills {key} from vals[key] = (label|None, text); '~' becomes a filler or nothing."""
    doc = doc or Doc()
    for tok in re.split(r"(\{[a-z_0-9]+\}|~)", tpl):
        if not tok:
            continue
        if tok == "~":
            if lang and r.random() < filler_p:
                doc.t(r.choice(W.FILLERS[lang]))
            else:
                doc.t("")
        elif tok.startswith("{"):
            label, text = vals[tok[1:-1]]
            doc.v(label, text)
        else:
            doc.t(tok)
    return doc


def tidy(doc):
    """Collapses runs of spaces created by empty fillers, keeping spans aligned."""
    text = doc.text()
    keep, new_index, out = [], [0] * (len(text) + 1), []
    j = 0
    for i, ch in enumerate(text):
        new_index[i] = j
        if ch == " " and (j == 0 or (out and out[-1] == " ")):
            continue
        out.append(ch)
        j += 1
    new_index[len(text)] = j
    s = "".join(out)
    trail = len(s) - len(s.rstrip(" "))
    s = s.rstrip(" ")
    d = Doc()
    d.parts = [s]
    for src, dst in ((doc.spans, d.spans), (doc.extra, d.extra)):
        for sp in src:
            dst.append({"start": new_index[sp["start"]], "end": min(new_index[sp["end"]], len(s)), "type": sp["type"]})
    return d


# ------------------------------------------------------------------ people and values
def surname_pool(lang):
    if lang == "pl":
        return None
    tails = {m.split()[-1] for m in W.SURNAMES_MULTI[lang]}
    singles = [s for s in W.SURNAMES[lang] if s not in PARTICLES and s not in tails]
    return singles + W.SURNAMES_MULTI[lang] * 2


def person(lang):
    female = r.random() < 0.5
    g = r.choice(W.GIVEN[lang]["f" if female else "m"])
    if r.random() < 0.08:
        g = g + ("-" if lang in ("de", "fr") else " ") + r.choice([x for x in W.GIVEN[lang]["f" if female else "m"] if x != g])
    p = {"g": g, "female": female}
    if lang == "pl":
        row = r.choice(W.PL_SUR)
        k = 3 if female else 0
        p.update(s=row[k], sgen=row[k + 1], sins=row[k + 2])
        p["sdat"] = (row[4] if female else row[1][:-1] + "emu" if row[1].endswith("ego") else row[0] + "owi")
    else:
        p["s"] = r.choice(surname_pool(lang))
    p["n"] = f"{p['g']} {p['s']}"
    return p


DOMAINS = {"en": ["gmail.com", "btinternet.com", "outlook.com", "yahoo.co.uk", "hotmail.co.uk", "sky.com"],
           "de": ["web.de", "gmx.de", "t-online.de", "posteo.de", "gmail.com", "mailbox.org"],
           "fr": ["orange.fr", "free.fr", "laposte.net", "gmail.com", "sfr.fr", "wanadoo.fr"],
           "it": ["libero.it", "virgilio.it", "gmail.com", "alice.it", "tiscali.it", "fastwebnet.it"],
           "es": ["telefonica.net", "gmail.com", "hotmail.es", "yahoo.es", "movistar.es", "outlook.es"],
           "nl": ["ziggo.nl", "kpnmail.nl", "gmail.com", "hotmail.nl", "xs4all.nl", "planet.nl"],
           "pl": ["wp.pl", "onet.pl", "interia.pl", "gmail.com", "o2.pl", "op.pl"]}
COMPANY = ["siemens.com", "accenture.com", "kpmg.de", "bosch.com", "lufthansa.com", "philips.com", "enel.com",
           "repsol.com", "orlen.pl", "capgemini.com", "allianz.de", "unicredit.eu", "iberdrola.es", "asml.com"]


def email(lang, p):
    g, s = W.ascii_(p["g"].split("-")[0].split()[0]), W.ascii_(p["s"].replace("-", ""))
    local = r.choice([f"{g}.{s}", f"{g}{s}", f"{g[0]}.{s}", f"{s}.{g}", f"{g}_{s}", f"{g}{r.randint(1, 99)}",
                      f"{s}{r.randint(60, 99)}", f"{g}.{s}{r.randint(1, 9)}"])
    dom = r.choice(DOMAINS[lang] * 3 + COMPANY)
    return local, dom


def spoken_email(lang, local, dom):
    at, dot = EMAIL_WORDS[lang]
    if lang == "de" and r.random() < 0.4:
        at = "at"
    if lang == "en" and r.random() < 0.2:
        local_w = " ".join(local)  # spelled local part
    else:
        local_w = local
    local_w = local_w.replace(".", f" {dot} ").replace("_", " " + {"en": "underscore", "de": "unterstrich", "fr": "tiret bas", "it": "trattino basso", "es": "guion bajo", "nl": "underscore", "pl": "podkreślnik"}[lang] + " ")
    dom_w = dom.replace(".", f" {dot} ").replace("-", " " + {"en": "dash", "de": "minus", "fr": "tiret", "it": "trattino", "es": "guion", "nl": "streepje", "pl": "myślnik"}[lang] + " ")
    return re.sub(r"\s+", " ", f"{local_w} {at} {dom_w}").strip()


def phone_digits(cc):
    """Returns (international digits without +, national digits with trunk)"""
    if cc == "DE":
        nat = r.choice(["151", "160", "170", "171", "176", "157", "1522"]) + ids._digits(r, 7 if r.random() < 0.6 else 8)
        if r.random() < 0.3:
            nat = r.choice(["30", "89", "40", "221", "69", "711"]) + ids._digits(r, 7)
        return "49" + nat, "0" + nat
    if cc == "FR":
        nat = r.choice("67") + ids._digits(r, 8) if r.random() < 0.75 else r.choice("12345") + ids._digits(r, 8)
        return "33" + nat, "0" + nat
    if cc == "IT":
        nat = "3" + r.choice(["20", "28", "33", "35", "39", "40", "47", "48", "66", "88", "92"]) + ids._digits(r, 7) if r.random() < 0.75 else "0" + r.choice(["6", "2", "55", "81", "11"]) + ids._digits(r, 7)
        return "39" + nat, nat
    if cc == "ES":
        nat = r.choice("67") + ids._digits(r, 8) if r.random() < 0.7 else "9" + r.choice("1345") + ids._digits(r, 7)
        return "34" + nat, nat
    if cc == "NL":
        nat = "6" + ids._digits(r, 8) if r.random() < 0.7 else r.choice(["20", "10", "30", "70", "50"]) + ids._digits(r, 7)
        return "31" + nat, "0" + nat
    if cc == "PL":
        nat = r.choice("5678") + ids._digits(r, 8) if r.random() < 0.8 else r.choice(["22", "12", "58", "61", "71"]) + ids._digits(r, 7)
        return "48" + nat, nat
    if cc == "GB":
        nat = "7" + r.choice(["4", "5", "7", "8", "9"]) + ids._digits(r, 8) if r.random() < 0.7 else "20" + ids._digits(r, 8)
        return "44" + nat, "0" + nat
    raise ValueError(cc)


def fmt_phone(cc, intl, nat):
    cc2 = intl[: len(intl) - len(nat) + (1 if nat.startswith("0") and cc not in ("IT",) else 0)]
    body = intl[len(cc2):]
    style = r.random()
    if cc == "FR":
        if style < 0.35:
            return " ".join(nat[i:i + 2] for i in range(0, 10, 2))
        if style < 0.5:
            return ".".join(nat[i:i + 2] for i in range(0, 10, 2))
        if style < 0.75:
            return f"+33 {body[0]} " + " ".join(body[i:i + 2] for i in range(1, 9, 2))
        return f"+33 (0){body[0]} {body[1:5]} {body[5:]}"
    if style < 0.25:
        return f"+{cc2} {body[:3]} {body[3:]}"
    if style < 0.4:
        return f"00{cc2} {body[:3]} {body[3:6]} {body[6:]}"
    if style < 0.52 and nat.startswith("0"):
        return f"+{cc2} (0){body[:3]}  {body[3:]}"
    if style < 0.62:
        return f"+{cc2}{body}"
    if style < 0.75 and nat.startswith("0"):
        return f"{nat[:4]}/{nat[4:]}" if cc == "DE" else f"{nat[:3]}-{nat[3:]}"
    if style < 0.9:
        return " ".join([nat[:3], nat[3:6], nat[6:]])
    return nat


def phone(lang):
    cc = COUNTRY[lang]
    if r.random() < 0.1:
        cc = r.choice(["DE", "FR", "IT", "ES", "NL", "PL", "GB"])
    intl, nat = phone_digits(cc)
    return fmt_phone(cc, intl, nat), intl, nat, cc


def spoken_phone(lang):
    cc = COUNTRY[lang]
    intl, nat = phone_digits(cc)
    if lang == "fr" and r.random() < 0.7:
        return W.spoken_pairs_fr(nat)
    if r.random() < 0.3:
        return W.spoken_digits(lang, "+" + intl, r)
    s = W.spoken_digits(lang, nat, r)
    if lang == "en" and r.random() < 0.3:
        s = re.sub(r"\b(\w+) \1\b", r"double \1", s, count=1)
    return s


def dob():
    y = r.randint(1941, 2006)
    m = r.randint(1, 12)
    d = r.randint(1, 28)
    return y, m, d


def fmt_dob(lang, y, m, d):
    st = r.random()
    if st < 0.2:
        return f"{y}-{m:02d}-{d:02d}"
    if lang == "en":
        return r.choice([f"{d:02d}/{m:02d}/{y}", f"{d} {W.MONTHS['en'][m-1].title()} {y}", f"{W.MONTHS['en'][m-1].title()[:3]} {d}, {y}"])
    if lang == "de":
        return r.choice([f"{d:02d}.{m:02d}.{y}", f"{d}. {W.MONTHS['de'][m-1].title()} {y}", f"{d}.{m}.{y}"])
    if lang == "fr":
        return r.choice([f"{d:02d}/{m:02d}/{y}", f"{d} {W.MONTHS['fr'][m-1]} {y}"])
    if lang == "it":
        return r.choice([f"{d:02d}/{m:02d}/{y}", f"{d} {W.MONTHS['it'][m-1]} {y}", f"{d:02d}-{m:02d}-{y}"])
    if lang == "es":
        return r.choice([f"{d:02d}/{m:02d}/{y}", f"{d} de {W.MONTHS['es'][m-1]} de {y}"])
    if lang == "nl":
        return r.choice([f"{d:02d}-{m:02d}-{y}", f"{d} {W.MONTHS['nl'][m-1]} {y}"])
    return r.choice([f"{d:02d}.{m:02d}.{y}", f"{d} {W.MONTHS['pl'][m-1]} {y}", f"{d:02d}.{m:02d}.{y} r."])


def national_id(lang, p=None, y=None, m=None, d=None, canonical=False):
    """Returns (label, value). canonical: the one id a spoken cue names (Steuer-ID, PESEL, DNI, ...)."""
    if canonical:
        if y is None:
            y, m, d = dob()
        if lang == "de":
            return "NATIONAL_ID", ids.steuer_id(r)
        if lang == "pl":
            return "NATIONAL_ID", ids.pesel(r, y, m, d, p["female"] if p else False)
        if lang == "es":
            return "NATIONAL_ID", ids.dni(r)
    if y is None:
        y, m, d = dob()
    female = p["female"] if p else r.random() < 0.5
    if lang == "pl":
        return ("NATIONAL_ID", ids.pesel(r, y, m, d, female)) if r.random() < 0.7 else ("NATIONAL_ID", ids.pl_id_card(r))
    if lang == "nl":
        return "NATIONAL_ID", ids.bsn(r)
    if lang == "es":
        return "NATIONAL_ID", ids.dni(r) if r.random() < 0.65 else ids.nie(r)
    if lang == "it":
        g, s = (p["g"], p["s"]) if p else ("Marco", "Neri")
        return "NATIONAL_ID", ids.codice_fiscale(r, s, g.split()[0].split("-")[0], y, m, d, female)
    if lang == "fr":
        n = ids.nir(r, y, m, female)
        return "NATIONAL_ID", ids.nir_spaced(n) if r.random() < 0.5 else n
    if lang == "de":
        if r.random() < 0.5:
            return "NATIONAL_ID", ids.steuer_id(r)
        s, c = ids.de_id_card(r)
        return "NATIONAL_ID", s + (c if r.random() < 0.5 else "")
    return "NATIONAL_ID", ids.nino(r)


def passport(lang):
    return {"en": ids.uk_passport, "de": ids.de_passport, "fr": ids.fr_passport, "it": ids.it_passport,
            "es": ids.es_passport, "nl": ids.nl_passport, "pl": ids.pl_passport}[lang](r)


def card_value(lang):
    num, brand = ids.card(r)
    st = r.random()
    if st < 0.5:
        s = ids.group_card(num)
    elif st < 0.65:
        s = ids.group_card(num, "-")
    elif st < 0.85:
        s = num
    else:
        s = ids.group_card(num, "  ")
    return s, num, brand


def cvv(brand):
    return ids._digits(r, 4 if brand == "amex" else 3)


def iban_value(lang, spaced=None):
    cc = COUNTRY[lang] if r.random() < 0.85 else r.choice(["DE", "FR", "IT", "ES", "NL", "PL", "AT", "BE"])
    v = ids.iban(r, cc)
    st = r.random() if spaced is None else spaced
    if st < 0.45:
        return ids.group4(v), v
    if st < 0.6:
        return ids.group4(v, "  "), v
    if st < 0.7:
        return v[:4] + " " + v[4:], v
    return v, v


def spoken_iban(lang, v):
    out = []
    for ch in v:
        if ch.isalpha():
            out.append(ch.lower())
        else:
            out.append(W.DIGITS[lang][int(ch)])
    return " ".join(out)


STREETS = {
    "en": ["Elm Grove", "Ashley Road", "Kingsdown Parade", "Chalk Farm Road", "Mill Lane", "Hawthorn Close", "Victoria Terrace", "Station Road", "Cromwell Crescent"],
    "de": ["Lindenstraße", "Am Gießberg", "Schillerstraße", "Hauptstraße", "Birkenweg", "Kastanienallee", "Im Wiesengrund", "Bahnhofstraße", "Goethestraße", "Am Markt"],
    "fr": ["rue des Lilas", "avenue Jean Jaurès", "boulevard Voltaire", "rue de la République", "impasse des Mûriers", "chemin du Moulin", "rue Pasteur", "allée des Tilleuls"],
    "it": ["Via dei Mille", "Corso Vittorio Emanuele II", "Via Roma", "Viale Monza", "Piazza Garibaldi", "Via San Francesco", "Vicolo del Pozzo", "Via Cavour"],
    "es": ["Calle de Alcalá", "Avenida de la Constitución", "Calle Mayor", "Paseo de Gracia", "Calle del Olmo", "Ronda de Segovia", "Calle San Vicente", "Plaza de España"],
    "nl": ["Prinsengracht", "Kerkstraat", "Dorpsstraat", "Molenweg", "Oudegracht", "Laan van Meerdervoort", "Zonnebloemstraat", "Hoofdweg"],
    "pl": ["ul. Długa", "ul. Marszałkowska", "ul. Kwiatowa", "al. Niepodległości", "ul. Ogrodowa", "ul. Słoneczna", "os. Kościuszki", "ul. Lipowa"],
}
CITIES = {
    "en": [("Bristol", "BS6 5HG"), ("Leeds", "LS6 2AB"), ("London", "NW1 8AH"), ("Manchester", "M20 2RN"), ("Edinburgh", "EH10 4BF"), ("Cardiff", "CF24 3DG")],
    "de": [("Berlin", "10115"), ("Konstanz", "78467"), ("München", "81667"), ("Hamburg", "22765"), ("Köln", "50733"), ("Leipzig", "04229"), ("Freiburg im Breisgau", "79102")],
    "fr": [("Lyon", "69003"), ("Paris", "75011"), ("Nantes", "44000"), ("Bordeaux", "33000"), ("Lille", "59000"), ("Strasbourg", "67000"), ("Rennes", "35000")],
    "it": [("Milano", "20121"), ("Torino", "10128"), ("Roma", "00184"), ("Bologna", "40126"), ("Napoli", "80134"), ("Firenze", "50122"), ("Padova", "35121")],
    "es": [("Madrid", "28009"), ("Sevilla", "41004"), ("Barcelona", "08008"), ("Valencia", "46002"), ("Bilbao", "48001"), ("Zaragoza", "50001")],
    "nl": [("Amsterdam", "1016 GV"), ("Utrecht", "3511 AB"), ("Den Haag", "2517 KJ"), ("Groningen", "9711 LM"), ("Eindhoven", "5611 CZ"), ("Rotterdam", "3012 AC")],
    "pl": [("Gdańsk", "80-831"), ("Kraków", "31-042"), ("Warszawa", "00-695"), ("Wrocław", "50-107"), ("Poznań", "61-888"), ("Łódź", "90-001")],
}


def address(lang):
    st = r.choice(STREETS[lang])
    city, pc = r.choice(CITIES[lang])
    n = str(r.randint(1, 180))
    if r.random() < 0.15:
        n += r.choice("abc")
    if lang == "en":
        return f"{n} {st}, {city} {pc}"
    if lang == "fr":
        return f"{n} {st}, {pc} {city}"
    if lang == "it":
        return f"{st} {n}, {pc} {city}"
    if lang == "es":
        extra = r.choice(["", f", {r.randint(1, 8)}º {r.choice('ABCD')}"])
        return f"{st} {n}{extra}, {pc} {city}"
    if lang == "nl":
        return f"{st} {n}{r.choice(['', '-1', '-2', ' bis'])}, {pc} {city}"
    if lang == "pl":
        return f"{st} {n}{r.choice(['', '/' + str(r.randint(1, 40))])}, {pc} {city}"
    return f"{st} {n}, {pc} {city}"


def plate(lang):
    U = "ABCDEFGHJKLMNPRSTVWXYZ"
    L = lambda k: "".join(r.choice(U) for _ in range(k))
    D = lambda k: ids._digits(r, k).lstrip("0").rjust(k, "1")
    if lang == "de":
        return f"{r.choice(['M', 'B', 'HH', 'K', 'S', 'F', 'KN', 'LB', 'FR'])}-{L(r.randint(1, 2))} {D(r.randint(2, 4))}{r.choice(['', '', 'E'])}"
    if lang == "fr":
        return f"{L(2)}-{D(3)}-{L(2)}"
    if lang == "it":
        return f"{L(2)} {D(3)}{L(2)}" if r.random() < 0.3 else f"{L(2)} {D(3)} {L(2)}"
    if lang == "es":
        return f"{D(4)} {''.join(r.choice('BCDFGHJKLMNPRSTVWXYZ') for _ in range(3))}"
    if lang == "nl":
        return r.choice([f"{L(2)}-{D(3)}-{L(1)}", f"{D(1)}-{L(3)}-{D(2)}", f"{L(3)}-{D(2)}-{L(1)}"])
    if lang == "pl":
        return r.choice([f"{r.choice(['WA', 'KR', 'GD', 'PO', 'WR'])} {D(5)}", f"{r.choice(['WA', 'KR', 'GD', 'DW', 'EL'])} {D(1)}{L(1)}{D(3)}"])
    return f"{L(2)}{D(2)} {L(3)}"


def ip():
    if r.random() < 0.2:
        return f"2a02:{r.randint(0x1000, 0xffff):x}:{r.randint(0, 0xffff):x}:{r.randint(0, 0xffff):x}::{r.randint(1, 0xffff):x}"
    first = r.choice([31, 37, 46, 62, 77, 78, 79, 80, 81, 82, 83, 84, 85, 86, 87, 88, 89, 91, 93, 94, 95, 109, 176, 178, 185, 188, 212, 213, 217])
    return f"{first}.{r.randint(0, 255)}.{r.randint(0, 255)}.{r.randint(1, 254)}"


def booking_ref():
    return r.choice([f"{''.join(r.choice('ABCDEFGHJKLMNPQRSTUVWXYZ') for _ in range(8))}-1",
                     f"BK-{r.randint(100000, 999999)}", f"VH{r.randint(10**7, 10**8 - 1)}",
                     f"{r.choice(['BER', 'MUC', 'AMS', 'MAD', 'ROM', 'PAR', 'KRK'])}-{''.join(r.choice('ABCDEFGHJKLMNPRSTUVWXYZ') for _ in range(6))}-{r.randint(1, 3)}"])


def stay_date():
    m, d = r.randint(1, 12), r.randint(1, 28)
    return 2025 + r.randint(0, 1), m, d


def room():
    return str(r.choice([r.randint(101, 145), r.randint(201, 240), r.randint(301, 330), r.randint(410, 418), r.randint(1201, 1220)]))


# ------------------------------------------------------------------ kinds
def lowernames(p):
    return {k: (v.lower() if isinstance(v, str) else v) for k, v in p.items()}


def pl_dat_m(gen):
    def one(w):
        if w.endswith("ego"):
            return w[:-3] + "emu"
        if w == "Sikory":
            return "Sikorze"
        return w[:-1] + "owi"
    return "-".join(one(w) for w in gen.split("-"))


def person_g(lang, female):
    while True:
        p = person(lang)
        if p["female"] == female:
            return p


def transcript(lang):
    tpl = r.choice(TRANSCRIPT[lang])
    force = None
    if tpl[:2] in ("F|", "M|"):
        force, tpl = tpl[0] == "F", tpl[2:]
    p = person(lang) if force is None else person_g(lang, force)
    p, q, qf = lowernames(p), lowernames(person_g(lang, False)), lowernames(person_g(lang, True))
    vals = {"n": ("PERSON", p["n"]), "g": ("PERSON", p["g"]), "s": ("PERSON", p["s"]), "n2": ("PERSON", q["n"]),
            "n2f": ("PERSON", qf["n"]), "g2": ("PERSON", q["g"]), "g2f": ("PERSON", qf["g"]),
            "d": (None, r.choice(W.WEEKDAYS[lang])), "room": (None, room())}
    if lang == "pl":
        fem = p["female"]
        row = next(x for x in W.PL_SUR if x[3 if fem else 0].lower() == p["s"])
        vals.update(hon_gen=(None, "pani" if fem else "pana"), sgen=("PERSON", p["sgen"]),
                    hon_dat=(None, "pani" if fem else "panu"), sdat=("PERSON", (row[4] if fem else pl_dat_m(row[1])).lower()),
                    hon_ins=(None, "panią" if fem else "panem"), sins=("PERSON", p["sins"]),
                    ggen=("PERSON", W.PL_GIVEN_GEN.get(p["g"].title(), p["g"]).lower()),
                    n2acc=("PERSON", q["g"] + "a" + " " + next(x for x in W.PL_SUR if x[0].lower() == q["s"])[1].lower()
                           if not q["g"].endswith("a") and " " not in q["g"] else q["n"]))
    return tidy(render(tpl, vals, lang, 0.45))


def readout(lang):
    p = person(lang)
    pl_ = lowernames(p)
    local, dom = email(lang, p)
    y, m, d = dob()
    cc_s, cc_num, brand = card_value(lang)
    _, ib = iban_value(lang)
    lab, idv = national_id(lang, p, y, m, d, canonical=True)
    id_sp = " ".join(W.DIGITS[lang][int(c)] if c.isdigit() else c.lower() for c in idv.replace(" ", ""))
    sp_sep = r.choice([" ", " ", "-", ", "])
    vals = {"n": ("PERSON", pl_["n"]), "g": ("PERSON", pl_["g"]), "s": ("PERSON", pl_["s"]),
            "sp_s": ("PERSON", W.spelled(p["s"], sp_sep)), "sp_g": ("PERSON", W.spelled(p["g"], sp_sep)),
            "ph_sp": ("PHONE", spoken_phone(lang)), "dob_sp": ("DATE_OF_BIRTH", W.spoken_date(lang, y, m, d, r)),
            "em_sp": ("EMAIL", spoken_email(lang, local, dom)),
            "cc_sp": ("CREDIT_CARD", " ".join(W.spoken_digits(lang, cc_num[i:i + 4], r) for i in range(0, len(cc_num), 4))),
            "ib_sp": ("IBAN", spoken_iban(lang, ib)), "id_sp": (lab, id_sp)}
    tpl = r.choice(READOUT[lang])
    return tidy(render(tpl, vals, lang, 0.35))


OTA_HOTEL = ["HOTELMARIATHERESIA", "SUITEISABELLA", "HTLALPENROSE", "GRANDHOTELVICTORIA", "HOTELSOPHIE", "PALAZZOGIULIA"]


def xml(lang):
    p, q = person(lang), person(lang)
    cs, cnum, brand = card_value(lang)
    local, dom = email(lang, p)
    ph = phone(lang)[0]
    doc = Doc()
    doc.t(f'<OTA_HotelResNotifRQ Version="{r.choice(["2.1", "3.0", "1.003"])}" EchoToken="{booking_ref()}"><HotelReservations><HotelReservation CreateDateTime="2025-{r.randint(1, 12):02d}-{r.randint(1, 28):02d}T{r.randint(0, 23):02d}:{r.randint(0, 59):02d}:00Z">')
    doc.t(f'<RoomStays><RoomStay><BasicPropertyInfo HotelCode="{r.choice(OTA_HOTEL)}"/>')
    y, m, d = stay_date()
    doc.t(f'<TimeSpan Start="{y}-{m:02d}-{d:02d}" Duration="P{r.randint(1, 6)}N"/></RoomStay></RoomStays><ResGuests><ResGuest><Profiles><ProfileInfo><Profile><Customer')
    if r.random() < 0.4:
        by, bm, bd = dob()
        doc.t(' BirthDate="').v("DATE_OF_BIRTH", f"{by}-{bm:02d}-{bd:02d}").t('"')
    doc.t("><PersonName>")
    if r.random() < 0.5:
        doc.t(f"<NamePrefix>{r.choice(['Mr', 'Mrs', 'Ms', 'Dr', 'Herr', 'Frau', 'Mme', 'Sig.', 'Sra.', 'Pan'])}</NamePrefix>")
    doc.t("<GivenName>").v("PERSON", p["g"]).t("</GivenName><Surname>").v("PERSON", p["s"]).t("</Surname></PersonName>")
    doc.t('<Telephone PhoneTechType="5" PhoneNumber="').v("PHONE", ph).t('"/>')
    doc.t("<Email>").v("EMAIL", f"{local}@{dom}").t("</Email>")
    if r.random() < 0.5:
        addr_city, pc = r.choice(CITIES[lang])
        st = r.choice(STREETS[lang])
        no = str(r.randint(1, 99))
        doc.t("<Address><AddressLine>")
        a0 = doc.pos
        doc.t(f"{st} {no}</AddressLine><CityName>{addr_city}</CityName><PostalCode>{pc}")
        doc.extra.append({"start": a0, "end": doc.pos, "type": "ADDRESS"})
        doc.t(f"</PostalCode><CountryName Code=\"{COUNTRY[lang]}\"/></Address>")
    doc.t("</Customer></Profile></ProfileInfo></Profiles></ResGuest></ResGuests>")
    doc.t(f'<ResGlobalInfo><Guarantee><GuaranteesAccepted><GuaranteeAccepted><PaymentCard CardCode="{ {"visa": "VI", "mc": "MC", "mc2": "MC", "amex": "AX", "maestro": "MA"}[brand]}" CardNumber="')
    doc.v("CREDIT_CARD", cnum).t(f'" ExpireDate="{r.randint(1, 12):02d}{r.randint(26, 31)}"')
    if r.random() < 0.5:
        doc.t(' SeriesCode="').v("CVV", cvv(brand)).t('"')
    holder = p if r.random() < 0.6 else q
    doc.t("><CardHolderName>").v("PERSON", f"{holder['g']} {holder['s']}".upper() if r.random() < 0.5 else f"{holder['g']} {holder['s']}").t("</CardHolderName></PaymentCard>")
    doc.t(f'</GuaranteeAccepted></GuaranteesAccepted></Guarantee><Total AmountAfterTax="{r.randint(90, 2400)}.{r.choice(["00", "50", "90"])}" CurrencyCode="{"PLN" if lang == "pl" else "GBP" if lang == "en" else "EUR"}"/></ResGlobalInfo></HotelReservation></HotelReservations></OTA_HotelResNotifRQ>')
    return doc


def id_key(lang, v):
    if lang == "de":
        return "SteuerID" if v.isdigit() else r.choice(["Ausweisnummer", "personalausweis_nr"])
    if lang == "pl":
        return "pesel" if v.isdigit() else "nr_dowodu"
    if lang == "es":
        return "nie" if v[0] in "XYZ" else "dni"
    if lang == "en":
        return r.choice(["nino", "ni_number"])
    return jkey(lang, "id")


def jkey(lang, k):
    return r.choice(FIELDS[lang][k])


def json_payload(lang):
    p = person(lang)
    local, dom = email(lang, p)
    y, m, d = dob()
    doc = Doc()
    sy, sm, sd = stay_date()
    items = [("booking", None, f'"{booking_ref()}"'), ("arrival" if lang == "en" else {"de": "anreise", "fr": "arrivee", "it": "arrivo", "es": "llegada", "nl": "aankomst", "pl": "przyjazd"}[lang], None, f'"{sy}-{sm:02d}-{sd:02d}"'),
             (jkey(lang, "given"), "PERSON", p["g"]), (jkey(lang, "sur"), "PERSON", p["s"])]
    opts = [(jkey(lang, "email"), "EMAIL", f"{local}@{dom}"), (jkey(lang, "phone"), "PHONE", phone(lang)[0]),
            (jkey(lang, "dob"), "DATE_OF_BIRTH", fmt_dob(lang, y, m, d)), (jkey(lang, "addr"), "ADDRESS", address(lang)),
            (jkey(lang, "plate"), "LICENSE_PLATE", plate(lang)), (jkey(lang, "iban"), "IBAN", iban_value(lang)[0])]
    idl, idv = national_id(lang, p, y, m, d)
    opts.append((id_key(lang, idv), idl, idv))
    r.shuffle(opts)
    items += opts[: r.randint(2, 5)]
    items.append(("room" if lang == "en" else {"de": "zimmer", "fr": "chambre", "it": "camera", "es": "habitacion", "nl": "kamer", "pl": "pokoj"}[lang], None, f'"{room()}"'))
    items.append(("total", None, f"{r.randint(80, 1900)}.{r.choice(['00', '40', '95'])}"))
    nested = r.random() < 0.4
    doc.t('{"event":"reservation.' + r.choice(["created", "updated", "guest_added"]) + '",')
    if nested:
        doc.t('"data":{"guest":{')
        inner = [it for it in items if it[1] is not None]
        outer = [it for it in items if it[1] is None]
        for i, (k, lab, v) in enumerate(inner):
            doc.t(("," if i else "") + f'"{k}":"').v(lab, v).t('"')
        doc.t("}")
        for k, lab, v in outer:
            doc.t(f',"{k}":{v}')
        doc.t("}}")
    else:
        for i, (k, lab, v) in enumerate(items):
            doc.t(("," if i else "") + f'"{k}":')
            if lab is None:
                doc.t(v)
            else:
                doc.t('"').v(lab, v).t('"')
        doc.t("}")
    return doc


def logline(lang):
    p = person(lang)
    local, dom = email(lang, p)
    doc = Doc()
    doc.t(f"2025-{r.randint(1, 12):02d}-{r.randint(1, 28):02d}T{r.randint(0, 23):02d}:{r.randint(0, 59):02d}:{r.randint(0, 59):02d}.{r.randint(0, 999):03d}Z {r.choice(['INFO', 'WARN', 'DEBUG'])} ")
    doc.t(r.choice(["voice.session", "pms.sync", "crm.upsert", "payment.tokenize", "call.summary"]) + f" call_id={r.randint(10**9, 10**10 - 1)} ")
    fields = [(jkey(lang, "given"), "PERSON", p["g"]), (jkey(lang, "sur"), "PERSON", p["s"]),
              (jkey(lang, "email"), "EMAIL", f"{local}@{dom}"), (jkey(lang, "phone"), "PHONE", phone(lang)[0]),
              ("client_ip", "IP_ADDRESS", ip())]
    if r.random() < 0.4:
        cs, cn, brand = card_value(lang)
        fields += [("pan", "CREDIT_CARD", cn), ("cvc", "CVV", cvv(brand))]
    if r.random() < 0.3:
        y, m, d = dob()
        fields.append((jkey(lang, "dob"), "DATE_OF_BIRTH", fmt_dob(lang, y, m, d)))
    r.shuffle(fields)
    fields = fields[: r.randint(3, len(fields))]
    for i, (k, lab, v) in enumerate(fields):
        quote = " " in v or r.random() < 0.3
        doc.t(f"{k}=" + ('"' if quote else "")).v(lab, v).t(('"' if quote else "") + " ")
    doc.t(f"room={room()} latency_ms={r.randint(3, 900)} ver={r.randint(1, 12)}.{r.randint(0, 9)}.{r.randint(0, 20)}")
    return doc


def url(lang):
    p = person(lang)
    local, dom = email(lang, p)
    doc = Doc()
    host = r.choice(["https://booking-engine.example-hotel.eu", "https://api.voicehive.example/v1", "https://ibe.hotelsophie.example",
                     "https://crm.grandhotel-victoria.example"])
    doc.t(host + r.choice(["/guest/lookup?", "/callback?", "/reservations/search?", "/confirm?"]))
    params = []
    st = r.random()
    if st < 0.5:
        params += [(r.choice(["fn", "first", "gn", "vn", "pn"]), "PERSON", urllib.parse.quote(p["g"])), (r.choice(["ln", "last", "sn", "nn", "cg"]), "PERSON", urllib.parse.quote(p["s"]))]
    else:
        params.append((r.choice(["name", "guest", "nom", "naam", "nazwisko"]), "PERSON", urllib.parse.quote_plus(p["n"])))
    params.append((r.choice(["email", "e", "mail", "em"]), "EMAIL", urllib.parse.quote(f"{local}@{dom}", safe="")))
    if r.random() < 0.5:
        intl = phone_digits(COUNTRY[lang])[0]
        params.append((r.choice(["tel", "ph", "msisdn"]), "PHONE", r.choice(["%2B" + intl, intl, "+" + intl])))
    if r.random() < 0.3:
        y, m, d = dob()
        params.append((r.choice(["dob", "bd", "gebdat"]), "DATE_OF_BIRTH", f"{y}-{m:02d}-{d:02d}"))
    params.append(("ref", None, booking_ref()))
    params.append(("lang", None, lang))
    r.shuffle(params)
    for i, (k, lab, v) in enumerate(params):
        doc.t(("&" if i else "") + k + "=").v(lab, v)
    if r.random() < 0.5:
        doc.t(f' from {ip()}')
        sp = doc.parts[-1]
        ipv = sp[len(" from "):]
        doc.spans.append({"start": doc.pos - len(ipv), "end": doc.pos, "type": "IP_ADDRESS"})
    return doc


CSV_HEAD = {"en": ["first_name", "last_name", "email", "phone", "arrival", "room"],
            "de": ["Vorname", "Nachname", "E-Mail", "Telefon", "Anreise", "Zimmer"],
            "fr": ["Prénom", "Nom", "Courriel", "Téléphone", "Arrivée", "Chambre"],
            "it": ["Nome", "Cognome", "Email", "Telefono", "Arrivo", "Camera"],
            "es": ["Nombre", "Apellidos", "Correo", "Teléfono", "Llegada", "Habitación"],
            "nl": ["Voornaam", "Achternaam", "E-mail", "Telefoon", "Aankomst", "Kamer"],
            "pl": ["Imię", "Nazwisko", "E-mail", "Telefon", "Przyjazd", "Pokój"]}


def csv(lang):
    sep = r.choice([",", ";", ";"])
    doc = Doc()
    doc.t(sep.join(CSV_HEAD[lang]) + "\n")
    for i in range(r.randint(2, 4)):
        p = person(lang)
        local, dom = email(lang, p)
        y, m, d = stay_date()
        doc.v("PERSON", p["g"]).t(sep).v("PERSON", p["s"]).t(sep).v("EMAIL", f"{local}@{dom}").t(sep)
        ph = phone(lang)[0]
        if sep in ph:
            ph = ph.replace(sep, " ")
        doc.v("PHONE", ph).t(sep + f"{y}-{m:02d}-{d:02d}" + sep + room() + "\n")
    doc.parts[-1] = doc.parts[-1].rstrip("\n")
    doc.pos -= 1
    return doc


ISO3 = {"en": "GBR", "de": "D<<", "fr": "FRA", "it": "ITA", "es": "ESP", "nl": "NLD", "pl": "POL"}


def mrz_name(s):
    s = s.upper().translate(str.maketrans("ÄÖÜÉÈÊËÀÂÇÎÏÔŒÙÛÁÍÓÚÑĄĆĘŁŃŚŹŻÌÒ'", "AOUEEEEAACIIOOUUAIOUNACELNSZZIO<"))
    return s.replace("ß", "SS")


def mrz(lang):
    p = person(lang)
    y, m, d = dob()
    num = passport(lang)
    if lang == "de":
        num = ids.de_passport(r)
    iso = ISO3[lang]
    sur, giv = mrz_name(p["s"]), mrz_name(p["g"])
    sur = sur.replace("Ü", "UE")
    exp = f"{r.randint(26, 34)}{r.randint(1, 12):02d}{r.randint(1, 28):02d}"
    pers = ""
    if lang == "nl":
        pers = ids.bsn(r)
    l1, l2, ns, ne = ids.mrz_td3("P", iso, sur, giv, num, iso, f"{y % 100:02d}{m:02d}{d:02d}", "F" if p["female"] else "M", exp, pers)
    doc = Doc()
    pre = r.choice(["", "scan ok doc=passport mrz:\n", "MRZ ", f"[checkin kiosk {r.randint(1, 4)}] "])
    doc.t(pre)
    base = doc.pos
    doc.t(l1 + "\n" + l2)
    # name field: surname<<given
    name_field = l1[ns:ne]
    doc.spans.append({"start": base + ns, "end": base + ne, "type": "PERSON"})
    b2 = base + 45
    doc.spans.append({"start": b2, "end": b2 + len(num), "type": "PASSPORT"})
    doc.spans.append({"start": b2 + 13, "end": b2 + 19, "type": "DATE_OF_BIRTH"})
    if pers:
        doc.spans.append({"start": b2 + 28, "end": b2 + 28 + len(pers), "type": "NATIONAL_ID"})
    assert doc.text()[base + ns:base + ne] == name_field
    return doc


NOTES = {
    "en": [
        "Guest {n} called, wants a cot in the room. Call back on {ph}.",
        "Late arrival {n} (approx 23:00). Car reg {pl}, needs a space in the garage.",
        "Invoice to {n}, {ad}. Email copy to {em}.",
        "Card for no-show guarantee: {cc} exp {exp} CVV {cvv} - holder {n}.",
        "ID check at desk: passport {pp}, DOB {dob}. Guest {n}.",
        "Refund {amt} GBP to {n}, IBAN {ib}.",
        "{n} asked us to forward post to {ad}.",
        "NI no. {nid} given by {n} for the company invoice (why?). Phone {ph}.",
    ],
    "de": [
        "Gast {n} hat angerufen, braucht ein Kinderbett. Rückruf unter {ph}.",
        "Späte Anreise Fr. {s} (ca. 23 Uhr). Kennzeichen {pl}, Tiefgaragenplatz reservieren.",
        "Rechnung an {n}, {ad}. Kopie per Mail an {em}.",
        "Garantiekarte: {cc} gültig bis {exp}, Prüfziffer {cvv}, Inhaber {n}.",
        "Meldeschein: {n}, geb. {dob}, Ausweis-Nr. {nid}.",
        "Rückerstattung {amt} EUR an {n}, IBAN {ib}.",
        "Hr. {s} bittet um Weiterleitung der Post an {ad}.",
        "{n} hat seine Steuer-ID nicht dabei, nur Reisepass {pp}. Tel. {ph}",
    ],
    "fr": [
        "Le client {n} a appelé, souhaite un lit bébé. Rappeler au {ph}.",
        "Arrivée tardive Mme {s} (vers 23h). Immatriculation {pl}, place au parking.",
        "Facture au nom de {n}, {ad}. Copie à {em}.",
        "Carte de garantie : {cc} exp. {exp} cryptogramme {cvv}, titulaire {n}.",
        "Fiche de police : {n}, née le {dob}, passeport {pp}.",
        "Remboursement {amt} EUR à {n}, IBAN {ib}.",
        "M. {s} demande de réexpédier le courrier au {ad}.",
        "{n} a donné son numéro de sécu {nid} par erreur, à supprimer. Tél {ph}",
    ],
    "it": [
        "L'ospite {n} ha chiamato, chiede una culla. Richiamare al {ph}.",
        "Arrivo tardivo sig.ra {s} (verso le 23). Targa {pl}, posto in garage.",
        "Fattura intestata a {n}, {ad}, C.F. {nid}. Copia a {em}.",
        "Carta a garanzia: {cc} scad. {exp} CVV {cvv}, titolare {n}.",
        "Schedina alloggiati: {n}, nata il {dob}, passaporto {pp}.",
        "Rimborso {amt} EUR a {n}, IBAN {ib}.",
        "Il sig. {s} chiede di inoltrare la posta a {ad}.",
        "{n} {nid} - fattura elettronica, tel. {ph}",
    ],
    "es": [
        "El huésped {n} ha llamado, pide una cuna. Devolver la llamada al {ph}.",
        "Llegada tarde Sra. {s} (hacia las 23h). Matrícula {pl}, plaza de garaje.",
        "Factura a nombre de {n}, {ad}, DNI {nid}. Copia a {em}.",
        "Tarjeta de garantía: {cc} cad. {exp} CVV {cvv}, titular {n}.",
        "Parte de viajeros: {n}, fecha de nacimiento {dob}, pasaporte {pp}.",
        "Devolución {amt} EUR a {n}, IBAN {ib}.",
        "D. {s} pide reenviar el correo a {ad}.",
        "{n} {nid} factura empresa, tel {ph}",
    ],
    "nl": [
        "Gast {n} heeft gebeld, wil een kinderbedje. Terugbellen op {ph}.",
        "Late aankomst mevr. {s} (rond 23 uur). Kenteken {pl}, parkeerplek vrijhouden.",
        "Factuur op naam van {n}, {ad}. Kopie naar {em}.",
        "Garantiekaart: {cc} geldig tot {exp} CVC {cvv}, houder {n}.",
        "ID-controle: {n}, geboren {dob}, paspoort {pp}.",
        "Terugbetaling {amt} EUR aan {n}, IBAN {ib}.",
        "Dhr. {s} vraagt post door te sturen naar {ad}.",
        "{n} gaf BSN {nid} door voor de zakelijke factuur, verwijderen a.u.b. Tel {ph}",
    ],
    "pl": [
        "Gość {n} dzwonił, prosi o łóżeczko. Oddzwonić na {ph}.",
        "Późny przyjazd p. {s} (ok. 23:00). Nr rej. {pl}, miejsce w garażu.",
        "Faktura na {n}, {ad}. Kopia na {em}.",
        "Karta gwarancyjna: {cc} ważna do {exp} CVV {cvv}, właściciel {n}.",
        "Meldunek: {n}, ur. {dob}, PESEL {nid}.",
        "Zwrot {amt} PLN dla {n}, konto {ib}.",
        "P. {s} prosi o przesłanie korespondencji na {ad}.",
        "{n} {nid} paszport {pp} tel. {ph}",
    ],
}


OBF = {"en": "Guest {n} prefers e-mail: {emo} (wrote it like that on the form).",
       "de": "Gast {n} will Bestätigung an {emo} (so auf dem Meldeschein notiert).",
       "fr": "Client {n}, contact : {emo} (écrit ainsi sur la fiche).",
       "it": "Ospite {n}, recapito: {emo} (scritto così sul modulo).",
       "es": "Huésped {n}, contacto: {emo} (así en la ficha).",
       "nl": "Gast {n} wil bevestiging naar {emo} (zo op het formulier).",
       "pl": "Gość {n}, kontakt: {emo} (tak zapisane w formularzu)."}


def note(lang):
    p = person(lang)
    local, dom = email(lang, p)
    y, m, d = dob()
    cs, cn, brand = card_value(lang)
    if lang == "de":
        sv, c = ids.de_id_card(r)
        idl, idv = "NATIONAL_ID", sv + c
    elif lang == "es":
        idl, idv = "NATIONAL_ID", ids.dni(r)
    else:
        idl, idv = national_id(lang, p, y, m, d)
    at, dot = r.choice([(" [at] ", " [dot] "), ("(at)", "(dot)"), (" at ", " dot "), ("[@]", "[.]")])
    emo = local.replace(".", dot) + at + dom.replace(".", dot)
    vals = {"n": ("PERSON", p["n"]), "s": ("PERSON", p["s"]), "ph": ("PHONE", phone(lang)[0]), "pl": ("LICENSE_PLATE", plate(lang)),
            "ad": ("ADDRESS", address(lang)), "em": ("EMAIL", f"{local}@{dom}"), "cc": ("CREDIT_CARD", cs),
            "exp": (None, f"{r.randint(1, 12):02d}/{r.randint(26, 31)}"), "cvv": ("CVV", cvv(brand)),
            "pp": ("PASSPORT", passport(lang)), "dob": ("DATE_OF_BIRTH", fmt_dob(lang, y, m, d)),
            "ib": ("IBAN", iban_value(lang)[0]), "amt": (None, f"{r.randint(20, 900)},{r.choice(['00', '50', '80'])}"),
            "nid": (idl, idv), "emo": ("EMAIL", emo)}
    tpl = r.choice(NOTES[lang] + [OBF[lang]])
    if lang == "pl" and "PESEL {nid}" in tpl:
        vals["nid"] = ("NATIONAL_ID", ids.pesel(r, y, m, d, p["female"]))
    return render(tpl, vals)


# ------------------------------------------------------------------ non-PII look-alikes
HOTEL_NAMES = ["Hotel Maria Theresia", "Suite Isabella", "Villa Giulia", "Hôtel Sainte-Catherine", "Pension Anna", "Hotel Sophie",
               "Palazzo Vittoria", "Hotel Adelheid", "Residenza Santa Chiara", "Casa Lucía", "Hotel Wilhelmina", "Hotel Jan Kasprowicz",
               "Grand Hotel Victoria", "Hotel König Ludwig", "Apartamentos Don Quijote", "Hotel Rembrandt", "Willa Zofia",
               "Hotel Kaiserin Elisabeth", "Suite Beethoven", "Hostal San Fermín", "Hotel Sint Nicolaas", "Hotel Amalia"]
SIGHTS = {"en": ["St Martin-in-the-Fields", "King's Cross", "Victoria Station", "St Mary's Church", "Queen Street", "Prince Albert Road"],
          "de": ["Marienkirche", "Karl-Marx-Allee", "Kaiser-Wilhelm-Gedächtniskirche", "Frauenkirche", "Goethestraße", "Heinrich-Heine-Platz"],
          "fr": ["église Saint-Eustache", "rue Victor Hugo", "place Charles de Gaulle", "boulevard Saint-Michel", "gare Saint-Lazare", "avenue Jean Jaurès"],
          "it": ["Basilica di San Lorenzo", "Via Giuseppe Garibaldi", "Piazza San Marco", "Santa Maria Novella", "Corso Vittorio Emanuele", "Ponte Vecchio"],
          "es": ["Iglesia de San Nicolás", "Calle de Cervantes", "Plaza de Santa Ana", "Paseo de Recoletos", "Sagrada Família", "Calle Alfonso XII"],
          "nl": ["Westerkerk", "Johan Cruijff Boulevard", "Willemsplein", "Sint-Janskerk", "Anne Frankplein", "Koningin Julianaplein"],
          "pl": ["Kościół Mariacki", "ulica Mikołaja Kopernika", "plac Jana Pawła II", "Bazylika św. Elżbiety", "aleja Jana Pawła II", "ulica Marii Skłodowskiej-Curie"]}

NONPII = {
    "en": [
        "yeah hi ~ i'm calling about the room for {day} ~ is breakfast included",
        "uh could i get a late checkout on {day} ~ we're in room {room}",
        "the booking reference is {ref} ~ two adults",
        "what time does the spa at the {hotel} open",
        "is the {sight} far from the hotel ~ we'd like to walk",
        "Please send the group contract to {role}. Rate {price} GBP per night, {nights} nights from {stay}.",
        "Arrival {stay}, departure {stay2}, room {room}, rate code SEMIFLEX, total {price} GBP.",
        "~ we want to go to {city} on {day} ~ is there a shuttle",
        "Card ending in {last4} was declined; guest will pay at the desk. Ref {ref}.",
    ],
    "de": [
        "ja hallo ~ ich rufe wegen dem zimmer für {day} an ~ ist das frühstück dabei",
        "ähm könnten wir am {day} später auschecken ~ wir sind in zimmer {room}",
        "die buchungsnummer ist {ref} ~ zwei erwachsene",
        "wann macht der wellnessbereich im {hotel} auf",
        "ist die {sight} weit vom hotel ~ wir wollen laufen",
        "Gruppenvertrag bitte an {role}. Rate {price} EUR pro Nacht, {nights} Nächte ab {stay}.",
        "Anreise {stay}, Abreise {stay2}, Zimmer {room}, Rate SEMIFLEX, Gesamt {price} EUR.",
        "~ wir wollen am {day} nach {city} ~ gibt es einen shuttle",
        "Karte endet auf {last4}, abgelehnt; Gast zahlt an der Rezeption. Buchung {ref}.",
    ],
    "fr": [
        "oui bonjour ~ j'appelle pour la chambre de {day} ~ le petit-déjeuner est compris",
        "euh on pourrait avoir un départ tardif {day} ~ on est en chambre {room}",
        "le numéro de réservation c'est {ref} ~ deux adultes",
        "à quelle heure ouvre le spa de l'{hotel}",
        "est-ce que {sight} est loin de l'hôtel ~ on voudrait marcher",
        "Merci d'envoyer le contrat de groupe à {role}. Tarif {price} EUR la nuit, {nights} nuits à partir du {stay}.",
        "Arrivée {stay}, départ {stay2}, chambre {room}, tarif SEMIFLEX, total {price} EUR.",
        "~ on veut aller à {city} {day} ~ il y a une navette",
        "Carte se terminant par {last4} refusée ; le client paiera à la réception. Réf. {ref}.",
    ],
    "it": [
        "sì buongiorno ~ chiamo per la camera di {day} ~ la colazione è inclusa",
        "ehm possiamo fare il check-out tardi {day} ~ siamo nella camera {room}",
        "il numero di prenotazione è {ref} ~ due adulti",
        "a che ora apre la spa del {hotel}",
        "la {sight} è lontana dall'albergo ~ vorremmo andare a piedi",
        "Inviare il contratto di gruppo a {role}. Tariffa {price} EUR a notte, {nights} notti dal {stay}.",
        "Arrivo {stay}, partenza {stay2}, camera {room}, tariffa SEMIFLEX, totale {price} EUR.",
        "~ vogliamo andare a {city} {day} ~ c'è una navetta",
        "Carta che termina con {last4} rifiutata; l'ospite paga alla reception. Rif. {ref}.",
    ],
    "es": [
        "sí buenos días ~ llamo por la habitación del {day} ~ el desayuno está incluido",
        "eh podríamos salir más tarde el {day} ~ estamos en la habitación {room}",
        "el localizador es {ref} ~ dos adultos",
        "a qué hora abre el spa del {hotel}",
        "la {sight} está lejos del hotel ~ queremos ir andando",
        "Enviar el contrato de grupo a {role}. Tarifa {price} EUR por noche, {nights} noches desde el {stay}.",
        "Llegada {stay}, salida {stay2}, habitación {room}, tarifa SEMIFLEX, total {price} EUR.",
        "~ queremos ir a {city} el {day} ~ hay lanzadera",
        "Tarjeta terminada en {last4} denegada; el huésped paga en recepción. Loc. {ref}.",
    ],
    "nl": [
        "ja goedemiddag ~ ik bel over de kamer voor {day} ~ zit het ontbijt erbij",
        "eh kunnen we {day} later uitchecken ~ we zitten in kamer {room}",
        "het boekingsnummer is {ref} ~ twee volwassenen",
        "hoe laat gaat de spa van {hotel} open",
        "is de {sight} ver van het hotel ~ we willen lopen",
        "Groepscontract graag naar {role}. Tarief {price} EUR per nacht, {nights} nachten vanaf {stay}.",
        "Aankomst {stay}, vertrek {stay2}, kamer {room}, tarief SEMIFLEX, totaal {price} EUR.",
        "~ we willen {day} naar {city} ~ is er een pendelbus",
        "Kaart eindigend op {last4} geweigerd; gast betaalt aan de balie. Ref {ref}.",
    ],
    "pl": [
        "dzień dobry ~ dzwonię w sprawie pokoju na {day} ~ czy śniadanie jest wliczone",
        "yyy czy możemy później się wymeldować w {day} ~ jesteśmy w pokoju {room}",
        "numer rezerwacji to {ref} ~ dwie osoby dorosłe",
        "o której otwiera się spa w {hotel}",
        "czy {sight} jest daleko od hotelu ~ chcemy iść pieszo",
        "Umowę grupową proszę wysłać na {role}. Stawka {price} PLN za noc, {nights} noce od {stay}.",
        "Przyjazd {stay}, wyjazd {stay2}, pokój {room}, taryfa SEMIFLEX, razem {price} PLN.",
        "~ chcemy pojechać do {city} w {day} ~ czy jest transfer",
        "Karta kończąca się na {last4} odrzucona; gość zapłaci w recepcji. Nr {ref}.",
    ],
}


SPOKEN_NONPII = {
    "en": ["we arrive on {sd} ~ and leave on {sd2}", "the confirmation number is {cn}", "uh it's for {k} people ~ from {sd}",
           "room {rw} please ~ the one with the balcony"],
    "de": ["wir kommen am {sd} an ~ und reisen am {sd2} ab", "die bestätigungsnummer ist {cn}", "ähm für {k} personen ~ ab dem {sd}",
           "zimmer {rw} bitte ~ das mit dem balkon"],
    "fr": ["on arrive le {sd} ~ et on repart le {sd2}", "le numéro de confirmation c'est {cn}", "euh pour {k} personnes ~ à partir du {sd}",
           "la chambre {rw} s'il vous plaît ~ celle avec le balcon"],
    "it": ["arriviamo il {sd} ~ e ripartiamo il {sd2}", "il numero di conferma è {cn}", "ehm per {k} persone ~ dal {sd}",
           "la camera {rw} per favore ~ quella con il balcone"],
    "es": ["llegamos el {sd} ~ y salimos el {sd2}", "el número de confirmación es {cn}", "eh para {k} personas ~ desde el {sd}",
           "la habitación {rw} por favor ~ la del balcón"],
    "nl": ["we komen op {sd} aan ~ en vertrekken op {sd2}", "het bevestigingsnummer is {cn}", "eh voor {k} personen ~ vanaf {sd}",
           "kamer {rw} graag ~ die met het balkon"],
    "pl": ["przyjeżdżamy {sd} ~ i wyjeżdżamy {sd2}", "numer potwierdzenia to {cn}", "yyy dla {k} osób ~ od {sd}",
           "pokój {rw} proszę ~ ten z balkonem"],
}


def nonpii_spoken(lang):
    y, m, d = stay_date()
    y2, m2, d2 = stay_date()
    def sd(y, m, d):
        s = W.spoken_date(lang, y, m, d, r)
        if r.random() < 0.5:  # drop the year
            s = s.rsplit(" " + W.spoken_year(lang, y), 1)[0] if lang != "es" else s.rsplit(" de " + W.spoken_year(lang, y), 1)[0]
        return s
    rm = room()
    vals = {"sd": (None, sd(y, m, d)), "sd2": (None, sd(y2, m2, d2)),
            "cn": (None, W.spoken_digits(lang, str(r.randint(10**7, 10**9)), r)),
            "k": (None, W.num(lang, r.randint(2, 6))), "rw": (None, W.spoken_digits(lang, rm, r))}
    return tidy(render(r.choice(SPOKEN_NONPII[lang]), vals, lang, 0.4))


def role_mailbox():
    h = r.choice(["hotel-maria-theresia.at", "grandhotel-victoria.example", "hotelsophie.de", "villagiulia.it", "casalucia.es",
                  "hotelwilhelmina.nl", "willazofia.pl", "hotel-rembrandt.nl", "palazzovittoria.it"])
    return f"{r.choice(['reservations', 'reservierung', 'reservas', 'prenotazioni', 'rezerwacje', 'frontdesk', 'groups', 'info', 'reception'])}@{h}"


def fmt_stay(lang):
    y, m, d = stay_date()
    return r.choice([f"{d:02d}.{m:02d}.{y}", f"{y}-{m:02d}-{d:02d}", f"{d:02d}/{m:02d}/{y}", f"{d} {W.MONTHS[lang][m - 1]} {y}"])


def nonpii(lang):
    st = r.random()
    doc = Doc()
    if st < 0.16:
        return nonpii_spoken(lang)
    if st < 0.55:
        vals = {"day": (None, r.choice(W.WEEKDAYS[lang])), "room": (None, room()), "ref": (None, booking_ref()),
                "hotel": (None, r.choice(HOTEL_NAMES)), "sight": (None, r.choice(SIGHTS[lang])), "role": (None, role_mailbox()),
                "price": (None, f"{r.randint(79, 640)}.{r.choice(['00', '50'])}"), "nights": (None, str(r.randint(2, 9))),
                "stay": (None, fmt_stay(lang)), "stay2": (None, fmt_stay(lang)), "city": (None, r.choice(CITIES[lang])[0]),
                "last4": (None, r.choice(["**** 4444", "4417", "xxxx-xxxx-xxxx-0019", "•••• 8812"]))}
        tpl = r.choice(NONPII[lang])
        lower = tpl[0].islower()
        if lower:
            vals = {k: (None, v[1].lower()) if k in ("hotel", "sight", "city") else v for k, v in vals.items()}
        return tidy(render(tpl, vals, lang, 0.4))
    if st < 0.7:
        y, m, d = stay_date()
        doc.t(json.dumps({"hotel": r.choice(HOTEL_NAMES), "room": room(), "roomType": r.choice(["Suite Isabella", "Junior Suite Amadeus", "Deluxe Double", "Camera Giulietta"]),
                          "arrival": f"{y}-{m:02d}-{d:02d}", "nights": r.randint(1, 7), "rate": r.choice(["SEMIFLEX", "FLEX", "NONREF"]),
                          "price": round(r.uniform(80, 900), 2), "confirmation": booking_ref(), "contact": role_mailbox(),
                          "trace_id": "%032x" % r.getrandbits(128)}, ensure_ascii=False))
        return doc
    if st < 0.82:
        doc.t(f"2025-{r.randint(1, 12):02d}-{r.randint(1, 28):02d}T{r.randint(0, 23):02d}:{r.randint(0, 59):02d}:{r.randint(0, 59):02d}Z INFO ")
        doc.t(r.choice([
            f"gateway started version={r.randint(1, 12)}.{r.randint(0, 9)}.{r.randint(0, 9)}.{r.randint(0, 99)} listen=0.0.0.0:{r.choice([8080, 8443, 9090])} upstream=127.0.0.1:{r.randint(5000, 6000)}",
            f"pms.sync ok hotel={r.choice(OTA_HOTEL)} reservations={r.randint(0, 400)} duration_ms={r.randint(40, 9000)} build=10.2.0.{r.randint(1, 9)}",
            f"call.end call_id={r.randint(10**9, 10**10 - 1)} duration_s={r.randint(20, 900)} intent=availability room={room()} ref={booking_ref()}",
            f"payment.declined ref={booking_ref()} card=****{r.randint(1000, 9999)} amount={r.randint(50, 900)}.00 currency=EUR",
            f"flight {r.choice(['LH', 'KL', 'AF', 'AZ', 'IB', 'LO', 'BA'])}{r.randint(100, 4999)} delayed, eta {r.randint(10, 23)}:{r.choice(['05', '30', '45'])}, guests on booking {booking_ref()} notified",
        ]))
        return doc
    if st < 0.92:
        doc.t(f"https://ibe.{r.choice(['hotelsophie', 'villagiulia', 'casalucia', 'willazofia', 'hotelwilhelmina'])}.example/book?arrival=2025-{r.randint(1, 12):02d}-{r.randint(10, 28)}&nights={r.randint(1, 6)}&adults={r.randint(1, 3)}&room={r.choice(['suite-isabella', 'maria-theresia', 'deluxe'])}&promo={r.choice(['SUMMER25', 'EARLYBIRD', 'AMALIA10'])}&ref={booking_ref()}&lang={lang}")
        return doc
    # desk note, no PII
    doc.t(r.choice({
        "en": ["Room {room} TV remote missing. Housekeeping informed.", "Group 'Victoria Choir' arriving {stay}, 24 rooms, contact {role}.", "Shuttle to {city} leaves 09:15 from the main door."],
        "de": ["Zimmer {room}: Fernbedienung fehlt. Housekeeping informiert.", "Gruppe 'Marienchor' reist am {stay} an, 24 Zimmer, Kontakt {role}.", "Shuttle nach {city} fährt 09:15 am Haupteingang."],
        "fr": ["Chambre {room} : télécommande manquante. Gouvernante prévenue.", "Groupe « Chorale Sainte-Cécile » arrive le {stay}, 24 chambres, contact {role}.", "Navette pour {city} à 9h15 devant l'entrée."],
        "it": ["Camera {room}: manca il telecomando. Governante avvisata.", "Gruppo 'Coro San Lorenzo' arriva il {stay}, 24 camere, contatto {role}.", "Navetta per {city} alle 9:15 dall'ingresso."],
        "es": ["Habitación {room}: falta el mando. Pisos avisado.", "Grupo 'Coro Santa Cecilia' llega el {stay}, 24 habitaciones, contacto {role}.", "Lanzadera a {city} a las 9:15 desde la entrada."],
        "nl": ["Kamer {room}: afstandsbediening kwijt. Huishouding ingelicht.", "Groep 'Willibrordkoor' komt {stay}, 24 kamers, contact {role}.", "Pendelbus naar {city} vertrekt 09:15 bij de hoofdingang."],
        "pl": ["Pokój {room}: brak pilota. Housekeeping powiadomiony.", "Grupa 'Chór św. Cecylii' przyjeżdża {stay}, 24 pokoje, kontakt {role}.", "Transfer do {city} o 9:15 spod wejścia."],
    }[lang]).format(room=room(), stay=fmt_stay(lang), role=role_mailbox(), city=r.choice(CITIES[lang])[0]))
    return doc


PLAN = [("transcript", transcript, 22), ("readout", readout, 20), ("xml", xml, 5), ("json", json_payload, 10),
        ("logline", logline, 7), ("url", url, 6), ("csv", csv, 4), ("mrz", mrz, 3), ("note", note, 12), ("nonpii", nonpii, 31)]


def merge_names(doc, text):
    """Given name and surname that stand next to each other form one PERSON span."""
    sp = sorted(doc.spans, key=lambda s: s["start"])
    out = []
    for s in sp:
        if out and out[-1]["type"] == s["type"] == "PERSON" and text[out[-1]["end"]:s["start"]] == " ":
            out[-1] = dict(out[-1], end=s["end"])
        else:
            out.append(dict(s))
    doc.spans = out


def main():
    out = []
    for lang in LANGS:
        k = 0
        for kind, fn, n in PLAN:
            for _ in range(n):
                doc = fn(lang)
                k += 1
                text = doc.text()
                out.append({"id": f"ind-{lang}-{k:03d}", "lang": lang, "kind": kind, "text": text,
                            "spans": sorted(doc.spans, key=lambda s: s["start"]),
                            "extra_spans": sorted(doc.extra, key=lambda s: s["start"])})
    r.shuffle(out)
    for d in out:
        sys.stdout.write(json.dumps(d, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
