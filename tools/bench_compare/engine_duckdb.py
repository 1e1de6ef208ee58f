"""DuckDB: one row per vintage in a table sorted by (series, period, released_at).

Schema: `series(id, name)`, `tags(series_id, key, value)`, `vintages(series_id INTEGER, period
TIMESTAMP, released_at TIMESTAMP, value DOUBLE)`, loaded in key order so that DuckDB's zone
maps (min/max per row group) prune by series and period; no ART index (DuckDB's advice for
analytical scans). Latest vintage per point: `arg_max(value, released_at)`; first release:
`arg_min`; buckets: `date_trunc`; year on year: a self-join on `period - INTERVAL 1 YEAR`.
"""
import os

import duckdb
import pandas as pd

from .queries import DAY_US, HOUR_US


class DuckDBEngine:
    name = "DuckDB"

    def __init__(self, directory):
        self.directory = directory
        self.connections = {}

    def path(self, dataset):
        return os.path.join(self.directory, f"{dataset}.duckdb")

    def load(self, dataset_name, ds):
        path = self.path(dataset_name)
        for suffix in ("", ".wal"):
            if os.path.exists(path + suffix):
                os.remove(path + suffix)
        con = duckdb.connect(path)
        series = pd.DataFrame({"id": range(len(ds.series_names)), "name": ds.series_names})
        tag_rows = [(i, k, v) for i, n in enumerate(ds.series_names) for k, v in ds.tags[n].items()]
        tags = pd.DataFrame(tag_rows, columns=["series_id", "key", "value"])
        vintages = pd.DataFrame({
            "series_id": ds.series,
            "period": ds.period.astype("datetime64[us]"),
            "released_at": ds.released_at.astype("datetime64[us]"),
            "value": ds.value,
        })
        con.execute("CREATE TABLE series AS SELECT id::INTEGER AS id, name FROM series")
        con.execute("CREATE TABLE tags AS SELECT series_id::INTEGER AS series_id, key, value FROM tags")
        con.execute("CREATE TABLE vintages AS SELECT series_id::INTEGER AS series_id, period, released_at, value "
                    "FROM vintages ORDER BY series_id, period, released_at")
        con.execute("CHECKPOINT")
        con.close()

    def files(self, dataset_name):
        return [self.path(dataset_name), self.path(dataset_name) + ".wal"]

    def open(self, dataset_name):
        self.connections[dataset_name] = duckdb.connect(self.path(dataset_name), read_only=True)

    def close(self):
        for con in self.connections.values():
            con.close()
        self.connections = {}

    def _sid(self, con, name):
        return con.execute("SELECT id FROM series WHERE name = ?", [name]).fetchone()[0]

    @staticmethod
    def _ts(us):
        return pd.Timestamp(us, unit="us").to_pydatetime()

    def run(self, q):
        con = self.connections[q.dataset]
        if q.kind == "points":
            pick = "arg_min" if q.first_release else "arg_max"
            sql = f"SELECT epoch_us(period), {pick}(value, released_at) FROM vintages WHERE series_id = ?"
            args = [self._sid(con, q.series)]
            if q.as_of is not None:
                sql += " AND released_at <= ?"
                args.append(self._ts(q.as_of))
            sql += " GROUP BY period ORDER BY period"
            return [((p,), v, None) for p, v in con.execute(sql, args).fetchall()]
        if q.kind == "yoy":
            sql = """
                WITH l AS (SELECT period, arg_max(value, released_at) AS value FROM vintages
                           WHERE series_id = ? AND period >= ? AND period < ? GROUP BY period)
                SELECT epoch_us(a.period), (a.value / b.value - 1) * 100
                FROM l a JOIN l b ON b.period = a.period - INTERVAL 1 YEAR
                WHERE a.period >= ? AND b.value != 0 ORDER BY a.period"""
            rows = con.execute(sql, [self._sid(con, q.series), self._ts(q.frm - 366 * DAY_US), self._ts(q.to),
                                     self._ts(q.frm)]).fetchall()
            return [((p,), v, None) for p, v in rows]
        if q.kind == "groupby":
            conditions, args = "", []
            for k, v in q.where.items():
                conditions += " AND series_id IN (SELECT series_id FROM tags WHERE key = ? AND value = ?)"
                args += [k, v]
            if q.frm is not None:
                conditions += " AND period >= ?"
                args.append(self._ts(q.frm))
            if q.to is not None:
                conditions += " AND period < ?"
                args.append(self._ts(q.to))
            sql = f"""
                WITH l AS (SELECT series_id, arg_max(value, released_at) AS value FROM vintages
                           WHERE true {conditions} GROUP BY series_id, period)
                SELECT coalesce(t.value, ''), {q.agg}(l.value), count(*)
                FROM l LEFT JOIN tags t ON t.series_id = l.series_id AND t.key = ?
                GROUP BY 1 ORDER BY 1"""
            return [((g,), float(v), c) for g, v, c in con.execute(sql, args + [q.group_by]).fetchall()]
        if q.kind == "last":
            sql = """
                WITH m AS (SELECT series_id, max(period) AS period FROM vintages GROUP BY series_id)
                SELECT s.name, epoch_us(v.period), arg_max(v.value, v.released_at)
                FROM vintages v JOIN m USING (series_id, period) JOIN series s ON s.id = v.series_id
                GROUP BY s.name, v.period ORDER BY s.name"""
            return [((n, p), v, None) for n, p, v in con.execute(sql).fetchall()]
        if q.kind in ("agg", "bucket"):
            where, args = "series_id = ?", [self._sid(con, q.series)]
            if q.frm is not None:
                where += " AND period >= ?"
                args.append(self._ts(q.frm))
            if q.to is not None:
                where += " AND period < ?"
                args.append(self._ts(q.to))
            latest = f"SELECT period, arg_max(value, released_at) AS value FROM vintages WHERE {where} GROUP BY period"
            if q.kind == "agg":
                v, c = con.execute(f"SELECT {q.agg}(value), count(*) FROM ({latest})", args).fetchone()
                return [((q.series,), float(v), c)] if c else []
            unit = {HOUR_US: "hour", DAY_US: "day"}[q.bucket]
            sql = (f"SELECT epoch_us(date_trunc('{unit}', period)) AS b, {q.agg}(value), count(*) "
                   f"FROM ({latest}) GROUP BY b ORDER BY b")
            return [((b,), float(v), c) for b, v, c in con.execute(sql, args).fetchall()]
        raise ValueError(q.kind)
