#!/bin/bash
# The shared library exports exactly the functions the public header declares
# (as jansson's check-exports does): nothing private leaks, nothing is missing.
set -eu
: "${top_srcdir:=$(cd "$(dirname "$0")/.." && pwd)}"
: "${top_builddir:=$top_srcdir}"
lib=$top_builddir/lib/.libs/libmlopsgraph.so
if [ ! -f "$lib" ]; then
    echo "SKIP: no shared library built"
    exit 77
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
nm -D --defined-only "$lib" | awk '{ print $3 }' | grep . | sort -u > "$work/exported"
perl -0pe 's{/\*.*?\*/}{}gs' "$top_srcdir/lib/mlopsgraph.h" | grep -oE '\bmg_[a-z0-9_]+ *\(' | sed 's/ *($//' | sort -u > "$work/declared"
if diff -u "$work/declared" "$work/exported"; then
    echo "1 passed, 0 failed: $(wc -l < "$work/exported") exported symbols match lib/mlopsgraph.h"
else
    echo "0 passed, 1 failed: exported symbols differ from lib/mlopsgraph.h (- declared, + exported)"
    exit 1
fi
