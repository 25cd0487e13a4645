//! Known-value redaction: with the guest's values known, none of them leaks in any form, in
//! English, German, French, Italian, Spanish, Dutch and Polish.

use pii::{EntityType, KnownValues, Operators, PseudonymKey, RedactionContext, Redactor, Speaker};
use serde_json::json;

fn context(name: &str, email: &str, phone: &str) -> RedactionContext {
    let mut ctx = RedactionContext::default();
    ctx.add(EntityType::Person, name)
        .add(EntityType::Email, email)
        .add(EntityType::Phone, phone);
    ctx
}

fn fold(s: &str) -> String {
    s.to_lowercase()
}

/// Redacts every line and checks that none of `forbidden` (case-insensitive) is left.
fn assert_clean(ctx: &RedactionContext, cases: &[(&str, &[&str])]) {
    for (text, forbidden) in cases {
        let out = ctx.redact_text(text);
        assert_ne!(&out, text, "nothing redacted in a case");
        for f in *forbidden {
            assert!(
                !fold(&out).contains(&fold(f)),
                "a known value survived: {out:?} still holds {f:?}"
            );
        }
    }
}

#[test]
fn english_guest_leaks_in_no_form() {
    let ctx = context(
        "Lily Morgan",
        "lily.morgan@example.co.uk",
        "+44 7700 900123",
    );
    assert_clean(
        &ctx,
        &[
            (
                "lily morgan uh ringing about the room for friday",
                &["lily", "morgan"],
            ),
            ("LILY MORGAN checked in", &["lily", "morgan"]),
            ("the surname is m o r g a n", &["m o r g a n"]),
            ("spelled M-O-R-G-A-N", &["m-o-r-g-a-n"]),
            (
                "my email is lily dot morgan at example dot co dot uk",
                &["lily", "morgan", "example dot co"],
            ),
            (
                "write to lily.morgan@example.co.uk",
                &["lily.morgan@example.co.uk"],
            ),
            (
                "lily [dot] morgan [at] example [dot] co [dot] uk",
                &["lily", "morgan", "example"],
            ),
            (
                "mailto=lily.morgan%40example.co.uk&x=1",
                &["lily", "morgan", "example"],
            ),
            (
                "it's oh seven seven double oh nine oh oh one two three",
                &["nine oh oh one two three"],
            ),
            (
                "call +44 (0)7700 900123 or 07700 900 123",
                &["900123", "900 123"],
            ),
            (
                "seventy seven hundred nine hundred one twenty three",
                &["one twenty three"],
            ),
        ],
    );
}

#[test]
fn german_guest_leaks_in_no_form() {
    let ctx = context(
        "Jürgen Müller",
        "juergen.mueller@beispiel.de",
        "+49 171 2345678",
    );
    assert_clean(
        &ctx,
        &[
            ("hier ist jürgen mueller aus köln", &["jürgen", "mueller"]),
            ("Herrn Müllers Zimmer ist fertig", &["müller"]),
            ("m ü l l e r wie müller", &["m ü l l e r", "müller"]),
            (
                "null eins sieben eins zwei drei vier fünf sechs sieben acht",
                &["zwei drei vier fünf sechs sieben acht"],
            ),
            (
                "eins einundsiebzig dreiundzwanzig fünfundvierzig siebenundsechzig acht",
                &["dreiundzwanzig"],
            ),
            (
                "juergen punkt mueller klammeraffe beispiel punkt de",
                &["juergen", "mueller", "beispiel punkt de"],
            ),
            (
                "juergen punkt mueller ät beispiel punkt de",
                &["juergen", "mueller", "beispiel"],
            ),
            ("Tel. 0171/2345678", &["2345678"]),
        ],
    );
}

#[test]
fn french_guest_leaks_in_no_form() {
    let ctx = context(
        "Amélie Dubois",
        "amelie.dubois@exemple.fr",
        "+33 6 12 34 56 77",
    );
    assert_clean(
        &ctx,
        &[
            (
                "oui bonjour amelie dubois à l'appareil",
                &["amelie", "dubois"],
            ),
            (
                "zéro six douze trente-quatre cinquante-six soixante-dix-sept",
                &["trente-quatre", "soixante-dix-sept"],
            ),
            (
                "six douze trente quatre cinquante six soixante dix sept",
                &["cinquante six"],
            ),
            (
                "amélie point dubois arobase exemple point fr",
                &["amélie", "dubois", "exemple point fr"],
            ),
            ("d-u-b-o-i-s", &["d-u-b-o-i-s"]),
            ("Mme DUBOIS arrive", &["dubois"]),
        ],
    );
    let ctx = context("Luc Martin", "luc@exemple.fr", "+33 1 91 71 80 99");
    assert_clean(
        &ctx,
        &[(
            "un quatre-vingt-onze soixante et onze quatre-vingts quatre-vingt-dix-neuf",
            &[
                "quatre-vingt-onze",
                "soixante et onze",
                "quatre-vingt-dix-neuf",
            ],
        )],
    );
}

#[test]
fn italian_guest_leaks_in_no_form() {
    let ctx = context(
        "Giulia Bianchi",
        "giulia.bianchi@esempio.it",
        "+39 333 123 4567",
    );
    assert_clean(
        &ctx,
        &[
            ("sì buongiorno sono giulia bianchi", &["giulia", "bianchi"]),
            (
                "tre tre tre uno due tre quattro cinque sei sette",
                &["uno due tre quattro cinque sei sette"],
            ),
            (
                "tre tre tre uno ventitré quarantacinque sessantasette",
                &["sessantasette"],
            ),
            (
                "giulia punto bianchi chiocciola esempio punto it",
                &["giulia", "bianchi", "esempio punto it"],
            ),
            ("b i a n c h i", &["b i a n c h i"]),
        ],
    );
}

#[test]
fn spanish_guest_leaks_in_no_form() {
    let ctx = context("José García", "jose.garcia@ejemplo.es", "+34 612 34 56 78");
    assert_clean(
        &ctx,
        &[
            ("hola soy jose garcia", &["jose", "garcia"]),
            ("se escribe j-o-s-é", &["j-o-s-é"]),
            (
                "seis uno dos treinta y cuatro cincuenta y seis setenta y ocho",
                &["treinta y cuatro", "setenta y ocho"],
            ),
            (
                "seiscientos doce trescientos cuarenta y cinco seis siete ocho",
                &["seis siete ocho"],
            ),
            (
                "jose punto garcia arroba ejemplo punto es",
                &["jose", "garcia", "ejemplo punto es"],
            ),
            ("GARCÍA", &["garcía"]),
        ],
    );
}

#[test]
fn dutch_guest_leaks_in_no_form() {
    let ctx = context(
        "Daan van der Visser",
        "daan.visser@voorbeeld.nl",
        "+31 6 12345678",
    );
    assert_clean(
        &ctx,
        &[
            ("ja goedemiddag met daan visser", &["daan", "visser"]),
            (
                "nul zes een twee drie vier vijf zes zeven acht",
                &["een twee drie vier vijf zes zeven acht"],
            ),
            (
                "zes twaalf vierendertig zesenvijftig achtenzeventig",
                &["achtenzeventig"],
            ),
            (
                "daan punt visser apenstaartje voorbeeld punt nl",
                &["daan", "visser", "voorbeeld punt nl"],
            ),
            ("v-i-s-s-e-r", &["v-i-s-s-e-r"]),
        ],
    );
}

#[test]
fn polish_guest_leaks_in_no_form() {
    let mut ctx = context(
        "Józef Kowalczyk",
        "j.kowalczyk@przyklad.pl",
        "+48 601 234 567",
    );
    ctx.add(EntityType::Person, "Anna Nowak");
    assert_clean(
        &ctx,
        &[
            ("dzwonię w imieniu pana kowalczyka", &["kowalczyk"]),
            ("rozmawiałam z panem kowalczykiem", &["kowalczyk"]),
            ("proszę przekazać panu kowalczykowi", &["kowalczyk"]),
            ("u państwa kowalczyków", &["kowalczyk"]),
            ("rezerwacja pani nowak dla pana nowaka", &["nowak"]),
            ("z panią anną nowak, o annie", &["anną", "annie", "nowak"]),
            ("nazwisko n o w a k", &["n o w a k"]),
            (
                "sześćset jeden dwieście trzydzieści cztery pięćset sześćdziesiąt siedem",
                &["trzydzieści", "sześćdziesiąt"],
            ),
            (
                "sześć zero jeden dwa trzy cztery pięć sześć siedem",
                &["dwa trzy cztery pięć sześć siedem"],
            ),
            (
                "j kropka kowalczyk małpa przyklad kropka pl",
                &["kowalczyk", "przyklad kropka pl"],
            ),
            ("JÓZEF KOWALCZYK", &["józef", "kowalczyk"]),
            ("jozef kowalczyk", &["jozef", "kowalczyk"]),
        ],
    );
}

#[test]
fn learns_the_guest_from_payloads() {
    let mut ctx = RedactionContext::default();
    ctx.learn_json(&json!({
        "HotelReservation": {"ResGuests": [{"GuestName": "Sophie Martin"}]},
        "guest": {"firstName": "Sophie", "lastName": "Martin", "email": "s.martin@example.fr",
                  "phone": "+33 6 11 22 33 44"}
    }));
    assert!(ctx.known().len() >= 3);
    let out = ctx.redact_text("sophie said: zéro six onze vingt-deux trente-trois quarante-quatre");
    assert_eq!(out, "<PERSON> said: <PHONE>");
    let redacted = ctx.redact_json(&json!({"note": "call martin back", "room": "12"}));
    assert_eq!(
        redacted,
        json!({"note": "call <PERSON> back", "room": "12"})
    );
}

#[test]
fn a_simulated_call_leaks_none_of_the_guest_values() {
    let mut call = RedactionContext::default();
    call.add(EntityType::Phone, "+31 6 12345678");
    let turns = [
        (Speaker::Agent, "Hotel Amstel, goedemiddag. Wat is uw naam?"),
        (
            Speaker::Caller,
            "ja goedemiddag met daan visser ik bel voor de kamer",
        ),
        (Speaker::Agent, "Kunt u dat spellen?"),
        (Speaker::Caller, "v i s s e r"),
        (Speaker::Agent, "Dank u meneer visser. Uw e-mailadres?"),
        (
            Speaker::Caller,
            "daan punt visser apenstaartje voorbeeld punt nl",
        ),
        (
            Speaker::Caller,
            "en mijn nummer is nul zes een twee drie vier vijf zes zeven acht",
        ),
        (
            Speaker::Agent,
            "Ik bevestig: daan.visser@voorbeeld.nl, meneer Vissers boeking.",
        ),
    ];
    let mut out = Vec::new();
    for (speaker, text) in turns {
        out.push(call.redact_turn(speaker, text));
    }
    let all = out.join("\n").to_lowercase();
    for value in [
        "daan",
        "visser",
        "v i s s e r",
        "voorbeeld",
        "twee drie vier vijf zes zeven acht",
    ] {
        assert!(!all.contains(value), "a call value survived: {all}");
    }
    // Non-personal words stay.
    assert!(all.contains("hotel amstel") && all.contains("kamer"));
}

#[test]
fn keeps_what_is_not_the_guests() {
    let ctx = context(
        "Lily Morgan",
        "lily.morgan@example.co.uk",
        "+44 7700 900123",
    );
    for text in [
        "room 12 for friday, two nights",
        "the card ends in one two three",
        "booking 7700123 confirmed",
        "hill",
    ] {
        assert_eq!(ctx.redact_text(text), text);
    }
    assert!(KnownValues::new().find("lily morgan").is_empty());
}

#[test]
fn a_known_value_gets_one_pseudonym_in_every_form() {
    let key = PseudonymKey::new(b"0123456789abcdef0123").unwrap_or_else(|_| unreachable!());
    let mut ctx = RedactionContext::new(Redactor::new(
        pii::Detector::new(),
        Operators::pseudonym(key),
    ));
    ctx.add(EntityType::Phone, "+39 333 123 4567");
    let a = ctx.redact_text("tre tre tre uno due tre quattro cinque sei sette");
    let b = ctx.redact_text("+39 333 1234567");
    assert!(a.starts_with("<PHONE:"), "{a}");
    assert_eq!(a, b);
}

#[test]
fn debug_output_holds_no_values() {
    let ctx = context(
        "Lily Morgan",
        "lily.morgan@example.co.uk",
        "+44 7700 900123",
    );
    let dbg = format!("{ctx:?}");
    assert!(
        !dbg.to_lowercase().contains("morgan") && !dbg.contains("7700"),
        "{dbg}"
    );
    assert!(dbg.contains("values: 3"));
}

#[test]
fn titles_that_come_with_a_name_are_kept() {
    let mut ctx = RedactionContext::default();
    ctx.add(EntityType::Person, "Mrs Lily Morgan");
    assert_eq!(
        ctx.redact_text("Mrs Morgan, room 12"),
        "Mrs <PERSON>, room 12"
    );
    assert_eq!(ctx.redact_text("mrs and mr"), "mrs and mr");
}
