#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# A throwaway PostgreSQL server for the tests of shared cases: a cluster of its own in a temporary folder,
# reached only through a Unix socket in that folder (no TCP port), run by an unprivileged user.
#
#   scripts/pgcluster.sh start STATE_DIR   initdb, start, create the database "tideline"; writes
#                                          STATE_DIR/address (the postgresql:// address tests use)
#   scripts/pgcluster.sh stop STATE_DIR    stop the server and remove its folder
#
# Run as root (CI, containers), the server runs as the "postgres" user Debian's package creates (PostgreSQL
# refuses to run as root). The binaries are Debian's (/usr/lib/postgresql/N/bin), or PG_BINDIR.
set -eu

action=${1:-}
state=${2:-}
[ -n "$action" ] && [ -n "$state" ] || { echo "usage: pgcluster.sh start|stop STATE_DIR" >&2; exit 2; }

bindir=${PG_BINDIR:-}
if [ -z "$bindir" ]; then
  for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    [ -x "$d/initdb" ] && { bindir=$d; break; }
  done
fi
if [ -z "$bindir" ] && command -v initdb >/dev/null 2>&1; then bindir=$(dirname "$(command -v initdb)"); fi

as_server() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "$action" in
start)
  [ -n "$bindir" ] || { echo "pgcluster: PostgreSQL's server is not installed (Debian package postgresql; scripts/setup.sh installs it)" >&2; exit 2; }
  if [ "$(id -u)" -eq 0 ] && ! id postgres >/dev/null 2>&1; then
    echo "pgcluster: run as root, but there is no 'postgres' user to run the server as (Debian's postgresql package makes it)" >&2; exit 2
  fi
  mkdir -p "$state"
  # A previous run's server, if one was left behind, is stopped first.
  [ -f "$state/datadir" ] && "$0" stop "$state" || true
  dir=$(mktemp -d /tmp/tideline-pg.XXXXXX)
  chmod 755 "$dir"
  mkdir "$dir/data" "$dir/socket"
  [ "$(id -u)" -eq 0 ] && chown -R postgres "$dir"
  echo "$dir" > "$state/datadir"
  if [ "$(id -u)" -eq 0 ]; then superuser=postgres; else superuser=$(id -un); fi
  as_server "$bindir/initdb" -D "$dir/data" -U "$superuser" --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$state/initdb.log" 2>&1 \
    || { echo "pgcluster: initdb failed:" >&2; cat "$state/initdb.log" >&2; exit 1; }
  # Small and quick: no TCP, no durability a throwaway cluster does not need.
  as_server "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
    -o "-c listen_addresses= -c unix_socket_directories=$dir/socket -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=100" \
    start >"$state/pg_ctl.log" 2>&1 \
    || { echo "pgcluster: the server did not start:" >&2; cat "$state/pg_ctl.log" "$dir/server.log" >&2 2>/dev/null; exit 1; }
  as_server "$bindir/createdb" -h "$dir/socket" -U "$superuser" tideline \
    || { echo "pgcluster: cannot create the database" >&2; exit 1; }
  echo "postgresql:///tideline?host=$dir/socket&user=$superuser" > "$state/address"
  echo "pgcluster: PostgreSQL $("$bindir/postgres" --version | awk '{print $3}') at $dir/socket (user $superuser), database tideline"
  ;;
stop)
  [ -f "$state/datadir" ] || { echo "pgcluster: nothing to stop in $state"; exit 0; }
  dir=$(cat "$state/datadir")
  if [ -n "$bindir" ] && [ -d "$dir/data" ]; then
    as_server "$bindir/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$dir"
  rm -f "$state/datadir" "$state/address"
  echo "pgcluster: stopped"
  ;;
*)
  echo "usage: pgcluster.sh start|stop STATE_DIR" >&2; exit 2 ;;
esac
