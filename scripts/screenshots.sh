#!/usr/bin/env bash
# screenshots.sh runs DSP Desk on a virtual X display (Xvfb) and saves a PNG of
# the screen into screenshots/NAME.png.
#
# Usage: scripts/screenshots.sh [NAME [APP-ARGUMENT...]]
#   scripts/screenshots.sh                  -> screenshots/main.png
#   scripts/screenshots.sh demo --demo      -> screenshots/demo.png of `dspdesk --demo`
#
# The app runs with a throw-away HOME and XDG folders, so it never reads or
# writes a real user's data or settings. It uses ./dspdesk (set DSPDESK_BIN to
# use another binary) and builds it first when it is missing. It waits up to
# SHOT_WAIT seconds (default 20) for the window to appear. SHOT_SCREEN sets the
# virtual screen (default 1280x800x24); pass the app --size to match.
#
# Needs: xvfb xauth x11-apps imagemagick (scripts/deps.sh gui-check).
set -euo pipefail

# The second half of this script runs inside xvfb-run: see the end of the file.
if [ "${1:-}" = "--inside-xvfb" ]; then
	shift
	out=$1
	shift
	"$DSPDESK_BIN" "$@" >"$SHOT_TMP/app.log" 2>&1 &
	app=$!

	# stop_app ends the app and waits for it, so nothing writes into the
	# throw-away home while it is being removed.
	# shellcheck disable=SC2317 # called by the trap
	stop_app() {
		kill "$app" 2>/dev/null || return 0
		(sleep 5 && kill -9 "$app" 2>/dev/null) &
		local watchdog=$!
		wait "$app" 2>/dev/null || true
		kill "$watchdog" 2>/dev/null || true
	}
	trap stop_app EXIT

	fail() {
		echo "screenshots.sh: $1; the app's output:" >&2
		sed 's/^/  /' "$SHOT_TMP/app.log" >&2
		exit 1
	}

	# Wait for the app's window to be mapped, rather than a blind sleep. Its
	# title starts with "DSP Desk" ("DSP Desk", "DSP Desk (demo: ...)", or
	# "DSP Desk: cannot start" when start-up failed).
	title=""
	for _ in $(seq 1 $((SHOT_WAIT * 4))); do
		title=$(/usr/bin/xwininfo -root -tree 2>/dev/null | grep -o '"DSP Desk[^"]*"' | head -n 1 || true)
		[ -n "$title" ] && break
		kill -0 "$app" 2>/dev/null || fail "the app exited before its window appeared"
		sleep 0.25
	done
	[ -n "$title" ] || fail "no \"DSP Desk\" window after $SHOT_WAIT s"

	# The window is mapped; screens may still be loading their data. Wait until
	# two frames half a second apart are the same (at most 10 s: a blinking
	# text cursor never settles).
	# SHOT_SETTLE more seconds first, for a window that opens after work
	# behind the first paint (the first-run set-up on a new database).
	sleep "${SHOT_SETTLE:-0}"
	previous=""
	for _ in $(seq 1 20); do
		sleep 0.5
		current=$(/usr/bin/xwd -root -silent | md5sum)
		[ "$current" = "$previous" ] && break
		previous=$current
	done

	# ImageMagick's real import (/usr/local/bin may hold stand-ins of its tools).
	/usr/bin/import -window root "$out"
	case "$title" in
	*"cannot start"*) fail "the app could not start (window $title; see $out)" ;;
	esac
	exit 0
fi

name=${1:-main}
[ $# -gt 0 ] && shift
case "$name" in
-*)
	echo "usage: $0 [NAME [APP-ARGUMENT...]]  (NAME comes first, e.g. '$0 demo --demo')" >&2
	exit 2
	;;
esac

cd "$(dirname "$0")/.."
for tool in /usr/bin/xvfb-run /usr/bin/xwininfo /usr/bin/xwd /usr/bin/import; do
	if [ ! -x "$tool" ]; then
		echo "screenshots.sh: $tool is missing; run scripts/deps.sh gui-check" >&2
		exit 1
	fi
done

bin=${DSPDESK_BIN:-./dspdesk}
if [ ! -x "$bin" ]; then
	echo "screenshots.sh: building $bin" >&2
	go build -o "$bin" . # before HOME changes below, so Go's build cache is the usual one
fi
case "$bin" in
/*) ;;
*) bin="$PWD/$bin" ;;
esac

mkdir -p screenshots
out="$PWD/screenshots/$name.png"

# A throw-away home for the app: its data folder and settings land in here.
SHOT_TMP=$(mktemp -d "${TMPDIR:-/tmp}/dspdesk-shot.XXXXXX")
export SHOT_TMP
trap 'rm -rf "$SHOT_TMP"' EXIT
mkdir -p "$SHOT_TMP/home/.local/share" "$SHOT_TMP/home/.config" "$SHOT_TMP/home/.cache" "$SHOT_TMP/tmp"
mkdir -m 700 "$SHOT_TMP/run"

HOME="$SHOT_TMP/home" \
	XDG_DATA_HOME="$SHOT_TMP/home/.local/share" \
	XDG_CONFIG_HOME="$SHOT_TMP/home/.config" \
	XDG_CACHE_HOME="$SHOT_TMP/home/.cache" \
	XDG_RUNTIME_DIR="$SHOT_TMP/run" \
	TMPDIR="$SHOT_TMP/tmp" \
	SHOT_WAIT="${SHOT_WAIT:-20}" \
	SHOT_SETTLE="${SHOT_SETTLE:-0}" \
	DSPDESK_BIN="$bin" \
	/usr/bin/xvfb-run -a -s "-screen 0 ${SHOT_SCREEN:-1280x800x24}" \
	"$PWD/scripts/screenshots.sh" --inside-xvfb "$out" "$@"

echo "screenshots.sh: wrote screenshots/$name.png"
