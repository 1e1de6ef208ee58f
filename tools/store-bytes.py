#!/usr/bin/env python3
"""tools/store-bytes.py STORE [NDJSON [VINTAGES]] — where a store's bytes go (issue 13).

Prints, as du counts them, the log's tables (SQLite dbstat: pages, payload, unused bytes),
the projection's chunk bytes per column of series-chunk layout 2 (plus each chunk's fixed
header, directory and CRCs), and the MANIFEST's parts (series entries: ids, chunk references,
summaries, heads; attachments). With NDJSON (the input the store was built from), also the
information content of the figures' values: per series, in the projection's row order
(period, release), the values as integers of the series' common decimal unit, and the
empirical (order-0) entropy of their differences — one row after another, and split into a
point's first vintage against the previous point's first and a revision against the row
before — a floor for any coder of differences that each copy of the values (log, projection)
must pay. VINTAGES (the store's vintage count, from `vintage stats`) turns column bytes into
bytes per vintage.
"""
import collections, glob, json, math, os, sqlite3, struct, sys

COLUMNS = ["point time", "point rows", "event time", "event seq", "event end", "event step",
           "visibleFrom offset", "value", "status"]


def log_tables(store):
    db = sqlite3.connect(f"file:{store}/log.sqlite?mode=ro", uri=True)
    try:
        rows = db.execute("SELECT name, count(*), sum(pgsize), sum(payload), sum(unused) FROM dbstat "
                          "GROUP BY name ORDER BY sum(pgsize) DESC").fetchall()
    except sqlite3.OperationalError as e:
        print(f"  (no dbstat: {e})")
        return
    page, count, free = (db.execute(f"PRAGMA {p}").fetchone()[0] for p in ("page_size", "page_count", "freelist_count"))
    print(f"log.sqlite: {os.path.getsize(store + '/log.sqlite')} bytes, {count} pages of {page}, {free} free")
    for name, pages, size, payload, unused in rows:
        print(f"  {name:28} {size:>10} bytes  {pages:>5} pages  payload {payload:>10}  unused {unused:>8}")


def chunks(store, vintages):
    per = collections.Counter()
    n = rows = fixed = total = 0
    for f in sorted(glob.glob(store + "/projection/chunks/*")):
        b = open(f, "rb").read()
        total += len(b)
        i = 0
        while (i := b.find(b"VTCH", i)) >= 0:
            c, nrows = b[i + 5], struct.unpack_from("<I", b, i + 8)[0]
            if c != len(COLUMNS):
                i += 4
                continue
            n += 1
            rows += nrows
            fixed += 72 + 12 * c + 8
            length = 0
            for k in range(c):
                _, _, _, _, ln, _ = struct.unpack_from("<BBBBII", b, i + 72 + 12 * k)
                per[COLUMNS[k]] += ln
                length += ln
            i += 72 + 12 * c + 8 + length
    print(f"chunk files: {total} bytes, {n} chunks, {rows} rows")
    print(f"  {'header+directory+CRCs':28} {fixed:>10} bytes  {fixed / vintages:.3f} B/vintage")
    for k in COLUMNS:
        print(f"  {k:28} {per[k]:>10} bytes  {per[k] / vintages:.3f} B/vintage  {per[k] / max(rows, 1):.3f} B/row")


def manifest(store):
    b = open(store + "/projection/MANIFEST", "rb").read()
    p = 8
    parts = collections.Counter()

    def vu():
        nonlocal p
        r = s = 0
        while True:
            x = b[p]
            p += 1
            r |= (x & 0x7F) << s
            s += 7
            if x < 0x80:
                return r

    def blob():
        nonlocal p
        n = vu()
        p += n

    def part(name, f):
        nonlocal p
        q = p
        f()
        parts[name] += p - q

    def chunk(tag):
        nonlocal p
        part(tag + " name", blob)
        part(tag + " size+crc", lambda: (vu(), None))
        p += 4
        parts[tag + " size+crc"] += 4
        part(tag + " summary", blob)
        part(tag + " offset", vu)

    version = struct.unpack_from("<I", b, 4)[0]
    vu()  # logSeq
    chunks_ = 0

    def series_entries(count):
        nonlocal p, chunks_
        for _ in range(count):
            part("series id", blob)
            q = p
            k = vu()
            parts["chunk count"] += p - q
            chunks_ += k
            for _ in range(k):
                chunk("chunk")
            kind = b[p]
            p += 1
            if kind == 0:
                part("head (inline)", blob)
            else:
                chunk("head")
            q = p
            for _ in range(vu()):
                t = b[p]
                p += 1
                if t == 1:
                    blob()
            parts["statuses"] += p - q

    def tables_and_attachments():
        nonlocal p
        q = p
        for _ in range(vu()):
            blob()
            for _ in range(vu()):
                t = b[p]
                p += 1
                if t == 1:
                    blob()
        parts["tables"] += p - q
        for _ in range(vu()):
            n = vu()
            name = b[p:p + n].decode()
            p += n
            kind = b[p]
            p += 1
            if kind == 0:
                part("attachment " + name, blob)
            else:
                chunk("attachment " + name)

    # Format 3: tables, attachments, then the series index (a u32 per series) and the entries;
    # formats 1 and 2: the series entries first.
    if version >= 3:
        tables_and_attachments()
        count = vu()
        p += 4 * count
        parts["series index"] += 4 * count
        series_entries(count)
    else:
        series_entries(vu())
        tables_and_attachments()
    print(f"MANIFEST (format {version}): {len(b)} bytes, {chunks_} chunk references")
    for k, v in parts.most_common():
        print(f"  {k:28} {v:>10} bytes")


def entropy(counter):
    n = sum(counter.values())
    return -sum(v / n * math.log2(v / n) for v in counter.values()) if n else 0.0


def values(ndjson):
    rows = collections.defaultdict(list)
    for line in open(ndjson):
        e = json.loads(line)
        if e.get("type") == "release":
            for o in e["observations"]:
                rows[o["series"]].append((o["period"], e["released_at"], o["value"]))
        elif e.get("type") == "observation":
            rows[e["series"]].append((e["period"], e["released_at"], e["value"]))
    plain, first, revision = collections.Counter(), collections.Counter(), collections.Counter()
    n = 0
    for r in rows.values():
        r.sort()
        # The series' common decimal unit: the values as integers of it.
        scale = max(len(repr(float(v)).split("e")[0].split(".")[1].rstrip("0")) if "." in repr(float(v)).split("e")[0] else 0
                    for _, _, v in r) if all(abs(v) < 1e15 for _, _, v in r) else 0
        ints = [round(v * 10 ** scale) for _, _, v in r]
        g = 0
        for x in ints:
            g = math.gcd(g, x)
        ints = [x // g for x in ints] if g else ints
        prev = prev_first = prev_period = None
        for (period, _, _), x in zip(r, ints):
            if prev is not None:
                plain[x - prev] += 1
            if period != prev_period:
                if prev_first is not None:
                    first[x - prev_first] += 1
                prev_first = x
            else:
                revision[x - prev] += 1
            prev, prev_period = x, period
            n += 1
    hp = entropy(plain)
    split = (entropy(first) * sum(first.values()) + entropy(revision) * sum(revision.values())) / max(n, 1)
    print(f"values: {n} figures of {len(rows)} series")
    print(f"  differences row to row: {hp:.2f} bits = {hp / 8:.3f} bytes a value; two copies {hp / 4:.3f} B/vintage")
    print(f"  first vintage vs previous point's first, revision vs previous row: {split / 8:.3f} bytes a value; two copies {split / 4:.3f} B/vintage")


if __name__ == "__main__":
    store = sys.argv[1]
    log_tables(store)
    chunks(store, int(sys.argv[3]) if len(sys.argv) > 3 else 1)
    manifest(store)
    if len(sys.argv) > 2:
        values(sys.argv[2])
