//! Automatic (case-insensitive) mapping of CSV headers / JSON keys to document fields, shared by
//! the CSV and JSONL readers. Unknown columns (FA-KES's `label`, coded answers) are never read.

use crate::ColumnMap;

pub(crate) const ID_NAMES: &[&str] = &["id", "unit_id", "doc_id", "article_id", "uuid"];
pub(crate) const TITLE_NAMES: &[&str] = &["title", "article_title", "headline"];
pub(crate) const TEXT_NAMES: &[&str] = &[
    "text",
    "content",
    "body",
    "article_content",
    "article",
    "article_text",
];
pub(crate) const DATE_NAMES: &[&str] = &[
    "date",
    "published",
    "published_at",
    "pubdate",
    "publication_date",
];
pub(crate) const SOURCE_NAMES: &[&str] = &["source", "outlet", "publisher", "site", "domain"];
pub(crate) const URL_NAMES: &[&str] = &["url", "link"];

/// Field roles, in the order of [`Roles::names`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Role {
    Id = 0,
    Title = 1,
    Text = 2,
    Date = 3,
    Source = 4,
    Url = 5,
}

const ROLE_LABELS: [&str; 6] = ["id", "title", "text", "date", "source", "url"];

/// Candidate column names per role, lower-cased, best first.
#[derive(Clone, Debug)]
pub(crate) struct Roles {
    names: [Vec<String>; 6],
    overridden: [bool; 6],
}

impl Roles {
    pub fn new(map: &ColumnMap) -> Roles {
        let pick = |o: &Option<String>, d: &[&str]| match o {
            Some(name) => vec![name.trim().to_lowercase()],
            None => d.iter().map(|s| s.to_string()).collect(),
        };
        Roles {
            names: [
                pick(&map.id, ID_NAMES),
                pick(&map.title, TITLE_NAMES),
                pick(&map.text, TEXT_NAMES),
                pick(&map.date, DATE_NAMES),
                pick(&map.source, SOURCE_NAMES),
                pick(&map.url, URL_NAMES),
            ],
            overridden: [
                map.id.is_some(),
                map.title.is_some(),
                map.text.is_some(),
                map.date.is_some(),
                map.source.is_some(),
                map.url.is_some(),
            ],
        }
    }

    /// For each role, the index of the best-matching key (`keys` yields names in column order).
    pub fn assign<'k>(&self, keys: impl Iterator<Item = &'k str>) -> [Option<usize>; 6] {
        let mut best: [Option<(usize, usize)>; 6] = [None; 6]; // (rank, column)
        for (col, key) in keys.enumerate() {
            let key = key.trim();
            for (role, names) in self.names.iter().enumerate() {
                if let Some(rank) = names.iter().position(|n| n.eq_ignore_ascii_case(key)) {
                    if best[role].is_none_or(|(r, _)| rank < r) {
                        best[role] = Some((rank, col));
                    }
                }
            }
        }
        best.map(|b| b.map(|(_, c)| c))
    }

    /// Explains a missing text column (or a missing overridden column), naming what was found.
    pub fn missing(&self, assigned: &[Option<usize>; 6], found: &[String]) -> Option<String> {
        let found_list = if found.is_empty() {
            "none".to_string()
        } else {
            found.join(", ")
        };
        for role in 0..6 {
            if assigned[role].is_none() && (self.overridden[role] || role == Role::Text as usize) {
                return Some(format!(
                    "no {} column (looked for {}); columns found: {found_list}",
                    ROLE_LABELS[role],
                    self.names[role].join(", "),
                ));
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fakes_header_maps() {
        let h = [
            "unit_id",
            "article_title",
            "article_content",
            "source",
            "date",
            "location",
            "label",
        ];
        let a = Roles::new(&ColumnMap::default()).assign(h.iter().copied());
        assert_eq!(a, [Some(0), Some(1), Some(2), Some(4), Some(3), None]);
    }

    #[test]
    fn best_name_wins_and_overrides() {
        let h = ["Content", "TEXT", "Link"];
        let r = Roles::new(&ColumnMap::default());
        assert_eq!(r.assign(h.iter().copied())[Role::Text as usize], Some(1));
        let r = Roles::new(&ColumnMap {
            text: Some("content".into()),
            ..Default::default()
        });
        assert_eq!(r.assign(h.iter().copied())[Role::Text as usize], Some(0));
        let r = Roles::new(&ColumnMap {
            date: Some("when".into()),
            ..Default::default()
        });
        let a = r.assign(h.iter().copied());
        let msg = r.missing(&a, &h.map(String::from)).unwrap();
        assert!(
            msg.contains("no date column") && msg.contains("Content, TEXT, Link"),
            "{msg}"
        );
    }
}
