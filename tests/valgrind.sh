#!/bin/sh
# Runs the CLI just built under valgrind: any error, or a definite leak not in
# tests/valgrind.supp (other projects' leaks, each named), fails the command.
# Use: MLOPS_GRAPH=$PWD/tests/valgrind.sh make check TESTS=tests/cli/run.sh
: "${top_srcdir:=$(cd "$(dirname "$0")/.." && pwd)}"
: "${top_builddir:=$(pwd)}"
exec "$top_builddir/libtool" --mode=execute valgrind -q --error-exitcode=99 \
    --leak-check=full --errors-for-leak-kinds=definite --show-leak-kinds=definite \
    --suppressions="$top_srcdir/tests/valgrind.supp" \
    "$top_builddir/tools/mlops-graph" "$@"
