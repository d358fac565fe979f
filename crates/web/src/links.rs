//! Where links point: the live server (`/doc/ID`) or the one-file report
//! (`#doc-ID`). Ids and names are percent-encoded, so a hostile id cannot
//! leave its path segment or attribute.

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

/// Everything but unreserved characters is encoded.
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'_').remove(b'.').remove(b'~');

pub fn enc(s: &str) -> String {
    utf8_percent_encode(s, SEGMENT).to_string()
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    Server,
    Report,
}

impl Mode {
    pub fn doc(self, id: &str) -> String {
        match self {
            Mode::Server => format!("/doc/{}", enc(id)),
            Mode::Report => format!("#doc-{}", enc(id)),
        }
    }
    pub fn doc_at(self, id: &str, anchor: &str) -> String {
        match self {
            Mode::Server => format!("/doc/{}#{anchor}", enc(id)),
            // The report shows one article section at a time; in-text anchors are per section.
            Mode::Report => format!("#doc-{}", enc(id)),
        }
    }
    pub fn outlet(self, name: &str) -> String {
        match self {
            Mode::Server => format!("/outlet/{}", enc(name)),
            Mode::Report => format!("#outlet-{}", enc(name)),
        }
    }
    pub fn speaker(self, name: &str) -> String {
        match self {
            Mode::Server => format!("/speaker/{}", enc(name)),
            Mode::Report => "#speakers".to_string(),
        }
    }
    pub fn page(self, name: &str) -> String {
        match self {
            Mode::Server => {
                if name == "overview" {
                    "/".into()
                } else {
                    format!("/{name}")
                }
            }
            Mode::Report => format!("#{name}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_stay_in_their_segment() {
        assert_eq!(Mode::Server.doc("a/../b c"), "/doc/a%2F..%2Fb%20c");
        assert_eq!(Mode::Server.doc("\"><x>"), "/doc/%22%3E%3Cx%3E");
        assert_eq!(Mode::Report.outlet("A&B"), "#outlet-A%26B");
    }
}
