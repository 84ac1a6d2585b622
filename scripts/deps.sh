#!/usr/bin/env bash
# deps.sh installs the system packages DSP Desk needs, and only those that are
# missing. It is safe to run again and again: when everything is there it
# prints nothing and exits 0.
#
# Usage: scripts/deps.sh GROUP...
#
# Groups:
#   build      make, the C compiler and the X11/Wayland/OpenGL headers that
#              Fyne's cgo build (GLFW) needs; also enough for go-sqlite3.
#   gui-check  a virtual X server and tools to screenshot the app and look at
#              PDFs (make screenshots).
#   windows    the mingw-w64 cross-compiler, to build a Windows .exe on Linux
#              (make windows), and its binutils (objdump, windres, objcopy)
#              for scripts/check-windows-exe.sh.
#
# On Debian and Ubuntu it uses apt-get (through sudo when not root). Elsewhere
# it only says what is needed.
set -euo pipefail

usage() {
	echo "usage: $0 {build|gui-check|windows}..." >&2
	exit 2
}

[ $# -gt 0 ] || usage

# Debian package names for each group.
packages_for() {
	case "$1" in
	build)
		echo make gcc libc6-dev pkg-config libgl1-mesa-dev libx11-dev libxcursor-dev libxrandr-dev \
			libxinerama-dev libxi-dev libxxf86vm-dev libwayland-dev libxkbcommon-dev poppler-utils
		;;
	gui-check)
		echo xvfb xauth x11-apps imagemagick poppler-utils
		;;
	windows)
		echo gcc-mingw-w64-x86-64 binutils-mingw-w64-x86-64
		;;
	*)
		echo "deps.sh: unknown group '$1'" >&2
		usage
		;;
	esac
}

wanted=()
for group in "$@"; do
	list=$(packages_for "$group") # exits on an unknown group
	read -r -a pkgs <<<"$list"
	wanted+=("${pkgs[@]}")
done

# macOS and Windows: no package manager of ours to drive.
case "$(uname -s)" in
Darwin)
	if ! xcode-select -p >/dev/null 2>&1; then
		echo "deps.sh: install the Xcode command line tools first: xcode-select --install" >&2
		exit 1
	fi
	# Xcode's clang and the system OpenGL/Cocoa frameworks are all Fyne
	# needs. The PDF tests read PDFs back with poppler's pdftotext.
	if [[ " ${wanted[*]} " == *" poppler-utils "* ]] && ! command -v pdftotext >/dev/null 2>&1; then
		if ! command -v brew >/dev/null 2>&1; then
			echo "deps.sh: the PDF tests need pdftotext: install Homebrew, then: brew install poppler" >&2
			exit 1
		fi
		echo "deps.sh: installing poppler (pdftotext) with Homebrew" >&2
		brew install poppler
	fi
	exit 0
	;;
MINGW* | MSYS* | CYGWIN* | Windows_NT)
	if ! command -v gcc >/dev/null 2>&1; then
		echo "deps.sh: put a 64-bit gcc on PATH (MSYS2's mingw-w64-ucrt-x86_64-gcc, or MinGW-w64)." >&2
		exit 1
	fi
	# a gcc toolchain is all Fyne and go-sqlite3 need on Windows.
	if [[ " ${wanted[*]} " == *" poppler-utils "* ]] && ! command -v pdftotext >/dev/null 2>&1; then
		echo "deps.sh: note: the PDF tests need pdftotext on PATH (MSYS2: pacman -S mingw-w64-ucrt-x86_64-poppler)" >&2
	fi
	exit 0
	;;
esac

if ! command -v dpkg-query >/dev/null 2>&1 || ! command -v apt-get >/dev/null 2>&1; then
	echo "deps.sh: not a Debian/Ubuntu system; install the equivalents of these packages yourself:" >&2
	echo "  ${wanted[*]}" >&2
	exit 0
fi

missing=()
for pkg in "${wanted[@]}"; do
	status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)
	if [ "$status" != "install ok installed" ]; then
		missing+=("$pkg")
	fi
done

[ ${#missing[@]} -eq 0 ] && exit 0

# Remove duplicates (groups may overlap) while keeping the order.
read -r -a missing <<<"$(printf '%s\n' "${missing[@]}" | awk '!seen[$0]++' | tr '\n' ' ')"

if [ "$(id -u)" -eq 0 ]; then
	as_root=()
elif command -v sudo >/dev/null 2>&1; then
	as_root=(sudo)
else
	echo "deps.sh: these packages are missing and I am neither root nor able to use sudo:" >&2
	echo "  ${missing[*]}" >&2
	echo "Ask an administrator to run: apt-get install --no-install-recommends ${missing[*]}" >&2
	exit 1
fi

echo "deps.sh: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
