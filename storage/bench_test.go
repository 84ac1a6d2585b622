package storage

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"dspdesk/app"
	"dspdesk/app/apptest"
)

// Benchmarks run on a database seeded by app/demo with 100,000 people (5,000
// with -short). Seeding takes a while, so the file is kept under
// os.TempDir(), keyed by schema version and size, and reused by later runs.
// Delete it (dspdesk-bench-*.db) to seed again after changing app/demo.

var benchDBs struct {
	sync.Mutex
	paths map[int]string
}

func benchPeople() int {
	if testing.Short() {
		return 5_000
	}
	return 100_000
}

// benchDatabase returns the path of the seeded benchmark database, seeding it
// on first use.
func benchDatabase(b *testing.B) string {
	b.Helper()
	people := benchPeople()
	benchDBs.Lock()
	defer benchDBs.Unlock()
	if p, ok := benchDBs.paths[people]; ok {
		return p
	}
	ctx := context.Background()
	path := filepath.Join(os.TempDir(), fmt.Sprintf("dspdesk-bench-schema%d-people%d-seed1.db", LatestSchemaVersion(), people))
	if n, ok := benchPeopleIn(path); ok && n == people {
		b.Logf("reusing %s (%d people)", path, n)
	} else {
		// seed into a temporary file and rename it, so an interrupted run
		// never leaves a half-seeded file under the final name
		tmp := path + ".tmp" + strconv.Itoa(os.Getpid())
		removeDB(tmp)
		start := time.Now()
		s, err := Open(ctx, tmp, WithClock(app.FixedClock(now)))
		if err != nil {
			b.Fatal(err)
		}
		sum, err := seedDemo(ctx, s, people, 1, 1)
		if err != nil {
			s.Close()
			removeDB(tmp)
			b.Fatalf("seed: %v", err)
		}
		if err := s.Close(); err != nil {
			b.Fatal(err)
		}
		took := time.Since(start)
		if err := os.Rename(tmp, path); err != nil {
			b.Fatal(err)
		}
		// files seeded for older schemas are no longer used
		old, _ := filepath.Glob(filepath.Join(os.TempDir(), fmt.Sprintf("dspdesk-bench-schema*-people%d-seed1.db", people)))
		for _, o := range old {
			if o != path {
				removeDB(o)
			}
		}
		fi, _ := os.Stat(path)
		b.Logf("seeded %s in %v (%.0f people/s), %d MB: %s", path, took.Round(time.Millisecond),
			float64(people)/took.Seconds(), fi.Size()>>20, sum)
	}
	if benchDBs.paths == nil {
		benchDBs.paths = map[int]string{}
	}
	benchDBs.paths[people] = path
	return path
}

// benchPeopleIn returns how many people a cached benchmark database holds.
func benchPeopleIn(path string) (int, bool) {
	if _, err := os.Stat(path); err != nil {
		return 0, false
	}
	s, err := Open(context.Background(), path)
	if err != nil {
		return 0, false
	}
	defer s.Close()
	var n int
	if err := s.ro.QueryRow("SELECT count(*) FROM people").Scan(&n); err != nil {
		return 0, false
	}
	return n, true
}

func removeDB(path string) {
	for _, suffix := range []string{"", "-wal", "-shm"} {
		os.Remove(path + suffix)
	}
}

func copyDB(b *testing.B, src, dst string) {
	b.Helper()
	in, err := os.Open(src)
	if err != nil {
		b.Fatal(err)
	}
	defer in.Close()
	out, err := os.Create(dst)
	if err != nil {
		b.Fatal(err)
	}
	if _, err := io.Copy(out, in); err != nil {
		b.Fatal(err)
	}
	if err := out.Close(); err != nil {
		b.Fatal(err)
	}
}

func openBench(b *testing.B, path string) *Store {
	b.Helper()
	s, err := Open(context.Background(), path, WithClock(app.FixedClock(now)))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	return s
}

func reportMS(b *testing.B) {
	b.ReportMetric(float64(b.Elapsed().Microseconds())/1000/float64(b.N), "ms/op")
}

// BenchmarkSubmitAndAccept submits one referral and accepts it as Amber
// through app.Service (each a transaction, with the reads the service does
// around them) on a copy of the seeded database.
func BenchmarkSubmitAndAccept(b *testing.B) {
	ctx := context.Background()
	path := filepath.Join(b.TempDir(), "copy.db")
	copyDB(b, benchDatabase(b), path)
	s := openBench(b, path)
	svc := newService(s)
	body := 900_000 // above the seeded people's NHS numbers
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		p, ok := writerPerson(body)
		for ; !ok; p, ok = writerPerson(body) {
			body++
		}
		body++
		res, err := svc.SubmitReferral(ctx, apptest.Referral(p, now), app.SubmitOptions{ConfirmedNew: true})
		if err != nil {
			b.Fatal(err)
		}
		if _, err := svc.DecideReferral(ctx, res.Referral.ID, app.Decision{Accept: true, Rating: app.Amber}); err != nil {
			b.Fatal(err)
		}
	}
	reportMS(b)
}

// benchPages are the register pages the benchmarks load: 50 rows of the
// DSR, filtered and sorted as the team does.
var benchPages = []struct {
	name string
	q    app.RegisterQuery
}{
	{"amber and red by name", app.RegisterQuery{Ratings: []app.Rating{app.Amber, app.Red}, Sort: app.SortByName}},
	{"amber and red by review due", app.RegisterQuery{Ratings: []app.Rating{app.Amber, app.Red}, Sort: app.SortByReviewDue}},
	{"Rutland by name", app.RegisterQuery{LocalAuthority: app.Rutland, Sort: app.SortByName}},
	{"everyone by rating", app.RegisterQuery{}},
	{"everyone by name, middle page", app.RegisterQuery{Sort: app.SortByName, Offset: -1}},
	{"search for a name", app.RegisterQuery{Search: "smi", Sort: app.SortByName}},
	{"search for an NHS number prefix", app.RegisterQuery{Search: "999 000", Sort: app.SortByName}},
}

// pageQuery completes a benchmark page's query; Offset -1 means the page
// in the middle of the register.
func pageQuery(tb testing.TB, s *Store, q app.RegisterQuery) app.RegisterQuery {
	q.Register, q.Limit, q.Today = app.DSR, 50, now
	if q.Offset < 0 {
		_, total, err := s.listRegisterFull(context.Background(), app.RegisterQuery{Register: app.DSR, Today: now, Limit: 1})
		if err != nil {
			tb.Fatal(err)
		}
		q.Offset = total / 2 / 50 * 50
	}
	return q
}

// BenchmarkRegisterPage loads one page of the DSR through ListRegister, and
// through the plain query it replaced (listRegisterFull), for comparison.
func BenchmarkRegisterPage(b *testing.B) {
	ctx := context.Background()
	s := openBench(b, benchDatabase(b))
	for _, impl := range []struct {
		name string
		list func(context.Context, app.RegisterQuery) ([]app.RegisterRow, int, error)
	}{{"ListRegister", s.ListRegister}, {"plain query", s.listRegisterFull}} {
		for _, page := range benchPages {
			b.Run(impl.name+"/"+page.name, func(b *testing.B) {
				q := pageQuery(b, s, page.q)
				b.ReportAllocs()
				for i := 0; i < b.N; i++ {
					rows, total, err := impl.list(ctx, q)
					if err != nil {
						b.Fatal(err)
					}
					if len(rows) == 0 || total == 0 {
						b.Fatalf("%d rows of %d", len(rows), total)
					}
				}
				reportMS(b)
			})
		}
	}
}

// BenchmarkRegisterAll loads the whole DSR as the desktop table does, then
// filters and sorts it in memory as the table does while the user types.
func BenchmarkRegisterAll(b *testing.B) {
	ctx := context.Background()
	s := openBench(b, benchDatabase(b))
	q := app.RegisterQuery{Register: app.DSR, Today: now}
	b.Run("load, plain query", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			rows, _, err := s.listRegisterFull(ctx, q)
			if err != nil || len(rows) == 0 {
				b.Fatalf("%d rows, %v", len(rows), err)
			}
		}
		reportMS(b)
	})
	b.Run("load, RegisterAll", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			rows, err := s.RegisterAll(ctx, app.DSR, now)
			if err != nil || len(rows) == 0 {
				b.Fatalf("%d rows, %v", len(rows), err)
			}
		}
		reportMS(b)
	})
	rows, _, err := s.listRegisterFull(ctx, q)
	if err != nil {
		b.Fatal(err)
	}
	b.Run("view: work out the keys, once per load", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			app.NewRegisterView(rows)
		}
		reportMS(b)
	})
	v := app.NewRegisterView(rows)
	b.Run("view: filter and sort, per key press", func(b *testing.B) {
		f := app.RegisterFilter{Ratings: []app.Rating{app.Amber, app.Red}, Search: "sm", Today: now}
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			v.Select(f, app.SortByReviewDue, false)
		}
		reportMS(b)
	})
	b.ReportMetric(float64(len(rows)), "rows")
}

// TestRegisterPrototypesMatchListRegister keeps the fast paths honest: they
// return exactly what the plain query returns.
func TestRegisterPrototypesMatchListRegister(t *testing.T) {
	ctx := context.Background()
	s, _ := openTemp(t)
	if _, err := seedDemo(ctx, s, 800, 3, 1); err != nil {
		t.Fatal(err)
	}
	_, amber, _ := s.listRegisterFull(ctx, app.RegisterQuery{Register: app.DSR, Ratings: []app.Rating{app.Amber}, Today: now, Limit: 1})
	queries := map[string]app.RegisterQuery{}
	for _, page := range benchPages {
		queries[page.name] = pageQuery(t, s, page.q)
	}
	for name, q := range map[string]app.RegisterQuery{
		"an NHS number prefix present in the small database":    {Search: "999 0001", Sort: app.SortByName},
		"everyone by rating, across the end of the Amber block": {Offset: amber - 20},
		"everyone by rating, descending, second page":           {Desc: true, Offset: 50},
		"by name, descending":                                   {Sort: app.SortByName, Desc: true},
		"amber by review due, descending, third page":           {Ratings: []app.Rating{app.Amber}, Sort: app.SortByReviewDue, Desc: true, Offset: 100},
		"children by age":                                       {AgeGroup: app.CYP, Sort: app.SortByAge},
		"the ROAR by name":                                      {Register: app.ROAR, Sort: app.SortByName},
		"a search that finds nobody":                            {Search: "zzzz"},
	} {
		q = pageQuery(t, s, q)
		if name == "the ROAR by name" {
			q.Register = app.ROAR
		}
		queries[name] = q
	}
	for name, q := range queries {
		t.Run("the paged query gives the same page as the plain one for "+name, func(t *testing.T) {
			want, wantTotal, err := s.listRegisterFull(ctx, q)
			if err != nil {
				t.Fatal(err)
			}
			got, gotTotal, err := s.ListRegister(ctx, q)
			if err != nil {
				t.Fatal(err)
			}
			if gotTotal != wantTotal || fmt.Sprint(got) != fmt.Sprint(want) {
				t.Errorf("paged: %d rows of %d, ListRegister: %d rows of %d", len(got), gotTotal, len(want), wantTotal)
			}
		})
	}
	for _, reg := range []app.Register{app.DSR, app.ROAR} {
		t.Run("RegisterAll gives the same rows as the plain query for the "+reg.String(), func(t *testing.T) {
			want, _, err := s.listRegisterFull(ctx, app.RegisterQuery{Register: reg, Today: now})
			if err != nil {
				t.Fatal(err)
			}
			got, err := s.RegisterAll(ctx, reg, now)
			if err != nil {
				t.Fatal(err)
			}
			if len(want) == 0 || len(got) != len(want) {
				t.Fatalf("%d rows, ListRegister %d", len(got), len(want))
			}
			byID := func(a, b app.RegisterRow) int { return cmp.Compare(a.RegistrationID, b.RegistrationID) }
			slices.SortFunc(want, byID)
			slices.SortFunc(got, byID)
			for i := range want {
				if fmt.Sprint(got[i]) != fmt.Sprint(want[i]) {
					t.Fatalf("row %d:\n got %+v\nwant %+v", i, got[i], want[i])
				}
			}
		})
	}
}

// queryPlan returns SQLite's EXPLAIN QUERY PLAN for query, one line per step.
func queryPlan(tb testing.TB, s *Store, query string, args ...any) string {
	tb.Helper()
	var lines []string
	err := eachRow(context.Background(), s.ro, "EXPLAIN QUERY PLAN "+query, args, func(r *sql.Rows) error {
		var id, parent, unused int
		var detail string
		err := r.Scan(&id, &parent, &unused, &detail)
		lines = append(lines, detail)
		return err
	})
	if err != nil {
		tb.Fatal(err)
	}
	return strings.Join(lines, "\n")
}

// TestRegisterIndexesAreUsed checks, with EXPLAIN QUERY PLAN, that the
// register's queries use the indexes of migration 2. Without ANALYZE data
// SQLite plans the same way whatever the table sizes, so a small database
// shows the plan a large one gets.
func TestRegisterIndexesAreUsed(t *testing.T) {
	s, _ := openTemp(t)
	q := app.RegisterQuery{Register: app.DSR, Today: now, Ratings: []app.Rating{app.Amber, app.Red}}
	where, args := registerFilter(q)
	tests := []struct {
		name  string
		query string
		args  []any
		want  []string
		never []string
	}{
		{"the register's per-person columns come from covering indexes without a sort per person",
			registerSelect + where, args,
			[]string{"COVERING INDEX meetings_person_status", "COVERING INDEX actions_person_status_due", "INDEX consents_person_latest"},
			[]string{"TEMP B-TREE"}},
		{"a page by name walks people in name order and probes each open registration",
			"SELECT g.id FROM people p CROSS JOIN registrations g ON g.person_id = p.id WHERE g.closed_at IS NULL AND g.register = :register" +
				where + " ORDER BY p.family_name COLLATE NOCASE, p.given_name COLLATE NOCASE, g.id LIMIT 50", args,
			[]string{"SCAN p USING COVERING INDEX people_name", "registrations_one_open"}, []string{"FOR ORDER BY"}},
		{"counting one local authority's people starts from the local-authority index",
			"SELECT count(*) FROM registrations g JOIN people p ON p.id = g.person_id WHERE g.closed_at IS NULL AND g.register = 1 AND p.local_authority = 3", nil,
			[]string{"people_local_authority"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			plan := queryPlan(t, s, tt.query, tt.args...)
			for _, w := range tt.want {
				if !strings.Contains(plan, w) {
					t.Errorf("the plan does not use %s:\n%s", w, plan)
				}
			}
			for _, n := range tt.never {
				if strings.Contains(plan, n) {
					t.Errorf("the plan has %s:\n%s", n, plan)
				}
			}
		})
	}
}

// BenchmarkStartup is what the desktop app does before and just after its
// window appears, on 100,000 people: open the database (identity, version,
// quick_check, migrations), then read what Today needs.
func BenchmarkStartup(b *testing.B) {
	ctx := context.Background()
	path := benchDatabase(b)
	b.Run("open (with quick_check)", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			s, err := Open(ctx, path)
			if err != nil {
				b.Fatal(err)
			}
			s.Close()
		}
		reportMS(b)
	})
	s := openBench(b, path)
	b.Run("Today's reminder inputs", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			in, names, err := s.ReminderInputs(ctx)
			if err != nil || len(names) == 0 {
				b.Fatal(err)
			}
			_ = in
		}
		reportMS(b)
	})
	in, _, _ := s.ReminderInputs(ctx)
	rules := app.NewRules(app.DefaultSettings(), nil)
	b.Run("Today's reminders worked out", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			rules.DueReminders(now, in)
		}
		reportMS(b)
	})
}

// BenchmarkFollowUp reads what the Actions and Gaps screens load at 100,000
// people (every outstanding action, every gap with names), the senior
// managers' report built over a year of gaps, and one action with its
// progress log, as the action window opens it.
func BenchmarkFollowUp(b *testing.B) {
	ctx := context.Background()
	s := openBench(b, benchDatabase(b))
	b.Run("outstanding actions", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			rows, err := s.OutstandingActions(ctx)
			if err != nil || len(rows) == 0 {
				b.Fatalf("%d rows, %v", len(rows), err)
			}
		}
		reportMS(b)
	})
	b.Run("gaps with names", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			rows, err := s.Gaps(ctx)
			if err != nil || len(rows) == 0 {
				b.Fatalf("%d rows, %v", len(rows), err)
			}
		}
		reportMS(b)
	})
	rows, err := s.Gaps(ctx)
	if err != nil {
		b.Fatal(err)
	}
	gaps := make([]app.Gap, len(rows))
	for i, r := range rows {
		gaps[i] = r.Gap
	}
	b.Run("gaps report over a year", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			r, err := app.BuildGapReport(app.GapReportInput{From: now.AddDate(-1, 0, 0), To: now, Today: now, Gaps: gaps})
			if err != nil || r.Total.Count == 0 {
				b.Fatalf("%d gaps, %v", r.Total.Count, err)
			}
		}
		reportMS(b)
	})
	actions, err := s.OutstandingActions(ctx)
	if err != nil || len(actions) == 0 {
		b.Fatalf("%d actions, %v", len(actions), err)
	}
	b.Run("one action with its progress", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			if _, err := s.Action(ctx, actions[i%len(actions)].ID); err != nil {
				b.Fatal(err)
			}
		}
		reportMS(b)
	})
}
