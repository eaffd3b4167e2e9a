#!/bin/bash
# regen.sh [CASE...]: rewrites the expected-* files of the CLI golden cases
# (tests/cli/cases/NAME/, all of them by default) from what the current
# build prints, as tests/cli/run.sh runs it: expected-stdout and
# expected-stderr when the stream is not empty (or the file exists already:
# an empty one stays), expected-status when it is not 0 (or exists).
# Review the result with `git diff tests/cli/cases`: the diff is the change
# of behaviour the code change made.
# Environment: MLOPS_GRAPH (default: tools/mlops-graph of this tree).
set -eu
top_srcdir=$(cd "$(dirname "$0")/../.." && pwd)
: "${MLOPS_GRAPH:=$top_srcdir/tools/mlops-graph}"
cases=$top_srcdir/tests/cli/cases
[ -x "$MLOPS_GRAPH" ] || { echo "regen.sh: build first: no $MLOPS_GRAPH" >&2; exit 2; }
if [ $# = 0 ]; then
    set -- $(cd "$cases" && ls -d */ | tr -d /)
fi
for name in "$@"; do
    dir=$cases/$name
    [ -f "$dir/args" ] || { echo "regen.sh: $dir/args: no such case" >&2; exit 2; }
    mapfile -t args < "$dir/args"
    had=$(cd "$dir" && ls expected-* 2> /dev/null || true)
    status=0
    (cd "$dir" && "$MLOPS_GRAPH" "${args[@]}" > expected-stdout 2> expected-stderr < /dev/null) ||
        status=$?
    for stream in stdout stderr; do
        if [ ! -s "$dir/expected-$stream" ] && ! grep -qx "expected-$stream" <<< "$had"; then
            rm -f "$dir/expected-$stream"
        fi
    done
    if [ "$status" != 0 ] || grep -qx expected-status <<< "$had"; then
        echo "$status" > "$dir/expected-status"
    fi
    echo "$name: status $status"
done
