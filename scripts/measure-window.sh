#!/usr/bin/env bash
# Measure the desktop window in release builds, under Xvfb with Mesa's software Vulkan (or
# on a desktop, with DISPLAY set and NO_XVFB=1):
#   - the game: bots play the one-lesson level to the debrief and the window closes two
#     seconds later (`--quit-when-over`), as a player meets it; its peak memory, its time to
#     the first presented frame, and how long the game took;
#   - the game again in the real-window test's screenshot mode (six screenshots);
#   - the floor: a bare Bevy window with the same features (examples/bare_window.rs), open
#     for 600 frames; its peak memory; and again taking six screenshots as the game's
#     screenshot mode does (the read-back buffers and PNG encoding are the harness's, not
#     the game's, so the game is set against both).
#   - idle: the CPU the game uses over 10 s on its title screen, waiting for input
#     (counted from 5 s after start, once it has settled).
# usage: scripts/measure-window.sh
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --bin amu-darya --example bare_window
game=target/release/amu-darya
bare=target/release/examples/bare_window
out=$(mktemp -d)

# Run a command under X; print its peak resident memory (KiB) and CPU seconds.
measure() {
    local log=$1; shift
    local wrap=(xvfb-run -a -s "-screen 0 1366x768x24")
    [ "${NO_XVFB:-0}" = 1 ] && wrap=()
    "${wrap[@]}" env WGPU_BACKEND="${WGPU_BACKEND:-vulkan}" python3 -c '
import resource, subprocess, sys, time
start = time.time()
code = subprocess.run(sys.argv[2:], stdout=open(sys.argv[1], "w"), stderr=subprocess.STDOUT).returncode
use = resource.getrusage(resource.RUSAGE_CHILDREN)
print(use.ru_maxrss, round(use.ru_utime + use.ru_stime, 2), round(time.time() - start, 1), code)
' "$log" "$@"
}

read -r g_rss g_cpu g_wall g_code < <(measure "$out/game.log" "$game" play \
    --level levels/classroom-45.ron --seed 7 --autoplay --quit-when-over)
first=$(grep -o 'first frame presented [0-9]* ms' "$out/game.log" | grep -o '[0-9]*' | head -1)
read -r t_rss t_cpu t_wall t_code < <(measure "$out/game-shots.log" "$game" play \
    --level levels/classroom-45.ron --seed 7 --autoplay --screenshot-dir "$out/shots")
read -r b_rss b_cpu b_wall b_code < <(measure "$out/bare.log" "$bare" 600)
# The floor doing what the game's screenshot mode does on top of playing: six screenshots.
mkdir -p "$out/bare-shots"
read -r s_rss s_cpu s_wall s_code < <(measure "$out/bare-shots.log" "$bare" 600 "$out/bare-shots")
# Idle: CPU ticks of the game process from 5 s to 15 s after start, on the title screen.
idle() {
    python3 -c '
import os, subprocess, sys, time
p = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
def cpu():
    f = open(f"/proc/{p.pid}/stat").read().rsplit(")", 1)[1].split()
    return (int(f[11]) + int(f[12])) / os.sysconf("SC_CLK_TCK")
time.sleep(5); a = cpu(); time.sleep(10); b = cpu()
p.kill(); p.wait()
print(round(b - a, 2))
' "$@"
}
if [ "${NO_XVFB:-0}" = 1 ]; then
    i_cpu=$(WGPU_BACKEND="${WGPU_BACKEND:-vulkan}" idle "$game")
else
    i_cpu=$(xvfb-run -a -s "-screen 0 1366x768x24" env WGPU_BACKEND=vulkan \
        bash -c "$(declare -f idle); idle $game")
fi

awk -v gr="$g_rss" -v br="$b_rss" -v sr="$s_rss" -v sc="$s_code" -v f="$first" -v gw="$g_wall" -v gc="$g_code" \
    -v bc="$b_code" -v ic="$i_cpu" -v tr="$t_rss" -v tc="$t_code" 'BEGIN {
    printf "game  (one-lesson level, bots, to the debrief): peak %.0f MB, first frame %s ms after start, %s s in all (exit %s)\n", gr / 1024, f, gw, gc
    printf "floor (bare Bevy window, same features, 600 frames): peak %.0f MB (exit %s)\n", br / 1024, bc
    printf "game / floor peak memory: %.2f\n", gr / br
    printf "game in screenshot mode (six screenshots): peak %.0f MB (exit %s)\n", tr / 1024, tc
    printf "floor with six screenshots, as the game takes them: peak %.0f MB (exit %s)\n", sr / 1024, sc
    printf "game / floor, both taking screenshots: %.2f\n", tr / sr
    printf "idle on the title screen for 10 s: %s s of CPU\n", ic
}'
rm -rf "$out"
