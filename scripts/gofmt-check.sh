#!/usr/bin/env bash
# gofmt-check.sh lists the Go files that gofmt would change and fails if there
# are any. With --write it formats them instead (make fmt).
# Skipped: vendor/, testdata/ and hidden folders such as .git.
set -euo pipefail
cd "$(dirname "$0")/.."

files=()
while IFS= read -r -d '' f; do
	files+=("$f")
done < <(find . \( -name vendor -o -name testdata -o -name '.?*' \) -prune -o -type f -name '*.go' -print0)

[ ${#files[@]} -eq 0 ] && exit 0

if [ "${1:-}" = "--write" ]; then
	gofmt -l -w "${files[@]}"
	exit 0
fi

unformatted=$(gofmt -l "${files[@]}")
if [ -n "$unformatted" ]; then
	echo "These files are not gofmt-formatted (run: make fmt):" >&2
	while IFS= read -r f; do echo "  ${f#./}" >&2; done <<<"$unformatted"
	exit 1
fi
