#!/usr/bin/env python3
"""Builds bench/pii/calls2/set.jsonl: labelled speech-recognition call transcripts (7 languages).

    python3 bench/pii/calls2/build.py > bench/pii/calls2/set.jsonl

Stdlib only, seeded, deterministic. Five "authors" (personas) with their own phrasing pools per
language; values (names, phones, e-mails, dates of birth, document / card / IBAN numbers, IPs) are
generated and rendered the way a recogniser would write them down. Every span is checked at the
end (text[start:end] == value, no overlaps, Luhn / IBAN checksums on digit forms).
"""
import json
import random
import re
import sys
import unicodedata

SEED = 4242
LANGS = ["en", "de", "fr", "it", "es", "nl", "pl"]
PER_LANG = 60
NEG_PER_LANG = 9
TYPES = {"EMAIL", "PHONE", "CREDIT_CARD", "IBAN", "IP_ADDRESS", "DATE_OF_BIRTH", "PASSPORT", "NATIONAL_ID", "PERSON"}


def strip_acc(s):
    s = s.replace("ß", "ss").replace("ł", "l").replace("Ł", "L").replace("ı", "i").replace("ø", "o")
    return "".join(c for c in unicodedata.normalize("NFD", s) if unicodedata.category(c) != "Mn")


# ---------------------------------------------------------------- numbers in words
EN1 = "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen".split()
EN10 = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()
DE1 = "null eins zwei drei vier fünf sechs sieben acht neun zehn elf zwölf dreizehn vierzehn fünfzehn sechzehn siebzehn achtzehn neunzehn".split()
DE10 = "_ _ zwanzig dreißig vierzig fünfzig sechzig siebzig achtzig neunzig".split()
FR1 = "zéro un deux trois quatre cinq six sept huit neuf dix onze douze treize quatorze quinze seize dix-sept dix-huit dix-neuf".split()
FR10 = "_ _ vingt trente quarante cinquante soixante".split()
IT1 = "zero uno due tre quattro cinque sei sette otto nove dieci undici dodici tredici quattordici quindici sedici diciassette diciotto diciannove".split()
IT10 = "_ _ venti trenta quaranta cinquanta sessanta settanta ottanta novanta".split()
ES1 = ("cero uno dos tres cuatro cinco seis siete ocho nueve diez once doce trece catorce quince dieciséis diecisiete dieciocho "
       "diecinueve veinte veintiuno veintidós veintitrés veinticuatro veinticinco veintiséis veintisiete veintiocho veintinueve").split()
ES10 = "_ _ _ treinta cuarenta cincuenta sesenta setenta ochenta noventa".split()
NL1 = "nul een twee drie vier vijf zes zeven acht negen tien elf twaalf dertien veertien vijftien zestien zeventien achttien negentien".split()
NL10 = "_ _ twintig dertig veertig vijftig zestig zeventig tachtig negentig".split()
PL1 = ("zero jeden dwa trzy cztery pięć sześć siedem osiem dziewięć dziesięć jedenaście dwanaście trzynaście czternaście "
       "piętnaście szesnaście siedemnaście osiemnaście dziewiętnaście").split()
PL10 = "_ _ dwadzieścia trzydzieści czterdzieści pięćdziesiąt sześćdziesiąt siedemdziesiąt osiemdziesiąt dziewięćdziesiąt".split()


def num_words(lang, n):
    t, u = divmod(n, 10)
    if lang == "en":
        return EN1[n] if n < 20 else EN10[t] + ("" if u == 0 else " " + EN1[u])
    if lang == "de":
        if n < 20:
            return DE1[n]
        return DE10[t] if u == 0 else ("ein" if u == 1 else DE1[u]) + "und" + DE10[t]
    if lang == "fr":
        if n < 20:
            return FR1[n]
        if t < 7:
            return FR10[t] if u == 0 else FR10[t] + ("-et-un" if u == 1 else "-" + FR1[u])
        if t == 7:
            return "soixante-et-onze" if u == 1 else "soixante-" + FR1[10 + u]
        if t == 8:
            return "quatre-vingts" if u == 0 else "quatre-vingt-" + FR1[u]
        return "quatre-vingt-" + FR1[10 + u]
    if lang == "it":
        if n < 20:
            return IT1[n]
        w = IT10[t]
        if u == 0:
            return w
        if u in (1, 8):
            w = w[:-1]
        return w + ("tré" if u == 3 else IT1[u])
    if lang == "es":
        return ES1[n] if n < 30 else ES10[t] + ("" if u == 0 else " y " + ES1[u])
    if lang == "nl":
        if n < 20:
            return NL1[n]
        if u == 0:
            return NL10[t]
        w = NL1[u]
        return w + ("ën" if w.endswith("e") else "en") + NL10[t]
    if lang == "pl":
        return PL1[n] if n < 20 else PL10[t] + ("" if u == 0 else " " + PL1[u])
    raise ValueError(lang)


def digit_word(lang, d, rng):
    if lang == "en" and d == "0" and rng.random() < 0.5:
        return "oh"
    if lang == "de" and d == "2" and rng.random() < 0.4:
        return "zwo"
    return num_words(lang, int(d))


def digits_as_words(lang, s, rng, doubles=True):
    out, i = [], 0
    while i < len(s):
        if lang == "en" and doubles and i + 1 < len(s) and s[i] == s[i + 1] and rng.random() < 0.6:
            if i + 2 < len(s) and s[i + 2] == s[i]:
                out.append("triple " + digit_word(lang, s[i], rng))
                i += 3
                continue
            out.append("double " + digit_word(lang, s[i], rng))
            i += 2
            continue
        out.append(digit_word(lang, s[i], rng))
        i += 1
    return " ".join(out)


def pairs_as_words(lang, s, rng):
    out = []
    i = 0
    while s[i:i + 1] == "0":
        out.append(digit_word(lang, "0", rng))
        i += 1
    rest = s[i:]
    if len(rest) % 2:
        out.append(digit_word(lang, rest[0], rng))
        rest = rest[1:]
    for j in range(0, len(rest), 2):
        p = rest[j:j + 2]
        out.append(" ".join(digit_word(lang, c, rng) for c in p) if p[0] == "0" else num_words(lang, int(p)))
    return " ".join(out)


def group(s, sizes):
    out, i = [], 0
    for k in sizes:
        if i >= len(s):
            break
        out.append(s[i:i + k])
        i += k
    if i < len(s):
        out.append(s[i:])
    return out


# ---------------------------------------------------------------- phones
CC = {"en": "44", "de": "49", "fr": "33", "it": "39", "es": "34", "nl": "31", "pl": "48"}
PLUS = {"en": ["plus", "double oh"], "de": ["plus", "null null"], "fr": ["plus", "zéro zéro"], "it": ["più", "zero zero"],
        "es": ["más", "cero cero"], "nl": ["plus", "nul nul"], "pl": ["plus", "zero zero"]}


def rnd_digits(rng, n):
    return "".join(str(rng.randrange(10)) for _ in range(n))


def phone_national(lang, rng):
    if lang == "en":
        if rng.random() < 0.8:
            return "07" + rng.choice("345789") + rnd_digits(rng, 8), [5, 3, 3]
        return "020" + rnd_digits(rng, 8), [3, 4, 4]
    if lang == "de":
        if rng.random() < 0.7:
            return "01" + rng.choice(["51", "52", "57", "60", "62", "70", "71", "72", "76", "77", "79"]) + rnd_digits(rng, 8), [4, 4, 4]
        return rng.choice(["030", "040", "089", "0221", "069"]) + rnd_digits(rng, 7), [4, 3, 4]
    if lang == "fr":
        return "0" + rng.choice("1234567") + rnd_digits(rng, 8), [2, 2, 2, 2, 2]
    if lang == "it":
        if rng.random() < 0.75:
            return "3" + rng.choice(["20", "28", "33", "35", "38", "40", "47", "49", "66", "88"]) + rnd_digits(rng, 7), [3, 3, 4]
        return "0" + rng.choice(["2", "6", "55", "11", "81"]) + rnd_digits(rng, 7), [3, 4, 4]
    if lang == "es":
        return rng.choice("679") + rnd_digits(rng, 8), [3, 3, 3]
    if lang == "nl":
        if rng.random() < 0.75:
            return "06" + rnd_digits(rng, 8), [2, 4, 4]
        return rng.choice(["020", "010", "070", "030"]) + rnd_digits(rng, 7), [3, 3, 4]
    if lang == "pl":
        return rng.choice("5678") + rnd_digits(rng, 8), [3, 3, 3]


def render_phone(lang, rng, wordy):
    nat, sizes = phone_national(lang, rng)
    intl = rng.random() < 0.3
    parts = []
    body = nat[1:] if (intl and nat.startswith("0")) else nat
    if intl:
        m = rng.random()
        if m < 0.4:
            parts.append("+" + CC[lang])
        elif m < 0.7:
            parts.append(rng.choice(PLUS[lang]) + " " + digits_as_words(lang, CC[lang], rng, doubles=False))
        else:
            parts.append(rng.choice(PLUS[lang]) + " " + CC[lang])
        sizes = [sizes[0] - 1] + sizes[1:] if nat.startswith("0") else sizes
    groups = group(body, sizes)
    mode = rng.random()
    if mode < wordy:
        if lang in ("fr", "de", "nl", "it", "es") and rng.random() < 0.45:
            parts.append(" ".join(pairs_as_words(lang, g, rng) for g in groups))
        else:
            parts.append(digits_as_words(lang, body, rng))
    elif mode < wordy + (1 - wordy) * 0.5:
        sep = rng.choice([" ", " ", " ", "-", "/", ""]) if not intl else " "
        parts.append(sep.join(groups))
    else:  # mixed: some groups in digits, some in words
        out = []
        for g in groups:
            out.append(g if rng.random() < 0.5 else digits_as_words(lang, g, rng))
        parts.append(" ".join(out))
    return " ".join(parts)


# ---------------------------------------------------------------- e-mail
MAILWORDS = {
    "en": {".": ["dot"], "@": ["at"], "_": ["underscore"], "-": ["dash", "hyphen"]},
    "de": {".": ["punkt"], "@": ["at", "ät", "klammeraffe"], "_": ["unterstrich"], "-": ["bindestrich", "minus"]},
    "fr": {".": ["point"], "@": ["arobase", "at"], "_": ["tiret bas", "underscore"], "-": ["tiret"]},
    "it": {".": ["punto"], "@": ["chiocciola", "at"], "_": ["underscore", "trattino basso"], "-": ["trattino"]},
    "es": {".": ["punto"], "@": ["arroba"], "_": ["guion bajo"], "-": ["guion"]},
    "nl": {".": ["punt"], "@": ["apenstaartje", "at"], "_": ["underscore", "laag streepje"], "-": ["streepje"]},
    "pl": {".": ["kropka"], "@": ["małpa", "at"], "_": ["podkreślnik", "podłoga"], "-": ["myślnik", "minus"]},
}
PROVIDERS = {
    "en": ["gmail.com", "hotmail.co.uk", "outlook.com", "btinternet.com", "yahoo.co.uk", "icloud.com", "eircom.net"],
    "de": ["gmx.de", "web.de", "t-online.de", "gmail.com", "posteo.de", "gmx.at", "bluewin.ch"],
    "fr": ["orange.fr", "free.fr", "gmail.com", "laposte.net", "sfr.fr", "wanadoo.fr", "hotmail.fr"],
    "it": ["libero.it", "gmail.com", "virgilio.it", "alice.it", "tiscali.it", "hotmail.it"],
    "es": ["gmail.com", "hotmail.es", "telefonica.net", "yahoo.es", "outlook.es"],
    "nl": ["ziggo.nl", "gmail.com", "kpnmail.nl", "hotmail.com", "xs4all.nl", "telenet.be", "live.nl"],
    "pl": ["wp.pl", "onet.pl", "gmail.com", "o2.pl", "interia.pl", "op.pl"],
}
COMPANY = ["example-travel.com", "buro-meyer.de", "studio-rossi.it", "acme-consulting.eu", "bakkerbouw.nl", "tech-polska.pl", "dupont-associes.fr"]


def ascii_token(s):
    return re.sub(r"[^a-z0-9]", "", strip_acc(s.lower()))


def make_email(person, rng, lang):
    g = ascii_token(person["given"]) or "info"
    s = ascii_token(person["sur"].split()[-1]) or "mail"
    y = str(person["dob"][0])[2:]
    local = rng.choice([g + "." + s, g + s, g[0] + "." + s, g + "_" + s, s + "." + g, g + y, g + "." + s + y, s + "-" + g[0], g + s[:1] + str(rng.randrange(1, 99))])
    dom = rng.choice(PROVIDERS[lang] if rng.random() < 0.85 else COMPANY)
    return local + "@" + dom


def render_email(lang, addr, rng, wordy):
    if rng.random() > wordy:
        return addr
    w = MAILWORDS[lang]
    out = []
    for ch in re.split(r"([.@_-])", addr):
        if ch in w:
            if ch == "." and "@" in "".join(out) and rng.random() < 0.15:
                out.append(" ")  # recogniser dropped the dot in the domain
                continue
            out.append(" " + rng.choice(w[ch]) + " ")
        else:
            m = re.fullmatch(r"([a-z]+)(\d+)", ch)
            if m and rng.random() < 0.5:
                out.append(m.group(1) + " " + " ".join(digit_word(lang, d, rng) for d in m.group(2)))
            else:
                out.append(ch)
    return re.sub(r" +", " ", "".join(out)).strip()


# ---------------------------------------------------------------- dates
MONTHS = {
    "en": "january february march april may june july august september october november december".split(),
    "de": "januar februar märz april mai juni juli august september oktober november dezember".split(),
    "fr": "janvier février mars avril mai juin juillet août septembre octobre novembre décembre".split(),
    "it": "gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre dicembre".split(),
    "es": "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre".split(),
    "nl": "januari februari maart april mei juni juli augustus september oktober november december".split(),
    "pl": "stycznia lutego marca kwietnia maja czerwca lipca sierpnia września października listopada grudnia".split(),
}
EN_ORD = ("first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth fourteenth fifteenth "
          "sixteenth seventeenth eighteenth nineteenth twentieth").split()
PL_ORD_G = ("pierwszego drugiego trzeciego czwartego piątego szóstego siódmego ósmego dziewiątego dziesiątego jedenastego "
            "dwunastego trzynastego czternastego piętnastego szesnastego siedemnastego osiemnastego dziewiętnastego").split()
PL_TENS_G = {2: "dwudziestego", 3: "trzydziestego", 4: "czterdziestego", 5: "pięćdziesiątego", 6: "sześćdziesiątego",
             7: "siedemdziesiątego", 8: "osiemdziesiątego", 9: "dziewięćdziesiątego"}


def en_ord(d):
    if d <= 20:
        return EN_ORD[d - 1]
    t, u = divmod(d, 10)
    if u == 0:
        return "thirtieth"
    return EN10[t] + " " + EN_ORD[u - 1]


def de_ord(d, case="er"):
    irregular = {1: "ers", 3: "drit", 7: "sieb", 8: "ach"}
    stem = irregular.get(d, DE1[d] if d < 20 else num_words("de", d) + "s")
    return stem + "t" + case


def pl_ord_g(n):  # 1..99 genitive ordinal
    if n < 20:
        return PL_ORD_G[n - 1]
    t, u = divmod(n, 10)
    return PL_TENS_G[t] + ("" if u == 0 else " " + PL_ORD_G[u - 1])


def year_words(lang, y, rng, short=False):
    c, r = divmod(y, 100)
    if lang == "en":
        if y >= 2000:
            return "two thousand" + ("" if r == 0 else (" and " if rng.random() < 0.5 else " ") + num_words("en", r))
        tail = num_words("en", r) if r >= 10 else "oh " + EN1[r]
        return tail if short else "nineteen " + tail
    if lang == "de":
        if y >= 2000:
            return "zweitausend" + ("" if r == 0 else num_words("de", r))
        return num_words("de", r) if short else "neunzehnhundert" + ("" if r == 0 else num_words("de", r))
    if lang == "fr":
        if y >= 2000:
            return "deux mille" + ("" if r == 0 else " " + num_words("fr", r))
        return num_words("fr", r) if short else "mille neuf cent " + num_words("fr", r)
    if lang == "it":
        if y >= 2000:
            return "duemila" + ("" if r == 0 else num_words("it", r))
        w = num_words("it", r)
        if short:
            return w
        return ("millenovecent" if w[0] in "ou" else "millenovecento") + w
    if lang == "es":
        if y >= 2000:
            return "dos mil" + ("" if r == 0 else " " + num_words("es", r))
        return num_words("es", r) if short else "mil novecientos " + num_words("es", r)
    if lang == "nl":
        if y >= 2000:
            return "tweeduizend" + ("" if r == 0 else " " + num_words("nl", r))
        return num_words("nl", r) if short else "negentien" + rng.choice(["", " "]) + num_words("nl", r)
    if lang == "pl":
        if y >= 2000:
            return "dwutysięcznego" if r == 0 else "dwa tysiące " + pl_ord_g(r)
        return pl_ord_g(r) if short else "tysiąc dziewięćset " + pl_ord_g(r)


def render_date(lang, date, rng, wordy):
    y, m, d = date
    mon = MONTHS[lang][m - 1]
    words = rng.random() < wordy
    k = rng.random()
    if not words:
        if k < 0.35:
            sep = {"en": "/", "de": ".", "fr": "/", "it": "/", "es": "/", "nl": "-", "pl": "."}[lang]
            sep = rng.choice([sep, sep, " ", "."])
            return f"{d:02d}{sep}{m:02d}{sep}{y if rng.random() < 0.75 else str(y)[2:]}"
        if lang == "en":
            return rng.choice([f"{d} {mon} {y}", f"{mon} {d} {y}", f"{d}th of {mon} {y}" if d not in (1, 2, 3, 21, 22, 23, 31) else f"{d} {mon} {y}"])
        if lang == "de":
            return rng.choice([f"{d}. {mon} {y}", f"{d} {mon} {y}", f"{d}.{m}.{y}"])
        if lang == "es":
            return rng.choice([f"{d} de {mon} de {y}", f"{d} de {mon} del {str(y)[2:]}", f"{d} {mon} {y}"])
        if lang == "pl":
            return rng.choice([f"{d} {mon} {y}", f"{d} {mon} {y} roku", f"{d}.{m:02d}.{y}"])
        return rng.choice([f"{d} {mon} {y}", f"{d} {mon} {str(y)[2:]}" if lang == "nl" else f"{d} {mon} {y}"])
    short = rng.random() < 0.35
    yw = year_words(lang, y, rng, short)
    if lang == "en":
        return rng.choice([f"{en_ord(d)} of {mon} {yw}", f"{mon} the {en_ord(d)} {yw}", f"{en_ord(d)} {mon} {yw}",
                           f"{num_words('en', d)} {num_words('en', m)} {year_words('en', y, rng, True)}"])
    if lang == "de":
        return rng.choice([f"{de_ord(d, 'en')} {mon} {yw}", f"{de_ord(d, 'er')} {mon} {yw}", f"{de_ord(d, 'en')} {de_ord(m, 'en')} {yw}",
                           f"{num_words('de', d)} {num_words('de', m)} {year_words('de', y, rng, True)}"])
    if lang == "fr":
        dd = "premier" if d == 1 else num_words("fr", d)
        return rng.choice([f"{dd} {mon} {yw}", f"{dd} {mon} {yw}", f"{num_words('fr', d)} {num_words('fr', m)} {year_words('fr', y, rng, True)}"])
    if lang == "it":
        dd = "primo" if d == 1 else num_words("it", d)
        return rng.choice([f"{dd} {mon} {yw}", f"{dd} {mon} del {year_words('it', y, rng, True)}" if y < 2000 else f"{dd} {mon} {yw}",
                           f"{num_words('it', d)} {num_words('it', m)} {year_words('it', y, rng, True)}"])
    if lang == "es":
        return rng.choice([f"{num_words('es', d)} de {mon} de {yw}", f"{num_words('es', d)} de {mon} del {year_words('es', y, rng, True)}" if y < 2000 else f"{num_words('es', d)} de {mon} de {yw}",
                           f"{num_words('es', d)} del {num_words('es', m)} del {year_words('es', y, rng, True)}"])
    if lang == "nl":
        return rng.choice([f"{num_words('nl', d)} {mon} {yw}", f"{num_words('nl', d)} {mon} {yw}", f"{num_words('nl', d)} {num_words('nl', m)} {year_words('nl', y, rng, True)}"])
    if lang == "pl":
        return rng.choice([f"{pl_ord_g(d)} {mon} {year_words('pl', y, rng)}", f"{pl_ord_g(d)} {mon} {year_words('pl', y, rng)} roku",
                           f"{pl_ord_g(d)} {pl_ord_g(m)} {year_words('pl', y, rng, True)}"])


def rnd_dob(rng):
    return (rng.randint(1941, 2005), rng.randint(1, 12), rng.randint(1, 28))


def render_stay(lang, rng):
    m = rng.randint(1, 12)
    d1 = rng.randint(1, 24)
    d2 = d1 + rng.randint(2, 4)
    mon = MONTHS[lang][m - 1]
    w = rng.random() < 0.5
    if lang == "en":
        a, b = (en_ord(d1), en_ord(d2)) if w else (f"{d1}th", f"{d2}th")
        return rng.choice([f"the {a} to the {b} of {mon}", f"{mon} {a} till the {b}", f"{a} through {b} {mon}"])
    if lang == "de":
        a, b = (de_ord(d1, "en"), de_ord(d2, "en")) if w else (f"{d1}.", f"{d2}.")
        return rng.choice([f"vom {a} bis zum {b} {mon}", f"{a} bis {b} {mon}"])
    if lang == "fr":
        a, b = (num_words("fr", d1), num_words("fr", d2)) if w else (str(d1), str(d2))
        return rng.choice([f"du {a} au {b} {mon}", f"le {a} {mon} pour {num_words('fr', d2 - d1)} nuits"])
    if lang == "it":
        a, b = (num_words("it", d1), num_words("it", d2)) if w else (str(d1), str(d2))
        return rng.choice([f"dal {a} al {b} {mon}", f"dal {a} {mon} per {num_words('it', d2 - d1)} notti"])
    if lang == "es":
        a, b = (num_words("es", d1), num_words("es", d2)) if w else (str(d1), str(d2))
        return rng.choice([f"del {a} al {b} de {mon}", f"el {a} de {mon} {num_words('es', d2 - d1)} noches"])
    if lang == "nl":
        a, b = (num_words("nl", d1), num_words("nl", d2)) if w else (str(d1), str(d2))
        return rng.choice([f"van {a} tot {b} {mon}", f"{a} {mon} voor {num_words('nl', d2 - d1)} nachten"])
    if lang == "pl":
        a, b = (pl_ord_g(d1), pl_ord_g(d2)) if w else (str(d1), str(d2))
        return rng.choice([f"od {a} do {b} {mon}", f"{a} {mon} na {num_words('pl', d2 - d1)} noce"])


# ---------------------------------------------------------------- documents, cards, IBANs, IPs
UP = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def rl(rng, n, alphabet=UP):
    return "".join(rng.choice(alphabet) for _ in range(n))


def dni_letter(n):
    return "TRWAGMYFPDXBNJZSQVHLCKE"[n % 23]


def bsn(rng):
    while True:
        d = [rng.randrange(10) for _ in range(8)]
        if d[0] == 0:
            continue
        s = sum(w * x for w, x in zip(range(9, 1, -1), d))
        last = s % 11
        if last < 10:
            return "".join(map(str, d)) + str(last)


def pesel(rng, dob):
    y, m, d = dob
    mm = m + (20 if y >= 2000 else 0)
    base = f"{y % 100:02d}{mm:02d}{d:02d}" + rnd_digits(rng, 4)
    w = [1, 3, 7, 9, 1, 3, 7, 9, 1, 3]
    c = (10 - sum(int(a) * b for a, b in zip(base, w)) % 10) % 10
    return base + str(c)


def make_doc(lang, kind, rng, person):
    """kind: 'pass' or 'nid'. Returns (value as written, label type, local name of the document)."""
    if kind == "pass":
        v = {"en": lambda: rnd_digits(rng, 9), "de": lambda: "C" + rl(rng, 8, "CFGHJKLMNPRTVWXYZ0123456789"),
             "fr": lambda: rnd_digits(rng, 2) + rl(rng, 2) + rnd_digits(rng, 5), "it": lambda: rl(rng, 2) + rnd_digits(rng, 7),
             "es": lambda: rl(rng, 3) + rnd_digits(rng, 6), "nl": lambda: rl(rng, 2, "BCDFHJKLMNPRSTVWXYZ") + rl(rng, 6, "BCDFHJKLMNPRSTVWXYZ0123456789") + rnd_digits(rng, 1),
             "pl": lambda: rl(rng, 2) + rnd_digits(rng, 7)}[lang]()
        return v, "PASSPORT"
    if lang == "en":
        return rng.choice("ABCEGHJKLMNOPRSTWXYZ") + rng.choice("ABCEGHJKLMNPRSTWXYZ") + rnd_digits(rng, 6) + rng.choice("ABCD"), "NATIONAL_ID"
    if lang == "de":
        return rng.choice("LMNPRTVWXYZ") + rl(rng, 8, "CFGHJKLMNPRTVWXYZ0123456789"), "NATIONAL_ID"
    if lang == "fr":
        return (rnd_digits(rng, 12) if rng.random() < 0.4 else rl(rng, 1, "ABCDEFGHJKLMNPRSTUVWXYZ") + rl(rng, 8, "ABCDEFGHJKLMNPRSTUVWXYZ0123456789")), "NATIONAL_ID"
    if lang == "it":
        if rng.random() < 0.5:
            return "C" + rl(rng, 1) + rnd_digits(rng, 5) + rl(rng, 2), "NATIONAL_ID"
        return rl(rng, 6, "BCDFGLMNPRSTVZ") + rnd_digits(rng, 2) + rng.choice("ABCDEHLMPRST") + rnd_digits(rng, 2) + rng.choice("ABCDEFGHLM") + rnd_digits(rng, 3) + rl(rng, 1), "NATIONAL_ID"
    if lang == "es":
        if rng.random() < 0.6:
            n = rng.randrange(10_000_000, 99_999_999)
            return f"{n}{dni_letter(n)}", "NATIONAL_ID"
        p = rng.randrange(3)
        n = rng.randrange(1_000_000, 9_999_999)
        return f"{'XYZ'[p]}{n}{dni_letter(int(str(p) + str(n)))}", "NATIONAL_ID"
    if lang == "nl":
        return bsn(rng), "NATIONAL_ID"
    if lang == "pl":
        if rng.random() < 0.5:
            return pesel(rng, person["dob"]), "NATIONAL_ID"
        return rl(rng, 3) + rnd_digits(rng, 6), "NATIONAL_ID"


NATO = {"A": "alpha", "B": "bravo", "C": "charlie", "D": "delta", "E": "echo", "F": "foxtrot", "G": "golf", "H": "hotel", "J": "juliet",
        "K": "kilo", "L": "lima", "M": "mike", "N": "november", "P": "papa", "R": "romeo", "S": "sierra", "T": "tango", "V": "victor",
        "W": "whiskey", "X": "x-ray", "Y": "yankee", "Z": "zulu", "O": "oscar", "Q": "quebec", "U": "uniform", "I": "india"}
DE_SPELL = {"A": "anton", "B": "berta", "C": "cäsar", "D": "dora", "F": "friedrich", "G": "gustav", "H": "heinrich", "K": "kaufmann",
            "L": "ludwig", "M": "martha", "N": "nordpol", "P": "paula", "R": "richard", "S": "samuel", "T": "theodor", "V": "viktor",
            "W": "wilhelm", "X": "xanthippe", "Y": "ypsilon", "Z": "zacharias", "J": "julius", "E": "emil"}
ASIN = {"en": "as in", "de": "wie", "fr": "comme", "it": "come", "es": "de", "nl": "van", "pl": "jak"}


def render_code(lang, v, rng, wordy):
    """A document / card / account number read out."""
    k = rng.random()
    if k < (1 - wordy) * 0.5:
        return v if rng.random() < 0.5 else v.lower()
    if k < (1 - wordy):  # characters separated, maybe grouped
        if rng.random() < 0.5:
            return " ".join(v.lower())
        return " ".join(group(v.lower(), [3, 3, 3, 3, 3, 3]))
    out = []
    for ch in v:
        if ch.isdigit():
            out.append(digit_word(lang, ch, rng))
        elif lang == "en" and ch in NATO and rng.random() < 0.3:
            out.append(f"{ch.lower()} for {NATO[ch]}")
        elif lang == "de" and ch in DE_SPELL and rng.random() < 0.3:
            out.append(f"{ch.lower()} wie {DE_SPELL[ch]}")
        else:
            out.append(ch.lower())
    return " ".join(out)


def luhn_ok(s):
    ds = [int(c) for c in s][::-1]
    tot = 0
    for i, d in enumerate(ds):
        if i % 2:
            d *= 2
            if d > 9:
                d -= 9
        tot += d
    return tot % 10 == 0


def make_card(rng):
    kind = rng.random()
    if kind < 0.5:
        body, n = "4" + rnd_digits(rng, 14), 16
    elif kind < 0.85:
        body, n = rng.choice(["51", "52", "53", "54", "55", "2221", "2720"]) , 16
        body += rnd_digits(rng, n - 1 - len(body))
    else:
        body, n = rng.choice(["34", "37"]) + rnd_digits(rng, 12), 15
    for c in "0123456789":
        if luhn_ok(body + c):
            return body + c


def render_card(lang, v, rng, wordy):
    sizes = [4, 6, 5] if len(v) == 15 else [4, 4, 4, 4]
    gs = group(v, sizes)
    k = rng.random()
    if k < (1 - wordy) * 0.6:
        return rng.choice([" ", " ", "-", " "]).join(gs) if rng.random() < 0.85 else v
    if k < (1 - wordy):
        return " ".join(g if rng.random() < 0.5 else digits_as_words(lang, g, rng) for g in gs)
    if rng.random() < 0.3 and lang in ("fr", "de", "nl", "it", "es"):
        return " ".join(pairs_as_words(lang, g, rng) for g in gs)
    return " ".join(digits_as_words(lang, g, rng) for g in gs)


IBAN_SHAPE = {"en": ("GB", lambda r: rl(r, 4) + rnd_digits(r, 14)), "de": ("DE", lambda r: rnd_digits(r, 18)),
              "fr": ("FR", lambda r: rnd_digits(r, 23)), "it": ("IT", lambda r: rl(r, 1) + rnd_digits(r, 22)),
              "es": ("ES", lambda r: rnd_digits(r, 20)), "nl": ("NL", lambda r: rl(r, 4) + rnd_digits(r, 10)),
              "pl": ("PL", lambda r: rnd_digits(r, 24))}


def iban_num(s):
    return int("".join(str(int(c, 36)) for c in s))


def make_iban(lang, rng):
    cc, f = IBAN_SHAPE[lang]
    bban = f(rng)
    chk = 98 - iban_num(bban + cc + "00") % 97
    iban = f"{cc}{chk:02d}{bban}"
    assert iban_num(iban[4:] + iban[:4]) % 97 == 1
    return iban


def render_iban(lang, v, rng, wordy):
    gs = group(v, [4] * 9)
    if rng.random() > wordy:
        return " ".join(gs) if rng.random() < 0.7 else v
    out = [" ".join(gs[0][:2].lower()), digits_as_words(lang, gs[0][2:], rng, doubles=False)]
    for g in gs[1:]:
        out.append(g.lower() if rng.random() < 0.4 else render_code(lang, g, rng, 1.0))
    return " ".join(out)


def make_ip(rng):
    while True:
        a = rng.choice([31, 37, 46, 62, 77, 78, 80, 81, 84, 85, 87, 88, 91, 93, 94, 95, 109, 145, 176, 178, 185, 188, 193, 195, 212, 213, 217])
        v = f"{a}.{rng.randrange(256)}.{rng.randrange(256)}.{rng.randrange(1, 255)}"
        return v


def render_ip(lang, v, rng, wordy):
    if rng.random() > wordy:
        return v
    dot = MAILWORDS[lang]["."][0]
    return f" {dot} ".join(num_words(lang, int(p)) if int(p) < 100 and rng.random() < 0.5 else " ".join(digit_word(lang, c, rng) for c in p) for p in v.split("."))


# ---------------------------------------------------------------- names (hand-written pools)
def _g(s):  # "name:f name:m ..." -> [(name, gender)]
    return [tuple(x.split(":")) for x in s.split()]


GIVEN = {
    "en": _g("oliver:m george:m harry:m jack:m noah:m charlie:m james:m thomas:m amelia:f olivia:f isla:f ava:f emily:f sophie:f "
             "grace:f chloe:f siobhan:f niamh:f ciarán:m aoife:f liam:m jo:f bex:f ellie:f freddie:m rhys:m callum:m megan:f "
             "dave:m kirsty:f gareth:m bronwen:f seamus:m"),
    "de": _g("lukas:m leon:m finn:m jonas:m maximilian:m felix:m paul:m elias:m jürgen:m uwe:m matthias:m klaus:m sophie:f "
             "marie:f hannah:f emma:f lena:f mia:f lea:f anna:f ursula:f sabine:f jörg:m björn:m steffi:f kathrin:f günther:m "
             "hans-peter:m anna-lena:f sepp:m resi:f ueli:m"),
    "fr": _g("gabriel:m léo:m raphaël:m arthur:m louis:m jules:m hugo:m lucas:m jade:f louise:f emma:f alice:f chloé:f inès:f "
             "léa:f manon:f camille:f élodie:f françois:m hélène:f sébastien:m thibault:m marie-claire:f jean-baptiste:m anaïs:f "
             "gaëlle:f loïc:m mathis:m"),
    "it": _g("leonardo:m francesco:m alessandro:m lorenzo:m mattia:m andrea:m gabriele:m riccardo:m giuseppe:m beppe:m sofia:f "
             "giulia:f aurora:f alice:f ginevra:f giorgia:f martina:f chiara:f francesca:f federica:f niccolò:m gianluca:m "
             "pierpaolo:m annamaria:f carmela:f salvatore:m totò:m concetta:f"),
    "es": _g("hugo:m martín:m lucas:m mateo:m leo:m daniel:m alejandro:m pablo:m manuel:m francisco:m paco:m lucía:f sofía:f "
             "martina:f maría:f julia:f paula:f valeria:f daniela:f carmen:f josé-luis:m maría-josé:f íñigo:m begoña:f nerea:f "
             "jordi:m montse:f ainhoa:f pilar:f xabier:m"),
    "nl": _g("noah:m sem:m liam:m lucas:m daan:m finn:m levi:m luuk:m bram:m thijs:m jeroen:m pieter:m emma:f julia:f mila:f "
             "tess:f sophie:f zoë:f sara:f nora:f yara:f anouk:f sanne:f femke:f lieke:f joost:m wouter:m maarten:m geert:m "
             "jan-willem:m marieke:f kees:m"),
}
SUR = {
    "en": ("smith jones taylor brown williams wilson evans thomas johnson roberts walker wright o'brien murphy mcdonald macleod "
           "fitzgerald hughes price davies clarke hall-jones ashworth-smythe campbell kelly o'sullivan lloyd morgan").split(),
    "de": ("müller schmidt schneider fischer weber meyer wagner becker schulz hoffmann schäfer koch bauer richter klein wolf "
           "schröder neumann schwarz zimmermann braun krüger hartmann lange werner huber gruber steiner brunner "
           "von_der_heyde müller-lüdenscheidt graf_von_bergen").split(),
    "fr": ("martin bernard dubois thomas robert richard petit durand leroy moreau simon laurent lefebvre michel garcia david "
           "bertrand roux vincent fournier girard bonnet dupont lambert fontaine de_la_fontaine le_goff lemaire dos_santos "
           "mercier-blanc").split(),
    "it": ("rossi russo ferrari esposito bianchi romano colombo ricci marino greco bruno gallo conti de_luca mancini costa "
           "giordano rizzo lombardi moretti barbieri fontana santoro d'angelo di_stefano lo_bianco la_rosa dell'acqua").split(),
    "es": ("garcía rodríguez gonzález fernández lópez martínez sánchez pérez gómez martín jiménez ruiz hernández díaz moreno "
           "muñoz álvarez romero alonso gutiérrez navarro torres domínguez vázquez ramos gil serrano de_la_cruz etxeberria puig").split(),
    "nl": ("de_jong jansen de_vries van_den_berg van_dijk bakker janssen visser smit meijer de_boer mulder de_groot bos vos "
           "peters hendriks van_leeuwen dekker brouwer de_wit dijkstra smits de_graaf van_der_meer van_der_linden kok jacobs "
           "vermeulen peeters maes claes").split(),
}
# Polish: (nominative, genitive, instrumental, vocative)
PL_GIVEN = {
    "f": [("anna", "anny", "anną", "aniu"), ("kasia", "kasi", "kasią", "kasiu"), ("katarzyna", "katarzyny", "katarzyną", "katarzyno"),
          ("małgorzata", "małgorzaty", "małgorzatą", "małgosiu"), ("agnieszka", "agnieszki", "agnieszką", "agnieszko"),
          ("magdalena", "magdaleny", "magdaleną", "magdo"), ("zofia", "zofii", "zofią", "zosiu"), ("julia", "julii", "julią", "julio"),
          ("maja", "mai", "mają", "maju"), ("ola", "oli", "olą", "olu"), ("ewa", "ewy", "ewą", "ewo"), ("joanna", "joanny", "joanną", "asiu"),
          ("oksana", "oksany", "oksaną", "oksano"), ("olena", "oleny", "oleną", "oleno"), ("barbara", "barbary", "barbarą", "basiu")],
    "m": [("piotr", "piotra", "piotrem", "piotrze"), ("krzysztof", "krzysztofa", "krzysztofem", "krzysiu"), ("andrzej", "andrzeja", "andrzejem", "andrzeju"),
          ("tomek", "tomka", "tomkiem", "tomku"), ("tomasz", "tomasza", "tomaszem", "tomaszu"), ("paweł", "pawła", "pawłem", "pawle"),
          ("michał", "michała", "michałem", "michale"), ("kuba", "kuby", "kubą", "kubo"), ("marcin", "marcina", "marcinem", "marcinie"),
          ("łukasz", "łukasza", "łukaszem", "łukaszu"), ("jan", "jana", "janem", "janie"), ("wojciech", "wojciecha", "wojciechem", "wojtku"),
          ("grzegorz", "grzegorza", "grzegorzem", "grzesiu"), ("dmytro", "dmytra", "dmytrem", "dmytro"), ("mehmet", "mehmeta", "mehmetem", "mehmecie")],
}
PL_SKI = "kowalski wiśniewski kamiński lewandowski zieliński szymański dąbrowski kozłowski jankowski kwiatkowski grabowski michalski nowicki zawadzki".split()
PL_OTHER = [("nowak", "nowaka", "nowakiem"), ("wójcik", "wójcika", "wójcikiem"), ("kowalczyk", "kowalczyka", "kowalczykiem"),
            ("woźniak", "woźniaka", "woźniakiem"), ("mazur", "mazura", "mazurem"), ("krawczyk", "krawczyka", "krawczykiem"),
            ("zając", "zająca", "zającem"), ("król", "króla", "królem"), ("wieczorek", "wieczorka", "wieczorkiem"),
            ("pawlak", "pawlaka", "pawlakiem"), ("dudek", "dudka", "dudkiem"), ("baran", "barana", "baranem"),
            ("szewczenko", "szewczenki", "szewczenką"), ("nguyen", "nguyena", "nguyenem")]
# people of immigrant backgrounds living anywhere in Europe: (full, given, surname, gender)
IMMIG = [
    ("mehmet yılmaz", "mehmet", "yılmaz", "m"), ("ayşe demir", "ayşe", "demir", "f"), ("emre kaya", "emre", "kaya", "m"),
    ("zeynep şahin", "zeynep", "şahin", "f"), ("elif öztürk", "elif", "öztürk", "f"), ("cem özdemir", "cem", "özdemir", "m"),
    ("mohammed al-amin", "mohammed", "al-amin", "m"), ("fatima el idrissi", "fatima", "el idrissi", "f"), ("youssef benali", "youssef", "benali", "m"),
    ("khadija haddad", "khadija", "haddad", "f"), ("omar el-masri", "omar", "el-masri", "m"), ("nour abdallah", "nour", "abdallah", "f"),
    ("oksana shevchenko", "oksana", "shevchenko", "f"), ("dmytro kovalenko", "dmytro", "kovalenko", "m"), ("olena bondarenko", "olena", "bondarenko", "f"),
    ("andriy melnyk", "andriy", "melnyk", "m"), ("iryna tkachenko", "iryna", "tkachenko", "f"),
    ("nguyen van an", "an", "nguyen", "m"), ("tran thi mai", "mai", "tran", "f"), ("le minh tuan", "tuan", "le", "m"), ("pham thu trang", "trang", "pham", "f"),
    ("priya sharma", "priya", "sharma", "f"), ("rahul verma", "rahul", "verma", "m"), ("anjali patel", "anjali", "patel", "f"),
    ("arjun reddy", "arjun", "reddy", "m"), ("lakshmi iyer", "lakshmi", "iyer", "f"),
    ("joão silva", "joão", "silva", "m"), ("ana santos", "ana", "santos", "f"), ("tiago ferreira", "tiago", "ferreira", "m"), ("inês oliveira", "inês", "oliveira", "f"),
    ("andrei popescu", "andrei", "popescu", "m"), ("ioana ionescu", "ioana", "ionescu", "f"), ("mihai popa", "mihai", "popa", "m"), ("elena dumitru", "elena", "dumitru", "f"),
    ("chinedu okafor", "chinedu", "okafor", "m"), ("ngozi adeyemi", "ngozi", "adeyemi", "f"), ("oluwaseun balogun", "oluwaseun", "balogun", "m"),
    ("adaeze nwosu", "adaeze", "nwosu", "f"), ("emeka eze", "emeka", "eze", "m"),
    ("wang wei", "wei", "wang", "m"), ("li na", "na", "li", "f"), ("zhang lei", "lei", "zhang", "m"), ("chen jing", "jing", "chen", "f"), ("huang xiaoming", "xiaoming", "huang", "m"),
    ("abdi hassan", "abdi", "hassan", "m"), ("hodan warsame", "hodan", "warsame", "f"), ("kishan ramdin", "kishan", "ramdin", "m"),
    ("agnieszka kowalczyk", "agnieszka", "kowalczyk", "f"), ("giorgos papadopoulos", "giorgos", "papadopoulos", "m"),
]
AGENTS = {"en": ["sarah", "tom", "priya", "liam", "chloe", "dev"], "de": ["jana", "markus", "deniz", "sabine", "timo"],
          "fr": ["camille", "julien", "yasmine", "nathalie", "karim"], "it": ["giulia", "marco", "sara", "davide", "ilaria"],
          "es": ["lucía", "javier", "nuria", "carlos", "fátima"], "nl": ["sanne", "jeroen", "fatima", "bas", "ilse"],
          "pl": ["agnieszka", "tomasz", "ola", "marek", "natalia"]}
# what a recogniser makes of some names (still clearly the name, labelled as said)
MISHEAR = {
    "en": {"siobhan": "shivawn", "niamh": "neeve", "aoife": "eefa", "rhys": "reece", "o'brien": "oh brien", "mcdonald": "mac donald",
           "macleod": "mac cloud", "hughes": "hughs", "nguyen": "new yen", "xiaoming": "shao ming", "oluwaseun": "olu shay un", "bex": "becks"},
    "de": {"jörg": "york", "schmidt": "schmitt", "meyer": "maier", "müller-lüdenscheidt": "müller lüdenscheid", "özdemir": "ötzdemir",
           "von der heyde": "vonder heide", "björn": "börn", "shevchenko": "schewtschenko"},
    "fr": {"lefebvre": "le fèvre", "thibault": "tibo", "le goff": "legoff", "de la fontaine": "delafontaine", "gaëlle": "gaël",
           "loïc": "lo ic", "el idrissi": "elidrissi", "dos santos": "dossantos"},
    "it": {"gianluca": "gian luca", "d'angelo": "d angelo", "niccolò": "nicolo", "dell'acqua": "della acqua", "pierpaolo": "pier paolo",
           "lo bianco": "lobianco", "la rosa": "larosa", "totò": "toto"},
    "es": {"íñigo": "iñigo", "etxeberria": "echeberría", "jordi": "yordi", "xabier": "javier", "de la cruz": "dela cruz", "begoña": "begonia"},
    "nl": {"van den berg": "van denberg", "thijs": "tijs", "van der meer": "vandermeer", "dijkstra": "dykstra", "joost": "joest",
           "van leeuwen": "van leuven", "geert": "gert", "de jong": "dejong"},
    "pl": {"szymański": "szymanski", "grzegorz": "grzegosz", "łukasz": "lukasz", "woźniak": "wozniak", "wojciech": "wojciek",
           "dąbrowski": "dombrowski", "kozłowski": "koslowski"},
}


def pl_sur_forms(s, gender):
    if s.endswith("ki"):
        if gender == "m":
            return (s, s[:-1] + "iego", s[:-1] + "im")
        f = s[:-1] + "a"
        return (f, s[:-1] + "iej", s[:-1] + "ą")
    for n, g, i in PL_OTHER:
        if n == s:
            if gender == "m" or n in ("szewczenko",):
                return (n, g, i)
            return (n, n, n)
    return (s, s, s)


def make_person(lang, rng, mangle_p):
    """A person with name forms; mangled the way a recogniser might write it."""
    gender = rng.choice("fm")
    if lang == "pl":
        if rng.random() < 0.15:
            full, given, sur, gender = rng.choice(IMMIG)
            p = {"given": given, "sur": sur, "gender": gender, "full": full, "pl": None}
        else:
            gf = rng.choice(PL_GIVEN[gender])
            sn = rng.choice(PL_SKI) if rng.random() < 0.5 else rng.choice(PL_OTHER)[0]
            sf = pl_sur_forms(sn, gender)
            if gender == "f" and rng.random() < 0.08:  # double-barrelled
                o = rng.choice(PL_OTHER)[0]
                sf = (sf[0] + "-" + o, sf[1] + "-" + o, sf[2] + "-" + o)
            p = {"given": gf[0], "sur": sf[0], "gender": gender, "full": gf[0] + " " + sf[0], "pl": (gf, sf)}
    else:
        if rng.random() < 0.28:
            full, given, sur, gender = rng.choice(IMMIG)
        else:
            given = rng.choice([n for n, g in GIVEN[lang] if g == gender])
            sur = rng.choice(SUR[lang]).replace("_", " ")
            if lang == "es":
                sur2 = rng.choice(SUR["es"]).replace("_", " ")
                if rng.random() < 0.6 and sur2 != sur:
                    sur = sur + " " + sur2
                given = given.replace("-", " ")
            full = given + " " + sur
        p = {"given": given, "sur": sur, "gender": gender, "full": full, "pl": None}
    p["dob"] = rnd_dob(rng)
    # recogniser effects
    if rng.random() < mangle_p:
        for k, v in MISHEAR.get(lang, {}).items():
            if k in p["full"] and rng.random() < 0.8:
                p["full"] = p["full"].replace(k, v)
                p["given"] = p["given"].replace(k, v)
                p["sur"] = p["sur"].replace(k, v)
                p["pl"] = None if lang == "pl" else p["pl"]
                break
        else:
            t = rng.random()
            if t < 0.4:
                p = dict(p, full=strip_acc(p["full"]), given=strip_acc(p["given"]), sur=strip_acc(p["sur"]), pl=None)
            elif t < 0.7 and ("-" in p["full"] or " " in p["sur"]):
                f = p["sur"].replace("-", " ") if "-" in p["sur"] else p["sur"].replace(" ", "", 1)
                p = dict(p, full=p["full"].replace(p["sur"], f), sur=f, pl=None)
    if lang == "pl" and p["pl"] is None:  # no declension table any more: keep the form as said everywhere
        p["pl"] = ((p["given"],) * 4, (p["sur"],) * 3)
    return p


def wrong_given(lang, p, rng):
    if lang == "pl":
        return rng.choice(PL_GIVEN[p["gender"]])[0]
    return rng.choice([n for n, g in GIVEN[lang] if g == p["gender"]]).replace("-", " ")


def spell(lang, s, rng):
    letters = [c for c in s if c.isalpha()]
    if lang in ("de",) and rng.random() < 0.3:
        return " ".join(f"{c} wie {DE_SPELL[c.upper()]}" if c.upper() in DE_SPELL and rng.random() < 0.5 else c for c in letters)
    if lang == "en" and rng.random() < 0.25:
        return " ".join(f"{c} for {NATO[c.upper()]}" if c.upper() in NATO and rng.random() < 0.4 else c for c in letters)
    return " ".join(letters)


# ---------------------------------------------------------------- phrasing pools
# A move is a short exchange; "|" separates turns, agent first (a leading "|" makes the caller start).
# Slots: {full} {given} {sur} {spell} {other} {other_given} {agent} {dob} {pass} {nid} {phone} {email} {card} {iban} {ip}
# (labelled) and, Polish only, inflected {full_g} {full_i} {given_g} {given_v} {sur_g} {other_g} {other_i};
# unlabelled: {title} {rel} {col} {boss} {hotel} {street} {room} {price} {code} {stay} {nights} {exp} {pan} {pana} {panu} {lem} {e} {o}
P = {}
P["en"] = {
    "formal": {
        "open": ["good afternoon, {hotel}, you're speaking with {agent}, how may i help you?", "good morning and thank you for calling {hotel}. this is {agent} at the front desk.", "{hotel} reservations, good evening, how can i help?"],
        "name": ["may i take your full name, please?|yes, of course. it's {full}.", "and whom do i have the pleasure of speaking with?|my name is {full}.", "could i have the name the reservation was made under?|it should be under {sur}. {title} {sur}.", "would you mind spelling the surname for me?|not at all, {sur}, that's {spell}."],
        "dob": ["for the registration card i'll also need your date of birth.|it's {dob}.", "could you confirm your date of birth for me, please?|certainly, i was born on {dob}."],
        "doc": ["and may i have your passport number, please?|yes, the passport number is {pass}.", "we're required to record an identity document. a national insurance number would be fine.|right, it's {nid}."],
        "phone": ["what would be the best number to reach you on?|my mobile is {phone}.", "could i take a contact telephone number, in case we need to get hold of you?|yes, it's {phone}."],
        "email": ["shall i send the confirmation by email?|yes please, it's {email}.", "and an email address for the invoice, please.|{email}, thank you."],
        "card": ["to guarantee the reservation i'll need a credit card.|of course. it's a visa, {card}, expiring {exp}.", "which card would you like to use?|the mastercard, the number is {card}."],
        "other": ["|the room was actually booked by my {col}, {other}, so it may be under that name.", "|my {rel} {other} will be arriving first, could you make sure the key is ready?", "is the reservation in your name?|no, our {boss} {other} made it for the whole team."],
        "close": ["thank you very much, {title} {sur}. we look forward to welcoming you.", "you're most welcome. have a lovely day.", "is there anything else i can help you with?|no, that's everything, thank you {agent}."],
    },
    "terse": {
        "open": ["reception", "{hotel} night desk", "front desk yeah"],
        "name": ["name|{sur}", "name on the booking|{full}", "surname|{sur} {spell}", "first name|{given}"],
        "dob": ["dob|{dob}", "date of birth|{dob}", "born when|{dob}"],
        "doc": ["passport number|{pass}", "ni number|{nid}"],
        "phone": ["number|{phone}", "mobile|{phone}", "callback number|{phone}"],
        "email": ["email|{email}", "email for the receipt|{email}"],
        "card": ["card|{card}", "long number on the card|{card} expiry {exp}"],
        "other": ["|booked under {other}", "|it's for {other} not me", "whose name|{other_given}"],
        "close": ["done cheers", "ok {given} sorted bye", "right that's you"],
    },
    "chatty": {
        "open": ["hiya you're through to {hotel} it's {agent} speaking", "hello hello {hotel} how can i help", "|hi hello is that the hotel oh great"],
        "name": ["|hi um yes so it's {given} {sur} i booked a room i think last week or maybe the week before", "can i grab a name for that|yeah sure it's {full} like {spell}", "|hello hi i'm um {given} i rang yesterday and spoke to someone", "and your surname|oh it's {sur} just {sur}"],
        "dob": ["and i'll need a date of birth for that|oh right um it's {dob} yeah", "|oh you probably need my birthday don't you it's {dob} not that i like saying it out loud"],
        "doc": ["|i've got my passport here somewhere hang on it's {pass}", "do you have any id on you|um my ni number is that alright {nid}"],
        "phone": ["|if you need to call me back my number's {phone} that's my mobile", "what's the best number|um let me think it's {phone} yeah that's right"],
        "email": ["|you can email me at {email} that's the one i actually check", "have you got an email|yeah it's {email} all lower case"],
        "card": ["|i can pay now if that's easier the card is {card} oh and expiry {exp}", "how would you like to pay|card please it's {card}"],
        "other": ["|and my {rel} {other} is coming too so could you put the name down as well", "|it's actually my {boss} {other} who should be on the booking not me", "|oh and {other_given} from work might ring you about the same room so don't be confused"],
        "close": ["lovely thanks so much {given} bye bye", "|brilliant you've been really helpful {agent} thanks a lot", "ok that's all done then|ah great cheers bye"],
    },
    "bot": {
        "open": ["Hello, you've reached the {hotel} virtual assistant. How can I help?|hi i want to change my booking", "Welcome to {hotel}. Please tell me what you are calling about.|booking"],
        "name": ["Please say your first and last name.|{full}", "Please spell your last name, letter by letter.|{spell}", "I heard {full}. Is that correct?|yes"],
        "dob": ["Please tell me your date of birth.|{dob}", "For security, what is your date of birth?|{dob}"],
        "doc": ["Please read out your passport number.|{pass}", "Please say your national insurance number.|{nid}"],
        "phone": ["What number can we reach you on?|{phone}", "Please say your phone number, including the area code.|{phone}"],
        "email": ["Please say your email address.|{email}", "What email should I send the confirmation to?|{email}"],
        "card": ["Please read the digits on the front of your card.|{card}", "Please say your card number now.|{card}"],
        "other": ["Is the booking for you or someone else?|someone else {other}", "Who is the main guest?|{other}"],
        "close": ["Thank you, {given}. Your request has been recorded. Goodbye.", "Thank you. Is there anything else?|no"],
    },
    "asr": {
        "open": ["hotel {hotel} this is {agent} speaking how can i", "yeah hi {hotel} reception {agent}"],
        "name": ["|yes hello my name is {full} i'm calling about", "can i take the name please|yes its its {full}", "the name is|{sur} {sur}"],
        "dob": ["and the date of birth|{dob}", "|born {dob}"],
        "doc": ["passport number please|yeah its {pass}", "|the id number is {nid}"],
        "phone": ["best number to call you|{phone}", "|my number is {phone}"],
        "email": ["email address|{email}", "|its {email}"],
        "card": ["|card number {card}", "card number please|{card}"],
        "other": ["|the reservation is for {other} not for me", "|my {rel} {other_given} booked it"],
        "close": ["ok thank you {title} {sur} bye", "|ok thanks bye"],
    },
}
SHARED = {}
SHARED["en"] = {
    "iban": ["|for the refund my iban is {iban}", "can i have your bank details for the refund|sure the iban is {iban}", "iban please|{iban}"],
    "ip": ["|the wifi portal keeps blocking me it says my ip address is {ip}", "our it team needs the address of your device|it shows {ip}", "|can you whitelist {ip} for the conference streaming"],
    "neg": ["i'd like to book a table at the rose garden restaurant for {nights}|of course, at what time", "|is the hotel far from st mary's church|about ten minutes walk down victoria street",
            "|we're arriving in may, {stay}, is that still available|yes we have a double at {price}", "|will breakfast be included|yes it's served in the grace kelly lounge from seven",
            "|could you mark the booking as non smoking|sure, reference {code}", "|i want to pay the bill for room {room}|the total comes to {price}",
            "|we're bringing our dog, a jack russell called sunny|pets are welcome for {price} a night", "|is it usually warm in april|mild, but bring a jacket",
            "|is the prince albert pub still open near you|yes, on king william street", "|we booked the august package, code {code}|i see it, {stay}, two adults",
            "|is there a bus to the queen elizabeth hospital|the number {room} stops right outside", "|what time is the olive oil tasting|at five, it costs {price}",
            "|i hope the room has a bath|room {room} has a bath and a view of st george's square", "|can you add a cot to booking {code}|done, no extra charge",
            "|will the florence nightingale suite be free {stay}|it is, {price} per night", "|my bill shows {price} but it should be less|let me check, room {room}"],
}
P["de"] = {
    "formal": {
        "open": ["guten tag, {hotel}, sie sprechen mit {agent}, was kann ich für sie tun?", "hotel {hotel}, rezeption, {agent} am apparat, guten abend."],
        "name": ["darf ich um ihren vollständigen namen bitten?|ja, gerne. {full}.", "auf welchen namen läuft die reservierung?|auf {sur}, {title} {sur}.", "könnten sie mir den nachnamen buchstabieren?|natürlich, {sur}, also {spell}."],
        "dob": ["für den meldeschein benötige ich noch ihr geburtsdatum.|das ist der {dob}.", "darf ich ihr geburtsdatum notieren?|ich bin am {dob} geboren."],
        "doc": ["wir müssen die nummer ihres personalausweises erfassen.|die lautet {nid}.", "und die reisepassnummer, bitte.|einen moment, {pass}."],
        "phone": ["unter welcher rufnummer sind sie am besten erreichbar?|mobil unter {phone}.", "hätten sie eine telefonnummer für rückfragen?|ja, {phone}."],
        "email": ["soll ich ihnen die bestätigung per e-mail schicken?|ja bitte, an {email}.", "wie lautet ihre e-mail-adresse?|{email}."],
        "card": ["zur garantie benötige ich eine kreditkarte.|gerne, {card}, gültig bis {exp}.", "mit welcher karte möchten sie zahlen?|mastercard, {card}."],
        "other": ["|die buchung hat {col} {other} vorgenommen, vielleicht steht sie unter diesem namen.", "läuft das zimmer auf sie?|nein, auf {other}, {rel}."],
        "close": ["vielen dank, {title} {sur}, wir freuen uns auf ihren besuch.", "gern geschehen, einen schönen tag noch.|danke ihnen, {agent}, wiederhören."],
    },
    "terse": {
        "open": ["rezeption", "{hotel} ja bitte"],
        "name": ["name|{sur}", "name auf der buchung|{full}", "vorname|{given}", "nachname buchstabiert|{spell}"],
        "dob": ["geburtsdatum|{dob}", "geboren|{dob}"],
        "doc": ["ausweisnummer|{nid}", "passnummer|{pass}"],
        "phone": ["nummer|{phone}", "handy|{phone}"],
        "email": ["mail|{email}", "e-mail für die rechnung|{email}"],
        "card": ["kartennummer|{card}", "karte|{card} bis {exp}"],
        "other": ["|läuft auf {other}", "|ist für {other_given}"],
        "close": ["passt tschüss", "gut {title} {sur} bis dann"],
    },
    "chatty": {
        "open": ["hallo {hotel} hier ist {agent} was kann ich tun", "|ja hallo guten tag bin ich da richtig im hotel"],
        "name": ["|ja also ich bin die äh also {full} ich hab da bei ihnen was gebucht glaub ich", "wie war der name|{sur} also {spell} ne", "|hallo hier ist {given} ich hatte vorhin schon mal angerufen", "und der nachname|{sur} einfach {sur}"],
        "dob": ["ich bräuchte noch ihr geburtsdatum|ach so ja klar das ist der {dob}", "|mein geburtstag brauchen sie bestimmt auch {dob} ja genau"],
        "doc": ["|ich hab den ausweis grad hier liegen die nummer ist {nid}", "haben sie ihren reisepass dabei|ja moment wo isser denn ah hier {pass}"],
        "phone": ["|also wenn was ist rufen sie mich einfach an {phone} das ist mein handy", "unter welcher nummer|äh {phone} genau"],
        "email": ["|die bestätigung bitte an {email} die andere les ich nie", "haben sie eine mail|jaja {email} alles klein"],
        "card": ["|ich kann auch gleich zahlen die karte ist {card} und gültig bis {exp}", "wie möchten sie zahlen|mit karte {card}"],
        "other": ["|und {rel} also {other} kommt auch mit können sie den noch eintragen", "|eigentlich hat das {boss} {other} gebucht nicht ich", "|der {other_given} aus dem büro ruft vielleicht auch noch an wegen dem zimmer"],
        "close": ["super danke {given} tschüss", "|vielen dank {agent} sie waren echt hilfreich", "gut dann ist alles erledigt|ja prima danke ciao"],
    },
    "bot": {
        "open": ["Willkommen beim digitalen Assistenten von {hotel}. Wie kann ich helfen?|buchung ändern", "Hallo, hier ist der Sprachassistent des {hotel}. Worum geht es?|reservierung"],
        "name": ["Bitte nennen Sie Ihren Vor- und Nachnamen.|{full}", "Bitte buchstabieren Sie Ihren Nachnamen.|{spell}", "Ich habe {full} verstanden. Ist das richtig?|ja"],
        "dob": ["Bitte nennen Sie Ihr Geburtsdatum.|{dob}", "Zur Sicherheit: Wie lautet Ihr Geburtsdatum?|{dob}"],
        "doc": ["Bitte lesen Sie die Nummer Ihres Personalausweises vor.|{nid}", "Bitte nennen Sie Ihre Reisepassnummer.|{pass}"],
        "phone": ["Unter welcher Nummer erreichen wir Sie?|{phone}", "Bitte nennen Sie Ihre Telefonnummer mit Vorwahl.|{phone}"],
        "email": ["Bitte nennen Sie Ihre E-Mail-Adresse.|{email}", "An welche E-Mail-Adresse soll die Bestätigung gehen?|{email}"],
        "card": ["Bitte nennen Sie die Nummer Ihrer Kreditkarte.|{card}", "Bitte lesen Sie die Ziffern auf der Vorderseite der Karte vor.|{card}"],
        "other": ["Ist die Buchung für Sie oder für eine andere Person?|für {other}", "Wer ist der Hauptgast?|{other}"],
        "close": ["Danke, {given}. Ihre Anfrage wurde gespeichert. Auf Wiederhören.", "Kann ich sonst noch helfen?|nein"],
    },
    "asr": {
        "open": ["hotel {hotel} guten tag mein name ist {agent} wie kann ich", "ja {hotel} rezeption {agent}"],
        "name": ["|ja hallo mein name ist {full} ich ruf an wegen", "wie ist der name bitte|ja {full} {full}", "|{sur} der name ist {sur}"],
        "dob": ["geburtsdatum bitte|{dob}", "|geboren am {dob}"],
        "doc": ["ausweisnummer|ja die ist {nid}", "|pass nummer {pass}"],
        "phone": ["rückrufnummer|{phone}", "|meine nummer {phone}"],
        "email": ["mail adresse|{email}", "|das ist {email}"],
        "card": ["|kreditkarte {card}", "kartennummer bitte|{card}"],
        "other": ["|die reservierung ist für {other} nicht für mich", "|{rel} {other_given} hat gebucht"],
        "close": ["ok danke {title} {sur} tschüss", "|ok danke wiederhören"],
    },
}
SHARED["de"] = {
    "iban": ["|für die erstattung meine iban {iban}", "bankverbindung für die rückzahlung bitte|die iban ist {iban}", "iban|{iban}"],
    "ip": ["|das wlan sperrt mich immer die ip-adresse ist {ip}", "unsere it braucht die adresse ihres geräts|da steht {ip}", "|können sie {ip} für das streaming freischalten"],
    "neg": ["|ich möchte einen tisch im restaurant zur alten rose reservieren für {nights}|gerne, um wie viel uhr", "|wie weit ist es zur marienkirche|zehn minuten über die karl-marx-straße",
            "|wir kommen im mai, {stay}, ist da noch was frei|ja, ein doppelzimmer für {price}", "|ist frühstück dabei|ja, im salon kaiserin elisabeth ab sieben",
            "|können sie die buchung als nichtraucher markieren|ja, referenz {code}", "|ich möchte die rechnung für zimmer {room} bezahlen|das macht {price}",
            "|wir bringen unseren hund mit, einen dackel namens otto|hunde kosten {price} pro nacht", "|wann fährt der bus zum sankt georg krankenhaus|die linie {room} hält vor der tür",
            "|ist das gasthaus zum goldenen hirsch in der ludwigstraße noch offen|ja, bis zehn", "|wir haben das augustpaket gebucht, code {code}|ich sehe es, {stay}",
            "|hat das zimmer eine badewanne|zimmer {room} hat badewanne und blick auf den friedrichsplatz", "|können sie ein kinderbett zur buchung {code} hinzufügen|erledigt, kostenlos",
            "|ist die goethe-suite {stay} frei|ja, für {price} pro nacht", "|die rechnung zeigt {price}, das ist zu viel|ich prüfe das, zimmer {room}",
            "|gibt es parkplätze am wilhelmsplatz|ja, tagesticket {price}"],
}
P["fr"] = {
    "formal": {
        "open": ["bonjour, {hotel}, {agent} à l'appareil, que puis-je faire pour vous ?", "{hotel}, réception, bonsoir, je vous écoute."],
        "name": ["puis-je avoir votre nom complet, s'il vous plaît ?|oui bien sûr, {full}.", "à quel nom est la réservation ?|au nom de {sur}, {title} {sur}.", "pourriez-vous m'épeler le nom de famille ?|certainement, {sur}, {spell}."],
        "dob": ["pour la fiche de police, il me faut votre date de naissance.|je suis {ne} le {dob}.", "pouvez-vous me confirmer votre date de naissance ?|oui, le {dob}."],
        "doc": ["j'aurais besoin du numéro de votre carte d'identité.|c'est le {nid}.", "et le numéro de passeport, s'il vous plaît.|alors, {pass}."],
        "phone": ["à quel numéro puis-je vous joindre ?|sur mon portable, au {phone}.", "auriez-vous un numéro de téléphone en cas de besoin ?|oui, {phone}."],
        "email": ["souhaitez-vous recevoir la confirmation par e-mail ?|oui, à l'adresse {email}.", "quelle est votre adresse électronique ?|{email}."],
        "card": ["pour garantir la réservation, il me faut une carte bancaire.|bien sûr, {card}, elle expire en {exp}.", "quelle carte souhaitez-vous utiliser ?|la visa, {card}."],
        "other": ["|c'est {col} {other} qui a fait la réservation, elle est peut-être à ce nom-là.", "la chambre est à votre nom ?|non, au nom de {other}, {rel}."],
        "close": ["je vous remercie, {title} {sur}, à très bientôt.", "avec plaisir, bonne journée.|merci {agent}, au revoir."],
    },
    "terse": {
        "open": ["réception", "{hotel} oui"],
        "name": ["nom|{sur}", "nom de la réservation|{full}", "prénom|{given}", "épelez|{spell}"],
        "dob": ["date de naissance|{dob}", "né quand|{dob}"],
        "doc": ["numéro de carte d'identité|{nid}", "passeport|{pass}"],
        "phone": ["numéro|{phone}", "portable|{phone}"],
        "email": ["mail|{email}", "mail pour la facture|{email}"],
        "card": ["numéro de carte|{card}", "carte|{card} expiration {exp}"],
        "other": ["|c'est au nom de {other}", "|c'est pour {other_given}"],
        "close": ["c'est bon au revoir", "ok {title} {sur} à plus"],
    },
    "chatty": {
        "open": ["allô {hotel} bonjour c'est {agent}", "|oui allô bonjour c'est bien l'hôtel"],
        "name": ["|oui alors euh je suis {full} j'avais réservé chez vous je crois la semaine dernière", "c'est à quel nom|{sur} enfin {spell} voilà", "|bonjour c'est {given} j'ai appelé tout à l'heure", "et le nom de famille|{sur} juste {sur}"],
        "dob": ["il me faudrait votre date de naissance|ah oui bien sûr c'est le {dob}", "|vous avez besoin de ma date de naissance je suppose c'est le {dob} voilà"],
        "doc": ["|j'ai ma carte d'identité sous la main c'est le {nid}", "vous avez votre passeport|attendez je cherche ah voilà {pass}"],
        "phone": ["|si jamais vous pouvez me rappeler au {phone} c'est mon portable", "votre numéro|euh {phone} oui c'est ça"],
        "email": ["|envoyez plutôt à {email} l'autre je la regarde jamais", "vous avez un mail|oui {email} tout en minuscules"],
        "card": ["|je peux payer tout de suite la carte c'est {card} et elle expire en {exp}", "comment souhaitez-vous payer|par carte {card}"],
        "other": ["|et {rel} {other} vient aussi vous pouvez l'ajouter", "|en fait c'est {boss} {other} qui a réservé pas moi", "|{other_given} du bureau va peut-être vous appeler aussi pour la même chambre"],
        "close": ["merci beaucoup {given} bonne journée", "|super merci {agent} vous êtes adorable", "bon c'est tout bon|ah parfait merci au revoir"],
    },
    "bot": {
        "open": ["Bienvenue chez l'assistant vocal de {hotel}. Comment puis-je vous aider ?|modifier ma réservation", "Bonjour, ici le serveur vocal de {hotel}. Quel est l'objet de votre appel ?|réservation"],
        "name": ["Veuillez indiquer votre prénom et votre nom.|{full}", "Veuillez épeler votre nom de famille.|{spell}", "J'ai compris {full}. Est-ce correct ?|oui"],
        "dob": ["Veuillez indiquer votre date de naissance.|{dob}", "Par sécurité, quelle est votre date de naissance ?|{dob}"],
        "doc": ["Veuillez lire le numéro de votre carte d'identité.|{nid}", "Veuillez indiquer votre numéro de passeport.|{pass}"],
        "phone": ["À quel numéro pouvons-nous vous joindre ?|{phone}", "Veuillez dire votre numéro de téléphone.|{phone}"],
        "email": ["Veuillez indiquer votre adresse e-mail.|{email}", "À quelle adresse envoyer la confirmation ?|{email}"],
        "card": ["Veuillez lire le numéro de votre carte bancaire.|{card}", "Dites les chiffres au recto de la carte.|{card}"],
        "other": ["La réservation est-elle pour vous ou pour une autre personne ?|pour {other}", "Qui est le client principal ?|{other}"],
        "close": ["Merci, {given}. Votre demande est enregistrée. Au revoir.", "Puis-je vous aider pour autre chose ?|non"],
    },
    "asr": {
        "open": ["hôtel {hotel} bonjour {agent} à l'appareil je", "oui {hotel} réception {agent}"],
        "name": ["|oui bonjour je m'appelle {full} j'appelle pour", "votre nom s'il vous plaît|oui {full} {full}", "|{sur} c'est {sur}"],
        "dob": ["date de naissance|{dob}", "|{ne} le {dob}"],
        "doc": ["numéro de carte d'identité|oui c'est {nid}", "|passeport {pass}"],
        "phone": ["numéro pour vous rappeler|{phone}", "|mon numéro {phone}"],
        "email": ["adresse mail|{email}", "|c'est {email}"],
        "card": ["|carte bancaire {card}", "numéro de carte|{card}"],
        "other": ["|la réservation c'est pour {other} pas pour moi", "|{rel} {other_given} a réservé"],
        "close": ["ok merci {title} {sur} au revoir", "|ok merci au revoir"],
    },
}
SHARED["fr"] = {
    "iban": ["|pour le remboursement mon iban c'est {iban}", "vos coordonnées bancaires pour le remboursement|l'iban est {iban}", "iban|{iban}"],
    "ip": ["|le wifi me bloque il affiche l'adresse ip {ip}", "notre service informatique a besoin de l'adresse de votre appareil|c'est marqué {ip}", "|vous pouvez autoriser {ip} pour la visio"],
    "neg": ["|je voudrais réserver une table au restaurant la belle hélène pour {nights}|bien sûr, à quelle heure", "|c'est loin de l'église saint-pierre|dix minutes par la rue victor hugo",
            "|on arrive en mai, {stay}, il reste de la place|oui, une double à {price}", "|le petit déjeuner est compris|oui, servi au salon marie-antoinette dès sept heures",
            "|vous pouvez noter non-fumeur sur la réservation|c'est noté, référence {code}", "|je voudrais régler la note de la chambre {room}|cela fait {price}",
            "|on vient avec notre chien, un caniche qui s'appelle prince|les animaux c'est {price} par nuit", "|il y a un bus pour l'hôpital saint-louis|la ligne {room} s'arrête devant",
            "|la brasserie chez jeannette rue jean jaurès est ouverte|oui jusqu'à minuit", "|on a pris la formule août, code {code}|je vois, {stay}",
            "|la chambre a une baignoire|la {room} a une baignoire et vue sur la place charles de gaulle", "|ajoutez un lit bébé à la réservation {code}|c'est fait, sans supplément",
            "|la suite coco chanel est libre {stay}|oui, à {price} la nuit", "|la facture indique {price} c'est trop|je vérifie, chambre {room}",
            "|il y a un parking près du boulevard saint-michel|oui, {price} la journée"],
}
P["it"] = {
    "formal": {
        "open": ["buongiorno, {hotel}, sono {agent}, come posso esserle utile?", "{hotel}, reception, buonasera, mi dica pure."],
        "name": ["posso avere il suo nome completo, per cortesia?|certo, {full}.", "a che nome è la prenotazione?|a nome {sur}, {title} {sur}.", "me lo può compitare il cognome?|sì, {sur}, {spell}."],
        "dob": ["per la registrazione mi serve anche la data di nascita.|sono {nato} il {dob}.", "mi conferma la sua data di nascita?|sì, {dob}."],
        "doc": ["avrei bisogno del numero della carta d'identità.|è {nid}.", "e il numero del passaporto, per favore.|allora, {pass}."],
        "phone": ["a quale numero posso contattarla?|al cellulare, {phone}.", "mi lascia un recapito telefonico?|sì, {phone}."],
        "email": ["le mando la conferma via email?|sì grazie, all'indirizzo {email}.", "qual è il suo indirizzo di posta elettronica?|{email}."],
        "card": ["a garanzia della prenotazione mi serve una carta di credito.|certo, {card}, scadenza {exp}.", "con quale carta desidera pagare?|la visa, {card}."],
        "other": ["|ha prenotato {col} {other}, forse la trova a quel nome.", "la camera è a suo nome?|no, a nome di {other}, {rel}."],
        "close": ["la ringrazio, {title} {sur}, a presto.", "si figuri, buona giornata.|grazie {agent}, arrivederci."],
    },
    "terse": {
        "open": ["reception", "{hotel} dica"],
        "name": ["nome|{sur}", "nome sulla prenotazione|{full}", "nome di battesimo|{given}", "lettere|{spell}"],
        "dob": ["data di nascita|{dob}", "nato quando|{dob}"],
        "doc": ["numero carta d'identità|{nid}", "codice fiscale|{nid}", "passaporto|{pass}"],
        "phone": ["numero|{phone}", "cellulare|{phone}"],
        "email": ["mail|{email}", "mail per la ricevuta|{email}"],
        "card": ["numero carta|{card}", "carta|{card} scade {exp}"],
        "other": ["|è a nome {other}", "|è per {other_given}"],
        "close": ["ok arrivederci", "va bene {title} {sur} salve"],
    },
    "chatty": {
        "open": ["pronto {hotel} sono {agent}", "|sì pronto buongiorno parlo con l'hotel"],
        "name": ["|sì allora eh sono {full} avevo prenotato da voi mi pare la settimana scorsa", "a che nome|{sur} cioè {spell} ecco", "|buongiorno sono {given} avevo chiamato prima", "e il cognome|{sur} solo {sur}"],
        "dob": ["mi servirebbe la data di nascita|ah sì certo è il {dob}", "|immagino le serva la data di nascita {dob} ecco"],
        "doc": ["|ho qui la carta d'identità il numero è {nid}", "ha il passaporto con sé|aspetti che lo cerco ah eccolo {pass}"],
        "phone": ["|se serve mi richiami al {phone} è il mio cellulare", "il suo numero|eh {phone} sì esatto"],
        "email": ["|la mandi a {email} l'altra non la guardo mai", "ha una mail|sì {email} tutto minuscolo"],
        "card": ["|posso pagare subito la carta è {card} e scade {exp}", "come vuole pagare|con carta {card}"],
        "other": ["|e viene anche {rel} {other} può aggiungerlo", "|in realtà ha prenotato {boss} {other} non io", "|magari la chiama anche {other_given} dall'ufficio per la stessa camera"],
        "close": ["grazie mille {given} buona giornata", "|perfetto grazie {agent} gentilissima", "allora è tutto a posto|ah benissimo grazie arrivederci"],
    },
    "bot": {
        "open": ["Benvenuto nell'assistente vocale di {hotel}. Come posso aiutarla?|modificare la prenotazione", "Salve, sono l'assistente virtuale di {hotel}. Per cosa chiama?|prenotazione"],
        "name": ["Mi dica nome e cognome.|{full}", "Compiti il cognome, una lettera alla volta.|{spell}", "Ho capito {full}. È corretto?|sì"],
        "dob": ["Mi dica la sua data di nascita.|{dob}", "Per sicurezza, qual è la sua data di nascita?|{dob}"],
        "doc": ["Legga il numero della sua carta d'identità.|{nid}", "Mi dica il numero del passaporto.|{pass}"],
        "phone": ["A quale numero possiamo contattarla?|{phone}", "Mi dica il suo numero di telefono.|{phone}"],
        "email": ["Mi dica il suo indirizzo email.|{email}", "A quale indirizzo invio la conferma?|{email}"],
        "card": ["Legga il numero della carta di credito.|{card}", "Dica le cifre sul fronte della carta.|{card}"],
        "other": ["La prenotazione è per lei o per un'altra persona?|per {other}", "Chi è l'ospite principale?|{other}"],
        "close": ["Grazie, {given}. La richiesta è stata registrata. Arrivederci.", "Posso aiutarla in altro?|no"],
    },
    "asr": {
        "open": ["hotel {hotel} buongiorno sono {agent} come posso", "sì {hotel} reception {agent}"],
        "name": ["|sì buongiorno mi chiamo {full} chiamo per", "il nome per favore|sì {full} {full}", "|{sur} il cognome {sur}"],
        "dob": ["data di nascita|{dob}", "|{nato} il {dob}"],
        "doc": ["numero documento|sì è {nid}", "|passaporto {pass}"],
        "phone": ["numero per richiamarla|{phone}", "|il mio numero {phone}"],
        "email": ["indirizzo mail|{email}", "|è {email}"],
        "card": ["|carta di credito {card}", "numero della carta|{card}"],
        "other": ["|la prenotazione è per {other} non per me", "|ha prenotato {rel} {other_given}"],
        "close": ["ok grazie {title} {sur} arrivederci", "|ok grazie salve"],
    },
}
SHARED["it"] = {
    "iban": ["|per il rimborso il mio iban è {iban}", "mi dà le coordinate bancarie per il rimborso|l'iban è {iban}", "iban|{iban}"],
    "ip": ["|il wifi mi blocca dice indirizzo ip {ip}", "il nostro tecnico ha bisogno dell'indirizzo del dispositivo|c'è scritto {ip}", "|potete sbloccare {ip} per la videoconferenza"],
    "neg": ["|vorrei prenotare un tavolo alla trattoria da gino per {nights}|certo, a che ora", "|è lontano dalla chiesa di santa maria novella|dieci minuti per via garibaldi",
            "|arriviamo a maggio, {stay}, c'è posto|sì, una doppia a {price}", "|la colazione è inclusa|sì, nella sala leonardo dalle sette",
            "|può segnare non fumatori sulla prenotazione|fatto, codice {code}", "|vorrei saldare il conto della camera {room}|sono {price}",
            "|veniamo col cane, un bassotto che si chiama bruno|gli animali costano {price} a notte", "|c'è un autobus per l'ospedale san raffaele|la linea {room} ferma qui davanti",
            "|la pizzeria da michele in corso vittorio emanuele è aperta|sì, fino a mezzanotte", "|abbiamo il pacchetto ferragosto, codice {code}|lo vedo, {stay}",
            "|la camera ha la vasca|la {room} ha la vasca e vista su piazza san marco", "|aggiunga una culla alla prenotazione {code}|fatto, senza supplemento",
            "|la suite verdi è libera {stay}|sì, {price} a notte", "|il conto dice {price} è troppo|controllo subito, camera {room}",
            "|c'è un parcheggio vicino a porta romana|sì, {price} al giorno"],
}
P["es"] = {
    "formal": {
        "open": ["buenas tardes, {hotel}, le atiende {agent}, ¿en qué puedo ayudarle?", "{hotel}, recepción, buenas noches, dígame."],
        "name": ["¿me podría dar su nombre completo, por favor?|sí, claro, {full}.", "¿a nombre de quién está la reserva?|a nombre de {sur}, {title} {sur}.", "¿me deletrea el apellido, por favor?|por supuesto, {sur}, {spell}."],
        "dob": ["para el registro necesito también su fecha de nacimiento.|nací el {dob}.", "¿me confirma su fecha de nacimiento?|sí, {dob}."],
        "doc": ["necesitaría el número de su dni.|es el {nid}.", "¿y el número de pasaporte, por favor?|a ver, {pass}."],
        "phone": ["¿en qué número le puedo localizar?|en el móvil, {phone}.", "¿me deja un teléfono de contacto?|sí, {phone}."],
        "email": ["¿le envío la confirmación por correo?|sí, por favor, a {email}.", "¿cuál es su correo electrónico?|{email}."],
        "card": ["para garantizar la reserva necesito una tarjeta.|claro, {card}, caduca en {exp}.", "¿con qué tarjeta desea pagar?|con la visa, {card}."],
        "other": ["|la reserva la hizo {col} {other}, a lo mejor está a su nombre.", "¿la habitación está a su nombre?|no, a nombre de {other}, {rel}."],
        "close": ["muchas gracias, {title} {sur}, le esperamos.", "a usted, que tenga un buen día.|gracias {agent}, adiós."],
    },
    "terse": {
        "open": ["recepción", "{hotel} dígame"],
        "name": ["nombre|{sur}", "nombre de la reserva|{full}", "nombre de pila|{given}", "deletree|{spell}"],
        "dob": ["fecha de nacimiento|{dob}", "nacido cuándo|{dob}"],
        "doc": ["dni|{nid}", "nie|{nid}", "pasaporte|{pass}"],
        "phone": ["teléfono|{phone}", "móvil|{phone}"],
        "email": ["correo|{email}", "correo para la factura|{email}"],
        "card": ["número de tarjeta|{card}", "tarjeta|{card} caduca {exp}"],
        "other": ["|está a nombre de {other}", "|es para {other_given}"],
        "close": ["listo hasta luego", "vale {title} {sur} adiós"],
    },
    "chatty": {
        "open": ["hola {hotel} soy {agent}", "|sí hola buenas es el hotel verdad"],
        "name": ["|sí mira pues soy {full} que había reservado con vosotros creo que la semana pasada", "a qué nombre|{sur} o sea {spell} eso", "|hola soy {given} que he llamado antes", "y el apellido|{sur} solo {sur}"],
        "dob": ["me haría falta la fecha de nacimiento|ah sí claro es el {dob}", "|supongo que necesitas mi fecha de nacimiento {dob} eso es"],
        "doc": ["|tengo aquí el dni es el {nid}", "tiene el pasaporte a mano|espera que lo busco ah aquí {pass}"],
        "phone": ["|si eso me llamas al {phone} que es mi móvil", "su número|eh {phone} sí eso"],
        "email": ["|mándalo a {email} que el otro no lo miro nunca", "tiene correo|sí {email} todo en minúsculas"],
        "card": ["|puedo pagar ya la tarjeta es {card} y caduca en {exp}", "cómo quiere pagar|con tarjeta {card}"],
        "other": ["|y viene también {rel} {other} lo puedes apuntar", "|en realidad la reserva la hizo {boss} {other} no yo", "|igual te llama {other_given} de la oficina por la misma habitación"],
        "close": ["muchas gracias {given} hasta luego", "|genial gracias {agent} muy amable", "pues ya está todo|ah perfecto gracias adiós"],
    },
    "bot": {
        "open": ["Bienvenido al asistente de voz de {hotel}. ¿En qué puedo ayudarle?|cambiar mi reserva", "Hola, soy el asistente virtual de {hotel}. ¿Por qué llama?|reserva"],
        "name": ["Diga su nombre y apellidos.|{full}", "Deletree su primer apellido, letra por letra.|{spell}", "He entendido {full}. ¿Es correcto?|sí"],
        "dob": ["Diga su fecha de nacimiento.|{dob}", "Por seguridad, ¿cuál es su fecha de nacimiento?|{dob}"],
        "doc": ["Diga el número de su documento de identidad.|{nid}", "Diga su número de pasaporte.|{pass}"],
        "phone": ["¿En qué número podemos contactarle?|{phone}", "Diga su número de teléfono.|{phone}"],
        "email": ["Diga su dirección de correo electrónico.|{email}", "¿A qué correo envío la confirmación?|{email}"],
        "card": ["Diga el número de su tarjeta.|{card}", "Lea los dígitos del frente de la tarjeta.|{card}"],
        "other": ["¿La reserva es para usted o para otra persona?|para {other}", "¿Quién es el huésped principal?|{other}"],
        "close": ["Gracias, {given}. Su solicitud ha quedado registrada. Adiós.", "¿Puedo ayudarle en algo más?|no"],
    },
    "asr": {
        "open": ["hotel {hotel} buenos días le atiende {agent} en qué", "sí {hotel} recepción {agent}"],
        "name": ["|sí hola me llamo {full} llamaba por", "el nombre por favor|sí {full} {full}", "|{sur} el apellido {sur}"],
        "dob": ["fecha de nacimiento|{dob}", "|nací el {dob}"],
        "doc": ["número de documento|sí es {nid}", "|pasaporte {pass}"],
        "phone": ["número para llamarle|{phone}", "|mi número {phone}"],
        "email": ["correo electrónico|{email}", "|es {email}"],
        "card": ["|tarjeta de crédito {card}", "número de la tarjeta|{card}"],
        "other": ["|la reserva es para {other} no para mí", "|reservó {rel} {other_given}"],
        "close": ["vale gracias {title} {sur} adiós", "|vale gracias adiós"],
    },
}
SHARED["es"] = {
    "iban": ["|para el reembolso mi iban es {iban}", "me da los datos bancarios para la devolución|el iban es {iban}", "iban|{iban}"],
    "ip": ["|el wifi me bloquea pone dirección ip {ip}", "nuestro técnico necesita la dirección de su equipo|pone {ip}", "|podéis desbloquear {ip} para la videollamada"],
    "neg": ["|quería reservar mesa en la taberna casa lucio para {nights}|claro, a qué hora", "|está lejos de la iglesia de san josé|diez minutos por la calle alfonso doce",
            "|llegamos en mayo, {stay}, hay sitio|sí, una doble a {price}", "|el desayuno está incluido|sí, en el salón isabel segunda desde las siete",
            "|puede marcar no fumadores en la reserva|hecho, localizador {code}", "|quiero pagar la cuenta de la habitación {room}|son {price}",
            "|venimos con el perro, un teckel que se llama rocky|las mascotas pagan {price} por noche", "|hay autobús al hospital san carlos|la línea {room} para en la puerta",
            "|el bar manolo de la plaza de santa ana está abierto|sí, hasta la una", "|tenemos el paquete de agosto, código {code}|lo veo, {stay}",
            "|la habitación tiene bañera|la {room} tiene bañera y vistas a la plaza de colón", "|añada una cuna a la reserva {code}|hecho, sin coste",
            "|la suite picasso está libre {stay}|sí, a {price} la noche", "|la factura pone {price} es demasiado|lo reviso, habitación {room}",
            "|hay parking cerca de la puerta del sol|sí, {price} al día"],
}
P["nl"] = {
    "formal": {
        "open": ["goedemiddag, {hotel}, u spreekt met {agent}, waarmee kan ik u helpen?", "{hotel}, receptie, goedenavond."],
        "name": ["mag ik uw volledige naam, alstublieft?|jazeker, {full}.", "op welke naam staat de reservering?|op naam van {sur}, {title} {sur}.", "zou u de achternaam willen spellen?|natuurlijk, {sur}, {spell}."],
        "dob": ["voor de registratie heb ik ook uw geboortedatum nodig.|dat is {dob}.", "kunt u uw geboortedatum bevestigen?|ja, ik ben geboren op {dob}."],
        "doc": ["ik moet uw burgerservicenummer noteren.|dat is {nid}.", "en het nummer van uw paspoort, alstublieft.|even kijken, {pass}."],
        "phone": ["op welk nummer kan ik u bereiken?|mobiel op {phone}.", "heeft u een telefoonnummer voor eventuele vragen?|ja, {phone}."],
        "email": ["zal ik de bevestiging per e-mail sturen?|graag, naar {email}.", "wat is uw e-mailadres?|{email}."],
        "card": ["ter garantie heb ik een creditcard nodig.|natuurlijk, {card}, geldig tot {exp}.", "met welke kaart wilt u betalen?|de visa, {card}."],
        "other": ["|mijn {col} {other} heeft geboekt, misschien staat het op die naam.", "staat de kamer op uw naam?|nee, op naam van {other}, {rel}."],
        "close": ["hartelijk dank, {title} {sur}, tot ziens.", "graag gedaan, nog een fijne dag.|dank u wel {agent}, dag."],
    },
    "terse": {
        "open": ["receptie", "{hotel} ja"],
        "name": ["naam|{sur}", "naam op de boeking|{full}", "voornaam|{given}", "spellen|{spell}"],
        "dob": ["geboortedatum|{dob}", "geboren|{dob}"],
        "doc": ["bsn|{nid}", "paspoortnummer|{pass}"],
        "phone": ["nummer|{phone}", "mobiel|{phone}"],
        "email": ["mail|{email}", "mail voor de factuur|{email}"],
        "card": ["kaartnummer|{card}", "kaart|{card} geldig tot {exp}"],
        "other": ["|staat op {other}", "|is voor {other_given}"],
        "close": ["prima doei", "oké {title} {sur} tot dan"],
    },
    "chatty": {
        "open": ["hallo {hotel} met {agent}", "|ja hallo goeiedag ben ik bij het hotel"],
        "name": ["|ja dus eh ik ben {full} ik had bij jullie geboekt volgens mij vorige week", "op welke naam|{sur} dus {spell} ja", "|hoi met {given} ik had net al gebeld", "en de achternaam|{sur} gewoon {sur}"],
        "dob": ["ik heb nog uw geboortedatum nodig|o ja natuurlijk dat is {dob}", "|u wilt vast mijn geboortedatum {dob} ja klopt"],
        "doc": ["|ik heb mijn id-kaart hier het bsn is {nid}", "heeft u uw paspoort bij de hand|wacht even waar is ie ah hier {pass}"],
        "phone": ["|als er iets is bel me gewoon op {phone} dat is mijn mobiel", "uw nummer|eh {phone} ja precies"],
        "email": ["|stuur het maar naar {email} de andere lees ik nooit", "heeft u een mail|jaja {email} alles klein"],
        "card": ["|ik kan ook meteen betalen de kaart is {card} en geldig tot {exp}", "hoe wilt u betalen|met de kaart {card}"],
        "other": ["|en {rel} {other} komt ook mee kunt u die erbij zetten", "|eigenlijk heeft mijn {boss} {other} geboekt niet ik", "|{other_given} van kantoor belt misschien ook nog over dezelfde kamer"],
        "close": ["super bedankt {given} doei", "|heel fijn {agent} bedankt hoor", "dan is alles geregeld|top dank je wel dag"],
    },
    "bot": {
        "open": ["Welkom bij de spraakassistent van {hotel}. Waarmee kan ik helpen?|boeking wijzigen", "Hallo, dit is de digitale assistent van {hotel}. Waar belt u over?|reservering"],
        "name": ["Zeg uw voor- en achternaam.|{full}", "Spel uw achternaam, letter voor letter.|{spell}", "Ik heb {full} verstaan. Klopt dat?|ja"],
        "dob": ["Zeg uw geboortedatum.|{dob}", "Ter controle, wat is uw geboortedatum?|{dob}"],
        "doc": ["Noem uw burgerservicenummer.|{nid}", "Lees uw paspoortnummer voor.|{pass}"],
        "phone": ["Op welk nummer kunnen we u bereiken?|{phone}", "Zeg uw telefoonnummer.|{phone}"],
        "email": ["Zeg uw e-mailadres.|{email}", "Naar welk adres stuur ik de bevestiging?|{email}"],
        "card": ["Noem het nummer van uw creditcard.|{card}", "Lees de cijfers op de voorkant van de kaart voor.|{card}"],
        "other": ["Is de boeking voor uzelf of voor iemand anders?|voor {other}", "Wie is de hoofdgast?|{other}"],
        "close": ["Dank u, {given}. Uw verzoek is vastgelegd. Tot ziens.", "Kan ik nog ergens mee helpen?|nee"],
    },
    "asr": {
        "open": ["hotel {hotel} goedemorgen u spreekt met {agent} waarmee", "ja {hotel} receptie {agent}"],
        "name": ["|ja hallo mijn naam is {full} ik bel over", "de naam alstublieft|ja {full} {full}", "|{sur} de naam is {sur}"],
        "dob": ["geboortedatum|{dob}", "|geboren {dob}"],
        "doc": ["bsn nummer|ja dat is {nid}", "|paspoort {pass}"],
        "phone": ["terugbelnummer|{phone}", "|mijn nummer {phone}"],
        "email": ["mailadres|{email}", "|het is {email}"],
        "card": ["|creditcard {card}", "kaartnummer graag|{card}"],
        "other": ["|de reservering is voor {other} niet voor mij", "|{rel} {other_given} heeft geboekt"],
        "close": ["oké dank u {title} {sur} dag", "|oké bedankt dag"],
    },
}
SHARED["nl"] = {
    "iban": ["|voor de terugbetaling mijn iban is {iban}", "mag ik uw rekeningnummer voor de restitutie|het iban is {iban}", "iban|{iban}"],
    "ip": ["|de wifi blokkeert me er staat ip-adres {ip}", "onze it heeft het adres van uw apparaat nodig|er staat {ip}", "|kunnen jullie {ip} vrijgeven voor de stream"],
    "neg": ["|ik wil een tafel reserveren bij restaurant de gouden karel voor {nights}|natuurlijk, hoe laat", "|is het ver naar de sint-janskerk|tien minuten via de willemsstraat",
            "|we komen in mei, {stay}, is er nog plek|ja, een tweepersoonskamer voor {price}", "|is het ontbijt inbegrepen|ja, in de beatrixzaal vanaf zeven uur",
            "|kunt u niet-roken op de boeking zetten|gedaan, boekingscode {code}", "|ik wil de rekening van kamer {room} betalen|dat is {price}",
            "|we nemen de hond mee, een tekkel die guus heet|huisdieren kosten {price} per nacht", "|gaat er een bus naar het antoni van leeuwenhoek ziekenhuis|lijn {room} stopt voor de deur",
            "|is café de twee zwaantjes op de prinsengracht open|ja, tot één uur", "|we hebben het augustus-arrangement, code {code}|ik zie het, {stay}",
            "|heeft de kamer een bad|kamer {room} heeft een bad en uitzicht op het rembrandtplein", "|zet u een babybedje bij boeking {code}|gedaan, zonder kosten",
            "|is de van gogh suite vrij {stay}|ja, {price} per nacht", "|de rekening zegt {price} dat is te veel|ik kijk het na, kamer {room}",
            "|is er parkeren bij het museumplein|ja, {price} per dag"],
}
P["pl"] = {
    "formal": {
        "open": ["dzień dobry, {hotel}, przy telefonie {agent}, w czym mogę pomóc?", "{hotel}, recepcja, dobry wieczór, słucham."],
        "name": ["czy mogę prosić o imię i nazwisko?|oczywiście, {full}.", "na jakie nazwisko jest rezerwacja?|na nazwisko {sur}, {full}.", "czy {moglby} przeliterować nazwisko?|tak, {sur}, {spell}.", "z kim mam przyjemność?|z {full_i}."],
        "dob": ["do karty meldunkowej potrzebuję jeszcze daty urodzenia.|urodził{am} się {dob}.", "czy może {pan} potwierdzić datę urodzenia?|tak, {dob}."],
        "doc": ["potrzebuję numeru dowodu osobistego.|to jest {nid}.", "i numer paszportu, poproszę.|proszę bardzo, {pass}."],
        "phone": ["pod jakim numerem mogę się z {panem} skontaktować?|komórka {phone}.", "czy mogę prosić o numer telefonu?|tak, {phone}."],
        "email": ["czy wysłać potwierdzenie mailem?|tak, poproszę na {email}.", "jaki jest {pana} adres e-mail?|{email}."],
        "card": ["do gwarancji rezerwacji potrzebuję karty kredytowej.|oczywiście, {card}, ważna do {exp}.", "jaką kartą {pan} zapłaci?|visa, {card}."],
        "other": ["|rezerwację robił{o_a} {col} {other}, może jest na to nazwisko.", "czy pokój jest na {pana} nazwisko?|nie, na {other_g}, {rel_g}."],
        "close": ["dziękuję bardzo, {pan_v} {sur}, do zobaczenia.", "proszę bardzo, miłego dnia.|dziękuję {agent}, do widzenia."],
    },
    "terse": {
        "open": ["recepcja", "{hotel} słucham"],
        "name": ["nazwisko|{sur}", "na kogo rezerwacja|{full}", "imię|{given}", "literuj|{spell}"],
        "dob": ["data urodzenia|{dob}", "urodzony kiedy|{dob}"],
        "doc": ["pesel|{nid}", "numer dowodu|{nid}", "paszport|{pass}"],
        "phone": ["numer|{phone}", "komórka|{phone}"],
        "email": ["mail|{email}", "mail do faktury|{email}"],
        "card": ["numer karty|{card}", "karta|{card} ważna do {exp}"],
        "other": ["|na {other_g}", "|to dla {other_g}"],
        "close": ["dobra do widzenia", "ok {given_v} na razie"],
    },
    "chatty": {
        "open": ["halo {hotel} tu {agent}", "|tak halo dzień dobry czy to hotel"],
        "name": ["|tak no więc yyy to ja {full} rezerwował{lem} u państwa chyba w zeszłym tygodniu", "na jakie nazwisko|{sur} czyli {spell} no", "|dzień dobry tu {given} dzwonił{lem} wcześniej", "rozmawiam z {panem}|tak z {given_i} {sur_i}"],
        "dob": ["potrzebuję jeszcze daty urodzenia|a tak jasne {dob}", "|pewnie potrzebna data urodzenia {dob} no tak"],
        "doc": ["|mam tu dowód numer to {nid}", "ma {pan} paszport przy sobie|chwileczkę szukam a jest {pass}"],
        "phone": ["|jakby co proszę dzwonić na {phone} to moja komórka", "numer telefonu|yyy {phone} tak"],
        "email": ["|proszę wysłać na {email} tamtego nie sprawdzam", "ma {pan} maila|tak {email} wszystko małymi"],
        "card": ["|mogę od razu zapłacić karta to {card} ważna do {exp}", "jak {pan} płaci|kartą {card}"],
        "other": ["|i jeszcze {rel} {other} przyjedzie można dopisać", "|właściwie to rezerwował{o_a} {boss} {other} nie ja", "|może jeszcze zadzwoni {other} z biura w sprawie tego samego pokoju", "|rezerwacja jest na {other_g} {rel_g}"],
        "close": ["dziękuję bardzo {given_v} do usłyszenia", "|super dzięki {agent} bardzo pomocne", "to wszystko załatwione|o świetnie dziękuję do widzenia"],
    },
    "bot": {
        "open": ["Witamy w asystencie głosowym {hotel}. W czym mogę pomóc?|zmiana rezerwacji", "Dzień dobry, tu wirtualny asystent {hotel}. W jakiej sprawie?|rezerwacja"],
        "name": ["Proszę podać imię i nazwisko.|{full}", "Proszę przeliterować nazwisko.|{spell}", "Zrozumiałem: {full}. Czy to się zgadza?|tak"],
        "dob": ["Proszę podać datę urodzenia.|{dob}", "Dla bezpieczeństwa: jaka jest Pana lub Pani data urodzenia?|{dob}"],
        "doc": ["Proszę podać numer PESEL.|{nid}", "Proszę odczytać numer paszportu.|{pass}"],
        "phone": ["Pod jakim numerem możemy się skontaktować?|{phone}", "Proszę podać numer telefonu.|{phone}"],
        "email": ["Proszę podać adres e-mail.|{email}", "Na jaki adres wysłać potwierdzenie?|{email}"],
        "card": ["Proszę podać numer karty.|{card}", "Proszę odczytać cyfry z przodu karty.|{card}"],
        "other": ["Czy rezerwacja jest dla Pana lub Pani, czy dla innej osoby?|dla {other_g}", "Kto jest głównym gościem?|{other}"],
        "close": ["Dziękuję. Zgłoszenie zostało zapisane. Do widzenia.", "Czy mogę pomóc w czymś jeszcze?|nie"],
    },
    "asr": {
        "open": ["hotel {hotel} dzień dobry {agent} w czym", "tak {hotel} recepcja {agent}"],
        "name": ["|tak dzień dobry nazywam się {full} dzwonię w sprawie", "nazwisko proszę|tak {full} {full}", "|{sur} nazwisko {sur}", "|rezerwacja dla {full_g}"],
        "dob": ["data urodzenia|{dob}", "|urodzon{ya} {dob}"],
        "doc": ["numer dowodu|tak to {nid}", "|paszport {pass}"],
        "phone": ["numer do kontaktu|{phone}", "|mój numer {phone}"],
        "email": ["adres mailowy|{email}", "|to jest {email}"],
        "card": ["|karta kredytowa {card}", "numer karty proszę|{card}"],
        "other": ["|rezerwacja jest dla {other_g} nie dla mnie", "|rezerwował{o_a} {rel} {other}"],
        "close": ["ok dziękuję {pan} {sur} do widzenia", "|ok dziękuję do widzenia"],
    },
}
SHARED["pl"] = {
    "iban": ["|do zwrotu mój numer iban to {iban}", "poproszę numer konta do zwrotu|iban {iban}", "iban|{iban}"],
    "ip": ["|wifi mnie blokuje pokazuje adres ip {ip}", "nasz informatyk potrzebuje adresu urządzenia|jest napisane {ip}", "|czy możecie odblokować {ip} do transmisji"],
    "neg": ["|chciał{lem} zarezerwować stolik w restauracji pod różą dla {nights}|oczywiście, na którą", "|czy daleko do kościoła świętej anny|dziesięć minut ulicą jana pawła drugiego",
            "|przyjeżdżamy w maju, {stay}, są wolne pokoje|tak, dwójka za {price}", "|czy śniadanie jest wliczone|tak, w sali królowej jadwigi od siódmej",
            "|proszę oznaczyć rezerwację dla niepalących|zrobione, kod {code}", "|chcę zapłacić rachunek za pokój {room}|razem {price}",
            "|przyjedziemy z psem, jamnik, wabi się reksio|zwierzęta {price} za noc", "|czy jest autobus do szpitala świętego łukasza|linia {room} staje pod hotelem",
            "|czy bar u kowalskiego na placu zbawiciela jest otwarty|tak, do północy", "|mamy pakiet sierpniowy, kod {code}|widzę, {stay}",
            "|czy pokój ma wannę|pokój {room} ma wannę i widok na plac mickiewicza", "|proszę dodać łóżeczko do rezerwacji {code}|gotowe, bez dopłaty",
            "|czy apartament chopin jest wolny {stay}|tak, {price} za noc", "|na rachunku jest {price} to za dużo|sprawdzę, pokój {room}",
            "|czy jest parking przy ulicy marszałkowskiej|tak, {price} za dobę"],
}


# ---------------------------------------------------------------- plain (unlabelled) fillers of slots
HOTELS = {"en": ["the grand", "the victoria", "st james's court", "the albert", "rose and crown inn", "the harbour view"],
          "de": ["hotel adler", "sankt georg", "hotel maximilian", "zur post", "haus elisabeth", "seehof"],
          "fr": ["hôtel saint-louis", "le royal", "hôtel victor hugo", "les tilleuls", "villa marguerite", "hôtel du lac"],
          "it": ["hotel san marco", "villa carlotta", "albergo roma", "hotel giulietta", "palazzo vittoria", "hotel del mare"],
          "es": ["hotel santa maría", "hostal san isidro", "hotel reina victoria", "hotel cervantes", "hotel mirador", "parador"],
          "nl": ["hotel wilhelmina", "hotel sint nicolaas", "het anker", "hotel juliana", "de gouden leeuw", "hotel zeezicht"],
          "pl": ["hotel pod różą", "hotel jan", "hotel świętej barbary", "hotel polonia", "hotel kazimierz", "hotel morski"]}
GEN = {  # (female form, male form), chosen by the gender of the person concerned
    "en": {"title": ("ms", "mr"), "rel": ("wife", "husband"), "col": ("colleague", "colleague"), "boss": ("boss", "manager")},
    "de": {"title": ("frau", "herr"), "rel": ("meine frau", "mein mann"), "col": ("meine kollegin", "mein kollege"), "boss": ("meine chefin", "mein chef")},
    "fr": {"title": ("madame", "monsieur"), "rel": ("ma femme", "mon mari"), "col": ("ma collègue", "mon collègue"), "boss": ("ma patronne", "mon patron"), "ne": ("née", "né")},
    "it": {"title": ("signora", "signor"), "rel": ("mia moglie", "mio marito"), "col": ("la mia collega", "il mio collega"), "boss": ("la mia responsabile", "il mio capo"), "nato": ("nata", "nato")},
    "es": {"title": ("señora", "señor"), "rel": ("mi mujer", "mi marido"), "col": ("mi compañera", "mi compañero"), "boss": ("mi jefa", "mi jefe")},
    "nl": {"title": ("mevrouw", "meneer"), "rel": ("mijn vrouw", "mijn man"), "col": ("collega", "collega"), "boss": ("baas", "leidinggevende")},
    "pl": {"title": ("pani", "pan"), "rel": ("żona", "mąż"), "rel_g": ("żony", "męża"), "col": ("koleżanka", "kolega"), "boss": ("szefowa", "szef")},
}
PL_CALLER = {"pan": ("pani", "pan"), "pana": ("pani", "pana"), "panem": ("panią", "panem"), "pan_v": ("pani", "panie"),
             "moglby": ("mogłaby pani", "mógłby pan"), "am": ("am", "em"), "lem": ("am", "em"), "ya": ("a", "y")}
CURRENCY = {"en": "pounds", "de": "euro", "fr": "euros", "it": "euro", "es": "euros", "nl": "euro", "pl": "złotych"}
PEOPLE = {"en": "people", "de": "personen", "fr": "personnes", "it": "persone", "es": "personas", "nl": "personen"}
PL_GEN_NUM = ["dwóch", "trzech", "czterech", "pięciu", "sześciu"]

# ---------------------------------------------------------------- personas
STYLE = {
    # labels: preferred speaker-label styles; join: how turns are joined; punct: keep / none / odd
    "formal": dict(labels=["agent_caller", "local", "agent_caller", "none"], join=["\n"], punct="keep", case=0.5, filler=0.08,
                   repeat=0.03, correct=0.06, mangle=0.12, wordy=0.35, lookalike=0.6),
    "terse": dict(labels=["ac", "ac", "local", "none"], join=["\n"], punct="none", case=0.0, filler=0.04,
                  repeat=0.02, correct=0.05, mangle=0.2, wordy=0.2, lookalike=0.3),
    "chatty": dict(labels=["none", "none", "agent_caller", "brackets"], join=["\n", " "], punct="none", case=0.0, filler=0.5,
                   repeat=0.25, correct=0.3, mangle=0.25, wordy=0.6, lookalike=0.7),
    "bot": dict(labels=["bot"], join=["\n"], punct="keep_agent", case=0.0, filler=0.1,
                repeat=0.05, correct=0.1, mangle=0.2, wordy=0.8, lookalike=0.3),
    "asr": dict(labels=["none", "brackets", "none"], join=[" ", " ", " / ", "\n"], punct="odd", case=0.0, filler=0.3,
                repeat=0.2, correct=0.15, mangle=0.5, wordy=0.5, lookalike=0.4),
}
PERSONAS = list(STYLE)
LABELS = {"agent_caller": ("Agent: ", "Caller: "), "ac": ("A: ", "C: "), "bot": ("bot: ", "user: "), "brackets": ("[agent] ", "[guest] ")}
LOCAL_LABELS = {"en": ("reception: ", "guest: "), "de": ("Rezeption: ", "Gast: "), "fr": ("réception : ", "client : "),
                "it": ("operatore: ", "cliente: "), "es": ("recepción: ", "cliente: "), "nl": ("receptie: ", "gast: "), "pl": ("recepcja: ", "gość: ")}
FILLERS = {"en": ["uh", "um", "erm", "so", "yeah", "right"], "de": ["äh", "ähm", "also", "ja", "naja"], "fr": ["euh", "bah", "alors", "ben", "bon"],
           "it": ["eh", "ehm", "allora", "cioè", "dunque"], "es": ["eh", "este", "pues", "o sea", "bueno"], "nl": ["eh", "uhm", "nou", "dus", "ja"],
           "pl": ["yyy", "eee", "no", "znaczy", "więc"]}
CORRECT = {"en": ["no sorry", "sorry i mean", "no wait"], "de": ["nein quatsch", "äh nein", "ich meine"], "fr": ["non pardon", "euh non", "enfin"],
           "it": ["no scusi", "cioè", "no aspetti"], "es": ["no perdón", "digo", "bueno no"], "nl": ["nee sorry", "ik bedoel", "nee wacht"],
           "pl": ["nie przepraszam", "znaczy", "nie czekaj"]}

LABELLED = {"full": "PERSON", "given": "PERSON", "sur": "PERSON", "spell": "PERSON", "other": "PERSON", "other_given": "PERSON",
            "agent": "PERSON", "full_g": "PERSON", "full_i": "PERSON", "given_g": "PERSON", "given_i": "PERSON", "given_v": "PERSON",
            "sur_g": "PERSON", "sur_i": "PERSON", "other_g": "PERSON", "other_i": "PERSON", "dob": "DATE_OF_BIRTH", "pass": "PASSPORT",
            "nid": "NATIONAL_ID", "phone": "PHONE", "email": "EMAIL", "card": "CREDIT_CARD", "iban": "IBAN", "ip": "IP_ADDRESS"}
SLOT = re.compile(r"\{(\w+)\}")


def make_ctx(lang, rng, st):
    p = make_person(lang, rng, st["mangle"])
    o = make_person(lang, rng, st["mangle"])
    while o["sur"] == p["sur"]:
        o = make_person(lang, rng, st["mangle"])
    fi = 0 if p["gender"] == "f" else 1
    oi = 0 if o["gender"] == "f" else 1
    w = st["wordy"]
    docv, _ = make_doc(lang, "pass", rng, p)
    nidv, _ = make_doc(lang, "nid", rng, p)
    card = make_card(rng)
    iban = make_iban(lang, rng)
    c = {
        "full": p["full"], "given": p["given"], "sur": p["sur"], "spell": spell(lang, p["sur"], rng),
        "other": o["full"] if rng.random() < 0.7 else o["given"], "other_given": o["given"], "agent": rng.choice(AGENTS[lang]),
        "dob": render_date(lang, p["dob"], rng, w), "pass": render_code(lang, docv, rng, w), "nid": render_code(lang, nidv, rng, w),
        "phone": render_phone(lang, rng, w), "email": render_email(lang, make_email(p, rng, lang), rng, w),
        "card": render_card(lang, card, rng, w), "iban": render_iban(lang, iban, rng, w), "ip": render_ip(lang, make_ip(rng), rng, w),
    }
    if lang == "pl":
        gf, sf = p["pl"]
        ogf, osf = o["pl"]
        c.update(full_g=f"{gf[1]} {sf[1]}", full_i=f"{gf[2]} {sf[2]}", given_g=gf[1], given_i=gf[2], given_v=gf[3],
                 sur_g=sf[1], sur_i=sf[2], other_g=f"{ogf[1]} {osf[1]}", other_i=f"{ogf[2]} {osf[2]}", other=f"{ogf[0]} {osf[0]}")
        for k, v in PL_CALLER.items():
            c[k] = v[fi]
        c["o_a"] = "a" if oi == 0 else ""
    for k, v in GEN[lang].items():
        c[k] = v[fi] if k == "title" or k in ("ne", "nato") else v[oi]
    if lang == "pl":
        c["title"] = GEN["pl"]["title"][fi]
    n = rng.randint(2, 6)
    c.update(hotel=rng.choice(HOTELS[lang]), room=str(rng.randint(101, 530)) if rng.random() < 0.7 else num_words(lang, rng.randint(10, 99)),
             price=f"{rng.randint(59, 420)} {CURRENCY[lang]}", stay=render_stay(lang, rng),
             code=rng.choice([rl(rng, 2) + rnd_digits(rng, 4), "VH" + rnd_digits(rng, 6), rl(rng, 6, UP + "23456789")]),
             nights=(PL_GEN_NUM[n - 2] + " osób") if lang == "pl" else f"{num_words(lang, n)} {PEOPLE[lang]}",
             exp=f"{rng.randint(1, 12):02d}/{rng.randint(25, 31)}")
    c["_p"] = p
    return c


def fill(tpl, ctx, rng, lang, st, caller):
    parts, pos = [], 0
    for m in SLOT.finditer(tpl):
        parts.append((tpl[pos:m.start()], None))
        k = m.group(1)
        t = LABELLED.get(k)
        if k in ("full", "given") and caller and rng.random() < st["correct"]:
            wrong = wrong_given(lang, ctx["_p"], rng)
            if wrong != ctx["given"]:
                parts += [(wrong, "PERSON"), (" " + rng.choice(CORRECT[lang]) + " ", None)]
        parts.append((ctx[k], t))
        pos = m.end()
    parts.append((tpl[pos:], None))
    return parts


def noise(parts, lang, st, rng, caller, speaker_agent_bot):
    punct = st["punct"]
    out = []
    for text, t in parts:
        if t is None:
            if punct == "none" or (punct == "keep_agent" and caller):
                text = re.sub(r"[,.?!¿¡;:]", "", text)
            elif punct == "odd":
                text = re.sub(r"[,.?!¿¡]", "", text)
                text = re.sub(r" (?=\w)", lambda m: rng.choice([" , ", "... ", " - "]) if rng.random() < 0.06 else " ", text)
            if rng.random() < st["repeat"]:
                ws = text.split(" ")
                cand = [i for i, x in enumerate(ws) if len(x) > 1]
                if cand:
                    i = rng.choice(cand)
                    ws.insert(i, ws[i])
                    text = " ".join(ws)
            text = re.sub(r" {2,}", " ", text)
        elif st["case"] and t == "PERSON":
            text = text.title() if rng.random() < st["case"] else text
        out.append((text, t))
    if rng.random() < st["filler"] and not speaker_agent_bot:
        out.insert(0, (rng.choice(FILLERS[lang]) + " ", None))
    # trim the turn
    while out and out[0][1] is None and not out[0][0].strip():
        out.pop(0)
    if out and out[0][1] is None:
        out[0] = (out[0][0].lstrip(), None)
    if out and out[-1][1] is None:
        out[-1] = (out[-1][0].rstrip(), None)
    if out and st["case"] and out[0][1] is None and rng.random() < st["case"]:
        out[0] = (out[0][0][:1].upper() + out[0][0][1:], None)
    return out


def move_turns(tpl, ctx, rng, lang, st, persona):
    turns = []
    segs = tpl.split("|")
    for i, seg in enumerate(segs):
        if not seg.strip():
            continue
        caller = i % 2 == 1
        parts = fill(seg, ctx, rng, lang, st, caller)
        parts = noise(parts, lang, st, rng, caller, persona == "bot" and not caller)
        if parts:
            turns.append((caller, parts))
    return turns


def render(turns, lang, st, rng):
    merged = []
    for caller, parts in turns:
        if merged and merged[-1][0] == caller:
            merged[-1] = (caller, merged[-1][1] + [(" ", None)] + parts)
        else:
            merged.append((caller, parts))
    style = rng.choice(st["labels"])
    if rng.random() < 0.15:
        style = rng.choice(["agent_caller", "ac", "brackets", "none", "local"])
    labels = LOCAL_LABELS[lang] if style == "local" else LABELS.get(style)
    join = rng.choice(st["join"])
    text, spans = "", []
    for j, (caller, parts) in enumerate(merged):
        if j:
            text += join
        if labels:
            text += labels[1 if caller else 0]
        for s, t in parts:
            if t:
                spans.append({"start": len(text), "end": len(text) + len(s), "type": t, "_v": s})
            text += s
    return text, spans


def pii_free(tpl):
    return not any(k in LABELLED for k in SLOT.findall(tpl))


def make_doc_record(lang, idx, negative, rng):
    persona = PERSONAS[idx % len(PERSONAS)] if rng.random() < 0.6 else rng.choice(PERSONAS)
    st = STYLE[persona]
    pool = P[lang][persona]
    sh = SHARED[lang]
    ctx = make_ctx(lang, rng, st)
    if negative:
        opens = [t for t in pool["open"] if pii_free(t)] or ["{hotel}"]
        closes = [t for t in pool["close"] if pii_free(t)]
        moves = [rng.choice(opens)] + rng.sample(sh["neg"], rng.randint(3, 5)) + ([rng.choice(closes)] if closes else [])
    else:
        mid = []
        for k, pr in (("dob", 0.45), ("doc", 0.35), ("phone", 0.5), ("email", 0.45), ("card", 0.22), ("other", 0.4)):
            if rng.random() < pr:
                mid.append(rng.choice(pool[k]))
        for k, pr in (("iban", 0.07), ("ip", 0.05)):
            if rng.random() < pr:
                mid.append(rng.choice(sh[k]))
        nlook = sum(rng.random() < st["lookalike"] for _ in range(2))
        mid += rng.sample(sh["neg"], nlook)
        if len([m for m in mid if not pii_free(m)]) < 1:
            mid.append(rng.choice(pool[rng.choice(["phone", "email", "dob", "doc"])]))
        rng.shuffle(mid)
        names = [rng.choice(pool["name"])]
        if rng.random() < 0.25:
            names.append(rng.choice([t for t in pool["name"] if t != names[0]]))
        if rng.random() < 0.75:
            mid = names + mid
        else:
            mid.insert(rng.randint(0, len(mid)), names[0])
            mid += names[1:]
        moves = [rng.choice(pool["open"])] + mid + [rng.choice(pool["close"])]
    turns = []
    for mv in moves:
        turns += move_turns(mv, ctx, rng, lang, st, persona)
    text, spans = render(turns, lang, st, rng)
    return {"id": f"calls2-{lang}-{idx:03d}-{persona}", "lang": lang, "kind": "negative" if negative else "transcript", "persona": persona,
            "text": text, "spans": spans}


def check(doc):
    text = doc["text"]
    last = -1
    for s in sorted(doc["spans"], key=lambda s: s["start"]):
        v = s.pop("_v")
        assert text[s["start"]:s["end"]] == v, (doc["id"], s, v)
        assert v and v == v.strip(), (doc["id"], v)
        assert s["type"] in TYPES
        assert s["start"] >= last, (doc["id"], "overlap")
        last = s["end"]
        if s["type"] == "CREDIT_CARD" and re.fullmatch(r"[\d \-]+", v):
            assert luhn_ok(re.sub(r"\D", "", v)), (doc["id"], v)
        if s["type"] == "IBAN" and re.fullmatch(r"[A-Z0-9 ]+", v):
            c = v.replace(" ", "")
            assert iban_num(c[4:] + c[:4]) % 97 == 1, (doc["id"], v)
    if doc["kind"] == "negative":
        assert not doc["spans"], doc["id"]
    else:
        assert doc["spans"], doc["id"]
    doc["spans"].sort(key=lambda s: s["start"])


def main():
    rng = random.Random(SEED)
    seen = set()
    for lang in LANGS:
        neg_idx = set(rng.sample(range(PER_LANG), NEG_PER_LANG))
        for i in range(PER_LANG):
            doc = make_doc_record(lang, i, i in neg_idx, rng)
            check(doc)
            assert doc["id"] not in seen
            seen.add(doc["id"])
            out = {"id": doc["id"], "lang": lang, "kind": doc["kind"], "text": doc["text"], "spans": doc["spans"],
                   "extra_spans": []}
            sys.stdout.write(json.dumps(out, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
