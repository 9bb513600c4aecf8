#!/usr/bin/env bash
# Builds every fuzz target and runs each for SECONDS (default 60) with one
# job, at low priority, then reports crashes. Needs nightly and cargo-fuzz:
#   rustup toolchain install nightly && cargo install cargo-fuzz --locked
# Usage: fuzz/run.sh [SECONDS] [TARGET...]   (no targets: all of them)
# A crash leaves its input in fuzz/artifacts/TARGET/; replay it with
#   cargo +nightly fuzz run TARGET fuzz/artifacts/TARGET/crash-...
set -uo pipefail
cd "$(dirname "$0")"
seconds="${1:-60}"
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
    mapfile -t targets < <(cargo +nightly fuzz list)
fi
./seed.sh
nice -n 10 cargo +nightly fuzz build || exit 1
log_dir="$(mktemp -d)"
failed=()
for t in "${targets[@]}"; do
    echo "== $t: ${seconds}s"
    # Inputs up to 64 KiB: deep nesting needs length to show. A unit slower
    # than 30 s counts as a failure (a hang is a bug too).
    # CPU seconds, not wall time: the machine may be shared.
    TIMEFORMAT="cpu: %U s user, %S s system, %R s wall"
    time {
        nice -n 10 cargo +nightly fuzz run "$t" "corpus/$t" -- \
            -max_total_time="$seconds" -max_len=65536 -timeout=30 -rss_limit_mb=2048 \
            -print_final_stats=1 >"$log_dir/$t.log" 2>&1
        rc=$?
    }
    # The last status line and the final statistics.
    grep -E '^#[0-9]+.*(DONE|pulse|NEW|REDUCE)' "$log_dir/$t.log" | tail -n 1
    grep -E '^stat::(number_of_executed_units|peak_rss_mb)' "$log_dir/$t.log"
    if [ $rc -ne 0 ]; then
        failed+=("$t")
        grep -E 'ERROR|panicked|Test unit written|SUMMARY' "$log_dir/$t.log" | head -n 8
    fi
done
echo "logs: $log_dir"
if [ ${#failed[@]} -ne 0 ]; then
    echo "CRASHES in: ${failed[*]} (inputs in fuzz/artifacts/)"
    exit 1
fi
echo "no crashes"
