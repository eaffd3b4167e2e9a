#!/bin/sh
# Builds the fuzz targets with clang's libFuzzer, AddressSanitizer and UBSan
# (the library compiled from source into each target) and runs each for
# SECONDS seconds (default 60) from the seed corpus in tests/fuzz/corpus/.
# Findings are written to fuzz-findings/. Exit status 1 when a target failed.
# Usage: tests/fuzz/run.sh [SECONDS]   (from a configured build directory)
set -eu
seconds=${1:-60}
here=$(cd "$(dirname "$0")" && pwd)
src=$(cd "$here/../.." && pwd)
build=$(pwd)
CC=${FUZZ_CC:-clang}
out=$build/fuzz-build
mkdir -p "$out" "$build/fuzz-findings"
for generated in reference_data.c page_assets.c; do
    [ -f "$build/lib/$generated" ] || make -C "$build" "lib/$generated" > /dev/null
done
flags="-g -O1 -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=all"
cflags="$flags -I$build -I$src/lib -I$build/lib $(pkg-config --cflags libcgraph libgvc)"
libs="$(pkg-config --libs libcgraph libgvc) -lcsv -lpthread -lm"
objs=""
# the generated files come from the build tree, once (built in the source
# tree, they are among lib/*.c too)
for f in $(ls "$src"/lib/*.c | grep -v -e '/reference_data\.c$' -e '/page_assets\.c$') \
         "$build/lib/reference_data.c" "$build/lib/page_assets.c"; do
    o="$out/$(basename "$f" .c).o"
    $CC $cflags -fsanitize=fuzzer-no-link -c "$f" -o "$o"
    objs="$objs $o"
done
status=0
for target in fuzz_load fuzz_all; do
    # shellcheck disable=SC2086
    $CC $cflags -fsanitize=fuzzer "$here/$target.c" $objs $libs -o "$out/$target"
    corpus="$out/corpus-$target"
    mkdir -p "$corpus"
    cp "$here/corpus/$target/"* "$corpus/" 2> /dev/null || true
    echo "fuzzing $target for $seconds s"
    if ! LSAN_OPTIONS="suppressions=$src/tests/lsan.supp:print_suppressions=0" \
         ASAN_OPTIONS="detect_leaks=1:fast_unwind_on_malloc=0" \
         "$out/$target" -max_total_time="$seconds" -timeout=20 -rss_limit_mb=2048 \
             -artifact_prefix="$build/fuzz-findings/$target-" -print_final_stats=1 \
             "$corpus" 2> "$out/$target.log"; then
        status=1
        echo "$target found a problem:"
        tail -40 "$out/$target.log"
    fi
    grep -E "stat::number_of_executed_units|Done [0-9]+ runs" "$out/$target.log" || true
done
exit $status
