//! Exit codes (documented in `corroborate --help` and README.md).

use std::process::ExitCode;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Code {
    Ok = 0,
    InputErrors = 1,
    NothingWritten = 3,
    Store = 4,
    NotFound = 5,
}

impl From<Code> for ExitCode {
    fn from(c: Code) -> ExitCode {
        ExitCode::from(c as u8)
    }
}

/// An error that carries its exit code through `anyhow`.
#[derive(Debug)]
pub struct Coded(pub Code, pub String);

impl std::fmt::Display for Coded {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.1)
    }
}
impl std::error::Error for Coded {}

pub fn fail(code: Code, msg: impl Into<String>) -> anyhow::Error {
    anyhow::Error::new(Coded(code, msg.into()))
}

pub fn code_of(e: &anyhow::Error) -> Code {
    if let Some(c) = e.downcast_ref::<Coded>() {
        return c.0;
    }
    if e.downcast_ref::<corroborate_store::StoreError>().is_some() {
        return Code::Store;
    }
    Code::Store
}
