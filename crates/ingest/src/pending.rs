//! Work deferred out of the sequential reading loop: HTML extraction is ~100x slower than
//! reading bytes, so readers hand it over as an [`HtmlJob`] and `read_inputs` runs a batch of
//! them on rayon's pool, keeping the input order.

use crate::html::read_html_with;
use crate::ReadError;
use corroborate_model::Document;
use rayon::prelude::*;
use std::collections::VecDeque;

pub(crate) struct HtmlJob {
    pub bytes: Vec<u8>,
    pub origin: String,
    pub url: Option<String>,
    pub charset: Option<String>,
    pub max: usize,
    /// Overrides the id (a file's stem).
    pub id: Option<String>,
    pub fetched: Option<String>,
    /// `Meta::format` to record ("html" or "warc").
    pub format: &'static str,
}

impl HtmlJob {
    pub fn run(self) -> Result<Document, ReadError> {
        let mut d = read_html_with(
            &self.bytes,
            &self.origin,
            self.url.as_deref(),
            self.charset.as_deref(),
            self.max,
        )?;
        if let Some(id) = self.id {
            d.id = id;
        }
        if self.fetched.is_some() {
            d.meta.fetched = self.fetched;
        }
        d.meta.format = self.format.to_string();
        Ok(d)
    }
}

// Documents are moved once per item; boxing them would only add an allocation.
#[allow(clippy::large_enum_variant)]
pub(crate) enum Pending {
    Ready(Result<Document, ReadError>),
    Html(Box<HtmlJob>),
}

impl Pending {
    pub fn run(self) -> Result<Document, ReadError> {
        match self {
            Pending::Ready(r) => r,
            Pending::Html(job) => job.run(),
        }
    }

    fn input_bytes(&self) -> usize {
        match self {
            Pending::Ready(Ok(d)) => d.text.len(),
            Pending::Ready(Err(_)) => 0,
            Pending::Html(job) => job.bytes.len(),
        }
    }
}

/// Pulls pending items in batches (bounded in count and bytes, so memory stays bounded) and
/// resolves the HTML jobs of a batch in parallel.
pub(crate) struct Batched<I> {
    inner: I,
    ready: VecDeque<Result<Document, ReadError>>,
}

const BATCH_ITEMS: usize = 64;
const BATCH_BYTES: usize = 64 << 20;

impl<I: Iterator<Item = Pending>> Batched<I> {
    pub fn new(inner: I) -> Self {
        Batched {
            inner,
            ready: VecDeque::new(),
        }
    }

    fn fill(&mut self) {
        let mut batch = Vec::new();
        let mut bytes = 0;
        let mut jobs = 0;
        for p in self.inner.by_ref() {
            bytes += p.input_bytes();
            jobs += matches!(p, Pending::Html(_)) as usize;
            batch.push(p);
            // Without HTML there is nothing to parallelise: hand documents over at once.
            if jobs == 0 || batch.len() >= BATCH_ITEMS || bytes >= BATCH_BYTES {
                break;
            }
        }
        if jobs > 1 {
            let done: Vec<_> = batch.into_par_iter().map(Pending::run).collect();
            self.ready.extend(done);
        } else {
            self.ready.extend(batch.into_iter().map(Pending::run));
        }
    }
}

impl<I: Iterator<Item = Pending>> Iterator for Batched<I> {
    type Item = Result<Document, ReadError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.ready.is_empty() {
            self.fill();
        }
        self.ready.pop_front()
    }
}
