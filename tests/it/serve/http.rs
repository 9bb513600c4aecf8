//! What the server answers: content types, folder redirects, the 404
//! page, refused paths, drafts, a busy port, and built files without the
//! live-reload script.

use std::path::Path;

use super::server::{Server, blog, header};

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

#[test]
fn answers_only_local_hosts_with_security_headers() {
    let site = blog();
    let server = Server::start(&site, &[]);
    for host in [
        "evil.example",
        "evil.example:1111",
        "localhost.evil.example",
    ] {
        let response = server.raw(b"/", host);
        assert!(response.starts_with("HTTP/1.1 403"), "{host}: {response}");
        assert!(!response.contains("First body"), "{host}: {response}");
    }
    for host in ["localhost", "127.0.0.1:1111", "[::1]"] {
        let response = server.raw(b"/", host);
        assert!(response.starts_with("HTTP/1.1 200"), "{host}: {response}");
    }
    let r = server
        .agent
        .get(&server.url("/blog/first/"))
        .call()
        .unwrap_or_else(|e| panic!("{e}"));
    // The headers of the built `_headers` file, as a host sends them.
    let (_, _, file) = server.get("/_headers");
    let csp = header(&r, "content-security-policy");
    assert!(csp.starts_with("default-src 'self'"), "{csp}");
    assert!(
        file.contains(&format!("Content-Security-Policy: {csp}\n")),
        "{file}"
    );
    assert_eq!(header(&r, "x-content-type-options"), "nosniff");
    assert_eq!(header(&r, "x-frame-options"), "DENY");
    assert!(!header(&r, "referrer-policy").is_empty());
}
