# DSP Desk: the everyday commands. `make` alone lists them.
#
# Every Go command below is built with the same tags. Changing tags makes Go
# rebuild the cgo parts (OpenGL/GLFW, SQLite: minutes, not seconds), so this is
# the one place they are set. migrated_fynedo tells Fyne that UI updates from
# other goroutines go through fyne.Do (FyneApp.toml says the same for the
# `fyne` packaging tool).
export GOFLAGS := $(strip $(GOFLAGS) -tags=migrated_fynedo)

# Extra arguments for the app: make run ARGS="--screen roar"
ARGS ?=

# Tools pinned in their own module (tools/go.mod), so they never touch the
# app's go.mod: staticcheck and the `fyne` packaging tool.
TOOL := go tool -modfile=tools/go.mod

.DEFAULT_GOAL := help
.PHONY: help deps run demo test vet fmt fmt-check staticcheck imports lint build screenshots clean

help: ## list the targets
	@echo "DSP Desk. Usage: make TARGET"
	@echo
	@awk 'BEGIN {FS = ":.*## "} /^[a-z-]+:.*## / {printf "  %-12s %s\n", $$1, $$2}' $(MAKEFILE_LIST)
	@echo
	@echo "The first build takes 2-4 minutes (Fyne's OpenGL and SQLite are C, compiled by cgo)."

deps: ## install the Debian packages the build needs, if any are missing
	@scripts/deps.sh build

run: deps ## run the app (your real data folder)
	go run . $(ARGS)

demo: deps ## run the app on synthetic people (--demo)
	go run . --demo $(ARGS)

test: deps ## run all tests with the race detector (the command CI runs)
	go test -race -count=1 ./...

vet: deps ## go vet
	go vet ./...

fmt: ## gofmt -w every Go file
	@scripts/gofmt-check.sh --write

fmt-check: ## fail if a Go file is not gofmt-formatted
	@scripts/gofmt-check.sh

staticcheck: deps ## staticcheck (version pinned in tools/go.mod, checks in staticcheck.conf)
	$(TOOL) staticcheck ./...

imports: ## check that dependencies point inwards (app is standard library only, ...)
	@scripts/check-imports.sh

lint: fmt-check vet staticcheck imports ## all the static checks: gofmt, vet, staticcheck, imports

build: deps ## build the app into ./dspdesk and its command-line companion into ./dspctl
	go build -o dspdesk .
	go build -o dspctl ./cmd/dspctl

# The demo screens make screenshots saves, one PNG each (see --screen in `dspdesk --help`).
SCREENS := today triage dsr roar meetings actions gaps settings

# The person record shown in demo-person*.png: a demo person with meetings and actions.
DEMO_PERSON := 1

screenshots: ## run the app under Xvfb: each screen at 1280x800 and 1024x640, then check none is blank
	@scripts/deps.sh build gui-check
	go build -o dspdesk .
	rm -f screenshots/*.png
	scripts/screenshots.sh main
	@for s in $(SCREENS); do scripts/screenshots.sh demo-$$s --demo --screen $$s || exit 1; done
	scripts/screenshots.sh demo-person --demo --screen dsr --person $(DEMO_PERSON)
	scripts/screenshots.sh referral-new --demo --open new-referral
	scripts/screenshots.sh referral-errors --demo --open latest-draft
	@for s in today dsr settings; do SHOT_SCREEN=1024x640x24 scripts/screenshots.sh small-$$s --demo --size 1024x640 --screen $$s || exit 1; done
	SHOT_SCREEN=1024x640x24 scripts/screenshots.sh small-person --demo --size 1024x640 --screen dsr --person $(DEMO_PERSON)
	scripts/check-screenshots.sh screenshots/*.png

clean: ## remove built binaries and screenshots (not the Go build cache)
	rm -f dspdesk dspdesk.exe dspctl coverage.out
	rm -rf bin
	rm -f screenshots/*.png
