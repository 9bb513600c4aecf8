use std::error::Error;
use std::path::PathBuf;

use syntect::parsing::syntax_definition::Pattern;
use syntect::parsing::{Regex, SyntaxSet, SyntaxSetBuilder};

#[path = "build/ascii.rs"]
mod ascii;

fn main() -> Result<(), Box<dyn Error>> {
    // The built-in theme is compiled in with include_dir!, which cannot tell
    // cargo about its files itself.
    println!("cargo:rerun-if-changed=themes/default");
    println!("cargo:rerun-if-changed=build/ascii.rs");
    let out = PathBuf::from(std::env::var_os("OUT_DIR").ok_or("cargo sets OUT_DIR")?);
    let set = ascii_syntaxes(SyntaxSet::load_defaults_newlines());
    syntect::dumps::dump_to_uncompressed_file(&set, out.join("ascii_newlines.packdump"))?;
    Ok(())
}

/// syntect's default grammars with every regex's class escapes narrowed
/// to ASCII (see build/ascii.rs): for highlighting ASCII code blocks.
fn ascii_syntaxes(defaults: SyntaxSet) -> SyntaxSet {
    let mut builder = SyntaxSetBuilder::new();
    for syntax in defaults.into_builder().syntaxes() {
        let mut syntax = syntax.clone();
        for context in syntax.contexts.values_mut() {
            for pattern in &mut context.patterns {
                if let Pattern::Match(m) = pattern {
                    m.regex = Regex::new(ascii::ascii_classes(m.regex.regex_str()));
                }
            }
        }
        builder.add(syntax);
    }
    builder.build()
}
