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

# The app's name comes from FyneApp.toml, the one place it is set.
APP_NAME := $(shell sed -n 's/^[[:space:]]*Name[[:space:]]*=[[:space:]]*"\([^"]*\)".*/\1/p' FyneApp.toml)

# Release builds (make windows, make darwin) leave out the symbol table and
# DWARF: about a third smaller (31 MB for Windows). Stack traces still name
# functions.
RELEASE_LDFLAGS := -s -w

# Release builds also have Fyne's screen-reader support (UI Automation on
# Windows, NSAccessibility on macOS; on Linux the tag compiles to nothing).
# Only the release builds: a new tag rebuilds the cgo parts, so the everyday
# commands keep the one set above.
RELEASE_TAGS := migrated_fynedo accessibility

# Windows: "dist/DSP Desk.exe". From Linux it is cross-compiled with
# mingw-w64; on Windows (MSYS2 or Git Bash with make) a native gcc builds it.
WINDOWS_EXE := dist/$(APP_NAME).exe
ifeq ($(OS),Windows_NT)
WINDOWS_CC ?= gcc
else
WINDOWS_CC ?= x86_64-w64-mingw32-gcc
endif
# The icon, version information and manifest, made from FyneApp.toml by
# tools/winres. A .syso beside main.go is linked into Windows amd64 builds
# only (the file name says so); `make windows` makes it and removes it again.
WINDOWS_SYSO := dspdesk_windows_amd64.syso

# macOS: a universal binary (arm64 + amd64) in dist/darwin, wrapped into
# "dist/DSP Desk.app" by the fyne tool. Only on a Mac (it needs Xcode's
# clang and SDK). MACOS_MIN is the oldest macOS it runs on (Go's own minimum).
DARWIN_DIR := dist/darwin
MACOS_MIN := 12.0

.DEFAULT_GOAL := help
.PHONY: help deps run demo test vet fmt fmt-check staticcheck imports lint release-check build windows darwin package-darwin screenshots guide-images guide-check clean

help: ## list the targets
	@echo "DSP Desk. Usage: make TARGET"
	@echo
	@awk 'BEGIN {FS = ":.*## "} /^[a-z-]+:.*## / {printf "  %-15s %s\n", $$1, $$2}' $(MAKEFILE_LIST)
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

release-check: ## test the release tooling: tools/winres and the workflows in .github (no cgo, seconds)
	go -C tools vet ./...
	go -C tools test -count=1 ./...

build: deps ## build the app into ./dspdesk and its command-line companion into ./dspctl
	go build -o dspdesk .
	go build -o dspctl ./cmd/dspctl

windows: ## build "dist/DSP Desk.exe" for 64-bit Windows (cross-compiled with mingw-w64 on Linux)
	@scripts/deps.sh windows
	@mkdir -p dist
	go -C tools run ./winres -app ../FyneApp.toml -o ../$(WINDOWS_SYSO)
	CGO_ENABLED=1 GOOS=windows GOARCH=amd64 CC=$(WINDOWS_CC) go build -tags "$(RELEASE_TAGS)" -ldflags "-H=windowsgui $(RELEASE_LDFLAGS)" -o "$(WINDOWS_EXE)" . ; \
		status=$$?; rm -f $(WINDOWS_SYSO); exit $$status
	@ls -l "$(WINDOWS_EXE)"

darwin: ## on a Mac (Xcode command line tools): build a universal (arm64 + amd64) binary into dist/darwin/dspdesk
	@mkdir -p $(DARWIN_DIR)
	CGO_ENABLED=1 GOOS=darwin GOARCH=arm64 MACOSX_DEPLOYMENT_TARGET=$(MACOS_MIN) go build -tags "$(RELEASE_TAGS)" -ldflags "$(RELEASE_LDFLAGS)" -o $(DARWIN_DIR)/dspdesk-arm64 .
	CGO_ENABLED=1 GOOS=darwin GOARCH=amd64 MACOSX_DEPLOYMENT_TARGET=$(MACOS_MIN) go build -tags "$(RELEASE_TAGS)" -ldflags "$(RELEASE_LDFLAGS)" -o $(DARWIN_DIR)/dspdesk-amd64 .
	lipo -create -output $(DARWIN_DIR)/dspdesk $(DARWIN_DIR)/dspdesk-arm64 $(DARWIN_DIR)/dspdesk-amd64
	lipo -info $(DARWIN_DIR)/dspdesk

# fyne package adds 1 to Build in FyneApp.toml and rewrites the file each
# time; the copy put back afterwards keeps the build number the one set by
# hand. Info.plist's LSMinimumSystemVersion then says what Go really needs.
package-darwin: darwin ## on a Mac: wrap the universal binary into "dist/DSP Desk.app" (icon, Info.plist from FyneApp.toml)
	rm -rf "$(APP_NAME).app" "dist/$(APP_NAME).app"
	cp FyneApp.toml dist/FyneApp.toml.orig
	$(TOOL) fyne package -os darwin --release --executable $(DARWIN_DIR)/dspdesk; \
		status=$$?; mv dist/FyneApp.toml.orig FyneApp.toml; exit $$status
	mv "$(APP_NAME).app" dist/
	plutil -replace LSMinimumSystemVersion -string $(MACOS_MIN) "dist/$(APP_NAME).app/Contents/Info.plist"

# The demo screens make screenshots saves, one PNG each (see --screen in `dspdesk --help`).
SCREENS := today triage dsr roar meetings actions gaps settings

# The person record shown in demo-person*.png: a demo person with meetings and actions.
DEMO_PERSON := 1

screenshots: ## run the app under Xvfb: each screen at 1280x800, 1366x768 and 1024x640, then check none is blank
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
	@for o in action new-action new-gap gap-report meeting; do scripts/screenshots.sh open-$$o --demo --screen actions --person $(DEMO_PERSON) --open $$o || exit 1; done
	SHOT_SCREEN=1024x640x24 scripts/screenshots.sh small-meeting --demo --size 1024x640 --person $(DEMO_PERSON) --open meeting
	@for o in import import-mapping import-preview imported; do scripts/screenshots.sh open-$$o --demo --open $$o || exit 1; done
	@for o in import-mapping imported; do SHOT_SCREEN=1024x640x24 scripts/screenshots.sh small-$$o --demo --size 1024x640 --open $$o || exit 1; done
	@for o in find guide shortcuts new-referral gap-report; do SHOT_SCREEN=1024x640x24 scripts/screenshots.sh small-$$o --demo --size 1024x640 --screen gaps --open $$o || exit 1; done
	SHOT_SCREEN=1366x768x24 scripts/screenshots.sh laptop-referral --demo --size 1366x768 --open new-referral
	SHOT_SCREEN=1366x768x24 scripts/screenshots.sh laptop-dsr --demo --size 1366x768 --screen dsr
	SHOT_SETTLE=8 SHOT_SCREEN=1024x640x24 scripts/screenshots.sh small-first-run --size 1024x640
	scripts/check-screenshots.sh screenshots/*.png

guide-images: ## remake the user guide's pictures in docs/images (the demo app and its PDFs); look at each, then commit them
	@scripts/deps.sh build gui-check
	go build -o dspdesk .
	DEMO_PERSON=$(DEMO_PERSON) scripts/guide-images.sh
	scripts/check-guide.sh

guide-check: ## check docs/user-guide.md shows every picture guide-images makes, and each exists
	@scripts/check-guide.sh

clean: ## remove built binaries and screenshots (not the Go build cache)
	rm -f dspdesk dspdesk.exe dspctl coverage.out $(WINDOWS_SYSO)
	rm -rf bin dist
	rm -f screenshots/*.png
