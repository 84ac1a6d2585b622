#!/usr/bin/env bash
# check-windows-exe.sh checks a built "DSP Desk.exe" without running it (Wine
# cannot start Go 1.26 programs): that it is a 64-bit (PE32+, x86-64) Windows
# GUI program, that it imports only DLLs every Windows has (no libssp, libgcc,
# libwinpthread or other mingw runtime DLL that a user would not have), and
# that its resources hold the icon, the manifest and a version that matches
# FyneApp.toml.
#
# Usage: scripts/check-windows-exe.sh "dist/DSP Desk.exe"
#
# It prints one line per check and exits 1 if any failed. It needs mingw-w64's
# binutils (objdump, windres: scripts/deps.sh windows); set OBJDUMP and
# WINDRES to use others. FYNEAPP_TOML names the FyneApp.toml to compare with
# (default: the one at the repository root). scripts/check-windows-exe_test.sh
# proves that it fails on bad input.
set -euo pipefail

if [ $# -ne 1 ]; then
	echo "usage: $0 EXE" >&2
	exit 2
fi
exe=$1
root="$(cd "$(dirname "$0")/.." && pwd)"
toml=${FYNEAPP_TOML:-$root/FyneApp.toml}

# DLLs that are part of every Windows 10 and 11, compared case-insensitively.
# The first line is what the .exe built by `make windows` imports (measured:
# Go's runtime, GLFW, OpenGL and SQLite need no more; Go loads ws2_32,
# advapi32 and winmm itself at run time). The rest are system DLLs that a
# Fyne, GLFW or Go change could reasonably add. ucrtbase and api-ms-win-crt-*
# are the Universal C Runtime, part of Windows since 10, which a UCRT
# mingw-w64 (MSYS2's, on a Windows build machine) links to instead of
# msvcrt. Anything else, above all a mingw-w64 runtime DLL, fails.
allowed_dlls=(
	kernel32.dll user32.dll gdi32.dll opengl32.dll shell32.dll msvcrt.dll
	advapi32.dll ws2_32.dll winmm.dll ole32.dll oleaut32.dll comdlg32.dll
	comctl32.dll dwmapi.dll imm32.dll shcore.dll uxtheme.dll version.dll
	bcrypt.dll bcryptprimitives.dll crypt32.dll ntdll.dll ucrtbase.dll
)

find_tool() { # find_tool NAME: the mingw-w64 binutils tool, prefixed or not
	local name
	for name in "x86_64-w64-mingw32-$1" "$1"; do
		if command -v "$name" >/dev/null 2>&1; then
			echo "$name"
			return
		fi
	done
	echo "check-windows-exe: $1 not found: install mingw-w64's binutils (scripts/deps.sh windows)" >&2
	exit 2
}
OBJDUMP=${OBJDUMP:-$(find_tool objdump)}
WINDRES=${WINDRES:-$(find_tool windres)}

failures=0
ok() { echo "ok    $*"; }
fail() {
	echo "FAIL  $*" >&2
	failures=$((failures + 1))
}

if [ ! -f "$exe" ]; then
	echo "check-windows-exe: FAIL: no such file: $exe" >&2
	exit 1
fi
if [ ! -f "$toml" ]; then
	echo "check-windows-exe: no FyneApp.toml at $toml" >&2
	exit 2
fi
version=$(sed -n 's/^[[:space:]]*Version[[:space:]]*=[[:space:]]*"\([^"]*\)".*/\1/p' "$toml")
if [ -z "$version" ]; then
	echo "check-windows-exe: no Version in $toml" >&2
	exit 2
fi

echo "Checking $exe ($(wc -c <"$exe" | tr -d ' ') bytes) against $toml (Version $version)"

# The PE headers. objdump reads ELF and other formats too: anything but a
# PE ("pei-") file ends the checks here.
# (tr: a Windows-built objdump ends its lines with CR LF.)
headers=$("$OBJDUMP" -p "$exe" 2>&1 | tr -d '\r') || true
format=$(sed -n 's/.*file format \(.*\)/\1/p' <<<"$headers" | sed -n 1p)
case "$format" in
pei-*) ;;
*)
	echo "FAIL  not a Windows executable: $OBJDUMP says: $(sed -n 's/^[[:space:]]*//; /./{p;q;}' <<<"$headers")" >&2
	echo "check-windows-exe: FAILED for $exe" >&2
	exit 1
	;;
esac
if [ -n "$headers" ]; then
	if [ "$format" = pei-x86-64 ]; then
		ok "x86-64 Windows executable ($format)"
	else
		fail "not an x86-64 Windows executable: file format '$format', want pei-x86-64"
	fi
	magic=$(awk '$1 == "Magic" {print $2; exit}' <<<"$headers")
	if [ "$magic" = 020b ]; then
		ok "PE32+ (64-bit) optional header"
	else
		fail "optional header magic '$magic', want 020b (PE32+)"
	fi
	subsystem=$(awk '$1 == "Subsystem" {print $2; exit}' <<<"$headers")
	if [ "$subsystem" = 00000002 ]; then
		ok "GUI subsystem (no console window opens with it)"
	else
		fail "subsystem '$subsystem' $(awk '$1 == "Subsystem" {$1 = $2 = ""; print; exit}' <<<"$headers" | sed 's/^ *//'), want 00000002 (Windows GUI): build with -ldflags -H=windowsgui"
	fi

	mapfile -t dlls < <(sed -n 's/^[[:space:]]*DLL Name:[[:space:]]*//p' <<<"$headers")
	if [ ${#dlls[@]} -eq 0 ]; then
		fail "no imported DLLs found (every Go program imports kernel32.dll)"
	fi
	for dll in "${dlls[@]}"; do
		lower=$(tr '[:upper:]' '[:lower:]' <<<"$dll")
		allowed=no
		case "$lower" in api-ms-win-crt-*.dll) allowed=yes ;; esac
		for a in "${allowed_dlls[@]}"; do
			if [ "$lower" = "$a" ]; then
				allowed=yes
				break
			fi
		done
		if [ $allowed = yes ]; then
			ok "imports $dll (a system DLL)"
		else
			case "$lower" in
			libssp* | libgcc* | libwinpthread* | libstdc++* | libatomic* | libquadmath* | libgomp*)
				fail "imports $dll, a mingw-w64 runtime DLL that Windows does not have: link it statically (CGO_LDFLAGS=-l:libssp.a for libssp, never -lssp)" ;;
			*)
				fail "imports $dll, which is not on the allow-list of system DLLs in $0 (add it only if every Windows 10 and 11 has it)" ;;
			esac
		fi
	done
fi

# The resources, decompiled to .rc text by windres.
if ! rc=$("$WINDRES" -J coff -O rc -i "$exe" 2>&1 | tr -d '\r'); then
	fail "cannot read the resources: $WINDRES says: $(sed -n 1p <<<"$rc")"
	rc=""
fi
string_value() { # string_value KEY: a VERSIONINFO string, e.g. FileVersion
	sed -n 's/^[[:space:]]*VALUE "'"$1"'", "\([^"]*\)".*/\1/p' <<<"$rc" | sed -n 1p
}
if ! grep -q 'VERSIONINFO' <<<"$rc"; then
	fail "no version resource (VERSIONINFO): was the .syso from tools/winres linked in? (make windows)"
else
	for key in FileVersion ProductVersion; do
		got=$(string_value "$key")
		if [ "$got" = "$version" ]; then
			ok "$key $got matches FyneApp.toml"
		else
			fail "$key is '$got', FyneApp.toml's Version is '$version'"
		fi
	done
	name=$(sed -n 's/^[[:space:]]*Name[[:space:]]*=[[:space:]]*"\([^"]*\)".*/\1/p' "$toml")
	got=$(string_value ProductName)
	if [ "$got" = "$name" ]; then
		ok "ProductName $got matches FyneApp.toml"
	else
		fail "ProductName is '$got', FyneApp.toml's Name is '$name'"
	fi
fi
icons=$(grep -c 'RT_ICON \*/' <<<"$rc" || true)
if grep -q 'RT_GROUP_ICON' <<<"$rc" && [ "$icons" -gt 0 ]; then
	ok "icon resource ($icons sizes)"
else
	fail "no icon resource (RT_GROUP_ICON with RT_ICONs)"
fi
if grep -q '^1 24 /\* RT_MANIFEST \*/' <<<"$rc" && grep -q 'requestedExecutionLevel' <<<"$rc"; then
	ok "application manifest (resource 1, runs as the user)"
else
	fail "no application manifest (RT_MANIFEST resource 1 with requestedExecutionLevel)"
fi

if [ $failures -gt 0 ]; then
	echo >&2
	echo "check-windows-exe: $failures check(s) FAILED for $exe" >&2
	exit 1
fi
echo "check-windows-exe: all checks passed for $exe"
