"""Check-digit helpers and value makers for the independent PII set (standard library only)."""
import random
import string

# ---------------------------------------------------------------- Luhn / cards
def luhn_digit(body):
    s = 0
    for i, ch in enumerate(reversed(body)):
        d = int(ch)
        if i % 2 == 0:
            d *= 2
            if d > 9:
                d -= 9
        s += d
    return str((10 - s % 10) % 10)


def card(r, brand=None):
    brand = brand or r.choice(["visa", "visa", "mc", "mc2", "amex", "maestro", "visa"])
    if brand == "visa":
        pre, n = "4" + "".join(r.choice(string.digits) for _ in range(5)), 16
    elif brand == "mc":
        pre, n = str(r.randint(51, 55)) + "".join(r.choice(string.digits) for _ in range(4)), 16
    elif brand == "mc2":
        pre, n = str(r.randint(2221, 2720)) + "".join(r.choice(string.digits) for _ in range(2)), 16
    elif brand == "amex":
        pre, n = r.choice(["34", "37"]) + "".join(r.choice(string.digits) for _ in range(4)), 15
    else:
        pre, n = r.choice(["6759", "5018", "5020", "6304"]) + "".join(r.choice(string.digits) for _ in range(2)), 16
    body = pre + "".join(r.choice(string.digits) for _ in range(n - 1 - len(pre)))
    return body + luhn_digit(body), brand


def group_card(num, sep=" "):
    if len(num) == 15:
        return sep.join([num[:4], num[4:10], num[10:]])
    return sep.join(num[i:i + 4] for i in range(0, len(num), 4))


# ---------------------------------------------------------------- IBAN
def _mod97(s):
    n = "".join(str(int(c, 36)) for c in s)
    return int(n) % 97


def iban_from_bban(cc, bban):
    chk = 98 - _mod97(bban + cc + "00")
    return f"{cc}{chk:02d}{bban}"


def _digits(r, n):
    return "".join(r.choice(string.digits) for _ in range(n))


CIN_ODD = [1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23]


def _idx(c):
    return int(c) if c.isdigit() else ord(c) - 65


def _odd_even_char(s):
    tot = 0
    for i, c in enumerate(s):
        tot += CIN_ODD[_idx(c)] if i % 2 == 0 else _idx(c)
    return chr(65 + tot % 26)


def _es_dc(ten):
    w = [1, 2, 4, 8, 5, 10, 9, 7, 3, 6]
    v = 11 - sum(int(a) * b for a, b in zip(ten, w)) % 11
    return {10: 1, 11: 0}.get(v, v)


def _nl_account(r):
    while True:
        a = _digits(r, 10)
        if a[0] == "0" and a[1] != "0" and sum(int(d) * (10 - i) for i, d in enumerate(a)) % 11 == 0:
            return a


def iban(r, cc):
    if cc == "DE":
        bban = r.choice(["10070000", "20041133", "37040044", "50010517", "70150000", "12030000", "43060967"]) + _digits(r, 10)
    elif cc == "FR":
        bank, br, acc = r.choice(["30004", "30003", "20041", "10278", "30002", "11315"]), _digits(r, 5), _digits(r, 11)
        key = 97 - (89 * int(bank) + 15 * int(br) + 3 * int(acc)) % 97
        bban = f"{bank}{br}{acc}{key:02d}"
    elif cc == "IT":
        rest = r.choice(["03069", "02008", "05034", "03111", "01030"]) + _digits(r, 5) + _digits(r, 12)
        bban = _odd_even_char(rest) + rest
    elif cc == "ES":
        bank, br, acc = r.choice(["2100", "0049", "0182", "2085", "0081", "1465"]), _digits(r, 4), _digits(r, 10)
        bban = f"{bank}{br}{_es_dc('00' + bank + br)}{_es_dc(acc)}{acc}"
    elif cc == "NL":
        bban = r.choice(["ABNA", "INGB", "RABO", "TRIO", "SNSB", "ASNB", "KNAB"]) + _nl_account(r)
    elif cc == "PL":
        bban = r.choice(["10201026", "11402004", "10501445", "24901044", "10901362", "11602202"]) + _digits(r, 16)
    elif cc == "GB":
        bban = r.choice(["NWBK", "BARC", "LOYD", "HBUK", "MIDL"]) + _digits(r, 6) + _digits(r, 8)
    elif cc == "AT":
        bban = r.choice(["12000", "20111", "32000", "14000"]) + _digits(r, 11)
    elif cc == "BE":
        b = _digits(r, 10)
        k = int(b) % 97 or 97
        bban = f"{b}{k:02d}"
    else:
        raise ValueError(cc)
    return iban_from_bban(cc, bban)


def group4(s, sep=" "):
    return sep.join(s[i:i + 4] for i in range(0, len(s), 4))


# ---------------------------------------------------------------- national ids
def pesel(r, y, m, d, female):
    mm = m + (20 if y >= 2000 else 0)
    serial = _digits(r, 3) + str(r.choice([0, 2, 4, 6, 8]) if female else r.choice([1, 3, 5, 7, 9]))
    body = f"{y % 100:02d}{mm:02d}{d:02d}{serial}"
    w = [1, 3, 7, 9, 1, 3, 7, 9, 1, 3]
    return body + str((10 - sum(int(a) * b for a, b in zip(body, w)) % 10) % 10)


def bsn(r):
    while True:
        b = str(r.randint(1, 9)) + _digits(r, 8)
        if (sum(int(d) * (9 - i) for i, d in enumerate(b[:8])) - int(b[8])) % 11 == 0:
            return b


DNI_L = "TRWAGMYFPDXBNJZSQVHLCKE"


def dni(r):
    n = r.randint(10000000, 79999999)
    return f"{n:08d}{DNI_L[n % 23]}"


def nie(r):
    p = r.choice("XYZ")
    n = _digits(r, 7)
    return f"{p}{n}{DNI_L[int(str('XYZ'.index(p)) + n) % 23]}"


CF_MONTH = "ABCDEHLMPRST"
CF_COMUNI = ["H501", "F205", "F839", "L219", "D612", "G273", "A944", "L736", "D969", "C351", "B157", "H294"]
CF_ODD = {**{str(i): v for i, v in enumerate([1, 0, 5, 7, 9, 13, 15, 17, 19, 21])},
          **{chr(65 + i): v for i, v in enumerate(CIN_ODD)}}


def _strip(s):
    t = str.maketrans("ÀÁÂÄÈÉÊËÌÍÎÏÒÓÔÖÙÚÛÜÇÑ", "AAAAEEEEIIIIOOOOUUUUCN")
    return "".join(c for c in s.upper().translate(t) if c.isalpha())


def _cf_part(s, is_name):
    s = _strip(s)
    cons = [c for c in s if c not in "AEIOU"]
    vow = [c for c in s if c in "AEIOU"]
    if is_name and len(cons) >= 4:
        cons = [cons[0], cons[2], cons[3]]
    return ("".join(cons + vow) + "XXX")[:3]


def codice_fiscale(r, surname, given, y, m, d, female):
    body = _cf_part(surname, False) + _cf_part(given, True) + f"{y % 100:02d}" + CF_MONTH[m - 1] + \
        f"{d + (40 if female else 0):02d}" + r.choice(CF_COMUNI)
    tot = sum(CF_ODD[c] if i % 2 == 0 else _idx(c) for i, c in enumerate(body))
    return body + chr(65 + tot % 26)


def nir(r, y, m, female):
    dept = r.choice(["75", "69", "13", "33", "59", "31", "44", "67", "06", "35"])
    body = f"{2 if female else 1}{y % 100:02d}{m:02d}{dept}{r.randint(1, 999):03d}{r.randint(1, 999):03d}"
    key = 97 - int(body) % 97
    return body + f"{key:02d}"


def nir_spaced(n):
    return " ".join([n[0], n[1:3], n[3:5], n[5:7], n[7:10], n[10:13], n[13:]])


def steuer_id(r):
    while True:
        digs = list(range(10))
        rep = r.choice(digs)
        missing = r.choice([d for d in digs if d != rep])
        pool = [d for d in digs if d != missing] + [rep]
        r.shuffle(pool)
        if pool[0] == 0:
            continue
        prod = 10
        for d in pool:
            s = (d + prod) % 10 or 10
            prod = (s * 2) % 11
        chk = 11 - prod
        if chk == 10:
            chk = 0
        return "".join(map(str, pool)) + str(chk)


def icao(s):
    w = [7, 3, 1]
    tot = 0
    for i, c in enumerate(s):
        v = 0 if c == "<" else (int(c) if c.isdigit() else ord(c) - 55)
        tot += v * w[i % 3]
    return str(tot % 10)


DE_DOC = "CFGHJKLMNPRTVWXYZ0123456789"


def de_id_card(r):
    s = r.choice("LMNPRTVWXY") + "".join(r.choice(DE_DOC) for _ in range(8))
    return s, icao(s)


def de_passport(r):
    return "C" + "".join(r.choice(DE_DOC) for _ in range(8))


def fr_passport(r):
    return _digits(r, 2) + "".join(r.choice(string.ascii_uppercase) for _ in range(2)) + _digits(r, 5)


def it_passport(r):
    return "".join(r.choice(string.ascii_uppercase) for _ in range(2)) + _digits(r, 7)


def it_cie(r):
    return "C" + r.choice("ABCDEFG") + _digits(r, 5) + "".join(r.choice(string.ascii_uppercase) for _ in range(2))


def es_passport(r):
    return "".join(r.choice(string.ascii_uppercase) for _ in range(3)) + _digits(r, 6)


def nl_passport(r):
    al = "ABCDEFGHIJKLMNPQRSTUVWXYZ"
    return "".join(r.choice(al) for _ in range(2)) + "".join(r.choice(al + "0123456789") for _ in range(6)) + r.choice("0123456789")


def pl_id_card(r):
    letters = "".join(r.choice("ABCDEFGHIJKLMNPRSTUVWXYZ") for _ in range(3))
    rest = _digits(r, 5)
    w = [7, 3, 1, 9, 7, 3, 1, 7, 3]
    vals = [ord(c) - 55 for c in letters] + [0] + [int(c) for c in rest]
    chk = sum(v * wt for v, wt in zip(vals, w)) % 10
    return f"{letters}{chk}{rest}"


def pl_passport(r):
    return "".join(r.choice(string.ascii_uppercase) for _ in range(2)) + _digits(r, 7)


def uk_passport(r):
    return str(r.randint(1, 9)) + _digits(r, 8)


def nino(r):
    first = r.choice("ABCEGHJKLMNOPRSTWXYZ")
    second = r.choice("ABCEGHJKLMNPRSTWXYZ")
    if first + second in ("BG", "GB", "NK", "KN", "TN", "NT", "ZZ"):
        second = "A"
    return f"{first}{second}{_digits(r, 6)}{r.choice('ABCD')}"


def mrz_td3(doc_type, issuer, surname, given, number, nationality, dob, sex, expiry, personal=""):
    """Returns (line1, line2, name_field_start, name_field_end). Names must be A-Z and spaces."""
    name = surname.replace(" ", "<").replace("-", "<") + "<<" + given.replace(" ", "<").replace("-", "<")
    line1 = (f"{doc_type}<{issuer}" + name + "<" * 44)[:44]
    num = (number + "<" * 9)[:9]
    pers = (personal + "<" * 14)[:14]
    pchk = icao(pers) if personal else "<"
    l2 = num + icao(num) + nationality + dob + icao(dob) + sex + expiry + icao(expiry) + pers + pchk
    comp = num + icao(num) + dob + icao(dob) + expiry + icao(expiry) + pers + pchk
    line2 = l2 + icao(comp)
    assert len(line2) == 44, line2
    return line1, line2, 5, 5 + len(name)
