"""Checking that engines agree: same keys, same counts, values equal within 1e-9 relative."""
import math

REL_TOL = 1e-9


def describe(row):
    key, value, count = row
    parts = [str(k) for k in key]
    return f"{' '.join(parts)} -> {value!r}" + (f" (count {count})" if count is not None else "")


def difference(reference, answer):
    """None when `answer` agrees with `reference`, else a one-line description of the first
    difference."""
    if len(reference) != len(answer):
        return f"{len(answer)} rows instead of {len(reference)}" + _first_missing(reference, answer)
    for i, (a, b) in enumerate(zip(reference, answer)):
        if a[0] != b[0]:
            return f"row {i + 1}: key {b[0]} instead of {a[0]}"
        if a[2] is not None and b[2] is not None and a[2] != b[2]:
            return f"row {i + 1} ({a[0]}): count {b[2]} instead of {a[2]}"
        if not math.isclose(a[1], b[1], rel_tol=REL_TOL, abs_tol=0.0) and not (a[1] == 0 and abs(b[1]) < 1e-12):
            return f"row {i + 1} ({a[0]}): value {b[1]!r} instead of {a[1]!r}"
    return None


def _first_missing(reference, answer):
    keys = {r[0] for r in answer}
    for r in reference:
        if r[0] not in keys:
            return f"; first missing: {describe(r)}"
    ref_keys = {r[0] for r in reference}
    for r in answer:
        if r[0] not in ref_keys:
            return f"; first extra: {describe(r)}"
    return ""
