#!/usr/bin/env python3
"""The same pipeline as `kpidash build`, roughly, as an analyst would write it with pandas and Jinja2:
the benchmark's peer, timed beside kpidash in the same run. Not part of kpidash.

Usage: python dashboard.py DATASET_DIR OUTPUT_DIR

Reads indicators.csv, authorities.csv and every monthly extract (in file-name order, a later file's
figure for a month replacing an earlier one's), computes each authority's and indicator's latest and
previous figure, mean, control limits (mean ± 3 standard deviations) and a run of points on one side of
the mean, and writes an HTML page per indicator per authority and an index page per authority.
"""
import sys
from pathlib import Path

import jinja2
import pandas as pd

SCALE = {"percent": 100.0, "rate_per_10k": 10_000.0}

PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{{ indicator.name }}: {{ authority.name }}</title></head>
<body><h1>{{ indicator.name }}</h1><p>{{ authority.name }} ({{ authority.code }}), {{ indicator.area }}</p>
<p>Latest: {{ stats.latest_period }}: {{ fmt(stats.latest) }}; previous: {{ fmt(stats.previous) }}.
Mean {{ fmt(stats.mean) }}, control limits {{ fmt(stats.lower) }} to {{ fmt(stats.upper) }}{% if stats.run %}; a run of seven on one side of the mean{% endif %}.</p>
<table><caption>{{ indicator.name }} by month</caption><tr><th scope="col">Month</th><th scope="col">Figure</th><th scope="col">Status</th></tr>
{% for row in rows %}<tr><td>{{ row.period }}</td><td>{{ fmt(row.figure) }}</td><td>{{ row.status }}</td></tr>
{% endfor %}</table></body></html>
"""

INDEX = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{{ authority.name }}</title></head>
<body><h1>{{ authority.name }}</h1><table><caption>Indicators</caption>
<tr><th scope="col">Indicator</th><th scope="col">Latest</th><th scope="col">Previous</th></tr>
{% for item in items %}<tr><td><a href="{{ item.id }}.html">{{ item.name }}</a></td><td>{{ fmt(item.latest) }}</td><td>{{ fmt(item.previous) }}</td></tr>
{% endfor %}</table></body></html>
"""


def figures(extracts: Path, units: pd.Series) -> pd.DataFrame:
    """Every extract, later files revising earlier ones, with the figure as a number or missing."""
    frames = [pd.read_csv(path, dtype=str, keep_default_na=False).assign(order=n)
              for n, path in enumerate(sorted(extracts.glob("*.csv")))]
    data = pd.concat(frames, ignore_index=True)
    data = data.drop_duplicates(["authority", "indicator", "period", "breakdown"], keep="last")
    value = data["value"].str.strip().str.rstrip("%").str.replace(",", "", regex=False).str.strip()
    number = pd.to_numeric(value.str.removesuffix(" u"), errors="coerce")
    numerator = pd.to_numeric(data["numerator"], errors="coerce")
    denominator = pd.to_numeric(data["denominator"], errors="coerce")
    scale = data["indicator"].map(units).map(SCALE).fillna(1.0)
    counted = (numerator / denominator * scale).where(denominator > 0)
    data["figure"] = counted.fillna(number)
    data["status"] = value.str.lower().where(data["figure"].isna(), "ok").replace("", "missing")
    return data.sort_values(["authority", "indicator", "period"])


def statistics(series: pd.DataFrame) -> dict:
    known = series["figure"].dropna()
    mean, spread = known.mean(), known.std()
    above = (known > mean).astype(int)
    runs = above.groupby((above != above.shift()).cumsum()).transform("size")
    return {
        "latest_period": series["period"].iloc[-1],
        "latest": series["figure"].iloc[-1],
        "previous": series["figure"].iloc[-2] if len(series) > 1 else None,
        "mean": mean, "lower": mean - 3 * spread, "upper": mean + 3 * spread,
        "run": bool((runs >= 7).any()),
    }


def main(dataset: str, output: str) -> None:
    folder, out = Path(dataset), Path(output)
    indicators = pd.read_csv(folder / "indicators.csv", dtype=str, keep_default_na=False).set_index("id")
    authorities = pd.read_csv(folder / "authorities.csv", dtype=str, keep_default_na=False,
                              encoding="utf-8-sig").set_index("code")
    catalogue = indicators.to_dict("index")
    data = figures(folder / "extracts", indicators["unit"])

    environment = jinja2.Environment(autoescape=True)
    environment.globals["fmt"] = lambda x: "–" if x is None or pd.isna(x) else f"{x:,.1f}"
    page, index = environment.from_string(PAGE), environment.from_string(INDEX)
    for code, rows in data.groupby("authority", sort=True):
        authority = {"code": code, "name": authorities["name"].get(code, code)}
        (out / code).mkdir(parents=True, exist_ok=True)
        items = []
        for indicator_id, series in rows.groupby("indicator", sort=True):
            indicator = catalogue[indicator_id]
            stats = statistics(series)
            html = page.render(indicator=indicator, authority=authority, stats=stats,
                               rows=series[["period", "figure", "status"]].to_dict("records"))
            (out / code / f"{indicator_id}.html").write_text(html, encoding="utf-8")
            items.append({"id": indicator_id, "name": indicator["name"], "latest": stats["latest"], "previous": stats["previous"]})
        (out / code / "index.html").write_text(index.render(authority=authority, items=items), encoding="utf-8")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
