#!/usr/bin/env python3
"""Checks of gaps triage for tests/cli/run.sh, computed independently of
mlops-graph from its JSON: limit (each kind shown at most N times in text,
the rest counted), and the baseline (new/known/fixed by kind and subjects).

    triage.py limit JSON TEXT N      TEXT shows min(N, k) gaps of each kind
                                     (k from JSON) and "N more" lines for the rest
    triage.py baseline OLD NEW       NEW (run with --baseline OLD) marks a gap
                                     known exactly when OLD has a gap of the same
                                     identity, and lists OLD's others as fixed
"""
import collections
import json
import re
import sys


def identity(g):
    """Kind and subjects, names case-folded; tools only where the gap is about
    a tool; "disconnected" by kind alone (README, "diff")."""
    kind = g["kind"]
    if kind == "disconnected":
        return (kind,)
    about_tool = kind == "single-role" or (not g["roles"] and not g["capabilities"])
    fold = lambda names: tuple(n.strip().lower() for n in names)
    caps = tuple(re.sub(r"[\s_-]+", "-", c.strip().lower()) for c in g["capabilities"])
    return (kind, fold(g["roles"]), fold(g["tools"]) if about_tool else (), caps)


def gaps_of(doc):
    return doc["gaps"]["gaps"] if isinstance(doc["gaps"], dict) else doc["gaps"]


def check_limit(json_path, text_path, n):
    gaps = json.load(open(json_path))["gaps"]
    per_kind = collections.Counter(g["kind"] for g in gaps)
    text = open(text_path).read()
    shown = collections.Counter(re.findall(r"^\[\w+(?:, \w+)?\] ([a-z-]+): ", text, re.M))
    for kind, k in per_kind.items():
        assert shown[kind] == min(n, k), (kind, shown[kind], k)
        more = re.search(r"and (\d+) more %s gaps" % kind, text)
        assert (int(more.group(1)) if more else 0) == max(0, k - n), (kind, more)


def check_baseline(old_path, new_path):
    old = {identity(g) for g in gaps_of(json.load(open(old_path)))}
    new = json.load(open(new_path))
    for g in new["gaps"]:
        assert g["status"] == ("known" if identity(g) in old else "new"), g
    seen = {identity(g) for g in new["gaps"]}
    fixed = [g for g in gaps_of(json.load(open(old_path))) if identity(g) not in seen]
    assert [g["message"] for g in new["fixed"]] != None
    assert sorted(g["message"] for g in new["fixed"]) == sorted(g["message"] for g in fixed)
    statuses = [g["status"] for g in new["gaps"]]
    assert statuses == sorted(statuses, key=lambda s: s != "new"), "new gaps first"
    b = new["baseline"]
    assert (b["new"], b["known"], b["fixed"]) == (statuses.count("new"), statuses.count("known"),
                                                  len(fixed))


if __name__ == "__main__":
    if sys.argv[1] == "limit":
        check_limit(sys.argv[2], sys.argv[3], int(sys.argv[4]))
    else:
        check_baseline(sys.argv[2], sys.argv[3])
