#!/usr/bin/env bash
# National-scale benchmark of kpidash: every English authority, 60 indicators, 120 months.
#
#   bash Benchmarks/run.sh [RUNS]        (from the repo root; RUNS defaults to 5)
#
# Builds release, checks the dataset generator is deterministic, then generates into a temporary
# folder (removed afterwards):
#   - the monthly layout councils have (the default): 120 extract files, every field quoted, each
#     restating part of the month before; timed RUNS times: `kpidash check`, `kpidash build`, a
#     no-change rebuild;
#   - the same figures in one extracts/national.csv; timed RUNS times: check and build;
#   - the monthly layout at 12, 30 and 60 months of the same authorities and indicators, timed
#     GROWTH_RUNS times (default: RUNS, at most 3), for the growth curve with the 120 above;
#   - a pandas + Jinja2 peer of the same pipeline (Benchmarks/peer/dashboard.py) on the monthly
#     layout, PEER_RUNS times (default 1), installed with pip into a virtual environment
#     (PEER_VENV to reuse one; SKIP_PEER=1 to leave it out).
# Prints the medians as Markdown on standard output (Benchmarks/report.py); progress goes to
# standard error. SCRATCH_PATH=.build-bench keeps the release build apart from another one;
# TMPDIR=/dev/shm puts the sites on tmpfs; KEEP_RESULTS=DIR keeps the raw figures (about.tsv,
# results.tsv) for `python3 Benchmarks/report.py DIR/about.tsv DIR/results.tsv`. Peak RSS comes from /usr/bin/time -v (Debian package
# `time`) when it is installed, else from kpidash's own figure.
set -euo pipefail
export LC_ALL=C   # decimal points, not commas, in every figure the tools print

runs=${1:-5}
if ! [[ $runs =~ ^[1-9][0-9]*$ ]]; then
    echo "usage: bash Benchmarks/run.sh [RUNS]" >&2
    exit 2
fi
growth_runs=${GROWTH_RUNS:-$((runs < 3 ? runs : 3))}
peer_runs=${PEER_RUNS:-1}
cd "$(dirname "${BASH_SOURCE[0]}")/.."
repo=$PWD
scratch=${SCRATCH_PATH:-.build}
work=$(mktemp -d "${TMPDIR:-/tmp}/kpidash-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT
results="$work/results.tsv"   # run, dataset/command, figure, value
about="$work/about.tsv"       # figure, value: the machine and the datasets

printf 'load_at_start\t%s\n' "$(cut -d' ' -f1-3 /proc/loadavg)" >>"$about"

say() { echo "$*" >&2; }
now() { echo "${EPOCHREALTIME:-$(date +%s.%N)}"; }   # bash 5's clock costs no process
seconds_between() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", b - a }'; }

say "Building release ($scratch)..."
swift build -c release --scratch-path "$scratch" >&2
bin=$(swift build -c release --scratch-path "$scratch" --show-bin-path)

say "Checking the generator is deterministic..."
small=(--authorities 5 --indicators 6 --months 24)
for layout in monthly single; do
    "$bin/kpidash-national" "$work/same-a-$layout" --seed 7 --layout "$layout" "${small[@]}" >/dev/null
    "$bin/kpidash-national" "$work/same-b-$layout" --seed 7 --layout "$layout" "${small[@]}" >/dev/null
    "$bin/kpidash-national" "$work/other-$layout" --seed 8 --layout "$layout" "${small[@]}" >/dev/null
    if ! diff -r "$work/same-a-$layout" "$work/same-b-$layout" >&2; then
        say "FAIL: kpidash-national wrote different files for the same seed ($layout)"
        exit 1
    fi
    if diff -rq "$work/same-a-$layout" "$work/other-$layout" >/dev/null; then
        say "FAIL: kpidash-national ignored --seed ($layout)"
        exit 1
    fi
    python3 Benchmarks/validate_dataset.py "$work/same-a-$layout" >&2
done

# generate NAME ARGS...: writes a dataset into $work/NAME and notes its rows, files and bytes.
generate() {
    local name=$1
    shift
    say "Generating $name ($*)..."
    local start
    start=$(now)
    "$bin/kpidash-national" "$work/$name" "$@" | tee "$work/$name.log" >&2
    printf 'generate_seconds:%s\t%s\n' "$name" "$(seconds_between "$start" "$(now)")" >>"$about"
    python3 Benchmarks/validate_dataset.py "$work/$name" >&2
    # The rows kpidash reads as figures (restated ones too), and the bytes of the extracts `check` reads.
    printf 'rows:%s\t%s\n' "$name" "$(awk '$1 ~ /^extracts\// { gsub(",", "", $2); print $2 }' "$work/$name.log")" >>"$about"
    printf 'extract_files:%s\t%s\n' "$name" "$(find "$work/$name/extracts" -name '*.csv' | wc -l)" >>"$about"
    printf 'extract_bytes:%s\t%s\n' "$name" "$(cat "$work/$name"/extracts/*.csv | wc -c)" >>"$about"
    printf 'dataset_bytes:%s\t%s\n' "$name" "$(find "$work/$name" -name '*.csv' -exec cat {} + | wc -c)" >>"$about"
}
generate monthly
generate single --layout single
for months in 12 30 60; do generate "monthly-$months" --months "$months"; done

time_tool=""
if [[ -x /usr/bin/time ]] && /usr/bin/time -v true 2>/dev/null; then
    time_tool=/usr/bin/time
else
    say "note: /usr/bin/time -v is missing (apt-get install time); peak memory comes from kpidash's own figure"
fi

# measure RUN LABEL PROGRAM ARGS...: appends wall time, peak RSS and kpidash's step lines.
# Each command starts from a quiet disk (`sync` first), so the kernel writing back the previous
# build's 380 MB is not timed as part of the next one.
measure() {
    local run=$1 label=$2 log="$work/${2//\//-}-$1"
    shift 2
    local start status=0
    sync
    start=$(now)
    if [[ -n $time_tool ]]; then
        "$time_tool" -v -o "$log.time" "$@" >"$log.out" 2>"$log.err" || status=$?
    else
        "$@" >"$log.out" 2>"$log.err" || status=$?
    fi
    local wall
    wall=$(seconds_between "$start" "$(now)")
    if ((status != 0)); then
        say "FAIL: $* exited with status $status:"
        tail -n 20 "$log.err" >&2
        exit 1
    fi
    printf '%s\t%s\twall\t%s\n' "$run" "$label" "$wall" >>"$results"
    sed -nE 's/^kpidash [a-z]+: ([A-Za-z_]+) ([0-9.]+)s.*/\1\t\2/p' "$log.err" |
        awk -v run="$run" -v label="$label" '{ printf "%s\t%s\t%s\t%s\n", run, label, $1, $2 }' >>"$results"
    sed -nE 's/^kpidash [a-z]+: done .*peak memory ([0-9.]+) MB.*/\1/p' "$log.err" |
        awk -v run="$run" -v label="$label" '{ printf "%s\t%s\tkpidash_peak_mb\t%s\n", run, label, $1 }' >>"$results"
    if [[ -n $time_tool ]]; then
        awk -F': ' -v run="$run" -v label="$label" \
            '/Maximum resident set size/ { printf "%s\t%s\trss_mb\t%.1f\n", run, label, $2 * 1024 / 1e6 }' \
            "$log.time" >>"$results"
    fi
}

# Each build goes into a folder of its own, all removed at the end. On ext4 without a journal,
# creating files within minutes of deleting thousands makes the kernel step over every recently
# freed inode (recently_deleted()): a plain script creating the site's 19,588 files took 6-12 s
# just after `rm -rf` of an earlier copy, against under 1 s otherwise. A fresh folder measures
# kpidash, as a first build or the next night's build meets the disk.
for run in $(seq 1 "$runs"); do
    say "Run $run of $runs: monthly check, build, no-change rebuild; one-file check, build..."
    measure "$run" monthly/check "$bin/kpidash" check "$work/monthly"
    measure "$run" monthly/build "$bin/kpidash" build "$work/monthly" --out "$work/site-monthly-$run"
    printf '%s\tmonthly/build\thtml_files\t%s\n' "$run" "$(find "$work/site-monthly-$run/" -name '*.html' | wc -l)" >>"$results"
    measure "$run" monthly/rebuild "$bin/kpidash" build "$work/monthly" --out "$work/site-monthly-$run"
    measure "$run" single/check "$bin/kpidash" check "$work/single"
    measure "$run" single/build "$bin/kpidash" build "$work/single" --out "$work/site-single-$run"
done

for run in $(seq 1 "$growth_runs"); do
    say "Growth run $run of $growth_runs: 12, 30 and 60 months..."
    for months in 12 30 60; do
        measure "$run" "monthly-$months/check" "$bin/kpidash" check "$work/monthly-$months"
        measure "$run" "monthly-$months/build" "$bin/kpidash" build "$work/monthly-$months" --out "$work/site-$months-$run"
    done
done

if [[ -z ${SKIP_PEER:-} ]]; then
    venv=${PEER_VENV:-$work/venv}
    if [[ ! -x $venv/bin/python ]]; then
        say "Installing the pandas + Jinja2 peer into $venv..."
        python3 -m venv "$venv" >&2
        "$venv/bin/pip" install --quiet pandas jinja2 >&2
    fi
    "$venv/bin/python" -c 'import pandas, jinja2; print("peer\tpandas " + pandas.__version__ + ", Jinja2 " + jinja2.__version__)' >>"$about"
    for run in $(seq 1 "$peer_runs"); do
        say "Peer run $run of $peer_runs (pandas + Jinja2, a minute or more)..."
        measure "$run" monthly/peer "$venv/bin/python" "$repo/Benchmarks/peer/dashboard.py" "$work/monthly" "$work/peer-site-$run"
        printf '%s\tmonthly/peer\thtml_files\t%s\n' "$run" "$(find "$work/peer-site-$run/" -name '*.html' | wc -l)" >>"$results"
    done
fi

{
    printf 'cores\t%s\n' "$(getconf _NPROCESSORS_ONLN)"
    printf 'cpu\t%s\n' "$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null || uname -m)"
    printf 'memory_kb\t%s\n' "$(awk '/^MemTotal/ { print $2 }' /proc/meminfo 2>/dev/null || echo 0)"
    printf 'swift\t%s\n' "$(swift --version 2>/dev/null | head -n 1)"
    printf 'runs\t%s\n' "$runs"
    printf 'growth_runs\t%s\n' "$growth_runs"
    printf 'peak_source\t%s\n' "${time_tool:-kpidash}"
    printf 'site_filesystem\t%s\n' "$(df -T "$work" | awk 'NR == 2 { print $2 }')"
    printf 'load_at_end\t%s\n' "$(cut -d' ' -f1-3 /proc/loadavg)"
} >>"$about"
if [[ -n ${KEEP_RESULTS:-} ]]; then
    mkdir -p "$KEEP_RESULTS" && cp "$about" "$results" "$KEEP_RESULTS/"
fi
python3 Benchmarks/report.py "$about" "$results"
