# Sourced by the Python tests: the interpreter configure found, the library
# and module just built, and what a sanitizer build needs to run Python.
# Needs top_srcdir and top_builddir; exits 77 when that cannot be had.
: "${PYTHON:=python3}"
MLOPSGRAPH_LIBRARY=$top_builddir/lib/.libs/libmlopsgraph.so
PYTHONPATH=$top_builddir/bindings/python${PYTHONPATH:+:$PYTHONPATH}
export MLOPSGRAPH_LIBRARY PYTHONPATH
# A library built with AddressSanitizer needs its runtime in the process
# before it loads, and Python is not built with it: preload the runtime the
# compiler names (clang's or gcc's), and leave Python's own allocations out
# of the leak report (the C suites check the library's).
case " ${CFLAGS:-} " in
*-fsanitize=address*)
    runtime=
    for name in libclang_rt.asan-x86_64.so libasan.so; do
        candidate=$(${CC:-cc} -print-file-name=$name 2> /dev/null)
        case $candidate in /*) [ -f "$candidate" ] && runtime=$candidate && break ;; esac
    done
    if [ -z "$runtime" ]; then
        echo "SKIP: the AddressSanitizer runtime of ${CC:-cc} was not found to preload into Python"
        exit 77
    fi
    LD_PRELOAD=$runtime${LD_PRELOAD:+:$LD_PRELOAD}
    ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0
    export LD_PRELOAD ASAN_OPTIONS
    # the CLI the tests compare with carries its own runtime: not preloaded
    cli_wrapper=$(mktemp -d)
    trap 'rm -rf "$cli_wrapper"' EXIT
    printf '#!/bin/sh\nunset LD_PRELOAD\nexec "%s" "$@"\n' "${MLOPS_GRAPH:-mlops-graph}" \
        > "$cli_wrapper/mlops-graph"
    chmod +x "$cli_wrapper/mlops-graph"
    MLOPS_GRAPH=$cli_wrapper/mlops-graph
    export MLOPS_GRAPH ;;
esac
