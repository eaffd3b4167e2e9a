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
check "HTML escapes markup in names (only the report's own script element)" \
    test "$(grep -o -e '<script' -e '<b>' "$work/hostile.html" | wc -l)" = 1
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
else
    echo "SKIP: script(1) not installed (apt-get install bsdutils)"
fi

# --version: the library's mg_version(), which tests/check_version.c ties to
# configure's version; here, to the MG_VERSION_* macros of the header too
v=$(for part in MAJOR MINOR PATCH; do
        sed -n "s/^#define MG_VERSION_$part \([0-9]*\)\$/\1/p" "$top_srcdir/lib/mlopsgraph.h"
    done | paste -sd.)
check "--version prints the version of MG_VERSION_MAJOR/MINOR/PATCH ($v)" \
    test "$("$G" --version)" = "mlops-graph $v"

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
