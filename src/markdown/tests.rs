use std::path::Path;

use super::*;

fn md(text: &str) -> Rendered {
    let input = Input {
        path: Path::new("p.md"),
        text,
        first_line: 1,
    };
    match render(&input, &NoComponents) {
        Ok(r) => r,
        Err(e) => panic!("{e}"),
    }
}

#[test]
fn headings_get_unique_ids_anchor_links_and_toc() {
    let r = md("## 1. Breathe\n\n## Breathe\n\n## Breathe\n\n### Custom {#mine}\n");
    let ids: Vec<&str> = r.toc.iter().map(|t| t.id.as_str()).collect();
    assert_eq!(ids, ["1-breathe", "breathe", "breathe-1", "mine"]);
    assert!(
        r.html
            .contains("<h2 id=\"1-breathe\">1. Breathe <a class=\"anchor\" href=\"#1-breathe\"")
    );
    assert_eq!(r.toc[3].level, 3);
}

#[test]
fn more_marker_splits_the_summary_in_both_spellings() {
    for marker in ["<!-- more -->", "<!--more-->"] {
        let r = md(&format!("Intro *here*.\n\n{marker}\n\nRest.\n"));
        assert_eq!(r.more.as_deref(), Some("<p>Intro <em>here</em>.</p>"));
        assert!(!r.html.contains("more"), "{}", r.html);
        assert!(r.html.contains("<p>Rest.</p>"));
    }
}

#[test]
fn gfm_extensions_and_smart_punctuation() {
    let r =
        md("| a |\n|---|\n| b |\n\n~~x~~ \"q\" it's\n\n- [x] done\n\nSee[^1].\n\n[^1]: Note.\n");
    for needle in [
        "<table>",
        "<del>x</del>",
        "“q”",
        "it’s",
        "checkbox",
        "footnote",
    ] {
        assert!(r.html.contains(needle), "{needle} missing in {}", r.html);
    }
}

#[test]
fn first_paragraph_and_reading_time() {
    let r = md("# T\n\nOne two three.\n\nFour.\n");
    assert_eq!(first_paragraph(&r.html), Some("<p>One two three.</p>"));
    assert_eq!(r.words, 5);
    assert_eq!(reading_minutes(0), 1);
    assert_eq!(reading_minutes(441), 3);
}

#[test]
fn word_count_matches_split_whitespace() {
    for text in [
        "",
        "  one  two\tthree\nfour\x0bfive\x0c six\r",
        "non\u{a0}breaking and\u{2003}em space – dash “quoted” é",
        "trailing ",
        " ",
    ] {
        assert_eq!(
            count_words(text),
            text.split_whitespace().count(),
            "{text:?}"
        );
    }
}

#[test]
fn refs_from_the_render_equal_refs_from_their_own_parse() {
    let text = "## 1. Start [here](/a/)\n\nSee [our *guide*](/blog/x/ \"t\") and `code`,\n\
                soft break.[^1]\n\n| a | [b](/b/) |\n|---|---|\n| c | d |\n\n\
                ![alt](/i.png)\n\n- [x] done, <!-- more --> [deep [nested]](/n/)\n\n\
                ```rust\nlet a = \"[no](/link/)\";\n```\n\n[^1]: A note with [a link](/f/).\n";
    let r = md(text);
    assert_eq!(r.refs, refs::collect(text));
    assert_eq!(r.refs.links.len(), 5, "{:?}", r.refs.links);
}
