//! check's HTML scanner and what it keeps of a page (ids, URLs, headings,
//! images, CSS). It reads raw HTML that authors write into posts.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    trellis::check::fuzz_scan_html(text);
});
