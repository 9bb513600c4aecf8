//! The component tag parser: `{{< name arg="v" >}}` and friends.
#![no_main]

use libfuzzer_sys::fuzz_target;
use trellis::markdown::shortcode;

fuzz_target!(|text: &str| {
    let code = shortcode::code_ranges(text);
    for r in &code {
        assert!(r.start <= r.end && r.end <= text.len());
    }
    if let Ok(tags) = shortcode::find_tags(text) {
        for tag in &tags {
            // Every span names a slice of the text.
            assert!(text.get(tag.span.clone()).is_some());
            assert!(text.get(tag.name_span.clone()).is_some());
            for (_, _, span) in &tag.args {
                assert!(text.get(span.clone()).is_some());
            }
        }
    }
});
