//! `corroborate report`: every view in one self-contained HTML file. CSS is
//! inlined; there is no script at all (views switch with CSS `:target`), and a
//! meta CSP forbids any, so a hostile article cannot run code in the reader.

use crate::catalog::Catalog;
use crate::links::{enc, Mode};
use crate::record::load_record;
use crate::views::{self, nav};
use corroborate_store::{SqliteStore, StoreError};
use maud::{html, PreEscaped, DOCTYPE};

const CSS: &str = include_str!("../assets/app.css");
const REPORT_CSS: &str = "
.view{display:none}
.view:target{display:block}
body:not(:has(.view:target)) #overview{display:block}
";
const REPORT_CSP: &str = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

pub struct ReportOptions {
    /// Articles included in full (the newest first); the rest are listed only.
    pub max_docs: usize,
}

impl Default for ReportOptions {
    fn default() -> Self {
        ReportOptions { max_docs: 500 }
    }
}

pub fn render_report(store: &SqliteStore, opts: &ReportOptions) -> Result<String, StoreError> {
    let c = Catalog::load(store)?;
    let m = Mode::Report;
    let mut articles = Vec::new();
    for d in c.docs.iter().rev().take(opts.max_docs) {
        let Some(sd) = corroborate_store::Store::get(store, &d.id)? else { continue };
        let rec = load_record(store, &sd.id, &sd.meta.title, &sd.meta.outlet, &sd.meta.published, sd.text);
        articles.push(rec);
    }
    let page = html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta http-equiv="Content-Security-Policy" content=(REPORT_CSP);
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { "corroborate report" }
                style { (PreEscaped(CSS)) (PreEscaped(REPORT_CSS)) }
            }
            body {
                (nav(m, ""))
                main {
                    section.view #overview { (views::overview(&c, m)) p { a href="#outlets" { "All outlets" } } }
                    section.view #outlets { (views::outlets(&c, m)) }
                    @for (o, _) in &c.outlets { section.view id=(format!("outlet-{}", enc(o))) { (views::outlet(&c, o, m)) } }
                    section.view #disputes { (views::disputes(&c, m)) }
                    section.view #speakers { (views::speakers(&c, m)) }
                    section.view #provenance { (views::provenance(&c, m)) }
                    @for rec in &articles {
                        section.view id=(format!("doc-{}", enc(&rec.doc))) { (views::article(rec, &[], Some(&corroborate_reconcile::credibility::score(rec, &c.credibility_context)), m)) }
                    }
                }
            }
        }
    };
    Ok(page.into_string())
}
