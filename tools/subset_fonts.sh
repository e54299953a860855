#!/usr/bin/env bash
# Cut DejaVu Sans down to the scripts the game writes (Latin,
# Cyrillic, punctuation, arrows, maths, boxes and shapes, a few symbols), so the window and
# the browser build carry about a quarter of the full font. Run from the repository root
# with fontTools installed (`pip install fonttools`); the full font comes from Debian's
# fonts-dejavu-core 2.37 (/usr/share/fonts/truetype/dejavu). It is under the DejaVu
# licence (assets/fonts/DejaVu-LICENSE.txt, CREDITS.md): a modified font may be distributed
# under a name without "Bitstream" or "Vera", as DejaVu's is; the glyphs kept are unchanged.
set -euo pipefail
src=${1:-/usr/share/fonts/truetype/dejavu}
ranges="U+0020-007E,U+00A0-017F,U+0400-04FF,U+2000-206F,U+20A0-20CF,U+2100-214F,U+2190-21FF,U+2200-22FF,U+2300-23FF,U+2500-25FF,U+2700-27BF"
for f in DejaVuSans; do
  pyftsubset "$src/$f.ttf" --unicodes="$ranges" --layout-features='*' \
    --output-file="assets/fonts/$f.ttf"
  ls -l "assets/fonts/$f.ttf"
done
