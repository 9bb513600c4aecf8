//! `trellis import`: real exports through the real binary, then `trellis
//! build`, with the output read by scraper and the export by roxmltree,
//! never by the importer's own code.

use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;
use scraper::{Html, Selector};

use crate::common::snapshot;

const WXR: &str = "../shared/fixtures/wordpress/themeunittestdata.wordpress.xml";

fn trellis(args: &[&str]) -> Output {
    Command::cargo_bin("trellis")
        .unwrap_or_else(|e| panic!("binary: {e}"))
        .args(args)
        .env("NO_COLOR", "1")
        .timeout(std::time::Duration::from_secs(120))
        .output()
        .unwrap_or_else(|e| panic!("run: {e}"))
}

fn ok(out: &Output) -> String {
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "failed:\n{err}");
    format!("{}{err}", String::from_utf8_lossy(&out.stdout))
}

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(WXR)
}

/// Lower-case words (runs of letters and digits), as a reader sees them.
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Elements that end a run of words; inline ones (`<sup>`, `<em>`) join
/// their text to the next, as a browser shows it.
const BLOCKS: [&str; 27] = [
    "address",
    "p",
    "div",
    "li",
    "ul",
    "ol",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "td",
    "th",
    "tr",
    "table",
    "br",
    "blockquote",
    "pre",
    "figure",
    "figcaption",
    "dt",
    "dd",
    "hr",
    "section",
    "img",
    "iframe",
];

/// The text of the elements `css` selects, scripts and styles left out.
fn html_text(html: &Html, css: &str) -> String {
    let sel = Selector::parse(css).unwrap_or_else(|e| panic!("{e:?}"));
    let mut out = String::new();
    for root in html.select(&sel) {
        let mut hidden = 0;
        for edge in root.traverse() {
            match edge {
                ego_tree::iter::Edge::Open(node) | ego_tree::iter::Edge::Close(node) => {
                    let open = matches!(edge, ego_tree::iter::Edge::Open(_));
                    if let Some(el) = node.value().as_element() {
                        if matches!(el.name(), "script" | "style") {
                            hidden += if open { 1 } else { -1 };
                        } else if BLOCKS.contains(&el.name()) {
                            out.push(' ');
                        }
                    } else if let Some(t) = node.value().as_text()
                        && open
                        && hidden == 0
                    {
                        out.push_str(t);
                    }
                }
            }
        }
    }
    out
}

/// How much of `want`, in order, `got` has: the longest common
/// subsequence over `want`'s length.
fn in_order(want: &[String], got: &[String]) -> f64 {
    if want.is_empty() {
        return 1.0;
    }
    let mut row = vec![0u32; got.len() + 1];
    for w in want {
        let mut diag = 0;
        for (j, g) in got.iter().enumerate() {
            let up = row[j + 1];
            row[j + 1] = if w == g { diag + 1 } else { up.max(row[j]) };
            diag = up;
        }
    }
    f64::from(row[got.len()]) / want.len() as f64
}

/// A WordPress shortcode tag (`[caption id="1"]`, `[/caption]`) is markup,
/// not words.
fn without_shortcodes(html: &str) -> String {
    let re = regex_lite::Regex::new(r"\[/?(caption|gallery|embed|audio|video)[^\]]*\]")
        .unwrap_or_else(|e| panic!("{e}"));
    re.replace_all(html, " ").into_owned()
}

struct Entry {
    kind: String,
    status: String,
    title: String,
    link: String,
    content: String,
    password: bool,
}

fn entries(xml: &str) -> Vec<Entry> {
    let doc = roxmltree::Document::parse(xml).unwrap_or_else(|e| panic!("fixture: {e}"));
    let field = |item: roxmltree::Node<'_, '_>, name: &str| {
        item.children()
            .find(|c| c.tag_name().name() == name)
            .map(|c| c.text().unwrap_or("").to_string())
            .unwrap_or_default()
    };
    doc.descendants()
        .filter(|n| n.has_tag_name("item"))
        .map(|item| Entry {
            kind: field(item, "post_type"),
            status: field(item, "status"),
            title: field(item, "title"),
            link: field(item, "link"),
            content: item
                .children()
                .find(|c| {
                    c.tag_name().name() == "encoded"
                        && c.tag_name()
                            .namespace()
                            .is_some_and(|n| n.contains("content"))
                })
                .and_then(|c| c.text())
                .unwrap_or("")
                .to_string(),
            password: !field(item, "post_password").is_empty(),
        })
        .filter(|e| e.kind == "post" || e.kind == "page")
        .collect()
}

/// The built file an old `<link>` answers with, following a redirect page.
fn page_at(public: &Path, link: &str) -> Option<(PathBuf, Html)> {
    let path = link.split_once("://").map_or(link, |(_, r)| r);
    let path = path.split_once('/').map_or("", |(_, p)| p);
    let decoded = percent_encoding::percent_decode_str(path)
        .decode_utf8_lossy()
        .into_owned();
    let file = public
        .join(decoded.trim_start_matches('/'))
        .join("index.html");
    let html = Html::parse_document(&std::fs::read_to_string(&file).ok()?);
    let refresh = Selector::parse("meta[http-equiv=refresh]").unwrap_or_else(|e| panic!("{e:?}"));
    let target = html
        .select(&refresh)
        .next()
        .and_then(|m| m.value().attr("content"))
        .and_then(|c| c.split_once("url=").map(|(_, u)| u.to_string()));
    match target {
        Some(url) => page_at(public, &url),
        None => Some((file, html)),
    }
}

/// The built page whose heading is `title`.
fn by_title(public: &Path, title: &str) -> Option<(PathBuf, Html)> {
    let h1 = Selector::parse("article h1").unwrap_or_else(|e| panic!("{e:?}"));
    snapshot(public).into_iter().find_map(|(rel, bytes)| {
        let html = Html::parse_document(&String::from_utf8_lossy(&bytes));
        let found = html
            .select(&h1)
            .any(|h| h.text().collect::<String>().trim() == title.trim());
        found.then(|| (public.join(rel), html))
    })
}

#[test]
fn the_theme_unit_test_export_imports_and_builds_clean() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let site = dir.path();
    let wxr = fixture();
    let wxr_s = wxr.to_string_lossy();
    let site_s = site.to_string_lossy();
    let said = ok(&trellis(&[
        "import",
        "wordpress",
        &wxr_s,
        "--no-download",
        "--into",
        &site_s,
    ]));
    assert!(said.contains("import-report.md"), "{said}");
    let built = ok(&trellis(&["build", "--root", &site_s]));
    assert!(!built.contains("error["), "{built}");
    let checked = trellis(&["check", "--root", &site_s]);
    assert!(
        checked.status.success(),
        "{}",
        String::from_utf8_lossy(&checked.stdout)
    );

    let xml = std::fs::read_to_string(&wxr).unwrap_or_else(|e| panic!("{e}"));
    let public = site.join("public");
    let report =
        std::fs::read_to_string(site.join("import-report.md")).unwrap_or_else(|e| panic!("{e}"));
    let fronts: Vec<serde_yaml::Value> = snapshot(&site.join("content"))
        .into_iter()
        .filter_map(|(_, b)| {
            let text = String::from_utf8(b).ok()?;
            serde_yaml::from_str(text.split("---").nth(1)?).ok()
        })
        .collect();
    let mut published = 0;
    let mut worst = (1.0f64, String::new());
    for e in entries(&xml) {
        if e.status == "publish" && !e.password {
            published += 1;
            let (file, page) = page_at(&public, &e.link)
                .unwrap_or_else(|| panic!("the old URL {} does not answer", e.link));
            // An old URL that trellis itself owns now (a page called "blog"
            // at /blog/) answers with trellis's page; the text moved.
            let (file, page) = if html_text(&page, "article .content").trim().is_empty()
                && !e.content.trim().is_empty()
            {
                by_title(&public, &e.title).unwrap_or((file, page))
            } else {
                (file, page)
            };
            let export = Html::parse_fragment(&without_shortcodes(&e.content));
            let want = words(&html_text(&export, "html"));
            let got = words(&html_text(&page, "article .content"));
            let score = in_order(&want, &got);
            if score < 1.0 {
                eprintln!("words in order {score:.3}: {}", e.title);
            }
            // A shortcode still in the page must be in the report.
            let text = html_text(&page, "article .content");
            for (i, _) in text.match_indices("[/") {
                let name: String = text[i + 2..]
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                    .collect();
                assert!(
                    report.contains(&format!("[{name}")),
                    "shortcode [{name}] left but not reported"
                );
            }
            if score < worst.0 {
                worst = (score, format!("{} ({})", e.title, file.display()));
            }
        } else {
            // Drafts, scheduled and protected posts are in content/, not public/.
            let front = fronts
                .iter()
                .find(|f| f["title"].as_str() == Some(e.title.trim()))
                .unwrap_or_else(|| panic!("{} ({}) was not imported", e.title, e.status));
            let future = e.status == "future"
                && front["date"]
                    .as_str()
                    .and_then(|d| d.parse::<jiff::Timestamp>().ok())
                    .is_some_and(|d| d > jiff::Timestamp::now());
            let draft = front["draft"].as_bool() == Some(true);
            assert!(draft || future, "{} ({}) is not a draft", e.title, e.status);
            assert!(!e.password || report.contains("password-protected"));
        }
    }
    assert!(published > 50, "only {published} published entries");
    assert!(
        worst.0 >= 0.99,
        "words in order {:.3} for {}",
        worst.0,
        worst.1
    );

    // Every image the posts show, and every shortcode left, is reported.
    let img = Selector::parse("img[src]").unwrap_or_else(|e| panic!("{e:?}"));
    for e in entries(&xml) {
        let html = Html::parse_fragment(&e.content);
        for src in html.select(&img).filter_map(|i| i.value().attr("src")) {
            assert!(report.contains(src), "image {src} not in the report");
        }
    }
    assert!(report.contains("comments were dropped"), "{report}");
}

#[test]
fn bad_exports_are_located_errors_and_write_nothing() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let into = dir.path().join("site");
    let head = "<?xml version=\"1.0\"?>\n<rss xmlns:wp=\"http://wordpress.org/export/1.2/\">\n<channel>\n<wp:wxr_version>1.2</wp:wxr_version>\n";
    let bomb = "<?xml version=\"1.0\"?>\n<!DOCTYPE rss [\n<!ENTITY a \"aaaaaaaaaa\">\n<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">\n<!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">\n<!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\">\n]>\n<rss><channel>&d;&d;&d;&d;</channel></rss>\n";
    let cases: [(&str, Vec<u8>, &str); 4] = [
        (
            "cut.xml",
            format!("{head}<item><title>A</title>\n<wp:post_type>po").into_bytes(),
            "cut.xml:6",
        ),
        (
            "html.xml",
            b"<html>\n<body>hi</body>\n</html>\n".to_vec(),
            "not a WordPress export",
        ),
        ("bomb.xml", bomb.as_bytes().to_vec(), "DTD"),
        (
            "latin1.xml",
            format!("{head}<item><title>caf\u{e9}</title></item></channel></rss>")
                .replace('\u{e9}', "\u{1}")
                .into_bytes()
                .iter()
                .map(|&b| if b == 1 { 0xE9 } else { b })
                .collect(),
            "latin1.xml:5",
        ),
    ];
    for (name, bytes, expect) in cases {
        let file = dir.path().join(name);
        std::fs::write(&file, bytes).unwrap_or_else(|e| panic!("{e}"));
        let out = trellis(&[
            "import",
            "wordpress",
            &file.to_string_lossy(),
            "--no-download",
            "--into",
            &into.to_string_lossy(),
        ]);
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "{name} imported");
        assert!(err.contains(expect), "{name}: {err}");
        assert!(!err.contains("panicked"), "{err}");
        assert!(!into.exists(), "{name} wrote files");
    }
}
