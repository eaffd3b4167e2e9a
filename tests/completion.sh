#!/bin/sh
# Bash completion (tools/completion/mlops-graph), driven in bash as readline
# drives it, judged against the CLI's own word (its --help, its messages for
# a bad value, what it accepts) and the names in the CSV files: see
# tests/completion.py. Skipped (77) without bash-completion or python3.
# Environment (set by make check): MLOPS_GRAPH, top_srcdir.
: "${top_srcdir:=$(cd "$(dirname "$0")/.." && pwd)}"
: "${MLOPS_GRAPH:=$top_srcdir/tools/mlops-graph}"
: "${BASH_COMPLETION:=/usr/share/bash-completion/bash_completion}"
if [ ! -f "$BASH_COMPLETION" ]; then
    echo "SKIP: bash-completion is not installed (apt-get install bash-completion)"
    exit 77
fi
if ! command -v python3 > /dev/null || ! command -v bash > /dev/null; then
    echo "SKIP: these tests need python3 and bash (apt-get install python3)"
    exit 77
fi
export top_srcdir MLOPS_GRAPH BASH_COMPLETION
exec python3 "$top_srcdir/tests/completion.py"
