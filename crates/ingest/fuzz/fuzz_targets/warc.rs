#![no_main]
use corroborate_ingest::read_warc;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    for _ in read_warc(data, "fuzz.warc", 1 << 16) {}
    // The same bytes as a multi-member gzip stream, as .warc.gz files are read.
    let gz = std::io::BufReader::new(flate2::read::MultiGzDecoder::new(data));
    for _ in read_warc(gz, "fuzz.warc.gz", 1 << 16) {}
});
