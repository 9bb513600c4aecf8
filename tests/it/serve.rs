//! `trellis serve --watch`: the real binary on a temp site, driven over
//! HTTP and SSE with bounded waits, and the incremental rebuild held to a
//! clean build byte for byte.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::Mutex;
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

use trellis::build::{self, Options};
use trellis::output::Sink;
use trellis::serve::rebuild::{Changes, Rebuilder};

use crate::common::{TestSite, post};

/// Long enough for a loaded 2-core machine; a passing test takes far less.
const WAIT: Duration = Duration::from_secs(20);

/// A running `trellis serve`, killed when dropped, whatever the test did.
struct Server {
    child: Child,
    port: u16,
    agent: ureq::Agent,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Server {
    fn start(site: &TestSite, extra: &[&str]) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_trellis"))
            .args(["serve", "--port", "0", "--root"])
            .arg(site.root())
            .args(extra)
            .env("NO_COLOR", "1")
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("spawn: {e}"));
        let stdout = child.stdout.take().unwrap_or_else(|| panic!("no stdout"));
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                let _ = tx.send(line);
            }
        });
        let agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .max_redirects(0)
            .timeout_global(Some(WAIT))
            .build()
            .new_agent();
        let mut server = Server {
            child,
            port: 0,
            agent,
        };
        server.port = wait_for_port(&rx);
        server
    }

    fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }

    /// Status, content type and body.
    fn get(&self, path: &str) -> (u16, String, String) {
        let mut r = self
            .agent
            .get(&self.url(path))
            .call()
            .unwrap_or_else(|e| panic!("GET {path}: {e}"));
        let ctype = header(&r, "content-type");
        let body = r.body_mut().read_to_string().unwrap_or_default();
        (r.status().as_u16(), ctype, body)
    }

    /// Waits until `path` answers with a body for which `ok` holds.
    fn wait_for(&self, path: &str, what: &str, ok: impl Fn(u16, &str) -> bool) -> String {
        let start = Instant::now();
        loop {
            let (status, _, body) = self.get(path);
            if ok(status, &body) {
                return body;
            }
            assert!(
                start.elapsed() < WAIT,
                "{path}: {what} (last status {status})"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// The live events, as (name, data) pairs, read on a thread.
    fn events(&self) -> Receiver<(String, String)> {
        let r = self
            .agent
            .get(&self.url("/__trellis/events"))
            .call()
            .unwrap_or_else(|e| panic!("SSE: {e}"));
        let reader = BufReader::new(r.into_body().into_reader());
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            let mut name = String::new();
            for line in reader.lines().map_while(Result::ok) {
                if let Some(n) = line.strip_prefix("event: ") {
                    name = n.to_string();
                } else if let Some(data) = line.strip_prefix("data: ") {
                    let _ = tx.send((name.clone(), data.to_string()));
                }
            }
        });
        let (first, _) = next_event(&rx, |_, _| true);
        assert_eq!(first, "hello");
        rx
    }

    /// The status line of a request sent byte for byte, so no client can
    /// tidy the path first.
    fn raw_status(&self, target: &[u8]) -> String {
        let mut stream =
            TcpStream::connect(("127.0.0.1", self.port)).unwrap_or_else(|e| panic!("connect: {e}"));
        let _ = stream.set_read_timeout(Some(WAIT));
        let mut request = b"GET ".to_vec();
        request.extend_from_slice(target);
        request.extend_from_slice(b" HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        stream
            .write_all(&request)
            .unwrap_or_else(|e| panic!("send: {e}"));
        let mut response = String::new();
        let _ = stream.read_to_string(&mut response);
        assert!(!response.contains("root:x:0"), "leaked a file: {response}");
        response.lines().next().unwrap_or("").to_string()
    }
}

fn header<B>(r: &ureq::http::Response<B>, name: &str) -> String {
    r.headers()
        .get(name)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string()
}

fn wait_for_port(lines: &Receiver<String>) -> u16 {
    let deadline = Instant::now() + WAIT;
    while let Ok(line) = lines.recv_timeout(deadline.saturating_duration_since(Instant::now())) {
        if let Some(rest) = line.split("http://127.0.0.1:").nth(1) {
            let port = rest.trim_end_matches(|c: char| !c.is_ascii_digit());
            return port
                .split('/')
                .next()
                .and_then(|p| p.parse().ok())
                .unwrap_or_else(|| panic!("port in {line}"));
        }
    }
    panic!("the server printed no address");
}

/// The next event for which `want` holds, within the bounded wait.
fn next_event(
    rx: &Receiver<(String, String)>,
    want: impl Fn(&str, &str) -> bool,
) -> (String, String) {
    let deadline = Instant::now() + WAIT;
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        match rx.recv_timeout(left) {
            Ok((name, data)) if want(&name, &data) => return (name, data),
            Ok(_) => {}
            Err(e) => panic!("no matching live event: {e}"),
        }
    }
}

fn blog() -> TestSite {
    let site = TestSite::new();
    site.write(
        "content/posts/2026-01-05-first.md",
        &post("First", "2026-01-05", "First body."),
    )
    .write(
        "content/posts/second.md",
        &post("Second", "2026-02-01", "Second body."),
    )
    .write(
        "content/about.md",
        "---\ntitle: About us\n---\nWe listen.\n",
    )
    .write("content/contact.md", "---\ntitle: Contact\n---\nCall us.\n")
    .write("static/CNAME", "example.org\n");
    site
}

#[test]
fn serves_pages_types_redirects_and_the_404_page() {
    let site = blog();
    let server = Server::start(&site, &[]);
    let (status, ctype, body) = server.get("/blog/first/");
    assert_eq!((status, ctype.as_str()), (200, "text/html; charset=utf-8"));
    assert!(body.contains("First body."), "{body}");
    assert!(
        body.contains("/__trellis/live.js"),
        "no live script in {body}"
    );
    let r = server
        .agent
        .get(&server.url("/blog/first?x=1"))
        .call()
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        (r.status().as_u16(), header(&r, "location")),
        (301, "/blog/first/?x=1".to_string())
    );
    assert_eq!(server.get("/style.css").1, "text/css; charset=utf-8");
    assert_eq!(server.get("/rss.xml").1, "application/xml; charset=utf-8");
    assert_eq!(server.get("/CNAME").2, "example.org\n");
    let (status, _, body) = server.get("/no/such/page/");
    assert_eq!(status, 404);
    assert!(body.contains("Page not found"), "{body}");
}

#[test]
fn refuses_every_traversal_attempt() {
    let site = blog();
    let outside = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(outside.path().join("secret.txt"), "root:x:0 secret")
        .unwrap_or_else(|e| panic!("{e}"));
    symlink(
        &outside.path().join("secret.txt"),
        &site.path("static/leak.txt"),
    );
    symlink(outside.path(), &site.path("static/outside"));
    let server = Server::start(&site, &[]);
    for target in [
        &b"/../../../../etc/passwd"[..],
        b"/blog/../../../etc/passwd",
        b"/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
        b"/..%2f..%2f..%2fetc%2fpasswd",
        b"/..%5c..%5cetc%5cpasswd",
        b"//etc/passwd",
        b"/%2Fetc%2Fpasswd",
        b"/index.html%00.txt",
    ] {
        let status = server.raw_status(target);
        assert!(
            status.contains(" 400 "),
            "{}: {status}",
            String::from_utf8_lossy(target)
        );
    }
    // An absolute path or a symlink out of the tree is simply not in the site.
    for target in [
        &b"/etc/passwd"[..],
        b"http://localhost/../etc/passwd",
        b"/leak.txt",
        b"/outside/secret.txt",
    ] {
        let status = server.raw_status(target);
        assert!(
            status.contains(" 404 ") || status.contains(" 400 "),
            "{}: {status}",
            String::from_utf8_lossy(target)
        );
    }
    // A raw NUL byte never reaches the handler: the HTTP parser refuses it.
    assert!(server.raw_status(b"/index.html\0").contains(" 400 "));
}

fn symlink(target: &Path, link: &Path) {
    if let Some(parent) = link.parent() {
        std::fs::create_dir_all(parent).unwrap_or_else(|e| panic!("{e}"));
    }
    #[cfg(unix)]
    std::os::unix::fs::symlink(target, link).unwrap_or_else(|e| panic!("symlink: {e}"));
}

#[test]
fn an_edit_is_served_and_announced_over_sse() {
    let site = blog();
    let server = Server::start(&site, &["--watch"]);
    let events = server.events();
    site.write(
        "content/posts/second.md",
        &post("Second", "2026-02-01", "Edited body."),
    );
    let (_, data) = next_event(&events, |name, _| name == "change");
    assert!(data.contains("blog/second/index.html"), "{data}");
    assert!(
        !data.contains("blog/first/index.html"),
        "unchanged page listed: {data}"
    );
    let (_, _, body) = server.get("/blog/second/");
    assert!(body.contains("Edited body."), "{body}");
    // A stylesheet alone is swapped in place, without reloading pages.
    site.write("static/style.css", "body { color: teal; }\n");
    let (_, data) = next_event(&events, |name, _| name == "change");
    assert!(data.contains(r#""pages":[],"css":true"#), "{data}");
    assert!(server.get("/style.css").2.contains("teal"));
}

#[test]
fn broken_front_matter_keeps_the_old_site_and_the_fix_clears_the_error() {
    let site = blog();
    let server = Server::start(&site, &["--watch"]);
    let events = server.events();
    site.write(
        "content/posts/second.md",
        "---\ntitle: [Second\ndate: 2026-02-01\n---\nBroken.\n",
    );
    let (_, data) = next_event(&events, |name, _| name == "build-error");
    assert!(data.contains("content/posts/second.md:2"), "{data}");
    assert!(data.contains("help"), "no hint in {data}");
    let (status, _, body) = server.get("/blog/second/");
    assert_eq!(status, 200);
    assert!(
        body.contains("Second body."),
        "old content not served: {body}"
    );
    // A tab opened now learns about the error on connecting.
    let late = server.events();
    next_event(&late, |name, _| name == "build-error");
    site.write(
        "content/posts/second.md",
        &post("Second", "2026-02-01", "Fixed body."),
    );
    next_event(&events, |name, _| name == "build-ok");
    let (_, data) = next_event(&events, |name, _| name == "change");
    assert!(
        data.contains(r#""pages":null"#),
        "a fix reloads every tab: {data}"
    );
    assert!(server.get("/blog/second/").2.contains("Fixed body."));
}

#[test]
fn a_broken_template_keeps_the_old_site_until_fixed() {
    let site = blog();
    let server = Server::start(&site, &["--watch"]);
    let events = server.events();
    site.write("templates/post_card.html", "<li>{{ post.title </li>\n");
    let (_, data) = next_event(&events, |name, _| name == "build-error");
    assert!(data.contains("templates/post_card.html:1"), "{data}");
    assert!(server.get("/blog/").2.contains("First"));
    site.write(
        "templates/post_card.html",
        "<li class=\"mine\">{{ post.title }}</li>\n",
    );
    next_event(&events, |name, _| name == "build-ok");
    server.wait_for("/blog/", "fixed template not used", |s, b| {
        s == 200 && b.contains("class=\"mine\"")
    });
}

#[test]
fn a_deleted_post_is_gone_and_a_new_one_appears() {
    let site = blog();
    let server = Server::start(&site, &["--watch"]);
    std::fs::remove_file(site.path("content/posts/second.md")).unwrap_or_else(|e| panic!("{e}"));
    server.wait_for("/blog/second/", "still served after deletion", |s, _| {
        s == 404
    });
    assert!(!server.get("/blog/").2.contains("/blog/second/"));
    // A tab on the missing page waits for it to appear.
    let (_, _, body) = server.get("/blog/third/");
    assert!(
        body.contains(r#"data-key="blog/third/index.html 404.html""#),
        "{body}"
    );
    site.write(
        "content/posts/third.md",
        &post("Third", "2026-03-01", "Third body."),
    );
    server.wait_for("/blog/third/", "new post not served", |s, b| {
        s == 200 && b.contains("Third body.")
    });
}

#[test]
fn a_renamed_post_moves_to_its_new_address() {
    let site = blog();
    let server = Server::start(&site, &["--watch"]);
    let (from, to) = (
        site.path("content/posts/second.md"),
        site.path("content/posts/moved.md"),
    );
    std::fs::rename(from, to).unwrap_or_else(|e| panic!("{e}"));
    server.wait_for("/blog/moved/", "renamed post not served", |s, b| {
        s == 200 && b.contains("Second body.")
    });
    assert_eq!(server.get("/blog/second/").0, 404);
}

#[test]
fn a_broken_first_build_shows_its_error_until_fixed() {
    let site = blog();
    site.write("content/posts/second.md", "---\ntitle: [x\n---\n");
    let server = Server::start(&site, &["--watch"]);
    let (status, _, body) = server.get("/blog/first/");
    assert_eq!(status, 404);
    assert!(body.contains("/__trellis/live.js"), "{body}");
    let events = server.events();
    next_event(&events, |name, data| {
        name == "build-error" && data.contains("second.md:2")
    });
    site.write(
        "content/posts/second.md",
        &post("Second", "2026-02-01", "Fine."),
    );
    next_event(&events, |name, _| name == "build-ok");
    server.wait_for("/blog/second/", "fixed site not served", |s, b| {
        s == 200 && b.contains("Fine.")
    });
}

#[test]
fn drafts_are_served_only_when_asked() {
    let site = blog();
    site.write(
        "content/posts/draft.md",
        "---\ntitle: D\ndate: 2026-01-01\ndraft: true\n---\nSoon.\n",
    );
    assert_eq!(Server::start(&site, &[]).get("/blog/draft/").0, 404);
    assert_eq!(
        Server::start(&site, &["--drafts"]).get("/blog/draft/").0,
        200
    );
}

#[test]
fn a_burst_of_changes_rebuilds_once_or_twice_not_per_file() {
    let site = blog();
    let server = Server::start(&site, &["--watch"]);
    let events = server.events();
    for i in 0..100 {
        site.write(
            &format!("content/posts/burst-{i}.md"),
            &post(&format!("Burst {i}"), "2026-03-01", "b"),
        );
    }
    next_event(&events, |name, _| name == "change");
    server.wait_for("/blog/burst-99/", "last file of the burst", |s, _| s == 200);
    std::thread::sleep(Duration::from_millis(500));
    let extra = events
        .try_iter()
        .filter(|(name, _)| name == "change")
        .count();
    assert!(extra <= 2, "{} rebuilds for one burst", extra + 1);
}

#[test]
fn a_port_in_use_is_a_clear_error() {
    let site = blog();
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap_or_else(|e| panic!("{e}"));
    let port = taken
        .local_addr()
        .map(|a| a.port())
        .unwrap_or_else(|e| panic!("{e}"));
    let out = site.run(&["serve", "--port", &port.to_string()]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(
        err.contains(&format!("the port {port} on 127.0.0.1 is already in use")),
        "{err}"
    );
    assert!(err.contains("--port"), "{err}");
}

#[test]
fn built_files_never_carry_the_live_script() {
    let site = blog();
    site.build();
    for (path, bytes) in crate::common::snapshot(&site.path("public")) {
        let text = String::from_utf8_lossy(&bytes);
        assert!(
            !text.contains("__trellis"),
            "{} has the live script",
            path.display()
        );
    }
}

/// The files a clean build of the same sources makes, in memory.
fn clean_build(opts: &Options) -> HashMap<String, Vec<u8>> {
    let map = Mutex::new(HashMap::new());
    let loaded = build::load(opts).unwrap_or_else(|e| panic!("clean load: {e}"));
    build::write(&loaded, &opts.root, Sink::Memory(&map))
        .unwrap_or_else(|e| panic!("clean write: {e}"));
    map.into_inner().unwrap_or_default()
}

/// One edit: files written (`Some`) or deleted (`None`), and what the
/// watcher reports for it.
struct Step {
    name: &'static str,
    files: Vec<(String, Option<String>)>,
    changes: Changes,
}

fn post_with_tags(i: usize, date: &str, tags: &str, body: &str) -> String {
    format!("---\ntitle: \"Post {i}\"\ndate: {date}\ntags: [{tags}]\n---\n{body}\n")
}

fn svg(width: usize, height: usize) -> String {
    format!(r#"<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}"></svg>"#)
}

fn incremental_site() -> TestSite {
    let site = TestSite::new();
    site.write(
        "site.yaml",
        "title: T\nbase_url: https://example.org\nposts_per_page: 2\n",
    );
    for i in 0..7 {
        let tags = ["calm", "sleep", "calm, couples"][i % 3];
        let date = format!("2026-01-{:02}", i + 1);
        site.write(
            &format!("content/posts/p{i}.md"),
            &post_with_tags(i, &date, tags, "Body."),
        );
    }
    site.write("content/index.md", "---\ntitle: Home\n---\nWelcome.\n")
        .write("content/about.md", "---\ntitle: About\naliases: [/old-about/]\n---\nUs.\n")
        .write("content/posts/d.md", "---\ntitle: D\ndate: 2026-01-09\ndraft: true\n---\nLater.\n")
        .write("static/style.css", "body{}\n")
        // A component that reads an image's size from static/.
        .write("static/images/a.svg", &svg(640, 360))
        .write(
            "content/posts/fig.md",
            &post_with_tags(8, "2026-01-08", "calm", r#"{{< figure src="/images/a.svg" alt="A lake" >}}"#),
        )
        // Cards that show tag counts, which change when another post is tagged.
        .write(
            "templates/post_card.html",
            "<li>{{ post.title }} {% for t in post.tags %}{{ t.name }}({{ t.count }}){% endfor %}</li>\n",
        );
    site
}

const LONG_BODY: &str = "Many words here. Many words here. Many words here. Many words here. \
    Many words here. Many words here. Many words here. Many words here. Many words here. \
    Many words here. Many words here. Many words here. Many words here. Many words here.\n\n\
    ## A heading\n\nMore.";

/// Edits of one post: file, then its new title number, date, tags and body
/// (no date: the file is deleted).
const POST_EDITS: [(&str, &str, usize, &str, &str, &str); 8] = [
    ("body edit", "p3", 3, "2026-01-04", "calm", "New."),
    ("longer body", "p4", 4, "2026-01-05", "sleep", LONG_BODY),
    (
        "summary cut",
        "p4",
        4,
        "2026-01-05",
        "sleep",
        "Short.\n\n<!-- more -->\n\nRest.",
    ),
    ("date moves a post", "p3", 3, "2026-02-20", "calm", "New."),
    ("new tag", "p1", 1, "2026-01-02", "grief, sleep", "B."),
    (
        "code block",
        "p2",
        2,
        "2026-01-03",
        "calm",
        "```rust\nfn x() {}\n```",
    ),
    ("new post", "new", 9, "2026-03-01", "sleep", "N."),
    ("deleted post", "p0", 0, "", "", ""),
];

fn steps(root: &Path) -> Vec<Step> {
    let content = |rels: &[&str]| Changes {
        content: rels.iter().map(|r| root.join(r)).collect(),
        ..Changes::default()
    };
    let one = |name, rel: &str, text: Option<String>| Step {
        name,
        files: vec![(rel.to_string(), text)],
        changes: content(&[rel]),
    };
    let mut steps: Vec<Step> = POST_EDITS
        .iter()
        .map(|&(name, file, i, date, tags, body)| {
            let rel = format!("content/posts/{file}.md");
            let text = (!date.is_empty()).then(|| post_with_tags(i, date, tags, body));
            one(name, &rel, text)
        })
        .collect();
    let draft = "---\ntitle: P5\ndate: 2026-01-06\ndraft: true\n---\nx\n";
    steps.extend([
        one(
            "draft published",
            "content/posts/d.md",
            Some("---\ntitle: D\ndate: 2026-01-09\n---\nNow.\n".into()),
        ),
        one("made a draft", "content/posts/p5.md", Some(draft.into())),
        one(
            "draft edited",
            "content/posts/p5.md",
            Some(draft.replace("x", "y")),
        ),
        one(
            "page body",
            "content/about.md",
            Some("---\ntitle: About\naliases: [/old-about/]\n---\nUs, more.\n".into()),
        ),
        Step {
            name: "renamed post",
            files: vec![
                ("content/posts/p6.md".into(), None),
                (
                    "content/posts/p6-moved.md".into(),
                    Some(post_with_tags(6, "2026-01-07", "calm", "Moved.")),
                ),
            ],
            changes: content(&["content/posts/p6.md", "content/posts/p6-moved.md"]),
        },
        Step {
            name: "home and page",
            files: vec![
                (
                    "content/index.md".into(),
                    Some("---\ntitle: Home\n---\nHello.\n".into()),
                ),
                (
                    "content/about.md".into(),
                    Some("---\ntitle: About\n---\nUs too.\n".into()),
                ),
            ],
            changes: content(&["content/index.md", "content/about.md"]),
        },
        Step {
            name: "static files",
            files: vec![
                ("static/style.css".into(), Some("body{color:red}\n".into())),
                ("static/new.txt".into(), Some("x\n".into())),
                ("static/images/a.svg".into(), Some(svg(320, 200))),
            ],
            changes: Changes {
                statics: true,
                images: true,
                ..Changes::default()
            },
        },
        Step {
            name: "template",
            files: vec![(
                "templates/post_card.html".into(),
                Some("<li>{{ post.title }}</li>\n".into()),
            )],
            changes: Changes::everything(),
        },
        one(
            "after a full rebuild",
            "content/posts/p4.md",
            Some(post_with_tags(4, "2026-01-05", "couples", "Again.")),
        ),
    ]);
    steps
}

#[test]
fn incremental_rebuilds_match_a_clean_build_byte_for_byte() {
    let site = incremental_site();
    let root = std::fs::canonicalize(site.root()).unwrap_or_else(|e| panic!("{e}"));
    let opts = Options {
        root: root.clone(),
        ..Options::default()
    };
    let mut rebuilder = Rebuilder::new(opts.clone());
    rebuilder
        .rebuild(&Changes::everything())
        .unwrap_or_else(|e| panic!("first: {e}"));
    for step in steps(&root) {
        for (rel, text) in &step.files {
            match text {
                Some(text) => drop(site.write(rel, text)),
                None => std::fs::remove_file(site.path(rel)).unwrap_or_else(|e| panic!("{e}")),
            }
        }
        let name = step.name;
        let built = rebuilder
            .rebuild(&step.changes)
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        let (files, clean) = (&built.made.files, clean_build(&opts));
        let mut keys: Vec<&str> = clean.keys().map(String::as_str).collect();
        keys.extend(files.keys().map(|k| k.as_ref()));
        keys.sort();
        keys.dedup();
        for key in keys {
            let ours = files.get(key).map(|b| b.as_ref());
            assert!(
                ours == clean.get(key).map(Vec::as_slice),
                "{name}: {key} differs from a clean build"
            );
        }
        if name == "body edit" {
            let (rendered, all) = (built.made.rendered, files.len());
            assert!(rendered * 2 < all, "{name}: rendered {rendered} of {all}");
        }
    }
}
