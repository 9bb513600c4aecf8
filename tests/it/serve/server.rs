//! The harness for the serve tests: the real `trellis serve` on a temp
//! site, driven over HTTP and SSE with bounded waits.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::common::{TestSite, post};

/// Long enough for a loaded 2-core machine; a passing test takes far less.
const WAIT: Duration = Duration::from_secs(20);

/// A running `trellis serve`, killed when dropped, whatever the test did.
pub struct Server {
    child: Child,
    port: u16,
    pub agent: ureq::Agent,
    /// What it printed on stdout so far, a line at a time.
    stdout: Arc<Mutex<Vec<String>>>,
    /// ... and on stderr.
    stderr: Arc<Mutex<Vec<String>>>,
}

/// Collects a stream's lines, sending each to `tx` as well.
fn record(
    stream: impl Read + Send + 'static,
    tx: Option<std::sync::mpsc::Sender<String>>,
) -> Arc<Mutex<Vec<String>>> {
    let printed = Arc::new(Mutex::new(Vec::new()));
    let lines = Arc::clone(&printed);
    std::thread::spawn(move || {
        for line in BufReader::new(stream).lines().map_while(Result::ok) {
            lines
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .push(line.clone());
            if let Some(tx) = &tx {
                let _ = tx.send(line);
            }
        }
    });
    printed
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Server {
    pub fn start(site: &TestSite, extra: &[&str]) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_trellis"))
            .args(["serve", "--port", "0", "--root"])
            .arg(site.root())
            .args(extra)
            .env("NO_COLOR", "1")
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap_or_else(|e| panic!("spawn: {e}"));
        let stdout = child.stdout.take().unwrap_or_else(|| panic!("no stdout"));
        let stderr = child.stderr.take().unwrap_or_else(|| panic!("no stderr"));
        let (tx, rx) = channel();
        let printed = record(stdout, Some(tx));
        let errors = record(stderr, None);
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
            stdout: printed,
            stderr: errors,
        };
        server.port = wait_for_port(&rx);
        server
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }

    /// Waits until the lines printed on stdout satisfy `ok`; returns them.
    pub fn wait_stdout(&self, what: &str, ok: impl Fn(&[String]) -> bool) -> Vec<String> {
        wait_lines(&self.stdout, what, ok)
    }

    /// The same for stderr.
    pub fn wait_stderr(&self, what: &str, ok: impl Fn(&[String]) -> bool) -> Vec<String> {
        wait_lines(&self.stderr, what, ok)
    }
}

fn wait_lines(
    printed: &Mutex<Vec<String>>,
    what: &str,
    ok: impl Fn(&[String]) -> bool,
) -> Vec<String> {
    let start = Instant::now();
    loop {
        let lines = printed.lock().unwrap_or_else(|e| e.into_inner()).clone();
        if ok(&lines) {
            return lines;
        }
        assert!(start.elapsed() < WAIT, "{what}:\n{}", lines.join("\n"));
        std::thread::sleep(Duration::from_millis(50));
    }
}

impl Server {
    /// Status, content type and body.
    pub fn get(&self, path: &str) -> (u16, String, String) {
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
    pub fn wait_for(&self, path: &str, what: &str, ok: impl Fn(u16, &str) -> bool) -> String {
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

    /// After a rebuild failed: a tab opened now is told of the error; `fix`
    /// repairs the site; then the error clears, every open tab (`events`)
    /// reloads, and `path` serves a page containing `fixed`.
    pub fn fix_reloads<T>(
        &self,
        events: &Receiver<(String, String)>,
        fix: impl FnOnce() -> T,
        path: &str,
        fixed: &str,
    ) {
        next_event(&self.events(), |name, _| name == "build-error");
        fix();
        next_event(events, |name, _| name == "build-ok");
        let (_, data) = next_event(events, |name, _| name == "change");
        assert!(
            data.contains(r#""pages":null"#),
            "a fix reloads every tab: {data}"
        );
        self.wait_for(path, "the fixed site not served", |s, b| {
            s == 200 && b.contains(fixed)
        });
    }

    /// The live events, as (name, data) pairs, read on a thread.
    pub fn events(&self) -> Receiver<(String, String)> {
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
    pub fn raw_status(&self, target: &[u8]) -> String {
        let response = self.raw(target, "localhost");
        response.lines().next().unwrap_or("").to_string()
    }

    /// The whole response to a GET of `target` sent with `Host: host`.
    pub fn raw(&self, target: &[u8], host: &str) -> String {
        let mut stream =
            TcpStream::connect(("127.0.0.1", self.port)).unwrap_or_else(|e| panic!("connect: {e}"));
        let _ = stream.set_read_timeout(Some(WAIT));
        let mut request = b"GET ".to_vec();
        request.extend_from_slice(target);
        let rest = format!(" HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n");
        request.extend_from_slice(rest.as_bytes());
        stream
            .write_all(&request)
            .unwrap_or_else(|e| panic!("send: {e}"));
        let mut response = String::new();
        let _ = stream.read_to_string(&mut response);
        assert!(!response.contains("root:x:0"), "leaked a file: {response}");
        response
    }
}

pub fn header<B>(r: &ureq::http::Response<B>, name: &str) -> String {
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
pub fn next_event(
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

pub fn blog() -> TestSite {
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
