#!/bin/sh
# The Python module's tests, against the library and CLI just built.
: "${top_srcdir:=$(cd "$(dirname "$0")/.." && pwd)}"
: "${top_builddir:=$(pwd)}"
. "$top_srcdir/tests/python-env.sh"
"$PYTHON" -m unittest discover -s "$top_srcdir/bindings/python/tests" -v 2>&1 || exit 1
# the example script runs on the reference model
"$PYTHON" "$top_srcdir/bindings/python/examples/team_gaps.py" > /dev/null || exit 1
echo "1 passed, 0 failed: bindings/python/examples/team_gaps.py runs"
