#!/bin/sh
# Entry point of the compose demo profile: runs `hub "$@"` beside the demo's fixture sources,
# started by `hub fixtures` on this container's loopback (ports 4100–4105; the files source's
# folder in the shared /data volume), with the DEMO_* variables docker/hub.demo.compose.yaml reads.
# Every hub container serves the same fixture data, so no container needs the internet.
set -eu
vars=$(mktemp)
hub fixtures --port "${DEMO_FIXTURE_PORT:-4100}" --data-dir "${HUB_DATA_DIR:-/data}/demo" > "$vars" &
tries=0
until grep -q '^export DEMO_FILES_FOLDER=' "$vars"; do
  tries=$((tries + 1))
  if [ "$tries" -gt 300 ]; then echo "with-fixtures: the fixture sources did not start within 60 s" >&2; exit 1; fi
  sleep 0.2
done
. "$vars"
exec hub "$@"
