#!/bin/sh
# Re-record cpu.pb.gz: this app with the real pyroscope-io SDK (the dev extra) pushing to
# `profile-insights serve`. Needs the project's venv; run from anywhere.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
venv=${VENV:-$here/../../../.venv}
work=$(mktemp -d)
trap 'kill "$server" 2>/dev/null || true; rm -rf "$work"' EXIT
cp -r "$here/app.py" "$here/catalog" "$work/"
port=4092
"$venv/bin/profile-insights" serve --recording "$work/recording" --port "$port" >"$work/serve.log" 2>&1 &
server=$!
sleep 3
(cd "$work" && PYROSCOPE_URL="http://127.0.0.1:$port" SECONDS=8 "$venv/bin/python" app.py)
sleep 1
# The largest one-second push: the most samples.
cp "$(ls -S "$work"/recording/profiles/*process_cpu-*.pb.gz | head -1)" "$here/cpu.pb.gz"
