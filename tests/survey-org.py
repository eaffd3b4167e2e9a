#!/usr/bin/env python3
"""Writes a realistic organisation, shaped like developer-survey data, into a
folder: the four CSV files of the input format.

    survey-org.py DIR [--roles N] [--tools M] [--seed S] [--typos]

Roles (job types) fall into stacks (data work, web front end, Microsoft,
systems, operations); each stack has its own tools, which its roles use
with probability 0.7; ten hub tools (Slack, Git, Python...) are used by
85% of all roles; the rest of the tools are noise, each role touching a
few. Every use is weighted by the people who reported it (tools.csv
weight), every role has a headcount and an alias, responsibilities name
capabilities, and collaborations are mostly inside a stack. With --typos,
a few rows of the other tables name roles the way a busy lead types them:
by alias, in another case, or misspelt.

The stack of every role is written to DIR/stacks.txt ("role<TAB>stack"),
the answer a clustering should find. The same seed writes the same bytes.
"""

import argparse
import os
import random

STACKS = {
    "data": ["Pandas", "NumPy", "Jupyter", "scikit-learn", "Matplotlib", "SciPy",
             "TensorFlow", "PyTorch", "Spark", "Airflow"],
    "web": ["React", "TypeScript", "Next.js", "Node.js", "Vue.js", "Webpack", "Tailwind",
            "Angular", "npm", "Vite"],
    "microsoft": ["C#", ".NET", "Visual Studio", "Azure", "SQL Server", "PowerShell",
                  "Teams", "Excel", "Azure DevOps", "Blazor"],
    "systems": ["C", "Rust", "CMake", "GDB", "Make", "LLVM", "Valgrind", "Linux kernel",
                "Clang", "Meson"],
    "operations": ["Kubernetes", "Terraform", "Ansible", "Prometheus", "Grafana", "Helm",
                   "AWS", "Jenkins", "Nginx", "Consul"],
}
HUBS = ["Slack", "Git", "GitHub", "Python", "Jira", "VS Code", "Docker", "PostgreSQL",
        "Linux", "Stack Overflow"]
JOBS = {
    "data": ["Data Scientist", "ML Engineer", "Data Analyst", "Data Engineer",
             "Research Scientist", "BI Analyst", "Statistician"],
    "web": ["Front-end Developer", "Full-stack Developer", "Web Designer", "UX Engineer",
            "Mobile Developer", "Back-end Developer"],
    "microsoft": [".NET Developer", "Desktop Developer", "Enterprise Architect", "QA Engineer",
                  "Database Administrator", "Product Manager"],
    "systems": ["Embedded Developer", "Systems Programmer", "Game Developer",
                "Compiler Engineer", "Firmware Engineer", "HPC Engineer"],
    "operations": ["DevOps Engineer", "Site Reliability Engineer", "Cloud Architect",
                   "Security Engineer", "Platform Engineer", "Network Engineer",
                   "System Administrator"],
}
CAPABILITIES = {
    "data": ["model-training", "data-exploration", "experiment-tracking", "data-pipelines"],
    "web": ["ui-development", "api-design", "accessibility"],
    "microsoft": ["desktop-apps", "reporting", "testing"],
    "systems": ["performance-tuning", "embedded-builds", "debugging"],
    "operations": ["monitoring", "infrastructure-as-code", "incident-response", "security"],
}
TYPOS = {"Data Scientist": "Data Scienitst", "Site Reliability Engineer": "S.R.E.",
         "Front-end Developer": "front-end developer"}


def csv_field(s):
    return '"%s"' % s.replace('"', '""') if any(c in s for c in ',"\n') else s


def write(path, header, rows):
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write(",".join(header) + "\n")
        for row in rows:
            f.write(",".join(csv_field(str(x)) for x in row) + "\n")


def alias(name):
    return "".join(w[0] for w in name.replace("-", " ").split() if w[0].isalnum()).upper()


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("dir")
    ap.add_argument("--roles", type=int, default=31)
    ap.add_argument("--tools", type=int, default=300)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--typos", action="store_true")
    a = ap.parse_args()
    rng = random.Random(a.seed)
    os.makedirs(a.dir, exist_ok=True)

    stack_names = list(STACKS)
    roles = []  # (name, stack)
    for i in range(a.roles):
        stack = stack_names[i % len(stack_names)]
        jobs = JOBS[stack]
        k = i // len(stack_names)
        name = jobs[k % len(jobs)] + ("" if k < len(jobs) else " %d" % (k // len(jobs) + 1))
        roles.append((name, stack))
    n_named = sum(len(t) for t in STACKS.values()) + len(HUBS)
    noise = ["Tool %03d" % i for i in range(max(0, a.tools - n_named))]

    people = {r: rng.randint(3, 60) for r, _ in roles}
    used = set()
    uses = []
    for r, stack in roles:
        n = people[r]

        def use(tool, lo, hi):
            if (r, tool) not in used:
                used.add((r, tool))
                uses.append((r, tool, max(1, int(n * rng.uniform(lo, hi)))))
        for t in STACKS[stack]:
            if rng.random() < 0.7:
                use(t, 0.3, 0.9)
        for t in HUBS:
            if rng.random() < 0.85:
                use(t, 0.4, 0.95)
        for other, tools in STACKS.items():
            for t in tools if other != stack else []:
                if rng.random() < 0.1:
                    use(t, 0.05, 0.3)
        for t in noise:
            if rng.random() < 0.1:
                use(t, 0.02, 0.2)

    def spelt(r):
        if a.typos and r in TYPOS and rng.random() < 0.5:
            return TYPOS[r]
        if rng.random() < 0.2:
            return alias(r)
        return r

    write(os.path.join(a.dir, "roles.csv"), ["role", "summary", "aliases", "headcount"],
          [(r, "Works in the %s stack." % s, alias(r), people[r]) for r, s in roles])
    write(os.path.join(a.dir, "tools.csv"), ["role", "tool", "weight"],
          [(spelt(r), t, w) for r, t, w in uses])
    resp = []
    for r, s in roles:
        for cap in rng.sample(CAPABILITIES[s], 2):
            resp.append((spelt(r), "Own %s for the %s stack." % (cap, s), cap))
    write(os.path.join(a.dir, "responsibilities.csv"),
          ["role", "responsibility", "capability"], resp)
    collab = set()
    by_stack = {s: [r for r, t in roles if t == s] for s in stack_names}
    for r, s in roles:
        for _ in range(2):
            pool = by_stack[s] if rng.random() < 0.85 else [x for x, _ in roles]
            other = rng.choice(pool)
            if other != r:
                collab.add((r, other))
    write(os.path.join(a.dir, "collaborations.csv"), ["from", "to", "handoff"],
          [(spelt(x), spelt(y), "work items") for x, y in sorted(collab)])
    with open(os.path.join(a.dir, "stacks.txt"), "w", encoding="utf-8") as f:
        for r, s in roles:
            f.write("%s\t%s\n" % (r, s))


if __name__ == "__main__":
    main()
