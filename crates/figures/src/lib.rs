//! Figures and incidents. `numbers` turns number expressions in tokens into
//! quantities with bounds and a qualifier; `figure` decides which quantities
//! count people and attaches category, who, place, time and perpetrator;
//! `incident` groups them into events; `fakes` maps an article to FA-KES's
//! classes.

pub mod gazetteer;
pub mod numbers;
pub mod time;
