#!/usr/bin/env bash
# Renders Coach's icon, coach.svg, into the PNG sizes a desktop asks for, laid out as
# a freedesktop hicolor theme (hicolor/<N>x<N>/apps/coach.png), so the tree can be
# copied as is into ~/.local/share/icons. Qt gets the same files (coach.ui.app.app_icon),
# so a window or dialog shows a sharp icon at any size and screen scale.
# Run it after changing coach.svg: `bash assets/icons/render.sh`, then commit the PNGs.
# Needs rsvg-convert (Debian/Ubuntu: librsvg2-bin); ImageMagick's `convert` is the
# fallback, though its own SVG renderer draws curves less cleanly.
set -euo pipefail
cd "$(dirname "$0")"

# Keep in step with ICON_SIZES in coach/ui/app.py.
sizes=(16 24 32 48 64 128 256 512)

for n in "${sizes[@]}"; do
    out="hicolor/${n}x${n}/apps/coach.png"
    mkdir -p "$(dirname "$out")"
    if command -v rsvg-convert >/dev/null; then
        rsvg-convert --width "$n" --height "$n" --output "$out" coach.svg
    else
        # The SVG is 64 units wide at 96 dpi: scale the density so it is drawn at n px,
        # not drawn at 64 px and then stretched.
        convert -background none -density "$((96 * n / 64))" coach.svg \
            -resize "${n}x${n}" "PNG32:$out"
    fi
    echo "$out"
done
