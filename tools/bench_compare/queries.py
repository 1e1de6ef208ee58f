"""The query set of issue 6, each as one specification every engine answers.

A query's answer is a list of rows `(key, value, count)`, sorted by key: `key` is a tuple of
the row's identifying columns (series id, group, time as UTC microseconds), `value` a float,
`count` an int (aggregates) or None (points). Engines must agree on keys and counts exactly
and on values within 1e-9 relative.

Semantics (SPEC.md): a point's latest vintage is its greatest `released_at`; `--as-of T` keeps
vintages with `released_at <= T` (a date means the end of that day); `--first-release` the
smallest `released_at`; `--from` inclusive, `--to` exclusive on valid time; `yoy` is
(v / v one year earlier - 1) x 100, rows without a base (or a zero base) omitted; aggregates
and buckets are computed over each point's selected vintage; buckets are UTC calendar hours
and days, empty ones omitted.
"""
from dataclasses import dataclass, field

from .times import as_of_instant, civil_from_days, date_us

HOUR_US = 3_600_000_000
DAY_US = 86_400_000_000


@dataclass
class Query:
    """One query of the set: what it asks, on which dataset, and how Vintage's CLI says it."""
    name: str                 # short key, e.g. "trade-latest"
    title: str                # the row label of the table
    dataset: str              # "trade" or "dense"
    kind: str                 # points | yoy | groupby | last | agg | bucket
    series: str = None
    as_of: int = None         # inclusive instant, microseconds
    frm: int = None
    to: int = None
    first_release: bool = False
    agg: str = None           # sum | avg | min | max | count
    bucket: int = None        # bucket width in microseconds (UTC hours or days: epoch-aligned)
    group_by: str = None      # tag
    where: dict = field(default_factory=dict)
    vintage_args: list = field(default_factory=list)
    key_columns: list = field(default_factory=list)  # columns of Vintage's CSV forming the key


def _period_text(us):
    y, m, _ = civil_from_days(us // DAY_US)
    return f"{y:04d}-{m:02d}"


def _date_text(us):
    y, m, d = civil_from_days(us // DAY_US)
    return f"{y:04d}-{m:02d}-{d:02d}"


def build(trade, dense):
    """The query set for two folded datasets (`fold.Dataset`); its parameters are taken from the
    data (first series, last year, middle day), never from a particular seed's values."""
    queries = []
    names = trade.series_names
    series = "trade.kr.semiconductors" if "trade.kr.semiconductors" in names else next(n for n in names if n.startswith("trade."))
    sid = names.index(series)
    periods = trade.period[trade.series == sid]
    first, last = int(periods.min()), int(periods.max())
    country = trade.tags[series].get("country")
    last_year = civil_from_days(last // DAY_US)[0]

    queries.append(Query("trade-latest", "one trade series, all periods, latest vintage", "trade", "points",
                         series=series, vintage_args=[series], key_columns=["time"]))
    # As of the middle of the series' span, a date (its end counts).
    as_of_text = _date_text((first + last) // 2)
    queries.append(Query("trade-as-of", f"the same, as of {as_of_text}", "trade", "points", series=series,
                         as_of=as_of_instant(as_of_text), vintage_args=[series, "--as-of", as_of_text], key_columns=["time"]))
    frm, to = date_us(last_year - 9, 1, 1), date_us(last_year + 1, 1, 1)
    queries.append(Query("trade-yoy", f"year-on-year change of one series, {last_year - 9}–{last_year}", "trade", "yoy",
                         series=series, frm=frm, to=to,
                         vintage_args=[series, "--transform", "yoy", "--from", _period_text(frm), "--to", _period_text(to)],
                         key_columns=["time"]))
    frm, to = date_us(last_year, 1, 1), date_us(last_year + 1, 1, 1)
    queries.append(Query("trade-group-by", f"sum of one country's series by product, {last_year}", "trade", "groupby",
                         where={"country": country}, group_by="product", agg="sum", frm=frm, to=to,
                         vintage_args=["--where", f"country={country}", "--group-by", "product", "--agg", "sum",
                                       "--from", _period_text(frm), "--to", _period_text(to)],
                         key_columns=["group"]))
    queries.append(Query("trade-last", f"last point of every series ({len(names)})", "trade", "last",
                         vintage_args=["--latest"], key_columns=["series", "time"]))

    dense_series = dense.series_names[0]
    dsid = 0
    dperiods = dense.period[dense.series == dsid]
    dfirst, dlast = int(dperiods.min()), int(dperiods.max())
    for agg in ("avg", "min", "max", "count"):
        queries.append(Query(f"dense-{agg}", f"{agg} of one dense series, whole range", "dense", "agg",
                             series=dense_series, agg=agg, vintage_args=[dense_series, "--agg", agg], key_columns=["series"]))
    day = (dfirst // DAY_US + (dlast - dfirst) // DAY_US // 2) * DAY_US
    queries.append(Query("dense-hourly", f"hourly avg of one dense series over a day ({_date_text(day)})", "dense", "bucket",
                         series=dense_series, agg="avg", bucket=HOUR_US, frm=day, to=day + DAY_US,
                         vintage_args=[dense_series, "--agg", "avg", "--bucket", "1h", "--from", _date_text(day),
                                       "--to", _date_text(day + DAY_US)],
                         key_columns=["time"]))
    queries.append(Query("dense-daily", "daily avg of one dense series, whole range", "dense", "bucket",
                         series=dense_series, agg="avg", bucket=DAY_US,
                         vintage_args=[dense_series, "--agg", "avg", "--bucket", "1d"], key_columns=["time"]))
    # Every dense point: the dense series share the tag kind=dense, so one group holds them all.
    kind_values = {dense.tags[n].get("kind") for n in dense.series_names}
    if kind_values != {"dense"}:
        raise ValueError("the dense series are expected to share the tag kind=dense")
    queries.append(Query("dense-sum-all", f"sum over every dense point ({len(dense):,})", "dense", "groupby",
                         group_by="kind", agg="sum", vintage_args=["--group-by", "kind", "--agg", "sum"], key_columns=["group"]))
    queries.append(Query("trade-first-release", "first-release values of one trade series", "trade", "points",
                         series=series, first_release=True, vintage_args=[series, "--first-release"], key_columns=["time"]))
    return queries
