#!/bin/sh
# The HTML report in a real browser: headless Chromium loads the page
# offline, and its DOM (after the page's script ran) must hold the tables and
# the inline SVG with every reference role; a screenshot must come out.
# Skipped (77) only when Chromium is not installed.
: "${top_srcdir:=$(cd "$(dirname "$0")/.." && pwd)}"
: "${MLOPS_GRAPH:=mlops-graph}"
browser=$(command -v chromium || command -v chromium-browser || command -v google-chrome)
if [ -z "$browser" ]; then
    echo "SKIP: Chromium is not installed (apt-get install chromium)"
    exit 77
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail=0
"$MLOPS_GRAPH" report --format html -o "$work/report.html" || exit 1
run() {
    timeout 120 "$browser" --headless --no-sandbox --disable-gpu --no-first-run \
        --disable-background-networking --disable-component-update --disable-sync \
        --disable-quic --user-data-dir="$work/profile" "$@" "file://$work/report.html" \
        2> "$work/browser.err"
}
run --dump-dom > "$work/dom.html" || { cat "$work/browser.err"; exit 1; }
check() {
    if eval "$2"; then echo "PASS: $1"; else echo "FAIL: $1"; fail=1; fi
}
check "the DOM holds the gaps, clusters, bottlenecks and chains tables" \
    '[ "$(grep -o "<table class=\"sortable\">" "$work/dom.html" | wc -l)" -ge 4 ]'
check "the DOM holds the inline SVG" 'grep -q "<svg" "$work/dom.html"'
missing=0
while IFS= read -r role; do
    grep -qF ">$role</text>" "$work/dom.html" || { echo "  not in the picture: $role"; missing=1; }
done <<ROLES
$(tail -n +2 "$top_srcdir/data/roles.csv" | cut -d, -f1)
ROLES
check "the picture shows all ten reference roles" '[ $missing = 0 ]'
check "node tooltips are in the SVG (title elements)" 'grep -q "<title>" "$work/dom.html"'
run --screenshot="$work/report.png" --window-size=1280,2400 > /dev/null || { cat "$work/browser.err"; exit 1; }
check "a screenshot was taken" \
    '[ "$(head -c 8 "$work/report.png" | od -An -tx1 | tr -d " \n")" = 89504e470d0a1a0a ]'
[ -n "${MG_KEEP_SCREENSHOT:-}" ] && cp "$work/report.png" "$MG_KEEP_SCREENSHOT"
if [ $fail = 0 ]; then echo "5 passed, 0 failed"; else echo "browser test failed"; fi
exit $fail
