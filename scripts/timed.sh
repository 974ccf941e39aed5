#!/usr/bin/env bash
# timed.sh NAME CMD...: runs CMD, then prints how long it took, so every step of `make test` shows
# its cost. Exits with CMD's status.
set -uo pipefail
name="$1"; shift
printf '\n\033[1m==> %s\033[0m\n' "$name"
t0=$(date +%s.%N)
"$@"; rc=$?
t1=$(date +%s.%N)
secs=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", b - a }')
if [[ $rc -eq 0 ]]; then printf '<== %s: ok in %ss\n' "$name" "$secs"
else printf '<== %s: FAILED (exit %d) after %ss\n' "$name" "$rc" "$secs"; fi
[[ -n "${TIMINGS_FILE:-}" ]] && printf '%-28s %8ss  %s\n' "$name" "$secs" "$([[ $rc -eq 0 ]] && echo ok || echo FAILED)" >>"$TIMINGS_FILE"
exit $rc
