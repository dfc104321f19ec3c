#!/usr/bin/env bash
# Starts a throwaway local PostgreSQL for the server tests' second database leg.
#
#   TEST_DATABASE_URL=$(bash server/scripts/ci-postgres.sh)   # stdout is the URL only (.ci/run uses this)
#   eval "$(bash server/scripts/ci-postgres.sh --export)"      # stdout is: export TEST_DATABASE_URL=...
#   bash server/scripts/ci-postgres.sh --stop                  # stops the cluster
#
# Idempotent: installs PostgreSQL with apt-get only when no server binaries exist, creates the
# cluster only once, and reuses it when it is already running. Listens on 127.0.0.1 only.
# Run as root (the cluster then runs as the postgres user) or as any user that owns the data dir.
# Progress goes to stderr; nothing but the result goes to stdout. Exits non-zero on failure.
set -euo pipefail
# The cluster may run as another user, who need not be able to read the current directory.
cd /

PORT="${PG_CI_PORT:-5433}"
DATA_DIR="${PG_CI_DIR:-${TMPDIR:-/tmp}/wx-storefront-pg}"
DB_USER=storefront
DB_PASSWORD=storefront
DB_NAME=storefront_test
URL="postgres://${DB_USER}:${DB_PASSWORD}@127.0.0.1:${PORT}/${DB_NAME}"
# Marks a data dir this script created, so it never deletes anything else.
MARKER=.wx-storefront-ci

log() { printf 'ci-postgres: %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

mode=url
case "${1:-}" in
  '') ;;
  --export) mode=export ;;
  --stop) mode=stop ;;
  *) die "unknown option $1 (use --export or --stop)" ;;
esac

# Debian keeps server binaries in /usr/lib/postgresql/<major>/bin, outside PATH; take the newest.
find_bindir() {
  local dir
  while read -r dir; do
    if [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ] && [ -x "$dir/psql" ]; then echo "$dir"; return 0; fi
  done < <(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r)
  if command -v initdb >/dev/null && command -v pg_ctl >/dev/null && command -v psql >/dev/null; then
    dirname "$(command -v pg_ctl)"
    return 0
  fi
  return 1
}

is_root() { [ "$(id -u)" -eq 0 ]; }

if ! BIN=$(find_bindir); then
  [ "$mode" = stop ] && { log "PostgreSQL is not installed; nothing to stop"; exit 0; }
  log "PostgreSQL server binaries not found; installing with apt-get"
  if is_root; then
    apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql >&2
  elif command -v sudo >/dev/null; then
    sudo -n apt-get update -qq >&2
    sudo -n env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql >&2
  else
    die "PostgreSQL is missing and this user cannot install it (run as root)"
  fi
  BIN=$(find_bindir) || die "PostgreSQL binaries still not found after installing"
fi
log "using $("$BIN/postgres" --version 2>/dev/null || echo "$BIN")"

# initdb and postgres refuse to run as root: as root, run them as the postgres user.
if is_root; then
  RUN_USER=postgres
  if ! id "$RUN_USER" >/dev/null 2>&1; then
    useradd --system --user-group --home-dir /var/lib/postgresql --shell /bin/sh "$RUN_USER"
  fi
  as_db_user() {
    if command -v runuser >/dev/null; then runuser -u "$RUN_USER" -- "$@"; else su -s /bin/sh "$RUN_USER" -c "$(printf '%q ' "$@")"; fi
  }
else
  RUN_USER=$(id -un)
  as_db_user() { "$@"; }
fi

is_running() { [ -f "$DATA_DIR/PG_VERSION" ] && as_db_user "$BIN/pg_ctl" -D "$DATA_DIR" status >/dev/null 2>&1; }

if [ "$mode" = stop ]; then
  if is_running; then as_db_user "$BIN/pg_ctl" -D "$DATA_DIR" -m fast -w stop >&2; else log "not running"; fi
  exit 0
fi

major=$(basename "$(dirname "$BIN")")
if [ -f "$DATA_DIR/PG_VERSION" ] && [ "$(cat "$DATA_DIR/PG_VERSION")" != "$major" ] && ! is_running; then
  [ -f "$DATA_DIR/$MARKER" ] || die "$DATA_DIR holds a PostgreSQL $(cat "$DATA_DIR/PG_VERSION") cluster not made by this script"
  log "removing cluster from another PostgreSQL version"
  rm -rf "$DATA_DIR"
fi

if [ ! -f "$DATA_DIR/PG_VERSION" ]; then
  log "creating cluster in $DATA_DIR"
  mkdir -p "$DATA_DIR"
  is_root && chown "$RUN_USER:" "$DATA_DIR"
  chmod 700 "$DATA_DIR"
  # Local socket: trust (setup only). TCP: password, as the app connects.
  as_db_user "$BIN/initdb" -D "$DATA_DIR" -U postgres -E UTF8 --locale=C.UTF-8 \
    --auth-local=trust --auth-host=scram-sha-256 >&2
  as_db_user touch "$DATA_DIR/$MARKER"
fi

if is_running; then
  log "cluster already running"
else
  log "starting on 127.0.0.1:$PORT"
  if ! as_db_user "$BIN/pg_ctl" -D "$DATA_DIR" -l "$DATA_DIR/server.log" -w -t 60 \
    -o "-p $PORT -c listen_addresses=127.0.0.1 -c unix_socket_directories=$DATA_DIR" start >&2; then
    tail -n 20 "$DATA_DIR/server.log" >&2 || true
    die "PostgreSQL did not start (is port $PORT taken?)"
  fi
fi

log "ensuring role $DB_USER and database $DB_NAME"
as_db_user "$BIN/psql" -h "$DATA_DIR" -p "$PORT" -U postgres -d postgres -v ON_ERROR_STOP=1 -qAt -f - >&2 <<SQL
do \$\$
begin
  if not exists (select from pg_roles where rolname = '${DB_USER}') then
    create role ${DB_USER} login password '${DB_PASSWORD}';
  end if;
end
\$\$;
select 'create database ${DB_NAME} owner ${DB_USER}'
where not exists (select from pg_database where datname = '${DB_NAME}') \gexec
SQL

# Prove the URL works the way the tests will use it: over TCP with the password.
"$BIN/psql" "$URL" -v ON_ERROR_STOP=1 -qAt -c 'select 1' >/dev/null || die "cannot connect with $URL"
log "ready: $URL"

if [ "$mode" = export ]; then
  printf 'export TEST_DATABASE_URL=%s\n' "$URL"
else
  printf '%s\n' "$URL"
fi
