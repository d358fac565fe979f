//! Plain-text articles: the whole file is the text (offsets exact, title line included); the
//! first non-empty line is also the title.

use crate::decode::decode;
use crate::record::{finish, Record};
use crate::ReadError;
use corroborate_model::Document;

/// One document from a text file's bytes. `id` is usually the file stem (`None` -> content hash).
pub fn read_text(
    bytes: Vec<u8>,
    origin: &str,
    id: Option<&str>,
    max_doc_bytes: usize,
) -> Result<Document, ReadError> {
    let decoded = decode(bytes, None);
    let text = decoded.text;
    let title = text
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .map(str::to_string);
    let mut rec = Record {
        id: id.map(str::to_string),
        text,
        title,
        ..Default::default()
    };
    if let Some(note) = decoded.note {
        rec.warnings.push(("reader:txt".into(), note));
    }
    finish(rec, origin, "txt", max_doc_bytes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use corroborate_model::Severity;

    #[test]
    fn title_is_first_nonempty_line_and_text_is_whole_file() {
        let src = "\n  Evacuation of Aleppo begins  \n\nTurkey said 7,500 people left.\n";
        let d = read_text(src.as_bytes().to_vec(), "a.txt", Some("a"), 1 << 20).unwrap();
        assert_eq!(d.id, "a");
        assert_eq!(d.text, src);
        assert_eq!(d.meta.title.as_deref(), Some("Evacuation of Aleppo begins"));
        assert_eq!(d.meta.format, "txt");
        assert!(d.diagnostics.is_empty());
    }

    #[test]
    fn windows_1252_is_decoded_with_a_warning() {
        let d = read_text(
            b"Caf\xe9 \x93Aleppo\x94 r\xe9sum\xe9".to_vec(),
            "b.txt",
            Some("b"),
            1 << 20,
        )
        .unwrap();
        assert_eq!(d.text, "Café “Aleppo” résumé");
        assert_eq!(d.diagnostics.len(), 1);
        assert_eq!(d.diagnostics[0].severity, Severity::Warning);
        assert!(
            d.diagnostics[0].message.contains("windows-1252"),
            "{:?}",
            d.diagnostics
        );
    }

    #[test]
    fn whitespace_only_is_empty() {
        let e = read_text(b" \n\t\n".to_vec(), "c.txt", Some("c"), 1 << 20).unwrap_err();
        assert_eq!(e.kind, crate::ErrorKind::Empty);
        assert!(e.to_string().starts_with("c.txt: empty document"));
    }
}
