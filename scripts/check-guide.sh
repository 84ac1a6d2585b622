#!/usr/bin/env bash
# check-guide.sh fails when docs/user-guide.md shows a picture that is not in
# docs/images, or when scripts/guide-images.sh makes one the guide does not
# show (so the pictures in the repository are the ones the guide uses, and
# `make guide-images` remakes every one of them).
set -euo pipefail
cd "$(dirname "$0")/.."

guide=docs/user-guide.md
status=0
shown=$(grep -oE 'images/[a-z0-9-]+\.png' "$guide" | sed 's#images/##; s#\.png$##' | sort -u)
made=$(grep -oE '^(shot|page) [^ ]+( [^ ]+)?' scripts/guide-images.sh |
	awk '$1 == "shot" {print $2} $1 == "page" {print $3}' | sort -u)
for name in $shown; do
	if [ ! -s "docs/images/$name.png" ]; then
		echo "check-guide.sh: $guide shows images/$name.png, which is missing" >&2
		status=1
	fi
	if ! grep -qx "$name" <<<"$made"; then
		echo "check-guide.sh: images/$name.png is not made by scripts/guide-images.sh" >&2
		status=1
	fi
done
for name in $made; do
	if ! grep -qx "$name" <<<"$shown"; then
		echo "check-guide.sh: scripts/guide-images.sh makes $name.png, which $guide does not show" >&2
		status=1
	fi
done
# every local link in the guide points at a heading that exists
for anchor in $(grep -oE '\]\(#[a-z0-9-]+\)' "$guide" | sed 's/](#//; s/)$//' | sort -u); do
	if ! grep -E '^#+ ' "$guide" | sed -E 's/^#+ //' | tr 'A-Z' 'a-z' | sed -E "s/[^a-z0-9 -]//g; s/ /-/g" | grep -qx "$anchor"; then
		echo "check-guide.sh: the link #$anchor leads to no heading" >&2
		status=1
	fi
done
[ $status -eq 0 ] && echo "check-guide.sh: $(wc -w <<<"$shown") pictures shown, all present and made by guide-images.sh"
exit $status
