#!/usr/bin/env bash
# check-screenshots.sh fails when a screenshot is blank (one flat colour, as
# when the app crashed or drew nothing) or is missing.
#
# Usage: scripts/check-screenshots.sh FILE.png...
set -euo pipefail
if [ $# -eq 0 ]; then
	echo "check-screenshots.sh: no screenshots given" >&2
	exit 1
fi
failed=0
for f in "$@"; do
	if [ ! -s "$f" ]; then
		echo "check-screenshots.sh: $f is missing or empty" >&2
		failed=1
		continue
	fi
	# The standard deviation of the pixels: near 0 for a blank screen.
	sd=$(/usr/bin/identify -format '%[fx:standard_deviation]' "$f")
	size=$(/usr/bin/identify -format '%wx%h' "$f")
	if awk -v sd="$sd" 'BEGIN { exit !(sd < 0.02) }'; then
		echo "check-screenshots.sh: $f ($size) looks blank (pixel deviation $sd)" >&2
		failed=1
	else
		echo "check-screenshots.sh: $f ($size) ok (pixel deviation $sd)"
	fi
done
exit $failed
