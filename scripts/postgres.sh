# Sourced by scripts/up and scripts/test: finds or starts the PostgreSQL the project needs.
#
#   ct_database_url   prints an Npgsql connection string for a server that is up:
#                     $CT_DATABASE_URL when set, otherwise a project-local cluster under .data/
#                     (made with the system's PostgreSQL binaries, installing them when missing).

CT_ROOT=${CT_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}
CT_PG_DIR="$CT_ROOT/.data/postgres"
CT_PG_RUN="$CT_ROOT/.data/run"
CT_PG_LOG="$CT_ROOT/.data/postgres.log"
CT_PG_PORT=${CT_PG_PORT:-54329}

ct_log() { printf '%s\n' "$*" >&2; }

ct_pg_bindir() {
  local dir
  for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    [ -x "$dir/initdb" ] && { echo "$dir"; return 0; }
  done
  if command -v pg_config >/dev/null 2>&1 && [ -x "$(pg_config --bindir)/initdb" ]; then
    pg_config --bindir; return 0
  fi
  return 1
}

ct_pg_install() {
  if [ "$(id -u)" != 0 ]; then
    ct_log "PostgreSQL server binaries are missing. Install them (Debian/Ubuntu: sudo apt-get install postgresql) or set CT_DATABASE_URL."
    return 1
  fi
  ct_log "Installing PostgreSQL (apt-get install postgresql)..."
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2 && apt-get install -y -qq postgresql >&2
}

# Runs a command as the cluster's owner: the postgres server refuses to run as root.
ct_pg_as_owner() {
  if [ "$(id -u)" = 0 ]; then
    runuser -u "$CT_PG_OWNER" -- "$@"
  else
    "$@"
  fi
}

ct_pg_start_local() {
  local bindir
  bindir=$(ct_pg_bindir) || { ct_pg_install && bindir=$(ct_pg_bindir); } || return 1

  CT_PG_OWNER=$(id -un)
  if [ "$(id -u)" = 0 ]; then
    CT_PG_OWNER=postgres
    id postgres >/dev/null 2>&1 || useradd --system --home-dir /var/lib/postgresql --shell /usr/sbin/nologin postgres
  fi

  mkdir -p "$CT_PG_RUN"
  if [ ! -s "$CT_PG_DIR/PG_VERSION" ]; then
    ct_log "Creating a local PostgreSQL cluster in $CT_PG_DIR ..."
    mkdir -p "$CT_PG_DIR"
    [ -s "$CT_ROOT/.data/postgres.password" ] || head -c 18 /dev/urandom | base64 | tr -d '/+=' > "$CT_ROOT/.data/postgres.password"
    chmod 600 "$CT_ROOT/.data/postgres.password"
    if [ "$(id -u)" = 0 ]; then
      chown "$CT_PG_OWNER" "$CT_PG_DIR" "$CT_PG_RUN"
      cp "$CT_ROOT/.data/postgres.password" "$CT_PG_RUN/pwfile" && chown "$CT_PG_OWNER" "$CT_PG_RUN/pwfile"
      if ! ct_pg_as_owner test -w "$CT_PG_DIR"; then
        ct_log "The postgres user cannot reach $CT_PG_DIR (a parent folder is not traversable)."
        ct_log "Move the checkout, allow traversal (chmod o+x on its parents) or set CT_DATABASE_URL."
        return 1
      fi
    else
      cp "$CT_ROOT/.data/postgres.password" "$CT_PG_RUN/pwfile"
    fi
    ct_pg_as_owner "$bindir/initdb" -D "$CT_PG_DIR" -U ct --pwfile="$CT_PG_RUN/pwfile" \
      --auth-local=scram-sha-256 --auth-host=scram-sha-256 -E UTF8 --no-locale >/dev/null || return 1
    rm -f "$CT_PG_RUN/pwfile"
  fi
  [ "$(id -u)" = 0 ] && chown "$CT_PG_OWNER" "$CT_PG_RUN"

  if ! ct_pg_as_owner "$bindir/pg_ctl" -D "$CT_PG_DIR" status >/dev/null 2>&1; then
    touch "$CT_PG_LOG"; [ "$(id -u)" = 0 ] && chown "$CT_PG_OWNER" "$CT_PG_LOG"
    ct_log "Starting PostgreSQL on 127.0.0.1:$CT_PG_PORT (log: $CT_PG_LOG) ..."
    ct_pg_as_owner "$bindir/pg_ctl" -D "$CT_PG_DIR" -l "$CT_PG_LOG" -w -t 60 \
      -o "-p $CT_PG_PORT -k $CT_PG_RUN -c listen_addresses=127.0.0.1 -c max_connections=200" start >/dev/null || {
      ct_log "PostgreSQL did not start; see $CT_PG_LOG"; tail -n 20 "$CT_PG_LOG" >&2; return 1; }
  fi
  local password
  password=$(cat "$CT_ROOT/.data/postgres.password")
  echo "Host=127.0.0.1;Port=$CT_PG_PORT;Username=ct;Password=$password;Database=contracttracker"
}

ct_pg_stop_local() {
  local bindir
  bindir=$(ct_pg_bindir) || return 0
  [ -s "$CT_PG_DIR/PG_VERSION" ] || return 0
  CT_PG_OWNER=$(id -un); [ "$(id -u)" = 0 ] && CT_PG_OWNER=postgres
  ct_pg_as_owner "$bindir/pg_ctl" -D "$CT_PG_DIR" -m fast stop >/dev/null 2>&1 || true
}

ct_database_url() {
  if [ -n "${CT_DATABASE_URL:-}" ]; then
    echo "$CT_DATABASE_URL"
  else
    ct_pg_start_local
  fi
}
