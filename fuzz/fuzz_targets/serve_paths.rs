//! serve's request path resolver: never a panic, and nothing it accepts
//! can leave the site.
#![no_main]

use libfuzzer_sys::fuzz_target;
use trellis::serve::paths::{self, Wanted};

fuzz_target!(|raw: &str| {
    let key = match paths::resolve(raw) {
        Ok(Wanted::File(key) | Wanted::FileOrFolder(key)) => key,
        Err(_) => return,
    };
    assert!(!key.starts_with('/'), "{raw:?} gave {key:?}");
    for segment in key.split('/') {
        assert!(segment != ".." && segment != ".", "{raw:?} gave {key:?}");
    }
    assert!(!key.contains(['\\', '\0']), "{raw:?} gave {key:?}");
    paths::content_type(&key);
});
