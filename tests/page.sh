#!/bin/sh
# The interactive page in a real browser: Selenium drives headless Chromium
# (tests/page-browser.py) over render -T html and report --format html of
# the reference, of tests/fixtures/hostile and of the cluster view, and
# checks search, click, highlight, side panel, zoom, pan and the gap filter
# against export -T json and gaps --format json. Skipped (77) when Chromium,
# its driver or Selenium is not installed (.ci/run installs them: Debian's
# chromium, chromium-driver and python3-selenium). MG_KEEP_SCREENSHOT=DIR
# keeps the screenshots.
: "${top_srcdir:=$(cd "$(dirname "$0")/.." && pwd)}"
: "${MLOPS_GRAPH:=mlops-graph}"
CHROMIUM=$(command -v chromium || command -v chromium-browser || command -v google-chrome)
CHROMEDRIVER=$(command -v chromedriver || ls /usr/lib/chromium/chromedriver 2> /dev/null)
py=
for p in /usr/bin/python3 python3; do
    if command -v "$p" > /dev/null && "$p" -c 'import selenium' 2> /dev/null; then py=$p; break; fi
done
if [ -z "$CHROMIUM" ] || [ -z "$CHROMEDRIVER" ] || [ -z "$py" ]; then
    echo "SKIP: the page test needs Chromium, its driver and Selenium" \
        "(apt-get install chromium chromium-driver python3-selenium)"
    exit 77
fi
export CHROMIUM CHROMEDRIVER
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
G=$MLOPS_GRAPH
hostile=$top_srcdir/tests/fixtures/hostile
"$G" render -T html -o "$work/ref.html" &&
"$G" export -T json -o "$work/ref.json" &&
"$G" gaps --format json > "$work/ref-gaps.json" &&
"$G" render -T html --gaps -o "$work/gaps.html" &&
"$G" render -T html -d "$hostile" -o "$work/hostile.html" &&
"$G" export -T json -d "$hostile" -o "$work/hostile.json" &&
"$G" gaps --format json -d "$hostile" > "$work/hostile-gaps.json" &&
"$G" render -T html --max-nodes 5 -o "$work/view.html" &&
"$G" report --format html -o "$work/report.html" &&
"$G" report --format json -o "$work/report.json" || exit 1
timeout 300 "$py" "$top_srcdir/tests/page-browser.py" "$work"
status=$?
if [ -n "${MG_KEEP_SCREENSHOT:-}" ]; then
    mkdir -p "$MG_KEEP_SCREENSHOT" && cp "$work"/*.png "$MG_KEEP_SCREENSHOT"/
fi
exit $status
