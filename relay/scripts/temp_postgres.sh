#!/usr/bin/env bash
# A throwaway PostgreSQL server on loopback for the relay's tests and bench. Source it, then:
#   start_temp_postgres    # sets TEMP_PG_URL (postgres://postgres@127.0.0.1:PORT/relay), stops itself on exit
# Installs Debian's postgresql-15 when no server binaries are found (CI runs on a clean machine as root).
# As root, the server runs as the `postgres` user (initdb refuses root); otherwise as the current user.

_temp_pg_bindir() {
  local dir
  for dir in "$(pg_config --bindir 2>/dev/null)" /usr/lib/postgresql/*/bin; do
    if [ -n "$dir" ] && [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ]; then echo "$dir"; return 0; fi
  done
  return 1
}

_temp_pg_as() {
  if [ "$(id -u)" = "0" ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

stop_temp_postgres() {
  if [ -n "${TEMP_PG_DIR:-}" ] && [ -d "$TEMP_PG_DIR" ]; then
    _temp_pg_as "$TEMP_PG_BIN/pg_ctl" -D "$TEMP_PG_DIR/data" -m fast -w stop >/dev/null 2>&1 || true
    rm -rf "$TEMP_PG_DIR"
  fi
  TEMP_PG_DIR=""
}

start_temp_postgres() {
  TEMP_PG_BIN="$(_temp_pg_bindir || true)"
  if [ -z "$TEMP_PG_BIN" ]; then
    echo "temp_postgres: no PostgreSQL server binaries; installing postgresql-15" >&2
    if [ "$(id -u)" != "0" ]; then echo "temp_postgres: need root to install postgresql-15" >&2; return 1; fi
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql-15 >/dev/null
    TEMP_PG_BIN="$(_temp_pg_bindir)"
  fi
  TEMP_PG_DIR="$(mktemp -d /tmp/relay-pg.XXXXXX)"
  if [ "$(id -u)" = "0" ]; then chown postgres "$TEMP_PG_DIR"; fi
  local port
  port="$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')"
  _temp_pg_as "$TEMP_PG_BIN/initdb" -D "$TEMP_PG_DIR/data" -U postgres --auth=trust --encoding=UTF8 --no-sync >/dev/null
  # Loopback only, socket in the temp dir, fsync off unless TEMP_PG_FSYNC=on (the bench): a test server, thrown away afterwards.
  # The server's options, exported with its bin and data dirs so a bench can stop and start it (pg_ctl) mid-run.
  TEMP_PG_OPTS="-c listen_addresses=127.0.0.1 -p $port -k $TEMP_PG_DIR -c fsync=${TEMP_PG_FSYNC:-off} -c max_connections=200"
  export TEMP_PG_BIN TEMP_PG_DIR TEMP_PG_OPTS
  _temp_pg_as "$TEMP_PG_BIN/pg_ctl" -D "$TEMP_PG_DIR/data" -l "$TEMP_PG_DIR/server.log" -w -t 60 -o "$TEMP_PG_OPTS" start >/dev/null
  trap stop_temp_postgres EXIT
  _temp_pg_as "$TEMP_PG_BIN/createdb" -h 127.0.0.1 -p "$port" -U postgres relay
  TEMP_PG_URL="postgres://postgres@127.0.0.1:$port/relay"
  export TEMP_PG_URL
  echo "temp_postgres: PostgreSQL $("$TEMP_PG_BIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$port" >&2
}
