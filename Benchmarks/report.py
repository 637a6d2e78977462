#!/usr/bin/env python3
"""Turns the figures Benchmarks/run.sh collected into the Markdown report it prints.

Usage: python3 Benchmarks/report.py ABOUT.tsv RESULTS.tsv
ABOUT holds `figure<TAB>value` lines about the machine and the datasets (`rows:monthly` and so on);
RESULTS holds `run<TAB>dataset/command<TAB>figure<TAB>value` lines, one set per run. Every figure is
the median of the runs, with the fastest and slowest run beside it.
"""
import statistics
import sys
from collections import defaultdict

STEPS = ["read", "analyse", "render", "publish", "done"]
GROWTH = [12, 30, 60, 120]


def load(about_path, results_path):
    about = dict(line.rstrip("\n").split("\t", 1) for line in open(about_path) if "\t" in line)
    per_run = defaultdict(dict)   # (run, label) -> figure -> value
    for line in open(results_path):
        run, label, figure, value = line.rstrip("\n").split("\t")
        per_run[(run, label)][figure] = float(value)
    return about, per_run


def derive(about, label, figures):
    """Throughput from one run's times: ingest from the wall time of `check` or a build's read step
    (a no-change rebuild that stops before reading has none), pages from the render and publish steps."""
    dataset, command = label.split("/")
    if f"rows:{dataset}" not in about:
        return
    megabytes, rows = float(about[f"extract_bytes:{dataset}"]) / 1e6, float(about[f"rows:{dataset}"])
    ingest = figures.get("wall") if command == "check" else figures.get("read")
    if ingest:
        figures["mb_per_s"] = megabytes / ingest
        figures["rows_per_s"] = rows / ingest
    if command in ("check", "build"):
        figures["us_per_row"] = figures["wall"] / rows * 1e6
    writing = figures.get("render", 0) + figures.get("publish", 0)
    if "html_files" in figures and writing:
        figures["pages_per_s"] = figures["html_files"] / writing


def values(per_run, label, figure):
    return [f[figure] for (run, l), f in sorted(per_run.items()) if l == label and figure in f]


def median(per_run, label, figure):
    found = values(per_run, label, figure)
    return statistics.median(found) if found else None


def cell(found, unit, decimals):
    if not found:
        return "–"
    text = f"{statistics.median(found):,.{decimals}f}{unit}"
    if len(found) > 1 and max(found) != min(found):
        text += f" ({min(found):,.{decimals}f}–{max(found):,.{decimals}f})"
    return text


def table(per_run, about, columns):
    peak = ("rss_mb" if about.get("peak_source") != "kpidash" else "kpidash_peak_mb")
    rows = [("wall time", "wall", " s", 3)]
    rows += [(f"step: {step}" + (" (kpidash's total)" if step == "done" else ""), step, " s", 3) for step in STEPS]
    rows += [("peak RSS (/usr/bin/time -v)" if peak == "rss_mb" else "peak memory (kpidash's figure)", peak, " MB", 1),
             ("ingest MB/s of extracts (check: wall time; build: read step)", "mb_per_s", "", 1),
             ("ingest rows/s", "rows_per_s", "", 0),
             ("HTML pages", "html_files", "", 0),
             ("pages/s (HTML ÷ render + publish)", "pages_per_s", "", 0)]
    print("| figure | " + " | ".join(title for _, title in columns) + " |")
    print("| --- |" + " ---: |" * len(columns))
    for label, figure, unit, decimals in rows:
        cells = [cell(values(per_run, column, figure), unit, decimals) for column, _ in columns]
        if any(c != "–" for c in cells):
            print(f"| {label} | " + " | ".join(cells) + " |")


def straight_line(points):
    """Least squares `time = fixed + per_row × rows`, and the largest distance of a point from it, in percent."""
    n = len(points)
    mean_x = sum(x for x, _ in points) / n
    mean_y = sum(y for _, y in points) / n
    slope = sum((x - mean_x) * (y - mean_y) for x, y in points) / sum((x - mean_x) ** 2 for x, _ in points)
    fixed = mean_y - slope * mean_x
    worst = max(abs(y / (fixed + slope * x) - 1) for x, y in points) * 100
    return fixed, slope, worst


def dataset_line(about, name):
    return (f"{int(about[f'rows:{name}']):,} extract rows in {int(about[f'extract_files:{name}'])} file(s), "
            f"{float(about[f'extract_bytes:{name}']) / 1e6:.1f} MB of extracts, "
            f"{float(about[f'dataset_bytes:{name}']) / 1e6:.1f} MB of CSV in all")


def main(about_path, results_path):
    about, per_run = load(about_path, results_path)
    for (run, label), figures in per_run.items():
        derive(about, label, figures)
    memory_gb = float(about.get("memory_kb", 0)) * 1024 / 1e9
    print("## kpidash national benchmark\n")
    print(f"- Machine: {about['cores']} cores, {about['cpu']}, {memory_gb:.1f} GB memory; {about['swift']}; "
          f"sites written to {about['site_filesystem']}; load average at the start {about.get('load_at_start', '?')}, "
          f"at the end {about.get('load_at_end', '?')}")
    print(f"- Monthly layout (the default): {dataset_line(about, 'monthly')}")
    print(f"- One-file layout, the same figures: {dataset_line(about, 'single')}")
    print(f"- Median of {about['runs']} runs (fastest–slowest in brackets); growth curve: median of {about['growth_runs']}\n")

    print("### Monthly layout: 153 authorities × 60 indicators × 120 monthly files\n")
    table(per_run, about, [("monthly/check", "`kpidash check`"), ("monthly/build", "`kpidash build`"),
                           ("monthly/rebuild", "no-change rebuild")])

    build = median(per_run, "monthly/build", "wall")
    check_mb = median(per_run, "monthly/check", "mb_per_s")
    peer = median(per_run, "monthly/peer", "wall")
    peak_figure = "rss_mb" if about.get("peak_source") != "kpidash" else "kpidash_peak_mb"
    peak = max(filter(None, [median(per_run, "monthly/check", peak_figure), median(per_run, "monthly/build", peak_figure)]))
    per_row = {}
    for months in GROWTH:
        name = "monthly" if months == 120 else f"monthly-{months}"
        per_row[months] = (median(per_run, f"{name}/check", "us_per_row"), median(per_run, f"{name}/build", "us_per_row"))

    def spread(index):
        found = [pair[index] for pair in per_row.values() if pair[index]]
        middle = statistics.mean(found)
        return max(abs(x / middle - 1) for x in found) * 100

    print("\n### Against the goals\n")
    print("| goal | measured | met |")
    print("| --- | ---: | :---: |")
    print(f"| `check` ≥ 200 MB/s of extracts | {check_mb:,.1f} MB/s | {'yes' if check_mb >= 200 else 'no'} |")
    print(f"| national `build` ≤ 4 s | {build:.3f} s | {'yes' if build <= 4 else 'no'} |")
    if peer:
        print(f"| ≥ 10× faster than the pandas + Jinja2 peer ({about.get('peer', '')}) | peer {peer:.1f} s = "
              f"{peer / build:.1f}× kpidash's build | {'yes' if peer / build >= 10 else 'no'} |")
    print(f"| peak memory ≤ 512 MB | {peak:,.1f} MB | {'yes' if peak <= 512 else 'no'} |")
    for index, command in enumerate(["check", "build"]):
        print(f"| time per row of `{command}` within ±25% from 12 to 120 files | ±{spread(index):.0f}% | "
              f"{'yes' if spread(index) <= 25 else 'no'} |")

    print("\n### How cost grows with the number of monthly files\n")
    print("| monthly files | extract rows | MB of extracts | `check` | µs per row | `build` | µs per row |")
    print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for months in GROWTH:
        name = "monthly" if months == 120 else f"monthly-{months}"
        check, build_wall = median(per_run, f"{name}/check", "wall"), median(per_run, f"{name}/build", "wall")
        print(f"| {months} | {int(about[f'rows:{name}']):,} | {float(about[f'extract_bytes:{name}']) / 1e6:.1f} | "
              f"{check:.3f} s | {per_row[months][0]:.2f} | {build_wall:.3f} s | {per_row[months][1]:.2f} |")

    for command in ["check", "build"]:
        points = [(float(about["rows:" + ("monthly" if m == 120 else f"monthly-{m}")]),
                   median(per_run, ("monthly" if m == 120 else f"monthly-{m}") + f"/{command}", "wall")) for m in GROWTH]
        fixed, per_row_s, worst = straight_line(points)
        print(f"\n`{command}` as a straight line through the four: {fixed:.3f} s + {per_row_s * 1e6:.3f} µs per row; "
              f"the farthest point is {worst:.0f}% off the line.", end="")
    print()

    print("\n### One-file layout: the same figures in one extracts/national.csv\n")
    table(per_run, about, [("single/check", "`kpidash check`"), ("single/build", "`kpidash build`")])

    if peer:
        print("\n### The pandas + Jinja2 peer (Benchmarks/peer/dashboard.py) on the monthly layout\n")
        table(per_run, about, [("monthly/peer", "peer")])
    print("\n– : no such figure (a rebuild that finds its inputs unchanged stops before reading; the peer prints no steps).")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
