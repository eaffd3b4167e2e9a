#!/usr/bin/env python3
"""Bash completion (tools/completion/mlops-graph), judged by independent means.

The completion is sourced in bash after bash-completion, and its function is
called as readline calls it: COMP_WORDS split the way readline splits a line
(at blanks and at the '=' and ':' of COMP_WORDBREAKS, not inside quotes),
COMP_CWORD, COMP_LINE and COMP_POINT. Each reply is then put in place of the
word readline replaces and the line is read by bash (eval, in an empty
folder): the word it reads must be exactly the name offered, and nothing may
run (the folder stays empty).

What must be offered does not come from the completion nor from
--list-values, which it asks:
  - commands and options: the CLI's --help of each command;
  - the words of an option (formats, engines, kinds, severities, ...): the
    CLI's message for a bad value ("expected a, b or c"); then each is fed to
    the CLI, which must accept it, and every other word any option takes is
    fed to it too, which it must refuse: so completion offers exactly what
    the CLI takes;
  - role and tool names and roles.csv's columns: the CSV files, read here
    (data/ for the built-in model; fixtures whose names hold $, `, ', ", \,
    blanks, '=', ':', '@', ';' and '*');
  - files and folders: the folder listing.
Last, a few lines are typed, TAB and all, into an interactive bash on a
pseudo-terminal, and the line readline leaves is read back.
Environment: top_srcdir, MLOPS_GRAPH, BASH_COMPLETION (tests/completion.sh).
"""
import concurrent.futures
import csv
import os
import re
import select
import shlex
import shutil
import subprocess
import sys
import tempfile
import time

SRC = os.environ["top_srcdir"]
G = os.path.abspath(os.environ["MLOPS_GRAPH"])
BASH_COMPLETION = os.environ["BASH_COMPLETION"]
COMPLETION = os.path.join(SRC, "tools", "completion", "mlops-graph")
DATA = os.path.join(SRC, "data")
HOSTILE = os.path.join(SRC, "tests", "fixtures", "hostile")
SHELL_NAMES = os.path.join(SRC, "tests", "fixtures", "shell-names")

work = tempfile.mkdtemp(prefix="completion.")
sandbox = os.path.join(work, "sandbox")  # where replies are read: stays empty
files = os.path.join(work, "files")  # the folder completion runs in
home = os.path.join(work, "home")
bindir = os.path.join(work, "bin")  # mlops-graph there: the one under test
for d in (sandbox, files, home, bindir):
    os.mkdir(d)
with open(os.path.join(bindir, "mlops-graph"), "w") as f:
    f.write("#!/bin/sh\nexec %s \"$@\"\n" % shlex.quote(G))
os.chmod(os.path.join(bindir, "mlops-graph"), 0o755)
env = dict(os.environ, PATH=bindir + os.pathsep + os.environ["PATH"],
           HOME=home, LC_ALL="C.UTF-8", HISTFILE="/dev/null", INPUTRC="/dev/null")
passed = failed = 0


def check(name, ok, detail=""):
    global passed, failed
    if ok:
        passed += 1
        print("PASS: " + name)
    else:
        failed += 1
        print("FAIL: " + name)
        if detail:
            print("  " + str(detail).replace("\n", "\n  "))


def run(args, cwd=work):
    return subprocess.run([G] + args, cwd=cwd, env=env, stdin=subprocess.DEVNULL,
                          capture_output=True, text=True)


def run_all(runs):
    """run() of each argument list, a few at a time."""
    with concurrent.futures.ThreadPoolExecutor(max_workers=4) as pool:
        return list(pool.map(run, runs))


# ---- bash, driven as readline drives completion -------------------------------

DRIVER = r'''
source "$1" || exit 1
source "$2" || exit 1
sandbox=$3
while IFS= read -r -d '' n; do
    COMP_WORDS=()
    for ((k = 0; k < n; k++)); do IFS= read -r -d '' w; COMP_WORDS+=("$w"); done
    IFS= read -r -d '' COMP_LINE
    COMP_CWORD=$((n - 1)) COMP_POINT=${#COMP_LINE} COMP_TYPE=9 COMP_KEY=9
    COMPREPLY=()
    _mlops_graph < /dev/null
    rl=${COMP_WORDS[COMP_CWORD]} # what readline replaces: after a '=' or ':'
    [[ $rl == [=:] ]] && rl=
    head=${COMP_LINE:0:${#COMP_LINE}-${#rl}}
    for r in "${COMPREPLY[@]}"; do
        w=$(cd "$sandbox" && eval "_t=($head$r)" 2> /dev/null &&
            printf '%s' "${_t[${#_t[@]}-1]}") || w=$'\x01'
        printf '%s\0%s\0' "$r" "$w"
    done
    printf '\x02\0'
done
'''
# Where readline breaks a word besides blanks: '=' and ':' (bash-completion
# takes the '@' of bash's default out of COMP_WORDBREAKS), as bash says.
BREAKS = "".join(c for c in subprocess.run(
    ["bash", "--norc", "--noprofile", "-c", 'source "$1" && printf %s "$COMP_WORDBREAKS"', "_",
     BASH_COMPLETION], capture_output=True, text=True).stdout if c in "=:@")


def split_line(line):
    """COMP_WORDS as bash makes them of a line, the cursor at its end."""
    words, cur, quote, started, i = [], "", None, False, 0
    while i < len(line):
        c = line[i]
        if quote == "'":
            cur += c
            quote = None if c == "'" else quote
        elif quote == '"':
            cur += c
            if c == "\\" and i + 1 < len(line):
                cur += line[i + 1]
                i += 1
            elif c == '"':
                quote = None
        elif c in " \t":
            if started:
                words.append(cur)
            cur, started = "", False
        elif c == "\\":
            cur += line[i:i + 2]
            started = True
            i += 1
        elif c in "\"'":
            cur, quote, started = cur + c, c, True
        elif c in BREAKS:
            if started:
                words.append(cur)
            words.append(c)
            cur, started = "", False
        else:
            cur, started = cur + c, True
        i += 1
    if started or not words or line[-1] in " \t":
        words.append(cur)
    return words


class Bash:
    def __init__(self):
        self.p = subprocess.Popen(
            ["bash", "--norc", "--noprofile", "-c", DRIVER, "driver", BASH_COMPLETION, COMPLETION,
             sandbox], cwd=files, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        self.buf = b""

    def complete(self, line):
        """[(reply, the word bash reads with the reply in place)] for line."""
        words = split_line(line)
        record = "\0".join([str(len(words))] + words + [line]) + "\0"
        self.p.stdin.write(record.encode())
        self.p.stdin.flush()
        while b"\x02\0" not in self.buf:
            chunk = os.read(self.p.stdout.fileno(), 65536)
            if not chunk:
                raise SystemExit("FAIL: the completion's bash ended: " + line)
            self.buf += chunk
        end = self.buf.index(b"\x02\0")
        fields = self.buf[:end].decode().split("\0")[:-1]
        self.buf = self.buf[end + 2:]
        return list(zip(fields[0::2], fields[1::2]))


bash = Bash()


def offered(line):
    """The words the replies for line read as (\\x01: one did not read)."""
    return sorted(w for r, w in bash.complete(line))


def raw(line):
    return sorted(r for r, w in bash.complete(line))


def check_offer(name, line, want, prefix="", replies=None):
    """line completes to exactly the words want (plus prefix), each read back."""
    got = offered(line) if replies is None else replies
    want = sorted(prefix + w for w in want)
    missing = sorted(set(want) - set(got))
    extra = sorted(set(got) - set(want))
    check(name, got == want, "line: %r\nmissing: %r\nnot expected: %r" % (line, missing, extra))


q = shlex.quote


# ---- what the CLI says it takes -------------------------------------------------

def help_of(cmd):
    return run([cmd, "--help"]).stdout


def commands():
    text = run(["--help"]).stdout
    block = text.split("Commands:\n", 1)[1].split("\n\n", 1)[0]
    return [line.split()[0] for line in block.splitlines()]


OPTION_LINE = re.compile(r"^(?:  (-\w)(?:, (--[\w-]+))?|      (--[\w-]+))"
                         r"((?: (?:[A-Z][A-Z_]*|\[[a-z]+\]))*)(?=\s|$)")


def options_of(cmd):
    """{spelling: (metavariables, the option's long spelling, or its short
    one when it has no other)} from CMD --help."""
    out = {}
    for line in help_of(cmd).splitlines():
        m = OPTION_LINE.match(line)
        if m:
            short, long_ = m.group(1), m.group(2) or m.group(3)
            meta = tuple(m.group(4).split())
            for name in (short, long_):
                if name:
                    out[name] = (meta, long_ or short)
    out["--help"] = ((), "--help")
    return out


def operands_of(cmd):
    usage = help_of(cmd).splitlines()[0]
    return [w for w in usage.split("[options]", 1)[-1].split() if re.fullmatch(r"[A-Z_]+", w)]


# What each metavariable of --help names. A new one fails here until it is
# placed (and completion offers what it names).
WORDS, ROLE, ROLE_OR_TOOL, COLUMN, FILE, DIR, REF, NUMBER = (
    "words", "role", "role|tool", "column", "file", "dir", "ref", "number")
META = {"FORMAT": WORDS, "ENGINE": WORDS, "MODE": WORDS, "KIND": WORDS, "SEV": WORDS,
        "S": WORDS, "[all]": WORDS, "ROLE": ROLE, "FROM": ROLE, "TO": ROLE,
        "NAME": ROLE_OR_TOOL, "COLUMN": COLUMN, "FILE": FILE, "PATH": FILE, "DIR": DIR,
        "OLD_DIR": DIR, "NEW_DIR": DIR, "REF": REF, "N": NUMBER, "K": NUMBER}

ROLE_A, ROLE_B = "Data Scientists", "DevOps Engineers"  # of data/roles.csv, checked below


def base_args(cmd, n):
    """What makes a run of CMD complete, besides the option tried (n: a
    fresh output name)."""
    out = os.path.join(work, "out%d" % n)
    return {"path": [ROLE_A, ROLE_B], "whatif": ["--remove", ROLE_A], "diff": [DATA, DATA],
            "render": ["-o", out], "report": ["-o", out + ".md"], "export": ["-o", out],
            "generate": ["-d", out]}.get(cmd, [])


def expected_words(cmd, opt):
    """The words of the CLI's message for a bad value of OPT."""
    r = run([cmd, opt, "no-such-word"] + base_args(cmd, 0))
    m = re.search(r"\(expected (.*)\)$", r.stderr.splitlines()[0] if r.stderr else "")
    if r.returncode != 2 or not m:
        return None
    return re.split(r", | or ", m.group(1))


# ---- names, from the CSV files --------------------------------------------------

def unguard(s):
    """A cell as the loader reads it: without the "'" that guards a formula
    (README, Limits and safety), trimmed."""
    if len(s) >= 2 and s[0] == "'" and s[1] in "=+-@\t\r'":
        s = s[1:]
    return s.strip()


def table(folder, name):
    path = os.path.join(folder, name)
    if not os.path.exists(path):
        return [], []
    with open(path, newline="", encoding="utf-8-sig") as f:
        rows = [[unguard(c) for c in row] for row in csv.reader(f)]
    return rows[0], [dict(zip([h.lower() for h in rows[0]], r)) for r in rows[1:]]


def names_of(folder):
    """(roles, tools, --group-by columns) of an organisation's folder."""
    roles, tools = set(), set()
    header, rows = table(folder, "roles.csv")
    roles |= {r["role"] for r in rows}
    for t, cols in (("responsibilities.csv", ["role"]), ("tools.csv", ["role"]),
                    ("collaborations.csv", ["from", "to"])):
        for r in table(folder, t)[1]:
            roles |= {r[c] for c in cols}
    tools = {r["tool"] for r in table(folder, "tools.csv")[1]}
    # the columns some role has a value in, summary and headcount by those names
    columns = {h.lower() if h.lower() in ("summary", "headcount") else h for h in header
               if h.lower() not in ("role", "aliases") and any(r.get(h.lower()) for r in rows)}
    return sorted(roles - {""}), sorted(tools - {""}), sorted(columns)


# ---- commands and options ---------------------------------------------------------

cmds = commands()
check_offer("mlops-graph <TAB>: the commands of --help, --help and --version",
            "mlops-graph ", cmds + ["--help", "--version"])
check_offer("mlops-graph b<TAB>", "mlops-graph b", [c for c in cmds if c.startswith("b")])
check_offer("mlops-graph help <TAB>: the commands", "mlops-graph help ", cmds)

options = {c: options_of(c) for c in cmds if c != "help"}
for cmd, opts in options.items():
    check_offer("%s -<TAB>: the options of its --help" % cmd, "mlops-graph %s -" % cmd, opts)
    check_offer("%s --<TAB>: its long options" % cmd, "mlops-graph %s --" % cmd,
                [o for o in opts if o.startswith("--")])
unknown = sorted(({m for opts in options.values() for meta, _ in opts.values() for m in meta} |
                  {m for c in options for m in operands_of(c)}) - set(META))
check("every metavariable of --help is one this test places (META)", not unknown, unknown)

# ---- the words of every option that takes words -----------------------------------

word_options = [(cmd, opt) for cmd, opts in options.items() for opt, (meta, one) in opts.items()
                if meta and META.get(meta[0]) == WORDS and opt == one]
words = {}
for cmd, opt in word_options:
    want = expected_words(cmd, opt)
    check("%s %s no-such-word: exit 2, the message lists the words taken" % (cmd, opt),
          want is not None)
    words[cmd, opt] = want or []
universe = sorted({w for ws in words.values() for w in ws} | {"builtin", "auto", "none", "all"})

n = 0
for (cmd, opt), want in words.items():
    check_offer("%s %s <TAB>: the words its message lists" % (cmd, opt),
                "mlops-graph %s %s " % (cmd, opt), want)
    first = want[-1][:1] if want else "x"
    check_offer("%s %s %s<TAB>" % (cmd, opt, first), "mlops-graph %s %s %s" % (cmd, opt, first),
                [w for w in want if w.startswith(first)])
    meta = options[cmd][opt][0]
    if opt.startswith("--") and not meta[0].startswith("["):
        check_offer("%s %s=<TAB>" % (cmd, opt), "mlops-graph %s %s=" % (cmd, opt), want,
                    prefix=opt + "=")
    # what completion offers, fed to the CLI, and every other word
    got = offered("mlops-graph %s %s " % (cmd, opt))
    tried = sorted(set(universe) | set(got))
    bad_accepted, good_refused = [], []
    results = run_all([[cmd, opt, w] + base_args(cmd, n + i) for i, w in enumerate(tried)])
    n += len(tried)
    for w, r in zip(tried, results):
        if w in got and r.returncode not in (0, 1):
            good_refused.append((w, r.returncode, r.stderr.strip()))
        if w not in got and r.returncode != 2:
            bad_accepted.append((w, r.returncode))
    check("%s %s: the CLI takes every word completion offers" % (cmd, opt), not good_refused,
          good_refused)
    check("%s %s: ...and refuses every other word any option takes" % (cmd, opt),
          not bad_accepted, bad_accepted)

# formats per command, as issue 19 saw them go wrong
check("report --format offers html, not csv", "html" in words.get(("report", "--format"), [])
      and "csv" not in words.get(("report", "--format"), []))
check_offer("report --form <TAB> (an abbreviation, as getopt takes it)",
            "mlops-graph report --form ", words.get(("report", "--format"), []))
check_offer("render --gaps -<TAB>: the optional word left out, options",
            "mlops-graph render --gaps -", options["render"])

# --reference: builtin or a folder
os.mkdir(os.path.join(files, "a dir"))
os.mkdir(os.path.join(files, "sub"))
for name in ("a file.json", "plain.csv", "$x 'q'.json"):
    open(os.path.join(files, name), "w").close()
dirs = ["a dir", "sub"]
entries = sorted(os.listdir(files))
for cmd, opts in options.items():
    for opt, (meta, one) in opts.items():
        if opt == one and meta and META.get(meta[0]) == REF:
            line = "mlops-graph %s %s " % (cmd, opt)
            check_offer("%s %s <TAB>: builtin and the folders" % (cmd, opt), line,
                        ["builtin"] + dirs, replies=raw(line))
            check("%s %s builtin: taken" % (cmd, opt),
                  run([cmd, opt, "builtin"] + base_args(cmd, 0)).returncode in (0, 1))

# ---- files, folders and numbers -------------------------------------------------------

for cmd, opts in options.items():
    for opt, (meta, one) in opts.items():
        if opt != one:
            continue  # the short spelling: the long one is tried
        what = [META.get(m) for m in meta]
        line = "mlops-graph %s %s " % (cmd, opt)
        if what == [FILE]:
            check_offer("%s %s <TAB>: files and folders" % (cmd, opt), line, entries,
                        replies=raw(line))
            check_offer("%s %s a<TAB>" % (cmd, opt), line + "a",
                        [e for e in entries if e.startswith("a")], replies=raw(line + "a"))
        elif what == [DIR]:
            check_offer("%s %s <TAB>: folders" % (cmd, opt), line, dirs, replies=raw(line))
        elif what == [NUMBER]:
            check_offer("%s %s <TAB>: nothing (a number)" % (cmd, opt), line, [])
check_offer("diff <TAB>: folders", "mlops-graph diff ", dirs, replies=raw("mlops-graph diff "))
check_offer("diff sub <TAB>: folders", "mlops-graph diff sub ", dirs,
            replies=raw("mlops-graph diff sub "))
check_offer("diff a b <TAB>: nothing more", "mlops-graph diff a b ", [], replies=raw(
    "mlops-graph diff a b "))

# ---- names: roles, tools, columns --------------------------------------------------------

data_roles, data_tools, data_columns = names_of(DATA)
check("data/roles.csv names the roles the CLI lists",
      sorted(run(["roles"]).stdout.splitlines()) == data_roles)
check("the roles the runs above use are in data/", ROLE_A in data_roles and ROLE_B in data_roles)

# every option (and operand) that names a role, a tool or a column
shell_roles, shell_tools, shell_columns = names_of(SHELL_NAMES)
names_by_kind = {ROLE: ("roles", shell_roles),
                 ROLE_OR_TOOL: ("roles and tools", shell_roles + shell_tools),
                 COLUMN: ("columns", shell_columns)}
for cmd, opts in options.items():
    named = [(opt, META.get(meta[0])) for opt, (meta, one) in opts.items() if opt == one and meta]
    operands = operands_of(cmd)
    named += [("", META.get(operands[0]))] if operands else []
    for opt, kind in named:
        if kind in names_by_kind:
            label, want = names_by_kind[kind]
            check_offer("shell-names: %s %s <TAB>: its %s" % (cmd, opt or "(operand)", label),
                        "mlops-graph %s -d %s %s" % (cmd, q(SHELL_NAMES), opt + " " if opt else ""),
                        want)

# a copy of shell-names in a folder whose name needs quoting too
org = os.path.join(work, "my org $HOME")
shutil.copytree(SHELL_NAMES, org)

orgs = [("the built-in model", [], DATA),
        ("hostile", ["-d", q(HOSTILE)], HOSTILE),
        ("shell-names", ["-d", q(SHELL_NAMES)], SHELL_NAMES),
        ("shell-names as -d \"...\"", ["-d", '"%s"' % org.replace("$", "\\$")], org),
        ("shell-names as -d ...\\ ...", ["--dir", re.sub(r"([ $])", r"\\\1", org)], org),
        ("shell-names as --dir=...", ["--dir=" + q(org)], org),
        ("shell-names' roles.csv alone", ["--roles-csv", q(os.path.join(org, "roles.csv"))],
         None)]


for label, inputs, folder in orgs:
    if folder:
        roles, tools, columns = names_of(folder)
    else:  # roles.csv alone: its roles, no tools
        roles = sorted({r["role"] for r in table(org, "roles.csv")[1]})
        tools, columns = [], names_of(org)[2]
    pre = " ".join(inputs)
    cases = [("path <TAB>", "path %s " % pre, roles),
             ("path FROM <TAB>", "path %s %s " % (pre, q(roles[0])), roles),
             ("path FROM TO <TAB> (no more)", "path %s %s %s " % (pre, q(roles[0]), q(roles[1])),
              []),
             ("path -k 2 FROM <TAB>", "path -k 2 %s %s " % (pre, q(roles[0])), roles),
             ("render --focus <TAB>", "render %s --focus " % pre, roles),
             ("render --path <TAB>", "render %s --path " % pre, roles),
             ("render --path FROM <TAB>", "render %s --path %s " % (pre, q(roles[-1])), roles),
             ("render --focus=<TAB>", "render %s --focus=" % pre, ["--focus=" + r for r in roles]),
             ("whatif --remove <TAB>: roles and tools", "whatif %s --remove " % pre, roles + tools),
             ("render --group-by <TAB>: the columns", "render %s --group-by " % pre, columns)]
    for name, line, want in cases:
        check_offer("%s: %s" % (label, name), "mlops-graph " + line, want)


def escape_bare(s):
    return re.sub(r"([ \t\\\"'$`;&|<>()*?\[\]#~!{}])", r"\\\1", s)


def escape_double(s):
    return '"' + re.sub(r'([\\"$`])', r"\\\1", s)


def escape_single(s):
    return "'" + s.replace("'", "'\\''")


# every name, typed part way in each way of quoting, comes back whole
for label, folder, kinds in (("hostile", HOSTILE, ("role", "tool")),
                             ("shell-names", SHELL_NAMES, ("role", "tool", "column"))):
    roles, tools, columns = names_of(folder)
    # (the line, the names typed, all the names offered there)
    lines = {"role": ("mlops-graph path -d %s " % q(folder), roles, roles),
             "tool": ("mlops-graph whatif -d %s --remove " % q(folder), tools, roles + tools),
             "column": ("mlops-graph render -d %s --group-by " % q(folder), columns, columns)}
    for kind in kinds:
        line, typed_names, names = lines[kind]
        parts = sorted({name[:k] for name in typed_names for k in {1, len(name) // 2} if k})
        for style in (escape_bare, escape_double, escape_single):
            wrong, tried = [], 0
            for part in parts:
                if kind == "role" and style is escape_bare and part.startswith("-"):
                    continue  # an option, to getopt and to completion
                want = sorted(x for x in names if x.startswith(part))
                got = offered(line + style(part))
                tried += 1
                if got != want:
                    wrong.append((style(part), got, want))
            check("%s: %s names typed part way as %s (%d) come back whole" % (
                label, kind, style.__name__[len("escape_"):], tried), not wrong, wrong[:3])

# the CLI takes every name offered (the replies read back above)
hostile_roles, hostile_tools, _ = names_of(HOSTILE)
for folder, roles, tools, columns in ((SHELL_NAMES, shell_roles, shell_tools, shell_columns),
                                      (HOSTILE, hostile_roles, hostile_tools, None),
                                      (DATA, data_roles, data_tools, data_columns)):
    for what, args, names in (
            ("render --focus takes every role", ["render", "-T", "dot", "--focus"], roles),
            ("whatif --remove takes every role and tool", ["whatif", "--remove"], roles + tools),
            ("render --group-by takes every column", ["render", "-T", "dot", "--group-by"],
             columns or [])):
        results = run_all([args[:1] + ["-d", folder] + args[1:] + [x] for x in names])
        refused = [x for x, r in zip(names, results) if r.returncode]
        check("%s offered (%s)" % (what, os.path.basename(folder)), not refused, refused)
# the columns the CLI's message for an unknown column names, those it takes
hubs = os.path.join(SRC, "tests", "fixtures", "hubs")
m = re.search(r"\(columns: (.*)\)",
              run(["render", "-d", hubs, "--group-by", "nope", "-T", "dot"]).stderr)
named = m.group(1).split(", ") if m else ["(no message)"]
taken = [c for c, r in zip(named, run_all([["render", "-d", hubs, "-T", "dot", "--group-by", c]
                                           for c in named])) if r.returncode == 0]
check_offer("render --group-by <TAB>: the columns the CLI's message names and takes (hubs)",
            "mlops-graph render -d %s --group-by " % q(hubs), taken)

check("no reply ran anything (the folder they were read in is empty)", not os.listdir(sandbox),
      os.listdir(sandbox))

# ---- typed into an interactive bash: what readline leaves on the line ---------------------


def readline_session(lines):
    """{line typed: the line after TAB} from an interactive bash on a pty."""
    import pty
    pid, fd = pty.fork()
    if pid == 0:
        os.chdir(files)
        os.execve("/bin/bash" if os.path.exists("/bin/bash") else shutil.which("bash"),
                  ["bash", "--norc", "--noprofile", "-i"], dict(env, PS1="$ ", TERM="dumb"))
    buf = b""

    def read_until(marker, seconds=20):
        nonlocal buf
        end = time.time() + seconds
        while marker not in buf and time.time() < end:
            if select.select([fd], [], [], 0.1)[0]:
                try:
                    buf += os.read(fd, 65536)
                except OSError:
                    break
        if marker not in buf:
            return None
        i = buf.index(marker) + len(marker)
        out, buf = buf[:i], buf[i:]
        return out

    setup = ("bind 'set bell-style none'; source %s; source %s; "
             "bind -x '\"\\C-t\": printf \"\\nLINE<%%s>\\n\" \"$READLINE_LINE\"'; "
             "echo READY.\n" % (q(BASH_COMPLETION), q(COMPLETION)))
    os.write(fd, setup.encode())
    read_until(b"READY.\r\n")
    read_until(b"READY.\r\n")
    out = {}
    for line in lines:
        os.write(fd, line.encode() + b"\t\x14")
        got = read_until(b">\r\n")
        out[line] = got.decode("utf-8", "replace").rsplit("LINE<", 1)[-1][:-3] if got else None
        os.write(fd, b"\x15")
    os.write(fd, b"exit\n")
    os.close(fd)
    os.waitpid(pid, 0)
    return out


def last_word(line):
    r = subprocess.run(["bash", "-c", 'eval "a=($1)" && printf %s "${a[${#a[@]}-1]}"', "_", line],
                       cwd=sandbox, capture_output=True, text=True)
    return r.stdout if r.returncode == 0 else None


typed = {
    "mlops-graph path Site\\ R": "Site Reliability Engineers",
    'mlops-graph path "Site R': "Site Reliability Engineers",
    "mlops-graph path -d %s 'O" % q(SHELL_NAMES): 'O\'Brien "The Boss" $HOME',
    "mlops-graph path -d %s key=v" % q(SHELL_NAMES): "key=value:port@host",
    "mlops-graph path -d %s key=value:p" % q(SHELL_NAMES): "key=value:port@host",
    "mlops-graph whatif -d %s --remove tool=x:y" % q(SHELL_NAMES): "tool=x:y@z",
    "mlops-graph render -d %s --group-by \"say" % q(SHELL_NAMES): 'say "hi"',
    "mlops-graph render -d %s --group-by @" % q(SHELL_NAMES): "@at",
    "mlops-graph path -d %s @S" % q(HOSTILE): "@SUM(1)",
    "mlops-graph whatif -d %s --remove tool=x:y@" % q(SHELL_NAMES): "tool=x:y@z",
    "mlops-graph path -d %s \"=cmd" % q(HOSTILE): "=cmd|' /C calc'!A0",
    "mlops-graph whatif -d %s --remove '`id" % q(SHELL_NAMES): "`id` runner",
    "mlops-graph path -d %s =S" % q(HOSTILE): "=SUM(A1)",
    "mlops-graph report --format=h": "--format=html",
    "mlops-graph render -K ne": "neato",
    "mlops-graph gaps --baseline a\\ f": "a file.json",
    "mlops-graph gaps --baseline \\$": "$x 'q'.json",
}
try:
    after = readline_session(list(typed))
except OSError as e:
    print("SKIP: no pseudo-terminal for an interactive bash (%s)" % e)
    after = None
for line, want in typed.items() if after is not None else []:
    got = after[line]
    check("typed %r, TAB: readline leaves %r, read as %r" % (line, got, want),
          got is not None and got.endswith(" ") and last_word(got) == want, got)
check("...and nothing ran", not os.listdir(sandbox), os.listdir(sandbox))

bash.p.stdin.close()
bash.p.wait()
shutil.rmtree(work)
print("%d passed, %d failed" % (passed, failed))
sys.exit(1 if failed else 0)
