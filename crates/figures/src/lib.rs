//! Figures and incidents. `numbers` turns number expressions in tokens into
//! quantities with bounds and a qualifier; `figure` decides which quantities
//! count people and attaches category, who, place, time and perpetrator;
//! `incident` groups them into events; `fakes` maps an article to FA-KES's
//! classes.

pub mod candidates;
pub mod category;
pub mod cause;
pub mod fakes;
pub mod figure;
pub mod gazetteer;
pub mod incident;
pub mod learn;
/// (maxent training lives in the language core, beside its perceptron)
pub use corroborate_lang::maxent;
pub mod model;
pub mod numbers;
pub mod place_names;
pub mod rank;
pub mod relations;
pub mod source;
pub mod time;
pub mod view;

pub use category::Category;
pub use figure::{extract, extract_all, link_sources, Extraction, Figure};
pub use numbers::{Qualifier, Quantity};
pub use fakes::{fakes_row, FakesRow};
pub use incident::{incidents, Incident, IncidentType};

/// Figures and incidents of an analysed document in one call.
pub fn analyse(doc: &corroborate_model::Document) -> (Extraction, Vec<Incident>) {
    let v = view::View::new(doc);
    let ex = figure::extract_view(&v);
    let inc = incident::incidents(&v, &ex);
    (ex, inc)
}
