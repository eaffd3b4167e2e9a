#!/bin/bash
# CLI tests. Two kinds:
#  - golden cases: tests/cli/cases/NAME/ holds `args` (one argument a line),
#    optional input files, and what must come out: `expected-stdout`,
#    `expected-stderr` and `expected-status`. A missing expected-stdout or
#    expected-stderr means that stream must be empty; a missing
#    expected-status means 0. The command runs inside the case folder.
#    One case pins a Graphviz layout (render-layout-json: positions and
#    sizes, which depend on Graphviz 2.42 and the Liberation fonts that
#    Debian 12's graphviz recommends).
#    To add a case or accept a deliberate change of output, write `args`
#    and run tests/cli/regen.sh (MLOPS_GRAPH=... to choose the binary): it
#    rewrites every expected-* file from the current build, so that
#    `git diff tests/cli/cases` shows exactly what changed, for review.
#  - checks below that judge output by an independent means (the names in
#    data/*.csv, Graphviz's own dot reading our DOT, xmllint, file magic).
# Environment (set by make check): MLOPS_GRAPH, top_srcdir.
set -u
: "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}"
: "${MLOPS_GRAPH:=$top_srcdir/tools/mlops-graph}"
G=$MLOPS_GRAPH
cases=$top_srcdir/tests/cli/cases
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
passed=0 failed=0

ok() { passed=$((passed + 1)); echo "PASS: $1"; }
bad() { failed=$((failed + 1)); echo "FAIL: $1"; }
check() { # check NAME COMMAND...: passes when the command succeeds
    local name=$1; shift
    if "$@"; then ok "$name"; else bad "$name"; fi
}

# Programs the checks below judge output with. README's Quick start installs
# them; without one, the suite stops here and names the package to install,
# rather than failing test by test with "command not found".
missing=
for need in python3:python3 xmllint:libxml2-utils dot:graphviz gvpr:graphviz; do
    command -v "${need%%:*}" > /dev/null || missing="$missing ${need#*:}"
done
if [ -n "$missing" ]; then
    echo "FAIL: these tests need programs that are not installed: apt-get install$missing"
    exit 99
fi

# ---- golden cases -----------------------------------------------------------
for dir in "$cases"/*/; do
    name=$(basename "$dir")
    mapfile -t args < "$dir/args"
    want_status=0
    [ -f "$dir/expected-status" ] && want_status=$(cat "$dir/expected-status")
    (cd "$dir" && "$G" "${args[@]}" > "$work/out" 2> "$work/err" < /dev/null)
    status=$?
    good=1
    if [ "$status" != "$want_status" ]; then
        echo "  $name: exit status $status, expected $want_status"; good=0
    fi
    for stream in stdout stderr; do
        file=$work/out; [ $stream = stderr ] && file=$work/err
        want=$dir/expected-$stream
        [ -f "$want" ] || want=/dev/null # no file: nothing may come out
        if ! diff -u "$want" "$file" > "$work/diff"; then
            echo "  $name: $stream differs:"; sed 's/^/    /' "$work/diff"; good=0
        fi
    done
    if [ $good = 1 ]; then ok "$name"; else bad "$name"; fi
done

# ---- bad input: every class of issue 4, one fixture each ---------------------
# tests/fixtures/bad/NAME.csv is read as the table cases.txt names; NAME.expected
# holds the exit status and what must come out (the message for bad input,
# with its file:line:column, worked out by hand as in check_load.c).
badin=$top_srcdir/tests/fixtures/bad
while IFS='|' read -r name table; do
    case $name in "#"*|"") continue ;; esac
    (cd "$badin" && "$G" validate "--$table-csv" "$name.csv" > "$work/out" 2> "$work/err")
    echo "status $?" > "$work/got"
    if [ -s "$work/err" ]; then cat "$work/err" >> "$work/got"; else cat "$work/out" >> "$work/got"; fi
    if diff -u "$badin/$name.expected" "$work/got" > "$work/diff"; then
        ok "bad input: $name"
    else
        sed 's/^/    /' "$work/diff"; bad "bad input: $name"
    fi
done < "$badin/cases.txt"
"$G" validate --roles-csv "$badin" 2> "$work/err"
check "a folder given as a file exits 3" test $? = 3
check "...and says it is a folder" grep -q "is a directory" "$work/err"
"$G" validate --roles-csv "$badin/no-such.csv" 2> "$work/err"
check "a missing file exits 3" test $? = 3
if [ "$(id -u)" != 0 ]; then
    cp "$badin/header-only.csv" "$work/unreadable.csv" && chmod 000 "$work/unreadable.csv"
    "$G" validate --roles-csv "$work/unreadable.csv" 2> "$work/err"
    check "an unreadable file exits 3" test $? = 3
else
    echo "SKIP: unreadable file (root reads everything)"
fi

# Graphviz without its plugins: a clear error and no picture, not an empty one
mkdir -p "$work/no-plugins"
GVBINDIR="$work/no-plugins" "$G" render > "$work/none.svg" 2> "$work/err"
check "render without Graphviz plugins exits 4" test $? = 4
check "...says what is wrong and what to try" grep -q "dot -c" "$work/err"
check "...and writes nothing" test ! -s "$work/none.svg"

# ---- render: the picture of the reference model -----------------------------
"$G" render > "$work/org.svg"
check "render exits 0 and writes SVG" grep -q '</svg>' "$work/org.svg"

# every role and tool named in data/ appears as a node label in the SVG
# (Graphviz writes '-' as &#45;; no name in data/ holds another escaped character)
sed -e 's/&#45;/-/g' "$work/org.svg" > "$work/org.txt"
missing=0
while IFS= read -r name; do
    grep -qF ">$name</text>" "$work/org.txt" || { echo "  not drawn: $name"; missing=1; }
done < <(tail -n +2 "$top_srcdir/data/roles.csv" | cut -d, -f1;
         tail -n +2 "$top_srcdir/data/tools.csv" | cut -d, -f2 | sort -u)
check "render draws every role and tool of data/" test $missing = 0

check "render's SVG is well-formed XML" xmllint --noout "$work/org.svg"

"$G" render -T dot > "$work/org.dot"
check "dot reads render -T dot back" dot -Tsvg -o "$work/reread.svg" "$work/org.dot"
check "dot draws the same roles from our DOT" \
    test "$(grep -c 'class="node"' "$work/reread.svg")" = "$(grep -c 'class="node"' "$work/org.svg")"

"$G" render -T png -o "$work/org.png"
check "render -T png writes a PNG" test "$(head -c 8 "$work/org.png" | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a
"$G" render -T pdf -o "$work/org.pdf"
check "render -T pdf writes a PDF" test "$(head -c 5 "$work/org.pdf")" = "%PDF-"

"$G" render --no-tools -T dot > "$work/roles.dot"
check "render --no-tools draws no tool" test "$(grep -c $'^\tt[0-9]' "$work/roles.dot")" = 0

# -o is atomic: a failed run leaves the old file as it was
echo "old picture" > "$work/keep.svg"
"$G" render -d "$work/no-such-org" -o "$work/keep.svg" 2> /dev/null
check "a failed render -o leaves the old file" test "$(cat "$work/keep.svg")" = "old picture"
check "no temporary file is left beside -o" test "$(ls -A "$work" | grep -c '^\.keep')" = 0

# -o writes through what it should not replace (issue 17): a FIFO, a device,
# a symbolic link (to a file, or to the standard output), a hard link; an
# existing file keeps its mode. Each was replaced by a new regular file.
mkdir -p "$work/o"
"$G" render -T dot > "$work/o/want.dot"
mkfifo "$work/o/fifo"
timeout 30 cat "$work/o/fifo" > "$work/o/from-fifo" &  # bounded: a replaced FIFO gets no writer
"$G" render -T dot -o "$work/o/fifo"
wait
check "-o FIFO writes through the FIFO" cmp -s "$work/o/want.dot" "$work/o/from-fifo"
check "...and leaves it a FIFO" test -p "$work/o/fifo"
if [ "$(id -u)" = 0 ] && mknod "$work/o/mynull" c 1 3 2> /dev/null; then
    "$G" render -T dot -o "$work/o/mynull"
    check "-o on a character device (a /dev/null) exits 0 and leaves it a device" \
        test $? = 0 -a -c "$work/o/mynull"
else
    echo "SKIP: -o on a device node (mknod needs root)"
fi
ln -s /proc/self/fd/1 "$work/o/stdout"
"$G" render -T dot -o "$work/o/stdout" | cat > "$work/o/from-stdout"
check "-o a symbolic link to /proc/self/fd/1 writes to the standard output" \
    cmp -s "$work/o/want.dot" "$work/o/from-stdout"
check "...and leaves the link" test -L "$work/o/stdout"
echo old > "$work/o/target.dot"
ln -s target.dot "$work/o/link.dot"
"$G" render -T dot -o "$work/o/link.dot"
check "-o a symbolic link to a file updates the file" cmp -s "$work/o/want.dot" "$work/o/target.dot"
check "...and leaves the link a link" test -L "$work/o/link.dot"
echo old > "$work/o/private.dot" && chmod 600 "$work/o/private.dot"
"$G" render -T dot -o "$work/o/private.dot"
check "-o an existing 0600 file keeps it 0600" test "$(stat -c %a "$work/o/private.dot")" = 600
check "...with the new content" cmp -s "$work/o/want.dot" "$work/o/private.dot"
echo old > "$work/o/one.dot" && ln "$work/o/one.dot" "$work/o/two.dot"
"$G" render -T dot -o "$work/o/one.dot"
check "-o one name of a hard link writes the file both names share" \
    cmp -s "$work/o/want.dot" "$work/o/two.dot"
check "no temporary file is left beside any of them" test -z "$(ls -A "$work/o" | grep '^\.')"

# writing to a full disk is an error; a closed pipe is not
if [ -w /dev/full ]; then
    "$G" render > /dev/full 2> "$work/err"
    status=$?
    check "render > /dev/full exits 4" test $status = 4
    check "render > /dev/full says why" grep -q 'write error' "$work/err"
    # ...once: the library's writer and the end of the command both saw it
    for cmd in "render" "render -T png" "gaps" "roles" "report --format json" "export -T graphml"; do
        # shellcheck disable=SC2086
        "$G" $cmd > /dev/full 2> "$work/err"
        check "$cmd > /dev/full reports the write error once (exit 4)" \
            test $? = 4 -a "$(wc -l < "$work/err")" = 1
    done
    "$G" render -o /dev/full 2> "$work/err"
    check "render -o /dev/full reports it once, naming the file" \
        test "$(wc -l < "$work/err")" = 1 -a "$(grep -c '^mlops-graph: /dev/full: write error' "$work/err")" = 1
fi
"$G" render | head -c 1 > /dev/null
check "render | head -c1 exits 0" test "${PIPESTATUS[0]}" = 0

# overlays: still well-formed, and they draw what they say
"$G" render --clusters --gaps --path DS DevOps > "$work/overlays.svg"
check "render with overlays exits 0" grep -q '</svg>' "$work/overlays.svg"
check "overlay SVG is well-formed XML" xmllint --noout "$work/overlays.svg"
# the reference has two shared-tool clusters of two roles (Jira; Grafana, Prometheus)
check "--clusters draws two cluster boxes" test "$(grep -c 'class="cluster"' "$work/overlays.svg")" = 2
check "--path names the chain in the caption" \
    grep -q 'cheapest handoff chain from Data Scientists to DevOps Engineers' "$work/overlays.svg"
"$G" render --path DS Nobody > /dev/null 2>&1
check "--path with an unknown role exits 2" test $? = 2

# Graphviz 2.42 frees a labelled flat edge inside a cluster twice (found by
# fuzz_all): this organisation triggered it; under ASan and valgrind (CI)
# the run must stay clean, so handoffs become xlabels when clusters are drawn
"$G" render -d "$top_srcdir/tests/fixtures/flat-label-cluster" --clusters --gaps > "$work/flat.svg"
check "render --clusters on a labelled flat edge in a cluster" grep -q '</svg>' "$work/flat.svg"

# report: Markdown beside its picture; JSON with the picture inside
(cd "$work" && "$G" report -o report.md)
check "report -o writes the report" grep -q '^## Organisation report' "$work/report.md"
check "report -o writes the picture beside it" grep -q '</svg>' "$work/report.svg"
check "the report references its picture" grep -qF '](report.svg)' "$work/report.md"
"$G" report --format json > "$work/report.json"
check "report --format json includes the SVG" grep -q '"picture": "<?xml' "$work/report.json"
for cmd in "validate" "gaps" "clusters" "clusters --tools" "path DS DevOps -k 3" "paths" \
           "bottlenecks" "whatif --remove MLE" "report"; do
    # shellcheck disable=SC2086
    "$G" $cmd --format json > "$work/out.json"
    check "$cmd --format json parses, version 1" \
        python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["version"] == 1' "$work/out.json"
done

# names are data in every format: tests/fixtures/hostile holds roles named
# \N, <b>x</b>, </text><script>..., x"y, a\, emoji, right-to-left text, a tab
hostile=$top_srcdir/tests/fixtures/hostile
for fmt in svg dot; do
    "$G" render -d "$hostile" --gaps --clusters -T $fmt > "$work/hostile.$fmt" 2> /dev/null
    check "render -T $fmt of hostile names exits 0" test -s "$work/hostile.$fmt"
done
check "hostile SVG is well-formed XML" xmllint --noout "$work/hostile.svg"
check "hostile SVG holds no element a name introduced" \
    sh -c "! grep -q -e '<script' -e '<b>' '$work/hostile.svg'"
check "dot reads the hostile DOT back" dot -Tsvg -o "$work/hostile-reread.svg" "$work/hostile.dot"
"$G" gaps -d "$hostile" --format md > "$work/hostile.md"
check "Markdown escapes markup in names" sh -c "! grep -q -e '<script' -e '<b>' '$work/hostile.md'"
"$G" report --format html -d "$hostile" -o "$work/hostile.html"
check "HTML escapes markup in names (only the report's own script elements: its sorter, the picture's data and script)" \
    test "$(grep -o -e '<script' -e '<b>' "$work/hostile.html" | wc -l)" = 3
"$G" render -T html -d "$hostile" -o "$work/hostile-page.html"
check "render -T html escapes markup in names (only the page's data and script)" \
    test "$(grep -o -e '<script' -e '<b>' "$work/hostile-page.html" | wc -l)" = 2
"$G" validate -d "$hostile" --format json > /dev/null
"$G" clusters -d "$hostile" --format json > "$work/hostile.json"
check "JSON keeps every hostile name exactly" python3 -c '
import json, sys
names = open(sys.argv[2], encoding="utf-8").read().split("\n")[:-1]
d = json.load(open(sys.argv[1], encoding="utf-8"))
got = sorted(r for c in d["clusters"] for r in c["roles"])
assert got == sorted(names), (got, names)' "$work/hostile.json" "$hostile/names.txt"
"$G" clusters -d "$hostile" --format csv > "$work/hostile.csv"
check "CSV round-trips every hostile name" python3 -c '
import csv, sys
names = open(sys.argv[2], encoding="utf-8").read().split("\n")[:-1]
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8", newline="")))
assert rows[0][:2] == ["cluster", "roles"]
got = sorted(n for r in rows[1:] for n in r[1].split(" and ") if n)
# cells join names with ", " and " and ": check that each name appears whole
cells = " | ".join(r[1] for r in rows[1:])
assert all(n in cells for n in names), [n for n in names if n not in cells]' "$work/hostile.csv" "$hostile/names.txt"

# export: our CSV loads back into the same organisation; GraphML and
# node-link JSON load into NetworkX with the same nodes, edges and names
"$G" export -T csv -o "$work/exported"
check "export -T csv writes the four tables" test -f "$work/exported/roles.csv" -a -f "$work/exported/collaborations.csv"
"$G" report --format json > "$work/before.json"
"$G" report --format json -d "$work/exported" > "$work/after.json"
check "export -T csv then load gives the same report" cmp -s "$work/before.json" "$work/after.json"
"$G" render -T dot --gaps --clusters > "$work/before.dot"
"$G" render -T dot --gaps --clusters -d "$work/exported" > "$work/after.dot"
check "...and the same picture" cmp -s "$work/before.dot" "$work/after.dot"
"$G" export -T csv -o "$work/exported-again" -d "$work/exported"
check "...and exporting that again changes nothing" diff -r "$work/exported" "$work/exported-again"
"$G" export -T csv -o "$work/hostile-exported" -d "$hostile"
"$G" clusters --format json -d "$hostile" > "$work/h1.json"
"$G" clusters --format json -d "$work/hostile-exported" > "$work/h2.json"
check "hostile names survive an export round trip" cmp -s "$work/h1.json" "$work/h2.json"
# formula injection (OWASP "CSV Injection"): no CSV the tool writes starts a
# cell with = + - @, a tab or a CR unless the cell is a number or a lone "-";
# such a cell gets a leading "'" (inside the CSV quotes), which the loader
# drops, so the exported tables load back the same organisation
"$G" export -T csv -o "$work/hostile-guarded" -d "$hostile"
"$G" path -d "$hostile" --format csv -- -2+3 +cmd > "$work/guarded-path.csv"
check "path -- -2+3 +cmd (a chain of formula-like names) exits 0" test $? = 0
for cmd in "clusters" "gaps" "bottlenecks" "paths" "path"; do
    # shellcheck disable=SC2086
    [ "$cmd" = path ] || "$G" $cmd -d "$hostile" --format csv > "$work/guarded-$cmd.csv"
    check "$cmd --format csv starts no cell with a formula" python3 -c '
import csv, re, sys
number = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$")
for name in sys.argv[1:]:
    for row in csv.reader(open(name, encoding="utf-8", newline="")):
        for cell in row:
            assert not (cell[:1] and cell[0] in "=+-@\t\r") or number.match(cell) or cell == "-", \
                (name, cell)' "$work/guarded-$cmd.csv"
done
# (the tool's cell: the opening CSV quote, then the guard, then the formula)
check "...the guard kept inside the CSV quotes" \
    grep -qF ',"'"'"'=HYPERLINK(""http://example.invalid""' "$work/guarded-clusters.csv"
check "...nor does export -T csv" python3 -c '
import csv, sys
cells = [c for f in sys.argv[1:] for r in csv.reader(open(f, encoding="utf-8", newline="")) for c in r]
assert not [c for c in cells if c[:1] in ("=", "+", "@") or (c[:1] == "-" and c != "-5")], cells
assert "'"'"'=cmd|'"'"' /C calc'"'"'!A0" in cells and "'"'"''"'"'=quoted" in cells' \
    "$work"/hostile-guarded/*.csv
"$G" roles -d "$hostile" > "$work/h-roles1"
"$G" roles -d "$work/hostile-guarded" > "$work/h-roles2"
check "...and the guarded names load back as they were" cmp -s "$work/h-roles1" "$work/h-roles2"
"$G" export -T csv -o "$work/hostile-guarded-again" -d "$work/hostile-guarded"
check "...and export the same tables again" diff -r "$work/hostile-guarded" "$work/hostile-guarded-again"

nx_python=
for py in /usr/bin/python3 python3; do
    if command -v "$py" > /dev/null && "$py" -c 'import networkx' 2> /dev/null; then
        nx_python=$py; break
    fi
done
if [ -n "$nx_python" ]; then
    "$G" export -T graphml > "$work/org.graphml"
    "$G" export -T json > "$work/org-nodelink.json"
    # expected counts from validate: nodes = roles + tools + capabilities;
    # edges = collaborations + uses + tool capabilities + responsibilities
    check "NetworkX reads GraphML and node-link JSON with every node, edge and name" "$nx_python" -c '
import json, sys
import networkx as nx
from networkx.readwrite import json_graph
g1 = nx.read_graphml(sys.argv[1])
g2 = json_graph.node_link_graph(json.load(open(sys.argv[2], encoding="utf-8")))
roles = {d["name"] for _, d in g1.nodes(data=True) if d["type"] == "role"}
assert len(roles) == 10 and "MLOps Manager / Lead" in roles, roles
for g in (g1, g2):
    kinds = {}
    for _, d in g.nodes(data=True):
        kinds[d["type"]] = kinds.get(d["type"], 0) + 1
    assert kinds == {"role": 10, "tool": 39, "capability": 38}, kinds
    rel = {}
    for _, _, d in g.edges(data=True):
        rel[d["relation"]] = rel.get(d["relation"], 0) + 1
    assert rel["collaboration"] == 7 and rel["uses"] == 42 and rel["needs"] == 40, rel
    names = {d["name"] for _, d in g.nodes(data=True) if d["type"] == "role"}
    assert names == roles
w = [d["weight"] for _, _, d in g1.edges(data=True) if d["relation"] == "collaboration"]
assert all(isinstance(x, float) and x == 1.0 for x in w), w
clusters = {d["name"]: d["cluster"] for _, d in g1.nodes(data=True) if d["type"] == "role"}
assert clusters["DevOps Engineers"] == clusters["Site Reliability Engineers"]
' "$work/org.graphml" "$work/org-nodelink.json"
    # every attribute of roles.csv (summary, aliases, headcount, each extra
    # column), of tools.csv and of the edges' tables, as Python's csv module
    # reads the tables, with hostile names and values (export-attributes.py)
    for fixture in attributes hubs hostile; do
        "$G" export -T graphml -d "$top_srcdir/tests/fixtures/$fixture" > "$work/attr.graphml"
        "$G" export -T json -d "$top_srcdir/tests/fixtures/$fixture" > "$work/attr.json"
        check "export: NetworkX finds every attribute of tests/fixtures/$fixture as in its CSV" \
            "$nx_python" "$top_srcdir/tests/export-attributes.py" \
            "$top_srcdir/tests/fixtures/$fixture" "$work/attr.graphml" "$work/attr.json"
    done
    check "export: the reference's source columns too" "$nx_python" \
        "$top_srcdir/tests/export-attributes.py" "$top_srcdir/data" "$work/org.graphml" \
        "$work/org-nodelink.json"
else
    echo "SKIP: NetworkX not installed (apt-get install python3-networkx)"
fi

# man pages render without a warning; completion offers commands and roles
if command -v groff > /dev/null; then
    for page in doc/mlops-graph.1 doc/mlopsgraph.3; do
        LC_ALL=C.UTF-8 groff -ww -man -Tutf8 "$top_srcdir/$page" > /dev/null 2> "$work/groff.err"
        check "$page renders without warnings" test ! -s "$work/groff.err"
    done
else
    echo "SKIP: groff not installed (apt-get install groff-base)"
fi
check "roles lists the ten reference roles" test "$("$G" roles | wc -l)" = 10
completion=$(PATH="$(dirname "$G"):$PATH" MG="$G" bash -c '
    mlops-graph() { "$MG" "$@"; }
    source "$1/tools/completion/mlops-graph"
    COMP_WORDS=(mlops-graph path "Site R"); COMP_CWORD=2; _mlops_graph; echo "${COMPREPLY[*]}"
    COMP_WORDS=(mlops-graph bott); COMP_CWORD=1; _mlops_graph; echo "${COMPREPLY[*]}"' _ "$top_srcdir")
# a name with spaces comes back quoted for the command line, one word
check "bash completion completes role names (quoted) and commands" \
    test "$completion" = "Site\\ Reliability\\ Engineers
bottlenecks"

# role names are data: completing against a folder that names roles $(...)
# and `...` runs nothing, and every name comes back quoted so that the shell
# reads it as exactly that name (issue 17). Each reply is parsed here by bash
# in a sandbox folder: had the quoting failed, a file would appear there.
mkdir -p "$work/pwn" "$work/pwn-cwd"
printf '%s\n' role '"$(touch PWNED)"' '`touch PWNED2`' '"O'"'"'Brien ""Q"" $HOME; touch PWNED3"' \
    'Site Reliability Engineers' > "$work/pwn/roles.csv"
"$G" roles -d "$work/pwn" > "$work/pwn-names"
(cd "$work/pwn-cwd" && PATH="$(dirname "$G"):$PATH" MG="$G" bash -c '
    mlops-graph() { "$MG" "$@"; }
    source "$1/tools/completion/mlops-graph"
    for typed in "" "\"" "'"'"'" "O" "\$" "\`" "Site\\ R"; do
        COMP_WORDS=(mlops-graph path -d "$2" "$typed"); COMP_CWORD=4; _mlops_graph
        for reply in "${COMPREPLY[@]}"; do eval "printf \"%s\\n\" $reply"; done
    done' _ "$top_srcdir" "$work/pwn" > "$work/pwn-parsed")
check "completion against hostile names runs nothing" test -z "$(ls -A "$work/pwn-cwd")"
# every name once for "" and once for its own first character or quote style:
# "" gives 4, '"' and "'" give 4 each, O, $, ` and 'Site\ R' give 1 each
check "...and each reply reads back as exactly one role name" \
    test "$(sort -u "$work/pwn-parsed")" = "$(sort "$work/pwn-names")" -a "$(wc -l < "$work/pwn-parsed")" = 16

# ---- names resolve in any order (issue 12) -----------------------------------
# tests/fixtures/messy names roles by alias and case in every table (see
# tests/check_model.c for the counts worked out by hand). Per-file options,
# with roles.csv from standard input, give the same report as -d; --strict
# turns its three load warnings into errors.
messy=$top_srcdir/tests/fixtures/messy
"$G" report --format json -d "$messy" > "$work/messy-dir.json" 2> /dev/null
"$G" report --format json --collaborations-csv "$messy/collaborations.csv" \
    --tools-csv "$messy/tools.csv" --responsibilities-csv "$messy/responsibilities.csv" \
    --roles-csv - < "$messy/roles.csv" > "$work/messy-files.json" 2> /dev/null
check "per-file options and stdin load the same organisation as -d" \
    cmp "$work/messy-dir.json" "$work/messy-files.json"
check "...whose report carries the three load warnings" \
    python3 -c 'import json,sys; w=json.load(open(sys.argv[1]))["warnings"]; assert len(w) == 3, w' \
    "$work/messy-dir.json"
"$G" gaps --strict -d "$messy" > "$work/strict.out" 2> "$work/strict.err"
check "--strict makes a load warning an error: exit 3" test $? = 3
check "...naming file:line:column and the near miss" \
    grep -q "messy/responsibilities.csv:8:1: role 'Data Scienitst' .*did you mean 'Data Scientist'?" \
    "$work/strict.err"
check "...and writes nothing on standard output" test ! -s "$work/strict.out"
"$G" gaps --strict > /dev/null
check "--strict on the reference (no warnings) exits 0" test $? = 0

# ---- triage (issue 14) -----------------------------------------------------------
# Checked against tests/cli/triage.py, which recounts from the JSON: at most
# --limit gaps of each kind in text, the rest counted; --exclude-kind; a
# baseline marks each gap new or known by kind and subjects.
triage=$top_srcdir/tests/cli/triage.py
hand=$top_srcdir/tests/fixtures/hand
"$G" gaps --format json > "$work/ref-gaps.json"
"$G" gaps > "$work/ref-gaps.txt"
check "gaps shows at most 5 gaps of each kind and counts the rest" \
    python3 "$triage" limit "$work/ref-gaps.json" "$work/ref-gaps.txt" 5
"$G" gaps --limit 2 > "$work/ref-gaps2.txt"
check "...--limit 2 at most 2" python3 "$triage" limit "$work/ref-gaps.json" "$work/ref-gaps2.txt" 2
"$G" gaps --all > "$work/ref-gaps-all.txt"
check "...--all every one" python3 "$triage" limit "$work/ref-gaps.json" "$work/ref-gaps-all.txt" 100000
"$G" gaps --exclude-kind single-role --exclude-kind latent-collaboration --format json \
    > "$work/excl.json"
check "--exclude-kind leaves out exactly those kinds" python3 -c '
import json, sys
a = json.load(open(sys.argv[1]))["gaps"]; b = json.load(open(sys.argv[2]))["gaps"]
assert b == [g for g in a if g["kind"] not in ("single-role", "latent-collaboration")]' \
    "$work/ref-gaps.json" "$work/excl.json"
"$G" gaps -d "$hand" --format json > "$work/hand-base.json"
"$G" gaps -d "$top_srcdir/tests/fixtures/hand-v2" --baseline "$work/hand-base.json" --format json \
    > "$work/hand-v2-vs-base.json"
check "--baseline marks gaps new or known and lists the gone ones as fixed" \
    python3 "$triage" baseline "$work/hand-base.json" "$work/hand-v2-vs-base.json"
check "...and both kinds occur in this case" python3 -c '
import json, sys; d = json.load(open(sys.argv[1])); b = d["baseline"]
assert b["new"] and b["known"] and b["fixed"], b' "$work/hand-v2-vs-base.json"
"$G" gaps -d "$hand" --baseline "$work/hand-base.json" --fail-on low > /dev/null
check "--fail-on counts new gaps only: the baseline itself exits 0" test $? = 0
"$G" gaps -d "$hand" --fail-on low > /dev/null
check "...where without a baseline it exits 1" test $? = 1
"$G" report -d "$hand" --format json > "$work/hand-report.json"
"$G" gaps -d "$hand" --baseline "$work/hand-report.json" --fail-on low > /dev/null
check "...a report's JSON serves as the baseline too" test $? = 0
# line 2, column 18: the "x" where ',' or '}' must follow ["A"] (counted by hand)
printf '{"gaps": [{"kind": "cut-role",\n  "roles": ["A"] "x"}]}' > "$work/bad-base.json"
"$G" gaps --baseline "$work/bad-base.json" > /dev/null 2> "$work/bad-base.err"
check "a baseline that is not JSON exits 3" test $? = 3
check "...naming file:line:column" grep -q "bad-base.json:2:18: expected ',' or '}'" \
    "$work/bad-base.err"

# report takes the options of gaps: its gaps are those gaps finds with them
opts=(--exclude-kind single-role --min-shared 2 --baseline "$work/hand-base.json" -d "$hand")
"$G" report --format json "${opts[@]}" > "$work/report-opts.json"
"$G" gaps --format json "${opts[@]}" > "$work/gaps-opts.json"
check "report takes every option of gaps" python3 -c '
import json, sys
r = json.load(open(sys.argv[1]))["gaps"]; g = json.load(open(sys.argv[2]))
assert r == g and "baseline" in g and all(x["kind"] != "single-role" for x in g["gaps"])' \
    "$work/report-opts.json" "$work/gaps-opts.json"

# Removing a role improves nothing in the hand organisation: every gap that
# disappears without C names C, or is a cut of the part C was in (the cut
# D no longer cuts once C is gone: the part shrank), so none "closes".
"$G" whatif -d "$hand" --remove C --format json > "$work/whatif-c.json"
check "whatif: gaps gone with a removal are not counted as closed" python3 -c '
import json, sys; d = json.load(open(sys.argv[1]))
assert d["gaps_closed"] == [], d["gaps_closed"]
assert any(g["kind"] == "cut-role" and g["roles"] == ["D"] for g in d["gaps_gone_with_removal"])' \
    "$work/whatif-c.json"

# path -k has a documented cap (MG_PATHS_MAX_K): Yen's work grows with k^2
"$G" path DS SRE -k 10001 > /dev/null 2> "$work/k.err"
check "path -k above 10000 is a usage error" test $? = 2
check "...naming the cap" grep -q "must be 1 to 10000, not 10001" "$work/k.err"
"$G" path DS SRE -k 10000 > /dev/null
check "...and 10000 itself is allowed" test $? = 0

# The Markdown report on standard output writes no file the user did not
# name (the Quick start's org.svg): its picture is inside it, a data URI
# that decodes (base64, the coreutils tool) to render --clusters --gaps.
mkdir -p "$work/keep" && echo sentinel > "$work/keep/org.svg"
(cd "$work/keep" && "$G" report > r.md)
check "report > r.md leaves ./org.svg as it was" grep -qx sentinel "$work/keep/org.svg"
grep -o 'data:image/svg+xml;base64,[A-Za-z0-9+/=]*' "$work/keep/r.md" | cut -d, -f2 | base64 -d \
    > "$work/keep/embedded.svg"
"$G" render --clusters --gaps > "$work/keep/rendered.svg"
check "...and embeds the picture render draws" cmp "$work/keep/embedded.svg" "$work/keep/rendered.svg"

# A name that ends with a full stop ("Ops.") ends a sentence once, not "Ops..":
# a cut handoff Dev -> Ops. and, in the reference comparison, its missing
# direction (the organisation is its own reference reversed).
mkdir -p "$work/stop" "$work/stop-ref"
printf 'role,summary\nOps.,Runs it.\nDev,Builds\n' > "$work/stop/roles.csv"
printf 'role,tool\nDev,Git\n' > "$work/stop/tools.csv"
printf 'from,to\nDev,Ops.\n' > "$work/stop/collaborations.csv"
printf 'from,to\nOps.,Dev\n' > "$work/stop-ref/collaborations.csv"
"$G" gaps -d "$work/stop" --reference "$work/stop-ref" > "$work/stop.txt"
check "a name ending in '.' ends its sentence once" grep -q 'hand work to Ops\.$' "$work/stop.txt"
check "...and nowhere is there a double full stop" test "$(grep -c '[^.]\.\.$' "$work/stop.txt")" = 0
check "...the reference's direction too" grep -q 'here only Dev hands to Ops\.$' "$work/stop.txt"

# An absent table is said once, not as one finding per role: tools alone
# (three roles, two tools, no responsibilities, no collaborations).
mkdir -p "$work/tools-only"
printf 'role,tool\nA,T1\nB,T1\nC,T2\n' > "$work/tools-only/tools.csv"
"$G" gaps -d "$work/tools-only" --format json > "$work/tools-only.json"
check "without collaborations or responsibilities, those analyses are skipped, once each" \
    python3 -c '
import json, sys; d = json.load(open(sys.argv[1]))
assert [s["analysis"] for s in d["skipped"]] == ["the coverage of capabilities",
    "the handoff structure (isolated roles, parts, cuts)", "latent collaborations"], d["skipped"]
assert {g["kind"] for g in d["gaps"]} == {"single-role"}, d["gaps"]' "$work/tools-only.json"
"$G" gaps -d "$work/tools-only" > "$work/tools-only.txt"
check "...and the text says so (a paragraph, wrapped)" python3 -c '
import sys; text = open(sys.argv[1]).read().replace("\n    ", " ")
assert "\nSkipped the handoff structure (isolated roles, parts, cuts): no collaborations " \
    "(collaborations.csv is absent or has no rows).\n" in text' "$work/tools-only.txt"

# ---- safe by construction (issue 17) -------------------------------------------
# a warning longer than a message holds is cut at a character boundary: with
# roles named by 400 'é' (two bytes each), with and without one letter before
# them, the 511th byte of "role 'NAME' is defined again..." falls once on each
# half of an 'é'; the JSON must still be UTF-8 (Python refuses it otherwise)
for lead in "" x; do
    mkdir -p "$work/long$lead"
    python3 -c 'import sys; n = sys.argv[1] + "\u00e9" * 400
open(sys.argv[2], "w", encoding="utf-8").write("role,summary\n%s,first\n%s,second\n" % (n, n))' \
        "$lead" "$work/long$lead/roles.csv"
    "$G" validate -d "$work/long$lead" --format json > "$work/long.json" 2> /dev/null
    check "a long warning ('$lead' + 400 x U+00E9) is cut whole, the JSON is UTF-8" python3 -c '
import json, sys
m = json.load(open(sys.argv[1], encoding="utf-8"))["warnings"][0]["message"]
assert m.endswith("...") and len(m.encode()) <= 511, m' "$work/long.json"
done

# free text (summaries, responsibilities, handoffs) may hold tabs and line
# breaks; text for a terminal shows them as spaces, never raw: the gap
# messages quote the responsibility "do<LF>things<CR><TAB>evil" and the
# handoff "spec<CR><LF>sheet<TAB>z", and each must stay on its one line
mkdir -p "$work/freetext"
printf 'role,summary\nA,"line1\nline2\rX\tY"\nB,b\n' > "$work/freetext/roles.csv"
printf 'role,responsibility,capability\nA,"do\nthings\r\tevil",cap-x\n' > "$work/freetext/responsibilities.csv"
printf 'from,to,handoff\nA,B,"spec\r\nsheet\tz"\n' > "$work/freetext/collaborations.csv"
for cmd in "gaps" "report --format text" "path A B" "whatif --remove B" "bottlenecks"; do
    # shellcheck disable=SC2086
    "$G" $cmd -d "$work/freetext" > "$work/free.txt" 2> "$work/free.err"
    check "$cmd (text) prints no raw tab or carriage return" \
        test "$(cat "$work/free.txt" "$work/free.err" | tr -d -c '\t\r' | wc -c)" = 0
done
"$G" gaps -d "$work/freetext" > "$work/free.txt"
check "...and a quoted responsibility stays on its line, its breaks as spaces" \
    grep -q '^\[high\] capability-without-tool: .*"do things  evil"' "$work/free.txt"
check "...and so does a quoted handoff" grep -q '("spec  sheet z"), B loses its only connection' "$work/free.txt"
"$G" gaps --format "$(printf 'x\ry')" 2> "$work/free.err"
check "a message quoting an argument with a carriage return shows it as a space" \
    grep -q "unknown format 'x y'" "$work/free.err"
"$G" gaps --format "$(printf 'x\302\233y')" 2> "$work/free.err"
check "...and a C1 control (U+009B, an 8-bit CSI) as a space" grep -q "unknown format 'x y'" "$work/free.err"
"$G" gaps -d "$(printf 'x\ry')" 2> "$work/free.err"
check "...and so does one naming a folder" grep -q "^mlops-graph: x y: cannot open folder" "$work/free.err"

# attribute columns that differ only by case ("Team" in a folder's roles.csv,
# "team" in another roles file) are one column in export -T csv, which loads
# back and exports again unchanged (the loader rejects a duplicate column)
mkdir -p "$work/cased"
printf 'role,Team\nA,x\n' > "$work/cased/roles.csv"
printf 'role,team\nB,y\n' > "$work/cased-more.csv"
"$G" export -T csv -o "$work/cased-out" -d "$work/cased" --roles-csv "$work/cased-more.csv"
check "export -T csv writes attribute columns differing by case as one" \
    test "$(head -1 "$work/cased-out/roles.csv")" = "$(printf 'role,summary,aliases,headcount,Team\r')"
"$G" export -T csv -o "$work/cased-again" -d "$work/cased-out" 2> "$work/err"
check "...which loads back" test $? = 0 -a ! -s "$work/err"
check "...and exports again unchanged" diff -r "$work/cased-out" "$work/cased-again"

# usage errors, not odd input errors: standard input named twice, empty
# names, an option where a value must be, numbers with blanks around them
"$G" validate --roles-csv - --tools-csv - < "$top_srcdir/data/roles.csv" > /dev/null 2> "$work/err"
check "--roles-csv - --tools-csv - (standard input twice) exits 2" test $? = 2
check "...naming both options" grep -q -- "--roles-csv and --tools-csv both read standard input" "$work/err"
for opt in -d --dir --roles-csv --collaborations-csv; do
    "$G" validate "$opt" '' > /dev/null 2> "$work/err"
    check "validate $opt '' exits 2" test $? = 2
    check "...and says which option is empty" grep -q -- "needs a name, not ''" "$work/err"
done
mkdir -p "$work/empty-o"
(cd "$work/empty-o" && "$G" report -o '' 2> "$work/err")
check "report -o '' exits 2" test $? = 2
check "...and writes nothing, not even a picture" test -z "$(ls -A "$work/empty-o")"
"$G" render --path DS --clusters > /dev/null 2> "$work/err"
check "render --path A --clusters exits 2" test $? = 2
check "...saying that --clusters is an option, not a role" \
    grep -q -- "--path needs two role names: FROM TO, not the option '--clusters'" "$work/err"
"$G" render --path --gaps DS SRE > /dev/null 2> "$work/err"
check "render --path --gaps A B exits 2 too" test $? = 2
for n in ' 5' '5 ' '+5' '5x' ''; do
    "$G" gaps --min-roles "$n" > /dev/null 2> "$work/err"
    check "gaps --min-roles '$n' exits 2" test $? = 2
    check "...quoting the argument" grep -qF -- "--min-roles needs a whole number, not '$n'" "$work/err"
done
"$G" gaps --min-roles 5 > /dev/null
check "gaps --min-roles 5 exits 0" test $? = 0

# a folder's table that is a dangling symbolic link is an error naming it,
# not a table silently absent
mkdir -p "$work/dangling"
cp "$top_srcdir/data/tools.csv" "$work/dangling/"
ln -s no-such-file.csv "$work/dangling/roles.csv"
"$G" validate -d "$work/dangling" > /dev/null 2> "$work/err"
check "-d DIR with a dangling DIR/roles.csv exits 3" test $? = 3
check "...naming the file" grep -q "dangling/roles.csv: .*symbolic link" "$work/err"

# report's picture never overwrites the report: -o r.svg would derive r.svg
# for the picture too, and --picture may name the report itself; both are
# usage errors that write nothing. -o - is standard output: org.svg.
mkdir -p "$work/clash"
(cd "$work/clash" && "$G" report -o r.svg 2> "$work/err")
check "report --format md -o r.svg exits 2" test $? = 2
check "...says the picture would overwrite the report" grep -q "would overwrite the report" "$work/err"
check "...and writes nothing" test -z "$(ls -A "$work/clash")"
(cd "$work/clash" && "$G" report -o r.md --picture ./r.md 2> "$work/err")
check "report -o r.md --picture ./r.md exits 2 and writes nothing" \
    test $? = 2 -a -z "$(ls -A "$work/clash")"
(cd "$work/clash" && "$G" report -o - > out.md)
check "report -o - (standard output) writes no picture file, not even -.svg" \
    test "$(ls -A "$work/clash")" = out.md
check "...and embeds the picture" grep -qF '](data:image/svg+xml;base64,' "$work/clash/out.md"
# -o naming a FIFO (as /dev/stdout or /dev/full would be): a stream too,
# so no picture file is derived from its name (out.svg beside it)
mkdir -p "$work/fifo" && mkfifo "$work/fifo/out"
cat "$work/fifo/out" > "$work/fifo.md" &
"$G" report -o "$work/fifo/out"
check "report -o FIFO exits 0" test $? = 0
wait
check "...derives no picture file beside it" test "$(ls -A "$work/fifo")" = out
check "...and embeds the picture" grep -qF '](data:image/svg+xml;base64,' "$work/fifo.md"
(cd "$work/clash" && "$G" report -o - --picture named.svg > out.md)
check "report -o - --picture FILE writes FILE and links to it" \
    test -s "$work/clash/named.svg" -a "$(grep -cF '](named.svg)' "$work/clash/out.md")" = 1

# path X X: no handoff needed, and the JSON has the fields README documents
# for an empty "paths": the one part of the organisation both ends sit in
# (the reference's Data Scientists: the part of five roles that "path DS
# SRE" names as DS's)
"$G" path DS "Data Scientists" --format json > "$work/self.json"
"$G" path DS SRE --format json > "$work/apart.json"
check "path X X --format json has the documented fields of an empty path" python3 -c '
import json, sys
d, apart = (json.load(open(f)) for f in sys.argv[1:3])
assert d["from"] == d["to"] == "Data Scientists" and d["paths"] == [], d
assert d["same_component"] is True, d
assert d["from_component"] == d["to_component"] == apart["from_component"], (d, apart)' \
    "$work/self.json" "$work/apart.json"

# diff matches gaps by kind and subjects with names folded: the hand
# organisation with every name in lower case is the same organisation.
mkdir -p "$work/hand-lower"
for f in "$top_srcdir"/tests/fixtures/hand/*.csv; do
    tr '[:upper:]' '[:lower:]' < "$f" > "$work/hand-lower/$(basename "$f")"
done
"$G" diff "$top_srcdir/tests/fixtures/hand" "$work/hand-lower" --format json > "$work/lower.json"
check "diff of two spellings of one organisation opens, closes and changes no gap" python3 -c '
import json, sys; d = json.load(open(sys.argv[1]))
assert not (d["gaps_opened"] or d["gaps_closed"] or d["gaps_gone_with_removal"]), d' \
    "$work/lower.json"

# Text fits a terminal: no line wider than 100 columns, on a survey-shaped
# organisation of 31 roles and 300 tools (tests/survey-org.py), for every
# command's text output (a name alone longer than that would be the only
# exception; these names are short).
python3 "$top_srcdir/tests/survey-org.py" "$work/survey" --typos --seed 3
for cmd in validate gaps clusters bottlenecks paths "report --format text" "gaps --all" \
           "clusters --tools" "whatif --remove DevOps_Engineer" "path Data_Analyst DevOps_Engineer"; do
    read -r -a words <<< "$cmd"
    "$G" "${words[@]//_/ }" -d "$work/survey" > "$work/width.txt" 2> /dev/null
    widest=$(python3 -c 'import sys; print(max(len(l.rstrip("\n")) for l in open(sys.argv[1], encoding="utf-8")))' "$work/width.txt")
    check "$cmd: text no wider than 100 columns (widest $widest)" test "$widest" -le 100
done

# ---- scale (issue 5) -----------------------------------------------------------
# generate: the counts asked for are the counts loaded; the same seed writes
# the same bytes, another seed other bytes; impossible counts are usage errors.
"$G" generate --roles 120 --tools 30 --uses 900 --collaborations 400 --seed 7 -d "$work/gen1"
"$G" generate --roles 120 --tools 30 --uses 900 --collaborations 400 --seed 7 -d "$work/gen2"
"$G" generate --roles 120 --tools 30 --uses 900 --collaborations 400 --seed 8 -d "$work/gen3"
check "generate: same seed, same files" diff -r "$work/gen1" "$work/gen2"
check "generate: another seed, other files" test -n "$(diff -rq "$work/gen1" "$work/gen3")"
"$G" validate -d "$work/gen1" --format json > "$work/gen.json"
check "generate: loads with the counts asked for, nothing merged" python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
assert (d["roles"], d["tools"], d["uses"], d["collaborations"], d["merged_duplicates"]) == (120, 30, 900, 400, 0), d
assert 120 <= d["responsibilities"] <= 240, d' "$work/gen.json"
"$G" generate --roles 3 --tools 2 --uses 7 -d "$work/gen4" 2> "$work/err"
check "generate: more uses than roles x tools exits 2" test $? = 2
check "...and says why" grep -q "allow 6 at most" "$work/err"

# the cluster view: one node per cluster (as many as 'clusters' finds), the
# members adding up to every role, and a caption that says what is drawn
"$G" render --max-nodes 10 -T dot > "$work/view.dot"
"$G" clusters --format json > "$work/clusters.json"
check "render --max-nodes draws the cluster view" python3 -c '
import json, re, subprocess, sys
dot = open(sys.argv[1]).read()
n = len(json.load(open(sys.argv[2]))["clusters"])
assert "Cluster view: 10 roles in %d shared-tool clusters" % n in dot, dot[:400]
nodes = subprocess.run(["gvpr", "BEG_G{printf(\"%d\", nNodes($G))}", sys.argv[1]], capture_output=True,
                       text=True, check=True).stdout.strip()
assert int(nodes) == n, (nodes, n)
assert sum(int(x) for x in re.findall(r"roles: (\d+)", dot)) == 10' "$work/view.dot" "$work/clusters.json"
"$G" render --max-nodes 10 > "$work/view.svg"
check "...as well-formed SVG" xmllint --noout "$work/view.svg"

# gaps at scale: at most --max-latent latent collaborations, the rest counted
"$G" gaps -d "$work/gen1" --kind latent-collaboration --format json > "$work/all.json"
"$G" gaps -d "$work/gen1" --kind latent-collaboration --max-latent 5 --format json > "$work/five.json"
check "gaps --max-latent lists that many and counts the rest" python3 -c '
import json, sys
everything, five = (json.load(open(f)) for f in sys.argv[1:3])
assert len(everything["gaps"]) > 5 and everything["latent_not_listed"] == 0
assert len(five["gaps"]) == 5
assert five["latent_not_listed"] == len(everything["gaps"]) - 5' "$work/all.json" "$work/five.json"

# bottlenecks --sample: the JSON says so; --sample 0 equals the default (exact here)
"$G" bottlenecks -d "$work/gen1" --sample 10 --format json > "$work/sampled.json"
"$G" bottlenecks -d "$work/gen1" --sample 0 --format json > "$work/exact0.json"
"$G" bottlenecks -d "$work/gen1" --format json > "$work/exact.json"
check "bottlenecks --sample 10 is marked sampled" python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
assert d["sampled"] is True and d["sources"] == 10 and d["pairs_listed"] is False, d["sources"]' "$work/sampled.json"
check "bottlenecks --sample 0 is the exact default" cmp -s "$work/exact0.json" "$work/exact.json"

# progress: on a terminal (script(1) gives one), phases and percentages on
# standard error; otherwise nothing. MLOPS_GRAPH_PROGRESS_AFTER=0 shows it
# at once instead of after a second, so that no timing is involved.
MLOPS_GRAPH_PROGRESS_AFTER=0 "$G" bottlenecks -d "$work/gen1" --sample 0 > /dev/null 2> "$work/quiet"
check "no progress when standard error is not a terminal" test ! -s "$work/quiet"
if command -v script > /dev/null; then
    MLOPS_GRAPH_PROGRESS_AFTER=0 script -qec "'$G' bottlenecks -d '$work/gen1' --sample 0 > /dev/null" /dev/null > "$work/tty" < /dev/null
    check "progress on a terminal names the phase and its percentage" grep -q "betweenness: *[0-9]*%" "$work/tty"
    # with the data on the same terminal, the progress line is cleared first:
    # drawn as a terminal draws it (each CR back to the first column), the
    # line of the heading "Bottlenecks" holds that and nothing of "betweenness"
    MLOPS_GRAPH_PROGRESS_AFTER=0 script -qec "'$G' bottlenecks -d '$work/gen1' --sample 0" /dev/null > "$work/tty" < /dev/null
    check "the progress line is cleared before data on the same terminal" python3 -c '
import sys
screen = []
for line in open(sys.argv[1], encoding="utf-8", newline="").read().split("\n"):
    shown = ""
    for part in line.split("\r"):
        shown = part + shown[len(part):]
    screen.append(shown.rstrip())
assert any("betweenness" in s for s in open(sys.argv[1]).read().split("\r")), "no progress shown"
assert "Bottlenecks" in screen, [s for s in screen if "Bottlenecks" in s]' "$work/tty"
else
    echo "SKIP: script(1) not installed (apt-get install bsdutils)"
fi

# --version: the library's mg_version(), which tests/check_version.c ties to
# configure's version; here, to the MG_VERSION_* macros of the header too
v=$(for part in MAJOR MINOR PATCH; do
        sed -n "s/^#define MG_VERSION_$part \([0-9]*\)\$/\1/p" "$top_srcdir/lib/mlopsgraph.h"
    done | paste -sd.)
check "--version prints the version of MG_VERSION_MAJOR/MINOR/PATCH ($v)" \
    test "$("$G" --version | head -1)" = "mlops-graph $v"
# ... and the libraries in use: Graphviz as dot -V says it, libcsv as csv.h
gv=$(dot -V 2>&1 | sed -n 's/.*version \([0-9][0-9.]*\).*/\1/p')
csvv=$(sed -n 's/^#define CSV_\(MAJOR\|MINOR\|RELEASE\) \([0-9]*\)$/\2/p' /usr/include/csv.h | paste -sd.)
check "--version names the library, Graphviz ($gv) and libcsv ($csvv)" \
    test "$("$G" --version | sed -n 2p)" = "library $v, Graphviz $gv, libcsv $csvv"

# ---- pictures by size (DESIGN section 8), judged on the layout ----------------
# tests/layout-check.py reads Graphviz's own layout (render -T json) and
# measures overlaps of nodes and of texts, the lines drawn and the role
# fonts; with export -T json of the same organisation (an account of it that
# does not go through render) it checks that every role is drawn and the
# handoff lines keep every connection, and the tool and focus rules. The
# organisations are survey-shaped (tests/survey-org.py): 31 roles and 300
# tools, and 300 roles. Bounds: no overlap, at most 400 lines, role names at
# least 10 pt with the picture unscaled.
layout=$top_srcdir/tests/layout-check.py
survey() { # survey NAME ARGS...: an organisation and its export
    python3 "$top_srcdir/tests/survey-org.py" "$work/$1" "${@:2}"
    "$G" export -T json -d "$work/$1" > "$work/$1.export.json" 2> /dev/null
}
picture() { # picture ORG NAME RENDER-ARGS...: NAME.json and NAME.svg
    "$G" render -d "$work/$1" -T json -o "$work/$2.json" "${@:3}" 2> /dev/null &&
        "$G" render -d "$work/$1" -o "$work/$2.svg" "${@:3}" 2> /dev/null
}
survey s31
survey s300 --roles 300
survey s14 --roles 14 --tools 40 --seed 3
for org in s31 s300; do
    picture $org $org
    check "render, $org: no overlap, <= 400 lines, role names >= 10 pt, every connection" \
        python3 "$layout" "$work/$org.json" --svg "$work/$org.svg" --export "$work/$org.export.json"
done
picture s31 s31-neato -K neato
check "render -K neato removes overlaps by default" \
    python3 "$layout" "$work/s31-neato.json" --svg "$work/s31-neato.svg"
picture s31 s31-fdp -K fdp
check "render -K fdp removes overlaps by default" \
    python3 "$layout" "$work/s31-fdp.json" --svg "$work/s31-fdp.svg"
check "at 31 roles and 300 tools the default draws no tool (roles boxed by stack)" \
    python3 "$layout" "$work/s31.json" --export "$work/s31.export.json" --expect-tools none
grep -q 'Used by most roles' "$work/s31.svg"
check "...and lists the hub tools once, in the caption" test $? = 0
picture s14 s14
check "at 14 roles and 60 tools (162 shared-tool lines) the default draws no tool" \
    python3 "$layout" "$work/s14.json" --export "$work/s14.export.json" --expect-tools none
hubs=$top_srcdir/tests/fixtures/hubs # 8 roles; Slack used by all 8 is a hub
"$G" export -T json -d "$hubs" > "$work/hubs.export.json"
"$G" render -d "$hubs" -T json -o "$work/hubs.json"
check "with a hub tool the default draws the shared tools, '+N tools' on the roles" \
    python3 "$layout" "$work/hubs.json" --export "$work/hubs.export.json" --expect-tools shared
"$G" render -d "$hubs" --group-by team -T json -o "$work/hubs-team.json"
check "render --group-by team: one box per team, labelled, without overlaps" python3 -c '
import json, sys, subprocess
g = json.load(open(sys.argv[1]))
boxes = {o["label"]: {g["objects"][i]["label"].split("\\n")[0] for i in o.get("nodes", [])}
         for o in g["objects"] if o.get("name", "").startswith("cluster")}
# roles.csv of tests/fixtures/hubs: the team column, by hand
assert boxes == {"team: Insight": {"Analyst", "Curator", "Evaluator", "Forecaster"},
                 "team: Platform": {"Builder", "Deployer", "Guard"}}, boxes
sys.exit(subprocess.call([sys.executable, sys.argv[2], sys.argv[1]]))' "$work/hubs-team.json" "$layout"
"$G" render -d "$hubs" --group-by floor > /dev/null 2> "$work/err"
check "render --group-by an unknown column exits 2 naming the columns" \
    grep -q "no role has a value in column 'floor' of roles.csv (columns: summary, headcount, team)" "$work/err"
"$G" render --clusters --group-by team > /dev/null 2> "$work/err"
check "render --clusters --group-by is a usage error" test $? = 2
picture s14 s14-shared --tools shared
check "render --tools shared draws the shared non-hub tools, '+N tools' on the roles" \
    python3 "$layout" "$work/s14-shared.json" --export "$work/s14.export.json" --expect-tools shared
picture s14 s14-all --tools all --max-edges 0
check "render --tools all draws every tool" \
    python3 "$layout" "$work/s14-all.json" --export "$work/s14.export.json" --expect-tools all \
    --max-edges 100000
picture s31 s31-focus --focus "Data Scientist"
check "render --focus: the role and its neighbours, laid out cleanly" \
    python3 "$layout" "$work/s31-focus.json" --export "$work/s31.export.json" \
    --expect-focus "Data Scientist:1"
picture s31 s31-focus2 --focus DS --depth 2
check "render --focus --depth 2: the roles within two handoffs" \
    python3 "$layout" "$work/s31-focus2.json" --export "$work/s31.export.json" \
    --expect-focus "Data Scientist:2"
picture s300 s300-cut --max-edges 350
check "render --max-edges 350 at 300 roles: every connection kept, within 350 lines" \
    python3 "$layout" "$work/s300-cut.json" --export "$work/s300.export.json" --max-edges 350
"$G" render -d "$work/s31" --focus "Nobody" > /dev/null 2> "$work/err"
check "render --focus of an unknown role names it" grep -q "Nobody" "$work/err"
"$G" render --gaps -T dot > "$work/gaps-default.dot"
"$G" render --gaps all -T dot > "$work/gaps-all.dot"
"$G" gaps --format json > "$work/gaps.json"
check "render --gaps outlines high and medium gaps only; --gaps all every severity" python3 -c '
import json, re, sys
gaps = json.load(open(sys.argv[1]))["gaps"]
def outlined(path):  # roles (r<i>) with a severity colour, and the colours
    dot = open(path).read()
    return set(re.findall(r"color=\"(#d4a017|#e56a00|#c62828)\"", dot))
low_only = {g["severity"] for g in gaps} >= {"low"}
assert "#d4a017" not in outlined(sys.argv[2]), "a low gap outlined by default"
assert "#d4a017" in outlined(sys.argv[3]) or not low_only, "--gaps all left out low gaps"
' "$work/gaps.json" "$work/gaps-default.dot" "$work/gaps-all.dot"

# help
"$G" render --help > "$work/h1"; "$G" help render > "$work/h2"
check "help render equals render --help" cmp -s "$work/h1" "$work/h2"
check "render --help names every option" grep -q -- '--no-tools' "$work/h1"

echo "$passed passed, $failed failed"
[ $failed = 0 ]
