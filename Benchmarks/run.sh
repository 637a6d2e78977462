#!/usr/bin/env bash
# National-scale benchmark of kpidash: every English authority, 60 indicators, 120 months.
#
#   bash Benchmarks/run.sh [RUNS]        (from the repo root; RUNS defaults to 5)
#
# Builds release, checks the dataset generator is deterministic, generates the national dataset
# into a temporary folder (removed afterwards), then times `kpidash check`, `kpidash build` and a
# no-change rebuild RUNS times and prints the medians as a Markdown table on standard output.
# Progress goes to standard error. SCRATCH_PATH=.build-bench keeps the release build apart from
# another one. Peak RSS comes from /usr/bin/time -v (Debian package `time`) when it is installed.
set -euo pipefail
export LC_ALL=C   # decimal points, not commas, in every figure the tools print

runs=${1:-5}
if ! [[ $runs =~ ^[1-9][0-9]*$ ]]; then
    echo "usage: bash Benchmarks/run.sh [RUNS]" >&2
    exit 2
fi
cd "$(dirname "${BASH_SOURCE[0]}")/.."
scratch=${SCRATCH_PATH:-.build}
work=$(mktemp -d "${TMPDIR:-/tmp}/kpidash-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT
results="$work/results.tsv"   # run, command, figure, value
about="$work/about.tsv"       # figure, value: the machine and the dataset

say() { echo "$*" >&2; }
now() { echo "${EPOCHREALTIME:-$(date +%s.%N)}"; }   # bash 5's clock costs no process
seconds_between() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", b - a }'; }

say "Building release ($scratch)..."
swift build -c release --scratch-path "$scratch" >&2
bin=$(swift build -c release --scratch-path "$scratch" --show-bin-path)

say "Checking the generator is deterministic..."
small=(--authorities 5 --indicators 6 --months 24)
"$bin/kpidash-national" "$work/same-a" --seed 7 "${small[@]}" >/dev/null
"$bin/kpidash-national" "$work/same-b" --seed 7 "${small[@]}" >/dev/null
"$bin/kpidash-national" "$work/other-seed" --seed 8 "${small[@]}" >/dev/null
if ! diff -r "$work/same-a" "$work/same-b" >&2; then
    say "FAIL: kpidash-national wrote different files for the same seed"
    exit 1
fi
if diff -rq "$work/same-a" "$work/other-seed" >/dev/null; then
    say "FAIL: kpidash-national ignored --seed"
    exit 1
fi
python3 Benchmarks/validate_dataset.py "$work/same-a" >&2

say "Generating the national dataset..."
data="$work/national"
start=$(now)
"$bin/kpidash-national" "$data" | tee "$work/generate.log" >&2
printf 'generate_seconds\t%s\n' "$(seconds_between "$start" "$(now)")" >>"$about"
python3 Benchmarks/validate_dataset.py "$data" >&2
# The rows kpidash reads as figures, and the bytes of every CSV file `check` reads.
printf 'rows\t%s\n' "$(awk '$1 == "extracts/national.csv" { gsub(",", "", $2); print $2 }' "$work/generate.log")" >>"$about"
printf 'extract_bytes\t%s\n' "$(wc -c <"$data/extracts/national.csv")" >>"$about"
printf 'dataset_bytes\t%s\n' "$(find "$data" -name '*.csv' -exec cat {} + | wc -c)" >>"$about"

time_tool=""
if [[ -x /usr/bin/time ]] && /usr/bin/time -v true 2>/dev/null; then
    time_tool=/usr/bin/time
else
    say "note: /usr/bin/time -v is missing (apt-get install time); peak memory comes from kpidash's own figure"
fi

# measure RUN COMMAND_LABEL PROGRAM ARGS...: appends wall time, peak RSS and kpidash's step lines.
# Each command starts from a quiet disk (`sync` first), so the kernel writing back the previous
# build's 345 MB is not timed as part of the next one.
measure() {
    local run=$1 label=$2 log="$work/$2-$1"
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

# Each run builds into a folder of its own, all removed at the end. On ext4 without a journal,
# creating files within minutes of deleting thousands makes the kernel step over every recently
# freed inode (recently_deleted()): a plain script creating the site's 19,588 files took 6-12 s
# just after `rm -rf` of an earlier copy, against under 1 s otherwise. A fresh folder measures
# kpidash, as a first build or the next night's build meets the disk.
for run in $(seq 1 "$runs"); do
    say "Run $run of $runs: check, build, no-change rebuild..."
    site="$work/site-$run"
    measure "$run" check "$bin/kpidash" check "$data"
    measure "$run" build "$bin/kpidash" build "$data" --out "$site"
    printf '%s\tbuild\thtml_files\t%s\n' "$run" "$(find "$site/" -name '*.html' | wc -l)" >>"$results"
    measure "$run" rebuild "$bin/kpidash" build "$data" --out "$site"
    printf '%s\trebuild\thtml_files\t%s\n' "$run" "$(find "$site/" -name '*.html' | wc -l)" >>"$results"
done

{
    printf 'cores\t%s\n' "$(getconf _NPROCESSORS_ONLN)"
    printf 'cpu\t%s\n' "$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null || uname -m)"
    printf 'memory_kb\t%s\n' "$(awk '/^MemTotal/ { print $2 }' /proc/meminfo 2>/dev/null || echo 0)"
    printf 'swift\t%s\n' "$(swift --version 2>/dev/null | head -n 1)"
    printf 'runs\t%s\n' "$runs"
    printf 'peak_source\t%s\n' "${time_tool:-kpidash}"
} >>"$about"
python3 Benchmarks/report.py "$about" "$results"
