#!/usr/bin/env bash
# A private PostgreSQL server for the tests and tools/measure-postgres.sh, on a Unix socket
# in a temporary directory (no TCP port), removed when stopped.
#
#   tools/postgres-server.sh start DIR    initdb into DIR/data, start the server with its socket in DIR;
#                                         prints `export VINTAGE_TEST_POSTGRES_URL=...` (and the
#                                         variables the fault tests use) for eval
#   tools/postgres-server.sh stop DIR     stop it (fast) and remove DIR
#   tools/postgres-server.sh kill DIR     `pg_ctl stop -m immediate` (a crash, for the fault tests)
#   tools/postgres-server.sh restart DIR  start it again after kill
#
# initdb refuses to run as root: as root the server runs as the `postgres` user (made by
# Debian's postgresql package), which owns DIR. Local connections are trusted for the user
# `vintage` (a superuser); the user `vintage_pw` must give the password `secret` (the
# wrong-password test). fsync is off unless VINTAGE_POSTGRES_FSYNC=on. Needs postgresql (tools/install-dependencies.sh --test-tools installs it).
set -euo pipefail

command_name=${1:?usage: postgres-server.sh start|stop|kill|restart DIR}
dir=${2:?usage: postgres-server.sh start|stop|kill|restart DIR}

bindir=""
if command -v pg_config >/dev/null 2>&1 && [ -x "$(pg_config --bindir)/initdb" ]; then bindir=$(pg_config --bindir); fi
if [ -z "$bindir" ]; then
  for candidate in /usr/lib/postgresql/*/bin; do [ -x "$candidate/initdb" ] && bindir=$candidate; done
fi
if [ -z "$bindir" ]; then echo "postgres-server.sh: no PostgreSQL server binaries (install postgresql)" >&2; exit 1; fi

as_server() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "$command_name" in
  start)
    mkdir -p "$dir"
    if [ "$(id -u)" -eq 0 ]; then chown postgres "$dir"; fi
    as_server "$bindir/initdb" -D "$dir/data" -U vintage --auth-local=trust --auth-host=reject -E UTF8 --no-sync >"$dir/initdb.log" 2>&1 \
      || { cat "$dir/initdb.log" >&2; exit 1; }
    # The password user first: pg_hba.conf is read top down.
    as_server sh -c "{ echo 'local all vintage_pw scram-sha-256'; cat '$dir/data/pg_hba.conf'; } > '$dir/data/pg_hba.new' && mv '$dir/data/pg_hba.new' '$dir/data/pg_hba.conf'"
    as_server "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
      -o "-k $dir -c listen_addresses='' -c fsync=${VINTAGE_POSTGRES_FSYNC:-off} -c max_connections=200" start >/dev/null \
      || { cat "$dir/server.log" >&2; exit 1; }
    "$bindir/psql" -h "$dir" -U vintage -d postgres -q -c "CREATE ROLE vintage_pw LOGIN PASSWORD 'secret' SUPERUSER" >/dev/null
    encoded=$(printf '%s' "$dir" | sed 's|/|%2F|g')
    echo "export VINTAGE_TEST_POSTGRES_URL='postgresql://vintage@$encoded:5432/postgres'"
    echo "export VINTAGE_TEST_POSTGRES_DIR='$dir'"
    echo "export VINTAGE_TEST_POSTGRES_SERVER='$(cd "$(dirname "$0")" && pwd)/postgres-server.sh'"
    echo "export VINTAGE_TEST_PSQL='$bindir/psql'"
    ;;
  stop)
    if [ -f "$dir/data/postmaster.pid" ]; then as_server "$bindir/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true; fi
    rm -rf "$dir"
    ;;
  kill)
    as_server "$bindir/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null
    ;;
  restart)
    as_server "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
      -o "-k $dir -c listen_addresses='' -c fsync=${VINTAGE_POSTGRES_FSYNC:-off} -c max_connections=200" start >/dev/null
    ;;
  *) echo "usage: postgres-server.sh start|stop|kill|restart DIR" >&2; exit 2 ;;
esac
