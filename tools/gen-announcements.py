#!/usr/bin/env python3
"""Writes N `announcement` events (NDJSON) for measuring the announcement timeline on a store
made by `tools/datagen trade` (30% of them set a rate of its `tariff.us.kr` series).

Usage: tools/gen-announcements.py [N] > announcements.ndjson   (default N = 10,000)
Deterministic: the same N always gives the same file.
"""
import random
import sys

def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    r = random.Random(5)
    out = sys.stdout
    for i in range(n):
        day, month, year = 1 + i % 28, 1 + (i // 28) % 12, 1996 + (i // 336) % 30
        parties = r.choice(['["US","KR"]', '["EU","CN"]', '["JP"]', '["US","MX","CA"]'])
        step = (',"series":"tariff.us.kr","effective":"%04d-%02d-%02d","value":%d' % (year, month, day, r.randint(0, 50))
                if r.random() < 0.3 else '')
        out.write('{"type":"announcement","id":"x-ann-%d","released_at":"%04d-%02d-%02dT12:00:00Z","source":"Ministry %d",'
                  '"kind":"%s","title":"Announcement number %d about tariffs and quotas on goods","parties":%s,'
                  '"tags":{"topic":"t%d"}%s}\n' % (i, year, month, day, i % 7, r.choice(["tariff", "quota", "note"]), i,
                                                   parties, i % 5, step))

if __name__ == "__main__":
    main()
