#!/bin/sh
# Generate configure and Makefile.in; run once after a fresh clone.
set -e
cd "$(dirname "$0")"
mkdir -p m4
autoreconf --install --force --warnings=all
