//! Copies the trained models into OUT_DIR for `include_bytes!`, writing empty
//! files when a model has not been trained yet, so the crate always builds
//! (the pipeline then reports the missing model at load time).

use std::path::Path;

fn main() {
    let out = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    for name in ["lang.bin", "parser.bin", "parser_net.bin"] {
        println!("cargo:rerun-if-changed=models/{name}");
        let bytes = std::fs::read(Path::new("models").join(name)).unwrap_or_default();
        let dst = Path::new(&out).join(name);
        // Rewrite only on change, so an untrained model does not force rebuilds.
        if std::fs::read(&dst).ok().as_deref() != Some(bytes.as_slice()) {
            std::fs::write(&dst, bytes).expect("OUT_DIR is writable");
        }
    }
}
