#!/usr/bin/env bash
# Times `trellis import wordpress --no-download` on a generated export.
#
#   bench/import.sh [POSTS]       default 1000
#
# Writes the export with bench/gen_wxr.py, builds trellis in release mode
# (NO_BUILD=1 reuses target/release/trellis), then times the import into a
# fresh folder with hyperfine (installed with apt-get when missing). The
# target in issue 14 is at most 2 s for 1,000 posts, downloads not counted.
# Also builds the imported site once, which must pass with 0 errors.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(dirname "$here")"
posts="${1:-1000}"
work="${BENCH_DIR:-/tmp/trellis-import-bench}"
mkdir -p "$work"

command -v hyperfine >/dev/null || { apt-get update -qq && apt-get install -y -qq hyperfine; }
if [ -z "${NO_BUILD:-}" ]; then
    cargo build --release --manifest-path "$repo/Cargo.toml" >/dev/null
fi
trellis="$repo/target/release/trellis"

python3 "$here/gen_wxr.py" "$posts" >"$work/export.xml"
echo "export: $posts posts, $(du -h "$work/export.xml" | cut -f1)"

hyperfine --warmup 1 --runs "${RUNS:-10}" \
    --prepare "rm -rf '$work/site'" \
    "'$trellis' import wordpress '$work/export.xml' --no-download --into '$work/site' --quiet"

"$trellis" build --root "$work/site" --quiet
echo "the imported site builds with 0 errors"
