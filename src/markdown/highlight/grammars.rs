//! The two copies of syntect's grammars, and which one a code block gets.
//!
//! fancy-regex compiles a Unicode class such as `\w` or `\p{L}` into an
//! automaton over hundreds of code-point ranges, and a build compiles the
//! regexes of every language its code blocks use: at 100 posts that was
//! most of a build's time and 24 MiB of its memory. build.rs writes a copy
//! of the grammars whose class escapes are narrowed to ASCII
//! (build/ascii.rs). On ASCII text a class matches exactly when its ASCII
//! part does, so an ASCII code block gets the same HTML from either copy;
//! only a block with other characters needs the originals.

use std::sync::OnceLock;

use syntect::parsing::SyntaxSet;

/// Which copy of the grammars; each has its own parser states.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Grammars {
    Ascii,
    Unicode,
}

impl Grammars {
    pub fn for_code(code: &str) -> Self {
        if code.is_ascii() {
            Grammars::Ascii
        } else {
            Grammars::Unicode
        }
    }

    /// Loaded once, on first use.
    pub fn set(self) -> &'static SyntaxSet {
        static ASCII: OnceLock<SyntaxSet> = OnceLock::new();
        static UNICODE: OnceLock<SyntaxSet> = OnceLock::new();
        match self {
            Grammars::Ascii => ASCII.get_or_init(load_ascii),
            Grammars::Unicode => UNICODE.get_or_init(SyntaxSet::load_defaults_newlines),
        }
    }
}

fn load_ascii() -> SyntaxSet {
    let dump = include_bytes!(concat!(env!("OUT_DIR"), "/ascii_newlines.packdump"));
    // The dump is build.rs's output; should it ever fail to load, the
    // original grammars give the same HTML, only more slowly.
    syntect::dumps::from_uncompressed_data(dump)
        .unwrap_or_else(|_| SyntaxSet::load_defaults_newlines())
}

#[cfg(test)]
#[path = "../../../build/ascii.rs"]
mod ascii;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::highlight::tests::reference as html;

    /// The promise the ASCII copy rests on, over code that leans on word,
    /// digit, space and letter classes in a range of languages.
    #[test]
    fn both_copies_give_the_same_html_for_ascii_code() {
        let blocks = [
            (
                "rust",
                "use std::io;\n/// Doc `x`\nfn main() -> io::Result<()> {\n    let x_1: u32 = 0x1F + 1_000;\n    println!(\"{x_1:>4} {}\", 'a');\n    Ok(())\n}\n",
            ),
            (
                "python",
                "import os\n@dataclass\nclass A(B):\n    def f(self, x=1.5e3):\n        return f\"{x!r:>10}\" % (x,)  # note\n",
            ),
            (
                "ruby",
                "module M\n  def f(x = 1) = x * 2 # note\n  @iv = %w[a b]; :sym_1\nend\n",
            ),
            (
                "js",
                "const re = /\\w+/g;\nexport async function go(a, ...b) { return `${a}` ?? b[0]; }\n",
            ),
            (
                "html",
                "<!DOCTYPE html>\n<p class=\"a\" data-x=1>Hi &amp; bye</p>\n<script>let a = 1;</script>\n",
            ),
            (
                "css",
                "@media (max-width: 40em) {\n  .a > b::before { color: #fff; margin: 0 1.5rem; }\n}\n",
            ),
            (
                "sh",
                "#!/bin/sh\nfor f in *.md; do\n  echo \"${f%.md}\" >> out_$1.txt 2>&1\ndone\n",
            ),
            (
                "yaml",
                "title: Hello\nlist:\n  - a: 1\n    b: [x, y]\nanchor: &a !!str text\n",
            ),
            (
                "json",
                "{\"a\": [1, 2.5e-3, true, null], \"b\": {\"c\": \"d\"}}\n",
            ),
            (
                "c",
                "#include <stdio.h>\nint main(void) { unsigned long x = 10UL; return printf(\"%lu\\n\", x); }\n",
            ),
            (
                "go",
                "package main\nfunc main() {\n\tx := map[string]int{\"a\": 1}\n\t_ = x\n}\n",
            ),
            (
                "java",
                "public class A<T> extends B implements C {\n  @Override public int f() { return 0b1010; }\n}\n",
            ),
            (
                "sql",
                "SELECT a.id, COUNT(*) FROM t AS a WHERE a.x >= 10 GROUP BY 1;\n",
            ),
            (
                "md",
                "# Title\n\n* **bold** _em_ `code`\n1. [link](http://x.y)\n",
            ),
        ];
        for (lang, code) in blocks {
            assert!(code.is_ascii());
            assert_eq!(
                html(Grammars::Ascii, lang, code),
                html(Grammars::Unicode, lang, code),
                "{lang}: {code}"
            );
        }
    }

    #[test]
    fn class_escapes_are_narrowed_and_the_rest_copied() {
        let cases = [
            (r"\w+", r"[\x{30}-\x{39}\x{41}-\x{5A}\x{5F}\x{61}-\x{7A}]+"),
            (r"[\d.]", r"[[\x{30}-\x{39}].]"),
            (r"\p{Lu}\pL", r"[\x{41}-\x{5A}][\x{41}-\x{5A}\x{61}-\x{7A}]"),
            (r"\p{Lo}", r"[^\x{0}-\x{10FFFF}]"),
            (r"\\w\b\n\x{41}", r"\\w\b\n\x{41}"),
            ("caf\u{e9}\\s", "caf\u{e9}[\\x{9}-\\x{D}\\x{20}]"),
        ];
        for (pattern, narrowed) in cases {
            assert_eq!(ascii::ascii_classes(pattern), narrowed, "{pattern}");
        }
    }

    #[test]
    fn the_ascii_copy_loads_and_has_every_language() {
        let dump = include_bytes!(concat!(env!("OUT_DIR"), "/ascii_newlines.packdump"));
        let ascii: SyntaxSet = syntect::dumps::from_uncompressed_data(dump).unwrap();
        let names = |set: &SyntaxSet| -> Vec<String> {
            set.syntaxes().iter().map(|s| s.name.clone()).collect()
        };
        assert_eq!(names(&ascii), names(Grammars::Unicode.set()));
    }

    #[test]
    fn only_ascii_code_gets_the_ascii_copy() {
        assert_eq!(Grammars::for_code("let x = 1;\n"), Grammars::Ascii);
        assert_eq!(Grammars::for_code("let café = 1;\n"), Grammars::Unicode);
    }
}
