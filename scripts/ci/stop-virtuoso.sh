#!/usr/bin/env bash
# Stops the Virtuoso started by start-virtuoso.sh (clean shutdown through ISQL, with a checkpoint).
set -euo pipefail
ISQL_PORT="${VIRTUOSO_ISQL_PORT:-1111}"
DBA_PASSWORD="${VIRTUOSO_DBA_PASSWORD:-dba}"
isql-vt "127.0.0.1:${ISQL_PORT}" dba "$DBA_PASSWORD" exec='shutdown;' >/dev/null 2>&1 || true
