//! Figures and incidents. `numbers` turns number expressions in tokens into
//! quantities with bounds and a qualifier; the figure extractor (later) decides
//! which quantities count people and attaches category, who, place, time and source.

pub mod numbers;
