#!/usr/bin/env python3
"""Builds the given-name and surname lists embedded in `crates/pii` (see docs/adr/0018-pii-name-lists.md).

Sources (all MIT, fetched only through their package registries, never at build or run time):

  * npm   `@faker-js/faker` 10.6.0   (MIT, Copyright (c) 2022-2025 Faker)   locales en, de, de_AT,
          de_CH, fr, fr_BE, fr_CH, it, es, nl, nl_BE, pl: person.first_name, person.last_name
  * PyPI  `Faker` 40.54.0            (MIT, Copyright (c) 2012 Daniele Faraglia)  providers
          person.<locale>.first_names*/last_names* for en_US, en_GB, en_IE, de_DE, de_AT, de_CH,
          fr_FR, fr_CH, fr_BE, it_IT, es_ES, nl_NL, nl_BE, pl_PL; lorem.<locale>.word_list and
          address.<locale> street suffixes/prefixes (used only to *exclude* names that are
          ordinary words or street words)
  * PyPI  `mimesis` 22.2.0           (MIT, Copyright (c) 2016-Present Isaak Uchakaev (Likid
          Geimfari))  datasets/<locale>/person.json names and surnames for en, en-gb, en-au,
          en-ca, de, de-at, de-ch, fr, it, es, es-mx, nl, nl-be, pl; and, for callers whose names
          the seven languages' lists do not carry, tr (Turkish), pt, pt-br (Portuguese), hr
          (Croatian), uk and ru (Cyrillic, transliterated to Latin letters: the Ukrainian
          national system and the Polish spelling, `shevchenko` and `szewczenko`). Names of these
          extra lists need four letters or more and are tagged with their own language code.

Reproduce (in a scratch directory; needs `node` to read the npm package; REPO is this
repository's root):

    npm pack @faker-js/faker@10.6.0 && tar xzf faker-js-faker-10.6.0.tgz      # -> ./package
    python3 -m venv v && v/bin/pip install faker==40.54.0 mimesis==22.2.0
    v/bin/python $REPO/crates/pii/names/build.py --faker-js ./package --mimesis

Output (next to this script): given.txt and surnames.txt, one folded name (lower case, no
diacritics: the same folding as `known/fold.rs`) per line, followed by a tab and the languages
(en de fr it es nl pl; tr pt hr uk ru for the extra mimesis lists) whose lists carry it. Names shorter than three letters, particles and
words that are ordinary words in one of the seven languages are left out.
"""

import argparse
import importlib
import json
import os
import subprocess
import sys
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
LANGS = ["en", "de", "fr", "it", "es", "nl", "pl", "tr", "pt", "hr", "uk", "ru"]

MIMESIS_LOCALES = {"en": "en", "en-gb": "en", "en-au": "en", "en-ca": "en", "de": "de",
                   "de-at": "de", "de-ch": "de", "fr": "fr", "it": "it", "es": "es",
                   "es-mx": "es", "nl": "nl", "nl-be": "nl", "pl": "pl",
                   # Callers from elsewhere (Latin script, or transliterated from Cyrillic).
                   "tr": "tr", "pt": "pt", "pt-br": "pt", "hr": "hr", "uk": "uk", "ru": "ru"}
EXTRA = {"tr", "pt", "hr", "uk", "ru"}

# Cyrillic to Latin: the Ukrainian national transliteration (also used here for Russian, with
# its own letters), and the Polish spelling of the same names (Szewczenko, Ołeksandr).
CYR_EN = {"а": "a", "б": "b", "в": "v", "г": "h", "ґ": "g", "д": "d", "е": "e", "є": "ye",
          "ж": "zh", "з": "z", "и": "y", "і": "i", "ї": "yi", "й": "y", "к": "k", "л": "l",
          "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u",
          "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ь": "", "ю": "yu",
          "я": "ya", "ё": "yo", "ы": "y", "э": "e", "ъ": "", "'": "", "’": ""}
CYR_PL = dict(CYR_EN, **{"в": "w", "є": "je", "ж": "ż", "и": "y", "ї": "ji", "й": "j",
                         "х": "ch", "ц": "c", "ч": "cz", "ш": "sz", "щ": "szcz", "ю": "ju",
                         "я": "ja", "ё": "jo", "л": "ł"})

JS_LOCALES = {"en": "en", "de": "de", "de_AT": "de", "de_CH": "de", "fr": "fr", "fr_BE": "fr",
              "fr_CH": "fr", "it": "it", "es": "es", "nl": "nl", "nl_BE": "nl", "pl": "pl"}
PY_LOCALES = {"en_US": "en", "en_GB": "en", "en_IE": "en", "de_DE": "de", "de_AT": "de",
              "de_CH": "de", "fr_FR": "fr", "fr_CH": "fr", "fr_BE": "fr", "it_IT": "it",
              "es_ES": "es", "nl_NL": "nl", "nl_BE": "nl", "pl_PL": "pl"}
LOREM = {"en_US": "en", "de_DE": "de", "fr_FR": "fr", "it_IT": "it", "es_ES": "es", "nl_NL": "nl",
         "pl_PL": "pl"}

PARTICLES = {"van", "von", "de", "der", "den", "del", "della", "delle", "di", "da", "du", "des",
             "la", "le", "dos", "das", "ten", "ter", "zu", "vom", "zur", "af", "av", "y", "e",
             "mc", "mac", "st", "het", "t", "lo", "los", "las", "el", "d", "l", "dello", "degli"}

# Names that are ordinary words (or call vocabulary) in one of the seven languages and that the
# lorem lists do not carry. Kept short and explicit; the detector adds its own stop words.
# Ordinary words that are also names in the lists; the lorem word lists add more.
WORDS = set("""
may will rose mark bill hope white long king wolf grant page bell rich hunt love
joy faith grace dawn summer autumn winter spring star sky river lake hill wood moss stone
rock storm frost snow rain april june july august january march october november december
monday tuesday wednesday thursday friday saturday sunday sonntag montag freitag samstag
mai juni juli januar marz mars avril juin juillet aout maggio giugno luglio
agosto marzo aprile mayo junio julio abril lipiec maj czerwiec sierpien maart mei
young old little small short brown green black gray grey gold silver golden red blue
best good fine well early late new north south east west head hall wall field park street
hotel room suite guest house villa chapel church bar spa
can art ray jay guy drew chase dean earl major lord duke prince baron miles sterling
frank sunny happy lucky ace rusty buck bob hunter fisher baker cook
vogel keller sommer winter kaiser koch bauer jung klein lange braun schwarz fuchs
blanc petit noel masson roche brun marchand
bianco bianchi gallo leone longo gentile serra villa costa conti santi bruno greco
blanco leon vega cano campos cruz pena rubio castillo flores gil
bos kok smit boer
mazur
sale grande porta fiore luce rosa pace stella marina mare sole viola bella
paz luz sol rosario pilar dolores
ella dan don can una nada mira domenica domingo grace guy sam will
belt passen swine lions bom linse parfait brum belle bel gut super pronto bene bravo claro
""".split())


# Frequent names that the lorem word lists carry (they are text corpora with proper nouns): kept.
KEEP = set("""
antonio carlos fernando felipe claire luis manuel marco maria martin miguel pablo pedro pierre
pietro piotr rafael santiago sean victoria lopez rodriguez massimo romano russo lina roman
""".split())


def fold(s):
    s = s.lower().replace("ß", "ss").replace("æ", "ae").replace("œ", "oe").replace("ł", "l").replace("ø", "o").replace("đ", "d").replace("ð", "d").replace("þ", "th").replace("ı", "i")
    out = []
    for c in unicodedata.normalize("NFD", s):
        if unicodedata.category(c) == "Mn":
            continue
        out.append(c)
    return unicodedata.normalize("NFC", "".join(out))


def words_of(name):
    """The name words of a list entry: hyphen parts, particles dropped ("van de Wal" -> wal)."""
    out = []
    for w in fold(name).replace("'", " ").replace("’", " ").split():
        for part in w.split("-"):
            if part and part not in PARTICLES and part.isalpha() and len(part) >= 3:
                out.append(part)
    return out


def js_lists(pkg):
    script = """
const locs = %s;
const out = {};
for (const l of locs) {
  const m = await import('%s/dist/locale/' + l + '.js');
  const p = m.faker.rawDefinitions.person || {};
  const flat = v => v ? (Array.isArray(v) ? v : Object.values(v).flat()) : [];
  out[l] = {first: flat(p.first_name), last: flat(p.last_name)};
}
console.log(JSON.stringify(out));
""" % (json.dumps(list(JS_LOCALES)), os.path.abspath(pkg))
    res = subprocess.run(["node", "--input-type=module", "-e", script], check=True, capture_output=True, text=True)
    version = json.load(open(os.path.join(pkg, "package.json")))["version"]
    return json.loads(res.stdout), version


def py_attr(provider, names):
    out = []
    for n in names:
        v = getattr(provider, n, None)
        if v:
            out.extend(v.keys() if isinstance(v, dict) else v)
    return out


def translit(name, table, russian):
    out = []
    for c in name.lower():
        if russian and c == "г":
            out.append("g")
        elif russian and c == "и":
            out.append("i")
        else:
            out.append(table.get(c, c))
    return "".join(out)


def mimesis_lists():
    """(locale, language, given names, surnames) from the installed mimesis package."""
    import mimesis
    root = os.path.join(os.path.dirname(mimesis.__file__), "datasets")
    flat = lambda v: [x for xs in v.values() for x in xs] if isinstance(v, dict) else list(v or [])
    for loc, lang in MIMESIS_LOCALES.items():
        with open(os.path.join(root, loc, "person.json"), encoding="utf-8") as f:
            data = json.load(f)
        first, last = flat(data.get("names")), flat(data.get("surnames"))
        if lang in ("uk", "ru"):
            tables = [(CYR_EN, lang == "ru"), (CYR_PL, lang == "ru")]
            first = [translit(n, t, r) for n in first for t, r in tables]
            last = [translit(n, t, r) for n in last for t, r in tables]
        yield loc, lang, first, last
    yield None, mimesis.__version__, [], []


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--faker-js", required=True, help="the unpacked npm package (its ./package)")
    ap.add_argument("--mimesis", action="store_true", help="add the installed mimesis package's lists")
    args = ap.parse_args()
    given, surnames = {}, {}

    def add(table, name, lang):
        for w in words_of(name):
            table.setdefault(w, set()).add(lang)

    js, js_version = js_lists(args.faker_js)
    for loc, lang in JS_LOCALES.items():
        for n in js[loc]["first"]:
            add(given, n, lang)
        for n in js[loc]["last"]:
            add(surnames, n, lang)

    mimesis_version = None
    if args.mimesis:
        for loc, lang, first, last in mimesis_lists():
            if loc is None:
                mimesis_version = lang
                continue
            for n in first:
                if lang not in EXTRA or all(len(w) >= 4 for w in words_of(n)):
                    add(given, n, lang)
            for n in last:
                if lang not in EXTRA or all(len(w) >= 4 for w in words_of(n)):
                    add(surnames, n, lang)

    import faker
    for loc, lang in PY_LOCALES.items():
        P = importlib.import_module("faker.providers.person." + loc).Provider
        for n in py_attr(P, ["first_names", "first_names_male", "first_names_female", "first_names_nonbinary"]):
            add(given, n, lang)
        for n in py_attr(P, ["last_names", "last_names_male", "last_names_female"]):
            add(surnames, n, lang)

    common = set(WORDS)
    for loc in LOREM:
        L = importlib.import_module("faker.providers.lorem." + loc).Provider
        common.update(fold(w) for w in L.word_list)
    for w in importlib.import_module("faker.providers.lorem.en_US").Provider.word_list:
        common.add(fold(w))

    # Street suffixes and prefixes ("Teresa Turnpike", "Dorothy Islands") are not surnames.
    for loc in PY_LOCALES:
        try:
            A = importlib.import_module("faker.providers.address." + loc).Provider
        except ImportError:
            continue
        for attr in ["street_suffixes", "street_prefixes", "street_suffixes_long", "street_suffixes_short", "street_titles"]:
            for w in py_attr(A, [attr]):
                common.update(p for p in fold(w).replace(".", " ").split() if len(p) >= 3)
    # Lorem word lists are text corpora that carry many frequent given names (juan, maria,
    # pierre …): a given name that the lists of four or more languages carry is kept, unless it
    # is one of the hand-picked ordinary WORDS.
    widespread = {n for n, langs in given.items() if len(langs & set(LANGS[:7])) >= 4}
    common -= (KEEP | widespread) - WORDS
    dropped = sorted((set(given) | set(surnames)) & common)
    for table, fname, title in [(given, "given.txt", "Given names"), (surnames, "surnames.txt", "Surnames")]:
        rows = sorted((n, langs) for n, langs in table.items() if n not in common)
        with open(os.path.join(HERE, fname), "w", encoding="utf-8") as f:
            f.write(f"# {title}, folded, with the languages whose lists carry them. Generated by build.py from\n")
            extra = f", mimesis {mimesis_version} (PyPI, MIT)" if mimesis_version else ""
            f.write(f"# @faker-js/faker {js_version} (npm, MIT), Faker {faker.VERSION} (PyPI, MIT){extra}; see NOTICE.\n")
            for n, langs in rows:
                f.write(n + "\t" + ",".join(l for l in LANGS if l in langs) + "\n")
        print(f"{fname}: {len(rows)} names", file=sys.stderr)
    print(f"left out as ordinary words: {len(dropped)}: {' '.join(dropped)}", file=sys.stderr)


if __name__ == "__main__":
    main()
