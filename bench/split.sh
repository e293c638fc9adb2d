#!/usr/bin/env bash
# bench/split.sh - where one run of relgraph spends its work, by stage.
#
#   bench/split.sh RELGRAPH FILE.yaml TMPDIR     (bench/run.sh runs it)
#
# Runs `RELGRAPH -q FILE -o x.svg` (the file's own layout) once under callgrind (the parent
# and the layout child it forks, each into its own file) and prints one
# Markdown table row: the instructions, in millions, of each stage, each a
# group of functions whose inclusive costs add up (callgrind_annotate
# --inclusive), with its share of the whole:
#   load      rg_read_input, rg_load_partial
#   validate  rg_validate
#   build     rg_build_body, rg_build_title, rg_build_legend_noted
#   layout    the layout child's work, and rg_layout_many in relgraph
#             but for the legend's (rg_layout_memo_lay)
#   legend    rg_legend_join, and the legend's own layout child
#   render    rg_diagram_render
#   write     rg_outputs_stage, rg_outputs_commit
#   start     outside main's calls in relgraph: loading the shared
#             libraries, their constructors, and pango's own thread that
#             sorts the fonts for each size of text it is asked for
#   other     the rest of main: Graphviz's context and plugins, the fonts,
#             the options and the engine's choice
# Instructions, not seconds: the count does not move with the machine's
# load, and a stage's share of the time is close to its share of them but
# for memory stalls (loading a big file spends more of its time waiting
# on memory than the layout does).
set -euo pipefail
RG=$1 FILE=$2 TMP=$3
rm -f "$TMP"/cg.*.out
# --zero-before=getppid: a layout child's first check (layout.c,
# child_limits; relgraph itself never calls it) clears the counts the child
# inherited from relgraph at the fork, so that a child's file holds its
# own work.
valgrind -q --tool=callgrind --callgrind-out-file="$TMP/cg.%p.out" --zero-before=getppid \
    "$RG" -q "$FILE" -o "$TMP/split.svg" >/dev/null 2>"$TMP/split.err" ||
    { echo "bench: callgrind run of relgraph failed:" >&2; head -n 5 "$TMP/split.err" >&2; exit 1; }

# inclusive FILE FUNC...: the sum of the functions' inclusive costs.
inclusive() {
    local f=$1
    shift
    callgrind_annotate --inclusive=yes --threshold=100 "$f" 2>/dev/null |
        awk -v want="$*" '
            BEGIN { n = split(want, w, " "); for (i = 1; i <= n; i++) need[w[i]] = 1 }
            /^ *[0-9,]+ \( *[0-9.]+%\)  / {
                ir = $1; gsub(",", "", ir)
                name = $0; sub(/^[^)]*\) +/, "", name); sub(/ .*/, "", name)
                sub(/^.*:/, "", name)
                if ((name in need) && ir + 0 > best[name]) best[name] = ir + 0
            }
            END { s = 0; for (k in best) s += best[k]; printf "%.0f\n", s }'
}
total() {
    callgrind_annotate "$1" 2>/dev/null |
        awk '/PROGRAM TOTALS/ && !done { gsub(",", "", $1); print $1; done = 1 }'
}

# The files by pid: relgraph first, then its children in the order it
# forked them: the drawing's layout, then the legend's (and the key's),
# laid out on their own (runner.c's memo).
parent="" child="" legends=()
for f in $(ls "$TMP"/cg.*.out | sort -t. -k2 -n); do
    if [ -z "$parent" ]; then parent=$f
    elif [ -z "$child" ]; then child=$f
    else legends+=("$f"); fi
done
[ -n "$parent" ] && [ "$(inclusive "$parent" rg_diagram_render)" != 0 ] ||
    { echo "bench: no callgrind output of relgraph" >&2; exit 1; }
kid=0
[ -z "$child" ] || kid=$(total "$child")
lkid=0
for f in "${legends[@]}"; do lkid=$((lkid + $(total "$f"))); done
all=$(($(total "$parent") + kid + lkid))
load=$(inclusive "$parent" rg_read_input rg_load_partial)
validate=$(inclusive "$parent" rg_validate)
build=$(inclusive "$parent" rg_build_body rg_build_title rg_build_legend_noted)
layout=$(($(inclusive "$parent" rg_layout_many) - $(inclusive "$parent" rg_layout_memo_lay) + kid))
legend=$(($(inclusive "$parent" rg_legend_join) + lkid))
render=$(inclusive "$parent" rg_diagram_render)
write=$(inclusive "$parent" rg_outputs_stage rg_outputs_commit)
start=$(($(total "$parent") - $(inclusive "$parent" main)))
other=$((all - start - load - validate - build - layout - legend - render - write))
cell() { awk -v v="$1" -v a="$all" 'BEGIN { printf "%.1f (%.0f %%)", v / 1e6, 100 * v / a }'; }
printf '| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n' \
    "$(awk -v a="$all" 'BEGIN { printf "%.1f", a / 1e6 }')" \
    "$(cell "$load")" "$(cell "$validate")" "$(cell "$build")" "$(cell "$layout")" \
    "$(cell "$legend")" "$(cell "$render")" "$(cell "$write")" "$(cell "$start")" "$(cell "$other")"
