#!/usr/bin/env bash
# Starts Virtuoso 7 (open source) on loopback for the remote-store tests:
# HTTP/SPARQL on 127.0.0.1:8890, ISQL on 127.0.0.1:1111, data in $VIRTUOSO_DIR.
# Installs the Debian package when virtuoso-t is missing, grants SPARQL_UPDATE to the
# anonymous SPARQL user (loopback only, test setup), and is idempotent: when /sparql already
# answers it only re-applies the grants. See docs/virtuoso.md.
set -euo pipefail

VIRTUOSO_DIR="${VIRTUOSO_DIR:-/tmp/hub-virtuoso}"
HTTP_PORT="${VIRTUOSO_HTTP_PORT:-8890}"
ISQL_PORT="${VIRTUOSO_ISQL_PORT:-1111}"
DBA_PASSWORD="${VIRTUOSO_DBA_PASSWORD:-dba}"
# Buffer pool (8 KB pages): small for CI; a benchmark of millions of quads gives more.
NUMBER_OF_BUFFERS="${VIRTUOSO_NUMBER_OF_BUFFERS:-20000}"
MAX_DIRTY_BUFFERS="${VIRTUOSO_MAX_DIRTY_BUFFERS:-15000}"
ENDPOINT="http://127.0.0.1:${HTTP_PORT}/sparql"

answers() {
  curl -s -o /dev/null -m 5 -w '%{http_code}' -H 'Accept: application/sparql-results+json' \
    --data-urlencode 'query=ASK {}' "$ENDPOINT" 2>/dev/null | grep -q '^200$'
}

grant_update() {
  # The SPARQL user is the identity of unauthenticated /sparql requests; with SPARQL_UPDATE
  # it may run SPARQL Update there. Fine on loopback in CI, not on a public endpoint.
  # A second GRANT of the role fails harmlessly ("already have role"), so errors are ignored
  # here and the outcome is checked by a real update below.
  local stmt
  for stmt in 'GRANT SPARQL_UPDATE TO "SPARQL"' \
    'GRANT EXECUTE ON DB.DBA.SPARQL_INSERT_DICT_CONTENT TO "SPARQL"' \
    'GRANT EXECUTE ON DB.DBA.SPARQL_DELETE_DICT_CONTENT TO "SPARQL"'; do
    isql-vt "127.0.0.1:${ISQL_PORT}" dba "$DBA_PASSWORD" exec="${stmt};" </dev/null >/dev/null 2>&1 || true
  done
  local status
  status=$(curl -s -o /dev/null -m 10 -w '%{http_code}' \
    --data-urlencode 'update=INSERT DATA { GRAPH <urn:hub:ci:probe> { <urn:hub:ci:s> <urn:hub:ci:p> "probe" } }; DROP SILENT GRAPH <urn:hub:ci:probe>' \
    "$ENDPOINT")
  if [ "$status" != "200" ]; then
    echo "start-virtuoso: SPARQL Update on $ENDPOINT answered HTTP $status; the grants did not take" >&2
    exit 1
  fi
}

packages=()
command -v virtuoso-t >/dev/null 2>&1 || packages+=(virtuoso-opensource-7-bin)
command -v curl >/dev/null 2>&1 || packages+=(curl)
if [ ${#packages[@]} -gt 0 ]; then
  echo "start-virtuoso: installing ${packages[*]}" >&2
  SUDO=""
  if [ "$(id -u)" != "0" ]; then SUDO="sudo"; fi
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -qq </dev/null
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${packages[@]}" </dev/null >/dev/null
fi

if answers; then
  grant_update
  echo "start-virtuoso: already running at $ENDPOINT" >&2
  exit 0
fi

mkdir -p "$VIRTUOSO_DIR"
cat >"$VIRTUOSO_DIR/virtuoso.ini" <<INI
[Database]
DatabaseFile = $VIRTUOSO_DIR/virtuoso.db
ErrorLogFile = $VIRTUOSO_DIR/virtuoso.log
LockFile = $VIRTUOSO_DIR/virtuoso.lck
TransactionFile = $VIRTUOSO_DIR/virtuoso.trx
xa_persistent_file = $VIRTUOSO_DIR/virtuoso.pxa
ErrorLogLevel = 7
FileExtend = 200
MaxCheckpointRemap = 2000
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = $VIRTUOSO_DIR/virtuoso-temp.db
TransactionFile = $VIRTUOSO_DIR/virtuoso-temp.trx
MaxCheckpointRemap = 2000
Striping = 0

[Parameters]
ServerPort = 127.0.0.1:${ISQL_PORT}
DisableUnixSocket = 1
ServerThreads = 10
CheckpointInterval = 60
NumberOfBuffers = ${NUMBER_OF_BUFFERS}
MaxDirtyBuffers = ${MAX_DIRTY_BUFFERS}
MaxQueryMem = 256M
DirsAllowed = ., $VIRTUOSO_DIR
DefaultIsolation = 2

[HTTPServer]
ServerPort = 127.0.0.1:${HTTP_PORT}
ServerRoot = $VIRTUOSO_DIR
MaxClientConnections = 10
ServerThreads = 10
KeepAliveTimeout = 10
MaxKeepAlives = 10
EnabledDavVSP = 0
HTTPProxyEnabled = 0

[SPARQL]
ResultSetMaxRows = 1000000
MaxQueryCostEstimationTime = 400
MaxQueryExecutionTime = 120
DeferInferenceRulesInit = 0
INI

# A stale lock file from a killed server would stop the new one from starting.
rm -f "$VIRTUOSO_DIR/virtuoso.lck"
# +wait: the server daemonises once it accepts connections.
(cd "$VIRTUOSO_DIR" && virtuoso-t +configfile "$VIRTUOSO_DIR/virtuoso.ini" +wait) \
  || { echo "start-virtuoso: virtuoso-t failed; log: $VIRTUOSO_DIR/virtuoso.log" >&2; tail -n 20 "$VIRTUOSO_DIR/virtuoso.log" >&2 || true; exit 1; }

for _ in $(seq 1 60); do
  if answers; then
    grant_update
    echo "start-virtuoso: running at $ENDPOINT (data in $VIRTUOSO_DIR)" >&2
    exit 0
  fi
  sleep 1
done
echo "start-virtuoso: $ENDPOINT did not answer within 60 s; log: $VIRTUOSO_DIR/virtuoso.log" >&2
tail -n 20 "$VIRTUOSO_DIR/virtuoso.log" >&2 || true
exit 1
