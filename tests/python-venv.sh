#!/bin/sh
# The Python module installed the ways its users install it, against the
# library and CLI just built:
# - make install puts it where the configured interpreter looks (pythondir is
#   a directory that interpreter searches under the prefix, when it searches
#   any there);
# - pip installs bindings/python (pyproject.toml beside the module make made)
#   into a fresh virtual environment, offline, with Debian's wheel of wheel
#   (and of setuptools when the venv has none); imported from / with no PYTHONPATH, it reproduces
#   `mlops-graph gaps --format json`.
: "${top_srcdir:=$(cd "$(dirname "$0")/.." && pwd)}"
: "${top_builddir:=$(pwd)}"
. "$top_srcdir/tests/python-env.sh"
work=$(mktemp -d)
trap 'rm -rf "$work" ${cli_wrapper:+"$cli_wrapper"}' EXIT
passed=0

# 1. pythondir: searched by the interpreter, or the interpreter searches
#    nothing under the prefix (configure warned then). Asked afresh: -E -s
#    leave PYTHONPATH and the user's site out, as a plain `import` would.
if [ -n "${pythondir:-}" ]; then
    "$PYTHON" -E -s - "$pythondir" "${python_prefix:-/usr/local}" <<'PY' || exit 1
import os, site, sys
pythondir, prefix = sys.argv[1], sys.argv[2]
searched = [os.path.realpath(d) for d in sys.path + site.getsitepackages()]
if os.path.realpath(pythondir) in searched:
    print("PASS: %s searches %s, where make install puts mlopsgraph.py" % (sys.executable, pythondir))
elif any(d.startswith(os.path.realpath(prefix) + os.sep) and
         os.path.basename(d) in ("site-packages", "dist-packages") for d in searched):
    sys.exit("FAIL: make install puts mlopsgraph.py in %s, which %s does not search, "
             "though it searches under %s" % (pythondir, sys.executable, prefix))
else:
    print("PASS: %s searches nothing under %s (configure said so)" % (sys.executable, prefix))
PY
    passed=$((passed + 1))
fi

# 2. pip install into a fresh virtual environment, offline
if ! "$PYTHON" -m venv "$work/venv" > "$work/venv.log" 2>&1; then
    cat "$work/venv.log"
    echo "SKIP: $PYTHON -m venv fails (Debian: apt-get install python3-venv)"
    exit 77
fi
wheels=/usr/share/python-wheels
if ! ls "$wheels"/wheel-*.whl > /dev/null 2>&1; then
    echo "SKIP: pip builds offline from $wheels (Debian: apt-get install python3-wheel-whl)"
    exit 77
fi
# exactly the two files a user's bindings/python holds after make
mkdir "$work/project"
cp "$top_builddir/bindings/python/pyproject.toml" "$top_builddir/bindings/python/mlopsgraph.py" \
    "$work/project/" || exit 1
# Offline, pip cannot fill an isolated build environment: the venv's own
# setuptools builds (Debian's wheel of it is patched for Debian's Python
# only, so it is the fallback), with wheel, which setuptools < 70 needs.
pip() { "$work/venv/bin/pip" install -q --no-index --find-links "$wheels" "$@" \
            >> "$work/pip.log" 2>&1 || { cat "$work/pip.log"; echo "FAIL: pip install $*"; exit 1; }; }
"$work/venv/bin/python" -c 'import setuptools' 2> /dev/null || pip setuptools
pip wheel
pip --no-build-isolation "$work/project"
"$MLOPS_GRAPH" gaps --format json > "$work/gaps.json" || exit 1
(cd / && env -u PYTHONPATH "$work/venv/bin/python" - "$work" "${PACKAGE_VERSION:-}" <<'PY') || exit 1
import json, os, sys
import mlopsgraph
work, version = sys.argv[1], sys.argv[2]
assert mlopsgraph.__file__.startswith(os.path.join(work, "venv")), mlopsgraph.__file__
assert not version or mlopsgraph.__version__ == version, (mlopsgraph.__version__, version)
with open(os.path.join(work, "gaps.json"), encoding="utf-8") as f:
    assert mlopsgraph.Org.reference().gaps() == json.load(f), "gaps differ from the CLI's"
print("PASS: pip installed %s %s into a fresh venv; from / it reproduces gaps --format json"
      % (mlopsgraph.__name__, mlopsgraph.__version__))
PY
passed=$((passed + 1))
echo "$passed passed, 0 failed"
