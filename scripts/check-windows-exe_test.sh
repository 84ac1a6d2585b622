#!/usr/bin/env bash
# check-windows-exe_test.sh proves that scripts/check-windows-exe.sh passes a
# good .exe and fails, with a message naming the problem, on bad ones:
#   - the good .exe with its resources removed (no icon, version, manifest)
#   - the good .exe checked against a FyneApp.toml of another version
#   - a Linux program
#   - a console program that imports libssp-0.dll (made in a second with
#     mingw-w64's gcc)
#
# Usage: scripts/check-windows-exe_test.sh "dist/DSP Desk.exe"
# (build it first: make windows). Takes a few seconds.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ $# -ne 1 ]; then
	echo "usage: $0 GOOD_EXE" >&2
	exit 2
fi
good=$1
check=scripts/check-windows-exe.sh
objcopy=x86_64-w64-mingw32-objcopy
cc=x86_64-w64-mingw32-gcc
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failed=0

# expect NAME WANT_STATUS WANT_TEXT CHECK_ARGS...: run the check, compare its
# exit status and look for WANT_TEXT in what it printed.
expect() {
	local name=$1 want_status=$2 want_text=$3
	shift 3
	local status=0
	"$@" >"$tmp/out" 2>&1 || status=$?
	if [ "$status" -ne "$want_status" ]; then
		echo "FAIL  $name: exit status $status, want $want_status; it printed:"
		sed 's/^/      /' "$tmp/out"
		failed=1
	elif ! grep -qF -- "$want_text" "$tmp/out"; then
		echo "FAIL  $name: the output does not say '$want_text'; it printed:"
		sed 's/^/      /' "$tmp/out"
		failed=1
	else
		echo "ok    $name"
	fi
}

expect "a good .exe passes" 0 "all checks passed" "$check" "$good"

"$objcopy" --remove-section .rsrc "$good" "$tmp/no-resources.exe"
expect "an .exe without resources fails on the version" 1 "no version resource" "$check" "$tmp/no-resources.exe"
expect "an .exe without resources fails on the icon" 1 "no icon resource" "$check" "$tmp/no-resources.exe"

sed 's/^\([[:space:]]*Version[[:space:]]*=[[:space:]]*\)"[^"]*"/\1"99.98.97"/' FyneApp.toml >"$tmp/FyneApp.toml"
expect "an .exe of another version fails" 1 "FileVersion is" env FYNEAPP_TOML="$tmp/FyneApp.toml" "$check" "$good"

expect "a Linux program fails" 1 "not a Windows executable" "$check" /bin/sh

printf '#include <stdio.h>\nint main(void) { char b[64]; snprintf(b, sizeof b, "%%s", "x"); puts(b); return 0; }\n' >"$tmp/ssp.c"
"$cc" -O0 -fstack-protector-all -o "$tmp/ssp.exe" "$tmp/ssp.c" -lssp
expect "an .exe that needs libssp-0.dll fails" 1 "imports libssp-0.dll, a mingw-w64 runtime DLL" "$check" "$tmp/ssp.exe"
expect "a console .exe fails" 1 "want 00000002 (Windows GUI)" "$check" "$tmp/ssp.exe"

if [ $failed -ne 0 ]; then
	echo "check-windows-exe_test: FAILED" >&2
	exit 1
fi
echo "check-windows-exe_test: the check passes the good .exe and fails every bad one"
