#!/usr/bin/env python3
"""An analytics script: for an organisation (a folder of CSV files, or the
built-in reference model), how many gaps of each severity touch each role,
and the role most work passes through.

    python3 team_gaps.py [DIR]
"""

import collections
import sys

import mlopsgraph


def main():
    org = mlopsgraph.Org.load(sys.argv[1]) if len(sys.argv) > 1 else mlopsgraph.Org.reference()
    per_role = collections.defaultdict(collections.Counter)
    for gap in org.gaps()["gaps"]:
        for role in gap["roles"]:
            per_role[role][gap["severity"]] += 1
    print("%-40s %5s %7s %4s" % ("role", "high", "medium", "low"))
    for role in org.roles:
        c = per_role[role]
        print("%-40s %5d %7d %4d" % (role, c["high"], c["medium"], c["low"]))
    top = org.bottlenecks()["roles"][0]
    print("\nMost handoff chains pass through %s (betweenness %g)." % (top["role"], top["betweenness"]))


if __name__ == "__main__":
    main()
