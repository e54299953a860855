#!/usr/bin/env bash
# Measure the classroom host as a class would load it: a host process on loopback with N
# tables, and `bench-host` playing every table at once with five bot clients and a
# projector each over real sockets. Prints bench-host's JSON (round trips p50/p95/max in
# ms, commands, errors, whether each table's final hash equals a local replay of its
# save) and the host process's peak memory (VmHWM), then stops the host.
#   usage: scripts/bench-host.sh [TABLES ...]     (default: 8 30)
# The bots play as fast as the host answers (no thinking time): far more load than a
# class of people makes; see docs/CLASSROOM.md for the figures.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${AMU_BIN:-target/release/amu-darya}
[ -x "$bin" ] || cargo build --release --no-default-features
tables=("$@")
[ ${#tables[@]} -gt 0 ] || tables=(8 30)
for n in "${tables[@]}"; do
    dir=$(mktemp -d)
    "$bin" host --no-qr --bind 127.0.0.1:0 --tables "$n" --data "$dir/class" \
        --ready-file "$dir/ready.json" > "$dir/host.log" 2>&1 &
    pid=$!
    for _ in $(seq 1 200); do [ -s "$dir/ready.json" ] && break; sleep 0.05; done
    ws=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["ws"])' "$dir/ready.json")
    teacher=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["teacher"])' "$dir/ready.json")
    echo "== $n tables, 5 bot clients and a projector each"
    "$bin" bench-host --url "$ws" --teacher "$teacher" --tables "$n" || true
    hwm=$(awk '/VmHWM/ {print $2}' "/proc/$pid/status")
    echo "host peak memory: $((hwm / 1024)) MB (VmHWM ${hwm} kB)"
    kill "$pid"; wait "$pid" 2>/dev/null || true
    rm -rf "$dir"
done
