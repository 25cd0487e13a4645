//! Dialogue position: the caller's answer to the agent's name question, and names spelled out
//! letter by letter.

use std::sync::LazyLock;

use regex::Regex;

use super::fold::{Kind, Token, fold, tokenize};
use super::words::email_symbol;

/// What the agent's last turn asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Asked {
    Name,
    Spelling,
}

const NAME_QUESTIONS: &[&str] = &[
    // en
    "your name",
    "who am i speaking",
    "who i am speaking",
    "who's calling",
    "who is calling",
    "the name on the booking",
    "the name for the booking",
    "surname",
    "last name",
    // de
    "ihr name",
    "ihren namen",
    "ihr nachname",
    "ihren nachnamen",
    "wie heissen sie",
    "mit wem spreche",
    "auf welchen namen",
    // fr
    "votre nom",
    "qui ai-je",
    "qui ai je",
    "de la part de qui",
    "c'est de la part",
    "a quel nom",
    "vous vous appelez",
    // it
    "il suo nome",
    "il suo cognome",
    "come si chiama",
    "con chi parlo",
    "a che nome",
    "a nome di chi",
    // es
    "su nombre",
    "su apellido",
    "como se llama",
    "con quien hablo",
    "a nombre de quien",
    "a que nombre",
    // nl
    "uw naam",
    "uw achternaam",
    "hoe heet u",
    "met wie spreek",
    "op welke naam",
    // pl
    "jak sie pan nazywa",
    "jak sie pani nazywa",
    "pana nazwisko",
    "pani nazwisko",
    "imie i nazwisko",
    "na jakie nazwisko",
    "z kim rozmawiam",
    "kto mowi",
    "prosze o nazwisko",
    "podac nazwisko",
    "jak pan sie nazywa",
    "jak pani sie nazywa",
    "who am i talking to",
    "who's speaking",
    "under what name",
    "under which name",
    "name is the booking under",
    "unter welchem namen",
    "wie war ihr name",
    "qui est a l'appareil",
    "sous quel nom",
    "il nome",
    "come ti chiami",
    "wie spreek ik",
    "hoe is uw naam",
    "onder welke naam",
    // Without a question mark (ASR text has none): `and the name please`, `nome e cognome`.
    "the name please",
    "what name",
    "which name",
    "wie war der name",
    "nome e cognome",
    "il cognome",
    "el apellido",
    "le nom",
    "de naam",
    "nazwisko prosze",
];

const SPELLING_QUESTIONS: &[&str] = &[
    "spell",
    "buchstabieren",
    "epeler",
    "epelez",
    "compitare",
    "compitarmi",
    "compita",
    "deletrear",
    "deletrearme",
    "deletree",
    "spellen",
    "przeliterowac",
    "przeliteruje",
];

/// One pattern per list: any of its phrases as a substring (the regex crate searches such a
/// literal alternation with Aho-Corasick/Teddy, one pass instead of one `contains` per phrase).
fn any_of(phrases: &[&str]) -> Option<Regex> {
    let alternation: Vec<String> = phrases.iter().map(|p| regex::escape(p)).collect();
    Regex::new(&alternation.join("|")).ok()
}

static SPELLING_RE: LazyLock<Option<Regex>> = LazyLock::new(|| any_of(SPELLING_QUESTIONS));
static NAME_RE: LazyLock<Option<Regex>> = LazyLock::new(|| any_of(NAME_QUESTIONS));

/// Whether `folded` contains one of `phrases` (`re` is their [`any_of`] pattern).
fn contains_any(re: &Option<Regex>, phrases: &[&str], folded: &str) -> bool {
    match re {
        Some(re) => re.is_match(folded),
        None => phrases.iter().any(|q| folded.contains(q)),
    }
}

/// What `agent_turn` asks the caller for, if it is a name or spelling question.
pub(crate) fn asked(agent_turn: &str) -> Option<Asked> {
    asked_folded(&fold(agent_turn))
}

/// [`asked`] of a turn already folded.
fn asked_folded(f: &str) -> Option<Asked> {
    if contains_any(&SPELLING_RE, SPELLING_QUESTIONS, f) {
        Some(Asked::Spelling)
    } else if contains_any(&NAME_RE, NAME_QUESTIONS, f) {
        Some(Asked::Name)
    } else {
        None
    }
}

/// Names given in answer to a name question inside one text (a transcript with one turn per
/// line, `Agent: …? ⏎ Caller: lily morgan uh …`, or both turns on one line after a label), as
/// byte spans.
pub(crate) fn answered_names(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    // ASR text has no question marks: a whole line that asks for the name (`bot: uw
    // achternaam alstublieft`) is answered by the next line.
    // Only in what looks like a transcript: a speaker label on the first line, or no capital
    // letters at all (ASR output).
    let first = text.split('\n').next().unwrap_or("");
    let dialogue =
        first.find(':').is_some_and(|c| c <= 24) || !text.bytes().any(|b| b.is_ascii_uppercase());
    // The text is folded once: folding maps each character on its own and never yields a
    // newline, so the folded lines are the lines' folds. No name question anywhere in it: no
    // line asks for the name.
    let folded = if dialogue && text.contains('\n') {
        Some(fold(text)).filter(|f| contains_any(&NAME_RE, NAME_QUESTIONS, f))
    } else {
        None
    };
    if let Some(folded) = folded {
        // Where the name phrases start in the folded text, found in one pass: a line can ask
        // for the name only if one starts in it (no phrase holds a newline).
        let name_at: Option<Vec<usize>> = NAME_RE
            .as_ref()
            .map(|re| re.find_iter(&folded).map(|m| m.start()).collect());
        let mut k = 0;
        let mut folded_start = 0;
        let mut line_start = 0;
        for (line, folded_line) in text.split('\n').zip(folded.split('\n')) {
            let next = line_start + line.len() + 1;
            let folded_end = folded_start + folded_line.len();
            let phrase_here = name_at.as_ref().is_none_or(|at| {
                while at.get(k).is_some_and(|&p| p < folded_start) {
                    k += 1;
                }
                at.get(k).is_some_and(|&p| p < folded_end)
            });
            folded_start = folded_end + 1;
            if phrase_here
                && !line.contains('?')
                && line.len() <= 80
                && asked_folded(folded_line) == Some(Asked::Name)
                && let Some(answer) = text.get(next..)
            {
                let end = answer.find('\n').map_or(text.len(), |i| next + i);
                let line = &text[next..end];
                let from = match line.find(':') {
                    Some(c) if c <= 24 && !line[..c].contains(['?', '.', ',']) => next + c + 1,
                    _ => next,
                };
                if let Some((s, e)) = answered_name(&tokenize(&text[from..end])) {
                    out.push((from + s, from + e));
                }
            }
            line_start = next;
        }
    }
    if !text.contains('?') {
        return out;
    }
    for (q, _) in text.match_indices('?') {
        let line_start = text[..q].rfind('\n').map_or(0, |i| i + 1);
        if asked(&text[line_start..q]) != Some(Asked::Name) {
            continue;
        }
        let line_end = text[q..].find('\n').map_or(text.len(), |i| q + i);
        // The answer: after a speaker label on the same line, else the next line.
        let rest = &text[q + 1..line_end];
        let (from, to) = match rest.find(':') {
            Some(c) if c <= 30 && !rest[..c].contains(['?', '.']) => (q + 1 + c + 1, line_end),
            _ => {
                if line_end >= text.len() {
                    continue;
                }
                let next_start = line_end + 1;
                let next_end = text[next_start..]
                    .find('\n')
                    .map_or(text.len(), |i| next_start + i);
                let line = &text[next_start..next_end];
                match line.find(':') {
                    Some(c) if c <= 24 && !line[..c].contains(['?', '.', ',']) => {
                        (next_start + c + 1, next_end)
                    }
                    _ => (next_start, next_end),
                }
            }
        };
        let region = &text[from..to];
        let tokens = tokenize(region);
        if let Some((s, e)) = answered_name(&tokens) {
            out.push((from + s, from + e));
        }
    }
    out
}

/// Words that introduce a name in an answer, or fill the start of a turn.
const INTRO: &[&str] = &[
    "yes",
    "yeah",
    "yep",
    "sure",
    "of",
    "course",
    "it",
    "its",
    "it's",
    "is",
    "s",
    "my",
    "name",
    "surname",
    "last",
    "first",
    "full",
    "this",
    "i",
    "m",
    "im",
    "am",
    "uh",
    "um",
    "erm",
    "er",
    "eh",
    "well",
    "so",
    "okay",
    "ok",
    "hello",
    "hi",
    "hey",
    "good",
    "morning",
    "afternoon",
    "evening",
    "that",
    "the",
    "mr",
    "mrs",
    "ms",
    "miss",
    "dr",
    "ja",
    "jo",
    "also",
    "mein",
    "ist",
    "ich",
    "bin",
    "heisse",
    "hier",
    "spricht",
    "nachname",
    "vorname",
    "lautet",
    "der",
    "die",
    "herr",
    "frau",
    "guten",
    "tag",
    "hallo",
    "ah",
    "ahm",
    "euh",
    "oui",
    "c",
    "est",
    "je",
    "suis",
    "m",
    "appelle",
    "moi",
    "nom",
    "mon",
    "monsieur",
    "madame",
    "bonjour",
    "alors",
    "si",
    "mi",
    "chiamo",
    "sono",
    "il",
    "mio",
    "nome",
    "cognome",
    "signor",
    "signora",
    "buongiorno",
    "allora",
    "me",
    "llamo",
    "soy",
    "es",
    "mi",
    "nombre",
    "apellido",
    "senor",
    "senora",
    "hola",
    "bueno",
    "pues",
    "claro",
    "mijn",
    "naam",
    "achternaam",
    "ik",
    "heet",
    "met",
    "meneer",
    "mevrouw",
    "goedemiddag",
    "goedemorgen",
    "hoi",
    "dag",
    "tak",
    "nazywam",
    "sie",
    "jestem",
    "to",
    "pan",
    "pani",
    "nazwisko",
    "imie",
    "dzien",
    "dobry",
    "no",
    "wiec",
    "yyy",
    "eee",
    "and",
    "und",
    "et",
    "e",
    "y",
    "en",
    "i",
];

/// Words that end a name in an answer.
const AFTER: &[&str] = &[
    "and",
    "und",
    "et",
    "e",
    "y",
    "en",
    "i",
    "i'm",
    "im",
    "calling",
    "about",
    "for",
    "from",
    "with",
    "uh",
    "um",
    "please",
    "thanks",
    "thank",
    "from",
    "room",
    "booking",
    "reservation",
    "ich",
    "rufe",
    "wegen",
    "fur",
    "von",
    "bitte",
    "danke",
    "je",
    "pour",
    "merci",
    "s'il",
    "chiamo",
    "per",
    "grazie",
    "llamo",
    "por",
    "gracias",
    "para",
    "ik",
    "bel",
    "voor",
    "bedankt",
    "dank",
    "dzwonie",
    "w",
    "sprawie",
    "dziekuje",
    "prosze",
    "z",
    "yes",
    "ja",
    "oui",
    "si",
    "tak",
    "no",
    "nein",
    "non",
    "nee",
    "nie",
    "the",
    "a",
    "my",
    "is",
    "it",
    "i",
    "here",
    "speaking",
    "hier",
    "ici",
    "aqui",
    "qui",
    "tutaj",
];

const PARTICLES: &[&str] = &[
    "van", "von", "de", "der", "den", "del", "della", "di", "da", "du", "des", "la", "le", "dos",
    "das", "ten", "ter", "zu", "vom", "mc", "mac", "o", "d", "y",
];

/// The name a caller gives in answer to a name question: the first one to three words after
/// the introduction (`yes it's`, `ich heiße`, `nazywam się` …), particles allowed inside.
pub(crate) fn answered_name(tokens: &[Token<'_>]) -> Option<(usize, usize)> {
    let words: Vec<&Token<'_>> = tokens.iter().filter(|t| t.kind == Kind::Letters).collect();
    let mut i = 0;
    while i < words.len() && INTRO.contains(&words[i].f()) {
        i += 1;
    }
    let first = i;
    let mut last = None;
    while i < words.len() && i < first + 4 {
        let w = words[i].f();
        if AFTER.contains(&w)
            || (w.chars().count() < 2 && !PARTICLES.contains(&w))
            || (!PARTICLES.contains(&w) && crate::detect::person::is_stop(w))
        {
            break;
        }
        if !PARTICLES.contains(&w) {
            last = Some(i);
        }
        i += 1;
    }
    let last = last?;
    Some((words[first].start, words[last].end))
}

/// Runs of at least three spelled letters (`n o w a k`, `j-o-s-é`, `N. O. W. A. K.`), as byte
/// spans.
pub(crate) fn spelled_runs(tokens: &[Token<'_>]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut run: Option<(usize, usize, usize)> = None; // start, end, letters
    for t in tokens {
        let letter = t.kind == Kind::Letters
            && t.f().chars().count() == 1
            && !matches!(t.prev, Some('\'' | '’'));
        let glue = t.kind == Kind::Symbol && matches!(t.f(), "-" | ".");
        if letter {
            run = Some(match run {
                Some((s, _, n)) => (s, t.end, n + 1),
                None => (t.start, t.end, 1),
            });
        } else if !glue
            && let Some((s, e, n)) = run.take()
            && n >= 3
        {
            out.push((s, e));
        } else if !glue {
            run = None;
        }
    }
    if let Some((s, e, n)) = run
        && n >= 3
    {
        out.push((s, e));
    }
    out
}

/// E-mail addresses read out (`daan punt visser apenstaartje voorbeeld punt nl`), as written
/// addresses: a word (or words joined by spoken dots, dashes, underscores) before a spoken `@`,
/// and a domain with at least one spoken dot after it, ending in a top-level domain.
pub(crate) fn spoken_emails(tokens: &[Token<'_>]) -> Vec<String> {
    let mut out = Vec::new();
    for (i, t) in tokens.iter().enumerate() {
        if t.kind != Kind::Letters || email_symbol(t) != Some('@') || i == 0 {
            continue;
        }
        // Local part, backwards: part (sep part)*.
        let mut local: Vec<String> = Vec::new();
        let mut j = i;
        while j > 0 && local.len() < 7 {
            let p = &tokens[j - 1];
            if p.kind == Kind::Symbol || email_symbol(p).is_some() {
                break;
            }
            local.push(p.f().to_owned());
            j -= 1;
            match tokens.get(j.wrapping_sub(1)).and_then(email_symbol) {
                Some(c @ ('.' | '_' | '-')) if j >= 2 => {
                    local.push(c.to_string());
                    j -= 1;
                }
                _ => break,
            }
        }
        if local.is_empty() {
            continue;
        }
        local.reverse();
        // Domain: label (dot label)+.
        let mut domain = String::new();
        let mut k = i + 1;
        let mut labels = 0;
        while let Some(l) = tokens.get(k) {
            if l.kind == Kind::Symbol || email_symbol(l).is_some() {
                break;
            }
            domain.push_str(l.f());
            labels += 1;
            k += 1;
            match tokens.get(k).and_then(email_symbol) {
                Some(c @ ('.' | '-')) if tokens.get(k + 1).is_some() => {
                    domain.push(c);
                    k += 1;
                }
                _ => break,
            }
        }
        let tld_ok = domain
            .rsplit('.')
            .next()
            .is_some_and(|t| (2..=6).contains(&t.len()) && t.chars().all(char::is_alphabetic));
        if labels >= 2 && tld_ok && domain.contains('.') {
            out.push(format!("{}@{domain}", local.concat()));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::fold::tokenize;
    use super::*;

    #[test]
    fn recognises_name_and_spelling_questions() {
        assert_eq!(asked("May I have your name, please?"), Some(Asked::Name));
        assert_eq!(asked("Jak się pan nazywa?"), Some(Asked::Name));
        assert_eq!(
            asked("Könnten Sie das buchstabieren?"),
            Some(Asked::Spelling)
        );
        assert_eq!(asked("Which day do you arrive?"), None);
    }

    #[test]
    fn question_patterns_match_as_the_phrase_lists() {
        // The one-pass patterns answer as a `contains` per phrase would.
        let by_contains = |turn: &str| {
            let f = fold(turn);
            if SPELLING_QUESTIONS.iter().any(|q| f.contains(q)) {
                Some(Asked::Spelling)
            } else if NAME_QUESTIONS.iter().any(|q| f.contains(q)) {
                Some(Asked::Name)
            } else {
                None
            }
        };
        let mut turns: Vec<String> = Vec::new();
        for q in NAME_QUESTIONS.iter().chain(SPELLING_QUESTIONS) {
            turns.push((*q).to_owned());
            turns.push(format!("Agent: {} bitte?", q.to_uppercase()));
            turns.push(q.chars().skip(1).collect());
        }
        turns.push("Qui est à l'appareil ?".to_owned());
        turns.push("¿Con quién hablo?".to_owned());
        for t in &turns {
            assert_eq!(asked(t), by_contains(t), "{t}");
        }
    }

    #[test]
    fn takes_the_name_from_the_answer() {
        let text = "ja goedemiddag met daan visser ik bel voor de kamer";
        let t = tokenize(text);
        let (s, e) = answered_name(&t).unwrap_or((0, 0));
        assert_eq!(&text[s..e], "daan visser");
        let text = "uh yes it's lily van der berg calling about friday";
        let t = tokenize(text);
        let (s, e) = answered_name(&t).unwrap_or((0, 0));
        assert_eq!(&text[s..e], "lily van der berg");
    }

    #[test]
    fn reads_spoken_emails() {
        let t = tokenize("mijn mail is daan punt visser apenstaartje voorbeeld punt nl dank u");
        assert_eq!(spoken_emails(&t), ["daan.visser@voorbeeld.nl"]);
        let t = tokenize("staying at the hotel tonight");
        assert!(spoken_emails(&t).is_empty());
    }

    #[test]
    fn finds_the_answer_to_a_name_question_in_a_transcript() {
        let text = "Agent: Hotel Adler, good morning. May I have your name?\nCaller: lily morgan uh ringing about the room for friday\nAgent: Thank you.";
        let names: Vec<&str> = answered_names(text)
            .iter()
            .map(|&(s, e)| &text[s..e])
            .collect();
        assert_eq!(names, ["lily morgan"]);
        let text = "agent: met wie spreek ik? beller: ja goedemiddag met daan visser";
        let names: Vec<&str> = answered_names(text)
            .iter()
            .map(|&(s, e)| &text[s..e])
            .collect();
        assert_eq!(names, ["daan visser"]);
        assert!(answered_names("Which day? Friday.").is_empty());
    }

    #[test]
    fn finds_spelled_runs() {
        let text = "that's n o w a k and j-o-s-é, room 12";
        let t = tokenize(text);
        let runs: Vec<&str> = spelled_runs(&t).iter().map(|&(s, e)| &text[s..e]).collect();
        assert_eq!(runs, ["n o w a k", "j-o-s-é"]);
    }
}
