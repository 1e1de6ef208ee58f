"""Valid times and release times as UTC microseconds since the epoch, parsed as SPEC.md says.

The peers get plain integers (or timestamps made from them); parsing happens once, while the
input rows are prepared, never in a timed query.
"""
import re
from datetime import datetime, timezone

import numpy as np

_DAY_US = 86_400_000_000


def days_from_civil(y, m, d):
    """Days since 1970-01-01 of a proleptic Gregorian date."""
    y = y - 1 if m <= 2 else y
    era = (y if y >= 0 else y - 399) // 400
    yoe = y - era * 400
    mp = (m + 9) % 12
    doy = (153 * mp + 2) // 5 + d - 1
    doe = yoe * 365 + yoe // 4 - yoe // 100 + doy
    return era * 146097 + doe - 719468


def date_us(y, m, d):
    """Midnight UTC of a date, in microseconds."""
    return days_from_civil(y, m, d) * _DAY_US


def add_years(us, years):
    """The same month, day and time of day `years` later (29 February moves to 28 February)."""
    days, rest = divmod(us, _DAY_US)
    y, m, d = civil_from_days(days)
    y += years
    if m == 2 and d == 29 and not (y % 4 == 0 and (y % 100 != 0 or y % 400 == 0)):
        d = 28
    return date_us(y, m, d) + rest


def civil_from_days(z):
    """The (year, month, day) `z` days after 1970-01-01."""
    z += 719468
    era = (z if z >= 0 else z - 146096) // 146097
    doe = z - era * 146097
    yoe = (doe - doe // 1460 + doe // 36524 - doe // 146096) // 365
    doy = doe - (365 * yoe + yoe // 4 - yoe // 100)
    mp = (5 * doy + 2) // 153
    d = doy - (153 * mp + 2) // 5 + 1
    m = mp + 3 if mp < 10 else mp - 9
    return yoe + era * 400 + (1 if m <= 2 else 0), m, d


def format_us(us):
    """`YYYY-MM-DDTHH:MM:SSZ` (with a fraction only when not zero), as Vintage prints times."""
    days, rest = divmod(us, _DAY_US)
    y, m, d = civil_from_days(days)
    secs, frac = divmod(rest, 1_000_000)
    text = f"{y:04d}-{m:02d}-{d:02d}T{secs // 3600:02d}:{secs // 60 % 60:02d}:{secs % 60:02d}"
    if frac:
        text += ("." + f"{frac:06d}").rstrip("0")
    return text + "Z"


_PATTERNS = [
    (re.compile(r"^(\d{4})$"), lambda g: date_us(int(g[0]), 1, 1)),
    (re.compile(r"^(\d{4})-A1$"), lambda g: date_us(int(g[0]), 1, 1)),
    (re.compile(r"^(\d{4})-(\d{2})$"), lambda g: date_us(int(g[0]), int(g[1]), 1)),
    (re.compile(r"^(\d{4})-M(\d{2})$"), lambda g: date_us(int(g[0]), int(g[1]), 1)),
    (re.compile(r"^(\d{4})-Q([1-4])$"), lambda g: date_us(int(g[0]), 3 * int(g[1]) - 2, 1)),
    (re.compile(r"^(\d{4})-S([12])$"), lambda g: date_us(int(g[0]), 6 * int(g[1]) - 5, 1)),
    (re.compile(r"^(\d{4})-(\d{2})-(\d{2})$"), lambda g: date_us(int(g[0]), int(g[1]), int(g[2]))),
]


def parse_timestamp(text):
    """An ISO-8601 timestamp with `Z` or an offset, in UTC microseconds."""
    dt = datetime.fromisoformat(text)
    if dt.tzinfo is None:
        raise ValueError(f"timestamp without Z or offset: {text!r}")
    delta = dt - datetime(1970, 1, 1, tzinfo=timezone.utc)
    return (delta.days * 86_400 + delta.seconds) * 1_000_000 + delta.microseconds


def parse_period(text):
    """The start of a period (or a timestamp), in UTC microseconds. ISO weeks and SDMX days
    (`YYYY-Wnn`, `YYYY-Dnnn`) are not needed by the generated data and are refused."""
    for pattern, make in _PATTERNS:
        m = pattern.match(text)
        if m:
            return make(m.groups())
    if "T" in text:
        return parse_timestamp(text)
    raise ValueError(f"bench-compare cannot parse the period {text!r}")


def parse_periods(texts):
    """Many periods at once, as an int64 array: `YYYY-MM-DDTHH:MM:SSZ` strings are parsed in
    bulk, the other forms one distinct string at a time."""
    out = np.empty(len(texts), dtype=np.int64)
    if not texts:
        return out
    # As 20-byte strings: a longer one is cut (and then has no 'Z' at 19), a shorter one padded.
    raw = np.array(texts, dtype="S20").view(np.uint8).reshape(-1, 20)
    fast = ((raw[:, 19] == ord("Z")) & (raw[:, 4] == ord("-")) & (raw[:, 7] == ord("-")) & (raw[:, 10] == ord("T"))
            & (raw[:, 13] == ord(":")) & (raw[:, 16] == ord(":")))
    if fast.any():
        digits = raw[fast]

        def num(a, b):
            v = np.zeros(len(digits), dtype=np.int64)
            for k in range(a, b):
                v = v * 10 + (digits[:, k].astype(np.int64) - 48)
            return v

        y, m, d = num(0, 4), num(5, 7), num(8, 10)
        hh, mm, ss = num(11, 13), num(14, 16), num(17, 19)
        yy = np.where(m <= 2, y - 1, y)
        era = np.where(yy >= 0, yy, yy - 399) // 400
        yoe = yy - era * 400
        mp = (m + 9) % 12
        doy = (153 * mp + 2) // 5 + d - 1
        doe = yoe * 365 + yoe // 4 - yoe // 100 + doy
        days = era * 146097 + doe - 719468
        out[fast] = days * _DAY_US + (hh * 3600 + mm * 60 + ss) * 1_000_000
    if not fast.all():
        cache = {}
        for i in np.nonzero(~fast)[0]:
            t = texts[i]
            v = cache.get(t)
            if v is None:
                v = cache[t] = parse_period(t)
            out[i] = v
    return out


def as_of_instant(text):
    """`--as-of`: a date means the end of that day UTC (inclusive); a timestamp is inclusive."""
    if "T" in text:
        return parse_timestamp(text)
    y, m, d = (int(x) for x in text.split("-"))
    return date_us(y, m, d) + _DAY_US - 1
