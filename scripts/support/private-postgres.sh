# Sourced by scripts that need a throwaway PostgreSQL cluster (scripts/test, scripts/two-servers).
#   start_private_postgres   starts one on ${XIANGCUN_TEST_PG_PORT:-55432} (fsync off) and exports
#                            XIANGCUN_TEST_POSTGRES_URL; on failure returns 1 with the reason in $pg_note
#   stop_pg                  stops it and removes its folder (safe to call twice)
# Needs: as_root (defined by the caller), $install (true to apt-get install PostgreSQL when missing).
pg_note=""
pg_dir=""
stop_pg() { [ -n "$pg_dir" ] && as_root runuser -u postgres -- "$pg_bin/pg_ctl" -D "$pg_dir/data" -m immediate stop >/dev/null 2>&1 || true; [ -n "$pg_dir" ] && as_root rm -rf "$pg_dir"; pg_dir=""; }

start_private_postgres() {
  pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
  if [ -z "$pg_bin" ] && ${install:-false}; then
    echo "installing PostgreSQL (apt)…" >&2
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql >/dev/null
    pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
  fi
  [ -n "$pg_bin" ] || { pg_note="PostgreSQL is not installed (run ./scripts/test --install, or set XIANGCUN_TEST_POSTGRES_URL)"; return 1; }
  id postgres >/dev/null 2>&1 || { pg_note="no 'postgres' system user to run the server"; return 1; }
  pg_dir=$(mktemp -d /tmp/xiangcun-pg.XXXXXX)
  as_root chown postgres "$pg_dir"
  local port=${XIANGCUN_TEST_PG_PORT:-55432}
  as_root runuser -u postgres -- "$pg_bin/initdb" -D "$pg_dir/data" -A trust -U postgres -E UTF8 --locale=C.UTF-8 >/dev/null
  as_root runuser -u postgres -- "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/log" -w \
    -o "-p $port -k $pg_dir -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=300" start >/dev/null \
    || { pg_note="PostgreSQL did not start (see $pg_dir/log)"; return 1; }
  export XIANGCUN_TEST_POSTGRES_URL="postgres://postgres@127.0.0.1:$port/postgres?sslmode=disable"
}
