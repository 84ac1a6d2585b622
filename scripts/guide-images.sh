#!/usr/bin/env bash
# guide-images.sh makes the pictures in docs/images that docs/user-guide.md
# shows: the real app on synthetic demo people under Xvfb (scripts/
# screenshots.sh), and the first page of the real PDFs it writes (rendered
# with pdftoppm). Run it through `make guide-images` after a change people
# can see, look at every picture, and commit them with the change.
#
# Needs what `make screenshots` needs, plus poppler-utils (scripts/deps.sh).
set -euo pipefail
cd "$(dirname "$0")/.."

out=docs/images
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$out"

# shot NAME ARGS...: a screenshot of the demo, shrunk to 1024 pixels wide
shot() {
	local name=$1
	shift
	scripts/screenshots.sh "guide-$name" --demo "$@" >/dev/null
	convert "screenshots/guide-$name.png" -resize 1024x "$out/$name.png"
	rm -f "screenshots/guide-$name.png"
	echo "guide-images.sh: wrote $out/$name.png"
}

# page PDF NAME: the PDF's first page as a PNG
page() {
	pdftoppm -png -r 70 -f 1 -l 1 -singlefile "$1" "$work/page"
	cp "$work/page.png" "$out/$2.png"
	echo "guide-images.sh: wrote $out/$2.png"
}

# DEMO_PERSON: a demo person with a MAM held, one to come, and actions
person=${DEMO_PERSON:-1}

shot today --screen today
shot new-referral --open new-referral
shot triage --screen triage
shot dsr --screen dsr
shot person --screen dsr --person "$person"
shot meeting --screen dsr --person "$person" --open meeting
shot actions --screen actions
shot action --screen actions --open action
shot new-action --screen dsr --person "$person" --open new-action
shot gaps --screen gaps
shot gap-form --screen gaps --open new-gap
shot gap-report --screen gaps --open gap-report
shot settings --screen settings
shot import-mapping --open import-mapping
shot import-preview --open import-preview
shot imported --open imported

# the PDFs, written by the app's own code (see ui_samples_test.go)
DSPDESK_UI_SAMPLES=$work go test -count=1 -run 'TestWrite(Dialog|FollowUp)Samples' . >/dev/null
family=$(find "$work" -name 'family-agenda-*-easy-false.pdf' | sort | tail -1)
easy=$(find "$work" -name 'family-agenda-*-easy-true.pdf' | sort | tail -1)
page "$family" family-agenda
page "$easy" easy-read-agenda
page "$work/action-plan-family-false.pdf" action-plan
page "$work/action-plan-family-true.pdf" family-action-plan
page "$work/gaps-report.pdf" gaps-report
