/// blake3 of the whitespace-normalised text (runs of whitespace -> one space, trimmed), as 32 hex
/// chars (128 bits). Used as the id of last resort, so the same article re-wrapped or re-indented
/// gets the same id.
pub fn content_hash(text: &str) -> String {
    let mut h = blake3::Hasher::new();
    let mut first = true;
    for word in text.split_whitespace() {
        if !first {
            h.update(b" ");
        }
        h.update(word.as_bytes());
        first = false;
    }
    let hex = h.finalize().to_hex();
    hex.as_str().get(..32).unwrap_or_default().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whitespace_does_not_change_the_hash() {
        let a = content_hash("Aleppo  evacuation\n\tbegins ");
        assert_eq!(a, content_hash("Aleppo evacuation begins"));
        assert_eq!(a.len(), 32);
        assert!(a.bytes().all(|b| b.is_ascii_hexdigit()));
        assert_ne!(a, content_hash("Aleppo evacuation ends"));
    }
}
