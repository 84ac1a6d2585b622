#!/usr/bin/env bash
# check-imports.sh proves that dependencies point inwards (ARCHITECTURE.md):
#
#   forms -> app <- storage        only main.go and cmd/ know both sides
#
# - dspdesk/app and dspdesk/app/calendar use the standard library only;
# - dspdesk/app/importing (the import rules) uses the standard library only;
# - nothing under app/ uses Fyne, SQLite, storage or forms (app/report may add gofpdf);
# - only dspdesk/app/sheet uses excelize and golang.org/x/text (spreadsheets);
# - storage never uses Fyne;
# - forms never uses storage or SQLite.
#
# It looks at the whole dependency graph (go list -deps), not just direct
# imports, so an indirect path through another package is caught too.
# Packages that do not exist yet are skipped.
set -euo pipefail
cd "$(dirname "$0")/.."

failed=0

# indent prints its input two spaces in, to stderr.
indent() { sed 's/^/  /' >&2; }

# non_std_deps PATTERN...: every non-standard-library package the patterns
# build from, including themselves. A pattern that matches nothing (a folder
# with no Go files yet) gives nothing; any other go list error stops the check.
non_std_deps() {
	go list -deps -f '{{if not .Standard}}{{.ImportPath}}{{end}}' "$@" \
		2> >(grep -v 'matched no packages' >&2)
}

# forbid WHAT REGEXP PATTERN...: fail when a dependency of PATTERN matches REGEXP.
forbid() {
	local what=$1 re=$2
	shift 2
	local deps bad
	deps=$(non_std_deps "$@")
	bad=$(echo "$deps" | grep -E "$re" || true)
	if [ -n "$bad" ]; then
		echo "imports: $what, but it depends on:" >&2
		indent <<<"$bad"
		failed=1
	fi
}

# 1. The domain core: standard library only.
core=$(non_std_deps ./app ./app/calendar)
extra=$(echo "$core" | grep -v -x -E 'dspdesk/app|dspdesk/app/calendar' || true)
if [ -n "$extra" ]; then
	echo "imports: dspdesk/app and dspdesk/app/calendar must use the standard library only, but they depend on:" >&2
	indent <<<"$extra"
	failed=1
fi

# 2. The rest of app/ (report, apptest, ...): no UI, no database.
forbid "app/... must not use Fyne, SQLite, storage or forms" \
	'^(fyne\.io/|github\.com/mattn/go-sqlite3|dspdesk/storage|dspdesk/forms)' ./app/...

# 2a. The import rules (app/importing) are domain: standard library only.
importing=$(non_std_deps ./app/importing)
extra=$(echo "$importing" | grep -v -x -E 'dspdesk/app|dspdesk/app/calendar|dspdesk/app/importing' || true)
if [ -n "$extra" ]; then
	echo "imports: dspdesk/app/importing must use the standard library only, but it depends on:" >&2
	indent <<<"$extra"
	failed=1
fi

# 2b. Spreadsheets are app/sheet's alone: no other package under app/ uses
# excelize or golang.org/x/text, and neither forms nor storage uses excelize
# (Fyne itself brings in golang.org/x/text, so forms may have that).
forbid "only app/sheet may use excelize or golang.org/x/text" \
	'^(github\.com/xuri/|golang\.org/x/text)' ./app ./app/calendar ./app/importing ./app/report ./app/apptest
forbid "forms and storage must not use excelize (spreadsheets are app/sheet's)" \
	'^github\.com/xuri/' ./forms/... ./storage/...

# 3. The SQLite adapter knows nothing of the UI.
forbid "storage must not use Fyne or forms" '^(fyne\.io/|dspdesk/forms)' ./storage/...

# 4. The UI knows nothing of the database.
forbid "forms must not use storage or SQLite" '^(dspdesk/storage|github\.com/mattn/go-sqlite3)' ./forms/...

exit $failed
