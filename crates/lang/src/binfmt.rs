//! Little-endian reading and writing of the model file's flat arrays.
//!
//! Hand-written rather than bincode/postcard: the models are a handful of
//! flat numeric arrays and short strings, so a cursor over `&[u8]` is ~60
//! lines, needs no serde derive on hot-path types, and keeps the byte layout
//! explicit and versioned.

use crate::LangError;

#[derive(Default)]
pub struct Writer {
    pub buf: Vec<u8>,
}

impl Writer {
    pub fn u8(&mut self, v: u8) {
        self.buf.push(v);
    }
    pub fn u32(&mut self, v: u32) {
        self.buf.extend_from_slice(&v.to_le_bytes());
    }
    pub fn u64(&mut self, v: u64) {
        self.buf.extend_from_slice(&v.to_le_bytes());
    }
    pub fn f32(&mut self, v: f32) {
        self.buf.extend_from_slice(&v.to_le_bytes());
    }
    pub fn bytes(&mut self, b: &[u8]) {
        self.u32(b.len() as u32);
        self.buf.extend_from_slice(b);
    }
}

/// A cursor over model bytes; every read checks bounds and names the model.
pub struct Reader<'a> {
    data: &'a [u8],
    pos: usize,
    name: &'a str,
}

impl<'a> Reader<'a> {
    pub fn new(name: &'a str, data: &'a [u8]) -> Self {
        Reader { data, pos: 0, name }
    }

    pub fn err(&self, what: &str) -> LangError {
        LangError::model(self.name, format!("{what} at byte {}", self.pos))
    }

    /// The next `n` raw bytes.
    pub fn take(&mut self, n: usize) -> Result<&'a [u8], LangError> {
        let end = self.pos.checked_add(n).filter(|&e| e <= self.data.len());
        let Some(end) = end else { return Err(self.err("truncated")) };
        let s = &self.data[self.pos..end];
        self.pos = end;
        Ok(s)
    }

    fn arr<const N: usize>(&mut self) -> Result<[u8; N], LangError> {
        let mut a = [0u8; N];
        a.copy_from_slice(self.take(N)?);
        Ok(a)
    }

    pub fn u8(&mut self) -> Result<u8, LangError> {
        Ok(self.take(1)?[0])
    }
    pub fn u32(&mut self) -> Result<u32, LangError> {
        Ok(u32::from_le_bytes(self.arr()?))
    }
    pub fn u64(&mut self) -> Result<u64, LangError> {
        Ok(u64::from_le_bytes(self.arr()?))
    }
    pub fn f32(&mut self) -> Result<f32, LangError> {
        Ok(f32::from_le_bytes(self.arr()?))
    }
    pub fn bytes(&mut self) -> Result<&'a [u8], LangError> {
        let n = self.u32()? as usize;
        self.take(n)
    }
    /// A length for an array of `elem`-byte items, checked against the bytes left.
    pub fn len(&mut self, elem: usize) -> Result<usize, LangError> {
        let n = self.u32()? as usize;
        if n.saturating_mul(elem) > self.data.len() - self.pos {
            return Err(self.err(&format!("array of {n} items overruns the data")));
        }
        Ok(n)
    }
    pub fn expect(&mut self, magic: &[u8]) -> Result<(), LangError> {
        if self.take(magic.len())? != magic {
            return Err(self.err(&format!("bad magic, expected {:?}", String::from_utf8_lossy(magic))));
        }
        Ok(())
    }
    pub fn done(&self) -> bool {
        self.pos == self.data.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roundtrip_and_truncation() {
        let mut w = Writer::default();
        w.u8(7);
        w.u32(70_000);
        w.u64(u64::MAX - 1);
        w.f32(-1.5);
        w.bytes(b"say");
        let mut r = Reader::new("t", &w.buf);
        assert_eq!(r.u8().unwrap(), 7);
        assert_eq!(r.u32().unwrap(), 70_000);
        assert_eq!(r.u64().unwrap(), u64::MAX - 1);
        assert_eq!(r.f32().unwrap(), -1.5);
        assert_eq!(r.bytes().unwrap(), b"say");
        assert!(r.done());
        let mut r = Reader::new("t", &w.buf[..3]);
        r.u8().unwrap();
        assert!(r.u32().unwrap_err().to_string().contains("truncated"));
    }
}
