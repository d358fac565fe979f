//! Reader for PolNeAR's CoreNLP token files (`tokens/*.tsv`): one token a
//! line `id word lemma start end pos ner head deprel`, a blank line between
//! sentences. Shared by the tagger, entity recogniser and parser trainers.

use crate::LangError;
use std::path::{Path, PathBuf};

/// One sentence, as parallel arrays (one entry per token).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Sent {
    /// Token forms as CoreNLP wrote them (PTB-normalised: `-LRB-`, ``` `` ```, `''`).
    pub words: Vec<String>,
    pub lemmas: Vec<String>,
    /// Penn Treebank tags as strings.
    pub pos: Vec<String>,
    /// CoreNLP entity type per token (IO: `O`, `PERSON`, ...); an empty field reads as `O`.
    pub ner: Vec<String>,
    /// Head per token, 1-based within the sentence; 0 = root.
    pub heads: Vec<u32>,
    pub deprels: Vec<String>,
    /// Code-point offsets into `../text/<stem>.txt`.
    pub starts: Vec<u32>,
    pub ends: Vec<u32>,
}

impl Sent {
    pub fn len(&self) -> usize {
        self.words.len()
    }
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }
}

/// Reads every `*.tsv` in `dir` (sorted by name, so results are deterministic);
/// returns `(file stem, sentences)` per file.
pub fn load_dir(dir: impl AsRef<Path>) -> Result<Vec<(String, Vec<Sent>)>, LangError> {
    let dir = dir.as_ref();
    let io = |source| LangError::Io { path: dir.to_path_buf(), source };
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(io)?
        .map(|e| e.map(|e| e.path()).map_err(io))
        .collect::<Result<_, _>>()?;
    paths.retain(|p| p.extension().is_some_and(|e| e == "tsv"));
    paths.sort();
    paths
        .iter()
        .map(|p| {
            let stem = p.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
            Ok((stem, load_file(p)?))
        })
        .collect()
}

/// Reads one token file.
pub fn load_file(path: impl AsRef<Path>) -> Result<Vec<Sent>, LangError> {
    let path = path.as_ref();
    let text = std::fs::read_to_string(path)
        .map_err(|source| LangError::Io { path: path.to_path_buf(), source })?;
    parse(&text).map_err(|(line, message)| LangError::Format { path: path.to_path_buf(), line, message })
}

/// Parses the content of a token file; errors carry the 1-based line number.
pub fn parse(text: &str) -> Result<Vec<Sent>, (usize, String)> {
    let mut out = Vec::new();
    let mut cur = Sent::default();
    for (i, line) in text.lines().enumerate() {
        let lineno = i + 1;
        let line = line.strip_suffix('\r').unwrap_or(line);
        if line.trim().is_empty() {
            if !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            continue;
        }
        let f: Vec<&str> = line.split('\t').collect();
        if f.len() != 9 {
            return Err((lineno, format!("expected 9 tab-separated fields, found {}", f.len())));
        }
        let num = |k: usize, name: &str| -> Result<u32, (usize, String)> {
            f[k].trim().parse::<u32>().map_err(|_| (lineno, format!("field {name} is not a number: {:?}", f[k])))
        };
        let id = num(0, "id")?;
        if id as usize != cur.len() + 1 {
            return Err((lineno, format!("token id {id} out of sequence (expected {})", cur.len() + 1)));
        }
        let (start, end) = (num(3, "start")?, num(4, "end")?);
        if end < start {
            return Err((lineno, format!("token end {end} before start {start}")));
        }
        if f[1].is_empty() {
            return Err((lineno, "empty word".to_string()));
        }
        cur.words.push(f[1].to_string());
        cur.lemmas.push(f[2].to_string());
        cur.starts.push(start);
        cur.ends.push(end);
        cur.pos.push(f[5].to_string());
        cur.ner.push(if f[6].is_empty() { "O".to_string() } else { f[6].to_string() });
        cur.heads.push(num(7, "head")?);
        cur.deprels.push(f[8].to_string());
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    for (si, s) in out.iter().enumerate() {
        if let Some(h) = s.heads.iter().find(|&&h| h as usize > s.len()) {
            return Err((0, format!("sentence {} has head {h} beyond its {} tokens", si + 1, s.len())));
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_two_sentences() {
        let t = "1\tHe\the\t0\t2\tPRP\tO\t2\tnsubj\n2\tsaid\tsay\t3\t7\tVBD\tO\t0\troot\n\n\
                 1\tObama\tObama\t9\t14\tNNP\tPERSON\t0\troot\n";
        let s = parse(t).unwrap();
        assert_eq!(s.len(), 2);
        assert_eq!(s[0].lemmas, ["he", "say"]);
        assert_eq!(s[0].heads, [2, 0]);
        assert_eq!(s[1].ner, ["PERSON"]);
        assert_eq!((s[1].starts[0], s[1].ends[0]), (9, 14));
    }

    #[test]
    fn malformed_lines_name_the_line() {
        let e = parse("1\tHe\the\t0\t2\tPRP\tO\t0\troot\n2\tx\n").unwrap_err();
        assert_eq!(e.0, 2);
        let e = parse("1\tHe\the\tzero\t2\tPRP\tO\t0\troot\n").unwrap_err();
        assert!(e.1.contains("start"), "{}", e.1);
        let e = parse("3\tHe\the\t0\t2\tPRP\tO\t0\troot\n").unwrap_err();
        assert!(e.1.contains("sequence"));
        assert!(parse("1\tHe\the\t0\t2\tPRP\tO\t5\troot\n").is_err());
    }

    #[test]
    fn empty_ner_reads_as_o() {
        let s = parse("1\tHe\the\t0\t2\tPRP\t\t0\troot\n").unwrap();
        assert_eq!(s[0].ner, ["O"]);
    }
}
