#!/usr/bin/env bash
# A throw-away PostgreSQL on 127.0.0.1 for the tests (the store tests run against it when
# WHOOWNS_TEST_DATABASE_URL is set). Debian's binaries; as root the cluster belongs to the
# postgres user. Prints the URL on stdout; `source` it to get it exported:
#   eval "$(bash scripts/pg-test-server.sh)"      # → export WHOOWNS_TEST_DATABASE_URL=… WHOOWNS_TEST_PG_DIR=…
#   bash scripts/pg-test-server.sh stop "$WHOOWNS_TEST_PG_DIR"
set -euo pipefail

bin_dir() {
  local d
  for d in /usr/lib/postgresql/*/bin; do [ -x "$d/initdb" ] && { echo "$d"; return; }; done
  echo "pg-test-server: no PostgreSQL server binaries under /usr/lib/postgresql (apt-get install -y postgresql)" >&2
  exit 1
}

as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

if [ "${1:-}" = stop ]; then
  dir=${2:?usage: pg-test-server.sh stop DIR}
  [ -d "$dir/data" ] && as_owner "$(bin_dir)/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
  rm -rf "$dir"
  exit 0
fi

BIN=$(bin_dir)
dir=$(mktemp -d /tmp/whoowns-pg.XXXXXX)
chmod 755 "$dir"
[ "$(id -u)" = 0 ] && chown postgres "$dir"
# A free port: ask the kernel, then hand it to the server.
port=$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
as_owner "$BIN/initdb" -D "$dir/data" -U whoowns --auth=trust --locale=C.UTF-8 --encoding=UTF8 >"$dir/initdb.log" 2>&1 || {
  cat "$dir/initdb.log" >&2; exit 1; }
# Loopback only, socket in the temp dir, and no durability: it is thrown away after the run.
as_owner "$BIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
  -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
  start >/dev/null || { cat "$dir/server.log" >&2; exit 1; }
as_owner "$BIN/createdb" -h 127.0.0.1 -p "$port" -U whoowns whoowns_test
echo "export WHOOWNS_TEST_DATABASE_URL=postgres://whoowns@127.0.0.1:$port/whoowns_test WHOOWNS_TEST_PG_DIR=$dir"
