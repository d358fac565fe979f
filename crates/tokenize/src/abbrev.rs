//! Abbreviations that keep their period, following the lists in Stanford
//! CoreNLP's PTBLexer (the tokenization our taggers are trained on), checked
//! against PolNeAR's CoreNLP output.

/// How a word followed by "." behaves.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Abbrev {
    /// Not an abbreviation: the period is its own token.
    No,
    /// Titles and initials ("Mr.", "Gen.", "J."): keep the period and never
    /// end a sentence, since a name follows.
    Title,
    /// Listed abbreviations ("Calif.", "Inc.", "Sept."): keep the period
    /// unless a paragraph break or a typical sentence-starting word follows.
    Final,
    /// Acronyms and initials ("U.S.", "p.m.", "X."): keep the period unless a
    /// typical sentence-starting word follows ("in the U.S. The next day" →
    /// "U.S" "." | "The").
    Acronym,
}

/// Classifies `word` (without its trailing period).
pub fn classify(word: &str) -> Abbrev {
    if is_title(word) {
        return Abbrev::Title;
    }
    if is_final(word) {
        return Abbrev::Final;
    }
    // Hyphenated forms ("R-Calif.", "D-N.Y.") decide by the last part.
    let tail = word.rsplit('-').next().unwrap_or(word);
    if tail.len() < word.len() && is_final(tail) {
        return Abbrev::Final;
    }
    // "U.S", "p.m", and one uppercase letter: an initial ("George W. Bush").
    let b = tail.as_bytes();
    if is_acronym(tail) || (b.len() == 1 && b[0].is_ascii_uppercase()) {
        return Abbrev::Acronym;
    }
    Abbrev::No
}

fn is_title(w: &str) -> bool {
    matches!(
        w,
        "Mr" | "Mrs" | "Ms" | "Mx" | "Miss" | "Dr" | "Drs" | "Prof" | "Profs" | "Sen" | "Sens"
            | "Rep" | "Reps" | "Atty" | "Attys" | "Lt" | "Col" | "Gen" | "Messrs" | "Gov"
            | "Govs" | "Adm" | "Rev" | "Maj" | "Sgt" | "Cpl" | "Pvt" | "Capt" | "St" | "Ste"
            | "Ave" | "Pres" | "Lieut" | "Hon" | "Brig" | "Cmdr" | "Comdr" | "Pfc" | "Spc"
            | "Supt" | "Det" | "Mt" | "Ft" | "Fr" | "Insp" | "Cdr" | "Gens" | "Sr" | "Sra"
            | "MM" | "Mme" | "Mlle" | "vs" | "v" | "cf" | "Vol" | "vol"
            | "Fig" | "fig" | "Op" | "Wm" | "Jos" | "Chas" | "Geo" | "Thos" | "approx" | "Dept"
            | "dept" | "Sec" | "Secs" | "pp" | "Rt" | "Rd" | "Blvd"
            | "ca" | "viz" | "ie" | "eg"
    )
}

fn is_final(w: &str) -> bool {
    matches!(
        w,
        // months and days (not "May", "Sat", "Sun": too often plain words)
        "Jan" | "Feb" | "Mar" | "Apr" | "Jun" | "Jul" | "Aug" | "Sep" | "Sept" | "Oct" | "Nov"
            | "Dec" | "Mon" | "Tue" | "Tues" | "Wed" | "Thu" | "Thur" | "Thurs" | "Fri"
            // US states, AP style
            | "Ala" | "Ariz" | "Ark" | "Calif" | "Colo" | "Conn" | "Ct" | "Dak" | "Fla"
            | "Ga" | "Ill" | "Ind" | "Kan" | "Kans" | "Ky" | "La" | "Mass" | "Md" | "Mich"
            | "Minn" | "Miss" | "Mo" | "Mont" | "Neb" | "Nev" | "Okla" | "Ore" | "Pa" | "Penn"
            | "Tenn" | "Tex" | "Va" | "Vt" | "Wash" | "Wis" | "Wisc" | "Wyo"
            // companies
            | "Inc" | "Co" | "Cos" | "Corp" | "Pty" | "Ltd" | "Plc" | "Bancorp" | "Bhd"
            | "Assn" | "Univ" | "Intl" | "Sys" | "Bros" | "Jr" | "Esq"
            | "tel" | "est" | "ext" | "sq" | "Tel" | "Est" | "EST" | "Ext"
            | "etc" | "al" | "seq" | "Bldg" | "Ph.D" | "Ed.D" | "PhD"
    )
}

/// "U.S", "p.m", "D.C": single letters joined by periods.
fn is_acronym(w: &str) -> bool {
    let b = w.as_bytes();
    b.len() >= 3
        && b.iter().enumerate().all(|(i, &c)| if i % 2 == 0 { c.is_ascii_alphabetic() } else { c == b'.' })
        && b.len() % 2 == 1
}

/// Capitalised words that typically begin a sentence; after a `Final`
/// abbreviation they mean the period also ends the sentence (CoreNLP's rule).
pub fn is_sentence_starter(w: &str) -> bool {
    // Checked against PolNeAR: "By", "On", "And", "There", "Those", "I",
    // "Although", "Most" after an abbreviation did not end a sentence there.
    matches!(
        w,
        "A" | "An" | "As" | "At" | "But" | "For" | "From" | "He" | "Her" | "His" | "How"
            | "However" | "If" | "In" | "It" | "Its" | "My" | "Now" | "Our" | "She" | "So"
            | "That" | "The" | "Their" | "These" | "They" | "This" | "To" | "We" | "What"
            | "When" | "Where" | "Which" | "While" | "Who" | "Why" | "With" | "You" | "Yet"
            | "After" | "Though" | "Together" | "Then" | "Still" | "Meanwhile" | "Many" | "Some"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies() {
        assert_eq!(classify("Mr"), Abbrev::Title);
        assert_eq!(classify("J"), Abbrev::Acronym);
        assert_eq!(classify("U.S"), Abbrev::Acronym);
        assert_eq!(classify("A.F.L.-C.I.O"), Abbrev::Acronym);
        assert_eq!(classify("R-Ky"), Abbrev::Final);
        assert_eq!(classify("Calif"), Abbrev::Final);
        assert_eq!(classify("said"), Abbrev::No);
        assert_eq!(classify("bit.ly"), Abbrev::No);
        assert_eq!(classify("U.S."), Abbrev::No);
    }
}
