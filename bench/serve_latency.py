#!/usr/bin/env python3
"""Save-to-reload latency of `trellis serve --watch` (a benchmark, not a test).

Starts the server on a generated site, listens to its live-reload stream
(SSE), then edits one post's body again and again. For each save it times
from just before the file is written to the arrival of the `change` event a
browser tab would act on, and notes the server's own rebuild time (the
event's `ms`). Prints one Markdown table row per corpus.

Usage: serve_latency.py TRELLIS_BIN SITE_DIR [SITE_DIR ...] [--rounds N]
"""

import argparse
import http.client
import json
import queue
import random
import re
import statistics
import subprocess
import threading
import time
from pathlib import Path

WAIT_S = 60.0


def start_server(binary, root):
    proc = subprocess.Popen(
        [binary, "serve", "--watch", "--port", "0", "--root", str(root)],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env={"NO_COLOR": "1", "PATH": "/usr/bin:/bin"},
    )
    built_ms = None
    deadline = time.monotonic() + 600
    for line in proc.stdout:
        m = re.search(r"Built (\d+) files in (\d+) ms", line)
        if m:
            built_ms = int(m.group(2))
        m = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
        if m:
            # Keep draining stdout so the server never blocks on a full pipe.
            threading.Thread(target=lambda: [None for _ in proc.stdout], daemon=True).start()
            return proc, int(m.group(1)), built_ms
        if time.monotonic() > deadline:
            break
    proc.kill()
    raise SystemExit(f"the server on {root} printed no address")


def listen(port, events):
    """Reads the SSE stream; puts (arrival time, name, data) on `events`."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=WAIT_S * 10)
    conn.request("GET", "/__trellis/events")
    resp = conn.getresponse()
    name = ""
    while True:
        line = resp.fp.readline()
        if not line:
            return
        line = line.decode().rstrip("\n")
        if line.startswith("event: "):
            name = line[7:]
        elif line.startswith("data: "):
            events.put((time.perf_counter(), name, line[6:]))


def next_change(events):
    deadline = time.monotonic() + WAIT_S
    while time.monotonic() < deadline:
        at, name, data = events.get(timeout=WAIT_S)
        if name == "change":
            return at, json.loads(data)
        if name == "build-error":
            raise SystemExit(f"the rebuild failed: {data}")
    raise SystemExit("no change event")


def measure(binary, root, rounds):
    posts = sorted((root / "content" / "posts").rglob("*.md"))
    proc, port, built_ms = start_server(binary, root)
    try:
        events = queue.Queue()
        threading.Thread(target=listen, args=(port, events), daemon=True).start()
        assert events.get(timeout=WAIT_S)[1] == "hello"
        rng = random.Random(7)
        latencies, rebuilds = [], []
        for i in range(rounds + 2):
            post = rng.choice(posts)
            text = post.read_text()
            time.sleep(0.3)  # let the previous rebuild and its reads settle
            start = time.perf_counter()
            post.write_text(text + f"\nAn edit to time the preview ({i}).\n")
            at, change = next_change(events)
            if i >= 2:  # the first rounds warm caches
                latencies.append((at - start) * 1000)
                rebuilds.append(change["ms"])
        return len(posts), built_ms, latencies, rebuilds
    finally:
        proc.kill()
        proc.wait()


def p95(values):
    values = sorted(values)
    return values[min(len(values) - 1, round(0.95 * (len(values) - 1)))]


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("binary")
    ap.add_argument("sites", nargs="+", type=Path)
    ap.add_argument("--rounds", type=int, default=30)
    args = ap.parse_args()
    print("| posts | first build | rebuild median | rebuild p95 | save → reload event median | p95 | rounds |")
    print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for site in args.sites:
        n, built, lat, reb = measure(args.binary, site.resolve(), args.rounds)
        print(
            f"| {n:,} | {built / 1000:.2f} s | {statistics.median(reb):.0f} ms | {p95(reb):.0f} ms "
            f"| {statistics.median(lat):.0f} ms | {p95(lat):.0f} ms | {len(lat)} |",
            flush=True,
        )


if __name__ == "__main__":
    main()
