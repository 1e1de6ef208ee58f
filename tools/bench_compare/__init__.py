"""bench-compare: load the same generated data into SQLite, DuckDB, ArcticDB and Vintage,
run one query set on each, check that every engine gives the same answer, and print a
Markdown table of in-process query times, ingest times and bytes on disk.

Run it through the launcher `tools/bench-compare` (it makes the virtualenv it needs).
"""
