//! `trellis serve`: builds into memory, serves the last good build over
//! HTTP, and with `--watch` rebuilds on every change and tells open tabs.
//!
//! Three parts share one [`store::Store`]: the HTTP server (tokio + axum),
//! the watcher (notify's own thread, sending [`rebuild::Changes`]), and a
//! rebuild thread that owns the [`rebuild::Rebuilder`] and publishes each
//! good build. A failed rebuild leaves the last good one served.

mod checks;
mod files;
mod http;
mod keys;
mod live;
// Public only for the fuzz target `serve_paths` (fuzz/); no part of the API.
#[doc(hidden)]
pub mod paths;
pub mod rebuild;
mod store;
mod terminal;
mod watch;

use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::sync::mpsc::{Receiver, channel};
use std::sync::{Arc, mpsc::RecvTimeoutError};
use std::time::{Duration, Instant};

use clap::Args;
use tokio::net::TcpListener;

use crate::check::parts::verdict;
use crate::diag::{Diagnostic, Error, Result, plural};
use crate::plan;
use files::Made;
use rebuild::{Built, Changes, Rebuilder};
use store::Store;
use terminal::Terminal;

#[derive(Args, Debug)]
pub struct ServeArgs {
    /// The site folder (where site.yaml is).
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// The port to listen on; 0 picks a free one and prints it.
    #[arg(long, default_value_t = 1111)]
    pub port: u16,
    /// The address to listen on; 0.0.0.0 lets other devices (a phone) in.
    #[arg(long, default_value = "127.0.0.1")]
    pub bind: IpAddr,
    /// Rebuild on every change and reload the open browser tabs.
    #[arg(long)]
    pub watch: bool,
    /// Open the site in the browser.
    #[arg(long)]
    pub open: bool,
    /// Include drafts and future-dated posts.
    #[arg(long)]
    pub drafts: bool,
}

/// Batches of changes closer together than this make one rebuild (a `git
/// checkout` touching 200 files rebuilds once, not 200 times).
const SETTLE: Duration = Duration::from_millis(10);

pub fn run(args: &ServeArgs, quiet: bool) -> Result<Option<String>> {
    let root = std::fs::canonicalize(&args.root).map_err(|e| {
        Diagnostic::error(
            "io",
            format!("cannot open the site folder {}: {e}", args.root.display()),
        )
        .hint("pass the folder that holds site.yaml, e.g. --root my-site")
    })?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| Error::io("start the server for", &root, &e))?;
    let listener = runtime.block_on(bind(SocketAddr::new(args.bind, args.port)))?;
    let url = local_url(&listener)?;
    let (tx, rx) = channel();
    // Watch before the first build, so a save during it is not lost.
    let watcher = args
        .watch
        .then(|| watch::Watcher::start(&root, tx))
        .transpose()?;
    let mut rebuilder = Rebuilder::new(plan::Options {
        root: root.clone(),
        // Links in the preview, feeds included, stay on this server.
        base_url: Some(url.trim_end_matches('/').to_string()),
        drafts: args.drafts,
        output: None,
    });
    let store = Arc::new(Store::new(Arc::default()));
    let mut term = Terminal::new(quiet);
    first_build(&mut rebuilder, &store, args.watch, &mut term)?;
    announce(args, &root, &url, quiet);
    if let Some(watcher) = watcher {
        let store = Arc::clone(&store);
        std::thread::spawn(move || rebuild_loop(rebuilder, &store, &rx, watcher, term));
    }
    runtime.block_on(serve(listener, store))?;
    Ok(None)
}

/// The address line (always printed with `--port 0`, which tests and
/// scripts read), then the browser if asked for.
fn announce(args: &ServeArgs, root: &std::path::Path, url: &str, quiet: bool) {
    let watching = if args.watch {
        " (watching for changes)"
    } else {
        ""
    };
    if !quiet || args.port == 0 {
        println!("Serving {} at {url}{watching}", root.display());
    }
    if args.open && open::that_detached(url).is_err() {
        eprintln!("warning: could not open a browser; visit {url}");
    }
}

async fn bind(addr: SocketAddr) -> Result<TcpListener> {
    TcpListener::bind(addr).await.map_err(|e| {
        let (port, ip) = (addr.port(), addr.ip());
        let d = if e.kind() == std::io::ErrorKind::AddrInUse {
            let next = port.wrapping_add(1);
            let hint = format!(
                "stop the other server, or pick another port: --port {next} \
                 (or --port 0 for any free one)"
            );
            Diagnostic::error(
                "serve",
                format!("the port {port} on {ip} is already in use"),
            )
            .hint(hint)
        } else {
            Diagnostic::error("serve", format!("cannot listen on {addr}: {e}"))
                .hint("pick another address with --bind or another port with --port")
        };
        d.into()
    })
}

/// The address to show and to use as base URL: a wildcard bind is
/// reached through the loopback address.
fn local_url(listener: &TcpListener) -> Result<String> {
    let mut addr = listener
        .local_addr()
        .map_err(|e| Error::from(Diagnostic::error("serve", format!("no local address: {e}"))))?;
    if addr.ip().is_unspecified() {
        let loopback: IpAddr = match addr.ip() {
            IpAddr::V4(_) => std::net::Ipv4Addr::LOCALHOST.into(),
            IpAddr::V6(_) => std::net::Ipv6Addr::LOCALHOST.into(),
        };
        addr.set_ip(loopback);
    }
    Ok(format!("http://{addr}/"))
}

/// Without `--watch` a broken site is an error; with it, the server starts
/// anyway and shows the error until the author fixes it.
fn first_build(
    rebuilder: &mut Rebuilder,
    store: &Store,
    watch: bool,
    term: &mut Terminal,
) -> Result<()> {
    let start = Instant::now();
    match rebuilder
        .rebuild_safely(&Changes::everything())
        .and_then(accepted)
    {
        Ok((made, _, warnings)) => {
            term.serving();
            let ms = start.elapsed().as_millis();
            let note = term.warnings(&warnings);
            term.say(&format!(
                "Built {} files in {ms} ms{note}",
                made.files.len()
            ));
            store.publish(made.files, &made.changed, 0);
            Ok(())
        }
        Err(e) if watch => {
            term.failed(&e);
            store.fail(e.render(false));
            Ok(())
        }
        Err(e) => Err(e),
    }
}

/// A build `trellis build` would accept, with its warnings; else the errors
/// its checks found, which keep the last good build served like any other.
fn accepted(built: Built) -> Result<(Made, bool, Vec<Diagnostic>)> {
    let warnings = verdict(built.found)?;
    Ok((built.made, built.full, warnings))
}

fn rebuild_loop(
    mut rebuilder: Rebuilder,
    store: &Store,
    rx: &Receiver<Changes>,
    mut watcher: watch::Watcher,
    mut term: Terminal,
) {
    while let Ok(mut changes) = rx.recv() {
        loop {
            match rx.recv_timeout(SETTLE) {
                Ok(more) => changes.merge(more),
                Err(RecvTimeoutError::Timeout) => break,
                Err(RecvTimeoutError::Disconnected) => return,
            }
        }
        watcher.refresh();
        let start = Instant::now();
        match rebuilder.rebuild_safely(&changes).and_then(accepted) {
            Ok((made, full, warnings)) => {
                term.serving();
                let ms = start.elapsed().as_millis() as u64;
                let (count, rendered) = (made.changed.len(), made.rendered.len());
                store.publish(made.files, &made.changed, ms);
                let kind = if full { "Full rebuild" } else { "Rebuilt" };
                let note = term.warnings(&warnings);
                term.say(&format!(
                    "{kind} in {ms} ms: {} changed, {rendered} rendered{note}",
                    plural(count, "file")
                ));
            }
            Err(e) => {
                term.failed(&e);
                store.fail(e.render(false));
            }
        }
    }
}

async fn serve(listener: TcpListener, store: Arc<Store>) -> Result<()> {
    let app = http::router(store);
    // Returning drops the runtime, which ends the open SSE streams that a
    // graceful shutdown would wait for for ever.
    tokio::select! {
        result = async { axum::serve(listener, app).await } => result.map_err(|e| {
            Diagnostic::error("serve", format!("the server stopped: {e}")).into()
        }),
        _ = shutdown_signal() => Ok(()),
    }
}

async fn shutdown_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        if let Ok(mut term) = signal(SignalKind::terminate()) {
            tokio::select! {
                _ = tokio::signal::ctrl_c() => {}
                _ = term.recv() => {}
            }
            return;
        }
    }
    let _ = tokio::signal::ctrl_c().await;
}
