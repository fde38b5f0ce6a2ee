#!/bin/sh
# Stand-in for the mail gateway's command-line virus scanner (same interface and
# roughly the same start-up time as the real one): avscan.sh FILE... prints
# "FILE: OK" or "FILE: FOUND <signature>" per file; exit 0 clean, 1 infected.
sleep 0.01
status=0
for f in "$@"; do
  if grep -q "X5O!P%@AP" "$f" 2>/dev/null; then
    echo "$f: FOUND Eicar-Test-Signature"
    status=1
  else
    echo "$f: OK"
  fi
done
exit $status
