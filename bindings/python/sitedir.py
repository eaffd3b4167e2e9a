"""Where this Python looks for modules under PREFIX, relative to PREFIX.

    python3 -E -s sitedir.py PREFIX

configure runs it with the interpreter it found and installs mlopsgraph.py
there: Debian's python3 searches lib/python3.X/dist-packages under
/usr/local (and lib/python3/dist-packages under /usr), not automake's
guess lib/python3.X/site-packages; a virtual environment or a pyenv Python
searches its own lib/python3.X/site-packages. Of the site-packages and
dist-packages directories the interpreter searches (sys.path and
site.getsitepackages(), which names them even before they exist; -E -s
leave PYTHONPATH and the user's own directory out), the one nearest PREFIX
wins, the first searched among equals. Prints nothing when the interpreter
searches no such directory under PREFIX.
"""

import os
import site
import sys


def nearest(prefix, searched):
    """The directory of `searched` nearest `prefix`, relative to it, or None."""
    base = os.path.realpath(prefix)
    found = []
    for order, entry in enumerate(searched):
        if os.path.basename(entry) not in ("site-packages", "dist-packages"):
            continue
        rel = os.path.relpath(os.path.realpath(entry), base)
        if rel != os.pardir and not rel.startswith(os.pardir + os.sep):
            found.append((rel.count(os.sep), order, rel))
    return min(found)[2] if found else None


def main():
    searched = list(sys.path)
    if hasattr(site, "getsitepackages"):
        searched += site.getsitepackages()
    rel = nearest(sys.argv[1], searched)
    if rel:
        print(rel)


if __name__ == "__main__":
    main()
