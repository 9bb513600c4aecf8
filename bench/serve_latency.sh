#!/usr/bin/env bash
# `trellis serve --watch` under a stopwatch (a benchmark, not a test):
#  1. save-to-reload-event latency for one post edit, median and p95, on
#     corpora of 1,000 and 10,000 posts from shared/bench/gen_corpus.py;
#  2. 10,000 requests from `hey` on loopback while full rebuilds run back to
#     back: every answer must be a 200.
# Usage: bench/serve_latency.sh [ROUNDS]     (default 30 edits per corpus)
# Needs python3, and `hey` (Debian package) for part 2. TRELLIS_BIN and
# GEN_CORPUS override the binary and the corpus generator.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(dirname "$here")
gen=${GEN_CORPUS:-$repo/../shared/bench/gen_corpus.py}
rounds=${1:-30}
work=$(mktemp -d)
server=""
cleanup() {
    [ -n "$server" ] && kill "$server" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

if [ -z "${TRELLIS_BIN:-}" ]; then
    cargo build --release --quiet --manifest-path "$repo/Cargo.toml"
fi
bin=${TRELLIS_BIN:-$repo/target/release/trellis}

# Every generated post links to /contact/: without that page the site
# fails the checks serve runs, as `trellis build` would.
for n in 1000 10000; do
    mkdir -p "$work/$n"
    python3 "$gen" --posts "$n" --out "$work/$n" --flavor ours >/dev/null 2>&1
    printf -- '---\ntitle: "Contact"\n---\n\nCall or write to book a free consultation.\n' \
        >"$work/$n/content/contact.md"
done

echo "## save to reload event ($(nproc) cores, release build)"
python3 "$here/serve_latency.py" "$bin" "$work/1000" "$work/10000" --rounds "$rounds"

command -v hey >/dev/null || { echo "hey is not installed; skipping the load test"; exit 0; }
site=$work/1000
NO_COLOR=1 "$bin" serve --watch --port 0 --root "$site" >"$work/serve.log" 2>&1 &
server=$!
for _ in $(seq 600); do
    grep -q 'http://127.0.0.1:' "$work/serve.log" && break
    sleep 0.1
done
port=$(grep -o -m1 'http://127.0.0.1:[0-9]*' "$work/serve.log" | cut -d: -f3)
posts=("$site"/content/posts/*.md)
post=$(basename "${posts[0]}" .md)
url="http://127.0.0.1:$port/blog/$post/"

# A config change rebuilds everything; one every 0.2 s keeps a rebuild
# running for the whole load test.
(
    for i in $(seq 300); do
        printf 'title: Benchmark Practice %s\nbase_url: https://bench.example.org\nposts_per_page: 10\n' "$i" >"$site/site.yaml"
        sleep 0.2
    done
) &
touch_loop=$!
sleep 0.5
load() { # label, hey options...
    local label=$1 before
    shift
    before=$(grep -c 'Full rebuild in' "$work/serve.log" || true)
    echo
    echo "## $label: 10,000 requests to $url during full rebuilds"
    timeout 120 hey -n 10000 -t 10 "$@" "$url" |
        grep -E 'Requests/sec|Total:|Slowest|Average|  (50|99)% in|responses|Error|Get "' || true
    echo "full rebuilds during the run: $(($(grep -c 'Full rebuild in' "$work/serve.log" || true) - before))"
}
# Paced (20 clients, at most 2,000 requests/s), so the run spans rebuilds;
# then as fast as 50 clients go.
load paced -c 20 -q 100
load flat-out -c 50
kill "$touch_loop" 2>/dev/null || true
wait "$touch_loop" 2>/dev/null || true
