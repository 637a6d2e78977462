#!/usr/bin/env python3
"""Checks a dataset written by kpidash-national against the input contract
(/work/shared/spec/dataset.md), independently of kpidash's own reader.

Usage: python3 Benchmarks/validate_dataset.py DIR
Prints a summary; exits 1 with every problem listed if the dataset breaks the contract.
"""
import csv
import json
import math
import re
import sys
from collections import Counter
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

MARKERS = {"": "missing", "c": "suppressed", "x": "not_available", "tbc": "not_available", "-": "not_available",
           "z": "not_applicable", "n/a": "not_applicable", "na": "not_applicable", "u": "low_reliability"}
NUMBER = re.compile(r"^([0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(\.[0-9]+)?\s*(%)?\s*(u)?$", re.IGNORECASE)
UNITS = {"percent", "count", "days", "rate_per_10k", "number", "score"}
POLARITIES = {"higher", "lower", "band", "neutral"}
AREAS = {"First Response", "Child Protection", "Children in Care", "Care Leavers", "Adoption", "Workforce"}
MONTH = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")
FINANCIAL_YEAR = re.compile(r"^(\d{4})/(\d{2})$")

problems = []


def problem(message):
    if len(problems) < 50:
        problems.append(message)


def rows(path, header, line_end=b"\r\n", bom=False):
    """The rows of a CSV file as dicts, after checking its header, line ends and byte-order mark."""
    raw = path.read_bytes()
    if raw.startswith(b"\xef\xbb\xbf") != bom:
        problem(f"{path.name}: byte-order mark {'missing' if bom else 'unexpected'}")
    if line_end == b"\r\n" and raw.count(b"\n") != raw.count(b"\r\n"):
        problem(f"{path.name}: a line ends without CR")
    if line_end == b"\n" and b"\r" in raw:
        problem(f"{path.name}: CR found in an LF file")
    with path.open(newline="", encoding="utf-8-sig") as handle:
        reader = csv.reader(handle, strict=True)
        found = next(reader)
        if found != header:
            problem(f"{path.name}: header {found}, expected {header}")
        for number, row in enumerate(reader, start=2):
            if len(row) != len(header):
                problem(f"{path.name}:{number}: {len(row)} fields, expected {len(header)}")
                continue
            yield dict(zip(header, row))


def parse_value(cell):
    """(status, number or None), or raises ValueError for text the contract rejects."""
    text = cell.strip()
    if text.lower() in MARKERS:
        return MARKERS[text.lower()], None
    match = NUMBER.match(text)
    if not match:
        raise ValueError(f"not a figure: {cell!r}")
    value = float(match.group(1).replace(",", "") + (match.group(2) or ""))
    return ("low_reliability" if match.group(4) else "ok"), value


def display(value, places):
    """Rounded half away from zero, as kpidash (and the board papers) round."""
    return Decimal(repr(value)).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def main(folder):
    folder = Path(folder)
    settings = json.loads((folder / "dashboard.json").read_text(encoding="utf-8"))
    if set(settings) != {"title", "financialYearStartMonth"}:
        problem(f"dashboard.json: keys {sorted(settings)}")

    authorities = list(rows(folder / "authorities.csv", ["code", "name", "region"], bom=True))
    codes = [a["code"] for a in authorities]
    if len(set(codes)) != len(codes):
        problem("authorities.csv: duplicate codes")
    for a in authorities:
        if not re.match(r"^E(06|08|09|10)\d{6}$", a["code"]):
            problem(f"authorities.csv: code {a['code']}")
    if len(authorities) >= 153:
        for name in ["Bristol, City of", "Herefordshire, County of", "Kingston upon Hull, City of"]:
            if name not in {a["name"] for a in authorities}:
                problem(f"authorities.csv: {name} missing")

    indicators = {i["id"]: i for i in rows(folder / "indicators.csv",
                  ["id", "name", "area", "unit", "polarity", "decimals", "sn_method", "definition", "source", "lead"],
                  line_end=b"\n")}
    for i in indicators.values():
        if not re.match(r"^[a-z0-9_]+$", i["id"]) or i["unit"] not in UNITS or i["polarity"] not in POLARITIES \
                or i["sn_method"] not in {"", "mean", "median"} or i["area"] not in AREAS:
            problem(f"indicators.csv: bad row {i}")
    decimals = {k: int(i["decimals"]) if i["decimals"] else (0 if i["unit"] in ("count", "days") else 1)
                for k, i in indicators.items()}

    targets = list(rows(folder / "targets.csv", ["indicator", "due", "target", "low", "high", "tolerance", "label", "authority"]))
    for t in targets:
        band = indicators.get(t["indicator"], {}).get("polarity") == "band"
        if t["indicator"] not in indicators or not (MONTH.match(t["due"]) or FINANCIAL_YEAR.match(t["due"])) \
                or (band and not float(t["low"]) < float(t["high"])) or (not band and t["target"] == "") \
                or (t["authority"] and t["authority"] not in codes):
            problem(f"targets.csv: bad row {t}")

    neighbours = Counter()
    for n in rows(folder / "neighbours.csv", ["authority", "neighbour", "rank", "closeness"]):
        neighbours[n["authority"]] += 1
        if n["authority"] == n["neighbour"] or n["neighbour"] not in codes or not 1 <= int(n["rank"]) <= 10:
            problem(f"neighbours.csv: bad row {n}")
    if any(neighbours[c] != min(10, len(codes) - 1) for c in codes):
        problem("neighbours.csv: an authority without its full group")

    keys, statuses, forms, ranges = set(), Counter(), Counter(), {}
    header = ["indicator", "period", "authority", "value", "numerator", "denominator", "breakdown", "note"]
    extract_files = sorted((folder / "extracts").glob("*.csv"))
    monthly = [path for path in extract_files if MONTH.match(path.stem)]
    if extract_files != [folder / "extracts" / "national.csv"] and monthly != extract_files:
        problem(f"extracts: neither one national.csv nor a file a month: {[p.name for p in extract_files][:5]}")
    latest, restated = {}, 0
    for path in extract_files:
        if path in monthly and not path.read_bytes().startswith(b'"indicator","period"'):
            problem(f"{path.name}: a monthly extract with its header unquoted")
        in_file = set()
        for r in rows(path, header):
            key = (r["authority"], r["indicator"], r["period"], r["breakdown"])
            if key in in_file:
                problem(f"{path.name}: key twice {key}")
            in_file.add(key)
            if key in latest:
                restated += 1
                if r["period"] >= path.stem:
                    problem(f"{path.name}: restates {key}, which is not an earlier month")
            latest[key] = r
    for key, r in latest.items():
        keys.add(key)
        if r["indicator"] not in indicators or r["authority"] not in codes or not MONTH.match(r["period"]):
            problem(f"extract: unknown indicator, authority or period {key}")
            continue
        unit = indicators[r["indicator"]]["unit"]
        try:
            status, value = parse_value(r["value"])
        except ValueError as error:
            problem(f"extract {key}: {error}")
            continue
        if r["numerator"] or r["denominator"]:
            numerator, denominator = int(r["numerator"]), int(r["denominator"])
            if not 0 <= numerator <= denominator or denominator == 0:
                problem(f"extract {key}: counts {numerator}/{denominator}")
            computed = 100 * numerator / denominator
            if value is not None and display(computed, decimals[r["indicator"]]) != Decimal(r["value"].strip()):
                problem(f"extract {key}: value {value} disagrees with counts ({computed})")
            value, status = computed, "ok"
            forms["counts"] += 1
        elif "," in r["value"] or "%" in r["value"] or r["value"] != r["value"].strip():
            forms["grouped, % or spaced value"] += 1
        statuses[status] += 1
        if r["note"]:
            forms["note"] += 1
        if value is not None:
            if (unit == "percent" and not 0 <= value <= 100) or value < 0 or (unit == "count" and value != math.floor(value)):
                problem(f"extract {key}: {value} out of range for {unit}")
            low, high = ranges.get(unit, (value, value))
            ranges[unit] = (min(low, value), max(high, value))
    periods = sorted({k[2] for k in keys})
    expected = len(codes) * len(indicators) * len(periods)
    if len(keys) != expected:
        problem(f"extract: {len(keys):,} rows, expected {expected:,}")

    years = set()
    comparators = Counter()
    for b in rows(folder / "benchmarks.csv", ["indicator", "period", "comparator", "value"]):
        years.add(b["period"])
        comparators[b["comparator"] == "england"] += 1
        try:
            parse_value(b["value"])
        except ValueError as error:
            problem(f"benchmarks.csv: {error}")
        if b["indicator"] not in indicators or not FINANCIAL_YEAR.match(b["period"]) \
                or (b["comparator"] != "england" and b["comparator"] not in codes):
            problem(f"benchmarks.csv: bad row {b}")
    if comparators[False] != len(codes) * len(indicators) * len(years) or comparators[True] != len(indicators) * len(years):
        problem("benchmarks.csv: not one value per authority, indicator and year plus England's")

    size = sum(path.stat().st_size for path in extract_files)
    print(f"{folder}: {len(codes)} authorities, {len(indicators)} indicators, {len(targets)} targets, "
          f"{len(periods)} months ({periods[0]} to {periods[-1]}), {len(years)} financial years")
    print(f"extracts: {len(keys):,} figures in {len(extract_files)} file(s), {restated:,} more rows restating "
          f"an earlier file's, {size / 1e6:.1f} MB; statuses "
          + ", ".join(f"{s} {n / len(keys):.2%}" for s, n in statuses.most_common())
          + "; " + ", ".join(f"{f} {n:,}" for f, n in forms.most_common()))
    print("ranges: " + "; ".join(f"{u} {lo:g} to {hi:g}" for u, (lo, hi) in sorted(ranges.items())))
    if problems:
        print("PROBLEMS:\n  " + "\n  ".join(problems), file=sys.stderr)
        return 1
    print("valid: matches the input contract")
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    sys.exit(main(sys.argv[1]))
