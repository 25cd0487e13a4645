//! Check-digit and format validators: Luhn and IIN ranges, IBAN mod-97, ICAO 9303 (German ID
//! card and passport), Italian codice fiscale, Spanish DNI/NIE, Dutch BSN 11-proof, UK NINO,
//! German tax ID (ISO 7064 MOD 11,10), Polish PESEL and ID card, French NIR, Belgian national
//! number.

/// Digits of `s` as values 0..=9, other characters skipped.
pub(crate) fn digits(s: &str) -> Vec<u8> {
    s.bytes()
        .filter(u8::is_ascii_digit)
        .map(|b| b - b'0')
        .collect()
}

/// Luhn check over digit values.
pub(crate) fn luhn(digits: &[u8]) -> bool {
    if digits.len() < 2 {
        return false;
    }
    let mut sum = 0u32;
    for (i, &d) in digits.iter().rev().enumerate() {
        let mut v = u32::from(d);
        if i % 2 == 1 {
            v *= 2;
            if v > 9 {
                v -= 9;
            }
        }
        sum += v;
    }
    sum.is_multiple_of(10)
}

fn prefix_value(digits: &[u8], n: usize) -> u32 {
    digits
        .iter()
        .take(n)
        .fold(0u32, |acc, &d| acc * 10 + u32::from(d))
}

/// Whether the digits start with a current IIN range of a card scheme and have a length that
/// scheme issues (Visa, Mastercard incl. 2221-2720, Amex, Diners, Discover, JCB, Maestro,
/// UnionPay, Mir, UATP, RuPay, Troy).
pub(crate) fn card_iin_ok(digits: &[u8]) -> bool {
    let len = digits.len();
    if !(13..=19).contains(&len) {
        return false;
    }
    let p1 = prefix_value(digits, 1);
    let p2 = prefix_value(digits, 2);
    let p3 = prefix_value(digits, 3);
    let p4 = prefix_value(digits, 4);
    let p6 = prefix_value(digits, 6);
    let long = (16..=19).contains(&len);
    // Visa
    (p1 == 4 && matches!(len, 13 | 16 | 19))
        // Mastercard 51-55 and the 2-series 2221-2720
        || ((51..=55).contains(&p2) || (2221..=2720).contains(&p4)) && len == 16
        // American Express
        || (p2 == 34 || p2 == 37) && len == 15
        // Diners Club International / Carte Blanche
        || ((300..=305).contains(&p3) || p4 == 3095 || p2 == 36 || p2 == 38 || p2 == 39)
            && (14..=19).contains(&len)
        // JCB (3528-3589, and the old 15-digit 2131/1800)
        || (3528..=3589).contains(&p4) && long
        || (p4 == 2131 || p4 == 1800) && len == 15
        // Mir
        || (2200..=2204).contains(&p4) && long
        // Discover, UnionPay, Maestro, RuPay, Verve, Dankort: 50, 56-69 (incl. 6011, 622126-622925,
        // 644-649, 65)
        || (p2 == 50 || (56..=69).contains(&p2)) && (13..=19).contains(&len)
        || (622_126..=622_925).contains(&p6) && long
        // RuPay 81/82
        || (p2 == 81 || p2 == 82) && long
        // UATP
        || p1 == 1 && len == 15
        // Troy
        || p4 == 9792 && len == 16
}

/// A card number: Luhn-valid with a known IIN range and length.
pub(crate) fn is_card(digits: &[u8]) -> bool {
    card_iin_ok(digits) && luhn(digits)
}

/// IBAN lengths of the SEPA scheme's countries and territories.
pub(crate) fn sepa_iban_len(country: &[u8]) -> Option<usize> {
    let len = match country {
        b"AD" => 24,
        b"AT" => 20,
        b"BE" => 16,
        b"BG" => 22,
        b"CH" => 21,
        b"CY" => 28,
        b"CZ" => 24,
        b"DE" => 22,
        b"DK" => 18,
        b"EE" => 20,
        b"ES" => 24,
        b"FI" | b"AX" => 18,
        b"FR" | b"GF" | b"GP" | b"MQ" | b"RE" | b"YT" | b"BL" | b"MF" | b"PM" | b"NC" | b"PF"
        | b"TF" | b"WF" => 27,
        b"GB" | b"GG" | b"IM" | b"JE" => 22,
        b"GI" => 23,
        b"GR" => 27,
        b"HR" => 21,
        b"HU" => 28,
        b"IE" => 22,
        b"IS" => 26,
        b"IT" => 27,
        b"LI" => 21,
        b"LT" => 20,
        b"LU" => 20,
        b"LV" => 21,
        b"MC" => 27,
        b"MT" => 31,
        b"NL" => 18,
        b"NO" => 15,
        b"PL" => 28,
        b"PT" => 25,
        b"RO" => 24,
        b"SE" => 24,
        b"SI" => 19,
        b"SK" => 24,
        b"SM" => 27,
        b"VA" => 22,
        _ => return None,
    };
    Some(len)
}

/// IBAN mod-97 over an upper-case alphanumeric IBAN without spaces.
pub(crate) fn iban_mod97(iban: &[u8]) -> bool {
    if iban.len() < 5 {
        return false;
    }
    let rearranged = iban[4..].iter().chain(iban[..4].iter());
    let mut rem: u32 = 0;
    for &c in rearranged {
        match c {
            b'0'..=b'9' => rem = (rem * 10 + u32::from(c - b'0')) % 97,
            b'A'..=b'Z' => rem = (rem * 100 + u32::from(c - b'A') + 10) % 97,
            _ => return false,
        }
    }
    rem == 1
}

fn icao_value(c: u8) -> Option<u32> {
    match c {
        b'0'..=b'9' => Some(u32::from(c - b'0')),
        b'A'..=b'Z' => Some(u32::from(c - b'A') + 10),
        b'<' => Some(0),
        _ => None,
    }
}

/// ICAO 9303 check digit (weights 7, 3, 1) of `data`.
pub(crate) fn icao_check_digit(data: &[u8]) -> Option<u8> {
    const WEIGHTS: [u32; 3] = [7, 3, 1];
    let mut sum = 0u32;
    for (i, &c) in data.iter().enumerate() {
        sum += icao_value(c)? * WEIGHTS[i % 3];
    }
    u8::try_from(sum % 10).ok()
}

/// Italian codice fiscale (16 characters, upper case) with its check character.
pub(crate) fn codice_fiscale_ok(cf: &[u8]) -> bool {
    const ODD: [u32; 26] = [
        1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24,
        23,
    ];
    if cf.len() != 16 {
        return false;
    }
    let mut sum = 0u32;
    for (i, &c) in cf[..15].iter().enumerate() {
        let idx = match c {
            b'0'..=b'9' => usize::from(c - b'0'),
            b'A'..=b'Z' => usize::from(c - b'A'),
            _ => return false,
        };
        // Positions are 1-based in the specification: odd positions are even indexes.
        sum += if i % 2 == 0 {
            ODD[idx]
        } else {
            u32::try_from(idx).unwrap_or(0)
        };
    }
    let check = b'A' + u8::try_from(sum % 26).unwrap_or(0);
    cf[15] == check
}

const DNI_LETTERS: &[u8; 23] = b"TRWAGMYFPDXBNJZSQVHLCKE";

/// Spanish DNI (8 digits + letter) or NIE (X/Y/Z + 7 digits + letter), upper case, no separators.
pub(crate) fn dni_nie_ok(id: &[u8]) -> bool {
    if id.len() != 9 {
        return false;
    }
    let (first, rest) = match id[0] {
        b'X' => (0u32, &id[1..8]),
        b'Y' => (1, &id[1..8]),
        b'Z' => (2, &id[1..8]),
        b'0'..=b'9' => (u32::from(id[0] - b'0'), &id[1..8]),
        _ => return false,
    };
    let mut n = first;
    for &c in rest {
        if !c.is_ascii_digit() {
            return false;
        }
        n = n * 10 + u32::from(c - b'0');
    }
    let idx = usize::try_from(n % 23).unwrap_or(0);
    id[8] == DNI_LETTERS[idx]
}

/// Dutch BSN 11-proof over 9 digits.
pub(crate) fn bsn_ok(digits: &[u8]) -> bool {
    if digits.len() != 9 || digits.iter().all(|&d| d == 0) {
        return false;
    }
    let mut sum: i32 = 0;
    for (i, &d) in digits[..8].iter().enumerate() {
        sum += i32::from(d) * (9 - i32::try_from(i).unwrap_or(0));
    }
    sum -= i32::from(digits[8]);
    sum % 11 == 0
}

/// UK National Insurance number (no spaces, upper case): two prefix letters, six digits, a
/// suffix letter A-D; the prefixes that are never issued are refused.
pub(crate) fn nino_ok(id: &[u8]) -> bool {
    if id.len() != 9 {
        return false;
    }
    let (a, b) = (id[0], id[1]);
    let bad_first = b"DFIQUV";
    let bad_second = b"DFIOQUV";
    if !a.is_ascii_uppercase()
        || !b.is_ascii_uppercase()
        || bad_first.contains(&a)
        || bad_second.contains(&b)
    {
        return false;
    }
    if matches!(
        &id[..2],
        b"BG" | b"GB" | b"KN" | b"NK" | b"NT" | b"TN" | b"ZZ"
    ) {
        return false;
    }
    id[2..8].iter().all(u8::is_ascii_digit) && matches!(id[8], b'A'..=b'D')
}

/// German tax identification number (11 digits, ISO 7064 MOD 11,10 check digit).
pub(crate) fn de_tax_id_ok(digits: &[u8]) -> bool {
    if digits.len() != 11 || digits[0] == 0 {
        return false;
    }
    let mut product = 10u32;
    for &d in &digits[..10] {
        let mut sum = (u32::from(d) + product) % 10;
        if sum == 0 {
            sum = 10;
        }
        product = (sum * 2) % 11;
    }
    let mut check = 11 - product;
    if check == 10 {
        check = 0;
    }
    u32::from(digits[10]) == check
}

fn days_in_month(year: u32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400) => {
            29
        }
        2 => 28,
        _ => 0,
    }
}

/// Whether `day`.`month`.`year` is a calendar date.
fn valid_date(year: u32, month: u32, day: u32) -> bool {
    (1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month)
}

fn two(d: &[u8], i: usize) -> u32 {
    u32::from(d[i]) * 10 + u32::from(d[i + 1])
}

/// Polish PESEL (11 digit values): weighted check digit (1 3 7 9 …) and a birth date encoded in
/// the first six digits that exists and lies in 1900-2029 (months 01-12 for the 1900s, 21-32
/// for the 2000s).
pub(crate) fn pesel_ok(d: &[u8]) -> bool {
    if d.len() != 11 || d.iter().any(|&x| x > 9) {
        return false;
    }
    const W: [u32; 10] = [1, 3, 7, 9, 1, 3, 7, 9, 1, 3];
    let sum: u32 = d[..10].iter().zip(W).map(|(&x, w)| u32::from(x) * w).sum();
    if (10 - sum % 10) % 10 != u32::from(d[10]) {
        return false;
    }
    let (yy, mm, dd) = (two(d, 0), two(d, 2), two(d, 4));
    let (year, month) = match mm {
        1..=12 => (1900 + yy, mm),
        21..=32 if yy <= 29 => (2000 + yy, mm - 20),
        _ => return false,
    };
    valid_date(year, month, dd)
}

/// Polish ID card number (upper case, no spaces): three letters, then the check digit and five
/// digits; weights 7 3 1 9 7 3 1 7 3 over letter values (A = 10 …) and digits sum to 0 mod 10.
pub(crate) fn pl_id_card_ok(id: &[u8]) -> bool {
    if id.len() != 9
        || !id[..3].iter().all(u8::is_ascii_uppercase)
        || !id[3..].iter().all(u8::is_ascii_digit)
    {
        return false;
    }
    const W: [u32; 9] = [7, 3, 1, 9, 7, 3, 1, 7, 3];
    let sum: u32 = id
        .iter()
        .zip(W)
        .map(|(&c, w)| {
            let v = if c.is_ascii_digit() {
                u32::from(c - b'0')
            } else {
                u32::from(c - b'A') + 10
            };
            v * w
        })
        .sum();
    sum.is_multiple_of(10)
}

/// French social security number (NIR, upper case, no spaces, 15 characters): sex 1 or 2, year,
/// month 01-12 (or 20-42, unknown), department (two digits, `2A`/`2B` for Corsica), commune,
/// order number and the key 97 − (first 13 digits mod 97).
pub(crate) fn nir_ok(id: &[u8]) -> bool {
    if id.len() != 15 || !matches!(id[0], b'1' | b'2') {
        return false;
    }
    // Corsica: 2A and 2B count as 19 and 18 in the department.
    let department: u64 = match (id[5], id[6]) {
        (b'2', b'A') => 19,
        (b'2', b'B') => 18,
        (a, b) if a.is_ascii_digit() && b.is_ascii_digit() => {
            u64::from(a - b'0') * 10 + u64::from(b - b'0')
        }
        _ => return false,
    };
    let mut body: u64 = 0;
    for (i, &c) in id[..13].iter().enumerate() {
        if i == 5 {
            body = body * 100 + department;
            continue;
        }
        if i == 6 {
            continue;
        }
        if !c.is_ascii_digit() {
            return false;
        }
        body = body * 10 + u64::from(c - b'0');
    }
    let month = u32::from(id[3].wrapping_sub(b'0')) * 10 + u32::from(id[4].wrapping_sub(b'0'));
    if !(matches!(month, 1..=12 | 20..=42)) || !id[13..].iter().all(u8::is_ascii_digit) {
        return false;
    }
    let key = u64::from(id[13] - b'0') * 10 + u64::from(id[14] - b'0');
    key == 97 - body % 97
}

/// Belgian national number (11 digit values): birth date `yymmdd`, a serial of three digits, and
/// the check 97 − (first nine digits mod 97), with a leading 2 for births from 2000.
pub(crate) fn be_national_number_ok(d: &[u8]) -> bool {
    if d.len() != 11 || d.iter().any(|&x| x > 9) {
        return false;
    }
    let first: u64 = d[..9].iter().fold(0, |a, &x| a * 10 + u64::from(x));
    let check = u64::from(d[9]) * 10 + u64::from(d[10]);
    let (mm, dd) = (two(d, 2), two(d, 4));
    if !(1..=12).contains(&mm) || !(1..=31).contains(&dd) {
        return false;
    }
    check == 97 - first % 97 || check == 97 - (2_000_000_000 + first) % 97
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn luhn_and_iin() {
        for pan in [
            "4111111111111111",
            "5555555555554444",
            "2223003122003222",
            "378282246310005",
            "6011111111111117",
            "3530111333300000",
            "4131034282458809939",
            "6759649826438453",
        ] {
            assert!(is_card(&digits(pan)), "{pan}");
        }
        assert!(!is_card(&digits("4111111111111112")));
        assert!(!is_card(&digits("1234567812345670")));
    }

    #[test]
    fn iban() {
        assert!(iban_mod97(b"DE89370400440532013000"));
        assert!(iban_mod97(b"GB82WEST12345698765432"));
        assert!(!iban_mod97(b"DE89370400440532013001"));
        assert_eq!(sepa_iban_len(b"DE"), Some(22));
    }

    #[test]
    fn national_ids() {
        // German ID card specimen T22000129 with check digit 3.
        assert_eq!(icao_check_digit(b"T22000129"), Some(3));
        assert!(codice_fiscale_ok(b"RSSMRA85T10A562S"));
        assert!(!codice_fiscale_ok(b"RSSMRA85T10A562T"));
        assert!(dni_nie_ok(b"12345678Z"));
        assert!(dni_nie_ok(b"X1234567L"));
        assert!(!dni_nie_ok(b"12345678A"));
        assert!(bsn_ok(&digits("111222333")));
        assert!(!bsn_ok(&digits("111222334")));
        assert!(nino_ok(b"AB123456C"));
        assert!(!nino_ok(b"GB123456C"));
        assert!(de_tax_id_ok(&digits("65929970489")));
    }

    #[test]
    fn pesel() {
        assert!(pesel_ok(&digits("44051401359")));
        assert!(pesel_ok(&digits("02270803624")));
        // Wrong check digit.
        assert!(!pesel_ok(&digits("44051401358")));
        // Check digit right, month 13 (not a date).
        assert!(!pesel_ok(&digits("44131401350")));
        // A phone number without "+": 48 601 234 567 (month 60).
        assert!(!pesel_ok(&digits("48601234567")));
        // 31 February.
        assert!(!pesel_ok(&digits("90023112347")));
    }

    #[test]
    fn pl_id_card() {
        assert!(pl_id_card_ok(b"ABA300000"));
        assert!(!pl_id_card_ok(b"ABA400000"));
        assert!(!pl_id_card_ok(b"AB1300000"));
    }

    #[test]
    fn nir() {
        assert!(nir_ok(b"185057800608491"));
        // Corsica: 2A counts as 19.
        assert!(nir_ok(b"285052A00608482"));
        assert!(!nir_ok(b"285052A00608481"));
        assert!(!nir_ok(b"185057800608492"));
        // Sex digit 3, month 13.
        assert!(!nir_ok(b"385057800608491"));
        assert!(!nir_ok(b"185137800608491"));
    }

    #[test]
    fn be_national_number() {
        assert!(be_national_number_ok(&digits("85073003328")));
        assert!(!be_national_number_ok(&digits("85073003329")));
        // Born in 2000 or later: 2 in front for the check.
        assert!(be_national_number_ok(&digits("00010100105")));
    }
}
