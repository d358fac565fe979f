//! Bytes -> UTF-8. Order: byte-order mark, then a declared charset (HTML meta, HTTP header),
//! then strict UTF-8, then chardetng's guess. Anything but plain UTF-8 yields a note that the
//! reader turns into a Warning diagnostic.

use encoding_rs::{Encoding, UTF_8};

pub(crate) struct Decoded {
    pub text: String,
    /// Set when the text was not plain UTF-8: which charset was used and why.
    pub note: Option<String>,
}

pub(crate) fn decode(bytes: Vec<u8>, declared: Option<&str>) -> Decoded {
    if let Some((enc, bom_len)) = Encoding::for_bom(&bytes) {
        let body = bytes.get(bom_len..).unwrap_or_default();
        if enc == UTF_8 {
            if let Ok(s) = std::str::from_utf8(body) {
                return Decoded {
                    text: s.to_string(),
                    note: None,
                };
            }
        } else {
            let (text, _) = enc.decode_without_bom_handling(body);
            return Decoded {
                text: text.into_owned(),
                note: Some(format!("decoded as {} (byte-order mark)", enc.name())),
            };
        }
    }
    let declared_enc = declared.and_then(|l| Encoding::for_label(l.trim().as_bytes()));
    // A declared UTF-8 (or none) is only trusted if the bytes really are UTF-8.
    if let Some(enc) = declared_enc.filter(|e| *e != UTF_8) {
        let enc = enc.output_encoding(); // UTF-16 labels in an 8-bit document mean UTF-8
        let (text, _) = enc.decode_without_bom_handling(&bytes);
        let note = (enc != UTF_8).then(|| format!("decoded as {} (declared charset)", enc.name()));
        return Decoded {
            text: text.into_owned(),
            note,
        };
    }
    match String::from_utf8(bytes) {
        Ok(text) => Decoded { text, note: None },
        Err(e) => {
            let bytes = e.into_bytes();
            let mut det = chardetng::EncodingDetector::new();
            det.feed(&bytes, true);
            let enc = det.guess(None, true);
            let (text, _) = enc.decode_without_bom_handling(&bytes);
            let why = if declared.is_some() {
                "declared charset is wrong or unknown"
            } else {
                "not valid UTF-8"
            };
            Decoded {
                text: text.into_owned(),
                note: Some(format!("decoded as {} (detected; {why})", enc.name())),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_passes_through() {
        let d = decode("Alep — حلب".as_bytes().to_vec(), None);
        assert_eq!(d.text, "Alep — حلب");
        assert!(d.note.is_none());
    }

    #[test]
    fn latin1_is_detected() {
        let d = decode(
            b"Le r\xe9gime syrien a d\xe9clar\xe9 une tr\xeave \xe0 Alep.".to_vec(),
            None,
        );
        assert_eq!(d.text, "Le régime syrien a déclaré une trêve à Alep.");
        assert!(d.note.unwrap().contains("windows-1252"));
    }

    #[test]
    fn bom_and_declared() {
        let d = decode(b"\xef\xbb\xbfHello".to_vec(), None);
        assert_eq!(d.text, "Hello");
        let d = decode(b"caf\xe9".to_vec(), Some("iso-8859-1"));
        assert_eq!(d.text, "café");
        assert!(d.note.unwrap().contains("declared"));
        let d = decode(b"\xff\xfeH\x00i\x00".to_vec(), None);
        assert_eq!(d.text, "Hi");
    }
}
