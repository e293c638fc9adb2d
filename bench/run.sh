#!/usr/bin/env bash
# bench/run.sh - relgraph's benchmark: everything measured side by side in
# one run, on this machine, medians over repeated runs.
#
#   bench/run.sh [--quick] [--out DIR]      (make bench runs it)
#
# For each size N (the seed story, then bench/gen.py files of 200, 2,000
# and 20,000 actors, and 100,000 for loading only):
#   a) relgraph end to end (FILE -o x.svg, the file's own layout: one)
#      against the layout engine alone (-Tsvg) on the DOT relgraph writes
#      for the same file: the ratio is relgraph's overhead;
#   b) at N = 200: one run with two outputs (-o x.svg -o x.png) against
#      two runs with one output each;
#   c) relgraph --check against bench/yamlloop (libyaml's bare event
#      loop, the floor for loading), and peak memory against input size;
#   d) the Python reference pipeline (bench/pipeline.py: PyYAML's C loader,
#      DOT, the engine's binary) with the same engine;
#   g) the best-of search for a page (--page A4: several layouts, the
#      best kept) against one dot layout (-K dot), on the seed story and
#      tests/data/stories/, with how many candidates ran and the choice;
#   f) the interactive page: -o x.svg -o x.html in one run against -o x.svg
#      (seed story, 2,000 actors), the page's size, and in headless
#      Chromium (bench/viewer.py, when the browser is installed) its first
#      paint and the time of one tie-kind toggle, measured by the page;
#   g) where one run goes (seed story, 2,000 actors): bench/split.sh runs
#      relgraph once under callgrind and splits its instructions by stage
#      (load, validate, build, layout, legend, render, write).
# The commands compared are run in turns (A B A B ...), so that a change in
# the machine's load hits both. Wall time comes from bash's clock, CPU time
# and peak RSS from /usr/bin/time (which counts waited-for children: the
# layout process relgraph forks, the engine the Python script runs).
#
# --quick: 1 run each and no 20,000 render, to try the script out.
# Output: a Markdown report on stdout and in DIR/report.md (DIR defaults to
# build/bench), every single measurement in DIR/raw.tsv.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

OUT=build/bench
QUICK=0
while [ $# -gt 0 ]; do
    case $1 in
    --quick) QUICK=1 ;;
    --out) OUT=$2; shift ;;
    *) echo "usage: bench/run.sh [--quick] [--out DIR]" >&2; exit 2 ;;
    esac
    shift
done
mkdir -p "$OUT/data" "$OUT/tmp"
OUT=$(cd "$OUT" && pwd)
RAW=$OUT/raw.tsv
REPORT=$OUT/report.md
TMP=$OUT/tmp

# Debian's python3 (python3-yaml), not a version manager's shim that
# would add its own start-up to every run.
PY=python3
[ -x /usr/bin/python3 ] && PY=/usr/bin/python3
need() { command -v "$1" >/dev/null 2>&1 || { echo "bench: '$1' is missing: run 'make bench' (it installs what the benchmark needs)" >&2; exit 1; }; }
need dot; need sfdp; need /usr/bin/time; need "$PY"; need valgrind; need callgrind_annotate
"$PY" -c 'import yaml; yaml.CSafeLoader' 2>/dev/null ||
    { echo "bench: PyYAML with its C loader is missing (Debian: python3-yaml)" >&2; exit 1; }
[ -x ./relgraph ] && [ -x build/bench/yamlloop ] ||
    { echo "bench: build first: make relgraph build/bench/yamlloop (make bench does)" >&2; exit 1; }
RG=$ROOT/relgraph
LOOP=$ROOT/build/bench/yamlloop

if [ $QUICK = 1 ]; then SMALL=1; LARGE=1; else SMALL=5; LARGE=3; fi

# ---- measuring ----------------------------------------------------------

printf 'label\trun\twall_s\tuser_s\tsys_s\tmaxrss_kb\tstatus\n' >"$RAW"
: >"$OUT/pixels.tsv"

# run1 LABEL RUN CMD...: one run; appends a line to raw.tsv. stdout and
# stderr go to $TMP/last.out and $TMP/last.err.
run1() {
    local label=$1 run=$2
    shift 2
    local t0 t1 st=0
    t0=$EPOCHREALTIME
    /usr/bin/time -o "$TMP/time" -f '%U %S %M' "$@" >"$TMP/last.out" 2>"$TMP/last.err" || st=$?
    t1=$EPOCHREALTIME
    local cpu
    cpu=$(grep -v '^Command' "$TMP/time" | tail -n 1)
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$label" "$run" \
        "$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.4f", b - a }')" \
        $cpu "$st" >>"$RAW"
    if [ $st != 0 ]; then
        echo "bench: '$label' failed (status $st):" >&2
        head -n 5 "$TMP/last.err" >&2
    fi
}

# median LABEL FIELD (3 wall, 4 user, 5 sys, 6 rss, 8 user+sys)
median() {
    awk -F'\t' -v l="$1" -v f="$2" '
        $1 == l { v[n++] = (f == 8 ? $4 + $5 : $f) }
        END {
            if (!n) { print "NA"; exit }
            for (i = 1; i < n; i++) for (j = i; j > 0 && v[j-1] > v[j]; j--) {
                t = v[j]; v[j] = v[j-1]; v[j-1] = t }
            print (n % 2 ? v[(n-1)/2] : (v[n/2-1] + v[n/2]) / 2)
        }' "$RAW"
}
failed() { awk -F'\t' -v l="$1" '$1 == l && $7 != 0 { n++ } END { print n + 0 }' "$RAW"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "NA" || b == "NA" || b == 0) print "NA"; else printf "%.2f", a / b }'; }
secs() { awk -v a="$1" 'BEGIN { if (a == "NA") print "NA"; else if (a < 10) printf "%.3f", a; else printf "%.1f", a }'; }
mib() { awk -v a="$1" 'BEGIN { if (a == "NA") print "NA"; else printf "%.1f", a / 1024 }'; }

# ---- the machine --------------------------------------------------------

CPU=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)
RAM=$(awk '/^MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)
GV=$(dot -V 2>&1 | sed 's/^dot - //')
LOAD0=$(cut -d' ' -f1-3 /proc/loadavg)
echo "bench: $(nproc) CPUs ($CPU), $RAM; load $LOAD0; runs: $SMALL small, $LARGE large" >&2

# ---- the data -------------------------------------------------------------

cp data/iran-us-talks-2007.yaml "$OUT/data/seed.yaml"
SIZES="200 2000 20000 100000"
for n in $SIZES; do
    f=$OUT/data/n$n.yaml
    [ -s "$f" ] || "$PY" bench/gen.py "$n" >"$f"
done
ALL="seed $SIZES"
RENDER="seed 200 2000"
[ $QUICK = 1 ] || RENDER="$RENDER 20000"
file_of() { [ "$1" = seed ] && echo "$OUT/data/seed.yaml" || echo "$OUT/data/n$1.yaml"; }
actors_of() { [ "$1" = seed ] && echo "seed story" || printf "%'d" "$1"; }

for n in $ALL; do
    "$RG" --check --strict "$(file_of "$n")" ||
        { echo "bench: $(file_of "$n") does not pass relgraph --check --strict" >&2; exit 1; }
done

# ---- c) loading: relgraph --check against the bare libyaml loop ----------

for n in $ALL; do
    f=$(file_of "$n")
    runs=$SMALL; [ "$n" = 20000 ] || [ "$n" = 100000 ] && runs=$LARGE
    echo "bench: loading, N = $n ($runs runs)" >&2
    for r in $(seq "$runs"); do
        run1 "check/$n" "$r" "$RG" --check "$f"
        run1 "loop/$n" "$r" "$LOOP" "$f"
    done
done

# ---- a) and d): rendering ------------------------------------------------

# The seed story's commands take some 50 ms, and the medians of five runs
# swung by twenty points from one run of the bench to the next (overhead
# +19 % and +39 %, instructions the same), as the page's did (1.04 and
# 1.16): the seed story gets four times as many runs.
SEED_RUNS=$((SMALL * 4))

declare -A ENGINE
for n in $RENDER; do
    f=$(file_of "$n")
    runs=$SMALL; [ "$n" = 20000 ] && runs=$LARGE; [ "$n" = seed ] && runs=$SEED_RUNS
    # The DOT relgraph writes, and the engine auto chose for it: dot's
    # graphs have a rank direction, the force-directed ones overlap removal.
    "$RG" -q -K auto "$f" -o "$TMP/$n.dot" || { echo "bench: relgraph failed on $f" >&2; exit 1; }
    # (the root graph's own attributes: the legend's cluster has a rankdir
    # whatever the engine).
    if awk '/^\tgraph \[/ { f = 1 } f { print } f && /\];/ { exit }' "$TMP/$n.dot" |
        grep -q 'rankdir='; then e=dot; else e=sfdp; fi
    ENGINE[$n]=$e
    # As a user runs it, with the file's own layout: the seed story says
    # dot (one layout; -K auto on a file of at most 50 actors draws several
    # and keeps the best, which g) measures), bench/gen.py's files nothing
    # (auto: sfdp, with its settings for the size).
    "$RG" -q "$f" -o "$TMP/$n.dot" || { echo "bench: relgraph failed on $f" >&2; exit 1; }
    echo "bench: rendering, N = $n with $e ($runs runs)" >&2
    for r in $(seq "$runs"); do
        run1 "relgraph/$n" "$r" "$RG" -q "$f" -o "$TMP/rg.svg"
        run1 "engine/$n" "$r" "$e" -Tsvg "$TMP/$n.dot" -o "$TMP/engine.svg"
        run1 "python/$n" "$r" "$PY" bench/pipeline.py "$f" -K "$e" -o "$TMP/py.svg"
    done
done

# ---- b) two outputs in one run, at N = 200 -------------------------------

f=$(file_of 200)
echo "bench: two outputs, N = 200 ($SMALL runs)" >&2
for r in $(seq "$SMALL"); do
    run1 "two-in-one/200" "$r" "$RG" -q -K auto "$f" -o "$TMP/two.svg" -o "$TMP/two.png"
    run1 "svg-only/200" "$r" "$RG" -q -K auto "$f" -o "$TMP/one.svg"
    run1 "png-only/200" "$r" "$RG" -q -K auto "$f" -o "$TMP/one.png"
done

# ---- f) the interactive page -----------------------------------------------

# The seed story's two runs differ by a few milliseconds in 0.15 s: as
# many runs as its rendering row.
for n in seed 2000; do
    f=$(file_of "$n")
    runs=$SMALL; [ "$n" = seed ] && runs=$SEED_RUNS
    echo "bench: HTML page, N = $n ($runs runs)" >&2
    for r in $(seq "$runs"); do
        run1 "svg+html/$n" "$r" "$RG" -q -K auto "$f" -o "$TMP/page.svg" -o "$TMP/page-$n.html"
        run1 "svg-alone/$n" "$r" "$RG" -q -K auto "$f" -o "$TMP/page.svg"
    done
done
VIEWER=0
: >"$OUT/viewer.tsv.new"
if "$PY" -c 'import sys; sys.path.insert(0, "tests"); from browser import missing; sys.exit(1 if missing() else 0)'; then
    VIEWER=1
    for n in seed 2000; do
        echo "bench: the page in headless Chromium, N = $n" >&2
        "$PY" bench/viewer.py "$TMP/page-$n.html" "$SMALL" | sed "s|^|$n |" >>"$OUT/viewer.tsv.new" ||
            { echo "bench: bench/viewer.py failed" >&2; exit 1; }
    done
    mv "$OUT/viewer.tsv.new" "$OUT/viewer.tsv"
else
    echo "bench: no headless Chromium (chromium, chromium-driver, python3-selenium): the page is not timed in the browser" >&2
fi
viewer() { awk -v n="$1" -v k="$2" '$1 == n && $2 == k { print $3 }' "$OUT/viewer.tsv" 2>/dev/null; }

# ---- g) one run split by stage (callgrind) ---------------------------------

declare -A SPLIT
for n in seed 2000; do
    echo "bench: one run split by stage under callgrind, N = $n" >&2
    SPLIT[$n]=$(bench/split.sh "$RG" "$(file_of "$n")" "$TMP")
done

# ---- e) the engine auto chooses: dot and sfdp side by side ---------------

# One run each of relgraph with -K dot and with -K sfdp on bench/gen.py
# files of growing size, with the size of the drawing: what the limits of
# layout: auto rest on (src/build.c). dot stops at the first size that
# takes it over 60 s.
CHOICE="50 100 120 150 200 300 500"
[ $QUICK = 1 ] && CHOICE="50 120 200"
for n in $CHOICE; do
    f=$OUT/data/choice$n.yaml
    [ -s "$f" ] || "$PY" bench/gen.py "$n" >"$f"
done
dot_stopped=0
for n in $CHOICE; do
    f=$OUT/data/choice$n.yaml
    echo "bench: engine choice, N = $n" >&2
    for e in dot sfdp; do
        if [ $e = dot ] && [ $dot_stopped = 1 ]; then continue; fi
        run1 "choice-$e/$n" 1 "$RG" -q -K $e "$f" -o "$TMP/choice.svg"
        # The drawing's size at 96 dpi, as a PNG of it would have.
        px=$(sed -n 's/^<svg width="\([0-9.]*\)pt" height="\([0-9.]*\)pt".*/\1 \2/p' "$TMP/choice.svg" |
             awk '{ printf "%.0f", $1 * 96 / 72 * $2 * 96 / 72 / 1e6 }')
        printf '%s\t%s\n' "choice-$e/$n" "$px" >>"$OUT/pixels.tsv"
        if [ $e = dot ] && awk -v t="$(median "choice-dot/$n" 3)" 'BEGIN { exit !(t > 60) }'; then
            dot_stopped=1
        fi
    done
done
pixels() { awk -F'\t' -v l="$1" '$1 == l { v = $2 } END { print (v == "" ? "NA" : v) }' "$OUT/pixels.tsv"; }

# ---- g) the best-of search against one dot layout -------------------------

# With a page relgraph draws several candidates (src/search.c) and keeps
# the best; -K dot without one draws once. On the seed story and the test
# stories; --stats says how many candidates ran and which was kept.
SEARCH="seed"
for f in tests/data/stories/*.yaml; do
    s=$(basename "$f" .yaml)
    cp "$f" "$OUT/data/story-$s.yaml"
    SEARCH="$SEARCH story-$s"
done
search_file() { [ "$1" = seed ] && echo "$OUT/data/seed.yaml" || echo "$OUT/data/$1.yaml"; }
: >"$OUT/search.tsv"
for s in $SEARCH; do
    f=$(search_file "$s")
    echo "bench: search against one dot layout, $s ($SMALL runs)" >&2
    for r in $(seq "$SMALL"); do
        run1 "search/$s" "$r" "$RG" -q --page A4 --stats "$f" -o "$TMP/search.svg"
        run1 "onedot/$s" "$r" "$RG" -q -K dot "$f" -o "$TMP/onedot.svg"
    done
    run1 "search-stats/$s" 1 "$RG" -q --page A4 --stats "$f" -o "$TMP/search.svg"
    printf '%s\t%s\t%s\n' "$s" \
        "$(grep -c '^relgraph: stats: candidate ' "$TMP/last.err" || true)" \
        "$(sed -n 's/^relgraph: stats: chosen: //p' "$TMP/last.err")" >>"$OUT/search.tsv"
done
searched() { awk -F'\t' -v s="$1" -v f="$2" '$1 == s { print $f }' "$OUT/search.tsv"; }

# ---- the report -----------------------------------------------------------

LOAD1=$(cut -d' ' -f1-3 /proc/loadavg)
verdict() { awk -v v="$1" -v lim="$2" 'BEGIN { if (v == "NA") print "n/a"; else print (v <= lim ? "met" : "missed") }'; }
{
echo "Machine: $(nproc) CPUs, $CPU, $RAM RAM; $(uname -s); $GV; load average $LOAD0 at the start, $LOAD1 at the end."
echo "Medians of $SMALL runs (200 and 2,000 actors; $SEED_RUNS for the seed story's rendering and interactive page) or $LARGE runs (20,000 and 100,000 actors); wall time in seconds."
echo
echo "**Rendering** (\`relgraph FILE -o out.svg\`, the file's own layout, one: \`dot\` for the seed story, \`auto\` for the others; the engine alone on the DOT relgraph writes; the Python pipeline with the same engine):"
echo
echo "| actors | ties | engine | relgraph | engine alone | overhead | Python pipeline | relgraph / Python | peak RSS: relgraph / engine / Python |"
echo "|---:|---:|---|---:|---:|---:|---:|---:|---:|"
for n in $RENDER; do
    f=$(file_of "$n")
    ties=$(grep -c '^  - ' "$f" || true)
    rg=$(median "relgraph/$n" 3); en=$(median "engine/$n" 3); py=$(median "python/$n" 3)
    ov=$(awk -v a="$rg" -v b="$en" 'BEGIN { if (a == "NA" || b == "NA") print "NA"; else printf "%+.0f %%", (a / b - 1) * 100 }')
    fl=""; [ "$(failed "relgraph/$n")" = 0 ] || fl=" (failed)"
    echo "| $(actors_of "$n") | $(printf "%'d" "$ties") | ${ENGINE[$n]} | $(secs "$rg")$fl | $(secs "$en") | $ov | $(secs "$py") | $(ratio "$rg" "$py") | $(mib "$(median "relgraph/$n" 6)") / $(mib "$(median "engine/$n" 6)") / $(mib "$(median "python/$n" 6)") MiB |"
done
echo
two=$(median "two-in-one/200" 3)
sep=$(awk -v a="$(median "svg-only/200" 3)" -v b="$(median "png-only/200" 3)" 'BEGIN { print a + b }')
echo "**Two outputs, 200 actors**: \`-o x.svg -o x.png\` in one run $(secs "$two") s; two runs (svg $(secs "$(median "svg-only/200" 3)") s + png $(secs "$(median "png-only/200" 3)") s) $(secs "$sep") s; ratio $(ratio "$two" "$sep")."
echo
echo "**The interactive page** (\`-o x.svg -o x.html\` in one run against \`-o x.svg\`; the page in headless Chromium, measured by the page: first contentful paint after opening it, and one tie-kind checkbox clicked, from its handler to the next frame):"
echo
echo "| actors | page size | svg + html | svg alone | ratio | first paint | one kind toggled (script) |"
echo "|---:|---:|---:|---:|---:|---:|---:|"
for n in seed 2000; do
    both=$(median "svg+html/$n" 3); one=$(median "svg-alone/$n" 3)
    if [ $VIEWER = 1 ]; then
        fp="$(viewer "$n" first_paint_ms) ms"; tg="$(viewer "$n" toggle_ms) ms ($(viewer "$n" toggle_script_ms) ms)"
    else
        fp="n/a"; tg="n/a"
    fi
    echo "| $(actors_of "$n") | $(awk -v b="$(wc -c <"$TMP/page-$n.html")" 'BEGIN { printf "%.0f KB", b / 1000 }') | $(secs "$both") | $(secs "$one") | $(ratio "$both" "$one") | $fp | $tg |"
done
echo
echo "**Loading** (\`relgraph --check\` against bench/yamlloop, libyaml's bare event loop):"
echo
echo "| actors | input | relgraph --check | libyaml loop | ratio | peak RSS: --check / loop | --check RSS / input | time per MB |"
echo "|---:|---:|---:|---:|---:|---:|---:|---:|"
for n in $ALL; do
    f=$(file_of "$n")
    bytes=$(wc -c <"$f")
    ck=$(median "check/$n" 3); lp=$(median "loop/$n" 3); rss=$(median "check/$n" 6)
    echo "| $(actors_of "$n") | $(awk -v b="$bytes" 'BEGIN { printf "%.2f MB", b / 1e6 }') | $(secs "$ck") | $(secs "$lp") | $(ratio "$ck" "$lp") | $(mib "$rss") / $(mib "$(median "loop/$n" 6)") MiB | $(awk -v r="$rss" -v b="$bytes" 'BEGIN { printf "%.1f", r * 1024 / b }') | $(awk -v t="$ck" -v b="$bytes" 'BEGIN { printf "%.3f s", t / (b / 1e6) }') |"
done
echo
echo "**One run by stage** (\`relgraph -q FILE -o out.svg\`, the file's own layout, once under callgrind, bench/split.sh: millions of instructions, inclusive, by group of functions, the layout child's included; start: outside main's calls (the shared libraries' start-up, pango's font-sorting thread); other: Graphviz's context and plugins, fonts, options):"
echo
echo "| actors | total | load | validate | build | layout | legend | render | write | start | other |"
echo "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
for n in seed 2000; do
    echo "| $(actors_of "$n") ${SPLIT[$n]}"
done
echo
echo "**Engine choice** (one run each of \`relgraph -K dot\` and \`-K sfdp\` on bench/gen.py files; the drawing's size at 96 dpi, as its PNG would be; layout: auto uses dot up to 120 nodes):"
echo
echo "| actors | dot | dot's drawing | sfdp | sfdp's drawing |"
echo "|---:|---:|---:|---:|---:|"
for n in $CHOICE; do
    echo "| $n | $(secs "$(median "choice-dot/$n" 3)") s | $(pixels "choice-dot/$n") Mpx | $(secs "$(median "choice-sfdp/$n" 3)") s | $(pixels "choice-sfdp/$n") Mpx |"
done
echo
echo "**The search** (\`relgraph --page A4\`, several candidates laid out $(nproc) at a time and the best kept, against \`-K dot\`, one layout):"
echo
echo "| story | actors | search | one dot layout | ratio | candidates | chosen |"
echo "|---|---:|---:|---:|---:|---:|---|"
for s in $SEARCH; do
    f=$(search_file "$s")
    actors=$("$PY" -c 'import sys, yaml; a = yaml.safe_load(open(sys.argv[1])).get("actors") or {}; print(len(a))' "$f")
    se=$(median "search/$s" 3); od=$(median "onedot/$s" 3)
    echo "| ${s#story-} | $actors | $(secs "$se") | $(secs "$od") | $(ratio "$se" "$od") | $(searched "$s" 2) | $(searched "$s" 3) |"
done
echo
echo "**Targets**:"
echo
worst=0
for n in $RENDER; do
    o=$(awk -v a="$(median "relgraph/$n" 3)" -v b="$(median "engine/$n" 3)" 'BEGIN { if (a == "NA" || b == "NA") print "NA"; else printf "%.3f", a / b - 1 }')
    t=0.10; [ "$n" = seed ] && t=0.25
    echo "- overhead over the engine alone at $(actors_of "$n"): $(awk -v o="$o" 'BEGIN { if (o == "NA") print "NA"; else printf "%+.1f %%", o * 100 }') (target at most $(awk -v t="$t" 'BEGIN { printf "%.0f", t * 100 }') %): $(verdict "$o" "$t")"
done
r2=$(ratio "$two" "$sep")
echo "- two outputs in one run at 200 actors: $r2 of two runs (target at most 0.9): $(verdict "$r2" 0.9)"
rc=$(ratio "$(median check/100000 3)" "$(median loop/100000 3)")
echo "- --check at 100,000 actors: $rc × the libyaml loop (target at most 1.5): $(verdict "$rc" 1.5)"
mem=$(awk -v r="$(median check/100000 6)" -v b="$(wc -c <"$(file_of 100000)")" 'BEGIN { printf "%.1f", r * 1024 / b }')
echo "- peak memory of --check at 100,000 actors: $mem × the input (target at most 5): $(verdict "$mem" 5)"
for n in $RENDER; do
    r=$(ratio "$(median "relgraph/$n" 3)" "$(median "python/$n" 3)")
    echo "- relgraph / Python at $(actors_of "$n"): $r (target below 1): $(awk -v r="$r" 'BEGIN { if (r == "NA") print "n/a"; else print (r < 1 ? "met" : "missed") }')"
done
l1=$(ratio "$(median check/20000 3)" "$(median check/2000 3)")
echo "- loading, 10 × the actors (2,000 to 20,000): $l1 × the time (target 7 to 13): $(awk -v r="$l1" 'BEGIN { if (r == "NA") print "n/a"; else print (r >= 7 && r <= 13 ? "met" : "missed") }')"
worst_search=0; worst_name=
for s in $SEARCH; do
    r=$(ratio "$(median "search/$s" 3)" "$(median "onedot/$s" 3)")
    if awk -v r="$r" -v w="$worst_search" 'BEGIN { exit !(r != "NA" && r > w) }'; then
        worst_search=$r; worst_name=${s#story-}
    fi
done
echo "- the search for a page against one dot layout, up to 50 actors: at most $worst_search × ($worst_name) (target at most 1.5): $(verdict "$worst_search" 1.5)"
for n in seed 2000; do
    rh=$(ratio "$(median "svg+html/$n" 3)" "$(median "svg-alone/$n" 3)")
    echo "- -o x.svg -o x.html against -o x.svg at $(actors_of "$n"): $rh (target at most 1.1): $(verdict "$rh" 1.1)"
done
pk=$(awk -v b="$(wc -c <"$TMP/page-seed.html")" 'BEGIN { printf "%.0f", b / 1000 }')
echo "- the seed story's page: $pk KB (target under 200 KB): $(verdict "$pk" 199.999)"
if [ $VIEWER = 1 ]; then
    fp=$(viewer seed first_paint_ms); tg=$(viewer 2000 toggle_ms)
    echo "- the seed story's page, first paint: $fp ms (target under 1,000 ms): $(verdict "$fp" 999.999)"
    echo "- one kind toggled at 2,000 actors, to the next frame: $tg ms (target under 50 ms): $(verdict "$tg" 49.999)"
fi
b20=$(wc -c <"$(file_of 20000)"); b100=$(wc -c <"$(file_of 100000)")
l2=$(awk -v a="$(median check/100000 3)" -v b="$(median check/20000 3)" -v x="$b100" -v y="$b20" 'BEGIN { printf "%.2f", (a / x) / (b / y) }')
echo "- loading, time per byte at 100,000 actors against 20,000: $l2 (target 0.7 to 1.3): $(awk -v r="$l2" 'BEGIN { print (r >= 0.7 && r <= 1.3 ? "met" : "missed") }')"
} | tee "$REPORT"
echo "bench: report in $REPORT, every run in $RAW" >&2
