#!/usr/bin/env python3
"""Generates the labelled PII evaluation set for VoiceHive (deterministic under --seed).

Documents: hotel e-mails, PMS JSON payloads, call transcripts (ASR style, with numbers and
e-mail addresses spoken as words) and log lines, in EN, DE, FR, IT and ES, plus documents with
look-alike non-PII only (booking codes, room numbers, UUIDs, prices, ordinary dates, loopback
addresses, invoice and confirmation numbers).

Output: JSON lines {"id", "kind", "lang", "text", "spans": [{"type", "start", "end"}], "known"} with
Unicode code-point offsets (Python string indexes). Types: EMAIL, PHONE, CREDIT_CARD, IBAN,
IP_ADDRESS, DATE_OF_BIRTH, PASSPORT, NATIONAL_ID, PERSON. "known": the guest's name, e-mail and
phone as the booking holds them ({"PERSON": [...], "EMAIL": [...], "PHONE": [...]}).

Check digits (Luhn, IBAN mod-97, ICAO, codice fiscale, DNI/NIE, BSN) are computed here, in
Python, independently of the Rust detector. Names, cities and companies come from Faker.

Usage: gen.py --n 1500 --seed 7 > eval.jsonl
"""

import argparse
import json
import os
import random
import string
import sys
import uuid

# Some Faker providers iterate over sets of strings, whose order depends on Python's per-process
# hash seed: pin it so that a seed always gives the same documents.
if os.environ.get("PYTHONHASHSEED") != "0":
    os.execve(sys.executable, [sys.executable] + sys.argv, dict(os.environ, PYTHONHASHSEED="0"))

from faker import Faker  # noqa: E402

LANGS = ["en", "de", "fr", "it", "es"]
LOCALE = {"en": "en_GB", "de": "de_DE", "fr": "fr_FR", "it": "it_IT", "es": "es_ES"}
DIG = string.digits
UP = string.ascii_uppercase


class Doc:
    """A text assembled from plain and labelled parts."""

    def __init__(self):
        self.parts = []

    def t(self, s):
        self.parts.append((None, s))
        return self

    def p(self, typ, s):
        self.parts.append((typ, s))
        return self

    def extend(self, other):
        self.parts.extend(other.parts)
        return self

    def build(self):
        text, spans, pos = [], [], 0
        for typ, s in self.parts:
            if typ is not None and s:
                spans.append({"type": typ, "start": pos, "end": pos + len(s)})
            text.append(s)
            pos += len(s)
        return "".join(text), spans


# ---------------------------------------------------------------- check digits and values


def luhn_digit(body):
    s = 0
    for i, d in enumerate(reversed(body)):
        v = int(d)
        if i % 2 == 0:
            v *= 2
            if v > 9:
                v -= 9
        s += v
    return str((10 - s % 10) % 10)


CARD_BRANDS = [
    # (weight, prefixes, lengths, grouping)
    (30, ["4"], [16], "4444"),
    (2, ["4"], [13], "4441"),
    (2, ["4"], [19], "44443"),
    (18, ["51", "52", "53", "54", "55"], [16], "4444"),
    (12, [str(p) for p in range(2221, 2721, 7)], [16], "4444"),
    (8, ["34", "37"], [15], "465"),
    (5, ["6759", "5018", "5020", "6304", "6761"], [16, 18, 19], "4444"),
    (4, ["6011", "65", "644"], [16], "4444"),
    (5, [str(p) for p in range(3528, 3590, 3)], [16], "4444"),
    (3, ["36", "38", "300", "305"], [14], "464"),
    (5, ["62"], [16, 19], "4444"),
]


def card_number(rng):
    brands = [b for b in CARD_BRANDS for _ in range(b[0])]
    _, prefixes, lengths, grouping = rng.choice(brands)
    prefix = rng.choice(prefixes)
    n = rng.choice(lengths)
    body = prefix + "".join(rng.choice(DIG) for _ in range(n - len(prefix) - 1))
    return body + luhn_digit(body), grouping


def format_card(rng, digits, grouping):
    style = rng.random()
    if style < 0.2:
        return digits
    sep = "-" if style < 0.35 else " "
    if len(digits) in (13, 18, 19) or sum(int(g) for g in grouping) != len(digits):
        groups = [digits[i : i + 4] for i in range(0, len(digits), 4)]
    else:
        groups, i = [], 0
        for g in grouping:
            groups.append(digits[i : i + int(g)])
            i += int(g)
    return sep.join(groups)


IBAN_BBAN = {
    "DE": "18n", "AT": "16n", "CH": "17n", "FR": "23n", "IT": "1a22n", "ES": "20n",
    "NL": "4b10n", "BE": "12n", "PT": "21n", "IE": "4b14n", "LU": "16n", "PL": "24n",
    "GB": "4b14n", "SE": "20n", "DK": "14n", "FI": "14n", "GR": "23n", "CZ": "20n",
    "SK": "20n", "HU": "24n", "NO": "11n", "HR": "17n", "SI": "15n", "LT": "16n",
    "EE": "16n", "MC": "23n", "LI": "17n", "IS": "22n", "MT": "4b23n", "CY": "24n",
    "RO": "4b16n", "BG": "4b14n", "LV": "4b13n", "SM": "1a22n",
}
BANKS = ["NWBK", "BARC", "HBUK", "LOYD", "ABNA", "INGB", "RABO", "AIBK", "BOFI", "BCRO", "UNCR", "BTRL"]


def iban(rng, cc):
    spec = IBAN_BBAN[cc]
    bban = ""
    if spec.endswith("n"):
        parts = spec[:-1]
        if "b" in parts:
            k, rest = parts.split("b")
            bban += rng.choice(BANKS)[: int(k)]
            n = int(rest)
        elif "a" in parts:
            k, rest = parts.split("a")
            bban += "".join(rng.choice(UP) for _ in range(int(k)))
            n = int(rest)
        else:
            n = int(parts)
        bban += "".join(rng.choice(DIG) for _ in range(n))
    num = "".join(str(int(c, 36)) for c in bban + cc + "00")
    check = 98 - int(num) % 97
    return f"{cc}{check:02d}{bban}"


def format_iban(rng, code):
    if rng.random() < 0.6:
        return " ".join(code[i : i + 4] for i in range(0, len(code), 4))
    return code


def icao_check(s):
    w = [7, 3, 1]
    total = 0
    for i, c in enumerate(s):
        v = int(c) if c.isdigit() else (ord(c) - 55 if c.isalpha() else 0)
        total += v * w[i % 3]
    return str(total % 10)


DE_ALPHA = "CFGHJKLMNPRTVWXYZ"


def de_serial(rng, first=None):
    s = (first or rng.choice(DE_ALPHA)) + "".join(rng.choice(DE_ALPHA + DIG * 2) for _ in range(8))
    if not any(c.isdigit() for c in s[1:]):
        s = s[:4] + rng.choice(DIG) + s[5:]
    return s


CF_ODD = dict(zip(DIG + UP, [1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23]))


def codice_fiscale(rng):
    cons = "BCDFGHLMNPRSTVZ"
    s = "".join(rng.choice(cons) for _ in range(6))
    s += f"{rng.randint(40, 99):02d}" + rng.choice("ABCDEHLMPRST") + f"{rng.randint(1, 71):02d}"
    s += rng.choice("ABCDEFGHLMZ") + f"{rng.randint(1, 999):03d}"
    total = 0
    for i, c in enumerate(s):
        if i % 2 == 0:
            total += CF_ODD[c]
        else:
            total += int(c) if c.isdigit() else ord(c) - 65
    return s + chr(65 + total % 26)


DNI_LETTERS = "TRWAGMYFPDXBNJZSQVHLCKE"


def dni(rng):
    n = rng.randint(10_000_000, 99_999_999)
    return f"{n:08d}{DNI_LETTERS[n % 23]}"


def nie(rng):
    p = rng.choice("XYZ")
    n = rng.randint(0, 9_999_999)
    return f"{p}{n:07d}{DNI_LETTERS[int(str('XYZ'.index(p)) + f'{n:07d}') % 23]}"


def bsn(rng):
    while True:
        d = [rng.randint(0, 9) for _ in range(8)]
        if d[0] == 0:
            continue
        s = sum(v * (9 - i) for i, v in enumerate(d))
        last = s % 11
        if last <= 9:
            return "".join(map(str, d)) + str(last)


def nino(rng):
    first = "ABCEGHJKLMNOPRSTWXYZ"
    second = "ABCEGHJKLMNPRSTWXYZ"
    while True:
        p = rng.choice(first) + rng.choice(second)
        if p not in ("BG", "GB", "KN", "NK", "NT", "TN", "ZZ"):
            break
    d = "".join(rng.choice(DIG) for _ in range(6))
    sfx = rng.choice("ABCD")
    if rng.random() < 0.5:
        return f"{p} {d[:2]} {d[2:4]} {d[4:]} {sfx}"
    return p + d + sfx


def id_document(rng, lang):
    """(type, value, cue) – cue is the phrase before the number in the document's language."""
    country = {"en": rng.choice(["UK", "UK", "NL"]), "de": "DE", "fr": "FR", "it": "IT", "es": "ES"}[lang]
    if rng.random() < 0.15:
        country = rng.choice(["DE", "FR", "IT", "ES", "NL", "UK"])
    passport = rng.random() < 0.5
    if country == "DE":
        if passport:
            return "PASSPORT", de_serial(rng, "C"), "passport"
        s = de_serial(rng)
        if rng.random() < 0.4:
            s += icao_check(s)
        return "NATIONAL_ID", s, "id"
    if country == "FR":
        if passport:
            return "PASSPORT", f"{rng.randint(10, 99)}{rng.choice(UP)}{rng.choice(UP)}{rng.randint(10000, 99999)}", "passport"
        if rng.random() < 0.5:
            return "NATIONAL_ID", "".join(rng.choice(DIG) for _ in range(12)), "id"
        s = "".join(rng.choice(UP + DIG) for _ in range(9))
        return "NATIONAL_ID", s[:3] + str(rng.randint(0, 9)) + s[4:], "id"
    if country == "IT":
        if passport:
            return "PASSPORT", rng.choice(UP) + rng.choice(UP) + "".join(rng.choice(DIG) for _ in range(7)), "passport"
        if rng.random() < 0.6:
            return "NATIONAL_ID", codice_fiscale(rng), "cf"
        return "NATIONAL_ID", "C" + rng.choice(UP) + "".join(rng.choice(DIG) for _ in range(5)) + rng.choice(UP) + rng.choice(UP), "id"
    if country == "ES":
        if passport:
            return "PASSPORT", "".join(rng.choice(UP) for _ in range(3)) + "".join(rng.choice(DIG) for _ in range(6)), "passport"
        return "NATIONAL_ID", dni(rng) if rng.random() < 0.7 else nie(rng), "dni"
    if country == "NL":
        if passport:
            alpha = UP.replace("O", "")
            return "PASSPORT", "".join(rng.choice(alpha) for _ in range(2)) + "".join(rng.choice(alpha + DIG) for _ in range(6)) + rng.choice(DIG), "passport"
        return "NATIONAL_ID", bsn(rng), "bsn"
    # UK
    if passport:
        return "PASSPORT", "".join(rng.choice(DIG) for _ in range(9)), "passport"
    return "NATIONAL_ID", nino(rng), "nino"


ID_CUES = {
    "en": {"passport": ["passport number", "Passport No.", "passport"], "id": ["ID card number", "identity card no.", "ID number"], "cf": ["codice fiscale"], "dni": ["DNI", "NIE"], "bsn": ["BSN"], "nino": ["National Insurance number", "NI number"]},
    "de": {"passport": ["Reisepassnummer", "Reisepass Nr.", "Passnummer"], "id": ["Personalausweisnummer", "Ausweisnummer", "Personalausweis"], "cf": ["Codice fiscale"], "dni": ["DNI"], "bsn": ["BSN"], "nino": ["NINO"]},
    "fr": {"passport": ["numéro de passeport", "passeport n°", "passeport"], "id": ["carte d'identité n°", "numéro de carte d'identité", "CNI"], "cf": ["codice fiscale"], "dni": ["DNI"], "bsn": ["BSN"], "nino": ["NINO"]},
    "it": {"passport": ["numero di passaporto", "passaporto n.", "passaporto"], "id": ["carta d'identità n.", "numero carta d'identità", "carta d'identità"], "cf": ["codice fiscale", "Codice Fiscale:"], "dni": ["DNI"], "bsn": ["BSN"], "nino": ["NINO"]},
    "es": {"passport": ["número de pasaporte", "pasaporte n.º", "pasaporte"], "id": ["documento de identidad", "número de documento"], "cf": ["codice fiscale"], "dni": ["DNI", "DNI n.º", "NIE"], "bsn": ["BSN"], "nino": ["NINO"]},
}

# ---------------------------------------------------------------- phones

PHONE_PLANS = {
    # country: (cc, trunk, [(nsn generator, national grouping, international grouping)])
    "DE": ("49", "0", [
        (lambda r: "1" + r.choice(["51", "52", "57", "60", "62", "70", "71", "72", "73", "75", "76", "77", "78", "79"]) + nd(r, 7), [3, 7], [3, 7]),
        (lambda r: "30" + nd(r, 8), [2, 8], [2, 8]),
        (lambda r: "89" + nd(r, 7), [2, 7], [2, 7]),
        (lambda r: "221" + nd(r, 7), [3, 7], [3, 7]),
    ]),
    "AT": ("43", "0", [(lambda r: r.choice(["664", "676", "699", "650"]) + nd(r, 7), [3, 7], [3, 7]), (lambda r: "1" + nd(r, 7), [1, 7], [1, 7])]),
    "CH": ("41", "0", [(lambda r: r.choice(["76", "77", "78", "79"]) + nd(r, 7), [2, 3, 2, 2], [2, 3, 2, 2]), (lambda r: "44" + nd(r, 7), [2, 3, 2, 2], [2, 3, 2, 2])]),
    "UK": ("44", "0", [(lambda r: "7" + r.choice(["700", "800", "911", "412", "956"]) + nd(r, 6), [4, 6], [4, 6]), (lambda r: "20" + r.choice("378") + nd(r, 7), [2, 4, 4], [2, 4, 4])]),
    "IE": ("353", "0", [(lambda r: "8" + r.choice("35679") + nd(r, 7), [2, 3, 4], [2, 3, 4])]),
    "FR": ("33", "0", [(lambda r: r.choice("67") + nd(r, 8), [1, 2, 2, 2, 2], [1, 2, 2, 2, 2]), (lambda r: r.choice("12345") + nd(r, 8), [1, 2, 2, 2, 2], [1, 2, 2, 2, 2])]),
    "BE": ("32", "0", [(lambda r: "4" + r.choice("789") + nd(r, 7), [3, 2, 2, 2], [3, 2, 2, 2])]),
    "NL": ("31", "0", [(lambda r: "6" + nd(r, 8), [1, 8], [1, 8]), (lambda r: "20" + nd(r, 7), [2, 3, 4], [2, 3, 4])]),
    "IT": ("39", "", [(lambda r: "3" + r.choice(["33", "35", "38", "47", "49", "40", "20", "66"]) + nd(r, 7), [3, 3, 4], [3, 3, 4]), (lambda r: "06" + nd(r, 8), [2, 4, 4], [2, 4, 4])]),
    "ES": ("34", "", [(lambda r: r.choice("67") + nd(r, 8), [3, 2, 2, 2], [3, 3, 3]), (lambda r: "91" + nd(r, 7), [2, 3, 2, 2], [2, 3, 2, 2])]),
    "PT": ("351", "", [(lambda r: "9" + r.choice("1236") + nd(r, 7), [3, 3, 3], [3, 3, 3])]),
    "PL": ("48", "", [(lambda r: r.choice("5678") + nd(r, 8), [3, 3, 3], [3, 3, 3])]),
    "SE": ("46", "0", [(lambda r: "7" + r.choice("0236") + nd(r, 7), [2, 3, 2, 2], [2, 3, 2, 2])]),
    "DK": ("45", "", [(lambda r: r.choice("2345") + nd(r, 7), [2, 2, 2, 2], [2, 2, 2, 2])]),
    "GR": ("30", "", [(lambda r: "69" + r.choice("3479") + nd(r, 7), [3, 3, 4], [3, 3, 4])]),
}
LANG_COUNTRIES = {"en": ["UK", "UK", "IE"], "de": ["DE", "DE", "AT", "CH"], "fr": ["FR", "FR", "BE", "CH"], "it": ["IT", "IT", "CH"], "es": ["ES", "ES", "PT"]}


def nd(rng, n):
    return "".join(rng.choice(DIG) for _ in range(n))


def group(s, sizes):
    out, i = [], 0
    for k in sizes:
        if i >= len(s):
            break
        out.append(s[i : i + k])
        i += k
    if i < len(s):
        out[-1] += s[i:]
    return out


def phone(rng, lang):
    """Returns (written form, canonical digits incl. country code)."""
    country = rng.choice(LANG_COUNTRIES[lang]) if rng.random() < 0.8 else rng.choice(list(PHONE_PLANS))
    cc, trunk, plans = PHONE_PLANS[country]
    gen, nat_g, int_g = rng.choice(plans)
    nsn = gen(rng)
    style = rng.random()
    if style < 0.45:
        parts = group(nsn, int_g)
        sep = rng.choice([" ", " ", " ", "-", "."]) if style < 0.4 else ""
        if sep == "." and country not in ("FR", "BE", "CH"):
            sep = " "
        written = f"+{cc} " + sep.join(parts) if sep or style < 0.4 else f"+{cc}{nsn}"
        if trunk and rng.random() < 0.15:
            written = f"+{cc} (0){' '.join(parts)}"
        if rng.random() < 0.1:
            written = f"00{cc} " + " ".join(parts)
    else:
        nat = trunk + nsn
        parts = group(nat, [nat_g[0] + len(trunk)] + nat_g[1:])
        r = rng.random()
        if r < 0.6:
            written = " ".join(parts)
        elif r < 0.72 and trunk:
            written = f"({parts[0]}) " + " ".join(parts[1:])
        elif r < 0.82:
            written = parts[0] + rng.choice(["-", "/"]) + "".join(parts[1:])
        elif r < 0.9 and country in ("FR", "BE"):
            written = ".".join(parts)
        else:
            written = nat
    return written, cc + nsn


# ---------------------------------------------------------------- number words

EN_D = "zero one two three four five six seven eight nine".split()
DE_D = "null eins zwei drei vier fünf sechs sieben acht neun".split()
FR_D = "zéro un deux trois quatre cinq six sept huit neuf".split()
IT_D = "zero uno due tre quattro cinque sei sette otto nove".split()
ES_D = "cero uno dos tres cuatro cinco seis siete ocho nueve".split()
DIGIT_WORDS = {"en": EN_D, "de": DE_D, "fr": FR_D, "it": IT_D, "es": ES_D}
PLUS = {"en": "plus", "de": "plus", "fr": "plus", "it": "più", "es": "más"}

FR_TEENS = "dix onze douze treize quatorze quinze seize dix-sept dix-huit dix-neuf".split()
FR_TENS = {2: "vingt", 3: "trente", 4: "quarante", 5: "cinquante", 6: "soixante"}
ES_TEENS = "diez once doce trece catorce quince dieciséis diecisiete dieciocho diecinueve".split()
ES_TENS = {3: "treinta", 4: "cuarenta", 5: "cincuenta", 6: "sesenta", 7: "setenta", 8: "ochenta", 9: "noventa"}
ES_20S = "veinte veintiuno veintidós veintitrés veinticuatro veinticinco veintiséis veintisiete veintiocho veintinueve".split()
EN_TEENS = "ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen".split()
EN_TENS = {2: "twenty", 3: "thirty", 4: "forty", 5: "fifty", 6: "sixty", 7: "seventy", 8: "eighty", 9: "ninety"}


def fr_pair(n):
    if n < 10:
        return "zéro " + FR_D[n] if n else "zéro zéro"
    if n < 20:
        return FR_TEENS[n - 10]
    t, u = divmod(n, 10)
    if t in (7, 9):
        base = "soixante" if t == 7 else "quatre-vingt"
        rest = FR_TEENS[u]
        if t == 7 and u == 1:
            return "soixante et onze"
        return f"{base}-{rest}"
    if t == 8:
        return "quatre-vingts" if u == 0 else "quatre-vingt-" + FR_D[u]
    if u == 0:
        return FR_TENS[t]
    if u == 1:
        return f"{FR_TENS[t]} et un"
    return f"{FR_TENS[t]}-{FR_D[u]}"


def es_pair(n):
    if n < 10:
        return "cero " + ES_D[n]
    if n < 20:
        return ES_TEENS[n - 10]
    if n < 30:
        return ES_20S[n - 20]
    t, u = divmod(n, 10)
    return ES_TENS[t] if u == 0 else f"{ES_TENS[t]} y {ES_D[u]}"


def en_pair(n):
    if n < 10:
        return "oh " + EN_D[n]
    if n < 20:
        return EN_TEENS[n - 10]
    t, u = divmod(n, 10)
    return EN_TENS[t] if u == 0 else f"{EN_TENS[t]}-{EN_D[u]}"


def spoken_digits(rng, digits, lang, plus=False):
    words = DIGIT_WORDS[lang]
    out = []
    if plus:
        out.append(PLUS[lang])
    style = rng.random()
    if lang == "fr" and style < 0.6 and not plus:
        # 06 12 34 56 78 → zéro six, douze, trente-quatre, …
        pairs = [digits[i : i + 2] for i in range(0, len(digits), 2)]
        return ", ".join(fr_pair(int(p)) if len(p) == 2 else FR_D[int(p)] for p in pairs)
    if lang == "es" and style < 0.4 and not plus:
        head, rest = digits[:3], digits[3:]
        pairs = [rest[i : i + 2] for i in range(0, len(rest), 2)]
        return " ".join(ES_D[int(c)] for c in head) + ", " + ", ".join(es_pair(int(p)) if len(p) == 2 else ES_D[int(p)] for p in pairs)
    i = 0
    group_break = rng.choice([3, 4, 0])
    while i < len(digits):
        c = digits[i]
        if lang == "en" and i + 1 < len(digits) and digits[i + 1] == c and rng.random() < 0.5:
            w = "oh" if c == "0" else words[int(c)]
            out.append(f"double {w}")
            i += 2
        else:
            w = words[int(c)]
            if lang == "en" and c == "0" and rng.random() < 0.5:
                w = "oh"
            if lang == "de" and c == "2" and rng.random() < 0.3:
                w = "zwo"
            out.append(w)
            i += 1
        if group_break and i % group_break == 0 and i < len(digits):
            out[-1] += ","
    return " ".join(out)


def spoken_phone(rng, lang, canonical):
    cc_len = 3 if canonical[:3] in ("351", "353") else 2
    if rng.random() < 0.5:
        return spoken_digits(rng, canonical, lang, plus=True)
    # national form: trunk 0 + NSN where the country has one
    cc = canonical[:cc_len]
    nsn = canonical[cc_len:]
    trunk = "0" if cc in ("49", "43", "41", "44", "353", "33", "32", "31", "46") else ""
    return spoken_digits(rng, trunk + nsn, lang)


# ---------------------------------------------------------------- names, e-mails, dates

FREEMAIL = ["gmail.com", "outlook.com", "web.de", "gmx.de", "t-online.de", "orange.fr", "free.fr", "libero.it", "hotmail.it", "hotmail.es", "yahoo.es", "icloud.com", "proton.me", "bluewin.ch"]


def ascii_fold(s):
    table = str.maketrans("äöüßéèêëàâîïôûùçñáíóúìòÄÖÜÉÈÀÇÑÁÍÓÚ", "aousEeeeaaiiouucnaiouioAOUEEACNAIOU")
    s = s.translate(table)
    return "".join(c for c in s.lower() if c.isalnum() or c in ".-")


def email_for(rng, first, last, fake):
    f, l = ascii_fold(first), ascii_fold(last.replace(" ", ""))
    local = rng.choice([f"{f}.{l}", f"{f[0]}.{l}", f"{f}{l}", f"{l}.{f}", f"{f}_{l}", f"{f}.{l}{rng.randint(1, 99)}"])
    domain = rng.choice(FREEMAIL) if rng.random() < 0.6 else fake.domain_name()
    return f"{local}@{domain}", local, domain


SPOKEN_EMAIL = {
    "en": ("dot", "at", "underscore"),
    "de": ("punkt", "ät", "unterstrich"),
    "fr": ("point", "arobase", "tiret bas"),
    "it": ("punto", "chiocciola", "trattino basso"),
    "es": ("punto", "arroba", "guion bajo"),
}


def spoken_email(local, domain, lang):
    dot, at, us = SPOKEN_EMAIL[lang]
    if lang == "de" and "ä" in at:
        at = "at" if len(local) % 2 else "ät"
    local_s = local.replace(".", f" {dot} ").replace("_", f" {us} ")
    dom_s = domain.replace(".", f" {dot} ")
    return f"{local_s} {at} {dom_s}"


MONTHS = {
    "en": "January February March April May June July August September October November December".split(),
    "de": "Januar Februar März April Mai Juni Juli August September Oktober November Dezember".split(),
    "fr": "janvier février mars avril mai juin juillet août septembre octobre novembre décembre".split(),
    "it": "gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre dicembre".split(),
    "es": "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre".split(),
}


def date_text(rng, lang, y, m, d):
    r = rng.random()
    if r < 0.3:
        return f"{d:02d}.{m:02d}.{y}" if lang == "de" else f"{d:02d}/{m:02d}/{y}"
    if r < 0.4:
        return f"{y}-{m:02d}-{d:02d}"
    mn = MONTHS[lang][m - 1]
    if lang == "en":
        return f"{d} {mn} {y}" if r < 0.75 else f"{mn} {d}, {y}"
    if lang == "de":
        return f"{d}. {mn} {y}"
    if lang == "es":
        return f"{d} de {mn} de {y}"
    return f"{d} {mn} {y}"


DOB_CUES = {
    "en": ["born on", "date of birth:", "DOB:", "Date of birth", "my date of birth is", "born"],
    "de": ["geboren am", "Geburtsdatum:", "Geburtsdatum", "geb."],
    "fr": ["né le", "née le", "date de naissance :", "Date de naissance"],
    "it": ["nato il", "nata il", "data di nascita:", "Data di nascita"],
    "es": ["nacido el", "nacida el", "fecha de nacimiento:", "Fecha de nacimiento"],
}


SPOKEN_DOB_CUES = {
    "en": ["I was born on", "my date of birth is", "date of birth", "born on the"],
    "de": ["ich bin geboren am", "mein Geburtsdatum ist der", "geboren am"],
    "fr": ["je suis né le", "je suis née le", "ma date de naissance est le"],
    "it": ["sono nato il", "sono nata il", "la mia data di nascita è il"],
    "es": ["nací el", "nacida el", "mi fecha de nacimiento es el"],
}


def dob(rng, lang):
    y, m, d = rng.randint(1940, 2006), rng.randint(1, 12), rng.randint(1, 28)
    return date_text(rng, lang, y, m, d), f"{y}-{m:02d}-{d:02d}"


def ordinary_date(rng, lang):
    y, m, d = rng.choice([2025, 2026, 2027]), rng.randint(1, 12), rng.randint(1, 28)
    return date_text(rng, lang, y, m, d), f"{y}-{m:02d}-{d:02d}"


# ---------------------------------------------------------------- non-PII look-alikes


def booking_code(rng):
    code = "".join(rng.choice(UP) for _ in range(8))
    r = rng.random()
    if r < 0.4:
        return f"{code}-{rng.randint(1, 3)}"
    if r < 0.6:
        return f"{rng.choice(['BER', 'MUC', 'PAR', 'ROM', 'MAD', 'ZRH'])}-{code}-1"
    if r < 0.8:
        return f"{rng.choice(['RES', 'BK', 'HB'])}-{rng.randint(100000, 999999)}"
    return code


def confirmation_number(rng):
    return str(rng.randint(10_000_000, 9_999_999_999))


def price(rng, lang):
    amount = rng.randint(60, 4000) + rng.choice([0, 0.5, 0.9, 0.0])
    if lang in ("de", "fr", "it", "es"):
        s = f"{amount:,.2f}".replace(",", "X").replace(".", ",").replace("X", ".")
        return rng.choice([f"{s} €", f"EUR {s}", f"€ {s}"])
    return rng.choice([f"€{amount:,.2f}", f"EUR {amount:.2f}", f"£{amount:,.2f}", f"CHF {amount:,.2f}"])


def invoice(rng):
    return rng.choice([f"INV-{rng.choice([2025, 2026])}-{rng.randint(1, 999999):06d}", f"RE-{rng.randint(2025, 2026)}-{rng.randint(1000, 99999)}", f"{rng.randint(2025, 2026)}/{rng.randint(1, 9999):04d}"])


def flight(rng):
    return f"{rng.choice(['LH', 'AF', 'AZ', 'IB', 'BA', 'LX', 'KL', 'U2', 'FR'])}{rng.choice(['', ' '])}{rng.randint(10, 9999)}"


def room(rng):
    return str(rng.choice([rng.randint(101, 999), rng.randint(1001, 1520)]))


def public_ip(rng):
    while True:
        a = rng.randint(1, 223)
        if a not in (10, 127, 169, 172, 192):
            return f"{a}.{rng.randint(0, 255)}.{rng.randint(0, 255)}.{rng.randint(1, 254)}"


def ipv6(rng):
    if rng.random() < 0.5:
        return f"2001:db8:{rng.randint(0, 0xffff):x}::{rng.randint(1, 0xffff):x}"
    return ":".join(f"{rng.randint(0, 0xffff):x}" for _ in range(8))


HOTELS = ["Hotel Adlon", "Grand Hotel Europa", "Hôtel du Louvre", "Albergo Roma Centrale", "Hotel Miramar", "Parkhotel Zürich", "The Kensington Arms", "Hotel Vier Jahreszeiten", "Hotel Bellevue"]

# ---------------------------------------------------------------- context generator


class Ctx:
    """One guest and the values a document may mention."""

    def __init__(self, rng, fake, lang):
        self.rng, self.fake, self.lang = rng, fake, lang
        self.first = fake.first_name()
        self.last = fake.last_name()
        self.email, self.local, self.domain = email_for(rng, self.first, self.last, fake)
        self.phone, self.phone_canon = phone(rng, lang)
        digits, grouping = card_number(rng)
        self.card_digits = digits
        self.card = format_card(rng, digits, grouping)
        cc = {"en": rng.choice(["GB", "IE"]), "de": rng.choice(["DE", "DE", "AT", "CH"]), "fr": rng.choice(["FR", "FR", "BE", "LU"]), "it": rng.choice(["IT", "IT", "SM"]), "es": rng.choice(["ES", "ES", "PT"])}[lang]
        if rng.random() < 0.25:
            cc = rng.choice(list(IBAN_BBAN))
        self.iban_code = iban(rng, cc)
        self.iban = format_iban(rng, self.iban_code)
        self.dob, self.dob_iso = dob(rng, lang)
        self.id_type, self.id_value, self.id_kind = id_document(rng, lang)
        self.ip = public_ip(rng) if rng.random() < 0.75 else ipv6(rng)
        self.booking = booking_code(rng)
        self.hotel = rng.choice(HOTELS)
        self.arrival, self.arrival_iso = ordinary_date(rng, lang)
        self.departure, self.departure_iso = ordinary_date(rng, lang)
        self.price = price(rng, lang)
        self.room = room(rng)
        self.staff = fake.first_name() + " " + fake.last_name()

    @property
    def name(self):
        return f"{self.first} {self.last}"

    def id_cue(self):
        return self.rng.choice(ID_CUES[self.lang][self.id_kind])

    def title(self):
        fem = self.rng.random() < 0.5
        return {
            "en": "Mrs" if fem else "Mr",
            "de": "Frau" if fem else "Herr",
            "fr": "Madame" if fem else "Monsieur",
            "it": "Sig.ra" if fem else "Sig.",
            "es": "Sra." if fem else "Sr.",
        }[self.lang]


# ---------------------------------------------------------------- phrase tables

T = {
    "greet_mail": {"en": ["Dear {t} ", "Dear ", "Hello "], "de": ["Sehr geehrte{r} {t} ", "Liebe{r} ", "Hallo "], "fr": ["Bonjour {t} ", "Cher {t} ", "Madame, Monsieur, je suis "], "it": ["Gentile {t} ", "Buongiorno ", "Caro "], "es": ["Estimado {t} ", "Hola ", "Estimada {t} "]},
    "intro": {"en": ["My name is ", "This is ", "I am "], "de": ["Mein Name ist ", "Ich heiße ", "Hier ist "], "fr": ["Je m'appelle ", "Ici ", "Mon nom est "], "it": ["Mi chiamo ", "Sono ", "Il mio nome è "], "es": ["Me llamo ", "Soy ", "Mi nombre es "]},
    "signoff": {"en": ["Best regards,\n", "Kind regards,\n", "Thanks,\n"], "de": ["Mit freundlichen Grüßen\n", "Viele Grüße\n", "Beste Grüße,\n"], "fr": ["Cordialement,\n", "Bien à vous,\n"], "it": ["Cordiali saluti,\n", "Un saluto,\n"], "es": ["Saludos cordiales,\n", "Atentamente,\n", "Un saludo,\n"]},
    "booking": {"en": "I have a reservation {b} from {a} to {d}.", "de": "Ich habe eine Reservierung {b} vom {a} bis {d}.", "fr": "J'ai une réservation {b} du {a} au {d}.", "it": "Ho una prenotazione {b} dal {a} al {d}.", "es": "Tengo una reserva {b} del {a} al {d}."},
    "room": {"en": "We stayed in room {r} last time and paid {p}.", "de": "Letztes Mal hatten wir Zimmer {r} für {p}.", "fr": "La dernière fois nous avions la chambre {r} pour {p}.", "it": "L'ultima volta avevamo la camera {r} per {p}.", "es": "La última vez tuvimos la habitación {r} por {p}."},
    "phone": {"en": ["You can reach me on ", "My mobile: ", "Phone: ", "please call me at "], "de": ["Sie erreichen mich unter ", "Handy: ", "Tel.: ", "Rückruf bitte an "], "fr": ["Vous pouvez me joindre au ", "Portable : ", "Tél. : "], "it": ["Potete chiamarmi al ", "Cellulare: ", "Tel. "], "es": ["Pueden llamarme al ", "Móvil: ", "Teléfono: "]},
    "email": {"en": ["or by e-mail at ", "E-mail: ", "write to "], "de": ["oder per E-Mail an ", "E-Mail: "], "fr": ["ou par e-mail à ", "Courriel : "], "it": ["oppure via e-mail a ", "E-mail: "], "es": ["o por correo a ", "Correo: "]},
    "card": {"en": ["Please guarantee the booking with my card ", "Card number: ", "my Visa is "], "de": ["Bitte garantieren Sie die Buchung mit meiner Karte ", "Kreditkarte: "], "fr": ["Merci de garantir la réservation avec ma carte ", "Carte bancaire : "], "it": ["Garantite pure la prenotazione con la carta ", "Carta di credito: "], "es": ["Pueden garantizar la reserva con mi tarjeta ", "Tarjeta: "]},
    "card_exp": {"en": " (exp. {m}/{y})", "de": " (gültig bis {m}/{y})", "fr": " (exp. {m}/{y})", "it": " (scad. {m}/{y})", "es": " (cad. {m}/{y})"},
    "iban": {"en": ["Please refund the deposit to IBAN ", "refund to "], "de": ["Bitte erstatten Sie die Anzahlung auf IBAN ", "Konto: "], "fr": ["Merci de rembourser l'acompte sur l'IBAN ", "IBAN : "], "it": ["Vi prego di rimborsare la caparra sull'IBAN ", "IBAN: "], "es": ["Por favor, devuelvan el depósito al IBAN ", "IBAN: "]},
    "dob": {"en": "For the registration form: I was {cue} {v}.", "de": "Für den Meldeschein: {cue} {v}.", "fr": "Pour la fiche de police : {cue} {v}.", "it": "Per la schedina: {cue} {v}.", "es": "Para el registro: {cue} {v}."},
    "id": {"en": "My {cue} is {v}.", "de": "Meine {cue}: {v}.", "fr": "Mon {cue} : {v}.", "it": "Il mio {cue}: {v}.", "es": "Mi {cue}: {v}."},
    "arrive_bare": {"en": "{n} will arrive around 22:00.", "de": "{n} kommt erst gegen 22 Uhr an.", "fr": "{n} arrivera vers 22h.", "it": "{n} arriverà verso le 22.", "es": "{n} llegará hacia las 22:00."},
    "companion": {"en": "I am travelling with {n}.", "de": "Ich reise mit {n}.", "fr": "Je voyage avec {n}.", "it": "Viaggio con {n}.", "es": "Viajo con {n}."},
    "flight": {"en": "Our flight {f} lands at 14:35.", "de": "Unser Flug {f} landet um 14:35.", "fr": "Notre vol {f} atterrit à 14h35.", "it": "Il nostro volo {f} atterra alle 14:35.", "es": "Nuestro vuelo {f} aterriza a las 14:35."},
    "invoice": {"en": "Please send invoice {i} again.", "de": "Bitte senden Sie die Rechnung {i} erneut.", "fr": "Merci de renvoyer la facture {i}.", "it": "Vi prego di rinviare la fattura {i}.", "es": "Por favor, reenvíen la factura {i}."},
    "confirm": {"en": "Confirmation number {c}.", "de": "Bestätigungsnummer {c}.", "fr": "Numéro de confirmation {c}.", "it": "Numero di conferma {c}.", "es": "Número de confirmación {c}."},
}

AGENT = {"en": "Agent", "de": "Rezeption", "fr": "Réception", "it": "Reception", "es": "Recepción"}
CALLER = {"en": "Caller", "de": "Anrufer", "fr": "Client", "it": "Ospite", "es": "Cliente"}

TR = {
    "hello": {"en": "Good evening, {h}, how can I help?", "de": "Guten Abend, {h}, was kann ich für Sie tun?", "fr": "Bonsoir, {h}, que puis-je faire pour vous ?", "it": "Buonasera, {h}, come posso aiutarla?", "es": "Buenas noches, {h}, ¿en qué puedo ayudarle?"},
    "want": {"en": "I'd like to change my booking for {a}, two adults.", "de": "ich möchte meine Buchung für den {a} ändern, zwei Erwachsene.", "fr": "je voudrais modifier ma réservation pour le {a}, deux adultes.", "it": "vorrei modificare la mia prenotazione per il {a}, due adulti.", "es": "quería cambiar mi reserva para el {a}, dos adultos."},
    "ask_name": {"en": "May I have your name, please?", "de": "Darf ich Ihren Namen haben?", "fr": "Puis-je avoir votre nom ?", "it": "Posso avere il suo nome?", "es": "¿Me dice su nombre, por favor?"},
    "ask_phone": {"en": "And a number where we can reach you?", "de": "Und unter welcher Nummer erreichen wir Sie?", "fr": "Et un numéro où vous joindre ?", "it": "E un numero dove possiamo raggiungerla?", "es": "¿Y un número de contacto?"},
    "say_phone": {"en": "sure, it's ", "de": "klar, die ist ", "fr": "oui, c'est le ", "it": "certo, è ", "es": "sí, es el "},
    "ask_mail": {"en": "And your e-mail address?", "de": "Und Ihre E-Mail-Adresse?", "fr": "Et votre adresse e-mail ?", "it": "E il suo indirizzo e-mail?", "es": "¿Y su correo electrónico?"},
    "say_mail": {"en": "it's ", "de": "das ist ", "fr": "c'est ", "it": "è ", "es": "es "},
    "ask_card": {"en": "To guarantee the room I need a card number.", "de": "Zur Garantie brauche ich eine Kartennummer.", "fr": "Pour garantir la chambre, il me faut un numéro de carte.", "it": "Per garantire la camera mi serve un numero di carta.", "es": "Para garantizar la habitación necesito un número de tarjeta."},
    "say_card": {"en": "okay, the card number is ", "de": "okay, die Kartennummer ist ", "fr": "d'accord, le numéro est ", "it": "va bene, il numero è ", "es": "vale, el número es "},
    "confirm_code": {"en": "Thank you. Your booking reference is {b}, room {r}, total {p}.", "de": "Danke. Ihre Buchungsnummer ist {b}, Zimmer {r}, gesamt {p}.", "fr": "Merci. Votre référence est {b}, chambre {r}, total {p}.", "it": "Grazie. Il codice di prenotazione è {b}, camera {r}, totale {p}.", "es": "Gracias. Su localizador es {b}, habitación {r}, total {p}."},
    "confirm_spoken": {"en": "your confirmation number is {c}", "de": "Ihre Bestätigungsnummer lautet {c}", "fr": "votre numéro de confirmation est le {c}", "it": "il numero di conferma è {c}", "es": "su número de confirmación es el {c}"},
    "ask_dob": {"en": "For the registration form, your date of birth?", "de": "Für den Meldeschein: Ihr Geburtsdatum?", "fr": "Pour la fiche de police, votre date de naissance ?", "it": "Per la schedina, la sua data di nascita?", "es": "Para el registro, ¿su fecha de nacimiento?"},
    "bye": {"en": "Thanks, bye.", "de": "Danke, tschüss.", "fr": "Merci, au revoir.", "it": "Grazie, arrivederci.", "es": "Gracias, adiós."},
}


def fmt(s, **kw):
    return s.format(**kw)


# ---------------------------------------------------------------- document builders


def add_name(doc, c, cue_kind="intro", lower=False):
    """A name after a cue (or bare); returns the doc."""
    rng, lang = c.rng, c.lang
    name = c.name.lower() if lower else c.name
    if cue_kind == "intro":
        doc.t(rng.choice(T["intro"][lang])).p("PERSON", name)
    elif cue_kind == "greet":
        g = rng.choice(T["greet_mail"][lang])
        t = c.title()
        if "{t}" in g:
            fem = t in ("Mrs", "Frau", "Madame", "Sig.ra", "Sra.")
            g = g.replace("{r}", "" if fem else "r").replace("{t}", t)
            doc.t(g).p("PERSON", c.last)
        else:
            g = g.replace("{r}", rng.choice(["", "r"]))
            if g.endswith("je suis "):
                doc.t(g).p("PERSON", c.name)
            else:
                doc.t(g).p("PERSON", c.first)
        doc.t(",\n\n")
    elif cue_kind == "bare":
        doc.t(fmt(T["arrive_bare"][lang], n="\x00").split("\x00")[0]).p("PERSON", name).t(fmt(T["arrive_bare"][lang], n="\x00").split("\x00")[1])
    return doc


def sentence(doc, template, typ, value):
    before, after = template.split("{v}")
    return doc.t(before).p(typ, value).t(after)


def email_doc(c):
    rng, lang = c.rng, c.lang
    d = Doc()
    d.t(["Subject: ", "Betreff: ", "Objet : ", "Oggetto: ", "Asunto: "][LANGS.index(lang)] + c.booking + "\n\n")
    d.t({"en": "Dear reservations team,\n\n", "de": "Sehr geehrte Damen und Herren,\n\n", "fr": "Madame, Monsieur,\n\n", "it": "Gentile staff,\n\n", "es": "Estimado equipo:\n\n"}[lang])
    add_name(d, c, "intro")
    d.t(". " + fmt(T["booking"][lang], b=c.booking, a=c.arrival, d=c.departure) + " ")
    if rng.random() < 0.4:
        d.t(fmt(T["room"][lang], r=c.room, p=c.price) + " ")
    if rng.random() < 0.3:
        d.t(fmt(T["flight"][lang], f=flight(rng)) + " ")
    if rng.random() < 0.3:
        other = c.fake.first_name() + " " + c.fake.last_name()
        tpl = T["companion"][lang]
        b, a = tpl.split("{n}")
        d.t(b).p("PERSON", other).t(a + " ")
    if rng.random() < 0.12:
        add_name(d, c, "bare")
        d.t(" ")
    d.t("\n")
    if rng.random() < 0.8:
        d.t(rng.choice(T["phone"][lang])).p("PHONE", c.phone)
        if rng.random() < 0.7:
            d.t(" " + rng.choice(T["email"][lang])).p("EMAIL", c.email)
        d.t(".\n")
    if rng.random() < 0.45:
        d.t(rng.choice(T["card"][lang])).p("CREDIT_CARD", c.card).t(fmt(T["card_exp"][lang], m=f"{rng.randint(1, 12):02d}", y=rng.randint(26, 31)) + ".\n")
    if rng.random() < 0.35:
        d.t(rng.choice(T["iban"][lang])).p("IBAN", c.iban).t(".\n")
    if rng.random() < 0.4:
        cue = rng.choice(DOB_CUES[lang])
        tpl = T["dob"][lang].replace("{cue}", cue)
        sentence(d, tpl, "DATE_OF_BIRTH", c.dob)
        d.t(" ")
    if rng.random() < 0.4:
        tpl = T["id"][lang].replace("{cue}", c.id_cue())
        sentence(d, tpl, c.id_type, c.id_value)
        d.t("\n")
    if rng.random() < 0.3:
        d.t(fmt(T["invoice"][lang], i=invoice(rng)) + " ")
    if rng.random() < 0.3:
        d.t(fmt(T["confirm"][lang], c=confirmation_number(rng)) + "\n")
    d.t("\n" + rng.choice(T["signoff"][lang])).p("PERSON", c.name)
    if rng.random() < 0.3:
        d.t("\n").p("PHONE", c.phone)
    d.t("\n")
    return d


def hotel_reply_doc(c):
    rng, lang = c.rng, c.lang
    d = Doc()
    add_name(d, c, "greet")
    d.t({"en": "thank you for your reservation {b} at {h} from {a} to {d}. Your room {r} costs {p} per night. ",
         "de": "vielen Dank für Ihre Reservierung {b} im {h} vom {a} bis {d}. Ihr Zimmer {r} kostet {p} pro Nacht. ",
         "fr": "merci pour votre réservation {b} à l'{h} du {a} au {d}. Votre chambre {r} coûte {p} par nuit. ",
         "it": "grazie per la prenotazione {b} presso {h} dal {a} al {d}. La camera {r} costa {p} a notte. ",
         "es": "gracias por su reserva {b} en {h} del {a} al {d}. Su habitación {r} cuesta {p} por noche. "}[lang].format(b=c.booking, h=c.hotel, a=c.arrival, d=c.departure, r=c.room, p=c.price))
    if rng.random() < 0.5:
        d.t({"en": "We have noted your phone number ", "de": "Wir haben Ihre Telefonnummer ", "fr": "Nous avons noté votre numéro ", "it": "Abbiamo annotato il suo numero ", "es": "Hemos anotado su teléfono "}[lang]).p("PHONE", c.phone).t({"en": " and e-mail ", "de": " und E-Mail ", "fr": " et l'adresse ", "it": " e l'e-mail ", "es": " y el correo "}[lang]).p("EMAIL", c.email).t(". ")
    if rng.random() < 0.4:
        d.t({"en": "Your card ending in ", "de": "Ihre Karte mit Endziffern ", "fr": "Votre carte se terminant par ", "it": "La sua carta che termina con ", "es": "Su tarjeta terminada en "}[lang] + c.card_digits[-4:] + {"en": " was pre-authorised.", "de": " wurde vorautorisiert.", "fr": " a été pré-autorisée.", "it": " è stata preautorizzata.", "es": " fue preautorizada."}[lang] + " ")
    d.t(fmt(T["confirm"][lang], c=confirmation_number(rng)) + " Check-in 15:00, check-out 11:00.\n\n")
    d.t(rng.choice(T["signoff"][lang])).p("PERSON", c.staff).t("\n" + c.hotel + "\n")
    return d


def transcript_doc(c):
    rng, lang = c.rng, c.lang
    A, C = AGENT[lang] + ": ", CALLER[lang] + ": "
    d = Doc()
    d.t(A + fmt(TR["hello"][lang], h=c.hotel) + "\n")
    d.t(C + {"en": "hi, ", "de": "hallo, ", "fr": "bonjour, ", "it": "buonasera, ", "es": "hola, "}[lang])
    lower = rng.random() < 0.25
    if rng.random() < 0.7:
        add_name(d, c, "intro", lower=lower)
        d.t(", " + fmt(TR["want"][lang], a=c.arrival) + "\n")
    else:
        d.t(fmt(TR["want"][lang], a=c.arrival) + "\n")
        d.t(A + TR["ask_name"][lang] + "\n" + C)
        if rng.random() < 0.5:
            add_name(d, c, "intro", lower=lower)
        else:
            # Just the name as the answer, as ASR writes it.
            d.p("PERSON", c.name.lower() if lower else c.name)
        d.t(".\n")
    d.t(A + TR["ask_phone"][lang] + "\n")
    d.t(C + TR["say_phone"][lang])
    if rng.random() < 0.65:
        d.p("PHONE", spoken_phone(rng, lang, c.phone_canon))
    else:
        d.p("PHONE", c.phone)
    d.t("\n")
    if rng.random() < 0.7:
        d.t(A + TR["ask_mail"][lang] + "\n" + C + TR["say_mail"][lang])
        if rng.random() < 0.6:
            d.p("EMAIL", spoken_email(c.local, c.domain, lang))
        else:
            d.p("EMAIL", c.email)
        d.t("\n")
    if rng.random() < 0.4:
        d.t(A + TR["ask_card"][lang] + "\n" + C + TR["say_card"][lang])
        if rng.random() < 0.6:
            d.p("CREDIT_CARD", spoken_digits(rng, c.card_digits, lang))
        else:
            d.p("CREDIT_CARD", c.card)
        d.t("\n")
    if rng.random() < 0.25:
        cue = rng.choice(SPOKEN_DOB_CUES[lang])
        d.t(A + TR["ask_dob"][lang] + "\n" + C + cue + " ").p("DATE_OF_BIRTH", c.dob).t("\n")
    d.t(A + fmt(TR["confirm_code"][lang], b=c.booking, r=c.room, p=c.price) + "\n")
    if rng.random() < 0.3:
        conf = confirmation_number(rng)
        d.t(A + fmt(TR["confirm_spoken"][lang], c=spoken_digits(rng, conf, lang)) + "\n")
    d.t(C + TR["bye"][lang] + "\n")
    return d


class J:
    """A labelled JSON leaf."""

    def __init__(self, typ, value):
        self.typ, self.value = typ, value


def json_doc(obj, indent):
    d = Doc()

    def esc(s):
        return json.dumps(s, ensure_ascii=False)[1:-1]

    def emit(o, level):
        pad = "\n" + " " * (indent * (level + 1)) if indent else ""
        end_pad = "\n" + " " * (indent * level) if indent else ""
        sep = ": " if indent else ":"
        if isinstance(o, dict):
            d.t("{")
            for i, (k, v) in enumerate(o.items()):
                d.t(("," if i else "") + pad + json.dumps(k, ensure_ascii=False) + sep)
                emit(v, level + 1)
            d.t(end_pad + "}" if o else "}")
        elif isinstance(o, list):
            d.t("[")
            for i, v in enumerate(o):
                d.t(("," if i else "") + pad)
                emit(v, level + 1)
            d.t(end_pad + "]" if o else "]")
        elif isinstance(o, J):
            d.t('"').p(o.typ, esc(o.value)).t('"')
        elif isinstance(o, Doc):
            d.t('"')
            for typ, s in o.parts:
                if typ:
                    d.p(typ, esc(s))
                else:
                    d.t(esc(s))
            d.t('"')
        else:
            d.t(json.dumps(o, ensure_ascii=False))

    emit(obj, 0)
    return d


def payload_doc(c):
    rng, lang = c.rng, c.lang
    style = rng.random()
    uid = str(uuid.UUID(int=rng.getrandbits(128)))
    cc = {"en": "GB", "de": "DE", "fr": "FR", "it": "IT", "es": "ES"}[lang]
    if style < 0.4:
        guest = {"title": rng.choice(["Mr", "Ms", "Mrs"]), "firstName": J("PERSON", c.first), "lastName": J("PERSON", c.last), "email": J("EMAIL", c.email), "phone": J("PHONE", c.phone)}
        if rng.random() < 0.4:
            guest["birthDate"] = J("DATE_OF_BIRTH", c.dob_iso)
        if rng.random() < 0.4:
            guest["identificationNumber"] = J(c.id_type, c.id_value)
            guest["identificationType"] = "PassportNumber" if c.id_type == "PASSPORT" else "IdentificationNumber"
        guest["nationalityCountryCode"] = cc
        obj = {"id": c.booking, "bookingId": c.booking.split("-")[0], "status": "Confirmed", "property": {"id": "BER", "name": c.hotel},
               "ratePlan": {"id": "BER-FLEX-DBL", "code": "FLEX", "name": "Flexible"}, "unitGroup": {"id": "BER-DBL", "name": "Double Room"},
               "unit": {"id": f"BER-{c.room}", "name": c.room}, "arrival": c.arrival_iso + "T15:00:00+01:00", "departure": c.departure_iso + "T11:00:00+01:00",
               "created": "2026-11-26T10:15:30Z", "adults": rng.randint(1, 3), "childrenAges": [rng.randint(2, 12)] if rng.random() < 0.3 else [],
               "totalGrossAmount": {"amount": round(rng.uniform(80, 3000), 2), "currency": "EUR"}, "primaryGuest": guest}
        if rng.random() < 0.4:
            obj["booker"] = {"firstName": J("PERSON", c.fake.first_name()), "lastName": J("PERSON", c.fake.last_name()), "email": J("EMAIL", email_for(rng, c.fake.first_name(), c.fake.last_name(), c.fake)[0])}
        if rng.random() < 0.4:
            note = Doc()
            note.t({"en": "Guest called: ", "de": "Gast rief an: ", "fr": "Le client a appelé : ", "it": "L'ospite ha chiamato: ", "es": "El cliente llamó: "}[lang])
            note.t({"en": "late arrival, call back on ", "de": "spätere Anreise, Rückruf unter ", "fr": "arrivée tardive, rappeler au ", "it": "arrivo in ritardo, richiamare al ", "es": "llegada tarde, llamar al "}[lang]).p("PHONE", c.phone)
            if rng.random() < 0.3:
                note.t("; ").p("PERSON", c.fake.first_name() + " " + c.fake.last_name()).t({"en": " joins.", "de": " kommt mit.", "fr": " les rejoint.", "it": " si unisce.", "es": " se une."}[lang])
            obj["comment"] = note
        if rng.random() < 0.3:
            obj["paymentAccount"] = {"accountNumber": "XXXX" + c.card_digits[-4:], "accountHolder": J("PERSON", c.name), "expiryMonth": str(rng.randint(1, 12)), "expiryYear": str(rng.randint(2026, 2031)), "paymentMethod": "visa", "payerEmail": J("EMAIL", c.email), "isActive": True}
    elif style < 0.6:
        obj = {"Customer": {"Id": uid, "FirstName": J("PERSON", c.first), "LastName": J("PERSON", c.last), "Email": J("EMAIL", c.email), "Phone": J("PHONE", c.phone), "BirthDate": J("DATE_OF_BIRTH", c.dob_iso) if rng.random() < 0.5 else None,
                            "NationalityCode": cc, "LanguageCode": lang, "Classifications": ["Returning"], "IdentityCard": {"Number": J(c.id_type, c.id_value), "Expiration": "2031-05-04"} if rng.random() < 0.4 else None},
               "ReservationId": uid, "Number": c.booking, "StartUtc": c.arrival_iso + "T14:00:00Z", "EndUtc": c.departure_iso + "T10:00:00Z", "RoomNumber": c.room}
    elif style < 0.75:
        obj = {"call_id": uid, "hotel_id": "reference-berlin", "started_at": "2026-11-26T18:02:11Z", "duration_s": rng.randint(30, 600), "caller_number": J("PHONE", "+" + c.phone_canon),
               "detected_language": lang, "guest": {"name": J("PERSON", c.name)}, "intent": "modify_reservation", "reservation_id": c.booking}
        tr = Doc()
        tr.t({"en": "my name is ", "de": "mein Name ist ", "fr": "je m'appelle ", "it": "mi chiamo ", "es": "me llamo "}[lang]).p("PERSON", c.name).t(", ")
        tr.t({"en": "you can call me back on ", "de": "rufen Sie mich an unter ", "fr": "rappelez-moi au ", "it": "richiamatemi al ", "es": "llámenme al "}[lang]).p("PHONE", spoken_phone(rng, lang, c.phone_canon) if rng.random() < 0.5 else c.phone)
        obj["transcript"] = tr
    elif style < 0.88:
        obj = {"payment": {"id": uid, "amount": round(rng.uniform(80, 3000), 2), "currency": "EUR", "card_number": J("CREDIT_CARD", c.card), "holder_name": J("PERSON", c.name),
                           "expiry": f"{rng.randint(1, 12):02d}/{rng.randint(26, 31)}", "status": "authorized"}, "refund": {"iban": J("IBAN", c.iban), "account_holder": J("PERSON", c.name)} if rng.random() < 0.5 else None,
               "reservation_id": c.booking, "invoice": invoice(rng), "client_ip": J("IP_ADDRESS", c.ip)}
    else:
        comp = [{"firstName": J("PERSON", c.fake.first_name()), "lastName": J("PERSON", c.last), "dateOfBirth": J("DATE_OF_BIRTH", dob(rng, lang)[1])} for _ in range(rng.randint(0, 2))]
        obj = {"form": "registration", "hotel": c.hotel, "arrival": c.arrival_iso, "departure": c.departure_iso, "room": c.room, "first_name": J("PERSON", c.first), "last_name": J("PERSON", c.last),
               "date_of_birth": J("DATE_OF_BIRTH", c.dob_iso), "nationality": cc, "document_type": "passport" if c.id_type == "PASSPORT" else "id_card", "document_number": J(c.id_type, c.id_value),
               "companions": comp, "signature_id": uid}
    return json_doc(obj, rng.choice([0, 2]))


def log_doc(c):
    rng = c.rng
    d = Doc()
    uid = str(uuid.UUID(int=rng.getrandbits(128)))
    trace = "%032x" % rng.getrandbits(128)
    for i in range(rng.randint(3, 7)):
        ts = f"2026-11-26T10:{rng.randint(0, 59):02d}:{rng.randint(0, 59):02d}.{rng.randint(0, 999999):06d}Z"
        r = rng.random()
        if rng.random() < 0.5:
            # JSON line from tracing_subscriber's json formatter
            fields = {"message": rng.choice(["inbound call", "reservation modified", "pms call finished", "guest lookup", "request completed"])}
            if r < 0.2:
                fields["caller"] = J("PHONE", "+" + c.phone_canon if rng.random() < 0.6 else c.phone)
            elif r < 0.35:
                fields["guest_email"] = J("EMAIL", c.email)
            elif r < 0.5:
                fields["client_ip"] = J("IP_ADDRESS", c.ip)
            elif r < 0.6:
                fields["guest_name"] = J("PERSON", c.name)
            elif r < 0.7:
                fields["listen"] = "127.0.0.1:8080"
            fields["reservation_id"] = c.booking
            fields["latency_ms"] = rng.randint(3, 2400)
            obj = {"timestamp": ts, "level": rng.choice(["INFO", "DEBUG", "WARN"]), "fields": fields, "target": rng.choice(["gateway::http", "pms_http::client", "voicehive::calls"]), "span": {"trace_id": trace, "name": "request"}}
            d.extend(json_doc(obj, 0))
        else:
            d.t(f"{ts}  {rng.choice(['INFO', 'DEBUG', 'WARN'])} {rng.choice(['gateway', 'pms_http::client', 'calls'])}: ")
            if r < 0.2:
                d.t("inbound call caller=").p("PHONE", "+" + c.phone_canon).t(f" call_id={uid}")
            elif r < 0.35:
                d.t("sending confirmation to=").p("EMAIL", c.email).t(f" reservation_id={c.booking}")
            elif r < 0.5:
                d.t("request from ").p("IP_ADDRESS", c.ip).t(f" path=/v1/reservations/{c.booking} status=200 latency_ms={rng.randint(3, 900)}")
            elif r < 0.6:
                d.t('guest lookup guest_name="').p("PERSON", c.name).t(f'" hotel=reference-berlin')
            elif r < 0.68:
                d.t("created reservation for ").p("PERSON", c.name).t(f" id={c.booking}")
            else:
                d.t(rng.choice([f"connected to redis at 127.0.0.1:6379 pool_size=16", f"listening on 0.0.0.0:8080", f"pms call finished vendor=apaleo operation=get_reservation result=ok latency_ms={rng.randint(20, 900)} trace_id={trace}",
                                f"rate limit: tokens=118 refill_per_s=10 key=apaleo:{uid}", f"retrying after 250ms attempt=2 request_id={uid}", "shutdown signal received"]))
        d.t("\n")
    return d


def negative_doc(c):
    rng, lang = c.rng, c.lang
    d = Doc()
    r = rng.random()
    if r < 0.35:
        d.t(fmt(TR["confirm_code"][lang], b=c.booking, r=c.room, p=c.price) + " ")
        d.t(fmt(T["flight"][lang], f=flight(rng)) + " ")
        d.t(fmt(T["invoice"][lang], i=invoice(rng)) + " ")
        d.t(fmt(T["confirm"][lang], c=confirmation_number(rng)) + " ")
        d.t({"en": f"Check-in from {c.arrival}, check-out {c.departure}. Breakfast 7:00-10:30, parking {price(rng, lang)} per day.",
             "de": f"Anreise ab {c.arrival}, Abreise {c.departure}. Frühstück 7:00-10:30, Parken {price(rng, lang)} pro Tag.",
             "fr": f"Arrivée dès le {c.arrival}, départ le {c.departure}. Petit-déjeuner 7h00-10h30, parking {price(rng, lang)} par jour.",
             "it": f"Arrivo dal {c.arrival}, partenza {c.departure}. Colazione 7:00-10:30, parcheggio {price(rng, lang)} al giorno.",
             "es": f"Entrada desde el {c.arrival}, salida el {c.departure}. Desayuno 7:00-10:30, parking {price(rng, lang)} al día."}[lang])
        d.t(f" {c.hotel}, {rng.randint(1, 120)} {c.fake.street_name()}, {c.fake.postcode()} {c.fake.city()}.")
    elif r < 0.65:
        rooms = [{"roomNumber": room(rng), "floor": rng.randint(1, 9), "type": rng.choice(["DBL", "SGL", "SUI"]), "rate": {"code": "BAR-FLEX", "amount": round(rng.uniform(80, 900), 2), "currency": "EUR"},
                  "available": [ordinary_date(rng, lang)[1] for _ in range(3)], "id": str(uuid.UUID(int=rng.getrandbits(128)))} for _ in range(rng.randint(2, 5))]
        d.extend(json_doc({"propertyId": "BER", "generated": "2026-11-26T10:00:00Z", "rooms": rooms, "total": rng.randint(1000, 99999), "version": "1.13.2"}, rng.choice([0, 2])))
    else:
        for _ in range(rng.randint(3, 8)):
            ts = f"2026-11-26T1{rng.randint(0, 9)}:{rng.randint(0, 59):02d}:{rng.randint(0, 59):02d}.{rng.randint(0, 999):03d}Z"
            d.t(ts + " " + rng.choice([
                f"INFO pms_http::client: pms call finished vendor=apaleo latency_ms={rng.randint(5, 900)} reservation_id={booking_code(rng)}",
                f"DEBUG gateway: listening on 127.0.0.1:{rng.randint(1024, 65000)}",
                f"INFO calls: call ended call_id={uuid.UUID(int=rng.getrandbits(128))} duration_s={rng.randint(10, 900)} turns={rng.randint(2, 40)}",
                f"WARN credentials::token: access token refresh failed backoff_ms={rng.randint(100, 30000)} generation={rng.randint(1, 99)}",
                f"INFO billing: invoice {invoice(rng)} total={rng.randint(100, 99999) / 100:.2f} EUR room={room(rng)}",
                f"DEBUG redis: rate limit window=60s used={rng.randint(0, 600)} of 600 key=apaleo:{rng.getrandbits(64):016x}",
                f"INFO build: version=1.{rng.randint(0, 30)}.{rng.randint(0, 9)} commit={rng.getrandbits(160):040x}",
            ]) + "\n")
    return d


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=1500)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    fakers = {}
    for i, lang in enumerate(LANGS):
        f = Faker(LOCALE[lang])
        f.seed_instance(args.seed * 100 + i)
        fakers[lang] = f
    kinds = [("email", email_doc, 20), ("email", hotel_reply_doc, 10), ("payload", payload_doc, 25), ("transcript", transcript_doc, 25), ("log", log_doc, 12), ("negative", negative_doc, 8)]
    weighted = [k for k in kinds for _ in range(k[2])]
    out = sys.stdout
    for i in range(args.n):
        lang = LANGS[i % len(LANGS)]
        kind, builder, _ = rng.choice(weighted)
        c = Ctx(rng, fakers[lang], lang)
        text, spans = builder(c).build()
        # What the system would know about this document's guest from the booking (for the
        # known-value run of pii_eval); other people in the document are not known.
        known = {"PERSON": [c.name], "EMAIL": [c.email], "PHONE": [c.phone]}
        out.write(json.dumps({"id": i, "kind": kind, "lang": lang, "text": text, "spans": spans, "known": known}, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
