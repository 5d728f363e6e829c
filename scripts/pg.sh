#!/usr/bin/env bash
# Starts a throwaway PostgreSQL + PostGIS cluster on loopback, for tests and
# the benchmark, and prints its DSN. Debian's packages provide the server
# (apt-get install postgresql postgresql-15-postgis-3); root runs it as the
# postgres user.
#   scripts/pg.sh start DIR [PORT]   # initdb if needed, start, create the database mentionmap
#   scripts/pg.sh db PORT NAME       # create (or empty) the database NAME, with PostGIS, and print its DSN
#   scripts/pg.sh standby DIR PORT PRIMARY_PORT  # a streaming hot standby of that primary
#   scripts/pg.sh stop DIR
set -euo pipefail
cmd=${1:?start or stop}; dir=${2:?a directory for the cluster}; port=${3:-55432}
bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
as_pg() { if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi; }
case "$cmd" in
start)
  mkdir -p "$dir"
  [[ $(id -u) -eq 0 ]] && chown postgres: "$dir"
  if [[ ! -f "$dir/PG_VERSION" ]]; then
    as_pg "$bin/initdb" -D "$dir" -U postgres -A trust --no-sync >/dev/null
    # Settings for a test server: loopback only, no fsync, and room for the
    # benchmark's bulk loads.
    cat >>"$dir/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$dir'
fsync = off
synchronous_commit = off
full_page_writes = off
shared_buffers = 256MB
max_wal_size = 2GB
wal_level = replica
max_connections = 200
CONF
  fi
  as_pg "$bin/pg_ctl" -D "$dir" -l "$dir/server.log" -w -t 60 start >/dev/null
  "$0" db "$port" mentionmap
  ;;
db)
  port=$2; name=${3:?a database name}
  export PGOPTIONS="-c client_min_messages=warning"
  psql=("$bin/psql" -h 127.0.0.1 -p "$port" -U postgres -qtA)
  "${psql[@]}" -c "DROP DATABASE IF EXISTS $name" >/dev/null
  "${psql[@]}" -c "CREATE DATABASE $name" >/dev/null
  "${psql[@]}" -d "$name" -c "CREATE EXTENSION postgis" >/dev/null
  echo "postgres://postgres@127.0.0.1:$port/$name?sslmode=disable"
  ;;
standby)
  primary=${4:?the port of the primary}
  mkdir -p "$dir"
  [[ $(id -u) -eq 0 ]] && chown postgres: "$dir" && chmod 700 "$dir"
  if [[ ! -f "$dir/PG_VERSION" ]]; then
    as_pg "$bin/pg_basebackup" -h 127.0.0.1 -p "$primary" -U postgres -D "$dir" -R -X stream >/dev/null
    cat >>"$dir/postgresql.conf" <<CONF
port = $port
unix_socket_directories = '$dir'
hot_standby = on
CONF
  fi
  as_pg "$bin/pg_ctl" -D "$dir" -l "$dir/server.log" -w -t 60 start >/dev/null
  echo "postgres://postgres@127.0.0.1:$port/mentionmap?sslmode=disable"
  ;;
stop)
  as_pg "$bin/pg_ctl" -D "$dir" -m fast stop >/dev/null
  ;;
*) echo "usage: $0 start DIR [PORT] | db PORT NAME | standby DIR PORT PRIMARY_PORT | stop DIR" >&2; exit 2 ;;
esac
