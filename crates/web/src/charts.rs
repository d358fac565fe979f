//! Server-side SVG charts (no script, so they work under the CSP and in the
//! one-file report). Values are numbers we computed; labels go through maud.

use maud::{html, Markup};

/// Monthly bars: documents (tall bars) with casualty figures and incidents
/// as narrower series inside them.
pub fn timeline(months: &[(String, usize, usize, usize)]) -> Markup {
    if months.is_empty() {
        return html! { p.empty { "No dated documents yet." } };
    }
    let w = 640.0_f64;
    let h = 160.0_f64;
    let n = months.len() as f64;
    let max = months.iter().map(|m| m.1.max(m.2).max(m.3)).max().unwrap_or(1).max(1) as f64;
    let bw = (w / n).max(1.0);
    let label_every = ((n / 8.0).ceil() as usize).max(1);
    html! {
        figure.chart {
            svg viewBox=(format!("0 0 {w} {}", h + 24.0)) role="img" aria-label="Documents, incidents and figures per month" {
                @for (i, (m, docs, figs, incs)) in months.iter().enumerate() {
                    @let x = i as f64 * bw;
                    @let dh = *docs as f64 / max * h;
                    @let fh = *figs as f64 / max * h;
                    @let ih = *incs as f64 / max * h;
                    g {
                        title { (m) ": " (docs) " documents, " (incs) " incidents, " (figs) " figures" }
                        rect.bar-docs x=(format!("{:.1}", x + 1.0)) y=(format!("{:.1}", h - dh)) width=(format!("{:.1}", (bw - 2.0).max(0.5))) height=(format!("{:.1}", dh)) {}
                        @if *figs > 0 {
                            rect.bar-figs x=(format!("{:.1}", x + bw * 0.2)) y=(format!("{:.1}", h - fh)) width=(format!("{:.1}", (bw * 0.3).max(0.5))) height=(format!("{:.1}", fh)) {}
                        }
                        @if *incs > 0 {
                            rect.bar-incs x=(format!("{:.1}", x + bw * 0.5)) y=(format!("{:.1}", h - ih)) width=(format!("{:.1}", (bw * 0.3).max(0.5))) height=(format!("{:.1}", ih)) {}
                        }
                    }
                    @if i % label_every == 0 {
                        text.axis x=(format!("{:.1}", x + 1.0)) y=(format!("{:.1}", h + 16.0)) { (m) }
                    }
                }
            }
            figcaption { span.key-docs { "■" } " documents  " span.key-figs { "■" } " casualty figures  " span.key-incs { "■" } " incidents, per month (peak " (max as usize) ")" }
        }
    }
}

/// Horizontal bars for a ranked list; `href` links each label.
pub fn hbars(rows: &[(String, usize, String)]) -> Markup {
    let max = rows.iter().map(|r| r.1).max().unwrap_or(1).max(1) as f64;
    html! {
        table.hbars {
            @for (label, n, href) in rows {
                tr {
                    td.label { a href=(href) { (label) } }
                    td.barcell {
                        svg.hbar viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true" {
                            rect x="0" y="0" width=(format!("{:.2}", (*n as f64 / max * 100.0).max(0.5))) height="10" {}
                        }
                    }
                    td.num { (n) }
                }
            }
        }
    }
}

/// One dispute: a range bar per source on a shared axis.
pub fn ranges(rows: &[(String, f64, f64)]) -> Markup {
    let max = rows.iter().map(|r| r.2.max(r.1)).fold(0.0_f64, f64::max).max(1.0);
    let row_h = 22.0;
    let h = rows.len() as f64 * row_h + 8.0;
    let lw = 180.0;
    let w = 640.0;
    // Room on the right for the value label.
    let sx = |v: f64| lw + (v / max) * (w - lw - 120.0);
    html! {
        svg.ranges viewBox=(format!("0 0 {w} {h}")) role="img" aria-label="Values each source gave" {
            @for (i, (label, lo, hi)) in rows.iter().enumerate() {
                @let y = i as f64 * row_h + 4.0;
                text.axis x="0" y=(format!("{:.1}", y + 13.0)) { (truncate(label, 28)) }
                @if hi > lo {
                    rect.range x=(format!("{:.1}", sx(*lo))) y=(format!("{:.1}", y + 3.0)) width=(format!("{:.1}", (sx(*hi) - sx(*lo)).max(2.0))) height="12" {}
                } @else {
                    circle.point cx=(format!("{:.1}", sx(*lo))) cy=(format!("{:.1}", y + 9.0)) r="5" {}
                }
                text.axis x=(format!("{:.1}", sx(hi.max(*lo)) + 8.0)) y=(format!("{:.1}", y + 13.0)) {
                    (fmt_num(*lo)) @if hi > lo { "–" (fmt_num(*hi)) }
                }
            }
        }
    }
}

pub fn fmt_num(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        format!("{v:.1}")
    }
}

pub fn truncate(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        let t: String = s.chars().take(n.saturating_sub(1)).collect();
        format!("{t}…")
    }
}
