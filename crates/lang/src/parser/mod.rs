//! Dependency parser (see mod docs once written).
