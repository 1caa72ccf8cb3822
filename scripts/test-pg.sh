# PostgreSQL for the tests. Source it, then call test_pg_database:
#
#   source scripts/test-pg.sh
#   test_pg_database || echo "no PostgreSQL"   # on success KEYPORT_TEST_DATABASE_URL names a fresh database
#
# The server is the one at KEYPORT_TEST_PG_URL (default postgresql://postgres@127.0.0.1:5432/postgres).
# When none answers there and this runs as root on Debian, Debian's postgresql is installed (if
# needed) and started; otherwise it returns 1 after saying how to provide one. The database,
# keyport_test_<random>, is dropped when the calling shell exits.

KEYPORT_TEST_PG_URL="${KEYPORT_TEST_PG_URL:-postgresql://postgres@127.0.0.1:5432/postgres}"
export KEYPORT_TEST_PG_URL

_test_pg() {
  node node_modules/tsx/dist/cli.mjs scripts/test-pg.ts "$@"
}

# Runs "$1" when the shell exits, after whatever ran there before.
_test_pg_on_exit() {
  local existing=""
  eval "existing=$(trap -p EXIT | sed -e 's/^trap -- //' -e 's/ EXIT$//')"
  # shellcheck disable=SC2064
  trap "${existing:+$existing; }$1" EXIT
}

_test_pg_redact() {
  printf '%s' "$1" | sed -E 's#//([^:@/]*):[^@/]*@#//\1:...@#'
}

_test_pg_is_local() {
  case "$KEYPORT_TEST_PG_URL" in
    *@127.0.0.1[:/]* | *@localhost[:/]* | *@\[::1\][:/]* | postgres*://127.0.0.1[:/]* | postgres*://localhost[:/]*) return 0 ;;
    *) return 1 ;;
  esac
}

# Installs and starts Debian's PostgreSQL on this machine. A cluster this function creates lets local
# TCP connections in without a password (as the default URL expects); an existing one is only started.
_test_pg_start_local() {
  local installed_now=""
  if [ ! -d /etc/postgresql ] || [ -z "$(ls /etc/postgresql 2>/dev/null)" ]; then
    echo "Installing Debian's postgresql for the tests"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null || return 1
    installed_now=1
  fi
  local version
  version="$(ls /etc/postgresql | sort -V | tail -n 1)"
  if [ -n "$installed_now" ]; then
    local hba="/etc/postgresql/$version/main/pg_hba.conf"
    { printf 'host all all 127.0.0.1/32 trust\nhost all all ::1/128 trust\n'; cat "$hba"; } > "$hba.keyport" && mv "$hba.keyport" "$hba"
    chown postgres:postgres "$hba"
  fi
  echo "Starting PostgreSQL $version"
  pg_ctlcluster --skip-systemctl-redirect "$version" main start 2>/dev/null || true
  local tries=0
  until _test_pg ping >/dev/null 2>&1; do
    tries=$((tries + 1))
    [ "$tries" -ge 30 ] && return 1
    sleep 1
  done
}

# Makes sure a server answers at KEYPORT_TEST_PG_URL; returns 1, having said how to provide one, if not.
test_pg_server() {
  _test_pg ping 2>/dev/null && return 0
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null && _test_pg_is_local; then
    _test_pg_start_local && _test_pg ping 2>/dev/null && return 0
  fi
  local reason
  reason="$(_test_pg ping 2>&1)"
  echo "No PostgreSQL answers at $(_test_pg_redact "$KEYPORT_TEST_PG_URL") (${reason:-no answer})." >&2
  echo "Start one there (Debian: sudo apt-get install postgresql, then sudo pg_ctlcluster <version> main start)," >&2
  echo "or set KEYPORT_TEST_PG_URL to a server where this user may create databases (postgresql://user:password@host:5432/postgres)." >&2
  return 1
}

# Creates keyport_test_<random>, exports its URL as KEYPORT_TEST_DATABASE_URL and drops it on exit.
test_pg_database() {
  test_pg_server || return 1
  KEYPORT_TEST_DATABASE_URL="$(_test_pg create)" || return 1
  export KEYPORT_TEST_DATABASE_URL
  _test_pg_on_exit "_test_pg drop $(printf '%q' "$KEYPORT_TEST_DATABASE_URL") || true"
}
