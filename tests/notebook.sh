#!/bin/sh
# bindings/python/examples/analysis.ipynb runs from top to bottom in Jupyter's
# own machinery (nbconvert --execute, the configured Python's kernel), against
# the library just built; its outputs are what an analyst sees: the
# organisation and the edited one as pictures inline, DataFrames as tables,
# as many gaps as `mlops-graph gaps --format json` lists, and the
# interactive page in a frame.
: "${top_srcdir:=$(cd "$(dirname "$0")/.." && pwd)}"
: "${top_builddir:=$(pwd)}"
. "$top_srcdir/tests/python-env.sh"
for module in nbconvert ipykernel pandas; do
    if ! "$PYTHON" -c "import $module" 2> /dev/null; then
        echo "SKIP: $PYTHON has no $module (Debian: apt-get install python3-nbconvert python3-ipykernel python3-pandas)"
        exit 77
    fi
done
work=$(mktemp -d)
trap 'rm -rf "$work" ${cli_wrapper:+"$cli_wrapper"}' EXIT
JUPYTER_RUNTIME_DIR=$work/runtime IPYTHONDIR=$work/ipython PYDEVD_DISABLE_FILE_VALIDATION=1
export JUPYTER_RUNTIME_DIR IPYTHONDIR PYDEVD_DISABLE_FILE_VALIDATION
cp "$top_srcdir/bindings/python/examples/analysis.ipynb" "$work/" && chmod u+w "$work/analysis.ipynb"
(cd "$work" && "$PYTHON" -m nbconvert --to notebook --execute --output out.ipynb analysis.ipynb \
    > nbconvert.log 2>&1) || { cat "$work/nbconvert.log"; echo "FAIL: the notebook does not run"; exit 1; }
"$MLOPS_GRAPH" gaps --format json > "$work/gaps.json" || exit 1
"$PYTHON" - "$work" <<'PY' || exit 1
import json, os, sys
work = sys.argv[1]
with open(os.path.join(work, "out.ipynb"), encoding="utf-8") as f:
    cells = [c for c in json.load(f)["cells"] if c["cell_type"] == "code"]
with open(os.path.join(work, "gaps.json"), encoding="utf-8") as f:
    gaps = len(json.load(f)["gaps"])
def shown(cell, mime):
    return any(mime in o.get("data", {}) for o in cell["outputs"])
checks = [
    ("the organisation shows as its picture", shown(cells[0], "image/svg+xml")),
    ("it counts the CLI's %d gaps" % gaps,
     any("".join(o.get("text", "")) == "%d gaps\n" % gaps for o in cells[1]["outputs"])),
    ("a DataFrame shows as a table", shown(cells[1], "text/html") and shown(cells[3], "text/html")),
    ("a rendered picture shows inline", shown(cells[4], "image/svg+xml")),
    ("the interactive page shows in a frame",
     "".join(cells[5]["outputs"][0].get("data", {}).get("text/html", "")).startswith("<iframe")),
]
for what, ok in checks:
    print(("PASS: " if ok else "FAIL: ") + what)
failed = sum(not ok for _, ok in checks)
print("%d passed, %d failed" % (len(checks) - failed, failed))
sys.exit(failed > 0)
PY
