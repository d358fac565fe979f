//! PolNeAR's brat standoff: reading gold `.ann` files and writing ours.
//!
//! Hand-written because brat standoff is a tiny line format and the crates
//! that read it do not handle PolNeAR's quirks (event lines whose trigger is
//! `Attribution-no-source`, extra `Content2` arguments, span texts that run
//! over several lines).
//!
//! Offsets are Unicode code points, as brat counts them.

use crate::AttributionError;
use std::collections::HashMap;
use std::path::Path;

/// A half-open code-point range `[start, end)`.
pub type CharRange = (u32, u32);

/// One attribution relation in code points; each role is a list of fragments
/// (discontinuous spans), `source` is `None` when the text names none.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct BratRelation {
    pub source: Option<Vec<CharRange>>,
    pub cue: Vec<CharRange>,
    pub content: Vec<CharRange>,
}

/// Parses the content of an `.ann` file into its attribution relations.
/// Text-bound lines with other labels (`Discuss`, `Discard`) and lines that
/// are neither `T` nor `E` records (notes, continuation lines of multi-line
/// span texts) are ignored. Errors carry the 1-based line number.
pub fn parse_ann(text: &str) -> Result<Vec<BratRelation>, (usize, String)> {
    let mut spans: HashMap<&str, Vec<CharRange>> = HashMap::new();
    let mut events: Vec<(usize, &str)> = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let lineno = i + 1;
        let mut fields = line.splitn(3, '\t');
        let (Some(id), Some(body)) = (fields.next(), fields.next()) else { continue };
        let is_record = |c: char| id.starts_with(c) && id.len() > 1 && id[1..].bytes().all(|b| b.is_ascii_digit());
        if is_record('T') {
            let (_label, ranges) = body
                .split_once(' ')
                .ok_or_else(|| (lineno, format!("text-bound {id} has no offsets: {body:?}")))?;
            spans.insert(id, parse_ranges(ranges).map_err(|m| (lineno, format!("{id}: {m}")))?);
        } else if is_record('E') {
            events.push((lineno, body));
        }
    }
    let mut out = Vec::new();
    for (lineno, body) in events {
        let mut rel = BratRelation::default();
        let mut is_attribution = false;
        for arg in body.split_whitespace() {
            let (role, target) =
                arg.split_once(':').ok_or_else(|| (lineno, format!("event argument without ':' : {arg:?}")))?;
            let get = || spans.get(target).cloned().ok_or_else(|| (lineno, format!("unknown span id {target}")));
            let role_base = role.trim_end_matches(|c: char| c.is_ascii_digit());
            match role_base {
                "Attribution" | "Attribution-no-source" => is_attribution = true,
                "Source" => rel.source.get_or_insert_with(Vec::new).extend(get()?),
                "Cue" => rel.cue.extend(get()?),
                "Content" => rel.content.extend(get()?),
                _ => {}
            }
        }
        if is_attribution {
            for v in [&mut rel.cue, &mut rel.content] {
                v.sort_unstable();
            }
            if let Some(s) = rel.source.as_mut() {
                s.sort_unstable();
            }
            out.push(rel);
        }
    }
    Ok(out)
}

/// `"10 16"` or `"10 16;20 25"` → fragments.
fn parse_ranges(s: &str) -> Result<Vec<CharRange>, String> {
    s.split(';')
        .map(|frag| {
            let mut it = frag.split_whitespace();
            let a = it.next().and_then(|x| x.parse::<u32>().ok());
            let b = it.next().and_then(|x| x.parse::<u32>().ok());
            match (a, b, it.next()) {
                (Some(a), Some(b), None) if a <= b => Ok((a, b)),
                _ => Err(format!("bad offsets {frag:?}")),
            }
        })
        .collect()
}

/// Reads one `.ann` file.
pub fn read_ann(path: &Path) -> Result<Vec<BratRelation>, AttributionError> {
    let text = std::fs::read_to_string(path).map_err(|e| AttributionError::io(path, e))?;
    parse_ann(&text).map_err(|(line, message)| AttributionError::Format { path: path.to_path_buf(), line, message })
}

/// Writes relations as PolNeAR-style standoff over `text` (whose code points
/// the ranges count). Layout follows the gold files: per relation the Source,
/// Cue and Content T lines, an `Attribution` (or `Attribution-no-source`)
/// trigger on the cue, then `E Attribution:Tn Content:Tz Cue:Ty Source:Tx`.
pub fn write_ann(relations: &[BratRelation], text: &str) -> String {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let byte_at = |c: u32| chars.get(c as usize).map(|x| x.0).unwrap_or(text.len());
    let frag_text = |r: &[CharRange]| {
        r.iter()
            .map(|&(a, b)| text.get(byte_at(a)..byte_at(b)).unwrap_or("").replace(['\n', '\r'], " "))
            .collect::<Vec<_>>()
            .join(" ")
    };
    let offsets =
        |r: &[CharRange]| r.iter().map(|(a, b)| format!("{a} {b}")).collect::<Vec<_>>().join(";");
    let mut out = String::new();
    let mut t = 0usize;
    let mut line = |out: &mut String, label: &str, r: &[CharRange]| {
        t += 1;
        out.push_str(&format!("T{t}\t{label} {}\t{}\n", offsets(r), frag_text(r)));
        t
    };
    for (e, rel) in relations.iter().enumerate() {
        if rel.cue.is_empty() || rel.content.is_empty() {
            continue; // brat needs a trigger span; PolNeAR never has cue-less relations
        }
        let src = rel.source.as_ref().filter(|s| !s.is_empty()).map(|s| line(&mut out, "Source", s));
        let cue = line(&mut out, "Cue", &rel.cue);
        let content = line(&mut out, "Content", &rel.content);
        let trigger = if src.is_some() { "Attribution" } else { "Attribution-no-source" };
        let tr = line(&mut out, trigger, &rel.cue);
        out.push_str(&format!("E{}\t{trigger}:T{tr} Content:T{content} Cue:T{cue}", e + 1));
        if let Some(s) = src {
            out.push_str(&format!(" Source:T{s}"));
        }
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOLD: &str = "T1\tSource 0 6\tTurkey\nT2\tCue 7 11\tsaid\nT3\tContent 12 20;22 25\tmany had left\n\
                        T4\tAttribution 7 11\tsaid\nE1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n\
                        T5\tDiscuss 0 4\tTurk\nT6\tCue 30 35\tclaim\nT7\tContent 36 40\tfoo\n\
                        continuation of a multi-line text\n\
                        T8\tAttribution-no-source 30 35\tclaim\nE2\tAttribution-no-source:T8 Content:T7 Cue:T6 Content2:T1\n";

    #[test]
    fn reads_polnear_layouts() {
        let r = parse_ann(GOLD).unwrap();
        assert_eq!(r.len(), 2);
        assert_eq!(r[0].source, Some(vec![(0, 6)]));
        assert_eq!(r[0].content, vec![(12, 20), (22, 25)]);
        assert_eq!(r[1].source, None);
        assert_eq!(r[1].cue, vec![(30, 35)]);
        assert_eq!(r[1].content, vec![(0, 6), (36, 40)], "Content2 joins the content");
    }

    #[test]
    fn errors_name_the_line() {
        assert_eq!(parse_ann("T1\tSource x 6\tT\n").unwrap_err().0, 1);
        assert!(parse_ann("T1\tCue 0 1\ta\nE1\tAttribution:T1 Cue:T9\n").unwrap_err().1.contains("T9"));
        assert!(parse_ann("T1\tSource 6 2\tT\n").is_err());
    }

    #[test]
    fn write_then_read_round_trips_in_code_points() {
        let text = "“Lies,” said Ayoub — Turkey said 7,500 left.";
        let rels = vec![
            BratRelation { source: Some(vec![(13, 18)]), cue: vec![(8, 12)], content: vec![(1, 5)] },
            BratRelation { source: None, cue: vec![(28, 32)], content: vec![(33, 43)] },
        ];
        let ann = write_ann(&rels, text);
        assert!(ann.contains("\tSource 13 18\tAyoub\n"), "{ann}");
        assert!(ann.contains("\tContent 1 5\tLies\n"), "{ann}");
        assert!(ann.contains("Attribution-no-source:T"), "{ann}");
        assert_eq!(parse_ann(&ann).unwrap(), rels);
    }
}
