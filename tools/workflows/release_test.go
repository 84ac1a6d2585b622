// Package workflows checks the GitHub Actions workflows in .github/workflows:
// that they parse, and that the release keeps its steps and builds with the
// Makefile's targets (so a release is built as `make` builds it on a desk).
package workflows

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

type workflow struct {
	On   map[string]any `yaml:"on"`
	Jobs map[string]job `yaml:"jobs"`
}

type job struct {
	Name     string            `yaml:"name"`
	RunsOn   string            `yaml:"runs-on"`
	Needs    any               `yaml:"needs"`
	Env      map[string]string `yaml:"env"`
	Strategy struct {
		Matrix struct {
			Include []map[string]string `yaml:"include"`
		} `yaml:"matrix"`
	} `yaml:"strategy"`
	Steps []step `yaml:"steps"`
}

type step struct {
	Name string            `yaml:"name"`
	Uses string            `yaml:"uses"`
	If   string            `yaml:"if"`
	Run  string            `yaml:"run"`
	With map[string]string `yaml:"with"`
}

const root = "../.."

func readWorkflow(t *testing.T, name string) workflow {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(root, ".github", "workflows", name))
	if err != nil {
		t.Fatal(err)
	}
	var w workflow
	if err := yaml.Unmarshal(b, &w); err != nil {
		t.Fatalf("%s does not parse: %v", name, err)
	}
	return w
}

func TestEveryWorkflowParses(t *testing.T) {
	files, err := filepath.Glob(filepath.Join(root, ".github", "workflows", "*.y*ml"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no workflows: %v", err)
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			w := readWorkflow(t, filepath.Base(f))
			if len(w.On) == 0 || len(w.Jobs) == 0 {
				t.Errorf("no triggers or no jobs: %+v", w)
			}
			for id, j := range w.Jobs {
				if j.RunsOn == "" || len(j.Steps) == 0 {
					t.Errorf("job %s: no runs-on or no steps", id)
				}
			}
		})
	}
}

// runs is every run: script of a job, one after the other.
func runs(j job) string {
	var b strings.Builder
	for _, s := range j.Steps {
		b.WriteString(s.Run + "\n")
	}
	return b.String()
}

// stepRunning is the first step of j whose run: script contains command.
func stepRunning(t *testing.T, j job, command string) step {
	t.Helper()
	for _, s := range j.Steps {
		if strings.Contains(s.Run, command) {
			return s
		}
	}
	t.Fatalf("job %q has no step that runs %q", j.Name, command)
	return step{}
}

func uploads(j job) []string {
	var paths []string
	for _, s := range j.Steps {
		if strings.HasPrefix(s.Uses, "actions/upload-artifact@") {
			paths = append(paths, s.With["path"])
		}
	}
	return paths
}

func TestRelease(t *testing.T) {
	w := readWorkflow(t, "release.yml")
	job := func(id string) job {
		j, ok := w.Jobs[id]
		if !ok {
			t.Fatalf("release.yml has no job %q", id)
		}
		return j
	}

	t.Run("macOS is built and tested on both architectures", func(t *testing.T) {
		j := job("macos-test")
		var arches []string
		for _, m := range j.Strategy.Matrix.Include {
			arches = append(arches, m["arch"])
		}
		slices.Sort(arches)
		if !slices.Equal(arches, []string{"amd64", "arm64"}) {
			t.Errorf("matrix architectures %v, want amd64 and arm64", arches)
		}
		stepRunning(t, j, "make build")
		stepRunning(t, j, "make test")
	})

	t.Run("the macOS app is universal, packaged, signed, notarised, stapled and uploaded", func(t *testing.T) {
		j := job("macos")
		stepRunning(t, j, "make darwin")
		stepRunning(t, j, "make package-darwin")
		for _, secret := range []string{"MACOS_CERTIFICATE_P12", "MACOS_CERTIFICATE_PASSWORD", "MACOS_SIGNING_IDENTITY", "APPLE_ID", "APPLE_TEAM_ID", "APPLE_APP_PASSWORD"} {
			if got, want := j.Env[secret], "${{ secrets."+secret+" }}"; got != want {
				t.Errorf("env %s = %q, want %q", secret, got, want)
			}
		}
		for _, command := range []string{"security import", "codesign --force --options runtime", "xcrun notarytool submit", "xcrun stapler staple"} {
			s := stepRunning(t, j, command)
			if !strings.Contains(s.If, "env.MACOS_CERTIFICATE_P12 != ''") {
				t.Errorf("step %q runs without the certificate: if: %q", s.Name, s.If)
			}
		}
		if s := stepRunning(t, j, "xcrun notarytool submit"); !strings.Contains(s.Run, "--wait") || !strings.Contains(s.If, "env.APPLE_ID != ''") {
			t.Errorf("notarisation must wait for Apple and be skipped without an Apple ID: %+v", s)
		}
		if got := uploads(j); !slices.Equal(got, []string{"dist/DSP Desk macOS.zip"}) {
			t.Errorf("uploads %q", got)
		}
	})

	t.Run("Windows is built, tested, checked and uploaded natively", func(t *testing.T) {
		j := job("windows")
		if j.RunsOn != "windows-latest" {
			t.Errorf("runs on %q", j.RunsOn)
		}
		stepRunning(t, j, "make test")
		stepRunning(t, j, "make windows")
		stepRunning(t, j, `scripts/check-windows-exe.sh "dist/DSP Desk.exe"`)
		if got := uploads(j); !slices.Equal(got, []string{"dist/DSP Desk.exe"}) {
			t.Errorf("uploads %q", got)
		}
	})

	t.Run("builds and tests go through the Makefile, whose targets exist", func(t *testing.T) {
		makefile, err := os.ReadFile(filepath.Join(root, "Makefile"))
		if err != nil {
			t.Fatal(err)
		}
		for id, j := range w.Jobs {
			script := runs(j)
			if m := regexp.MustCompile(`\bgo (build|test|vet)\b`).FindString(script); m != "" {
				t.Errorf("job %s runs %q itself: call the Makefile's target, which has the tags and flags", id, m)
			}
			for _, m := range regexp.MustCompile(`\bmake ([a-z][a-z-]*)`).FindAllStringSubmatch(script, -1) {
				if !regexp.MustCompile(`(?m)^` + regexp.QuoteMeta(m[1]) + `:`).Match(makefile) {
					t.Errorf("job %s runs make %s, which the Makefile does not have", id, m[1])
				}
			}
		}
	})
}
