#!/usr/bin/env bash
# Cut DejaVu Sans down to the scripts the game writes (Latin,
# Cyrillic, punctuation, arrows, boxes and shapes, a few symbols), without hinting, so the
# window and the browser build carry an eighth of the full font. Run from the repository root
# with fontTools installed (`pip install fonttools`); the full font comes from Debian's
# fonts-dejavu-core 2.37 (/usr/share/fonts/truetype/dejavu). It is under the DejaVu
# licence (assets/fonts/DejaVu-LICENSE.txt, CREDITS.md): a modified font may be distributed
# under a name without "Bitstream" or "Vera", as DejaVu's is; the glyphs kept are unchanged.
set -euo pipefail
src=${1:-/usr/share/fonts/truetype/dejavu}
# ASCII, Latin-1 and Latin Extended-A, Cyrillic, general punctuation, the euro, rouble and
# numero signs, arrows, the minus and the inequalities, box drawing and shapes (the tokens,
# bars and markers), and the check and cross marks: what the interface, the content and a
# journal line in either language write.
ranges="U+0020-007E,U+00A0-017F,U+0400-04FF,U+2000-206F,U+20AC,U+20BD,U+2116,U+2190-21FF,U+2212,U+2264,U+2265,U+2500-25FF,U+2713,U+2714,U+2717,U+2718"
for f in DejaVuSans; do
  # No hinting: Bevy rasterises without it (FontHinting::Disabled), so the instructions
  # would be dead weight (a quarter of the file).
  pyftsubset "$src/$f.ttf" --unicodes="$ranges" --layout-features='*' --no-hinting \
    --output-file="assets/fonts/$f.ttf"
  ls -l "assets/fonts/$f.ttf"
done
