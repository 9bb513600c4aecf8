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
    let at = public.join(decoded.trim_start_matches('/'));
    let file = if decoded.ends_with(".html") {
        at
    } else {
        at.join("index.html")
    };
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
    let mut total = 0.0;
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
            total += score;
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
    eprintln!(
        "{published} published: words in order, mean {:.4}, lowest {:.4} ({})",
        total / f64::from(published),
        worst.0,
        worst.1
    );
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

/// A 1×1 PNG, so image checks have a real file to read.
const PNG: &[u8] = &[
    0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1F, 0x15, 0xC4,
    0x89, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9C, 0x63, 0x00, 0x01, 0x00, 0x00,
    0x05, 0x00, 0x01, 0x0D, 0x0A, 0x2D, 0xB4, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4E, 0x44, 0xAE,
    0x42, 0x60, 0x82,
];

fn write(root: &Path, files: &[(&str, &[u8])]) {
    for (rel, bytes) in files {
        let path = root.join(rel);
        if let Some(p) = path.parent() {
            std::fs::create_dir_all(p).unwrap_or_else(|e| panic!("{e}"));
        }
        std::fs::write(&path, bytes).unwrap_or_else(|e| panic!("{e}"));
    }
}

fn import_and_build(kind: &str, src: &Path, site: &Path) -> String {
    ok(&trellis(&[
        "import",
        kind,
        &src.to_string_lossy(),
        "--into",
        &site.to_string_lossy(),
    ]));
    let built = ok(&trellis(&["build", "--root", &site.to_string_lossy()]));
    assert!(!built.contains("error["), "{built}");
    std::fs::read_to_string(site.join("import-report.md")).unwrap_or_else(|e| panic!("{e}"))
}

fn read_html(site: &Path, rel: &str) -> Html {
    let text = std::fs::read_to_string(site.join("public").join(rel))
        .unwrap_or_else(|e| panic!("{rel}: {e}"));
    Html::parse_document(&text)
}

fn first(doc: &Html, css: &str, attr: &str) -> String {
    let sel = Selector::parse(css).unwrap_or_else(|e| panic!("{e:?}"));
    doc.select(&sel)
        .next()
        .and_then(|e| e.value().attr(attr))
        .unwrap_or("")
        .to_string()
}

#[test]
fn a_jekyll_site_imports_with_its_liquid_dates_and_old_urls() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let (src, site) = (dir.path().join("old"), dir.path().join("new"));
    write(&src, &[
        ("_config.yml", b"title: Calm Minds\nurl: https://calm.example\ntimezone: America/New_York\n"),
        ("_posts/2019-09-27-first.markdown", b"---\nlayout: post\ntitle: First steps\ndate: 2019-09-27 22:00:00 -0400\ncategories: news\nexcerpt: The first post.\ncomments: true\nmood: calm\n---\nSee [the second]({% post_url 2019-01-04-second %}).\n\n![A calm lake]({{ site.baseurl }}/assets/lake.png){: width=\"50%\"}\n\n{% highlight ruby %}\nputs 1\n{% endhighlight %}\n\n{% include signup.html %}\n"),
        ("_posts/2019-01-04-second.md", b"---\ntitle: Second\n---\nWords of the [home page](/).\n\n[![Lake](/assets/lake.png)](/assets/lake.png)\n"),
        ("_drafts/idea.md", b"---\ntitle: An idea\n---\nNot yet.\n"),
        ("assets/lake.png", PNG),
    ]);
    let report = import_and_build("jekyll", &src, &site);
    let post = read_html(&site, "blog/first/index.html");
    assert_eq!(first(&post, "article .content a", "href"), "/blog/second/");
    assert_eq!(
        first(&post, "article .content img", "src"),
        "/assets/lake.png"
    );
    let text = html_text(&post, "article .content");
    assert!(
        !text.contains("post_url") && !text.contains("highlight") && !text.contains("{:"),
        "{text}"
    );
    assert_eq!(
        first(&post, "meta[name=description]", "content"),
        "The first post."
    );
    let sel = Selector::parse("pre code").unwrap_or_else(|e| panic!("{e:?}"));
    assert!(post.select(&sel).next().is_some(), "no code block");
    // Jekyll's default permalink, on the post's day in the site's zone.
    assert!(page_at(&site.join("public"), "/news/2019/09/27/first.html").is_some());
    let second = read_html(&site, "blog/second/index.html");
    assert_eq!(first(&second, "article .content a", "href"), "/");
    assert!(!site.join("public/blog/idea/index.html").exists());
    // One line for each thing to look at, even when met twice.
    let lines: Vec<&str> = report.lines().filter(|l| l.starts_with("- `")).collect();
    let unique: std::collections::HashSet<&&str> = lines.iter().collect();
    assert_eq!(lines.len(), unique.len(), "{report}");
    assert!(report.contains("{% include signup.html %}"), "{report}");
    assert!(report.contains("dropped: mood"), "{report}");
}

#[test]
fn a_hugo_site_imports_with_bundles_shortcodes_and_toml() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let (src, site) = (dir.path().join("old"), dir.path().join("new"));
    write(&src, &[
        ("hugo.toml", b"baseURL = 'https://calm.example/'\ntitle = 'Calm Minds'\n[permalinks]\nposts = '/:year/:month/:slug/'\n[[menu.main]]\nname = 'About'\nurl = '/about/'\nweight = 2\n[[menu.main]]\nname = 'Posts'\nurl = '/posts/'\nweight = 1\n[languages.en]\nweight = 1\n[languages.fr]\nweight = 2\n"),
        ("content/posts/river/index.md", b"+++\ntitle = 'By the river'\ndate = '2020-05-01T8:09:26-05:00'\ntags = ['Calm', 'calm']\nsummary = 'A walk.'\n+++\n{{< figure src=\"river.png\" caption=\"The river at dawn\" >}}\n\nRead [the other]({{< ref \"other.md\" >}}).\n\n{{< youtube dQw4w9WgXcQ >}}\n\n{{< notice tip >}}\n"),
        ("content/posts/river/river.png", PNG),
        ("content/posts/other.md", b"---\ntitle: Other\ndate: 2020-01-01\nurl: /old/other/\ndraft: false\n---\nThe other post.\n"),
        ("content/about.md", b"{\"title\": \"About us\"}\nWe listen.\n"),
        ("content/about.fr.md", b"{\"title\": \"A propos\"}\nNous ecoutons.\n"),
    ]);
    let report = import_and_build("hugo", &src, &site);
    let post = read_html(&site, "blog/river/index.html");
    let img = first(&post, "article .content figure img", "src");
    assert_eq!(img, "/blog/river/river.png");
    assert!(site.join("public/blog/river/river.png").exists());
    assert_eq!(
        first(&post, "article .content a[href^='/blog']", "href"),
        "/blog/other/"
    );
    assert!(html_text(&post, "article .content").contains("youtube.com/watch?v=dQw4w9WgXcQ"));
    let iframe = Selector::parse("iframe").unwrap_or_else(|e| panic!("{e:?}"));
    assert!(post.select(&iframe).next().is_none());
    assert!(html_text(&post, "article .content").contains("{{< notice tip >}}"));
    assert!(report.contains("{{< notice tip >}}"), "{report}");
    let public = site.join("public");
    assert!(
        page_at(&public, "/2020/05/river/").is_some(),
        "permalink alias"
    );
    assert!(page_at(&public, "/old/other/").is_some(), "url alias");
    assert!(page_at(&public, "/about/").is_some());
    assert!(report.contains("about.fr.md is a translation"), "{report}");
    assert!(!site.join("content/about-fr.md").exists());
    let yaml = std::fs::read_to_string(site.join("site.yaml")).unwrap_or_else(|e| panic!("{e}"));
    let v: serde_yaml::Value = serde_yaml::from_str(&yaml).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(v["title"].as_str(), Some("Calm Minds"));
    assert_eq!(v["menu"][0]["url"].as_str(), Some("/blog/"));
    assert_eq!(v["menu"][1]["url"].as_str(), Some("/about/"));
}

#[test]
fn an_import_never_overwrites_and_a_non_site_is_an_error() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let (src, site) = (dir.path().join("old"), dir.path().join("new"));
    write(
        &src,
        &[(
            "_posts/2019-01-04-a.md",
            b"---\ntitle: A\n---\nOld words.\n",
        )],
    );
    write(
        &site,
        &[
            (
                "site.yaml",
                b"title: Mine\nbase_url: https://mine.example\n",
            ),
            (
                "content/posts/a.md",
                b"---\ntitle: Mine\ndate: 2020-01-01\n---\nMy words.\n",
            ),
        ],
    );
    let before = snapshot(&site);
    let said = ok(&trellis(&[
        "import",
        "jekyll",
        &src.to_string_lossy(),
        "--into",
        &site.to_string_lossy(),
    ]));
    assert!(said.contains("left alone"), "{said}");
    let after: Vec<_> = snapshot(&site)
        .into_iter()
        .filter(|(p, _)| !p.starts_with("import-report.md"))
        .collect();
    assert_eq!(before, after);
    let empty = dir.path().join("empty");
    std::fs::create_dir_all(&empty).unwrap_or_else(|e| panic!("{e}"));
    for kind in ["jekyll", "hugo"] {
        let out = trellis(&[
            "import",
            kind,
            &empty.to_string_lossy(),
            "--into",
            &dir.path().join("x").to_string_lossy(),
        ]);
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success() && err.contains("is not a"), "{err}");
        assert!(!dir.path().join("x").exists());
    }
}

/// Serves `PNG` at `/wp-content/uploads/2020/01/a.png` and 404 for the rest,
/// on loopback, for as many requests as come.
fn image_server() -> String {
    use std::io::{Read, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap_or_else(|e| panic!("{e}"));
    let addr = listener.local_addr().unwrap_or_else(|e| panic!("{e}"));
    std::thread::spawn(move || {
        for mut stream in listener.incoming().filter_map(Result::ok) {
            let mut buf = [0u8; 2048];
            let n = stream.read(&mut buf).unwrap_or(0);
            let request = String::from_utf8_lossy(&buf[..n]);
            let found = request.starts_with("GET /wp-content/uploads/2020/01/a.png ");
            let (status, body) = if found {
                ("200 OK", PNG)
            } else {
                ("404 Not Found", &b"no"[..])
            };
            let head = format!(
                "HTTP/1.1 {status}\r\nContent-Type: image/png\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                body.len()
            );
            let _ = stream.write_all(head.as_bytes());
            let _ = stream.write_all(body);
        }
    });
    format!("http://{addr}")
}

/// One post with two images at `host`: `a.png` (as a resized copy) and
/// `gone.png`.
fn light_wxr(host: &str) -> String {
    format!(
        "<?xml version=\"1.0\"?>\n<rss xmlns:wp=\"http://wordpress.org/export/1.2/\" xmlns:content=\"http://purl.org/rss/1.0/modules/content/\">\n<channel><title>Calm</title><link>{host}</link><wp:wxr_version>1.2</wp:wxr_version>\n\
         <item><title>Light</title><link>{host}/light/</link><content:encoded><![CDATA[<p>Morning.</p><p><img src=\"{host}/wp-content/uploads/2020/01/a-300x200.png\" alt=\"Sun on a wall\"></p><p><img src=\"{host}/wp-content/uploads/2020/01/gone.png\" alt=\"Gone\"></p>]]></content:encoded>\
         <wp:post_id>1</wp:post_id><wp:post_date_gmt>2020-01-02 10:00:00</wp:post_date_gmt><wp:post_name>light</wp:post_name><wp:status>publish</wp:status><wp:post_type>post</wp:post_type></item>\n</channel></rss>\n"
    )
}

#[test]
fn images_come_from_a_copy_of_the_uploads_folder() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let file = dir.path().join("export.xml");
    std::fs::write(&file, light_wxr("https://calm.example")).unwrap_or_else(|e| panic!("{e}"));
    let uploads = dir.path().join("uploads");
    write(&uploads, &[("2020/01/a.png", PNG)]);
    let site = dir.path().join("site");
    let (f, u, s) = (
        file.to_string_lossy(),
        uploads.to_string_lossy(),
        site.to_string_lossy(),
    );
    ok(&trellis(&[
        "import",
        "wordpress",
        &f,
        "--uploads",
        &u,
        "--into",
        &s,
    ]));
    ok(&trellis(&["build", "--root", &s]));
    let post = read_html(&site, "blog/light/index.html");
    assert_eq!(
        first(&post, "article .content img", "src"),
        "/images/imported/2020/01/a.png"
    );
    assert!(site.join("public/images/imported/2020/01/a.png").exists());
}

#[test]
fn images_download_and_a_failed_one_is_a_report_line() {
    let host = image_server();
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let wxr = light_wxr(&host);
    let file = dir.path().join("export.xml");
    std::fs::write(&file, wxr).unwrap_or_else(|e| panic!("{e}"));
    let site = dir.path().join("site");
    let said = ok(&trellis(&[
        "import",
        "wordpress",
        &file.to_string_lossy(),
        "--into",
        &site.to_string_lossy(),
    ]));
    assert!(said.contains("1 image"), "{said}");
    let built = ok(&trellis(&["build", "--root", &site.to_string_lossy()]));
    assert!(!built.contains("error["), "{built}");
    let post = read_html(&site, "blog/light/index.html");
    let src = first(&post, "article .content img", "src");
    assert_eq!(src, "/images/imported/2020/01/a.png");
    assert_eq!(
        std::fs::read(site.join("public").join(&src[1..])).unwrap_or_default(),
        PNG
    );
    let report =
        std::fs::read_to_string(site.join("import-report.md")).unwrap_or_else(|e| panic!("{e}"));
    assert!(report.contains("gone.png"), "{report}");
    assert!(html_text(&post, "article .content").contains("Gone"));
}
