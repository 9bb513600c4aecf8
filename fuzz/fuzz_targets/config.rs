//! site.yaml: YAML, then every check (colours, rules, permalinks, time
//! zone). Any text must give a config or a located error.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let _ = trellis::config::parse(text.to_string(), None);
});
