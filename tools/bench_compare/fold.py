"""The peers' input: the vintage rows an NDJSON event file means, corrections applied.

SQLite, DuckDB and ArcticDB have no notion of a correction event, so they are loaded from a
corrected flat export made here, by a small fold of the same file Vintage appends:

- `observation` gives one row; `release` one row per entry (with the release's
  `released_at`); `announcement` one row when it carries `series`, `effective` and `value`.
- `correction` and `retraction` name an earlier event by `id`; the latest of them (in file
  order, which is Vintage's log order) decides: a correction's `replacement` takes the
  target's place (its rows instead of the target's), a retraction removes the target's rows.
  SPEC.md: "the replacement takes the target's place in every view, --as-of views included".
- A (series, period, released_at) stated twice with the same value is one vintage (SPEC.md's
  restatement rule); with different values the fold fails, as Vintage's append would.
- `series` events give the catalog: each series' tags (a later event's tags replace them).

Only what the query set needs is kept: series, period, released_at, value. Events without an
explicit `id` cannot be targets here (their derived id is Vintage's business), so a
correction naming an id the file never gave fails loudly.
"""
import json

import numpy as np

from .times import parse_periods, parse_timestamp


class FoldError(Exception):
    """The input cannot be folded (or is something Vintage would reject)."""


class Dataset:
    """The corrected vintage rows of one event file, as columns, plus the series catalog.

    Attributes: `series_names` (list, index = series number), `tags` (name -> dict),
    `series` (int32 array of series numbers), `period`, `released_at` (int64 microseconds),
    `value` (float64); rows sorted by (series, period, released_at).
    """

    def __init__(self, series_names, tags, series, period, released_at, value):
        self.series_names = series_names
        self.tags = tags
        self.series = series
        self.period = period
        self.released_at = released_at
        self.value = value

    def __len__(self):
        return len(self.value)


class _Rows:
    """Row columns being collected, each row tagged with the event that stated it."""

    def __init__(self):
        self.series, self.period, self.released, self.value, self.event = [], [], [], [], []

    def add(self, series, period, released, value, event):
        self.series.append(series)
        self.period.append(period)
        self.released.append(released)
        self.value.append(value)
        self.event.append(event)


def _rows_of(event, rows, number, series_ids, released_cache):
    """Adds the rows `event` states, tagged with event number `number`."""
    kind = event.get("type")

    def series_id(name):
        sid = series_ids.get(name)
        if sid is None:
            raise FoldError(f"event {number + 1}: series {name!r} is not defined")
        return sid

    def released(text):
        v = released_cache.get(text)
        if v is None:
            v = released_cache[text] = parse_timestamp(text)
        return v

    if kind == "observation":
        rows.add(series_id(event["series"]), event["period"], released(event["released_at"]), float(event["value"]), number)
    elif kind == "release":
        r = released(event["released_at"])
        entries = event["observations"]
        try:
            rows.series.extend([series_ids[e["series"]] for e in entries])
        except KeyError as e:
            raise FoldError(f"event {number + 1}: series {e.args[0]!r} is not defined") from None
        rows.period.extend([e["period"] for e in entries])
        rows.value.extend([e["value"] for e in entries])
        rows.released.extend([r] * len(entries))
        rows.event.extend([number] * len(entries))
    elif kind == "announcement":
        if "series" in event and "effective" in event and "value" in event:
            rows.add(series_id(event["series"]), event["effective"], released(event["released_at"]), float(event["value"]), number)
    else:
        raise FoldError(f"event {number + 1}: a {kind!r} event cannot state figures")


def fold(path, progress=None):
    """Folds the NDJSON file at `path` into a `Dataset`."""
    series_ids, series_names, tags = {}, [], {}
    rows = _Rows()
    event_number_of_id = {}
    overlay = {}  # target id -> the latest correction or retraction event (dict)
    released_cache = {}
    number = 0
    with open(path, "rb") as f:
        for line_number, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                event = json.loads(line)
            except ValueError as e:
                raise FoldError(f"line {line_number}: {e}") from None
            kind = event.get("type")
            if kind == "series":
                name = event["series"]
                if name not in series_ids:
                    series_ids[name] = len(series_names)
                    series_names.append(name)
                    tags[name] = {}
                if "tags" in event:
                    tags[name] = dict(event["tags"])
            elif kind in ("correction", "retraction"):
                target = event["target"]
                if target not in event_number_of_id:
                    raise FoldError(f"line {line_number}: {kind} of {target!r}, an id this file never gave")
                overlay[target] = event
            else:
                if "id" in event:
                    if event["id"] in event_number_of_id:
                        continue  # the same id again: a duplicate, stored once
                    event_number_of_id[event["id"]] = number
                _rows_of(event, rows, number, series_ids, released_cache)
            number += 1
            if progress and line_number % 2000 == 0:
                progress(line_number)

    n_original = len(rows.value)
    # Corrections and retractions: drop the target's rows, add the replacement's.
    replaced = set()
    for target, event in overlay.items():
        target_number = event_number_of_id[target]
        replaced.add(target_number)
        if event["type"] == "correction":
            _rows_of(event["replacement"], rows, target_number, series_ids, released_cache)
    event_col = np.array(rows.event, dtype=np.int64)
    keep = np.ones(len(event_col), dtype=bool)
    if replaced:
        keep[:n_original] = ~np.isin(event_col[:n_original], np.fromiter(replaced, dtype=np.int64))

    series = np.array(rows.series, dtype=np.int32)[keep]
    period = parse_periods(rows.period)[keep]
    released = np.array(rows.released, dtype=np.int64)[keep]
    value = np.array(rows.value, dtype=np.float64)[keep]
    del rows

    order = np.lexsort((released, period, series))
    series, period, released, value = series[order], period[order], released[order], value[order]
    # One vintage per (series, period, released_at): restatements with the same value collapse.
    same = (series[1:] == series[:-1]) & (period[1:] == period[:-1]) & (released[1:] == released[:-1])
    if same.any():
        clash = same & (value[1:] != value[:-1])
        if clash.any():
            i = int(np.nonzero(clash)[0][0])
            raise FoldError(f"series {series_names[series[i]]!r}: one vintage stated with two values "
                            f"({value[i]!r} and {value[i + 1]!r})")
        first = np.concatenate(([True], ~same))
        series, period, released, value = series[first], period[first], released[first], value[first]
    return Dataset(series_names, tags, series, period, released, value)
