"""Tests of the Python module against the library just built.

Expected values come from elsewhere than the module: the reference CSV files
read with Python's csv module, the counts of the seed worked out by hand (see
tests/check_load.c), and the CLI's own JSON for the same questions.
"""

import contextlib
import csv
import html
import io
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import threading
import unittest
import xml.etree.ElementTree as ET

import mlopsgraph

try:
    import pandas
except ImportError:
    pandas = None
NEEDS_PANDAS = "needs pandas (Debian: apt-get install python3-pandas)"

SRCDIR = os.environ.get("top_srcdir", os.path.join(os.path.dirname(__file__), "..", "..", ".."))
CLI = os.environ.get("MLOPS_GRAPH", "mlops-graph")


def cli_json(*args):
    out = subprocess.run([CLI, *args, "--format", "json"], check=True, stdout=subprocess.PIPE)
    return json.loads(out.stdout)


class Reference(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.org = mlopsgraph.Org.reference()

    def test_roles_are_those_of_data_roles_csv(self):
        with open(os.path.join(SRCDIR, "data", "roles.csv"), encoding="utf-8", newline="") as f:
            names = sorted((row["role"] for row in csv.DictReader(f)), key=str.lower)
        self.assertEqual(self.org.roles, names)

    def test_counts_from_the_seed(self):
        # 42 key tools in the seed, three of them shared: 39 distinct
        self.assertEqual(len(self.org.tools), 39)
        s = self.org.summary()
        self.assertEqual((s["roles"], s["responsibilities"], s["uses"]), (10, 40, 42))
        self.assertEqual(s["version"], 1)

    def test_results_equal_the_cli(self):
        self.assertEqual(self.org.gaps(), cli_json("gaps"))
        self.assertEqual(self.org.gaps(kinds=["cut-role"], min_roles=3),
                         cli_json("gaps", "--kind", "cut-role", "--min-roles", "3"))
        self.assertEqual(self.org.clusters(), cli_json("clusters"))
        self.assertEqual(self.org.clusters(similarity="jaccard", tools=True),
                         cli_json("clusters", "--similarity", "jaccard", "--tools"))
        self.assertEqual(self.org.path("DS", "DevOps", k=3),
                         cli_json("path", "DS", "DevOps", "-k", "3"))
        self.assertEqual(self.org.paths(), cli_json("paths"))
        self.assertEqual(self.org.bottlenecks(), cli_json("bottlenecks"))

    def test_findings(self):
        latent = [g for g in self.org.gaps()["gaps"] if g["kind"] == "latent-collaboration"]
        self.assertEqual(sorted(g["tools"] for g in latent), [["Grafana", "Prometheus"], ["Jira"]])
        chain = self.org.path("Data Scientists", "DevOps Engineers")["paths"][0]
        self.assertEqual([s["to"] for s in chain["steps"]],
                         ["Machine Learning Engineers", "DevOps Engineers"])

    def test_cut_role_separates(self):
        # data/collaborations.csv: DevOps <-> MLE is DevOps' only handoff, and
        # MLE -> SWE <-> DS <-> DE, DS -> MLE: without MLE, DevOps is cut off;
        # it reached the three others through MLE, and each of them reached it
        gaps = self.org.gaps(kinds=["cut-role"])["gaps"]
        mle = [g for g in gaps if g["roles"] == ["Machine Learning Engineers"]][0]
        self.assertEqual(mle["separated"], [["DevOps Engineers"]])
        self.assertEqual(mle["separated_sizes"], [1])
        others = ["Data Engineers", "Data Scientists", "Software Engineers"]
        self.assertEqual(sorted(map(tuple, mle["reach_lost"])),
                         sorted([("DevOps Engineers", o) for o in others]
                                + [(o, "DevOps Engineers") for o in others]))
        # the report embeds the same gaps
        self.assertEqual(self.org.report()["gaps"], self.org.gaps())

    def test_render(self):
        svg = self.org.render(clusters=True, gaps=True)
        self.assertTrue(svg.startswith(b"<?xml"))
        ET.fromstring(svg.split(b"\n", 3)[3])  # well-formed after the prolog and DOCTYPE
        self.assertIn("MLOps Manager / Lead".encode(), svg)
        self.assertEqual(self.org.render(format="png")[:8], b"\x89PNG\r\n\x1a\n")
        with self.assertRaises(mlopsgraph.MgError) as e:
            self.org.render(format="gif")
        self.assertEqual(e.exception.code, mlopsgraph.EINVAL)

    def test_export(self):
        root = ET.fromstring(self.org.export("graphml"))
        ns = "{http://graphml.graphdrawing.org/xmlns}"
        self.assertEqual(len(root.findall(f"{ns}graph/{ns}node")), 10 + 39 + 38)
        self.assertEqual(len(json.loads(self.org.export("json"))["nodes"]), 87)


def csv_rows(folder, table):
    with open(os.path.join(folder, table + ".csv"), encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def unowned(comparison):
    """{(role, capability): message} of the unowned-responsibility gaps."""
    return {(g["roles"][0], g["capabilities"][0]): g["message"]
            for g in comparison["gaps_opened"] if g["kind"] == "unowned-responsibility"}


class Comparisons(unittest.TestCase):
    """whatif and diff: equal to the CLI's JSON; the work a removed role
    leaves is worked out from the CSV files with Python's csv module."""

    HAND = os.path.join(SRCDIR, "tests", "fixtures", "hand")

    def test_whatif_equals_the_cli(self):
        org = mlopsgraph.Org.reference()
        self.assertEqual(org.whatif(remove=["MLE"]), cli_json("whatif", "--remove", "MLE"))
        self.assertEqual(org.whatif(remove=["DS", "Jira"]),
                         cli_json("whatif", "--remove", "DS", "--remove", "Jira"))
        self.assertEqual(org.whatif("MLE", format="csv"),
                         cli("whatif", "--remove", "MLE", "--format", "csv"))
        with self.assertRaises(mlopsgraph.MgError) as e:
            org.whatif(remove=["Nobody"])
        self.assertEqual(e.exception.code, mlopsgraph.ENOTFOUND)

    def test_whatif_mle_leaves_its_four_responsibilities(self):
        data = os.path.join(SRCDIR, "data")
        role = [r["role"] for r in csv_rows(data, "roles")
                if "MLE" in r["aliases"].split(";")][0]
        rows = [r for r in csv_rows(data, "responsibilities") if r["role"] == role]
        self.assertEqual(len(rows), 4)
        got = unowned(mlopsgraph.Org.reference().whatif(remove=["MLE"]))
        self.assertEqual(set(got), {(role, r["capability"]) for r in rows})
        for r in rows:
            self.assertTrue(got[(role, r["capability"])].startswith(
                "Without %s, nobody owns '%s' (%s)" % (role, r["responsibility"],
                                                       r["capability"])))

    def test_diff_equals_the_cli(self):
        for new in ("hand-v2", "hand-v3"):
            new_dir = os.path.join(SRCDIR, "tests", "fixtures", new)
            got = mlopsgraph.Org.load(self.HAND).diff(mlopsgraph.Org.load(new_dir))
            self.assertEqual(got, cli_json("diff", self.HAND, new_dir), new)
        untitled = mlopsgraph.Org.reference().diff(mlopsgraph.Org.reference())
        self.assertEqual((untitled["title"], untitled["gaps_opened"]), ("Changes", []))

    def test_diff_unowned_by_capability(self):
        # OLD's responsibilities whose capability no row of NEW needs
        new_dir = os.path.join(SRCDIR, "tests", "fixtures", "hand-v3")
        needed = {r["capability"] for r in csv_rows(new_dir, "responsibilities")}
        want = {(r["role"], r["capability"]) for r in csv_rows(self.HAND, "responsibilities")
                if r["capability"] not in needed}
        self.assertEqual(want, {("B", "cap-y"), ("C", "cap-z")})  # as check_compare.c says
        got = mlopsgraph.Org.load(self.HAND).diff(mlopsgraph.Org.load(new_dir))
        self.assertEqual(set(unowned(got)), want)

    def test_closed_gaps_name_only_what_remains(self):
        # a gap that is gone counts as closed exactly when every name it
        # cites is in NEW (its roles, tools and capabilities as listed there)
        for new in ("hand-v2", "hand-v3"):
            new_org = mlopsgraph.Org.load(os.path.join(SRCDIR, "tests", "fixtures", new))
            names = set(new_org.roles) | set(new_org.tools) | set(new_org.capabilities)
            got = mlopsgraph.Org.load(self.HAND).diff(new_org)
            self.assertTrue(got["gaps_closed"] and got["gaps_gone_with_removal"], new)
            for key, remains in (("gaps_closed", True), ("gaps_gone_with_removal", False)):
                for g in got[key]:
                    cited = set(g["roles"]) | set(g["tools"]) | set(g["capabilities"])
                    self.assertEqual(cited <= names, remains, (new, g))


class Loading(unittest.TestCase):
    """The module says what it tried and what to do when the library is not
    where it looks; MLOPSGRAPH_LIBRARY names the one library it takes."""

    def run_module(self, source, library=None):
        with tempfile.TemporaryDirectory() as d:
            with open(os.path.join(d, "mlopsgraph.py"), "w", encoding="utf-8") as f:
                f.write(source)
            env = {k: v for k, v in os.environ.items()
                   if k not in ("MLOPSGRAPH_LIBRARY", "PYTHONPATH")}
            if library:
                env["MLOPSGRAPH_LIBRARY"] = library
            return subprocess.run([sys.executable, "-c", "import mlopsgraph"], cwd=d, env=env,
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE).stderr.decode()

    def test_not_installed(self):
        # the module as make made it, for a library installed nowhere
        with open(mlopsgraph.__file__, encoding="utf-8") as f:
            source = f.read()
        libdir = re.search(r'^_LIBDIR = "(.*)"$', source, re.M).group(1)
        soname = re.search(r'^_SONAME = "(.*)"$', source, re.M).group(1)
        self.assertEqual(soname, "libmlopsgraph.so.1")  # LIBMLOPSGRAPH_VERSION 1:0:0
        source = source.replace('_LIBDIR = "%s"' % libdir, '_LIBDIR = "/no/such/dir"')
        source = source.replace('_SONAME = "%s"' % soname, '_SONAME = "libmlopsgraph.so.999"')
        err = self.run_module(source)
        self.assertIn("ImportError: mlopsgraph needs the C library libmlopsgraph.so.999", err)
        self.assertIn("/no/such/dir/libmlopsgraph.so.999", err)
        self.assertIn("set MLOPSGRAPH_LIBRARY to the path of libmlopsgraph.so.999", err)

    def test_named_library_or_none(self):
        with open(mlopsgraph.__file__, encoding="utf-8") as f:
            err = self.run_module(f.read(), library="/no/such/libmlopsgraph.so.1")
        self.assertIn("ImportError: MLOPSGRAPH_LIBRARY=/no/such/libmlopsgraph.so.1 cannot be "
                      "loaded", err)

    def test_version(self):
        with open(os.path.join(SRCDIR, "configure.ac"), encoding="utf-8") as f:
            release = re.search(r"AC_INIT\(\[mlops-graph\], \[([^]]+)\]", f.read()).group(1)
        self.assertEqual((mlopsgraph.__version__, mlopsgraph.version()), (release, release))


class Errors(unittest.TestCase):
    def test_bad_csv_names_its_place(self):
        org = mlopsgraph.Org()
        with self.assertRaises(mlopsgraph.MgError) as e:
            org.load_csv("roles", "role,summary\nA,x,y\n", source="roles.csv")
        err = e.exception
        # "A,x," is four characters: the extra field starts at column 5
        self.assertEqual((err.code, err.source, err.line, err.column),
                         (mlopsgraph.EINPUT, "roles.csv", 2, 5))
        self.assertIn("row has 3 fields", err.message)
        self.assertEqual(org.roles, [])  # all-or-nothing

    def test_missing_folder(self):
        with self.assertRaises(mlopsgraph.MgError) as e:
            mlopsgraph.Org.load("/no/such/folder")
        self.assertEqual(e.exception.code, mlopsgraph.EINPUT)
        self.assertIn("/no/such/folder", str(e.exception))

    def test_unknown_role_suggests(self):
        with self.assertRaises(mlopsgraph.MgError) as e:
            mlopsgraph.Org.reference().path("Data Sceintists", "SRE")
        self.assertEqual(e.exception.code, mlopsgraph.ENOTFOUND)
        self.assertIn("did you mean 'Data Scientists'", e.exception.message)

    def test_folder(self):
        with tempfile.TemporaryDirectory() as d:
            with open(os.path.join(d, "collaborations.csv"), "w", encoding="utf-8") as f:
                f.write("from,to\nA,B\nB,C\n")
            org = mlopsgraph.Org.load(d)
            self.assertEqual(org.roles, ["A", "B", "C"])
            self.assertEqual(org.bottlenecks()["roles"][0], {"role": "B", "betweenness": 1,
                                                             "pairs_total": 1,
                                                             "pairs": [["A", "C"]]})

    def test_tables_in_any_order(self):
        # tests/fixtures/messy names roles by alias in every table: loaded table
        # by table, last table first, it is the organisation the CLI reads with -d
        messy = os.path.join(SRCDIR, "tests", "fixtures", "messy")
        org = mlopsgraph.Org()
        for table in ("collaborations", "tools", "responsibilities", "roles"):
            path = os.path.join(messy, table + ".csv")
            with open(path, encoding="utf-8") as f:
                org.load_csv(table, f.read(), source=path)
        want = cli_json("report", "-d", messy)
        want["picture"] = None  # the CLI's report names its picture file; Python draws none
        self.assertEqual(org.report(), want)
        self.assertEqual(len(org.roles), 7)  # worked out in tests/check_model.c


class Robustness(unittest.TestCase):
    """Integer arguments and threads (issue 16)."""

    def test_negative_counts_are_value_errors(self):
        org = mlopsgraph.Org.reference()
        # ctypes would wrap -1 to 2**64 - 1 (k: run for ever; min_roles: 100 gaps)
        for call in (lambda: org.path("DS", "SRE", k=-1), lambda: org.path("DS", "SRE", k=0),
                     lambda: org.gaps(min_roles=-1), lambda: org.gaps(min_shared=1.5),
                     lambda: org.clusters(neighbours=-2)):
            with self.assertRaises(ValueError):
                call()

    def test_render_engine_is_the_librarys_choice(self):
        # the default equals the CLI's default (its choice by size), not dot
        org = mlopsgraph.Org.reference()
        want = subprocess.run([CLI, "render", "-T", "dot"], check=True,
                              stdout=subprocess.PIPE).stdout
        self.assertEqual(bytes(org.render(format="dot")), want)

    def test_loading_while_other_threads_read(self):
        # loading the same tools table again merges every row: the gaps stay
        # the same, so each reader must see exactly the single-threaded answer
        org = mlopsgraph.Org.reference()
        want = org.gaps()
        with open(os.path.join(SRCDIR, "data", "tools.csv"), encoding="utf-8") as f:
            tools = f.read()
        seen, errors = [], []

        def read():
            try:
                for _ in range(15):
                    seen.append(org.gaps() == want)
            except Exception as e:  # noqa: BLE001 - any failure fails the test
                errors.append(e)
        threads = [threading.Thread(target=read) for _ in range(4)]
        for t in threads:
            t.start()
        for _ in range(15):
            org.load_csv("tools", tools)
        for t in threads:
            t.join()
        self.assertEqual(errors, [])
        self.assertEqual(len(seen), 60)
        self.assertTrue(all(seen))


@contextlib.contextmanager
def progress(fn):
    """This thread's progress function is fn inside the block (which may set
    another) and none after it, also when the block raises."""
    mlopsgraph.set_progress(fn)
    try:
        yield
    finally:
        mlopsgraph.set_progress(None)


class Threads(unittest.TestCase):
    """Threads reading one Org at once, progress per thread, cancelling
    (issue 16); the expected answers are the single-threaded ones."""

    def work(self, org):
        return (json.dumps(org.gaps()), json.dumps(org.clusters()),
                json.dumps(org.path("Data Scientists", "Software Engineers", k=3)),
                json.dumps(org.bottlenecks()), bytes(org.render(format="svg")),
                org.export(format="json"))

    def test_eight_threads_equal_one(self):
        shared = mlopsgraph.Org.reference()
        want = self.work(shared)
        got, errors = [], []

        def run():
            try:
                own = mlopsgraph.Org.load(os.path.join(SRCDIR, "data"))
                got.append(self.work(own))
                got.append(self.work(shared))
            except Exception as e:  # noqa: BLE001 - any failure fails the test
                errors.append(e)
        threads = [threading.Thread(target=run) for _ in range(8)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        self.assertEqual(errors, [])
        self.assertEqual(len(got), 16)
        for answer in got:
            self.assertEqual(answer, want)

    def test_readers_of_one_org_run_at_once(self):
        # each of two threads waits, inside its own analysis of the same Org,
        # for the other to be inside its own: were readers serialised, the
        # barrier would time out and the call would raise BrokenBarrierError
        org = mlopsgraph.Org.reference()
        barrier = threading.Barrier(2, timeout=30)
        results, errors = [], []

        def met(phase, fraction):
            barrier.wait()
            mlopsgraph.set_progress(None)
            return False

        def run():
            try:
                mlopsgraph.set_progress(met)
                results.append(org.bottlenecks())
            except Exception as e:  # noqa: BLE001
                errors.append(e)
        threads = [threading.Thread(target=run) for _ in range(2)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        self.assertEqual(errors, [])
        self.assertEqual(results, [org.bottlenecks()] * 2)

    def test_progress_reports_and_cancels(self):
        org = mlopsgraph.Org.reference()
        before = org.report()
        reports = []
        with progress(lambda phase, fraction: reports.append((phase, fraction))):
            org.bottlenecks()
            self.assertIn("betweenness", [phase for phase, _ in reports])
            self.assertTrue(all(f is None or 0 <= f <= 1 for _, f in reports))
            mlopsgraph.set_progress(lambda phase, fraction: True)
            with self.assertRaises(mlopsgraph.Cancelled) as caught:
                org.bottlenecks()
            self.assertEqual(caught.exception.message, "cancelled by the progress callback")

            def fails(phase, fraction):
                raise ValueError("from the progress function")
            mlopsgraph.set_progress(fails)
            with self.assertRaisesRegex(ValueError, "from the progress function"):
                org.clusters()
        self.assertEqual(org.report(), before)
        # another thread never saw this thread's function
        seen = []
        t = threading.Thread(target=lambda: seen.append(org.bottlenecks()))
        with progress(lambda phase, fraction: True):
            t.start()
            t.join()
        self.assertEqual(seen, [org.bottlenecks()])

    def test_ctrl_c_stops_a_call(self):
        # SIGINT arrives during the first progress report of a betweenness
        # run that reports many times (every 16 of 400 roles): the call stops
        # early, raises KeyboardInterrupt and leaves the Org as it was
        with tempfile.TemporaryDirectory() as d:
            subprocess.run([CLI, "generate", "--roles", "400", "--tools", "80",
                            "--uses", "1200", "--collaborations", "900", "--seed", "3",
                            "-d", d], check=True, stdout=subprocess.DEVNULL)
            org = mlopsgraph.Org.load(d)
        before = org.gaps()
        reports = []

        def count(phase, fraction):
            reports.append(phase)
            return False
        with progress(count):
            org.bottlenecks(format="text")
            full = reports.count("betweenness")
            reports.clear()

            def interrupt(phase, fraction):
                reports.append(phase)
                if len(reports) == 1:
                    signal.raise_signal(signal.SIGINT)
                return False
            mlopsgraph.set_progress(interrupt)
            with self.assertRaises(KeyboardInterrupt):
                org.bottlenecks(format="text")
        self.assertGreater(full, 10)
        self.assertLess(reports.count("betweenness"), full)
        self.assertEqual(org.gaps(), before)
        self.assertIs(signal.getsignal(signal.SIGINT), signal.default_int_handler)


def cli(*args):
    return subprocess.run([CLI, *args], check=True, stdout=subprocess.PIPE).stdout.decode()


def cli_names(*args):
    """The names the CLI accepts for an option, read from its message for a name
    it does not know: "unknown ... 'x' (expected a, b or c)"."""
    err = subprocess.run([CLI, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE).stderr
    names = re.search(r"\(expected (.*)\)", err.decode()).group(1)
    return re.split(r", | or ", names)


class Names(unittest.TestCase):
    """Every name the CLI accepts works from Python, and means the same."""

    @classmethod
    def setUpClass(cls):
        cls.org = mlopsgraph.Org.reference()

    def test_every_analysis_format(self):
        formats = cli_names("gaps", "--format", "no-such")
        self.assertEqual(formats, ["text", "json", "csv", "md", "html"])
        for f in formats:
            for command in ("gaps", "clusters", "paths", "bottlenecks"):
                want = cli(command, "--format", f)
                got = getattr(self.org, command)(format=f)
                self.assertEqual(got, json.loads(want) if f == "json" else want, (command, f))
            self.assertEqual(self.org.path("DS", "SRE", format=f),
                             cli_json("path", "DS", "SRE") if f == "json"
                             else cli("path", "DS", "SRE", "--format", f))

    def test_every_report_format(self):
        for f in cli_names("report", "--format", "no-such"):
            with tempfile.TemporaryDirectory() as d:
                accepted = subprocess.run([CLI, "report", "--format", f, "-o",
                                           os.path.join(d, "report")],
                                          stderr=subprocess.DEVNULL).returncode == 0
            if not accepted:  # csv: a name, but no report format
                self.assertEqual(f, "csv")
                continue
            report = self.org.report(format=f)
            if f == "text":
                self.assertEqual(report, cli("report", "--format", "text"))
            elif f == "html":
                self.assertTrue(report.startswith("<!DOCTYPE html>"))
            elif f == "json":
                self.assertEqual(report["version"], 1)
            else:
                self.assertIn("Coverage gaps", report)

    def test_every_render_format_and_engine(self):
        formats = cli_names("render", "-T", "gif")
        self.assertEqual(len(formats), 7)
        for f in formats:
            self.assertTrue(self.org.render(format=f, tools=False), f)
        self.assertEqual(self.org.render(format="dot"), cli("render", "-T", "dot").encode())
        engines = cli_names("render", "-K", "no-such")
        self.assertIn("sfdp", engines)
        for e in engines:
            self.assertIn(b"<svg", self.org.render(engine=e, tools=False), e)

    def test_every_similarity(self):
        for s in cli_names("clusters", "--similarity", "cosinus"):
            self.assertEqual(self.org.clusters(similarity=s),
                             cli_json("clusters", "--similarity", s))
        self.assertEqual(self.org.clusters(neighbours=2), cli_json("clusters", "--neighbours", "2"))
        with self.assertRaises(mlopsgraph.MgError) as e:
            self.org.clusters(similarity="cosinus")
        self.assertEqual(e.exception.message,
                         "unknown similarity 'cosinus' (expected count, jaccard or cosine)")

    def test_every_export_format(self):
        for f in cli_names("export", "-T", "gif"):
            got = self.org.export(f)
            with tempfile.TemporaryDirectory() as d:
                out = os.path.join(d, "out")
                subprocess.run([CLI, "export", "-T", f, "-o", out], check=True)
                if f == "csv":
                    want = {}
                    for name in sorted(os.listdir(out)):
                        with open(os.path.join(out, name), encoding="utf-8", newline="") as g:
                            want[name] = g.read()
                else:
                    with open(out, encoding="utf-8", newline="") as g:
                        want = g.read()
            self.assertEqual(got, want, f)


class Constants(unittest.TestCase):
    def test_status_codes_are_the_headers(self):
        with open(os.path.join(SRCDIR, "lib", "mlopsgraph.h"), encoding="utf-8") as f:
            header = f.read()
        body = re.search(r"typedef enum mg_status \{(.*?)\} mg_status;", header, re.S).group(1)
        names = re.findall(r"^\s*MG_(\w+)", body, re.M)
        self.assertEqual(names[0], "OK")
        self.assertIn("MG_OK = 0,", body)  # and the others follow, one by one
        self.assertEqual([getattr(mlopsgraph, n) for n in names], list(range(len(names))))
        size = int(re.search(r"#define MG_ERROR_TEXT_SIZE (\d+)", header).group(1))
        self.assertEqual(mlopsgraph._Error.message.size, size)


TABLES = ("roles", "responsibilities", "tools", "collaborations")
DATA = os.path.join(SRCDIR, "data")


def cli_csv(*args):
    """The rows of the CLI's --format csv, read with Python's csv module."""
    return list(csv.DictReader(io.StringIO(cli(*args, "--format", "csv"))))


class FromFrames(unittest.TestCase):
    """Org.from_frames: tables in memory load as the CSV files they hold."""

    def test_lists_of_dicts_are_the_csv_files(self):
        org = mlopsgraph.Org.from_frames(**{t: csv_rows(DATA, t) for t in TABLES})
        self.assertEqual(org.gaps(), cli_json("gaps", "-d", DATA))
        self.assertEqual(org.summary(), cli_json("validate", "-d", DATA))

    def test_cells(self):
        # a list is ;-joined (aliases), None is empty: "Sci" names the role
        org = mlopsgraph.Org.from_frames(
            roles=[{"role": "Data Scientists", "aliases": ["DS", "Sci"], "headcount": None}],
            collaborations=[{"from": "Sci", "to": "Ops", "handoff": 'models, "validated"\nand more'}])
        self.assertEqual(org.roles, ["Data Scientists", "Ops"])
        step = org.path("DS", "Ops")["paths"][0]["steps"][0]
        self.assertEqual(step["handoff"], 'models, "validated"\nand more')

    def test_error_names_frame_row_and_column(self):
        # row 0 spans three lines in the CSV (a CR alone ends one, as CRLF
        # and LF do) and row 1 two, so the loader's line is not row + 2
        roles = [{"role": "A", "headcount": 1, "summary": "one\rtwo\r\nthree"},
                 {"role": "B", "headcount": -3, "summary": "x\ny"},
                 {"role": "C", "headcount": 2, "summary": "fine"}]
        with self.assertRaises(mlopsgraph.FrameError) as e:
            mlopsgraph.Org.from_frames(roles=roles)
        err = e.exception
        self.assertEqual((err.code, err.frame, err.row, err.column),
                         (mlopsgraph.EINPUT, "roles", 1, "headcount"))
        self.assertTrue(str(err).startswith("roles frame, row 1, column 'headcount': "), str(err))
        self.assertIn("-3", err.message)
        self.assertIsInstance(err, mlopsgraph.MgError)

    def test_error_in_the_column_names(self):
        with self.assertRaises(mlopsgraph.FrameError) as e:
            mlopsgraph.Org.from_frames(roles=[{"role": "A"}], tools=[{"role": "A", "tol": "x"}])
        err = e.exception
        self.assertEqual((err.frame, err.row, err.column), ("tools", None, None))
        self.assertIn("'tool'", err.message)

    def test_empty_name_in_a_later_column(self):
        with self.assertRaises(mlopsgraph.FrameError) as e:
            mlopsgraph.Org.from_frames(collaborations=[{"from": "A", "to": "B"},
                                                       {"from": "B", "handoff": "h", "to": " "}])
        self.assertEqual((e.exception.row, e.exception.column), (1, "to"))

    def test_pandas_only_when_asked(self):
        code = ("import sys, mlopsgraph\n"
                "o = mlopsgraph.Org.from_frames(roles=[{'role': 'A'}])\n"
                "mlopsgraph.to_rows(o.gaps()); o.render(); o._repr_svg_()\n"
                "assert 'pandas' not in sys.modules, 'pandas imported'\n"
                "sys.modules['pandas'] = None\n"
                "try:\n    mlopsgraph.to_frame(o.gaps())\n"
                "except ImportError as e:\n    print(e)\n")
        out = subprocess.run([sys.executable, "-c", code], check=True, stdout=subprocess.PIPE)
        self.assertIn("needs pandas (Debian: apt-get install python3-pandas", out.stdout.decode())

    @unittest.skipUnless(pandas, NEEDS_PANDAS)
    def test_data_frames_are_the_csv_files(self):
        frames = {t: pandas.read_csv(os.path.join(DATA, t + ".csv")) for t in TABLES}
        org = mlopsgraph.Org.from_frames(**frames)
        self.assertEqual(org.gaps(), cli_json("gaps", "-d", DATA))
        self.assertEqual(org.clusters(), cli_json("clusters", "-d", DATA))

    @unittest.skipUnless(pandas, NEEDS_PANDAS)
    def test_data_frame_error_names_the_index_label(self):
        tools = pandas.DataFrame({"role": ["A", "B"], "tool": ["x", "y"], "weight": [1, "heavy"]},
                                 index=["first", "second"])
        with self.assertRaises(mlopsgraph.FrameError) as e:
            mlopsgraph.Org.from_frames(tools=tools)
        self.assertEqual((e.exception.frame, e.exception.row, e.exception.column),
                         ("tools", "second", "weight"))


class Tables(unittest.TestCase):
    """to_rows and to_frame: each result as a table, equal to the CLI's CSV
    or JSON for the same question."""

    @classmethod
    def setUpClass(cls):
        cls.org = mlopsgraph.Org.reference()

    def test_path_steps_are_the_cli_csv(self):
        args = ("path", "DE", "DevOps", "-k", "3")
        want = [{k: r[k] for k in ("chain", "step", "from", "to", "handoff", "cost")}
                for r in cli_csv(*args)]
        got = [{k: str(r[k]) for k in want[0]} for r in mlopsgraph.to_rows(self.org.path(*args[1:3], k=3))]
        self.assertGreater(len(want), 1)
        self.assertEqual(got, want)

    def test_cost_matrix_is_the_cli_csv(self):
        want = [(r["from \\ to"], {k: v for k, v in r.items() if k != "from \\ to"})
                for r in cli_csv("paths")]
        rows = mlopsgraph.to_rows(self.org.paths())
        got = [(r["from"], {k: "-" if v is None else str(v) for k, v in r.items() if k != "from"})
               for r in rows]
        self.assertEqual(got, want)

    def test_gaps_bottlenecks_clusters_are_the_cli_json(self):
        # a row per item, with every item's fields; a field some items lack
        # (a cut's "separated") is None in the others' rows
        for result, key in ((self.org.gaps(), "gaps"), (self.org.bottlenecks(), "roles")):
            rows = mlopsgraph.to_rows(result)
            self.assertEqual(len(rows), len(result[key]), key)
            for row, item in zip(rows, result[key]):
                self.assertEqual({k: v for k, v in row.items() if k in item}, item)
                self.assertEqual({row[k] for k in row if k not in item} - {None}, set())
            self.assertEqual(len({tuple(r) for r in rows}), 1, key)  # the same columns
        clusters = mlopsgraph.to_rows(self.org.clusters())
        want = cli_csv("clusters")
        self.assertEqual([(str(r["cluster"]), len(r["roles"])) for r in clusters],
                         [(w["cluster"], int(w["size"])) for w in want])

    def test_changes_and_named_tables(self):
        result = self.org.whatif("MLE")
        rows = mlopsgraph.to_rows(result)
        for change in ("opened", "closed", "gone_with_removal", "changed"):
            self.assertEqual(sum(r["change"] == change for r in rows),
                             len(result["gaps_" + change]), change)
        self.assertEqual(mlopsgraph.to_rows(result, table="tools_removed"),
                         [{"tools_removed": t} for t in result["tools_removed"]])
        with self.assertRaises(ValueError):
            mlopsgraph.to_rows(result, table="no-such")
        with self.assertRaises(ValueError):
            mlopsgraph.to_rows(self.org.report())

    @unittest.skipUnless(pandas, NEEDS_PANDAS)
    def test_frames(self):
        path = mlopsgraph.to_frame(self.org.path("DE", "DevOps", k=3))
        want = pandas.read_csv(io.StringIO(cli("path", "DE", "DevOps", "-k", "3", "--format", "csv")))
        pandas.testing.assert_frame_equal(path[list(want.columns)], want)
        costs = mlopsgraph.to_frame(self.org.paths())
        want = pandas.read_csv(io.StringIO(cli("paths", "--format", "csv")), index_col=0,
                               na_values="-")
        self.assertEqual(list(costs.index), list(want.index))
        pandas.testing.assert_frame_equal(costs, want, check_names=False, check_dtype=False)
        gaps = mlopsgraph.to_frame(self.org.gaps())
        self.assertEqual(list(gaps["kind"]), [g["kind"] for g in cli_json("gaps")["gaps"]])
        self.assertEqual(len(mlopsgraph.to_frame(self.org.summary())), 1)


class Jupyter(unittest.TestCase):
    """An Org and a rendered picture show inline (IPython's _repr_*_)."""

    def test_org_shows_its_picture(self):
        org = mlopsgraph.Org.reference()
        self.assertEqual(org._repr_svg_(), org.render(format="svg").decode())
        self.assertIn("<svg", org._repr_svg_())

    def test_picture(self):
        org = mlopsgraph.Org.reference()
        svg, png = org.render(tools=False), org.render(format="png", tools=False)
        self.assertEqual(svg._repr_svg_(), bytes(svg).decode())
        self.assertIsNone(svg._repr_png_())
        self.assertEqual(png._repr_png_()[:8], b"\x89PNG\r\n\x1a\n")
        self.assertIsNone(png._repr_svg_())
        self.assertIsNone(org.render(format="dot")._repr_svg_())
        self.assertIsNone(svg._repr_html_())

    def test_interactive_page_in_a_frame_of_its_own(self):
        page = mlopsgraph.Org.reference().render(format="html")
        shown = page._repr_html_()
        frame = re.fullmatch(r'<iframe srcdoc="([^"]*)" [^>]*></iframe>', shown)
        self.assertTrue(frame, shown[:200])
        self.assertEqual(html.unescape(frame.group(1)), cli("render", "-T", "html", "-K", "dot"))
        self.assertIsNone(page._repr_svg_())


if __name__ == "__main__":
    unittest.main()
