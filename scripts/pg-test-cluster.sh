#!/usr/bin/env bash
# A private PostgreSQL cluster for tests: made in DIR by a non-root user, listening only on a
# Unix socket inside DIR (no TCP port), with a role "kiosk" that logs in by password.
#   scripts/pg-test-cluster.sh start DIR   prints shell lines to eval: PGHOST, PGUSER,
#                                          PGDATABASE, PGPASSWORD, KIOSK_PG (a conninfo),
#                                          KIOSK_PG_ADMIN (a superuser conninfo, no password)
#   scripts/pg-test-cluster.sh stop DIR    stops it (safe to call twice)
# As root (CI), the cluster runs as the user "postgres" if it exists, else "kiosktest"
# (created if missing): PostgreSQL refuses to run as root.
set -euo pipefail
cmd=${1:-}
dir=${2:-}
[ -n "$cmd" ] && [ -n "$dir" ] || { echo "usage: $0 start|stop DIR" >&2; exit 2; }

bindir=${KIOSK_PG_BINDIR:-}
if [ -z "$bindir" ]; then
  for d in /usr/lib/postgresql/*/bin; do [ -x "$d/initdb" ] && bindir=$d; done
fi
if [ -z "$bindir" ] || [ ! -x "$bindir/initdb" ]; then
  echo "pg-test-cluster: PostgreSQL server binaries not found (install: scripts/deps.sh scripts/packages-test.txt)" >&2
  exit 1
fi

as_owner() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u "$owner" -- "$@"
  else
    "$@"
  fi
}

owner=$(id -un)
if [ "$(id -u)" -eq 0 ]; then
  if id postgres >/dev/null 2>&1; then
    owner=postgres
  else
    owner=kiosktest
    id "$owner" >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin "$owner"
  fi
fi

data=$dir/data
sock=$dir/sock
log=$dir/server.log
password=kiosk-test-password

case $cmd in
start)
  mkdir -p "$dir"
  dir=$(cd "$dir" && pwd)
  data=$dir/data; sock=$dir/sock; log=$dir/server.log
  mkdir -p "$sock"
  if [ "$(id -u)" -eq 0 ]; then
    chown "$owner" "$dir" "$sock"
    chmod 755 "$dir"
    runuser -u "$owner" -- test -x "$dir" ||
      { echo "pg-test-cluster: user '$owner' cannot reach '$dir' (a parent folder is private): use a folder of its own, e.g. mktemp -d" >&2; exit 1; }
  fi
  cd "$dir" # the server user's working directory must be readable to it
  as_owner "$bindir/initdb" -D "$data" -U pgadmin --auth-local=trust --auth-host=reject \
    -E UTF8 --locale=C.UTF-8 --no-sync >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; exit 1; }
  # The superuser logs in without a password (tests inspect the server with it); every other
  # role needs its password, so a wrong one is refused.
  as_owner sh -c "printf '%s\n' 'local all pgadmin trust' 'local all all scram-sha-256' >'$data/pg_hba.conf'"
  as_owner "$bindir/pg_ctl" -D "$data" -l "$log" -w -t 60 \
    -o "-c listen_addresses='' -c unix_socket_directories='$sock' -c fsync=off -c full_page_writes=off -c synchronous_commit=off" \
    start >/dev/null || { cat "$log" >&2; exit 1; }
  as_owner "$bindir/psql" -X -q -h "$sock" -U pgadmin -d postgres -v ON_ERROR_STOP=1 \
    -c "CREATE ROLE kiosk LOGIN PASSWORD '$password'" \
    -c "CREATE DATABASE kiosk OWNER kiosk" >/dev/null
  echo "export PGHOST='$sock' PGUSER=kiosk PGDATABASE=kiosk PGPASSWORD='$password'"
  echo "export KIOSK_PG='host=$sock dbname=kiosk user=kiosk'"
  echo "export KIOSK_PG_ADMIN='host=$sock dbname=kiosk user=pgadmin'"
  ;;
stop)
  [ -d "$data" ] || exit 0
  cd "$dir"
  as_owner "$bindir/pg_ctl" -D "$data" -m immediate -w stop >/dev/null 2>&1 || true
  ;;
*)
  echo "usage: $0 start|stop DIR" >&2
  exit 2
  ;;
esac
