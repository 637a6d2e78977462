#!/usr/bin/env python3
"""Turns the figures Benchmarks/run.sh collected into the Markdown report it prints.

Usage: python3 Benchmarks/report.py ABOUT.tsv RESULTS.tsv
ABOUT holds `figure<TAB>value` lines about the machine and dataset; RESULTS holds
`run<TAB>command<TAB>figure<TAB>value` lines, one set per run. Every figure is the median of the runs,
with the fastest and slowest run beside it.
"""
import statistics
import sys
from collections import defaultdict

COMMANDS = [("check", "`kpidash check`"), ("build", "`kpidash build`"), ("rebuild", "no-change rebuild")]
STEPS = ["read", "analyse", "render", "publish", "done"]


def load(about_path, results_path):
    about = dict(line.rstrip("\n").split("\t", 1) for line in open(about_path) if "\t" in line)
    per_run = defaultdict(dict)   # (run, command) -> figure -> value
    for line in open(results_path):
        run, command, figure, value = line.rstrip("\n").split("\t")
        per_run[(run, command)][figure] = float(value)
    return about, per_run


def derive(about, command, figures):
    """Throughput from one run's times: ingest from the wall time of `check` or a build's read step
    (a no-change rebuild that stops before reading has none)."""
    megabytes, rows = float(about["dataset_bytes"]) / 1e6, float(about["rows"])
    ingest = figures.get("wall") if command == "check" else figures.get("read")
    if ingest:
        figures["mb_per_s"] = megabytes / ingest
        figures["rows_per_s"] = rows / ingest
    writing = figures.get("render", 0) + figures.get("publish", 0)
    if "html_files" in figures and writing:
        figures["pages_per_s"] = figures["html_files"] / writing


def cell(values, unit, decimals):
    if not values:
        return "–"
    middle = statistics.median(values)
    text = f"{middle:,.{decimals}f}{unit}"
    if len(values) > 1 and max(values) != min(values):
        text += f" ({min(values):,.{decimals}f}–{max(values):,.{decimals}f})"
    return text


def main(about_path, results_path):
    about, per_run = load(about_path, results_path)
    for (run, command), figures in per_run.items():
        derive(about, command, figures)
    peak = "peak RSS (/usr/bin/time -v)" if about.get("peak_source") != "kpidash" else "peak memory (kpidash's figure)"
    rows = [("wall time", "wall", " s", 3)]
    rows += [(f"step: {step}" + (" (kpidash's total)" if step == "done" else ""), step, " s", 3) for step in STEPS]
    rows += [(peak, "rss_mb" if about.get("peak_source") != "kpidash" else "kpidash_peak_mb", " MB", 1),
             ("ingest MB/s (check: wall time; build: read step)", "mb_per_s", "", 1),
             ("ingest rows/s", "rows_per_s", "", 0),
             ("HTML pages", "html_files", "", 0),
             ("pages/s (HTML ÷ render + publish)", "pages_per_s", "", 0)]

    memory_gb = float(about.get("memory_kb", 0)) * 1024 / 1e9
    print("## kpidash national benchmark\n")
    print(f"- Machine: {about['cores']} cores, {about['cpu']}, {memory_gb:.1f} GB memory; {about['swift']}")
    print(f"- Dataset: {int(about['rows']):,} extract rows, {float(about['extract_bytes']) / 1e6:.1f} MB extract, "
          f"{float(about['dataset_bytes']) / 1e6:.1f} MB of CSV in all; generated in {float(about['generate_seconds']):.2f} s")
    print(f"- Median of {about['runs']} runs (fastest–slowest in brackets)\n")
    print("| figure | " + " | ".join(title for _, title in COMMANDS) + " |")
    print("| --- |" + " ---: |" * len(COMMANDS))
    for label, figure, unit, decimals in rows:
        cells = []
        for command, _ in COMMANDS:
            values = [f[figure] for (run, c), f in sorted(per_run.items()) if c == command and figure in f]
            cells.append(cell(values, unit, decimals))
        if any(c != "–" for c in cells):
            print(f"| {label} | " + " | ".join(cells) + " |")
    print("\n– : the command printed no such figure (a rebuild that finds its inputs unchanged stops before reading).")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
