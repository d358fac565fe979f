//! PTB-style tokenization (as Stanford CoreNLP does it) over the original
//! text, returning byte spans instead of rewritten words.
//!
//! Linear time: one left-to-right pass; every branch advances past what it
//! emits, and the only lookahead is bounded (clitics, sentence starters after
//! an abbreviation: a few bytes; SGML tags: at most `MAX_TAG` bytes) except
//! URLs, whose trailing-punctuation trim only walks back over bytes the scan
//! just passed. No allocation per token: spans go into one `Vec`.

use crate::abbrev::{classify, is_sentence_starter, Abbrev};
use crate::chars::{is_apostrophe, is_extend, is_quote, is_space, is_word};
use corroborate_model::Span;

/// Longest `<...>` markup kept as one token (tweets embedded as tags).
const MAX_TAG: usize = 1024;

/// Splits `text` into tokens; see the crate docs for the conventions.
pub fn tokenize(text: &str) -> Vec<Span> {
    let mut lx = Lexer { text, b: text.as_bytes(), out: Vec::with_capacity(text.len() / 5 + 4) };
    lx.run();
    lx.out
}

struct Lexer<'a> {
    text: &'a str,
    b: &'a [u8],
    out: Vec<Span>,
}

impl<'a> Lexer<'a> {
    /// The char starting at byte `i` (`None` at the end or off a boundary).
    #[inline]
    fn ch(&self, i: usize) -> Option<char> {
        let b = *self.b.get(i)?;
        if b < 0x80 {
            return Some(b as char);
        }
        self.text.get(i..)?.chars().next()
    }

    #[inline]
    fn byte(&self, i: usize) -> u8 {
        self.b.get(i).copied().unwrap_or(0)
    }

    /// The char ending at byte `i`.
    #[inline]
    fn ch_before(&self, i: usize) -> Option<char> {
        self.text.get(..i)?.chars().next_back()
    }

    #[inline]
    fn emit(&mut self, start: usize, end: usize) {
        // Spans are u32 (model); a text past 4 GiB keeps only what fits.
        if start < end && end <= u32::MAX as usize {
            self.out.push(Span::new(start, end));
        }
    }

    fn run(&mut self) {
        let mut i = 0;
        while let Some(c) = self.ch(i) {
            if is_space(c) {
                i += c.len_utf8();
                continue;
            }
            let next = self.token_at(i, c);
            // Every branch advances; the guard keeps the loop finite regardless.
            i = if next > i { next } else { i + c.len_utf8() };
        }
    }

    /// Emits the token(s) starting at `i` and returns where scanning resumes.
    fn token_at(&mut self, i: usize, c: char) -> usize {
        let cl = c.len_utf8();
        if is_word(c) {
            if matches!(c, 'h' | 'H' | 'w' | 'W') {
                if let Some(end) = self.url_end(i) {
                    self.emit(i, end);
                    return end;
                }
            }
            return self.word(i, i);
        }
        match c {
            '@' | '#' if self.ch(i + 1).is_some_and(is_word) => {
                let mut j = i + 1;
                while let Some(d) = self.ch(j).filter(|&d| is_word(d)) {
                    j += d.len_utf8();
                }
                self.emit(i, j);
                j
            }
            '<' => {
                let end = self.tag_end(i).unwrap_or(i + 1);
                self.emit(i, end);
                end
            }
            '.' => self.dots(i),
            '-' => {
                let mut j = i + 1;
                while self.byte(j) == b'-' {
                    j += 1;
                }
                self.emit(i, j);
                j
            }
            // "***", "+32"
            '*' => {
                let mut j = i + 1;
                while self.byte(j) == b'*' {
                    j += 1;
                }
                self.emit(i, j);
                j
            }
            '+' if self.byte(i + 1).is_ascii_digit() && !self.ch_before(i).is_some_and(is_word) => self.word(i, i + 1),
            '?' | '!' => {
                let mut j = i + 1;
                while matches!(self.byte(j), b'?' | b'!') {
                    j += 1;
                }
                self.emit(i, j);
                j
            }
            _ if is_quote(c) => self.quote(i, c),
            _ => {
                // Symbols and emoji: one char plus what glues onto it (skin
                // tones, variation selectors, ZWJ-joined emoji); flags are
                // pairs of regional indicators.
                let mut j = i + cl;
                let regional = |c: char| ('\u{1F1E6}'..='\u{1F1FF}').contains(&c);
                if regional(c) {
                    if let Some(d) = self.ch(j).filter(|&d| regional(d)) {
                        j += d.len_utf8();
                    }
                }
                while let Some(d) = self.ch(j) {
                    if d == '\u{200D}' {
                        j += d.len_utf8();
                        if let Some(e) = self.ch(j).filter(|&e| !is_space(e)) {
                            j += e.len_utf8();
                        }
                    } else if is_extend(d) {
                        j += d.len_utf8();
                    } else {
                        break;
                    }
                }
                self.emit(i, j);
                j
            }
        }
    }

    /// A word starting at `start` whose letters begin at `i`: letters and
    /// digits joined by word-internal punctuation, then clitics split off and
    /// an abbreviation's period kept.
    fn word(&mut self, start: usize, i: usize) -> usize {
        let mut j = i;
        loop {
            while let Some(d) = self.ch(j).filter(|&d| is_word(d)) {
                j += d.len_utf8();
            }
            let Some(c) = self.ch(j) else { break };
            let after = j + c.len_utf8();
            let next = self.ch(after);
            let next_word = next.is_some_and(is_word);
            let prev = self.byte(j.wrapping_sub(1));
            match c {
                // "U.S.-Russian", "11-hour", "front-runner"
                '-' if next_word => j = after,
                // "$64.8million" → "64.8" "million", as CoreNLP does
                '.' if prev.is_ascii_digit() && self.byte(after).is_ascii_digit() => {
                    let mut k = after;
                    while self.byte(k).is_ascii_digit() {
                        k += 1;
                    }
                    if self.ch(k).is_some_and(char::is_alphabetic) {
                        self.emit_word(start, k);
                        return k;
                    }
                    j = k;
                }
                // "U.S", "1.6", "Breitbart.com"; "U.S.-Mexico"
                '.' if next_word => j = after,
                '.' if next == Some('-') && self.ch(after + 1).is_some_and(is_word) => j = after + 1,
                // "9,500" but not "1,2"
                ',' if prev.is_ascii_digit()
                    && self.b.get(after..after + 3).is_some_and(|d| d.iter().all(u8::is_ascii_digit))
                    && !self.byte(after + 3).is_ascii_digit() =>
                {
                    j = after
                }
                // "11:40", "9/11", "h/t", "CNN/ORC", "AT&T", emails
                ':' if prev.is_ascii_digit() && self.byte(after).is_ascii_digit() => j = after,
                '/' | '@' if next_word => j = after,
                '&' if prev.is_ascii_uppercase() && self.byte(after).is_ascii_uppercase() => j = after,
                _ if is_apostrophe(c) => {
                    // "don't" → do + n't, "can't" → ca + n't
                    if matches!(prev, b'n' | b'N')
                        && matches!(next, Some('t' | 'T'))
                        && !self.ch(after + 1).is_some_and(is_word)
                    {
                        let n = j - 1;
                        self.emit_word(start, n);
                        self.emit(n, after + 1);
                        return after + 1;
                    }
                    // "Russia's" → Russia + 's
                    if let Some(end) = self.clitic_end(j) {
                        self.emit_word(start, j);
                        self.emit(j, end);
                        return end;
                    }
                    // "O'Malley", "ma'am"
                    if next.is_some_and(char::is_alphabetic) {
                        j = after;
                    } else {
                        break;
                    }
                }
                _ => break,
            }
        }
        if self.byte(j) == b'.' && self.byte(j + 1) != b'.' && self.keeps_period(start, j) {
            self.emit(start, j + 1);
            return j + 1;
        }
        self.emit_word(start, j);
        j
    }

    /// Whether the word `start..j`, followed by a period at `j`, keeps it.
    fn keeps_period(&self, start: usize, j: usize) -> bool {
        let w = self.text.get(start..j).unwrap_or("");
        match classify(w) {
            Abbrev::No => {
                // "No. 5" but "said no."
                matches!(w, "No" | "Nos") && self.next_after_space(j + 1).is_some_and(|c| c.is_ascii_digit())
            }
            Abbrev::Title => true,
            // "(R-Ky.)" → "R-Ky" "." ")" but "R-Ky.," stays (CoreNLP's habit).
            _ if w.contains('-') && self.byte(j + 1) == b')' => false,
            Abbrev::Final => !self.starter_follows(j + 1) && !self.paragraph_follows(j + 1),
            Abbrev::Acronym => !self.starter_follows(j + 1) && !self.end_follows(j + 1),
        }
    }

    /// The first non-space char at or after `p`, looking at most 16 bytes ahead.
    fn next_after_space(&self, p: usize) -> Option<char> {
        let mut j = p;
        while let Some(c) = self.ch(j) {
            if !is_space(c) || j - p > 16 {
                return Some(c);
            }
            j += c.len_utf8();
        }
        None
    }

    /// Whether the whitespace at `p` holds a blank line or ends the text
    /// (bounded lookahead).
    fn paragraph_follows(&self, p: usize) -> bool {
        let mut newlines = 0;
        let mut j = p;
        while let Some(c) = self.ch(j).filter(|&c| is_space(c) && j - p <= 16) {
            newlines += usize::from(c == '\n');
            j += c.len_utf8();
        }
        newlines >= 2 || j >= self.b.len()
    }

    /// Whether only whitespace follows `p` (bounded lookahead).
    fn end_follows(&self, p: usize) -> bool {
        let mut j = p;
        while let Some(c) = self.ch(j).filter(|&c| is_space(c) && j - p <= 16) {
            j += c.len_utf8();
        }
        j >= self.b.len()
    }

    /// Emits a plain word, splitting the few fused forms PTB splits
    /// ("cannot" → can + not, "gonna" → gon + na).
    fn emit_word(&mut self, start: usize, end: usize) {
        let w = self.b.get(start..end).unwrap_or(&[]);
        let split = match w.len() {
            5 => ["gonna", "gotta", "wanna", "lemme", "gimme"].iter().any(|f| w.eq_ignore_ascii_case(f.as_bytes())),
            6 => w.eq_ignore_ascii_case(b"cannot"),
            _ => false,
        };
        if split {
            self.emit(start, start + 3);
            self.emit(start + 3, end);
        } else {
            self.emit(start, end);
        }
    }

    /// End of a clitic ('s 're 've 'll 'd 'm) whose apostrophe is at `j`.
    fn clitic_end(&self, j: usize) -> Option<usize> {
        let a = self.ch(j).filter(|&c| is_apostrophe(c))?.len_utf8();
        let s = j + a;
        let lower = |k: usize| self.byte(s + k).to_ascii_lowercase();
        let len = match (lower(0), lower(1)) {
            (b's' | b'd' | b'm', _) => 1,
            (b'r', b'e') | (b'v', b'e') | (b'l', b'l') => 2,
            _ => return None,
        };
        if self.ch(s + len).is_some_and(is_word) {
            return None;
        }
        Some(s + len)
    }

    /// Whether, after an abbreviation's period at `p`, a sentence-starting
    /// word follows (bounded lookahead).
    fn starter_follows(&self, p: usize) -> bool {
        let mut j = p;
        while let Some(c) = self.ch(j).filter(|&c| is_space(c)) {
            j += c.len_utf8();
            if j - p > 16 {
                return false;
            }
        }
        if j == p {
            return false;
        }
        let k = self.b.get(j..).map_or(0, |r| r.iter().take(12).take_while(|b| b.is_ascii_alphabetic()).count());
        if self.ch(j + k).is_some_and(is_word) {
            return false;
        }
        self.text.get(j..j + k).is_some_and(is_sentence_starter)
    }

    /// `http://…`, `https://…`, `www.…` up to whitespace, minus trailing
    /// sentence punctuation.
    fn url_end(&self, i: usize) -> Option<usize> {
        let head = self.b.get(i..(i + 8).min(self.b.len()))?;
        let starts = |p: &[u8]| head.len() >= p.len() && head[..p.len()].eq_ignore_ascii_case(p);
        if !(starts(b"http://") || starts(b"https://") || starts(b"www.")) {
            return None;
        }
        let mut j = i;
        let mut open = 0usize;
        let mut close = 0usize;
        while let Some(c) = self.ch(j) {
            if is_space(c) || matches!(c, '"' | '<' | '>' | '“' | '”' | '‘' | '’') {
                break;
            }
            open += usize::from(c == '(');
            close += usize::from(c == ')');
            j += c.len_utf8();
        }
        while j > i + 4 {
            match self.byte(j - 1) {
                b'.' | b',' | b';' | b':' | b'!' | b'?' | b'\'' => j -= 1,
                b')' if close > open => {
                    close -= 1;
                    j -= 1
                }
                _ => break,
            }
        }
        Some(j)
    }

    /// End of an SGML/HTML tag starting at `i`, if one closes within `MAX_TAG`.
    fn tag_end(&self, i: usize) -> Option<usize> {
        let first = self.byte(i + 1);
        if !(first.is_ascii_alphabetic() || first == b'/' || first == b'!') {
            return None;
        }
        let window = self.b.get(i + 1..(i + MAX_TAG).min(self.b.len()))?;
        for (k, &b) in window.iter().enumerate() {
            match b {
                b'>' => return Some(i + 2 + k),
                b'<' => return None,
                _ => {}
            }
        }
        None
    }

    /// "." alone, an ellipsis ("...", ". . ."), or a decimal like ".5".
    fn dots(&mut self, i: usize) -> usize {
        let mut j = i + 1;
        while self.byte(j) == b'.' {
            j += 1;
        }
        if j < i + 3 {
            // ".." is two periods, as in CoreNLP
            j = i + 1;
            if self.b.get(i..i + 5) == Some(b". . .") {
                j = i + 5;
            } else if self.byte(j).is_ascii_digit() && !self.ch_before(i).is_some_and(is_word) {
                return self.word(i, j);
            }
        }
        self.emit(i, j);
        j
    }

    /// A run of quote marks ("’”" is one token, as in CoreNLP), or an
    /// apostrophe starting a clitic or a clipped word ("'90s", "’em").
    fn quote(&mut self, i: usize, c: char) -> usize {
        if is_apostrophe(c) {
            let before = self.ch_before(i);
            if before.is_some_and(|b| !is_space(b) && !is_quote(b)) {
                if let Some(end) = self.clitic_end(i) {
                    self.emit(i, end);
                    return end;
                }
            }
            if !before.is_some_and(is_word) {
                let s = i + c.len_utf8();
                let rest = self.b.get(s..(s + 6).min(self.b.len())).unwrap_or(&[]);
                let clipped = |w: &[u8]| {
                    rest.len() >= w.len()
                        && rest[..w.len()].eq_ignore_ascii_case(w)
                        && !self.ch(s + w.len()).is_some_and(is_word)
                };
                let decade = rest.len() >= 3 && rest[0].is_ascii_digit() && rest[1].is_ascii_digit() && rest[2] == b's';
                if decade || ["em", "cause", "til", "tis", "twas", "n"].iter().any(|w| clipped(w.as_bytes())) {
                    return self.word(i, s);
                }
            }
        }
        // Curly quotes run together ("’”" "“‘"); straight ones pair up at
        // most ("''", "``"), and `"` stands alone — CoreNLP's grouping.
        let mut j = i + c.len_utf8();
        match c {
            '\'' | '`' => {
                if self.ch(j) == Some(c) {
                    j += 1;
                }
            }
            '"' => {}
            _ => {
                while let Some(d) = self.ch(j).filter(|&d| is_quote(d) && !matches!(d, '\'' | '`' | '"')) {
                    j += d.len_utf8();
                }
            }
        }
        self.emit(i, j);
        j
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(input: &str, expected: &[&str]) {
        let got: Vec<&str> = tokenize(input).iter().map(|s| &input[s.range()]).collect();
        assert_eq!(got, expected, "tokenizing {input:?}");
    }

    #[test]
    fn clitics() {
        check("Russia's army", &["Russia", "'s", "army"]);
        check("Clinton’s team", &["Clinton", "’s", "team"]);
        check("don't", &["do", "n't"]);
        check("can’t won't", &["ca", "n’t", "wo", "n't"]);
        check("they're we've I'm she'd you'll", &["they", "'re", "we", "'ve", "I", "'m", "she", "'d", "you", "'ll"]);
        check("DON'T", &["DO", "N'T"]);
        check("O'Malley ma’am D’Souza", &["O'Malley", "ma’am", "D’Souza"]);
        check("voters’ heads", &["voters", "’", "heads"]);
        check("cannot gonna", &["can", "not", "gon", "na"]);
        check("the '90s", &["the", "'90s"]);
    }

    #[test]
    fn quotes_and_brackets() {
        check("\"keep it.\"", &["\"", "keep", "it", ".", "\""]);
        check("“under wraps.”", &["“", "under", "wraps", ".", "”"]);
        check("(AP) [sic] {x}", &["(", "AP", ")", "[", "sic", "]", "{", "x", "}"]);
        check("said ‘no.’”", &["said", "‘", "no", ".", "’”"]);
        check("'deal'", &["'", "deal", "'"]);
    }

    #[test]
    fn hyphens() {
        check("U.S.-Russian talks", &["U.S.-Russian", "talks"]);
        check("an 11-hour front-runner", &["an", "11-hour", "front-runner"]);
        check("A.F.L.-C.I.O. members", &["A.F.L.-C.I.O.", "members"]);
        check("inter- and", &["inter", "-", "and"]);
        check("war -- peace", &["war", "--", "peace"]);
    }

    #[test]
    fn numbers() {
        check("9,500 troops", &["9,500", "troops"]);
        check("1,000,000", &["1,000,000"]);
        check("1,2", &["1", ",", "2"]);
        check("$5.5 billion, 40% at 11:40", &["$", "5.5", "billion", ",", "40", "%", "at", "11:40"]);
        check("9/11 and .5", &["9/11", "and", ".5"]);
        check("$64.8million, 1.2.3", &["$", "64.8", "million", ",", "1.2.3"]);
    }

    #[test]
    fn abbreviations() {
        check("Mr. Trump", &["Mr.", "Trump"]);
        check("Gen. Smith and Sept. 11", &["Gen.", "Smith", "and", "Sept.", "11"]);
        check("the U.N. council", &["the", "U.N.", "council"]);
        check("George W. Bush", &["George", "W.", "Bush"]);
        check("at 4 p.m. today", &["at", "4", "p.m.", "today"]);
        check("U.S. Army", &["U.S.", "Army"]);
        check("Sacramento, Calif., said", &["Sacramento", ",", "Calif.", ",", "said"]);
    }

    #[test]
    fn sentence_final_abbreviation() {
        check("in the U.S. The next day", &["in", "the", "U.S", ".", "The", "next", "day"]);
        check("Mr. He", &["Mr.", "He"]);
        check("soldiers. The", &["soldiers", ".", "The"]);
        check("(I-Vt.)", &["(", "I-Vt", ".", ")"]);
    }

    #[test]
    fn ellipses_and_dashes() {
        check("wait... what", &["wait", "...", "what"]);
        check("wait . . . what", &["wait", ". . .", "what"]);
        check("wait… what", &["wait", "…", "what"]);
        check("it—tell", &["it", "—", "tell"]);
        check("1–2", &["1", "–", "2"]);
        check("Really?! No!!", &["Really", "?!", "No", "!!"]);
    }

    #[test]
    fn web_tokens() {
        check("see https://t.co/abc?x=1. Then", &["see", "https://t.co/abc?x=1", ".", "Then"]);
        check("(www.example.com/a_(b))", &["(", "www.example.com/a_(b)", ")"]);
        check("mail press@un.org now", &["mail", "press@un.org", "now"]);
        check("@realDonaldTrump #Aleppo", &["@realDonaldTrump", "#Aleppo"]);
        check("Breitbart.com reported", &["Breitbart.com", "reported"]);
        check("AT&T", &["AT&T"]);
        check("<tweet id=\"1\">hi</tweet>", &["<tweet id=\"1\">", "hi", "</tweet>"]);
        check("a < b", &["a", "<", "b"]);
    }

    #[test]
    fn other_scripts_and_symbols() {
        check("قال المتحدث", &["قال", "المتحدث"]);
        check("مُحَمَّد", &["مُحَمَّد"]);
        check("ok 👍🏽 👨‍👩‍👧 done", &["ok", "👍🏽", "👨‍👩‍👧", "done"]);
        check("a\u{0}b", &["a", "\u{0}", "b"]);
        check("naïve café", &["naïve", "café"]);
    }
}
