//! Serialization at the edges. The core model (`corroborate-model`) is free
//! to change; the types here are the stable, versioned output contract
//! documented in `docs/output-contract.md`.

pub mod contract;
pub mod table;

pub use contract::{DocRecord, TextSpan, CONTRACT_VERSION};
