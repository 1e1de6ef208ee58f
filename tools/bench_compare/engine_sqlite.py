"""SQLite (Python's sqlite3 module): one row per vintage, keyed on (series, period, released_at).

Schema: `series(id, name)`, `tags(series_id, key, value)`, `vintages(series_id, period,
released_at, value)` with times as integer microseconds and PRIMARY KEY (series_id, period,
released_at) in a WITHOUT ROWID table, so the table is its own index (a clustered B-tree:
one copy of the rows, read in key order). A point's latest vintage is chosen with SQLite's documented
bare-column rule for `max()` (`SELECT value, max(released_at) ... GROUP BY period`), which
walks the index in order; first release with `min()` likewise.
"""
import os
import sqlite3

from .queries import DAY_US


class SQLiteEngine:
    name = "SQLite"

    def __init__(self, directory):
        self.directory = directory
        self.connections = {}

    def path(self, dataset):
        return os.path.join(self.directory, f"{dataset}.sqlite")

    def load(self, dataset_name, ds):
        """Creates the database from the folded rows; returns when it is committed."""
        path = self.path(dataset_name)
        for suffix in ("", "-journal", "-wal"):
            if os.path.exists(path + suffix):
                os.remove(path + suffix)
        db = sqlite3.connect(path)
        db.executescript("""
            CREATE TABLE series(id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
            CREATE TABLE tags(series_id INTEGER NOT NULL, key TEXT NOT NULL, value TEXT NOT NULL,
                              PRIMARY KEY (series_id, key)) WITHOUT ROWID;
            CREATE INDEX tags_value ON tags(key, value, series_id);
            CREATE TABLE vintages(series_id INTEGER NOT NULL, period INTEGER NOT NULL,
                                  released_at INTEGER NOT NULL, value REAL NOT NULL,
                                  PRIMARY KEY (series_id, period, released_at)) WITHOUT ROWID;
        """)
        with db:  # one transaction; the rows come in key order
            db.executemany("INSERT INTO series VALUES (?, ?)", enumerate(ds.series_names))
            db.executemany("INSERT INTO tags VALUES (?, ?, ?)",
                           ((i, k, v) for i, n in enumerate(ds.series_names) for k, v in ds.tags[n].items()))
            db.executemany("INSERT INTO vintages VALUES (?, ?, ?, ?)",
                           zip(ds.series.tolist(), ds.period.tolist(), ds.released_at.tolist(), ds.value.tolist()))
        db.execute("ANALYZE")
        db.close()

    def files(self, dataset_name):
        return [self.path(dataset_name)]

    def open(self, dataset_name):
        self.connections[dataset_name] = sqlite3.connect(self.path(dataset_name))

    def close(self):
        for db in self.connections.values():
            db.close()
        self.connections = {}

    def _sid(self, db, name):
        return db.execute("SELECT id FROM series WHERE name = ?", (name,)).fetchone()[0]

    def run(self, q):
        db = self.connections[q.dataset]
        if q.kind == "points":
            pick = "min" if q.first_release else "max"
            sql = f"SELECT period, value, {pick}(released_at) FROM vintages WHERE series_id = ?"
            args = [self._sid(db, q.series)]
            if q.as_of is not None:
                sql += " AND released_at <= ?"
                args.append(q.as_of)
            sql += " GROUP BY period ORDER BY period"
            return [((p,), v, None) for p, v, _ in db.execute(sql, args)]
        if q.kind == "yoy":
            # The base is the point one calendar year earlier (same month and day).
            sql = """
                WITH l AS (SELECT period, value, max(released_at) FROM vintages
                           WHERE series_id = ? AND period >= ? AND period < ? GROUP BY period)
                SELECT a.period, (a.value / b.value - 1) * 100
                FROM l a JOIN l b
                  ON b.period = CAST(strftime('%s', a.period / 1000000, 'unixepoch', '-1 year') AS INTEGER) * 1000000
                WHERE a.period >= ? AND b.value != 0 ORDER BY a.period"""
            base_from = q.frm - 366 * DAY_US
            rows = db.execute(sql, (self._sid(db, q.series), base_from, q.to, q.frm))
            return [((p,), v, None) for p, v in rows]
        if q.kind == "groupby":
            conditions, args = "", []
            for k, v in q.where.items():
                conditions += " AND v.series_id IN (SELECT series_id FROM tags WHERE key = ? AND value = ?)"
                args += [k, v]
            if q.frm is not None:
                conditions += " AND v.period >= ?"
                args.append(q.frm)
            if q.to is not None:
                conditions += " AND v.period < ?"
                args.append(q.to)
            # Per series first (in key order, no sort), then per group: grouping every point by
            # its group's name directly would sort all of them in a temporary B-tree.
            combine = {"sum": "sum(p.s)", "count": "sum(p.c)", "avg": "sum(p.s) / sum(p.c)",
                       "min": "min(p.mn)", "max": "max(p.mx)"}[q.agg]
            sql = f"""
                WITH l AS (SELECT v.series_id, v.value, max(v.released_at) FROM vintages v
                           WHERE 1 {conditions} GROUP BY v.series_id, v.period),
                     p AS (SELECT series_id, sum(value) AS s, count(*) AS c, min(value) AS mn, max(value) AS mx
                           FROM l GROUP BY series_id)
                SELECT coalesce(t.value, ''), {combine}, sum(p.c)
                FROM p LEFT JOIN tags t ON t.series_id = p.series_id AND t.key = ?
                GROUP BY 1 ORDER BY 1"""
            return [((g,), float(v), c) for g, v, c in db.execute(sql, args + [q.group_by])]
        if q.kind == "last":
            sql = """
                SELECT s.name, v.period, v.value, max(v.released_at)
                FROM series s JOIN vintages v ON v.series_id = s.id
                 AND v.period = (SELECT max(period) FROM vintages WHERE series_id = s.id)
                GROUP BY s.id ORDER BY s.name"""
            return [((n, p), v, None) for n, p, v, _ in db.execute(sql)]
        if q.kind in ("agg", "bucket"):
            fn = {"sum": "sum", "avg": "avg", "min": "min", "max": "max", "count": "count"}[q.agg]
            where, args = "series_id = ?", [self._sid(db, q.series)]
            if q.frm is not None:
                where += " AND period >= ?"
                args.append(q.frm)
            if q.to is not None:
                where += " AND period < ?"
                args.append(q.to)
            latest = f"SELECT period, value, max(released_at) FROM vintages WHERE {where} GROUP BY period"
            if q.kind == "agg":
                v, c = db.execute(f"SELECT {fn}(value), count(*) FROM ({latest})", args).fetchone()
                return [((q.series,), float(v), c)] if c else []
            sql = f"SELECT period / {q.bucket} * {q.bucket} AS b, {fn}(value), count(*) FROM ({latest}) GROUP BY b ORDER BY b"
            return [((b,), float(v), c) for b, v, c in db.execute(sql, args)]
        raise ValueError(q.kind)
