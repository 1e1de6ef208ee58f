"""ArcticDB on its LMDB backend: vintages held as symbol versions, one version per release.

ArcticDB's documentation calls its versioned modifications "time travel" and says "ArcticDB
is bitemporal": every write creates a new version of a symbol, and `read(..., as_of=version)`
returns the data as that version held it (FAQ; "Time travel in ArcticDB"; the snapshots
notebook). Vintages are held that way here:

- Symbols: the series a publisher releases together share a symbol, one column per series,
  indexed by period: one symbol per country (its monthly release restates all of its
  products), one per tariff series, one wide symbol for the dense series (released together
  every hour). `_catalog` maps series to symbols and tags.
- Versions: for each symbol, the corrected vintage rows are replayed in `released_at` order;
  each distinct release time becomes one version (`write`, then `update` over the periods the
  release touches — rows outside that range are kept by ArcticDB — or `append` when it only
  adds later periods), with `released_at` in the version's metadata. `_releases` records
  (symbol, version, released_at, first and last period written) for finding versions.
- After loading, each symbol's latest version is defragmented (`defragment_symbol_data`),
  which a user would do after a bulk load; older versions stay as written.

Queries: latest vintage = the latest version; as of T = the last version released by T
(found in `_releases`); first release = for each period, the first version in which it holds
a value (one `read_batch` over the versions' written ranges); aggregates and buckets are
computed on the columns read (buckets with ArcticDB's `QueryBuilder.resample`).
"""
import os

import numpy as np
import pandas as pd
from arcticdb import Arctic, QueryBuilder, ReadRequest
from arcticdb.config import set_log_level

from .queries import DAY_US, HOUR_US
from .times import add_years

CATALOG, RELEASES = "_catalog", "_releases"


def symbol_of(name, tags):
    """The symbol holding a series: its country's, the dense group's, or its own."""
    if "country" in tags:
        return "trade." + tags["country"].lower()
    if tags.get("kind") == "dense":
        return "dense"
    return name


class ArcticEngine:
    name = "ArcticDB"

    def __init__(self, directory, progress=None):
        self.directory = directory
        self.progress = progress or (lambda text: None)
        self.arctic = None
        self.libraries = {}
        self.catalogs = {}

    def uri(self):
        return f"lmdb://{self.directory}?map_size=8GB"

    def _arctic(self):
        if self.arctic is None:
            set_log_level("WARN")  # its INFO lines (one per defragmented segment batch) drown the progress
            os.makedirs(self.directory, exist_ok=True)
            self.arctic = Arctic(self.uri())
        return self.arctic

    def load(self, dataset_name, ds):
        ac = self._arctic()
        if dataset_name in ac.list_libraries():
            ac.delete_library(dataset_name)
        lib = ac.create_library(dataset_name)
        names = ds.series_names
        symbols = [symbol_of(n, ds.tags[n]) for n in names]
        catalog = pd.DataFrame({"series": names, "symbol": symbols})
        tag_keys = sorted({k for n in names for k in ds.tags[n]})
        for k in tag_keys:
            catalog["tag_" + k] = [ds.tags[n].get(k, "") for n in names]
        lib.write(CATALOG, catalog)

        release_rows = []
        by_symbol = {}
        for i, s in enumerate(symbols):
            by_symbol.setdefault(s, []).append(i)
        done = 0
        for symbol, members in sorted(by_symbol.items()):
            mask = np.isin(ds.series, members)
            sid, period, released, value = ds.series[mask], ds.period[mask], ds.released_at[mask], ds.value[mask]
            if len(value) == 0:
                continue
            columns = [names[i] for i in members]
            col_of = {m: k for k, m in enumerate(members)}
            periods = np.unique(period)
            state = np.full((len(periods), len(members)), np.nan)
            filled = np.zeros(len(periods), dtype=bool)
            row_of = np.searchsorted(periods, period)
            col = np.array([col_of[int(x)] for x in sid], dtype=np.int64)
            order = np.argsort(released, kind="stable")
            times, starts = np.unique(released[order], return_index=True)
            ends = list(starts[1:]) + [len(order)]
            version = -1
            written_max = None
            for r, a, b in zip(times, starts, ends):
                idx = order[a:b]
                rows = row_of[idx]
                state[rows, col[idx]] = value[idx]
                filled[rows] = True
                lo, hi = int(rows.min()), int(rows.max())
                span = np.arange(lo, hi + 1)
                span = span[filled[span]]
                frame = pd.DataFrame(state[span], columns=columns,
                                     index=pd.DatetimeIndex(periods[span].astype("datetime64[us]").astype("datetime64[ns]")))
                meta = {"released_at": int(r)}
                if version < 0:
                    item = lib.write(symbol, frame, metadata=meta)
                elif lo > written_max:
                    item = lib.append(symbol, frame, metadata=meta)
                else:
                    item = lib.update(symbol, frame, metadata=meta)
                version = item.version
                written_max = hi if written_max is None else max(written_max, hi)
                release_rows.append((symbol, version, int(r), int(periods[lo]), int(periods[hi])))
            if lib.is_symbol_fragmented(symbol):
                lib.defragment_symbol_data(symbol)
            done += 1
            self.progress(f"ArcticDB {dataset_name}: {done}/{len(by_symbol)} symbols, {len(release_rows)} versions")
        releases = pd.DataFrame(release_rows, columns=["symbol", "version", "released_at", "first_period", "last_period"])
        lib.write(RELEASES, releases)

    def files(self, dataset_name):
        out = []
        for root, _, fs in os.walk(self.directory):
            out += [os.path.join(root, f) for f in fs]
        return out

    def open(self, dataset_name):
        self.libraries[dataset_name] = self._arctic().get_library(dataset_name)

    def close(self):
        self.libraries = {}
        self.arctic = None

    # Queries.

    def _catalog(self, lib):
        return lib.read(CATALOG).data

    def _symbol(self, lib, series):
        catalog = self._catalog(lib)
        return catalog.loc[catalog["series"] == series, "symbol"].iloc[0]

    @staticmethod
    def _us(index):
        return index.values.astype("datetime64[us]").astype(np.int64)

    def _column(self, lib, symbol, series, **read):
        data = lib.read(symbol, columns=[series], **read).data[series]
        data = data[data.notna()]
        return self._us(data.index), data.values

    def _versions(self, lib, symbol):
        q = QueryBuilder()
        q = q[q["symbol"] == symbol]
        return lib.read(RELEASES, query_builder=q).data

    def run(self, q):
        lib = self.libraries[q.dataset]
        if q.kind == "points" and not q.first_release:
            symbol = self._symbol(lib, q.series)
            read = {}
            if q.as_of is not None:
                versions = self._versions(lib, symbol)
                known = versions[versions["released_at"] <= q.as_of]
                if known.empty:
                    return []
                read["as_of"] = int(known["version"].iloc[-1])
            t, v = self._column(lib, symbol, q.series, **read)
            return [((int(a),), float(b), None) for a, b in zip(t, v)]
        if q.kind == "points":  # first release
            symbol = self._symbol(lib, q.series)
            versions = self._versions(lib, symbol).sort_values("version")
            requests = [ReadRequest(symbol, as_of=int(row.version), columns=[q.series],
                                    date_range=(pd.Timestamp(int(row.first_period), unit="us"),
                                                pd.Timestamp(int(row.last_period), unit="us")))
                        for row in versions.itertuples()]
            first = {}
            for item in lib.read_batch(requests):
                col = item.data[q.series]
                col = col[col.notna()]
                for t, v in zip(self._us(col.index), col.values):
                    first.setdefault(int(t), float(v))
            return [((t,), first[t], None) for t in sorted(first)]
        if q.kind == "yoy":
            symbol = self._symbol(lib, q.series)
            start = pd.Timestamp(add_years(q.frm, -1), unit="us")
            data = lib.read(symbol, columns=[q.series], date_range=(start, pd.Timestamp(q.to - 1, unit="us"))).data[q.series]
            data = data[data.notna()]
            base = data.reindex(data.index - pd.DateOffset(years=1))
            pct = (data.values / base.values - 1) * 100
            t = self._us(data.index)
            keep = (t >= q.frm) & (t < q.to) & base.notna().values & (base.values != 0)
            return [((int(a),), float(b), None) for a, b in zip(t[keep], pct[keep])]
        if q.kind == "groupby":
            catalog = self._catalog(lib)
            selected = catalog
            for k, v in q.where.items():
                selected = selected[selected.get("tag_" + k, pd.Series("", index=selected.index)) == v]
            groups = {}
            date_range = None
            if q.frm is not None or q.to is not None:
                date_range = (pd.Timestamp(q.frm, unit="us") if q.frm is not None else None,
                              pd.Timestamp(q.to - 1, unit="us") if q.to is not None else None)
            for symbol, members in selected.groupby("symbol"):
                frame = lib.read(symbol, columns=list(members["series"]), date_range=date_range).data
                for row in members.itertuples():
                    values = frame[row.series].values
                    values = values[~np.isnan(values)]
                    if len(values) == 0:
                        continue
                    g = getattr(row, "tag_" + q.group_by, "") if ("tag_" + q.group_by) in catalog.columns else ""
                    groups.setdefault(g, []).append(values)
            out = []
            for g in sorted(groups):
                values = np.concatenate(groups[g])
                out.append(((g,), float(_aggregate(q.agg, values)), len(values)))
            return out
        if q.kind == "last":
            catalog = self._catalog(lib)
            out = []
            for symbol, members in catalog.groupby("symbol"):
                columns = list(members["series"])
                tail = lib.tail(symbol, 1, columns=columns).data
                for name in columns:
                    col = tail[name]
                    if col.isna().all():
                        col = lib.read(symbol, columns=[name]).data[name]
                    col = col[col.notna()]
                    if len(col):
                        out.append(((name, int(self._us(col.index)[-1])), float(col.values[-1]), None))
            return sorted(out)
        if q.kind == "agg":
            symbol = self._symbol(lib, q.series)
            _, v = self._column(lib, symbol, q.series)
            return [((q.series,), float(_aggregate(q.agg, v)), len(v))] if len(v) else []
        if q.kind == "bucket":
            symbol = self._symbol(lib, q.series)
            rule = {HOUR_US: "1h", DAY_US: "1D"}[q.bucket]
            qb = QueryBuilder().resample(rule).agg({"value": (q.series, {"avg": "mean"}.get(q.agg, q.agg)),
                                                     "count": (q.series, "count")})
            date_range = None
            if q.frm is not None or q.to is not None:
                date_range = (pd.Timestamp(q.frm, unit="us") if q.frm is not None else None,
                              pd.Timestamp(q.to - 1, unit="us") if q.to is not None else None)
            frame = lib.read(symbol, date_range=date_range, query_builder=qb).data
            frame = frame[frame["count"] > 0]
            return [((int(t),), float(v), int(c)) for t, v, c in zip(self._us(frame.index), frame["value"].values, frame["count"].values)]
        raise ValueError(q.kind)


def _aggregate(agg, values):
    if agg == "sum":
        return values.sum()
    if agg == "avg":
        return values.mean()
    if agg == "min":
        return values.min()
    if agg == "max":
        return values.max()
    if agg == "count":
        return len(values)
    raise ValueError(agg)
