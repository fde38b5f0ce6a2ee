#!/bin/sh
# Re-record cpu.pb.gz: this app with the real @pyroscope/nodejs SDK (from npm) pushing to
# `profile-insights serve`. Needs node, npm and the project's venv; run from anywhere.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
pi=${PROFILE_INSIGHTS:-$here/../../../.venv/bin/profile-insights}
work=$(mktemp -d)
trap 'kill "$server" 2>/dev/null || true; rm -rf "$work"' EXIT
cp -r "$here/app.js" "$here/src" "$work/"
(cd "$work" && npm init -y >/dev/null && npm install --silent @pyroscope/nodejs@0.6.4 >/dev/null)
port=4091
"$pi" serve --recording "$work/recording" --port "$port" >"$work/serve.log" 2>&1 &
server=$!
sleep 3
(cd "$work" && PYROSCOPE_URL="http://127.0.0.1:$port" SECONDS=10 node app.js)
sleep 1
cp "$work"/recording/profiles/*process_cpu-1.pb.gz "$here/cpu.pb.gz"
