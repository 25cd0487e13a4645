#!/usr/bin/env python3
"""Builds the 'calls' PII development set (hand-written templates and name pools, stdlib only).

    python3 bench/pii/calls/build.py > bench/pii/calls/set.jsonl

Deterministic (fixed seed). Every labelled span is checked: text[start:end] must equal the value
that was inserted. See README.md in this directory for the label conventions.
"""

import json
import random
import re
import sys
import unicodedata
from urllib.parse import quote, quote_plus

SEED = 20240611
PER_LANG = {"transcript": 47, "readout": 8, "note": 10, "url": 4, "log": 4, "json": 2, "card": 10, "negative": 15}
LANGS = ["en", "de", "fr", "it", "es", "nl", "pl"]

# --------------------------------------------------------------------------------------------
# checksummed identifiers


def luhn_ok(s):
    total = 0
    for i, ch in enumerate(reversed(s)):
        d = int(ch)
        if i % 2 == 1:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


def card_number(rng):
    kind = rng.choice(["visa", "visa", "visa", "mc", "mc", "mc2", "amex"])
    prefix, length = {
        "visa": (rng.choice(["4", "41", "45", "49"]), 16),
        "mc": (rng.choice(["51", "52", "53", "54", "55"]), 16),
        "mc2": (str(rng.randint(2221, 2720)), 16),
        "amex": (rng.choice(["34", "37"]), 15),
    }[kind]
    body = prefix + "".join(rng.choice("0123456789") for _ in range(length - len(prefix) - 1))
    for c in "0123456789":
        if luhn_ok(body + c):
            return body + c
    raise AssertionError


def not_luhn(rng, length=16, first="1"):
    while True:
        s = first + "".join(rng.choice("0123456789") for _ in range(length - 1))
        if not luhn_ok(s):
            return s


def group_card(num, sep=" "):
    if len(num) == 15:
        return sep.join([num[:4], num[4:10], num[10:]])
    return sep.join(num[i:i + 4] for i in range(0, len(num), 4))


def iban_check(cc, bban):
    num = "".join(str(int(c, 36)) for c in bban + cc + "00")
    return f"{cc}{98 - int(num) % 97:02d}{bban}"


def iban_ok(iban):
    s = iban[4:] + iban[:4]
    return int("".join(str(int(c, 36)) for c in s)) % 97 == 1


def make_iban(rng, cc):
    D = lambda n: "".join(rng.choice("0123456789") for _ in range(n))
    bban = {
        "DE": lambda: D(18), "AT": lambda: D(16), "FR": lambda: D(10) + D(11) + D(2),
        "IT": lambda: rng.choice("ABCDEFGHIJKLMNOPRSTUVWXYZ") + D(10) + D(12), "ES": lambda: D(20),
        "NL": lambda: rng.choice(["ABNA", "RABO", "INGB", "TRIO", "SNSB", "KNAB"]) + D(10), "PL": lambda: D(24),
        "GB": lambda: rng.choice(["NWBK", "BARC", "MIDL", "LOYD", "HBUK"]) + D(14),
        "IE": lambda: rng.choice(["AIBK", "BOFI"]) + D(14), "BE": lambda: D(12), "PT": lambda: D(21),
        "CH": lambda: D(17), "RO": lambda: rng.choice(["RNCB", "BTRL", "INGB"]) + D(16),
    }[cc]()
    ib = iban_check(cc, bban)
    assert iban_ok(ib)
    return ib


def group4(s, sep=" "):
    return sep.join(s[i:i + 4] for i in range(0, len(s), 4))


def dni(rng):
    n = rng.randint(10000000, 79999999)
    return f"{n}{'TRWAGMYFPDXBNJZSQVHLCKE'[n % 23]}"


def nie(rng):
    p = rng.choice("XYZ")
    n = rng.randint(1000000, 9999999)
    return f"{p}{n:07d}{'TRWAGMYFPDXBNJZSQVHLCKE'[int(str('XYZ'.index(p)) + f'{n:07d}') % 23]}"


def bsn(rng):
    while True:
        d = [rng.randint(1, 9)] + [rng.randint(0, 9) for _ in range(8)]
        if (sum(d[i] * (9 - i) for i in range(8)) - d[8]) % 11 == 0:
            return "".join(map(str, d))


def pesel(rng, y, m, d, female):
    mm = m + (20 if y >= 2000 else 0)
    serial = f"{rng.randint(0, 999):03d}"
    sex = rng.choice("02468" if female else "13579")
    s = f"{y % 100:02d}{mm:02d}{d:02d}{serial}{sex}"
    w = [1, 3, 7, 9, 1, 3, 7, 9, 1, 3]
    return s + str((10 - sum(int(c) * w[i] for i, c in enumerate(s)) % 10) % 10)


def pl_idcard(rng):
    letters = "".join(rng.choice("ABCDEFGHJKLMNPRSTUVWXYZ") for _ in range(3))
    digits = [rng.randint(0, 9) for _ in range(5)]
    vals = [int(c, 36) for c in letters] + digits
    w = [7, 3, 1, 7, 3, 1, 7, 3]
    check = sum(v * w[i] for i, v in enumerate(vals)) % 10
    return letters + str(check) + "".join(map(str, digits))


def de_idcard(rng, first="L"):
    alpha = "CFGHJKLMNPRTVWXYZ0123456789"
    return first + "".join(rng.choice(alpha) for _ in range(8))


def it_cf(rng, given, sur, y, m, d, female):
    def letters(s):
        s = strip_accents(s).upper()
        return [c for c in s if c.isalpha()]
    V = "AEIOU"
    def code(s, is_name):
        ls = letters(s)
        cons = [c for c in ls if c not in V]
        vows = [c for c in ls if c in V]
        if is_name and len(cons) >= 4:
            cons = [cons[0], cons[2], cons[3]]
        return ("".join(cons + vows) + "XXX")[:3]
    month = "ABCDEHLMPRST"[m - 1]
    day = d + (40 if female else 0)
    place = rng.choice(["H501", "F205", "F839", "L219", "G273", "A944", "D612", "L736", "Z129", "Z138"])
    body = code(sur, False) + code(given, True) + f"{y % 100:02d}" + month + f"{day:02d}" + place
    odd = {c: v for c, v in zip("0123456789", [1, 0, 5, 7, 9, 13, 15, 17, 19, 21])}
    odd.update({c: v for c, v in zip("ABCDEFGHIJKLMNOPQRSTUVWXYZ",
                                     [1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23])})
    even = {c: int(c) for c in "0123456789"}
    even.update({c: i for i, c in enumerate("ABCDEFGHIJKLMNOPQRSTUVWXYZ")})
    s = sum(odd[c] if i % 2 == 0 else even[c] for i, c in enumerate(body))
    return body + chr(ord("A") + s % 26)


def passport(rng, country):
    D = lambda n: "".join(rng.choice("0123456789") for _ in range(n))
    A = lambda n: "".join(rng.choice("ABCDEFGHJKLMNPRSTUVWXYZ") for _ in range(n))
    return {
        "GB": lambda: D(9), "IE": lambda: A(2) + D(7), "US": lambda: D(9),
        "DE": lambda: "C" + "".join(rng.choice("CFGHJKLMNPRTVWXYZ0123456789") for _ in range(8)),
        "FR": lambda: D(2) + A(2) + D(5), "IT": lambda: rng.choice(["YA", "YB", "YC"]) + D(7),
        "ES": lambda: A(3) + D(6), "NL": lambda: A(2) + "".join(rng.choice("ABCDEFGHJKLMNPRSTUVWXYZ0123456789") for _ in range(6)) + D(1),
        "PL": lambda: A(2) + D(7), "UA": lambda: A(2) + D(6), "TR": lambda: "U" + D(8), "IN": lambda: A(1) + D(7),
    }[country]()


def strip_accents(s):
    s = s.replace("ł", "l").replace("Ł", "L").replace("ß", "ss").replace("ı", "i").replace("ø", "o")
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))


def public_ipv4(rng):
    first = rng.choice([2, 5, 31, 37, 46, 62, 77, 79, 80, 81, 82, 83, 84, 85, 86, 87, 88, 89, 91, 93, 94, 95, 109, 151, 176, 178, 185, 188, 212, 213, 217])
    return f"{first}.{rng.randint(0, 255)}.{rng.randint(0, 255)}.{rng.randint(1, 254)}"


def public_ipv6(rng):
    pre = rng.choice(["2a02:8108", "2a01:e0a", "2a02:a45e", "2001:1c00", "2a00:23c5", "2a02:2f0e", "2a01:112f"])
    tail = ":".join(f"{rng.randint(0, 0xffff):x}" for _ in range(rng.choice([2, 3, 4])))
    return f"{pre}:{tail}::{rng.randint(1, 0xfff):x}" if rng.random() < 0.5 else f"{pre}:{tail}:{rng.randint(1, 0xffff):x}:{rng.randint(1, 0xffff):x}"

# --------------------------------------------------------------------------------------------
# hand-written name pools (given names: f / m; surnames). Written for this set, not drawn from
# any library. Each pool mixes names common in the country today with names of people of
# Turkish, Arabic, Ukrainian, Vietnamese, Indian, Portuguese, Romanian, West African ... background.

NAMES = {
    "en": {
        "f": "Olivia Amelia Isla Emily Sophie Charlotte Hannah Chloe Jessica Lucy Niamh Aoife Siobhan Priya Aisha "
             "Fatima Zainab Ngozi Maeve Harriet Poppy Ellie Freya Anjali Oksana Thanh Ana Ioana Grace Imogen".split(),
        "m": "Oliver George Harry Jack Noah James Thomas William Liam Connor Oisin Daniel Samuel Mohammed Arjun Rohan "
             "Kwame Tomasz Callum Rhys Euan Declan Hamza Bilal Vikram Andriy Duc Joao Florin Alfie Theo".split(),
        "s": ["Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Evans", "Roberts", "Walker", "Wright",
              "Murphy", "O'Brien", "O'Sullivan", "Kelly", "Byrne", "MacDonald", "McAllister", "Patel", "Khan",
              "Ahmed", "Begum", "Singh", "Okafor", "Nguyen", "da Silva", "Kowalski", "Popescu", "Shevchenko",
              "Hughes", "Fitzgerald", "Ellis-Jones", "Harrington-Smythe", "Campbell", "Thompson", "Hussain",
              "Chowdhury", "Adeyemi", "Mensah", "Pereira", "Gallagher", "Doherty", "Sharma", "Baker", "Clarke"],
    },
    "de": {
        "f": "Mia Emma Hannah Lena Lea Marie Anna Laura Katharina Julia Sabine Petra Ursula Jana Leonie Elif Ayşe "
             "Zeynep Olena Mai Fatma Birgit Heike Annika Charlotte Greta Lina Dilara Ioana Svetlana".split(),
        "m": "Lukas Leon Finn Paul Jonas Maximilian Felix Jan Thomas Michael Stefan Andreas Jürgen Klaus Mehmet Emre "
             "Ahmet Yusuf Oleksandr Dmytro Minh Ali Tobias Matthias Uwe Wolfgang Niklas Hüseyin Bogdan Kemal".split(),
        "s": ["Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Schulz", "Hoffmann",
              "Schäfer", "Koch", "Bauer", "Richter", "Klein", "Wolf", "Schröder", "Neumann", "Zimmermann", "Krüger",
              "Hartmann", "Lange", "Werner", "Yılmaz", "Kaya", "Demir", "Öztürk", "Şahin", "Çelik", "Nguyen", "Tran",
              "Kovalenko", "Bondarenko", "Nowak", "Popović", "Al-Hassan", "Schmidt-Bäumer", "von der Heide",
              "Müller-Lüdenscheid", "Großmann", "Weiß", "Vogel", "Haddad", "Rahimi", "Ionescu", "Pereira"],
    },
    "fr": {
        "f": "Emma Jade Louise Alice Chloé Léa Manon Camille Inès Sarah Nathalie Isabelle Sophie Amélie Yasmine Fatou "
             "Aïcha Mélanie Céline Héloïse Margaux Océane Nour Mariam Lan Ioana Anne-Sophie Marie-Claire".split(),
        "m": "Gabriel Louis Raphaël Jules Arthur Lucas Hugo Théo Nicolas Julien Pierre Jean-Luc Jean-Baptiste François "
             "Mohamed Karim Youssef Mamadou António Radu Benoît Mathis Sofiane Ibrahima Quentin Loïc Hoang Rayan".split(),
        "s": ["Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy", "Moreau",
              "Simon", "Laurent", "Lefèvre", "Michel", "Garcia", "David", "Bertrand", "Roux", "Fontaine", "Rousseau",
              "Benali", "Haddad", "Bouzid", "Diallo", "Traoré", "Nguyen", "Pham", "da Costa", "Pereira", "Ferreira",
              "Lefèvre-Martin", "de la Fontaine", "Le Goff", "Saint-Clair", "Girard", "Mercier", "Chevalier",
              "Boyer", "Gauthier", "Kaya", "Ben Salah", "Mendy", "Popescu", "Lemoine"],
    },
    "it": {
        "f": "Sofia Giulia Aurora Alice Ginevra Emma Giorgia Francesca Chiara Martina Federica Valentina Elena "
             "Alessandra Roberta Ioana Fatima Mei Oksana Beatrice Noemi Ilaria Serena Antonella Camilla Nadia Priya".split(),
        "m": "Leonardo Francesco Alessandro Lorenzo Mattia Andrea Gabriele Riccardo Tommaso Giuseppe Marco Luca "
             "Davide Matteo Salvatore Ahmed Mihai Andriy Rajesh Stefano Paolo Vincenzo Gianluca Pietro Youssef Diego".split(),
        "s": ["Rossi", "Russo", "Ferrari", "Esposito", "Bianchi", "Romano", "Colombo", "Ricci", "Marino", "Greco",
              "Bruno", "Gallo", "Conti", "De Luca", "Mancini", "Costa", "Giordano", "Rizzo", "Lombardi", "Moretti",
              "Barbieri", "Fontana", "Santoro", "D'Angelo", "Di Stefano", "Lo Russo", "La Rosa", "Popescu",
              "Hassan", "El Amrani", "Chen", "Singh", "Kaur", "Caruso", "Ferraro", "Galli", "Martinelli",
              "Vitale", "Leone", "Longo", "Gentile", "Dos Santos", "Hu", "Zanetti"],
    },
    "es": {
        "f": "Lucía Sofía Martina María Julia Paula Valeria Emma Daniela Carmen Ana Laura Marta Elena Cristina Nerea "
             "Ainhoa Montserrat Fátima Andreea Lin Rocío Pilar Inmaculada Yolanda Alba Noelia Amina Olga".split(),
        "m": "Hugo Martín Lucas Mateo Leo Daniel Alejandro Pablo Manuel Álvaro Javier José Juan Jordi Iker Mohamed "
             "Youssef Ion Carlos Sergio Raúl Rubén Íñigo Xavier Adrián Gonzalo Wei Mihail Aitor Ignacio".split(),
        "s": ["García", "Rodríguez", "González", "Fernández", "López", "Martínez", "Sánchez", "Pérez", "Gómez",
              "Martín", "Jiménez", "Ruiz", "Hernández", "Díaz", "Moreno", "Muñoz", "Álvarez", "Romero", "Navarro",
              "Torres", "Domínguez", "Gil", "Vázquez", "Serrano", "Castillo", "Ortega", "Puig", "Ferrer",
              "Etxeberria", "El Idrissi", "Benítez", "Popa", "Ibáñez", "Iglesias", "Garrido", "Santana", "Cabrera",
              "Zhang", "Oliveira", "Bouazza", "Vidal", "Soler", "Aguirre"],
    },
    "nl": {
        "f": "Emma Julia Mila Tess Sophie Zoë Sara Nora Eva Anna Fenna Lotte Sanne Femke Inge Marieke Fatima Yasmina "
             "Ayşe Linh Priya Anouk Maud Noor Esmée Ilse Floor Kim Oksana Amira".split(),
        "m": "Noah Daan Sem Lucas Levi Finn Luuk Milan Bram Jesse Thijs Jeroen Sander Pieter Wouter Mohamed Youssef "
             "Mehmet Bilal Kevin Joris Ruben Stijn Gijs Hamza Dirk-Jan Bart Koen Rajesh Quang".split(),
        "s": ["de Jong", "Jansen", "de Vries", "van den Berg", "van Dijk", "Bakker", "Janssen", "Visser", "Smit",
              "Meijer", "de Boer", "Mulder", "de Groot", "Bos", "Vos", "Peters", "Hendriks", "van Leeuwen", "Dekker",
              "Brouwer", "de Wit", "Dijkstra", "van der Meer", "El Amrani", "Yılmaz", "Bouzid", "Nguyen", "Tran",
              "Kaur", "van der Heijden-Kok", "ter Horst", "Kuipers", "Veenstra", "Postma", "Bennani", "Ramdin",
              "Sewdien", "Çelik", "Koster", "Willems", "Aydın", "Hoekstra"],
    },
}

# Polish: (nominative, genitive, instrumental) for given names; surnames declined by rule below.
PL_GIVEN_F = [("Anna", "Anny", "Anną"), ("Katarzyna", "Katarzyny", "Katarzyną"), ("Maria", "Marii", "Marią"),
              ("Małgorzata", "Małgorzaty", "Małgorzatą"), ("Agnieszka", "Agnieszki", "Agnieszką"),
              ("Zofia", "Zofii", "Zofią"), ("Julia", "Julii", "Julią"), ("Magdalena", "Magdaleny", "Magdaleną"),
              ("Joanna", "Joanny", "Joanną"), ("Ewa", "Ewy", "Ewą"), ("Natalia", "Natalii", "Natalią"),
              ("Olena", "Oleny", "Oleną"), ("Oksana", "Oksany", "Oksaną"), ("Aleksandra", "Aleksandry", "Aleksandrą"),
              ("Barbara", "Barbary", "Barbarą"), ("Dorota", "Doroty", "Dorotą"), ("Iwona", "Iwony", "Iwoną"),
              ("Weronika", "Weroniki", "Weroniką"), ("Hanna", "Hanny", "Hanną"), ("Iryna", "Iryny", "Iryną")]
PL_GIVEN_M = [("Jan", "Jana", "Janem"), ("Piotr", "Piotra", "Piotrem"), ("Tomasz", "Tomasza", "Tomaszem"),
              ("Paweł", "Pawła", "Pawłem"), ("Marek", "Marka", "Markiem"), ("Krzysztof", "Krzysztofa", "Krzysztofem"),
              ("Michał", "Michała", "Michałem"), ("Jakub", "Jakuba", "Jakubem"), ("Łukasz", "Łukasza", "Łukaszem"),
              ("Andrzej", "Andrzeja", "Andrzejem"), ("Wojciech", "Wojciecha", "Wojciechem"),
              ("Mateusz", "Mateusza", "Mateuszem"), ("Dmytro", "Dmytra", "Dmytrem"), ("Ahmed", "Ahmeda", "Ahmedem"),
              ("Grzegorz", "Grzegorza", "Grzegorzem"), ("Kacper", "Kacpra", "Kacprem"), ("Bartosz", "Bartosza", "Bartoszem"),
              ("Szymon", "Szymona", "Szymonem"), ("Taras", "Tarasa", "Tarasem"), ("Zbigniew", "Zbigniewa", "Zbigniewem")]
PL_SUR = ["Kowalski", "Wiśniewski", "Wójcik", "Kowalczyk", "Kamiński", "Lewandowski", "Zieliński", "Szymański",
          "Woźniak", "Dąbrowski", "Kozłowski", "Jankowski", "Mazur", "Krawczyk", "Nowak", "Zając", "Król",
          "Wieczorek", "Jabłoński", "Grabowski", "Pawlak", "Michalski", "Nowicki", "Adamczyk", "Dudek",
          "Kaczmarek", "Sikora", "Bondarenko", "Kovalenko", "Nguyen", "Nowak-Jeziorański", "Górecki", "Olszewski"]


def pl_surname(s, female):
    """(nom, gen, instr) of a Polish surname for a man or a woman."""
    if "-" in s:
        parts = [pl_surname(p, female) for p in s.split("-")]
        return tuple("-".join(p[i] for p in parts) for i in range(3))
    if s.endswith(("ski", "cki", "dzki")):
        if female:
            base = s[:-1] + "a"
            return base, s[:-1] + "iej", s[:-1] + "ą"
        return s, s + "ego", s + "m"
    if s.endswith("enko") or s in ("Nguyen",):
        return s, s, s
    if s.endswith("a"):  # Sikora -> Sikory / Sikorą (both genders)
        return s, s[:-1] + "y", s[:-1] + "ą"
    if female:
        return s, s, s
    if s.endswith(("k", "g")):
        return s, s + "a", s + "iem"
    return s, s + "a", s + "em"


# Dudek / Wieczorek lose the e (Dudka, Wieczorka); handled explicitly.
PL_SPECIAL = {"Dudek": ("Dudek", "Dudka", "Dudkiem"), "Wieczorek": ("Wieczorek", "Wieczorka", "Wieczorkiem"),
              "Kaczmarek": ("Kaczmarek", "Kaczmarka", "Kaczmarkiem")}

# --------------------------------------------------------------------------------------------
# per-language speech material. Template lines start with "A " (agent / staff) or "C " (caller);
# {slots} are filled per document. Slots holding personal values are labelled, the others are not.

LANG = {}

LANG["en"] = dict(
    digits="zero one two three four five six seven eight nine".split(), plus="plus",
    at=["at"], dot=["dot"], dash=["dash", "hyphen"], under=["underscore"],
    months="january february march april may june july august september october november december".split(),
    dayw={1: "first", 3: "third", 7: "seventh", 12: "twelfth", 15: "fifteenth", 21: "twenty first", 28: "twenty eighth"},
    yearw={1958: "nineteen fifty eight", 1964: "nineteen sixty four", 1971: "nineteen seventy one",
           1983: "nineteen eighty three", 1988: "nineteen eighty eight", 1995: "nineteen ninety five", 2001: "two thousand and one"},
    spell_fmt="{l} as in {w}", spell_words=dict(zip("abcdefghijklmnopqrstuvwxyz",
        "alpha bravo charlie delta echo foxtrot golf hotel india juliet kilo lima mike november oscar papa quebec "
        "romeo sierra tango uniform victor whiskey x-ray yankee zulu".split())),
    title_f=["mrs", "ms", "miss"], title_m=["mr", "mister"],
    withrel_f=["with my wife", "with my daughter", "with my colleague", "with my mum", "with my girlfriend", "with my sister"],
    withrel_m=["with my husband", "with my son", "with my colleague", "with my dad", "with my partner", "with my brother"],
    hotels=["the harbour view hotel", "kensington park hotel", "the royal crescent", "hotel bellevue", "the old mill inn",
            "the grand at the quay", "seaview lodge"],
    cities=["london", "dublin", "edinburgh", "bath", "york", "galway", "brighton", "cork"],
    speakers=[("agent", "caller"), ("Agent", "Caller"), ("A", "C"), ("bot", "guest"), ("receptionist", "caller")],
    fill=["uh", "um", "erm", "uh", "like", "you know"],
    phone_cc=["GB", "GB", "IE", "US", "DE", "IN"],
    domains=["gmail.com", "hotmail.co.uk", "outlook.com", "yahoo.co.uk", "btinternet.com", "icloud.com", "eircom.net", "sky.com"],
    id_docs=[("passport", "GB"), ("passport", "IE"), ("passport", "US"), ("passport", "IN")],
    open=["A good morning {hotel} this is {staff} speaking how can i help",
          "A hello you're through to {hotel} reception {staff} speaking",
          "A {hotel} good evening how may i help you",
          "A hi thanks for calling {hotel} my name is {staff} how can i help you today",
          "A good afternoon {hotel} you're speaking with {staff}"],
    ident=["C hi uh my name is {full} i've got a booking for next week",
           "C yeah hi it's {full} calling about my reservation",
           "C hello this is {full} um i booked a double room",
           "C hi it's {given} i stayed with you last month and i think i left my charger",
           "A can i take the name on the booking\nC yeah it's under {sur}",
           "A what name is the reservation under\nC {sur} {spell}",
           "A and your surname\nC it's {sur} {spell}",
           "C the reservation is under {full} for three nights",
           "C hi i'm calling for {title} {full} who asked me to change her booking",
           "A may i have your name please\nC uh {gs}",
           "A and the name please\nC {full} that's {spell}",
           "C booking for {full} arriving on {arr}",
           "C hi yeah i'm ringing on behalf of my boss {full} who's got a room with you from {arr}",
           "A could you spell your last name for me\nC sure {spell}",
           "C er yes hello my surname is {sur} first name {given}",
           "A who am i speaking with\nC it's {given}",
           "C hi {staff} it's {given} again from room {room}"],
    phone=["A can i take a contact number\nC yeah it's {phone}",
           "A and a phone number in case we need to reach you\nC uh {phone}",
           "C you can call me back on {phone}",
           "A what's the best number to reach you on\nC my mobile {phone}",
           "C my number is {phone} if anything changes"],
    email=["A and an email address for the confirmation\nC yeah it's {email}",
           "C can you send the invoice to {email}",
           "A could i get your email please\nC sure {email}",
           "C my email is {email} um all lower case"],
    dob=["A and can i get your date of birth please\nC {dob}",
         "A date of birth\nC uh {dob}",
         "C i was born on {dob}",
         "A for the registration card i need your date of birth\nC sure it's {dob}",
         "C dob is {dob}",
         "A and the date of birth for {comp}\nC {dob}"],
    comp=["C it's for me and {comp} we'll be arriving quite late",
          "C i'm coming {withrel} {comp} so we need a double",
          "C yeah it's {withrel} {compfull} they're on the booking as well",
          "C could you add {compfull} as the second guest",
          "C {comp} will check in first i'll be there later on"],
    card=["A how would you like to guarantee the booking\nC by card the number is {card} expiry {exp}",
          "C the card number is {card}",
          "A and the long number on the card\nC {card}"],
    iban=["C for the refund my iban is {iban}",
          "A we'll refund the deposit to which account\nC iban {iban}"],
    passport=["A for the registration we need your passport number\nC it's {passport}",
              "C my passport number is {passport}"],
    nid=[],
    neutral=["C is breakfast included\nA yes breakfast is served from seven to half ten in the restaurant",
             "C is there parking at the hotel\nA yes it's fifteen pounds a night in the garage",
             "C we'll be arriving on {arr} around {time}\nA no problem check in is from three",
             "A that's room {room} for {nights} nights at {price} per night",
             "C can we get a late checkout\nA i can do one o'clock at no extra charge"],
    close=["A lovely thank you {title} {sur} we look forward to seeing you",
           "A perfect thanks {given} bye now",
           "C great thanks {staff} bye",
           "A all done {title} {sur} your reference is {ref}",
           "A thank you for calling have a nice day"],
    readout=["hi this is {full} calling for reception um could someone call me back on {phone} thanks",
             "hello it's {gs} again i'm in room {room} my email is {email} could you send me the invoice",
             "yes hi my name is {full} i was born on {dob} and i need to update my registration",
             "uh hi it's {full} my card number is {card} expiry {exp} please charge the deposit",
             "hi um this message is for {staff} it's {full} please call me on {phone}",
             "hello my name is {sur} {spell} booking reference {ref} my phone is {phone}"],
    note=["Guest {full} (room {room}) requested late checkout, call back on {phone}.",
          "{title_c} {sur} called re: airport transfer on {arr}. Confirmed by {staff}.",
          "VIP arrival: {full}, anniversary - champagne in room {room}. Contact {email}.",
          "lost property: black umbrella left by {full} rm {room}, guest will collect. tel {phone}",
          "{full} DOB {dob} - registration card missing signature, ask at checkout.",
          "Complaint from {full} about noise in {room}, offered 10% off. {staff} to follow up by email ({email}).",
          "called {given} back about the cot for {comp}, all sorted",
          "Early check-in for {title_c} {full} ({nights} nights), passport {passport}.",
          "Taxi booked for {full} at {time}, mobile {phone}."],
    neg_transcript=[
        "C hi i'd like a room with a view of the mark twain bridge if possible\nA let me check for you",
        "C is the spa open in may\nA yes it's open every day from nine until eight",
        "C we'll arrive on {arr} and stay {nights} nights\nA lovely that's {price} per night including breakfast",
        "C i will need a taxi to the station at {time}\nA no problem the concierge will arrange it",
        "C is it far from st mary's church\nA it's about a five minute walk along king street",
        "C my booking reference is {ref}\nA thank you i can see a superior double from {arr}",
        "C do you have rooms with a garden view the rose garden looks lovely on the website\nA we do yes",
        "C can you transfer me to extension {ext} please\nA of course one moment",
        "C hope you can help we need a cot in the room\nA certainly i'll let housekeeping know",
        "C is the grace period for cancellation still forty eight hours\nA yes until {time} two days before arrival",
        "C is the olive tree restaurant open on sundays\nA yes from twelve to nine",
    ],
)

LANG["de"] = dict(
    digits="null eins zwei drei vier fünf sechs sieben acht neun".split(), plus="plus",
    at=["at", "ät"], dot=["punkt"], dash=["bindestrich", "minus"], under=["unterstrich"],
    months="januar februar märz april mai juni juli august september oktober november dezember".split(),
    dayw={1: "ersten", 3: "dritten", 7: "siebten", 12: "zwölften", 15: "fünfzehnten", 21: "einundzwanzigsten", 28: "achtundzwanzigsten"},
    yearw={1958: "neunzehnhundertachtundfünfzig", 1964: "neunzehnhundertvierundsechzig", 1971: "neunzehnhunderteinundsiebzig",
           1983: "neunzehnhundertdreiundachtzig", 1988: "neunzehnhundertachtundachtzig", 1995: "neunzehnhundertfünfundneunzig",
           2001: "zweitausendeins"},
    spell_fmt="{l} wie {w}", spell_words=dict(zip("abcdefghijklmnopqrstuvwxyzäöü",
        "anton berta cäsar dora emil friedrich gustav heinrich ida julius kaufmann ludwig martha nordpol otto paula "
        "quelle richard samuel theodor ulrich viktor wilhelm xanthippe ypsilon zacharias ärger ökonom übermut".split())),
    title_f=["frau"], title_m=["herr"],
    withrel_f=["mit meiner frau", "mit meiner tochter", "mit meiner kollegin", "mit meiner mutter", "mit meiner freundin"],
    withrel_m=["mit meinem mann", "mit meinem sohn", "mit meinem kollegen", "mit meinem vater", "mit meinem partner"],
    hotels=["hotel zur post", "hotel adler", "parkhotel sonnenhof", "hotel kaiserhof", "hotel am marienplatz",
            "landhaus lindenhof", "hotel goldener hirsch"],
    cities=["münchen", "berlin", "hamburg", "köln", "salzburg", "wien", "dresden", "freiburg"],
    speakers=[("agent", "caller"), ("Mitarbeiter", "Anrufer"), ("rezeption", "gast"), ("A", "K"), ("bot", "anrufer")],
    fill=["ähm", "äh", "also", "ja", "hm", "genau"],
    phone_cc=["DE", "DE", "DE", "AT", "CH", "TR"],
    domains=["gmx.de", "web.de", "t-online.de", "gmail.com", "outlook.de", "freenet.de", "gmx.at", "posteo.de", "icloud.com"],
    id_docs=[("personalausweis", "DE"), ("reisepass", "DE"), ("reisepass", "TR"), ("reisepass", "UA")],
    open=["A guten tag {hotel} sie sprechen mit {staff} was kann ich für sie tun",
          "A {hotel} rezeption {staff} am apparat",
          "A grüß gott {hotel} mein name ist {staff} wie kann ich helfen",
          "A schönen guten abend {hotel} was kann ich für sie tun",
          "A hallo hier ist {staff} vom {hotel}"],
    ident=["C ja hallo mein name ist {full} ich hab eine reservierung für nächste woche",
           "C guten tag {full} hier ich wollte meine buchung ändern",
           "C ähm ja hier spricht {full} wegen meiner reservierung",
           "A auf welchen namen läuft die reservierung\nC auf den namen {sur}",
           "A wie ist ihr nachname bitte\nC {sur} {spell}",
           "C ja hallo hier ist {given} ich war letzte woche bei ihnen",
           "C die buchung ist auf {full} für drei nächte",
           "A können sie mir den namen buchstabieren\nC ja klar {spell}",
           "C ich rufe an wegen der reservierung von {title} {full} ab {arr}",
           "A wie war der name\nC {gs} {spell}",
           "C äh ja {sur} mein name ich hatte gestern schon angerufen",
           "C hallo ich hab eine reservierung auf {sur} vorname {given}",
           "A mit wem spreche ich\nC mit {full}",
           "C hallo {staff} hier ist nochmal {given} aus zimmer {room}",
           "C mein chef {full} kommt am {arr} und braucht ein einzelzimmer"],
    phone=["A unter welcher nummer kann ich sie erreichen\nC {phone}",
           "A haben sie eine telefonnummer für uns\nC ja meine handynummer ist {phone}",
           "C rufen sie mich bitte zurück unter {phone}",
           "C meine nummer ist {phone}",
           "A und die telefonnummer\nC ähm {phone}"],
    email=["A und ihre e-mail-adresse für die bestätigung\nC {email}",
           "C schicken sie die rechnung bitte an {email}",
           "A haben sie eine e-mail-adresse\nC ja das ist {email}",
           "C meine e-mail ist {email} alles klein"],
    dob=["A und ihr geburtsdatum bitte\nC {dob}",
         "A geburtsdatum\nC äh {dob}",
         "C ich bin am {dob} geboren",
         "C geboren am {dob}",
         "A für den meldeschein brauche ich noch ihr geburtsdatum\nC ja {dob}",
         "A und das geburtsdatum von {comp}\nC {dob}"],
    comp=["C ich komme {withrel} {comp} wir brauchen also ein doppelzimmer",
          "C es ist für mich und {comp} wir kommen erst spät an",
          "C {withrel} {compfull} steht auch auf der buchung",
          "C können sie bitte {compfull} als zweiten gast eintragen",
          "C {comp} checkt zuerst ein ich komme später nach"],
    card=["A wie möchten sie die buchung garantieren\nC mit kreditkarte die nummer ist {card} gültig bis {exp}",
          "C die kartennummer lautet {card}",
          "A und die lange nummer auf der karte\nC {card}"],
    iban=["C für die rückerstattung meine iban ist {iban}",
          "A auf welches konto dürfen wir die anzahlung zurücküberweisen\nC iban {iban}"],
    passport=["A für den meldeschein brauche ich ihre ausweisnummer\nC die ist {passport}",
              "C meine passnummer ist {passport}"],
    nid=["A und die nummer vom personalausweis\nC {nid}"],
    neutral=["C ist das frühstück inklusive\nA ja frühstück gibt es von sieben bis halb elf",
             "C gibt es parkplätze am hotel\nA ja in der tiefgarage für fünfzehn euro pro nacht",
             "C wir kommen am {arr} gegen {time}\nA kein problem check-in ist ab fünfzehn uhr",
             "A das wäre zimmer {room} für {nights} nächte zu {price} pro nacht",
             "C kann ich später auschecken\nA bis dreizehn uhr geht das ohne aufpreis"],
    close=["A vielen dank {title} {sur} wir freuen uns auf sie",
           "A super danke {given} tschüss",
           "C danke {staff} tschüss",
           "A alles erledigt {title} {sur} ihre buchungsnummer ist {ref}",
           "A danke für ihren anruf schönen tag noch"],
    readout=["hallo hier ist {full} bitte rufen sie mich zurück unter {phone} danke",
             "ja guten tag {gs} zimmer {room} meine e-mail ist {email} bitte schicken sie mir die rechnung",
             "hallo mein name ist {full} geboren am {dob} ich muss meinen meldeschein korrigieren",
             "ähm ja hier ist {full} meine kartennummer ist {card} gültig bis {exp}",
             "hallo die nachricht ist für {staff} hier ist {full} rufen sie mich an unter {phone}",
             "guten tag {sur} {spell} buchungsnummer {ref} meine telefonnummer ist {phone}"],
    note=["Gast {full} (Zi. {room}) möchte Late Check-out, Rückruf unter {phone}.",
          "{title_c} {sur} hat wegen Flughafentransfer am {arr} angerufen. Bestätigt durch {staff}.",
          "VIP-Anreise: {full}, Hochzeitstag - Sekt auf Zimmer {room}. Kontakt {email}.",
          "fundsache: schwarzer schirm von {full} zi {room}, gast holt ab. tel {phone}",
          "{full} geb. {dob} - Meldeschein ohne Unterschrift, bei Abreise nachholen.",
          "Beschwerde von {full} wegen Lärm in {room}, 10 % Nachlass angeboten. {staff} meldet sich per Mail ({email}).",
          "{given} zurückgerufen wegen Babybett für {comp}, erledigt",
          "Early Check-in für {title_c} {full} ({nights} Nächte), Ausweis-Nr. {nid}.",
          "Taxi für {full} um {time} bestellt, Handy {phone}."],
    neg_transcript=[
        "C haben sie im mai noch ein zimmer frei\nA ja vom {arr} hätten wir noch ein doppelzimmer",
        "C wie weit ist es zur frauenkirche\nA etwa zehn minuten zu fuß über die goethestraße",
        "C wir kommen am {arr} und bleiben {nights} nächte\nA gerne das wären {price} pro nacht mit frühstück",
        "C meine buchungsnummer ist {ref}\nA danke ich sehe ein komfortzimmer ab {arr}",
        "C können sie mich mit durchwahl {ext} verbinden\nA ja einen moment bitte",
        "C ist die sauna auch sonntags offen\nA ja täglich von sechzehn bis zweiundzwanzig uhr",
        "C ich bräuchte um {time} ein taxi zum hauptbahnhof\nA kein problem der concierge kümmert sich",
        "C das restaurant zur goldenen rose ist das im haus\nA ja im erdgeschoss neben der rezeption",
        "C gibt es einen shuttle zur messe\nA ja der fährt stündlich ab der karl-marx-allee",
        "C hoffentlich ist noch was frei zur wiesn\nA leider sind wir da ausgebucht",
    ],
)

LANG["fr"] = dict(
    digits="zéro un deux trois quatre cinq six sept huit neuf".split(), plus="plus",
    at=["arobase", "at"], dot=["point"], dash=["tiret"], under=["tiret du bas", "underscore"],
    months="janvier février mars avril mai juin juillet août septembre octobre novembre décembre".split(),
    dayw={1: "premier", 3: "trois", 7: "sept", 12: "douze", 15: "quinze", 21: "vingt et un", 28: "vingt-huit"},
    yearw={1958: "mille neuf cent cinquante-huit", 1964: "mille neuf cent soixante-quatre", 1971: "mille neuf cent soixante et onze",
           1983: "mille neuf cent quatre-vingt-trois", 1988: "mille neuf cent quatre-vingt-huit",
           1995: "mille neuf cent quatre-vingt-quinze", 2001: "deux mille un"},
    spell_fmt="{l} comme {w}", spell_words=dict(zip("abcdefghijklmnopqrstuvwxyz",
        "anatole berthe célestin désiré eugène françois gaston henri irma joseph kléber louis marcel nicolas oscar "
        "pierre quintal raoul suzanne thérèse ursule victor william xavier yvonne zoé".split())),
    title_f=["madame", "mme"], title_m=["monsieur", "m"],
    withrel_f=["avec ma femme", "avec ma fille", "avec ma collègue", "avec ma mère", "avec ma compagne"],
    withrel_m=["avec mon mari", "avec mon fils", "avec mon collègue", "avec mon père", "avec mon compagnon"],
    hotels=["hôtel du parc", "hôtel saint-louis", "le grand hôtel", "hôtel des voyageurs", "hôtel victor hugo",
            "la bastide des oliviers", "hôtel du lac"],
    cities=["paris", "lyon", "nice", "bordeaux", "annecy", "strasbourg", "marseille", "genève"],
    speakers=[("agent", "caller"), ("Agent", "Client"), ("réception", "client"), ("A", "C"), ("bot", "appelant")],
    fill=["euh", "ben", "bah", "hein", "voilà", "du coup"],
    phone_cc=["FR", "FR", "FR", "BE", "CH", "FR"],
    domains=["orange.fr", "free.fr", "gmail.com", "hotmail.fr", "laposte.net", "sfr.fr", "wanadoo.fr", "yahoo.fr", "skynet.be"],
    id_docs=[("passeport", "FR"), ("passeport", "FR"), ("passeport", "IT")],
    open=["A {hotel} bonjour {staff} à l'appareil",
          "A {hotel} bonsoir je vous écoute",
          "A bonjour {hotel} vous êtes en ligne avec {staff} que puis-je faire pour vous",
          "A réception {hotel} {staff} bonjour",
          "A bonjour ici {staff} de la réception"],
    ident=["C oui bonjour je m'appelle {full} j'ai une réservation pour la semaine prochaine",
           "C bonjour c'est {full} euh j'appelle pour ma réservation",
           "C allô oui {full} à l'appareil je voudrais modifier ma réservation",
           "A à quel nom est la réservation\nC au nom de {sur}",
           "A votre nom s'il vous plaît\nC {sur} {spell}",
           "C oui bonjour c'est {given} j'étais chez vous le mois dernier",
           "C la réservation est au nom de {full} pour trois nuits",
           "A vous pouvez m'épeler le nom\nC oui {spell}",
           "C j'appelle pour {title} {full} qui a une chambre chez vous à partir du {arr}",
           "A c'est à quel nom\nC {gs} {spell}",
           "C euh oui c'est {sur} j'ai déjà appelé hier",
           "C bonjour j'ai réservé au nom de {sur} prénom {given}",
           "A je suis en ligne avec qui\nC avec {full}",
           "C bonjour {staff} c'est encore {given} de la chambre {room}",
           "C mon patron {full} arrive le {arr} il lui faut une chambre simple"],
    phone=["A à quel numéro je peux vous joindre\nC {phone}",
           "A vous avez un numéro de téléphone\nC oui mon portable c'est le {phone}",
           "C vous pouvez me rappeler au {phone}",
           "C mon numéro c'est le {phone}",
           "A et le téléphone\nC euh {phone}"],
    email=["A et votre adresse mail pour la confirmation\nC {email}",
           "C envoyez la facture à {email} s'il vous plaît",
           "A vous avez une adresse e-mail\nC oui c'est {email}",
           "C mon mail c'est {email} tout en minuscules"],
    dob=["A et votre date de naissance\nC {dob}",
         "A date de naissance\nC euh {dob}",
         "C je suis {born} le {dob}",
         "A pour la fiche de police j'ai besoin de votre date de naissance\nC oui le {dob}",
         "A et la date de naissance de {comp}\nC {dob}"],
    comp=["C je viens {withrel} {comp} donc il nous faut une chambre double",
          "C c'est pour moi et {comp} on arrivera tard",
          "C {withrel} {compfull} qui est aussi sur la réservation",
          "C vous pouvez ajouter {compfull} comme deuxième personne",
          "C {comp} arrivera en premier moi je viens plus tard"],
    card=["A comment souhaitez-vous garantir la réservation\nC par carte le numéro c'est {card} expiration {exp}",
          "C le numéro de la carte c'est {card}",
          "A et les seize chiffres de la carte\nC {card}"],
    iban=["C pour le remboursement mon iban c'est {iban}",
          "A sur quel compte on rembourse l'acompte\nC iban {iban}"],
    passport=["A pour la fiche de police il me faut votre numéro de passeport\nC c'est {passport}",
              "C mon numéro de passeport est {passport}"],
    nid=[],
    neutral=["C le petit déjeuner est compris\nA oui il est servi de sept heures à dix heures et demie",
             "C il y a un parking\nA oui vingt euros la nuit au sous-sol",
             "C on arrive le {arr} vers {time}\nA pas de souci l'enregistrement est à partir de quinze heures",
             "A ce sera la chambre {room} pour {nights} nuits à {price} la nuit",
             "C on peut partir plus tard\nA jusqu'à treize heures sans supplément"],
    close=["A merci beaucoup {title} {sur} à bientôt",
           "A parfait merci {given} au revoir",
           "C merci {staff} au revoir",
           "A c'est noté {title} {sur} votre numéro de réservation est le {ref}",
           "A merci de votre appel bonne journée"],
    readout=["bonjour c'est {full} pouvez-vous me rappeler au {phone} merci",
             "oui bonjour {gs} chambre {room} mon mail c'est {email} pour la facture",
             "bonjour je m'appelle {full} je suis {born} le {dob} il faut corriger ma fiche",
             "euh oui c'est {full} le numéro de ma carte c'est {card} expiration {exp}",
             "bonjour c'est un message pour {staff} c'est {full} rappelez-moi au {phone}",
             "bonjour {sur} {spell} réservation {ref} mon téléphone c'est le {phone}"],
    note=["Client {full} (ch. {room}) souhaite un départ tardif, rappeler au {phone}.",
          "{title_c} {sur} a appelé pour le transfert aéroport du {arr}. Confirmé par {staff}.",
          "Arrivée VIP : {full}, anniversaire de mariage - champagne en chambre {room}. Contact {email}.",
          "objet trouvé : parapluie noir laissé par {full} ch {room}, le client passe le chercher. tél {phone}",
          "{full} né(e) le {dob} - fiche de police non signée, à faire au départ.",
          "Réclamation de {full} (bruit ch. {room}), geste commercial 10 %. {staff} recontacte par mail ({email}).",
          "rappelé {given} pour le lit bébé de {comp}, ok",
          "Arrivée anticipée pour {title_c} {full} ({nights} nuits), passeport {passport}.",
          "Taxi réservé pour {full} à {time}, portable {phone}."],
    neg_transcript=[
        "C vous avez encore une chambre en mai\nA oui à partir du {arr} il nous reste une double",
        "C c'est loin de la sainte-chapelle\nA non dix minutes à pied par la rue victor hugo",
        "C on arrive le {arr} pour {nights} nuits\nA très bien ça fait {price} la nuit petit déjeuner compris",
        "C mon numéro de réservation c'est {ref}\nA merci je vois une chambre supérieure à partir du {arr}",
        "C vous pouvez me passer le poste {ext}\nA oui un instant",
        "C le spa est ouvert le dimanche\nA oui tous les jours de neuf heures à vingt heures",
        "C il me faudrait un taxi pour la gare à {time}\nA pas de problème le concierge s'en occupe",
        "C le restaurant la rose des vents c'est dans l'hôtel\nA oui au rez-de-chaussée",
        "C la chambre donne sur la place saint-pierre\nA oui avec vue sur l'église",
        "C grâce à vous on a trouvé le parking merci\nA avec plaisir",
    ],
)

LANG["it"] = dict(
    digits="zero uno due tre quattro cinque sei sette otto nove".split(), plus="più",
    at=["chiocciola"], dot=["punto"], dash=["trattino"], under=["underscore", "trattino basso"],
    months="gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre dicembre".split(),
    dayw={1: "primo", 3: "tre", 7: "sette", 12: "dodici", 15: "quindici", 21: "ventuno", 28: "ventotto"},
    yearw={1958: "millenovecentocinquantotto", 1964: "millenovecentosessantaquattro", 1971: "millenovecentosettantuno",
           1983: "millenovecentoottantatré", 1988: "millenovecentoottantotto", 1995: "millenovecentonovantacinque",
           2001: "duemilauno"},
    spell_fmt="{l} come {w}", spell_words=dict(zip("abcdefghijklmnopqrstuvwxyz",
        "ancona bologna como domodossola empoli firenze genova hotel imola jolly kursaal livorno milano napoli "
        "otranto palermo quarto roma savona torino udine venezia washington xeres yacht zara".split())),
    title_f=["signora"], title_m=["signor", "dottor"],
    withrel_f=["con mia moglie", "con mia figlia", "con la mia collega", "con mia madre", "con la mia compagna"],
    withrel_m=["con mio marito", "con mio figlio", "con il mio collega", "con mio padre", "con il mio compagno"],
    hotels=["hotel santa maria", "albergo roma", "hotel villa flora", "grand hotel excelsior", "hotel san giorgio",
            "hotel bellavista", "locanda al ponte"],
    cities=["roma", "milano", "firenze", "venezia", "napoli", "bologna", "verona", "como"],
    speakers=[("agent", "caller"), ("Operatore", "Cliente"), ("reception", "ospite"), ("A", "C"), ("bot", "chiamante")],
    fill=["ehm", "eh", "cioè", "allora", "praticamente", "boh"],
    phone_cc=["IT", "IT", "IT", "CH", "RO", "IT"],
    domains=["libero.it", "virgilio.it", "gmail.com", "alice.it", "tiscali.it", "hotmail.it", "yahoo.it", "fastwebnet.it"],
    id_docs=[("passaporto", "IT"), ("carta d'identità", "IT"), ("passaporto", "UA")],
    open=["A buongiorno {hotel} sono {staff} come posso aiutarla",
          "A {hotel} reception buonasera",
          "A pronto {hotel} parla {staff}",
          "A buongiorno {hotel} mi chiamo {staff} in cosa posso esserle utile",
          "A salve sono {staff} della reception"],
    ident=["C sì buongiorno mi chiamo {full} ho una prenotazione per la settimana prossima",
           "C buongiorno sono {full} ehm chiamo per la mia prenotazione",
           "C pronto sì parlo con la reception sono {full}",
           "A a che nome è la prenotazione\nC a nome {sur}",
           "A il cognome per favore\nC {sur} {spell}",
           "C sì salve sono {given} ero da voi il mese scorso",
           "C la prenotazione è a nome di {full} per tre notti",
           "A mi può fare lo spelling del cognome\nC sì {spell}",
           "C chiamo per conto di {full} che ha una camera da voi dal {arr}",
           "A nome e cognome\nC {gs} {spell}",
           "C eh sì {sur} avevo già chiamato ieri",
           "C buongiorno ho prenotato a nome {sur} nome {given}",
           "A con chi parlo\nC con {full}",
           "C ciao {staff} sono ancora {given} della camera {room}",
           "C il mio capo {full} arriva il {arr} e gli serve una singola"],
    phone=["A a che numero posso richiamarla\nC {phone}",
           "A mi lascia un recapito telefonico\nC sì il cellulare è {phone}",
           "C mi può richiamare al {phone}",
           "C il mio numero è {phone}",
           "A e il telefono\nC ehm {phone}"],
    email=["A e l'indirizzo email per la conferma\nC {email}",
           "C mi mandi la fattura a {email} per favore",
           "A ha un indirizzo email\nC sì è {email}",
           "C la mia mail è {email} tutto minuscolo"],
    dob=["A e la data di nascita\nC {dob}",
         "A data di nascita\nC eh {dob}",
         "C sono {born} il {dob}",
         "A per la schedina alloggiati mi serve la data di nascita\nC sì il {dob}",
         "A e la data di nascita di {comp}\nC {dob}"],
    comp=["C vengo {withrel} {comp} quindi ci serve una matrimoniale",
          "C è per me e {comp} arriviamo tardi",
          "C {withrel} {compfull} che è anche nella prenotazione",
          "C può aggiungere {compfull} come secondo ospite",
          "C {comp} fa il check-in prima io arrivo dopo"],
    card=["A come vuole garantire la prenotazione\nC con la carta il numero è {card} scadenza {exp}",
          "C il numero della carta è {card}",
          "A e il numero lungo della carta\nC {card}"],
    iban=["C per il rimborso il mio iban è {iban}",
          "A su quale conto rimborsiamo la caparra\nC iban {iban}"],
    passport=["A per la schedina mi serve il numero del documento\nC è {passport}",
              "C il numero del passaporto è {passport}"],
    nid=["A e il codice fiscale per la fattura\nC {nid}"],
    neutral=["C la colazione è inclusa\nA sì viene servita dalle sette alle dieci e mezza",
             "C c'è un parcheggio\nA sì venti euro a notte nel garage",
             "C arriviamo il {arr} verso le {time}\nA nessun problema il check-in è dalle quindici",
             "A allora camera {room} per {nights} notti a {price} a notte",
             "C possiamo lasciare la camera più tardi\nA fino alle tredici senza supplemento"],
    close=["A grazie mille {title} {sur} a presto",
           "A perfetto grazie {given} arrivederci",
           "C grazie {staff} arrivederci",
           "A fatto {title} {sur} il numero di prenotazione è {ref}",
           "A grazie per la chiamata buona giornata"],
    readout=["buongiorno sono {full} mi può richiamare al {phone} grazie",
             "sì salve {gs} camera {room} la mia mail è {email} per la fattura",
             "buongiorno mi chiamo {full} sono {born} il {dob} devo correggere la registrazione",
             "eh sì sono {full} il numero della carta è {card} scadenza {exp}",
             "buongiorno messaggio per {staff} sono {full} mi richiami al {phone}",
             "buongiorno {sur} {spell} prenotazione {ref} il mio telefono è {phone}"],
    note=["Ospite {full} (cam. {room}) chiede late check-out, richiamare al {phone}.",
          "{title_c} {sur} ha chiamato per il transfer aeroporto del {arr}. Confermato da {staff}.",
          "Arrivo VIP: {full}, anniversario - prosecco in camera {room}. Contatto {email}.",
          "oggetti smarriti: ombrello nero lasciato da {full} cam {room}, passa a ritirarlo. tel {phone}",
          "{full} nato/a il {dob} - schedina non firmata, far firmare alla partenza.",
          "Reclamo di {full} per rumore in camera {room}, offerto sconto 10%. {staff} ricontatta via mail ({email}).",
          "richiamato {given} per la culla di {comp}, ok",
          "Check-in anticipato per {title_c} {full} ({nights} notti), CF {nid}.",
          "Taxi prenotato per {full} alle {time}, cell. {phone}."],
    neg_transcript=[
        "C avete ancora una camera a maggio\nA sì dal {arr} abbiamo ancora una doppia",
        "C quanto dista dalla basilica di san marco\nA circa dieci minuti a piedi lungo via giuseppe verdi",
        "C arriviamo il {arr} per {nights} notti\nA perfetto sono {price} a notte con colazione",
        "C il mio numero di prenotazione è {ref}\nA grazie vedo una superior dal {arr}",
        "C mi passa l'interno {ext}\nA certo un attimo",
        "C la spa è aperta la domenica\nA sì tutti i giorni dalle nove alle venti",
        "C mi serve un taxi per la stazione alle {time}\nA nessun problema ci pensa il concierge",
        "C il ristorante la rosa è dentro l'hotel\nA sì al piano terra",
        "C la camera ha vista su piazza santa maria novella\nA sì quella al quarto piano",
        "C speriamo ci sia il sole a maggio\nA di solito sì",
    ],
)

LANG["es"] = dict(
    digits="cero uno dos tres cuatro cinco seis siete ocho nueve".split(), plus="más",
    at=["arroba"], dot=["punto"], dash=["guion"], under=["guion bajo"],
    months="enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre".split(),
    dayw={1: "uno", 3: "tres", 7: "siete", 12: "doce", 15: "quince", 21: "veintiuno", 28: "veintiocho"},
    yearw={1958: "mil novecientos cincuenta y ocho", 1964: "mil novecientos sesenta y cuatro", 1971: "mil novecientos setenta y uno",
           1983: "mil novecientos ochenta y tres", 1988: "mil novecientos ochenta y ocho", 1995: "mil novecientos noventa y cinco",
           2001: "dos mil uno"},
    spell_fmt="{l} de {w}", spell_words=dict(zip("abcdefghijklmnopqrstuvwxyzñ",
        "antonio barcelona carmen dolores enrique francia gerona historia inés josé kilo lorenzo madrid navarra oviedo "
        "parís querido ramón sábado tarragona ulises valencia washington xilófono yegua zaragoza ñandú".split())),
    title_f=["señora", "doña"], title_m=["señor", "don"],
    withrel_f=["con mi mujer", "con mi hija", "con mi compañera", "con mi madre", "con mi novia"],
    withrel_m=["con mi marido", "con mi hijo", "con mi compañero", "con mi padre", "con mi novio"],
    hotels=["hotel san miguel", "hostal la paloma", "hotel reina victoria", "parador de santiago", "hotel casa del mar",
            "hotel los olivos", "hotel plaza mayor"],
    cities=["madrid", "barcelona", "sevilla", "valencia", "málaga", "bilbao", "granada", "palma"],
    speakers=[("agent", "caller"), ("Agente", "Cliente"), ("recepción", "huésped"), ("A", "C"), ("bot", "llamante")],
    fill=["eh", "ehm", "pues", "o sea", "bueno", "vale"],
    phone_cc=["ES", "ES", "ES", "ES", "RO", "PT"],
    domains=["gmail.com", "hotmail.es", "yahoo.es", "telefonica.net", "outlook.es", "movistar.es", "icloud.com"],
    id_docs=[("pasaporte", "ES"), ("pasaporte", "IT"), ("pasaporte", "UA")],
    open=["A buenos días {hotel} le atiende {staff} en qué puedo ayudarle",
          "A {hotel} recepción buenas tardes",
          "A {hotel} dígame",
          "A hola {hotel} soy {staff} en qué le puedo ayudar",
          "A buenas noches le habla {staff} de recepción"],
    ident=["C sí hola me llamo {full} tengo una reserva para la semana que viene",
           "C buenos días soy {full} eh llamo por mi reserva",
           "C hola sí le habla {full} quería cambiar la reserva",
           "A a nombre de quién está la reserva\nC a nombre de {sur}",
           "A su apellido por favor\nC {sur} {spell}",
           "C hola soy {given} estuve con ustedes el mes pasado",
           "C la reserva está a nombre de {full} para tres noches",
           "A me lo puede deletrear\nC sí {spell}",
           "C llamo de parte de {title} {full} que tiene una habitación desde el {arr}",
           "A nombre y apellidos\nC {gs} {spell}",
           "C eh sí {sur} ya llamé ayer",
           "C buenas tengo una reserva a nombre de {sur} de nombre {given}",
           "A con quién hablo\nC con {full}",
           "C hola {staff} soy otra vez {given} de la habitación {room}",
           "C mi jefe {full} llega el {arr} y necesita una individual"],
    phone=["A a qué número le puedo llamar\nC {phone}",
           "A me deja un teléfono de contacto\nC sí el móvil es el {phone}",
           "C me puede llamar al {phone}",
           "C mi número es el {phone}",
           "A y el teléfono\nC eh {phone}"],
    email=["A y un correo electrónico para la confirmación\nC {email}",
           "C mándeme la factura a {email} por favor",
           "A tiene un email\nC sí es {email}",
           "C mi correo es {email} todo en minúsculas"],
    dob=["A y su fecha de nacimiento\nC {dob}",
         "A fecha de nacimiento\nC eh {dob}",
         "C nací el {dob}",
         "C fecha de nacimiento {dob}",
         "A para el parte de viajeros necesito su fecha de nacimiento\nC sí el {dob}",
         "A y la fecha de nacimiento de {comp}\nC {dob}"],
    comp=["C voy {withrel} {comp} así que necesitamos una doble",
          "C es para mí y {comp} llegaremos tarde",
          "C {withrel} {compfull} que también está en la reserva",
          "C puede añadir a {compfull} como segundo huésped",
          "C {comp} hace el check-in primero yo llego después"],
    card=["A cómo quiere garantizar la reserva\nC con tarjeta el número es {card} caduca {exp}",
          "C el número de la tarjeta es {card}",
          "A y el número largo de la tarjeta\nC {card}"],
    iban=["C para la devolución mi iban es {iban}",
          "A a qué cuenta le devolvemos la señal\nC iban {iban}"],
    passport=["A para el parte de viajeros necesito el número de pasaporte\nC es {passport}",
              "C mi número de pasaporte es {passport}"],
    nid=["A y el número del dni\nC {nid}", "C mi dni es {nid}", "A su nie por favor\nC {nie}"],
    neutral=["C el desayuno está incluido\nA sí se sirve de siete a diez y media",
             "C hay aparcamiento\nA sí veinte euros la noche en el garaje",
             "C llegamos el {arr} sobre las {time}\nA sin problema el check-in es a partir de las tres",
             "A entonces la habitación {room} para {nights} noches a {price} la noche",
             "C podemos salir más tarde\nA hasta la una sin suplemento"],
    close=["A muchas gracias {title} {sur} hasta pronto",
           "A perfecto gracias {given} adiós",
           "C gracias {staff} adiós",
           "A listo {title} {sur} su localizador es {ref}",
           "A gracias por llamar buen día"],
    readout=["hola soy {full} me puede llamar al {phone} gracias",
             "sí hola {gs} habitación {room} mi correo es {email} para la factura",
             "buenos días me llamo {full} nací el {dob} tengo que corregir el registro",
             "eh sí soy {full} el número de la tarjeta es {card} caduca {exp}",
             "hola mensaje para {staff} soy {full} llámeme al {phone}",
             "buenas {sur} {spell} localizador {ref} mi teléfono es el {phone}"],
    note=["Cliente {full} (hab. {room}) pide salida tardía, llamar al {phone}.",
          "{title_c} {sur} llamó por el traslado al aeropuerto del {arr}. Confirmado por {staff}.",
          "Llegada VIP: {full}, aniversario - cava en la habitación {room}. Contacto {email}.",
          "objeto perdido: paraguas negro de {full} hab {room}, pasa a recogerlo. tel {phone}",
          "{full} fecha nac. {dob} - parte de viajeros sin firmar, pedir en la salida.",
          "Queja de {full} por ruido en la {room}, ofrecido 10 % de descuento. {staff} contesta por correo ({email}).",
          "llamado {given} por la cuna para {comp}, ok",
          "Entrada anticipada para {title_c} {full} ({nights} noches), DNI {nid}.",
          "Taxi reservado para {full} a las {time}, móvil {phone}."],
    neg_transcript=[
        "C tienen habitación en mayo\nA sí desde el {arr} nos queda una doble",
        "C está lejos de la sagrada familia\nA unos diez minutos andando por la calle de alcalá",
        "C llegamos el {arr} para {nights} noches\nA perfecto son {price} la noche con desayuno",
        "C mi localizador es {ref}\nA gracias veo una superior desde el {arr}",
        "C me pasa con la extensión {ext}\nA claro un momento",
        "C el spa abre los domingos\nA sí todos los días de nueve a ocho",
        "C necesito un taxi a la estación de atocha a las {time}\nA sin problema lo pide el conserje",
        "C el restaurante la rosa está en el hotel\nA sí en la planta baja",
        "C la habitación da a la plaza de san juan\nA sí con vistas a la iglesia",
        "C con la esperanza de que haga sol en mayo\nA seguro que sí",
    ],
)

LANG["nl"] = dict(
    digits="nul een twee drie vier vijf zes zeven acht negen".split(), plus="plus",
    at=["apenstaartje", "at"], dot=["punt"], dash=["streepje", "min"], under=["underscore", "liggend streepje"],
    months="januari februari maart april mei juni juli augustus september oktober november december".split(),
    dayw={1: "een", 3: "drie", 7: "zeven", 12: "twaalf", 15: "vijftien", 21: "eenentwintig", 28: "achtentwintig"},
    yearw={1958: "negentien achtenvijftig", 1964: "negentien vierenzestig", 1971: "negentien eenenzeventig",
           1983: "negentien drieëntachtig", 1988: "negentien achtentachtig", 1995: "negentien vijfennegentig",
           2001: "tweeduizend een"},
    spell_fmt="{l} van {w}", spell_words=dict(zip("abcdefghijklmnopqrstuvwxyz",
        "anna bernard cornelis dirk eduard ferdinand gerard hendrik izaak jan karel lodewijk maria nico otto pieter "
        "quotiënt rudolf simon teunis utrecht victor willem xantippe ypsilon zaandam".split())),
    title_f=["mevrouw"], title_m=["meneer", "de heer"],
    withrel_f=["met mijn vrouw", "met mijn dochter", "met mijn collega", "met mijn moeder", "met mijn vriendin"],
    withrel_m=["met mijn man", "met mijn zoon", "met mijn collega", "met mijn vader", "met mijn vriend"],
    hotels=["hotel de gouden leeuw", "hotel het wapen van amsterdam", "hotel de doelen", "grand hotel huis ter duin",
            "hotel de roode roos", "stadshotel de prins", "hotel aan de gracht"],
    cities=["amsterdam", "utrecht", "den haag", "rotterdam", "maastricht", "groningen", "leiden", "gent"],
    speakers=[("agent", "caller"), ("Medewerker", "Beller"), ("receptie", "gast"), ("A", "B"), ("bot", "beller")],
    fill=["eh", "uhm", "nou", "dus", "zeg maar", "ja"],
    phone_cc=["NL", "NL", "NL", "BE", "NL", "DE"],
    domains=["ziggo.nl", "kpnmail.nl", "gmail.com", "hotmail.nl", "outlook.com", "xs4all.nl", "planet.nl", "telenet.be"],
    id_docs=[("paspoort", "NL"), ("identiteitskaart", "NL"), ("paspoort", "TR")],
    open=["A goedemorgen {hotel} u spreekt met {staff}",
          "A {hotel} receptie goedenavond",
          "A goedendag {hotel} met {staff} waarmee kan ik u helpen",
          "A hallo {hotel} je spreekt met {staff}",
          "A goedemiddag receptie met {staff}"],
    ident=["B ja hallo met {full} ik heb een reservering voor volgende week",
           "B goedemorgen u spreekt met {full} eh ik bel over mijn boeking",
           "B hoi met {given} ik was vorige maand bij jullie",
           "A op welke naam staat de reservering\nB op naam van {sur}",
           "A uw achternaam alstublieft\nB {sur} {spell}",
           "B de reservering staat op naam van {full} voor drie nachten",
           "A kunt u dat spellen\nB ja {spell}",
           "B ik bel namens {title} {full} die heeft een kamer vanaf {arr}",
           "A uw naam\nB {gs} {spell}",
           "B eh ja {sur} ik had gisteren al gebeld",
           "B hallo ik heb gereserveerd op naam {sur} voornaam {given}",
           "A met wie spreek ik\nB met {full}",
           "B hoi {staff} met {given} nog een keer van kamer {room}",
           "B mijn naam is {full} en ik wil mijn boeking wijzigen",
           "B mijn baas {full} komt op {arr} en heeft een eenpersoonskamer nodig"],
    phone=["A op welk nummer kan ik u bereiken\nB {phone}",
           "A heeft u een telefoonnummer voor ons\nB ja mijn mobiel is {phone}",
           "B u kunt me terugbellen op {phone}",
           "B mijn nummer is {phone}",
           "A en het telefoonnummer\nB eh {phone}"],
    email=["A en uw e-mailadres voor de bevestiging\nB {email}",
           "B kunt u de factuur sturen naar {email}",
           "A heeft u een e-mailadres\nB ja dat is {email}",
           "B mijn mail is {email} alles met kleine letters"],
    dob=["A en uw geboortedatum\nB {dob}",
         "A geboortedatum\nB eh {dob}",
         "B ik ben geboren op {dob}",
         "B geboren {dob}",
         "A voor het nachtregister heb ik uw geboortedatum nodig\nB ja {dob}",
         "A en de geboortedatum van {comp}\nB {dob}"],
    comp=["B ik kom {withrel} {comp} dus we hebben een tweepersoonskamer nodig",
          "B het is voor mij en {comp} we komen laat aan",
          "B {withrel} {compfull} die staat ook op de boeking",
          "B kunt u {compfull} als tweede gast toevoegen",
          "B {comp} checkt eerst in ik kom later"],
    card=["A hoe wilt u de boeking garanderen\nB met creditcard het nummer is {card} geldig tot {exp}",
          "B het kaartnummer is {card}",
          "A en het lange nummer op de kaart\nB {card}"],
    iban=["B voor de terugbetaling mijn iban is {iban}",
          "A op welke rekening mogen we de aanbetaling terugstorten\nB iban {iban}"],
    passport=["A voor het nachtregister heb ik uw paspoortnummer nodig\nB dat is {passport}",
              "B mijn paspoortnummer is {passport}"],
    nid=["A en uw bsn voor de zakelijke factuur\nB {nid}"],
    neutral=["B is het ontbijt inbegrepen\nA ja het ontbijt is van zeven tot half elf",
             "B is er parkeergelegenheid\nA ja in de garage voor vijfentwintig euro per nacht",
             "B we komen op {arr} rond {time}\nA geen probleem inchecken kan vanaf drie uur",
             "A dat wordt kamer {room} voor {nights} nachten voor {price} per nacht",
             "B kunnen we later uitchecken\nA tot een uur zonder toeslag"],
    close=["A dank u wel {title} {sur} tot ziens",
           "A top bedankt {given} doei",
           "B bedankt {staff} dag",
           "A geregeld {title} {sur} uw reserveringsnummer is {ref}",
           "A bedankt voor het bellen fijne dag"],
    readout=["hallo met {full} kunt u mij terugbellen op {phone} dank u",
             "ja hallo {gs} kamer {room} mijn mail is {email} voor de factuur",
             "goedemorgen mijn naam is {full} geboren op {dob} mijn registratie klopt niet",
             "eh ja met {full} mijn kaartnummer is {card} geldig tot {exp}",
             "hallo bericht voor {staff} met {full} bel me terug op {phone}",
             "goedendag {sur} {spell} boekingsnummer {ref} mijn telefoon is {phone}"],
    note=["Gast {full} (kamer {room}) wil late check-out, terugbellen op {phone}.",
          "{title_c} {sur} belde over de luchthaventransfer op {arr}. Bevestigd door {staff}.",
          "VIP-aankomst: {full}, trouwdag - bubbels op kamer {room}. Contact {email}.",
          "gevonden voorwerp: zwarte paraplu van {full} kmr {room}, gast haalt op. tel {phone}",
          "{full} geb. {dob} - registratiekaart niet getekend, bij vertrek laten tekenen.",
          "Klacht van {full} over geluid op {room}, 10% korting aangeboden. {staff} mailt terug ({email}).",
          "{given} teruggebeld over het kinderbedje voor {comp}, geregeld",
          "Vroege check-in voor {title_c} {full} ({nights} nachten), paspoort {passport}.",
          "Taxi geboekt voor {full} om {time}, mobiel {phone}."],
    neg_transcript=[
        "B heeft u in mei nog een kamer vrij\nA ja vanaf {arr} hebben we nog een tweepersoonskamer",
        "B is het ver van de westerkerk\nA nee tien minuten lopen via de van baerlestraat",
        "B we komen op {arr} voor {nights} nachten\nA prima dat is {price} per nacht met ontbijt",
        "B mijn boekingsnummer is {ref}\nA dank u ik zie een superior kamer vanaf {arr}",
        "B kunt u me doorverbinden met toestel {ext}\nA ja een moment",
        "B is de sauna op zondag open\nA ja elke dag van negen tot acht",
        "B ik heb om {time} een taxi naar het centraal station nodig\nA geen probleem de conciërge regelt het",
        "B het restaurant de roos zit dat in het hotel\nA ja op de begane grond",
        "B ik hoop dat er nog plek is tijdens koningsdag\nA helaas zijn we dan vol",
        "B de kamer kijkt uit op het rembrandtplein\nA ja met uitzicht op het plein",
    ],
)

LANG["pl"] = dict(
    digits="zero jeden dwa trzy cztery pięć sześć siedem osiem dziewięć".split(), plus="plus",
    at=["małpa", "at"], dot=["kropka"], dash=["myślnik", "minus"], under=["podkreślnik", "podłoga"],
    months="stycznia lutego marca kwietnia maja czerwca lipca sierpnia września października listopada grudnia".split(),
    dayw={1: "pierwszego", 3: "trzeciego", 7: "siódmego", 12: "dwunastego", 15: "piętnastego", 21: "dwudziestego pierwszego",
          28: "dwudziestego ósmego"},
    yearw={1958: "tysiąc dziewięćset pięćdziesiątego ósmego", 1964: "tysiąc dziewięćset sześćdziesiątego czwartego",
           1971: "tysiąc dziewięćset siedemdziesiątego pierwszego", 1983: "tysiąc dziewięćset osiemdziesiątego trzeciego",
           1988: "tysiąc dziewięćset osiemdziesiątego ósmego", 1995: "tysiąc dziewięćset dziewięćdziesiątego piątego",
           2001: "dwa tysiące pierwszego"},
    spell_fmt="{l} jak {w}", spell_words=dict(zip("abcdefghijklłmnoprstuwzyż",
        "adam barbara celina dorota ewa franciszek grażyna henryk irena jadwiga karol ludwik łukasz maria natalia olga "
        "paweł roman stanisław tadeusz urszula wanda zygmunt ypsilon żaneta".split())),
    title_f=["pani"], title_m=["pan"],
    withrel_f=["z żoną", "z córką", "z koleżanką", "z mamą", "z narzeczoną"],
    withrel_m=["z mężem", "z synem", "z kolegą", "z tatą", "z partnerem"],
    hotels=["hotel pod różą", "hotel kopernik", "hotel pod orłem", "hotel sobieski", "hotel stary młyn",
            "pensjonat pod jodłą", "hotel wawel"],
    cities=["kraków", "warszawa", "gdańsk", "wrocław", "poznań", "zakopane", "sopot", "toruń"],
    speakers=[("agent", "caller"), ("Konsultant", "Klient"), ("recepcja", "gość"), ("A", "K"), ("bot", "dzwoniący")],
    fill=["yyy", "eee", "no", "znaczy", "yyy", "tak"],
    phone_cc=["PL", "PL", "PL", "PL", "UA", "DE"],
    domains=["wp.pl", "onet.pl", "interia.pl", "o2.pl", "gmail.com", "op.pl", "gazeta.pl", "outlook.com"],
    id_docs=[("paszport", "PL"), ("dowód", "PL"), ("paszport", "UA")],
    open=["A dzień dobry {hotel} recepcja {staff} w czym mogę pomóc",
          "A {hotel} dobry wieczór słucham",
          "A dzień dobry {hotel} przy telefonie {staff}",
          "A halo recepcja {hotel} mówi {staff}",
          "A dzień dobry z tej strony {staff} z recepcji"],
    ident=["K tak dzień dobry nazywam się {full} mam rezerwację na przyszły tydzień",
           "K dzień dobry z tej strony {full} yyy dzwonię w sprawie rezerwacji",
           "K halo tu {full} {chcial} zmienić rezerwację",
           "A na jakie nazwisko jest rezerwacja\nK na nazwisko {sur}",
           "A poproszę nazwisko\nK {sur} {spell}",
           "K dzień dobry tu {given} {byl} u państwa w zeszłym miesiącu",
           "K rezerwacja jest na imię i nazwisko {full} na trzy noce",
           "A może pan przeliterować\nK tak {spell}",
           "K dzwonię w imieniu {titleg} {fullg} ma u państwa pokój od {arr}",
           "A imię i nazwisko\nK {gs} {spell}",
           "K eee tak {sur} {dzwonil} już wczoraj",
           "K mam rezerwację dla {titleg} {fullg} na dwie noce",
           "A z kim rozmawiam\nK z {fulli}",
           "K cześć {staff} tu znowu {given} z pokoju {room}",
           "K rezerwacja dla {titleg} {gsg} z firmy",
           "K mój szef {full} przyjeżdża {arr} i potrzebuje pojedynczego pokoju"],
    phone=["A pod jakim numerem mogę pana złapać\nK {phone}",
           "A poproszę numer telefonu\nK tak moja komórka to {phone}",
           "K proszę oddzwonić na {phone}",
           "K mój numer to {phone}",
           "A i numer telefonu\nK yyy {phone}"],
    email=["A i adres e-mail do potwierdzenia\nK {email}",
           "K proszę wysłać fakturę na {email}",
           "A czy ma pani adres mailowy\nK tak to jest {email}",
           "K mój mail to {email} wszystko małymi literami"],
    dob=["A i data urodzenia\nK {dob}",
         "A data urodzenia\nK eee {dob}",
         "K {born} się {dob}",
         "K data urodzenia {dob}",
         "A do karty meldunkowej potrzebuję daty urodzenia\nK tak {dob}",
         "A a data urodzenia {compg}\nK {dob}"],
    comp=["K przyjadę {withrel} {compi} więc potrzebujemy dwójki",
          "K to dla mnie i dla {compg} przyjedziemy późno",
          "K przyjeżdżam {withrel} {compfulli} proszę dopisać do rezerwacji",
          "K proszę dopisać drugą osobę {compfull}",
          "K {comp} zamelduje się wcześniej ja dojadę później"],
    card=["A jak chce pan zagwarantować rezerwację\nK kartą numer to {card} ważna do {exp}",
          "K numer karty to {card}",
          "A i długi numer z karty\nK {card}"],
    iban=["K do zwrotu mój numer konta to {iban}",
          "A na jakie konto zwrócić zaliczkę\nK iban {iban}"],
    passport=["A do meldunku potrzebuję numer paszportu\nK to jest {passport}",
              "K numer mojego paszportu to {passport}"],
    nid=["A poproszę numer pesel\nK {nid}", "K mój pesel to {nid}", "A numer dowodu osobistego\nK {idcard}"],
    neutral=["K czy śniadanie jest wliczone\nA tak śniadanie jest od siódmej do wpół do jedenastej",
             "K czy jest parking\nA tak w garażu osiemdziesiąt złotych za dobę",
             "K przyjedziemy {arr} około {time}\nA nie ma problemu zameldowanie od piętnastej",
             "A to będzie pokój {room} na {nights} noce za {price} za noc",
             "K czy możemy wymeldować się później\nA do trzynastej bez dopłaty"],
    close=["A dobrze zapisuję na nazwisko {sur} do zobaczenia",
           "A super dzięki {given} do widzenia",
           "K dziękuję {staff} do widzenia",
           "A gotowe numer rezerwacji to {ref}",
           "A dziękuję za telefon miłego dnia"],
    readout=["dzień dobry tu {full} proszę oddzwonić na {phone} dziękuję",
             "tak dzień dobry {gs} pokój {room} mój mail to {email} do faktury",
             "dzień dobry nazywam się {full} {born} się {dob} trzeba poprawić meldunek",
             "eee tak tu {full} numer karty to {card} ważna do {exp}",
             "dzień dobry wiadomość dla {staffg} tu {full} proszę o telefon na {phone}",
             "dzień dobry {sur} {spell} rezerwacja {ref} mój telefon to {phone}"],
    note=["Gość {full} (pok. {room}) prosi o późne wymeldowanie, oddzwonić na {phone}.",
          "{title_c} {sur} dzwonił(a) w sprawie transferu na lotnisko {arr}. Potwierdził(a) {staff}.",
          "Przyjazd VIP: {full}, rocznica ślubu - szampan w pokoju {room}. Kontakt {email}.",
          "rzeczy znalezione: czarny parasol {titleg} {fullg} pok {room}, gość odbierze. tel {phone}",
          "{full} ur. {dob} - karta meldunkowa bez podpisu, uzupełnić przy wymeldowaniu.",
          "Skarga od {titleg} {fullg} na hałas w {room}, zaproponowano 10% rabatu. {staff} odpisze mailem ({email}).",
          "oddzwoniono do {titleg} {fullg} w sprawie łóżeczka, załatwione",
          "Wcześniejsze zameldowanie dla {titleg} {fullg} ({nights} noce), PESEL {nid}.",
          "Taksówka dla {titleg} {fullg} na {time}, tel. kom. {phone}."],
    neg_transcript=[
        "K czy macie wolny pokój w maju\nA tak od {arr} mamy jeszcze dwójkę",
        "K czy to daleko od kościoła mariackiego\nA dziesięć minut pieszo ulicą mickiewicza",
        "K przyjedziemy {arr} na {nights} noce\nA dobrze to będzie {price} za noc ze śniadaniem",
        "K mój numer rezerwacji to {ref}\nA dziękuję widzę pokój superior od {arr}",
        "K proszę mnie połączyć z numerem wewnętrznym {ext}\nA oczywiście chwileczkę",
        "K czy spa jest otwarte w niedzielę\nA tak codziennie od dziewiątej do dwudziestej",
        "K potrzebuję taksówki na dworzec główny o {time}\nA nie ma problemu konsjerż zamówi",
        "K restauracja pod różą jest w hotelu\nA tak na parterze",
        "K pokój ma widok na plac zamkowy\nA tak z widokiem na kolumnę zygmunta",
        "K mam nadzieję że w maju będzie ciepło\nA zwykle tak",
    ],
)

# extra per-language bits: arrival phrases, times, prices, capitalised titles, card look-alike lines,
# negative front-desk notes
EXTRA = {
    "en": dict(arr=lambda r, d, m: r.choice([f"the {d}{ord_en(d)} of {LANG['en']['months'][m-1]}", f"{LANG['en']['months'][m-1]} {d}{ord_en(d)}", "friday", "next tuesday"]),
               time=["seven pm", "around six", "half past eight", "10 am", "noon"], price=lambda r: f"{r.randint(89, 320)} pounds",
               tc=("Mr", "Mrs"), nights=["two", "three", "four", "5"],
               card_neg=["C the order number on the confirmation email is {order}", "A i'll transfer you to accounts on extension {ext}",
                         "C and the booking reference is {ref}", "A the tracking number for your parcel is {track}"],
               neg_note=["Room {room}: minibar restocked, TV remote replaced. Late checkout approved until 13:00, rate BB-FLEX.",
                         "Group Mark Twain Society arriving {arr}, 12 rooms, ref {ref}. Coach parks on Grace Street.",
                         "hope st car park closed until may, send arrivals to the olive grove entrance. rose garden terrace reopens 1 june.",
                         "Wedding block for Will & Co. Events (company) - 8 doubles, {price} each, deposit invoice {order}."]),
    "de": dict(arr=lambda r, d, m: r.choice([f"{d}. {LANG['de']['months'][m-1]}", f"{d}.{m}.", "freitag", "nächsten dienstag"]),
               time=["neunzehn uhr", "achtzehn uhr", "halb neun", "10 uhr", "mittag"], price=lambda r: f"{r.randint(89, 320)} euro",
               tc=("Herr", "Frau"), nights=["zwei", "drei", "vier", "5"],
               card_neg=["C die bestellnummer aus der bestätigung ist {order}", "A ich verbinde sie mit der buchhaltung durchwahl {ext}",
                         "C und die buchungsnummer ist {ref}", "A die sendungsnummer für ihr paket ist {track}"],
               neg_note=["Zi. {room}: Minibar aufgefüllt, Fernbedienung getauscht. Late Check-out bis 13:00 genehmigt, Rate BB-FLEX.",
                         "Reisegruppe Kolping-Werk Anreise {arr}, 12 Zimmer, Ref. {ref}. Bus parkt in der Goethestraße.",
                         "parkhaus am marienplatz bis mai geschlossen, gäste zur einfahrt rosenstraße schicken. frühstück ab 6:30.",
                         "Tagung Siemens AG im Saal Mozart, 40 Pers., {price} pro Person, Rechnung {order}."]),
    "fr": dict(arr=lambda r, d, m: r.choice([f"{d} {LANG['fr']['months'][m-1]}", f"{d}/{m:02d}", "vendredi", "mardi prochain"]),
               time=["dix-neuf heures", "dix-huit heures", "vingt heures trente", "10 h", "midi"], price=lambda r: f"{r.randint(89, 320)} euros",
               tc=("M.", "Mme"), nights=["deux", "trois", "quatre", "5"],
               card_neg=["C le numéro de commande sur la confirmation c'est {order}", "A je vous passe la comptabilité poste {ext}",
                         "C et la référence de réservation c'est {ref}", "A le numéro de suivi du colis est {track}"],
               neg_note=["Ch. {room} : minibar réapprovisionné, télécommande remplacée. Départ tardif accordé jusqu'à 13h, tarif BB-FLEX.",
                         "Groupe Amis de Victor Hugo arrivée le {arr}, 12 chambres, réf. {ref}. Le car se gare rue Saint-Pierre.",
                         "parking de la place jean jaurès fermé jusqu'en mai, envoyer les arrivées par la rue des roses.",
                         "Séminaire Renault salle Molière, 40 pers., {price} par personne, facture {order}."]),
    "it": dict(arr=lambda r, d, m: r.choice([f"{d} {LANG['it']['months'][m-1]}", f"{d}/{m}", "venerdì", "martedì prossimo"]),
               time=["diciannove", "diciotto", "venti e trenta", "10", "mezzogiorno"], price=lambda r: f"{r.randint(89, 320)} euro",
               tc=("Sig.", "Sig.ra"), nights=["due", "tre", "quattro", "5"],
               card_neg=["C il numero d'ordine sulla conferma è {order}", "A le passo l'amministrazione interno {ext}",
                         "C e il codice di prenotazione è {ref}", "A il numero di tracking del pacco è {track}"],
               neg_note=["Cam. {room}: minibar rifornito, telecomando sostituito. Late check-out fino alle 13:00, tariffa BB-FLEX.",
                         "Gruppo Parrocchia San Giorgio arrivo {arr}, 12 camere, rif. {ref}. Il pullman parcheggia in via Garibaldi.",
                         "parcheggio di piazza santa maria chiuso fino a maggio, mandare gli arrivi da via delle rose.",
                         "Convegno Ferrero S.p.A. sala Verdi, 40 pers., {price} a persona, fattura {order}."]),
    "es": dict(arr=lambda r, d, m: r.choice([f"{d} de {LANG['es']['months'][m-1]}", f"{d}/{m}", "viernes", "martes que viene"]),
               time=["siete de la tarde", "seis", "ocho y media", "10", "mediodía"], price=lambda r: f"{r.randint(89, 320)} euros",
               tc=("Sr.", "Sra."), nights=["dos", "tres", "cuatro", "5"],
               card_neg=["C el número de pedido de la confirmación es {order}", "A le paso con administración extensión {ext}",
                         "C y el localizador es {ref}", "A el número de seguimiento del paquete es {track}"],
               neg_note=["Hab. {room}: minibar repuesto, mando de la tele cambiado. Salida tardía hasta las 13:00, tarifa BB-FLEX.",
                         "Grupo Hermandad de la Esperanza llegada {arr}, 12 habitaciones, ref. {ref}. El autocar aparca en la calle de Alcalá.",
                         "parking de la plaza de san juan cerrado hasta mayo, mandar las llegadas por la calle rosario.",
                         "Congreso Telefónica sala Goya, 40 pers., {price} por persona, factura {order}."]),
    "nl": dict(arr=lambda r, d, m: r.choice([f"{d} {LANG['nl']['months'][m-1]}", f"{d}-{m}", "vrijdag", "volgende week dinsdag"]),
               time=["zeven uur", "zes uur", "half negen", "10 uur", "twaalf uur"], price=lambda r: f"{r.randint(89, 320)} euro",
               tc=("Dhr.", "Mevr."), nights=["twee", "drie", "vier", "5"],
               card_neg=["B het ordernummer op de bevestiging is {order}", "A ik verbind u door met de administratie toestel {ext}",
                         "B en het boekingsnummer is {ref}", "A de trackingcode van uw pakket is {track}"],
               neg_note=["Kmr {room}: minibar aangevuld, afstandsbediening vervangen. Late check-out tot 13:00, tarief BB-FLEX.",
                         "Groep Vrienden van het Rijksmuseum aankomst {arr}, 12 kamers, ref. {ref}. Bus parkeert aan de Van Baerlestraat.",
                         "garage rembrandtplein dicht tot mei, gasten via de rozengracht laten komen. ontbijt vanaf 6:30.",
                         "Congres Philips zaal Vermeer, 40 pers., {price} p.p., factuur {order}."]),
    "pl": dict(arr=lambda r, d, m: r.choice([f"{d} {LANG['pl']['months'][m-1]}", f"{d}.{m:02d}", f"{d} {LANG['pl']['months'][m-1]}"]),
               time=["dziewiętnastą", "osiemnastą", "wpół do dziewiątej", "10", "południe"], price=lambda r: f"{r.randint(290, 990)} złotych",
               tc=("Pan", "Pani"), nights=["dwie", "trzy", "cztery", "5"],
               card_neg=["K numer zamówienia z potwierdzenia to {order}", "A przełączę do księgowości numer wewnętrzny {ext}",
                         "K a numer rezerwacji to {ref}", "A numer przesyłki to {track}"],
               neg_note=["Pok. {room}: minibar uzupełniony, pilot wymieniony. Późne wymeldowanie do 13:00, stawka BB-FLEX.",
                         "Grupa Bractwo Świętego Józefa przyjazd {arr}, 12 pokoi, ref. {ref}. Autokar parkuje na ulicy Mickiewicza.",
                         "parking przy placu kopernika zamknięty do maja, gości kierować od ulicy różanej. śniadanie od 6:30.",
                         "Konferencja Orlen S.A. sala Chopin, 40 os., {price} za osobę, faktura {order}."]),
}


def ord_en(d):
    return "th" if 10 <= d % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(d % 10, "th")


FR_U = "zéro un deux trois quatre cinq six sept huit neuf dix onze douze treize quatorze quinze seize".split()


def fr_num(n):
    if n < 17:
        return FR_U[n]
    if n < 20:
        return "dix-" + FR_U[n - 10]
    t, u = divmod(n, 10)
    if t == 7:
        return "soixante et onze" if n == 71 else "soixante-" + fr_num(n - 60)
    if t == 9:
        return "quatre-vingt-" + fr_num(n - 80)
    tens = {2: "vingt", 3: "trente", 4: "quarante", 5: "cinquante", 6: "soixante", 8: "quatre-vingt"}[t]
    if u == 0:
        return tens + ("s" if t == 8 else "")
    if u == 1 and t != 8:
        return tens + " et un"
    return tens + "-" + FR_U[u]


# phones: country -> (calling code, national prefix, generator of the national significant number, grouping)
def _D(r, n):
    return "".join(r.choice("0123456789") for _ in range(n))


PHONES = {
    "GB": ("44", "0", lambda r: "7" + r.choice("4579") + _D(r, 8), [4, 6]),
    "IE": ("353", "0", lambda r: "8" + r.choice("35679") + _D(r, 7), [2, 3, 4]),
    "US": ("1", "", lambda r: r.choice(["212", "415", "617", "312", "646"]) + str(r.randint(2, 9)) + _D(r, 6), [3, 3, 4]),
    "IN": ("91", "0", lambda r: r.choice("6789") + _D(r, 9), [5, 5]),
    "DE": ("49", "0", lambda r: r.choice(["151", "152", "157", "160", "162", "170", "171", "172", "173", "174", "175", "176", "177", "178", "179"]) + _D(r, r.choice([7, 8])), [3, 8]),
    "AT": ("43", "0", lambda r: r.choice(["664", "650", "676", "699", "660"]) + _D(r, 7), [3, 7]),
    "CH": ("41", "0", lambda r: r.choice(["76", "77", "78", "79"]) + _D(r, 7), [2, 3, 2, 2]),
    "TR": ("90", "0", lambda r: "5" + r.choice("0345") + _D(r, 8), [3, 3, 2, 2]),
    "FR": ("33", "0", lambda r: r.choice("67") + _D(r, 8), [1, 2, 2, 2, 2]),
    "BE": ("32", "0", lambda r: "4" + r.choice("5789") + _D(r, 7), [3, 2, 2, 2]),
    "IT": ("39", "", lambda r: "3" + r.choice("234789") + _D(r, 8), [3, 3, 4]),
    "RO": ("40", "0", lambda r: "7" + r.choice("2345") + _D(r, 7), [3, 3, 3]),
    "ES": ("34", "", lambda r: r.choice("67") + _D(r, 8), [3, 3, 3]),
    "PT": ("351", "", lambda r: "9" + r.choice("1236") + _D(r, 7), [3, 3, 3]),
    "NL": ("31", "0", lambda r: "6" + _D(r, 8), [1, 8]),
    "PL": ("48", "", lambda r: r.choice("5678") + _D(r, 8), [3, 3, 3]),
    "UA": ("380", "0", lambda r: r.choice(["50", "63", "66", "67", "68", "73", "93", "97"]) + _D(r, 7), [2, 3, 2, 2]),
}


def groups(s, sizes):
    out, i = [], 0
    for n in sizes:
        if i >= len(s):
            break
        out.append(s[i:i + n])
        i += n
    if i < len(s):
        out[-1] += s[i:]
    return out


def make_phone(r, cc):
    code, pre, gen, sizes = PHONES[cc]
    nsn = gen(r)
    return code, pre, nsn, sizes


def phone_written(r, ph):
    code, pre, nsn, sizes = ph
    g = groups(nsn, sizes)
    k = r.random()
    if k < 0.3:
        return f"+{code} " + " ".join(g)
    if k < 0.45:
        return f"+{code}{nsn}"
    if k < 0.55 and pre:
        return f"+{code} ({pre}){' '.join(g)}"
    if k < 0.65 and pre:
        return f"{pre}{g[0]}-{''.join(g[1:])}"
    if k < 0.72:
        return f"00{code} " + " ".join(g)
    if pre:
        return pre + " ".join(g) if len(g[0]) > 1 else pre + g[0] + " " + " ".join(g[1:])
    return " ".join(g)


def phone_e164(ph):
    return f"+{ph[0]}{ph[2]}"


def digit_words(lang, s, r, allow_double=True):
    L = LANG[lang]
    out = []
    i = 0
    while i < len(s):
        c = s[i]
        if lang == "en" and allow_double and i + 1 < len(s) and s[i + 1] == c and c.isdigit() and r.random() < 0.6:
            out.append("double " + L["digits"][int(c)])
            i += 2
            continue
        if c.isdigit():
            out.append("oh" if (lang == "en" and c == "0" and r.random() < 0.4) else L["digits"][int(c)])
        elif c.isalpha():
            out.append(c.lower())
        i += 1
    return " ".join(out)


def phone_spoken(r, lang, ph):
    code, pre, nsn, sizes = ph
    L = LANG[lang]
    intl = r.random() < 0.35
    k = r.random()
    if k < 0.4:  # ASR wrote digits
        g = groups(nsn, sizes)
        if intl:
            return f"{L['plus']} {code} " + " ".join(g)
        return (pre + " ".join(g)) if len(g[0]) > 1 or not pre else pre + g[0] + " " + " ".join(g[1:])
    digits = (pre + nsn) if not intl else nsn
    if lang == "fr" and not intl:
        pairs = [digits[i:i + 2] for i in range(0, len(digits), 2)]
        return " ".join(("zéro " + FR_U[int(p[1])]) if p[0] == "0" and len(p) == 2 else fr_num(int(p)) for p in pairs)
    words = " ".join(digit_words(lang, g, r) for g in groups(digits, [len(pre)] + sizes if pre and not intl else sizes))
    if intl:
        return f"{L['plus']} {digit_words(lang, code, r, False)} {words}"
    return words


def email_addr(r, lang, given, sur):
    g = re.sub(r"[^a-z]", "", strip_accents(given).lower())
    s = re.sub(r"[^a-z]", "", strip_accents(sur).lower())
    local = r.choice([f"{g}.{s}", f"{g[0]}.{s}", f"{g}{s}{r.randint(1, 99)}", f"{s}.{g}", f"{g}_{s}",
                      f"{g}.{s}{r.randint(60, 99)}", f"{g}{r.randint(1970, 2004)}", f"{s}-{g[0]}", f"{g}{s[0]}"])
    return f"{local}@{r.choice(LANG[lang]['domains'])}"


def email_spoken(r, lang, email):
    L = LANG[lang]
    local, dom = email.split("@")
    def part(s):
        out = []
        for tok in re.split(r"([._-])", s):
            if tok == ".":
                out.append(r.choice(L["dot"]))
            elif tok == "_":
                out.append(r.choice(L["under"]))
            elif tok == "-":
                out.append(r.choice(L["dash"]))
            elif tok:
                m = re.match(r"([a-z]*)(\d*)$", tok)
                if m and m.group(2) and r.random() < 0.6:
                    out.append((m.group(1) + " " if m.group(1) else "") + digit_words(lang, m.group(2), r, False))
                else:
                    out.append(tok)
        return " ".join(out)
    return f"{part(local)} {r.choice(L['at'])} {part(dom)}"


def make_dob(r):
    y = r.randint(1948, 2005)
    m = r.randint(1, 12)
    d = r.randint(1, 28)
    return y, m, d


def dob_spoken(r, lang, y, m, d):
    """Returns (text, (y, m, d)) — the spoken form may force a date whose words we have."""
    L = LANG[lang]
    k = r.random()
    if k < 0.35:
        d = r.choice(list(L["dayw"]))
        y = r.choice(list(L["yearw"]))
        dw, mw, yw = L["dayw"][d], L["months"][m - 1], L["yearw"][y]
        t = {"en": r.choice([f"the {dw} of {mw} {yw}", f"{mw} the {dw} {yw}", f"{dw} of {mw} {yw}"]),
             "de": f"{dw} {mw} {yw}", "fr": f"{dw} {mw} {yw}", "it": f"{dw} {mw} {yw}",
             "es": f"{dw} de {mw} de {yw}", "nl": f"{dw} {mw} {yw}", "pl": f"{dw} {mw} {yw}"}[lang]
        return t, (y, m, d)
    mw = L["months"][m - 1]
    if k < 0.7:
        t = {"en": r.choice([f"{d}{ord_en(d)} of {mw} {y}", f"{mw} {d}{ord_en(d)} {y}", f"{d} {mw} {y}"]),
             "de": r.choice([f"{d}. {mw} {y}", f"{d} {mw} {y}"]), "fr": f"{d} {mw} {y}", "it": f"{d} {mw} {y}",
             "es": f"{d} de {mw} de {y}", "nl": f"{d} {mw} {y}", "pl": f"{d} {mw} {y}"}[lang]
        return t, (y, m, d)
    if k < 0.85:
        sep = {"en": "/", "de": ".", "fr": "/", "it": "/", "es": "/", "nl": "-", "pl": "."}[lang]
        return f"{d:02d}{sep}{m:02d}{sep}{y}", (y, m, d)
    # digits read as a string of groups "12 03 85" / words
    if r.random() < 0.5:
        return f"{d:02d} {m:02d} {y}", (y, m, d)
    return " ".join(digit_words(lang, x, r, False) for x in (f"{d:02d}", f"{m:02d}", str(y))), (y, m, d)


MONTHS_EN_CAP = "January February March April May June July August September October November December".split()


def dob_written(r, lang, y, m, d):
    k = r.random()
    if lang == "en":
        return r.choice([f"{d:02d}/{m:02d}/{y}", f"{d} {MONTHS_EN_CAP[m-1]} {y}", f"{y}-{m:02d}-{d:02d}"])
    sep = {"de": ".", "fr": "/", "it": "/", "es": "/", "nl": "-", "pl": "."}[lang]
    if k < 0.75:
        return f"{d:02d}{sep}{m:02d}{sep}{y}"
    if k < 0.9:
        return f"{d}{sep}{m}{sep}{y}"
    return f"{y}-{m:02d}-{d:02d}"


def card_spoken(r, lang, num):
    k = r.random()
    g = group_card(num).split()
    if k < 0.45:
        return " ".join(g)
    if k < 0.6:
        return num
    return " ".join(digit_words(lang, x, r, lang == "en") for x in g)


def iban_spoken(r, lang, ib):
    low = ib.lower()
    k = r.random()
    if k < 0.45:
        return group4(low)
    if k < 0.6:
        return low
    if k < 0.8:
        return f"{low[0]} {low[1]} {low[2:4]} " + group4(low[4:])
    return f"{low[0]} {low[1]} " + " ".join(digit_words(lang, x, r, False) if x.isdigit() else " ".join(x) for x in group4(low[2:]).split())


def idnum_spoken(r, s):
    s = s.lower()
    if r.random() < 0.3:
        return " ".join(s)
    return s


def spell(r, lang, word):
    L = LANG[lang]
    w = word.lower()
    k = r.random()
    if k < 0.35:
        return " ".join(w)
    if k < 0.5:
        return "-".join(w)
    if k < 0.6 and lang == "en":
        out, i = [], 0
        while i < len(w):
            if i + 1 < len(w) and w[i + 1] == w[i]:
                out.append("double " + w[i]); i += 2
            else:
                out.append(w[i]); i += 1
        return " ".join(out)
    parts = []
    for c in w:
        sw = L["spell_words"].get(c)
        if sw and r.random() < 0.85:
            parts.append(L["spell_fmt"].format(l=c, w=sw))
        else:
            parts.append(c)
    return " ".join(parts)

# --------------------------------------------------------------------------------------------
# persons and per-document context

SIMPLE = re.compile(r"^[^\W\d_]+$")


def person(r, lang, simple_surname=False):
    """A person: dict with given, sur, full (+ Polish cases) and gender."""
    female = r.random() < 0.5
    if lang == "pl":
        g = r.choice(PL_GIVEN_F if female else PL_GIVEN_M)
        pool = [s for s in PL_SUR if SIMPLE.match(s)] if simple_surname else PL_SUR
        sraw = r.choice(pool)
        s = PL_SPECIAL[sraw] if sraw in PL_SPECIAL and not female else pl_surname(sraw, female)
        if sraw in PL_SPECIAL and female:
            s = (sraw, sraw, sraw)
        return dict(female=female, given=g[0], giveng=g[1], giveni=g[2], sur=s[0], surg=s[1], suri=s[2],
                    full=f"{g[0]} {s[0]}", fullg=f"{g[1]} {s[1]}", fulli=f"{g[2]} {s[2]}", sur_raw=sraw)
    N = NAMES[lang]
    given = r.choice(N["f"] if female else N["m"])
    pool = [s for s in N["s"] if SIMPLE.match(s)] if simple_surname else N["s"]
    sur = r.choice(pool)
    if lang == "es" and r.random() < 0.6:
        sur2 = r.choice([s for s in N["s"] if SIMPLE.match(s) and s != sur])
        full = f"{given} {sur} {sur2}"
        sur_said = f"{sur} {sur2}" if r.random() < 0.5 and not simple_surname else sur
    else:
        full = f"{given} {sur}"
        sur_said = sur
    if r.random() < 0.06 and lang != "es":  # a second given name now and then
        g2 = r.choice(N["f"] if female else N["m"])
        if g2 != given:
            full = f"{given} {g2} {sur}"
    return dict(female=female, given=given, sur=sur_said, full=full, sur_raw=sur)


def cap_title(lang, female):
    return EXTRA[lang]["tc"][1 if female else 0]


def build_ctx(r, lang, spoken, need_simple=False, id_country=None):
    L = LANG[lang]
    X = EXTRA[lang]
    p = person(r, lang, simple_surname=need_simple)
    c = person(r, lang)
    st = person(r, lang)
    lower = (lambda s: s.lower()) if spoken else (lambda s: s)
    P = lambda s: (lower(s), "PERSON")
    ctx = {}
    for k in ("full", "given", "sur", "fullg", "fulli", "giveng", "giveni", "surg", "suri"):
        if k in p:
            ctx[k] = P(p[k])
    ctx["gs"] = P(f"{p['given']} {p['sur']}")
    if lang == "pl":
        ctx["gsg"] = P(f"{p['giveng']} {p['surg']}")
    ctx["spell"] = P(spell(r, lang, p["sur"]) if SIMPLE.match(p["sur"]) else spell(r, lang, p["given"]))
    ctx["staff"] = P(st["given"])
    if lang == "pl":
        ctx["staffg"] = P(st["giveng"])
    ctx["comp"] = P(c["given"])
    if lang == "pl":
        ctx["compg"] = P(c["giveng"])
        ctx["compi"] = P(c["giveni"])
        same = r.random() < 0.5
        cs = pl_surname(p["sur_raw"], c["female"]) if same and p["sur_raw"] not in PL_SPECIAL else (c["sur"], c["surg"], c["suri"])
        ctx["compfull"] = P(f"{c['given']} {cs[0]}")
        ctx["compfulli"] = P(f"{c['giveni']} {cs[2]}")
    else:
        ctx["compfull"] = P(f"{c['given']} {p['sur_raw'] if r.random() < 0.5 else c['sur_raw']}")
    ctx["withrel"] = r.choice(L["withrel_f"] if c["female"] else L["withrel_m"])
    ctx["title"] = r.choice(L["title_f"] if p["female"] else L["title_m"])
    ctx["title_c"] = cap_title(lang, p["female"])
    if lang == "pl":
        ctx["titleg"] = "pani" if p["female"] else "pana"
        ctx["born"] = "urodziłam" if p["female"] else "urodziłem"
        ctx["byl"] = "byłam" if p["female"] else "byłem"
        ctx["chcial"] = "chciałabym" if p["female"] else "chciałbym"
        ctx["dzwonil"] = "dzwoniłam" if p["female"] else "dzwoniłem"
        if not spoken:
            ctx["titleg"] = ctx["titleg"].capitalize() if r.random() < 0.3 else ctx["titleg"]
    elif lang == "fr":
        ctx["born"] = "née" if p["female"] else "né"
    elif lang == "it":
        ctx["born"] = "nata" if p["female"] else "nato"
    # contact values
    ph = make_phone(r, r.choice(L["phone_cc"]))
    ctx["phone"] = (phone_spoken(r, lang, ph) if spoken else phone_written(r, ph), "PHONE")
    ctx["phone_e164"] = (phone_e164(ph), "PHONE")
    em = email_addr(r, lang, p["given"], p["sur_raw"])
    ctx["email"] = (email_spoken(r, lang, em) if spoken else em, "EMAIL")
    ctx["email_raw"] = (em, "EMAIL")
    y, m, d = make_dob(r)
    if spoken:
        t, (y, m, d) = dob_spoken(r, lang, y, m, d)
        ctx["dob"] = (t, "DATE_OF_BIRTH")
    else:
        ctx["dob"] = (dob_written(r, lang, y, m, d), "DATE_OF_BIRTH")
    ctx["dob_iso"] = (f"{y}-{m:02d}-{d:02d}", "DATE_OF_BIRTH")
    card = card_number(r)
    ctx["card_raw"] = card
    ctx["card"] = (card_spoken(r, lang, card) if spoken else group_card(card, r.choice([" ", " ", "-", ""])), "CREDIT_CARD")
    em_, ey = r.randint(1, 12), r.randint(25, 31)
    ctx["exp"] = r.choice([f"{em_:02d}/{ey}", f"{em_:02d} {ey}", f"{em_:02d}{ey}"]) if spoken else f"{em_:02d}/{ey}"
    icc = {"en": ["GB", "GB", "IE"], "de": ["DE", "DE", "AT", "CH"], "fr": ["FR", "FR", "BE"], "it": ["IT", "IT", "RO"],
           "es": ["ES", "ES", "PT"], "nl": ["NL", "NL", "BE"], "pl": ["PL", "PL", "DE"]}[lang]
    ib = make_iban(r, r.choice(icc))
    ctx["iban"] = (iban_spoken(r, lang, ib) if spoken else (group4(ib) if r.random() < 0.7 else ib), "IBAN")
    ctx["iban_raw"] = (ib, "IBAN")
    _, pc = r.choice([d_ for d_ in L["id_docs"] if d_[0] not in ("personalausweis", "dowód", "carta d'identità", "identiteitskaart")])
    pp = passport(r, pc)
    ctx["passport"] = (idnum_spoken(r, pp) if spoken else pp, "PASSPORT")
    ctx["passport_raw"] = (pp, "PASSPORT")
    nid = {"de": lambda: de_idcard(r, r.choice("LMNPRTVWXY")), "it": lambda: it_cf(r, p["given"], p["sur_raw"], y, m, d, p["female"]),
           "es": lambda: dni(r), "nl": lambda: bsn(r), "pl": lambda: pesel(r, y, m, d, p["female"]),
           "fr": lambda: de_idcard(r), "en": lambda: passport(r, "GB")}[lang]()
    ctx["nid"] = (idnum_spoken(r, nid) if spoken else nid, "NATIONAL_ID")
    ctx["nid_raw"] = (nid, "NATIONAL_ID")
    ctx["nie"] = (idnum_spoken(r, nie(r)) if spoken else nie(r), "NATIONAL_ID")
    ctx["idcard"] = (idnum_spoken(r, pl_idcard(r)) if spoken else pl_idcard(r), "NATIONAL_ID")
    ctx["ip"] = (public_ipv4(r) if r.random() < 0.75 else public_ipv6(r), "IP_ADDRESS")
    # non-personal look-alikes
    ctx.update(non_pii(r, lang))
    ctx["_p"] = p
    return ctx


def non_pii(r, lang):
    L = LANG[lang]
    X = EXTRA[lang]
    am, ad = r.randint(1, 12), r.randint(1, 28)
    A = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    return {
        "hotel": r.choice(L["hotels"]), "city": r.choice(L["cities"]),
        "arr": X["arr"](r, ad, am), "time": r.choice(X["time"]), "price": X["price"](r), "nights": r.choice(X["nights"]),
        "room": str(r.choice([r.randint(101, 128), r.randint(201, 235), r.randint(301, 322), r.randint(401, 418)])),
        "ref": r.choice(["VH" + "".join(r.choice(A) for _ in range(6)), f"BK-{r.randint(10000, 99999)}",
                         f"{r.randint(2024, 2025)}{r.randint(1, 12):02d}{r.randint(1, 28):02d}-{r.randint(1, 999):04d}",
                         "".join(r.choice(A) for _ in range(6))]),
        "order": not_luhn(r, 16, r.choice("123456789")) if r.random() < 0.5 else f"{r.randint(100, 999)}-{r.randint(1000000, 9999999)}-{r.randint(1000000, 9999999)}",
        "track": r.choice([f"1Z{''.join(r.choice('0123456789ABCDEFGHJKLMNPRSTUVWXYZ') for _ in range(16))}",
                           f"JJD{_D(r, 18)}", f"00340434{_D(r, 12)}", f"RR{_D(r, 9)}DE"]),
        "ext": str(r.choice([r.randint(200, 499), r.randint(2000, 4999), r.randint(20, 49)])),
        "ts": f"2024-{am:02d}-{ad:02d}T{r.randint(0, 23):02d}:{r.randint(0, 59):02d}:{r.randint(0, 59):02d}.{r.randint(0, 999):03d}Z",
        "uuid": "%08x-%04x-4%03x-%04x-%012x" % (r.getrandbits(32), r.getrandbits(16), r.getrandbits(12), 0x8000 | r.getrandbits(14), r.getrandbits(48)),
        "ver": f"{r.randint(1, 4)}.{r.randint(0, 30)}.{r.randint(0, 12)}",
        "epoch": str(r.randint(1704067200000, 1735689599000)),
        "amount": f"{r.randint(80, 1900)}.{r.choice(['00', '50', '90'])}",
        "slug": re.sub(r"[^a-z]+", "-", strip_accents(r.choice(L["hotels"]))).strip("-"),
        "lang": lang,
    }


SLOT = re.compile(r"\{(\w+)\}")


def render(tpl, ctx, lower=False):
    out, spans, n, pos = [], [], 0, 0
    for m in SLOT.finditer(tpl):
        lit = tpl[pos:m.start()]
        out.append(lit)
        n += len(lit)
        v = ctx[m.group(1)]
        text, typ = v if isinstance(v, tuple) else (v, None)
        if lower:
            text = text.lower()
        if typ:
            spans.append({"start": n, "end": n + len(text), "type": typ, "_v": text})
        out.append(text)
        n += len(text)
        pos = m.end()
    out.append(tpl[pos:])
    return "".join(out), spans


def join_parts(parts):
    """parts: list of (text, spans) -> (text, spans) concatenated."""
    text, spans, n = [], [], 0
    for t, ss in parts:
        for s in ss:
            spans.append(dict(s, start=s["start"] + n, end=s["end"] + n))
        text.append(t)
        n += len(t)
    return "".join(text), spans

# --------------------------------------------------------------------------------------------
# documents


def dialogue(r, lang, blocks, ctx, labelled=None):
    """blocks: list of template strings (lines 'A ...' / 'C ...'). Returns (text, spans)."""
    L = LANG[lang]
    agent, caller = r.choice(L["speakers"])
    style = labelled if labelled is not None else r.choices(["lines", "inline", "bare"], [70, 15, 15])[0]
    lines = []
    for b in blocks:
        for line in b.split("\n"):
            who, body = line.split(" ", 1)
            if who != "A" and r.random() < 0.2:
                body = r.choice(L["fill"]) + " " + body
            lines.append((agent if who == "A" else caller, body))
    parts = []
    for i, (who, body) in enumerate(lines):
        t, s = render(body, ctx, lower=True)
        if style == "lines":
            pre, sep = f"{who}: ", "\n"
        elif style == "inline":
            pre, sep = f"{who}: ", " "
        else:
            pre, sep = "", "\n"
        parts.append((pre, []))
        parts.append((t, s))
        if i < len(lines) - 1:
            parts.append((sep, []))
    return join_parts(parts)


def pick(r, lst):
    return r.choice(lst)


def doc_transcript(r, lang):
    L = LANG[lang]
    blocks = []
    ident = pick(r, L["ident"])
    ctx = build_ctx(r, lang, True, need_simple="{spell}" in ident)
    if r.random() < 0.8:
        blocks.append(pick(r, L["open"]))
    blocks.append(ident)
    pool = ["phone", "email", "dob", "comp", "iban", "passport", "neutral", "neutral"] + (["nid"] if L["nid"] else [])
    pool += ["card"] if r.random() < 0.3 else []
    for k in r.sample(pool, r.choice([1, 2, 2, 3])):
        blocks.append(pick(r, L[k]))
    if r.random() < 0.6:
        blocks.append(pick(r, L["close"]))
    return "transcript", dialogue(r, lang, blocks, ctx)


def doc_readout(r, lang):
    L = LANG[lang]
    tpl = pick(r, L["readout"])
    ctx = build_ctx(r, lang, True, need_simple="{spell}" in tpl)
    return "readout", render(tpl, ctx, lower=True)


def doc_note(r, lang):
    L = LANG[lang]
    tpl = pick(r, L["note"])
    ctx = build_ctx(r, lang, False)
    if r.random() < 0.3:
        t, s = render(tpl.lower(), ctx, lower=True)
    else:
        t, s = render(tpl, ctx)
    if r.random() < 0.4:  # a second line: desk initials, time
        t2, s2 = render(f"\n-- {pick(r, ['night audit', 'FO', 'reception', 'concierge', 'HK'])} {ctx['ts'][11:16]}", ctx)
        t, s = join_parts([(t, s), (t2, s2)])
    return "note", (t, s)


def enc(v, typ, plus=False):
    return ((quote_plus(v, safe="") if plus else quote(v, safe="")), typ)


def doc_url(r, lang):
    ctx = build_ctx(r, lang, False)
    p = ctx["_p"]
    plus = r.random() < 0.4
    ctx.update({
        "e_email": enc(ctx["email_raw"][0], "EMAIL"), "e_phone": enc(ctx["phone_e164"][0], "PHONE"),
        "e_full": enc(p["full"], "PERSON", plus), "e_given": enc(p["given"], "PERSON"), "e_sur": enc(p.get("sur_raw", p["sur"]), "PERSON"),
        "e_dob": ctx["dob_iso"], "e_iban": ctx["iban_raw"], "e_pass": ctx["passport_raw"],
    })
    tpl = pick(r, [
        "https://booking.{slug}.eu/{lang}/confirm?email={e_email}&lang={lang}&ref={ref}",
        "https://api.voicehive.example/v1/calls/{uuid}/callback?phone={e_phone}&name={e_full}&lang={lang}",
        "GET /pms/guests/search?last_name={e_sur}&first_name={e_given}&dob={e_dob} HTTP/1.1",
        "https://{slug}.example/guests/{email_raw}/reservations?arrival=2024-05-14&nights=3",
        "{ip} - - [12/May/2024:08:14:55 +0200] \"GET /{lang}/my-booking?ref={ref}&email={e_email} HTTP/1.1\" 200 5123 \"-\" \"Mozilla/5.0\"",
        "https://pay.{slug}.eu/refund/return?iban={e_iban}&amount={amount}&currency=EUR&ref={ref}",
        "POST https://checkin.{slug}.eu/api/registration?guest={e_full}&passport={e_pass}&room={room}",
        "https://{slug}.example/{lang}/callback-request?tel={e_phone}&name={e_full}&utm_source=google&utm_campaign=spring24",
        "{ts} INFO http.access method=GET path=\"/v2/guests?email={e_email}&page=1\" status=200 client={ip} dur_ms=41",
    ])
    return "url", render(tpl, ctx)


def doc_log(r, lang):
    ctx = build_ctx(r, lang, False)
    p = ctx["_p"]
    ctx["e_full_json"] = (json.dumps(p["full"])[1:-1], "PERSON")
    ctx["stt"] = (None,)
    pii_lines = [
        "{ts} INFO  voice.session call_id={uuid} from={phone_e164} lang={lang} hotel={slug}",
        "{ts} WARN  pms.sync guest \"{full}\" <{email_raw}> not found for reservation {ref}",
        "{ts} INFO  http {ip} \"GET /{lang}/booking/confirm?ref={ref} HTTP/1.1\" 200 5123",
        "{ts} ERROR payment.refund iban={iban_raw} amount={amount} EUR status=rejected reason=AC04",
        "{ts} INFO  crm.update guest_id={ext}{room} dob={dob_iso} passport={passport_raw}",
        "{ts} DEBUG nlu.slots name=\"{full}\" phone=\"{phone}\" intent=change_booking",
        "{ts} INFO  mailer.send to={email_raw} template=confirmation_{lang} ref={ref}",
        "{ts} WARN  auth.login failed for {email_raw} from {ip} attempts=3",
        "{ts} INFO  registration.saved guest=\"{full}\" birth_date={dob_iso} document={passport_raw}",
        "{ts} DEBUG callback.scheduled caller={phone_e164} for=\"{full}\" at={epoch}",
    ]
    neg_lines = [
        "{ts} INFO  server started version={ver} port=8080 build={uuid}",
        "{ts} DEBUG tts.synth voice={lang}-standard-b chars=214 ms=381",
        "{ts} INFO  pms.sync ok reservations=42 rooms=118 took=1.9s",
        "{ts} INFO  health ok upstream=127.0.0.1:5432 pool=12/50",
        "{ts} WARN  slow query ms=1203 table=reservations ref={ref}",
    ]
    lines = r.sample(pii_lines, r.choice([1, 2, 2, 3])) + r.sample(neg_lines, r.choice([1, 2]))
    r.shuffle(lines)
    parts = []
    for i, ln in enumerate(lines):
        ctx.update(non_pii(r, lang) | {"slug": ctx["slug"]})
        parts.append(render(ln, ctx))
        if i < len(lines) - 1:
            parts.append(("\n", []))
    return "log", join_parts(parts)


def doc_json(r, lang):
    ctx = build_ctx(r, lang, False)
    p = ctx["_p"]
    esc = r.random() < 0.4
    J = lambda v, t: ((json.dumps(v, ensure_ascii=esc)[1:-1]), t)
    ctx.update({"j_given": J(p["given"], "PERSON"), "j_sur": J(p.get("sur_raw", p["sur"]), "PERSON"), "j_full": J(p["full"], "PERSON")})
    tpl = pick(r, [
        '{"event":"reservation.created","reservation_id":"{ref}","guest":{"first_name":"{j_given}","last_name":"{j_sur}",'
        '"email":"{email_raw}","phone":"{phone_e164}","date_of_birth":"{dob_iso}"},"room":"{room}","nights":3,"source":"voice"}',
        '{"call_id":"{uuid}","lang":"{lang}","caller":{"number":"{phone_e164}","name":"{j_full}"},"summary":"guest asked for late checkout","duration_s":184}',
        '{\n  "guest": "{j_full}",\n  "document": {"type": "passport", "number": "{passport_raw}"},\n  "birth_date": "{dob_iso}",\n  "room": "{room}",\n  "client_ip": "{ip}"\n}',
        '{"type":"refund","iban":"{iban_raw}","holder":"{j_full}","amount":"{amount}","currency":"EUR","booking":"{ref}"}',
        '{"ts":"{ts}","level":"info","msg":"callback requested","name":"{j_given}","phone":"{phone_e164}","email":"{email_raw}","version":"{ver}"}',
    ])
    t, s = render(tpl, ctx)
    json.loads(t)
    return "json", (t, s)


def doc_card(r, lang):
    L = LANG[lang]
    X = EXTRA[lang]
    if r.random() < 0.5:
        ctx = build_ctx(r, lang, False)
        card = ctx["card_raw"]
        ctx["card_plain"] = (card, "CREDIT_CARD")
        ctx["card_grp"] = (group_card(card, r.choice([" ", "-"])), "CREDIT_CARD")
        ctx["masked"] = "**** **** **** " + not_luhn(r, 4)
        ctx["last4"] = card[-4:]
        lines = [
            "{ts} INFO  payment.authorize order={order} card={card_plain} exp={exp} amount={amount} EUR psp_ref={uuid}",
            "{ts} WARN  payment.declined reservation={ref} pan={card_grp} reason=insufficient_funds",
            "{ts} DEBUG pms.folio posted guest_ref={ref} card={masked} tracking={track} epoch={epoch}",
            "{ts} INFO  ivr.transfer ext={ext} order={order} ts_ms={epoch}",
            "{ts} ERROR tokenize failed input=\"{card_grp}\" holder=\"{full}\" booking={ref}",
        ]
        chosen = [lines[0] if r.random() < 0.5 else lines[1]] + r.sample(lines[2:4], 2) + ([lines[4]] if r.random() < 0.3 else [])
        r.shuffle(chosen)
        parts = []
        for i, ln in enumerate(chosen):
            parts.append(render(ln, ctx))
            if i < len(chosen) - 1:
                parts.append(("\n", []))
        return "card", join_parts(parts)
    ident = pick(r, L["ident"])
    ctx = build_ctx(r, lang, True, need_simple="{spell}" in ident)
    blocks = ([pick(r, L["open"])] if r.random() < 0.6 else []) + ([ident] if r.random() < 0.5 else [])
    blocks += [pick(r, L["card"])]
    negs = r.sample(X["card_neg"], 2)
    blocks.insert(r.randint(0, len(blocks)), negs[0])
    blocks.append(negs[1])
    return "card", dialogue(r, lang, blocks, ctx)


def doc_negative(r, lang):
    L = LANG[lang]
    X = EXTRA[lang]
    ctx = non_pii(r, lang)
    k = r.random()
    if k < 0.45:
        opens = [o for o in L["open"] if "{staff}" not in o]
        blocks = ([pick(r, opens)] if r.random() < 0.5 else []) + r.sample(L["neg_transcript"], r.choice([1, 2, 2, 3]))
        return "negative", dialogue(r, lang, blocks, ctx)
    if k < 0.65:
        return "negative", render(pick(r, X["neg_note"]), ctx)
    if k < 0.8:
        lines = ["{ts} INFO  server started version={ver} port=8080 build={uuid}",
                 "{ts} INFO  health ok upstream=127.0.0.1:5432 pool=12/50",
                 "{ts} INFO  ivr.transfer ext={ext} queue=reception wait_s=12",
                 "{ts} DEBUG pms.folio posted ref={ref} order={order} amount={amount} EUR",
                 "{ts} INFO  shipping label {track} for lost property box {room}",
                 "{ts} WARN  ratelimit ::1 path=/healthz count=120 ts_ms={epoch}",
                 "{ts} INFO  availability {city} {arr} rooms_free=7 min_rate={price}"]
        sel = r.sample(lines, r.choice([2, 3, 4]))
        parts = []
        for i, ln in enumerate(sel):
            ctx.update(non_pii(r, lang) | {"city": ctx["city"]})
            parts.append(render(ln, ctx))
            if i < len(sel) - 1:
                parts.append(("\n", []))
        return "negative", join_parts(parts)
    if k < 0.9:
        return "negative", render(pick(r, [
            "https://www.{slug}.eu/{lang}/rooms/deluxe-double?arrival=2024-05-12&nights=3&adults=2&promo=SPRING24",
            "https://{slug}.example/{lang}/offers/may-special?ref={ref}&utm_source=newsletter&v={ver}",
            "GET /api/v1/availability?hotel={slug}&from=2024-06-01&to=2024-06-04&rooms=1 HTTP/1.1 200 ts={epoch}",
        ]), ctx)
    return "negative", render(pick(r, [
        '{"reservation":"{ref}","room":"{room}","arrival":"2024-05-12","departure":"2024-05-15","rate_plan":"BB","total":"{amount}","currency":"EUR"}',
        '{"hotel":"{hotel}","city":"{city}","order":"{order}","tracking":"{track}","created_ms":{epoch},"app_version":"{ver}"}',
    ]), ctx)


BUILDERS = {"transcript": doc_transcript, "readout": doc_readout, "note": doc_note, "url": doc_url, "log": doc_log,
            "json": doc_json, "card": doc_card, "negative": doc_negative}


def main():
    r = random.Random(SEED)
    out = []
    seen = set()
    for lang in LANGS:
        i = 0
        for kind, n in PER_LANG.items():
            for _ in range(n):
                while True:
                    got_kind, (text, spans) = BUILDERS[kind](r, lang)
                    if text not in seen:
                        seen.add(text)
                        break
                # validation
                for s in spans:
                    assert text[s["start"]:s["end"]] == s["_v"], (text, s)
                    assert s["_v"] == s["_v"].strip() and s["_v"], s
                if got_kind == "negative":
                    assert not spans, text
                else:
                    assert spans, (kind, text)
                if kind == "card":
                    assert any(s["type"] == "CREDIT_CARD" for s in spans)
                spans = sorted(spans, key=lambda s: s["start"])
                for a, b in zip(spans, spans[1:]):
                    assert a["end"] <= b["start"], (text, a, b)
                for s in spans:
                    if s["type"] == "CREDIT_CARD":
                        assert luhn_ok(re.sub(r"\D", "", s["_v"])) or not re.search(r"\d{4}", s["_v"]), s
                    if s["type"] == "IBAN" and re.fullmatch(r"[A-Za-z0-9 ]+", s["_v"]) and re.search(r"\d{4}", s["_v"]):
                        assert iban_ok(s["_v"].replace(" ", "").upper()), s
                i += 1
                out.append({"id": f"calls-{lang}-{i:03d}", "lang": lang, "kind": got_kind, "text": text,
                            "spans": [{"start": s["start"], "end": s["end"], "type": s["type"]} for s in spans],
                            "extra_spans": []})
    ids = [d["id"] for d in out]
    assert len(ids) == len(set(ids))
    for d in out:
        sys.stdout.write(json.dumps(d, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
