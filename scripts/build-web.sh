#!/usr/bin/env bash
# Build the browser version of Amu Darya into dist/web/: index.html, the JavaScript, the
# wasm, the content (assets/ and levels/) and files.ron, the list of content files the
# game fetches. Serve the folder from any static web server, or zip it for itch.io.
#
#   scripts/build-web.sh            size-optimised (profile wasm-release, then wasm-opt -Os)
#   scripts/build-web.sh --fast     quick to build (profile web-fast, no wasm-opt): CI's test
#   scripts/build-web.sh --floor    also build a bare Bevy app with the same features and
#                                   profile (examples/bare_window.rs) and compare sizes
#
# It installs what it lacks: the wasm32 target, wasm-bindgen-cli at the version Cargo.lock
# pins (from crates.io), and binaryen's wasm-opt from npm (web/package-lock.json; Debian's
# binaryen 108 breaks Bevy's module). Sizes go to dist/web-size.txt.
set -euo pipefail
cd "$(dirname "$0")/.."

profile=wasm-release
optimise=1
floor=0
for a in "$@"; do
    case "$a" in
        --fast) profile=web-fast; optimise=0 ;;
        --floor) floor=1 ;;
        -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
        *) echo "build-web.sh: unknown option $a (see --help)" >&2; exit 2 ;;
    esac
done
target=wasm32-unknown-unknown
out=dist/web
start=$(date +%s)
say() { printf '[build-web %ss] %s\n' "$(( $(date +%s) - start ))" "$*"; }

rustup target list --installed | grep -qx "$target" || rustup target add "$target"

bindgen_version=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
[ -n "$bindgen_version" ] || { echo "build-web.sh: no wasm-bindgen in Cargo.lock" >&2; exit 1; }
if ! wasm-bindgen --version 2>/dev/null | grep -qx "wasm-bindgen $bindgen_version"; then
    say "installing wasm-bindgen-cli $bindgen_version (matches Cargo.lock)"
    cargo install wasm-bindgen-cli --version "$bindgen_version" --quiet
fi
wasm_opt=web/node_modules/.bin/wasm-opt
if [ "$optimise" = 1 ] && [ ! -x "$wasm_opt" ]; then
    say "installing binaryen (wasm-opt) from npm"
    npm ci --prefix web --no-audit --no-fund --silent
fi

# Build one binary or example for the web and run wasm-bindgen on it into $2.
build() {
    local kind=$1 name=$2 dest=$3
    say "cargo build --profile $profile --target $target --$kind $name"
    cargo build --profile "$profile" --target "$target" "--$kind" "$name"
    local wasm=target/$target/$profile/$name.wasm
    [ "$kind" = example ] && wasm=target/$target/$profile/examples/$name.wasm
    rm -rf "$dest"
    mkdir -p "$dest"
    wasm-bindgen --target web --no-typescript --out-name amu-darya --out-dir "$dest" "$wasm"
    if [ "$optimise" = 1 ]; then
        say "wasm-opt -Os $name (takes minutes)"
        "$wasm_opt" -Os --enable-bulk-memory --enable-nontrapping-float-to-int \
            --enable-sign-ext --enable-mutable-globals \
            "$dest/amu-darya_bg.wasm" -o "$dest/amu-darya_bg.opt.wasm"
        mv "$dest/amu-darya_bg.opt.wasm" "$dest/amu-darya_bg.wasm"
    fi
}

size_line() {
    local label=$1 wasm=$2
    local raw gz
    raw=$(stat -c %s "$wasm")
    gz=$(gzip -9 -c "$wasm" | wc -c)
    awk -v l="$label" -v r="$raw" -v g="$gz" 'BEGIN {
        printf "%-28s raw %10d bytes (%5.2f MB)   gzip %10d bytes (%4.2f MB)\n", l, r, r / 1e6, g, g / 1e6 }'
}

build bin amu-darya "$out"

say "copying the page and the content"
bytes=$(stat -c %s "$out/amu-darya_bg.wasm")
sed "s/__WASM_BYTES__/$bytes/" web/index.html > "$out/index.html"
mkdir -p "$out/assets" "$out/levels"
cp -r assets/rules assets/map assets/states assets/cards assets/i18n "$out/assets/"
cp assets/fonts/DejaVu-LICENSE.txt "$out/assets/FONT-LICENSE.txt"
cp levels/*.ron "$out/levels/"
cp CREDITS.md "$out/CREDITS.md"
{
    echo "// The content files the browser build fetches before it starts (made by build-web.sh)."
    echo "["
    (cd "$out" && find levels assets -name '*.ron' | LC_ALL=C sort) | sed 's/.*/    "&",/'
    echo "]"
} > "$out/files.ron"

report=dist/web-size.txt
{
    echo "Browser build, profile $profile$([ "$optimise" = 1 ] && echo ', wasm-opt -Os'), $(date -u +%Y-%m-%d)"
    size_line "game (amu-darya_bg.wasm)" "$out/amu-darya_bg.wasm"
} > "$report"
if [ "$floor" = 1 ]; then
    build example bare_window dist/web-floor
    size_line "floor (bare Bevy app)" dist/web-floor/amu-darya_bg.wasm >> "$report"
    game=$(gzip -9 -c "$out/amu-darya_bg.wasm" | wc -c)
    bare=$(gzip -9 -c dist/web-floor/amu-darya_bg.wasm | wc -c)
    graw=$(stat -c %s "$out/amu-darya_bg.wasm")
    braw=$(stat -c %s dist/web-floor/amu-darya_bg.wasm)
    awk -v gr="$graw" -v br="$braw" -v g="$game" -v b="$bare" 'BEGIN {
        printf "game / floor: %.2f raw, %.2f gzip (goal: at most 1.15 gzip, and at most 8 MB gzip)\n", gr / br, g / b }' >> "$report"
fi
cat "$report"
say "done: serve $out with any static web server, e.g. python3 -m http.server -d $out 8000"
