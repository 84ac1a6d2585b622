package storage

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	"os"
	"path/filepath"
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
	{"search for an NHS number prefix", app.RegisterQuery{Search: "999 001", Sort: app.SortByName}},
}

// pageQuery completes a benchmark page's query; Offset -1 means the page
// in the middle of the register.
func pageQuery(tb testing.TB, s *Store, q app.RegisterQuery) app.RegisterQuery {
	q.Register, q.Limit, q.Today = app.DSR, 50, now
	if q.Offset < 0 {
		_, total, err := s.ListRegister(context.Background(), app.RegisterQuery{Register: app.DSR, Today: now, Limit: 1})
		if err != nil {
			tb.Fatal(err)
		}
		q.Offset = total / 2 / 50 * 50
	}
	return q
}

// BenchmarkRegisterPage loads one page of the DSR through ListRegister, and
// through listRegisterPaged, the rewrite proposed in the report.
func BenchmarkRegisterPage(b *testing.B) {
	ctx := context.Background()
	s := openBench(b, benchDatabase(b))
	for _, impl := range []struct {
		name string
		list func(context.Context, app.RegisterQuery) ([]app.RegisterRow, int, error)
	}{{"ListRegister", s.ListRegister}, {"paged", s.listRegisterPaged}} {
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
	b.Run("load", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			rows, _, err := s.ListRegister(ctx, q)
			if err != nil || len(rows) == 0 {
				b.Fatalf("%d rows, %v", len(rows), err)
			}
		}
		reportMS(b)
	})
	rows, _, err := s.ListRegister(ctx, q)
	if err != nil {
		b.Fatal(err)
	}
	b.Run("filter and sort in memory", func(b *testing.B) {
		f := app.RegisterFilter{Ratings: []app.Rating{app.Amber, app.Red}, Search: "sm", Today: now}
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			got := app.FilterRegister(rows, f)
			app.SortRegister(got, app.SortByReviewDue, false)
		}
		reportMS(b)
	})
	b.ReportMetric(float64(len(rows)), "rows")
}

// listRegisterPaged is a prototype of the rewrite proposed for ListRegister:
// it sorts and pages the narrow join of registrations and people first (no
// sub-queries), then computes the per-person sub-queries only for the page's
// rows. Sorts by a computed column (last MAM, actions, organiser) still need
// the sub-query for every row, and fall back to ListRegister.
func (s *Store) listRegisterPaged(ctx context.Context, q app.RegisterQuery) ([]app.RegisterRow, int, error) {
	switch q.Sort {
	case app.SortByLastMAM, app.SortByActions, app.SortByOrganiser:
		return s.ListRegister(ctx, q)
	}
	if q.Limit <= 0 {
		return s.ListRegister(ctx, q)
	}
	where, args := registerFilter(q)
	order, ok := registerOrder[q.Sort]
	if !ok {
		order = registerOrder[app.SortByRating]
	}
	dir := "ASC"
	if q.Desc {
		dir = "DESC"
	}
	const from = " FROM registrations g JOIN people p ON p.id = g.person_id WHERE g.closed_at IS NULL AND g.register = :register"
	pageSQL := "SELECT g.id" + from + where + " ORDER BY " + fmt.Sprintf(order, dir) + ", g.id" +
		fmt.Sprintf(" LIMIT %d OFFSET %d", q.Limit, max(q.Offset, 0))
	var out []app.RegisterRow
	var total int
	err := s.read(ctx, func(tx *sql.Tx) error {
		ids, err := queryIDs(ctx, tx, pageSQL, args)
		if err != nil {
			return err
		}
		if err := tx.QueryRowContext(ctx, "SELECT count(*)"+from+where, args...).Scan(&total); err != nil {
			return err
		}
		if len(ids) == 0 {
			return nil
		}
		list := make([]string, len(ids))
		pos := make(map[int64]int, len(ids))
		for i, id := range ids {
			list[i], pos[id] = strconv.FormatInt(id, 10), i
		}
		r, err := tx.QueryContext(ctx, registerSelect+" AND g.id IN ("+strings.Join(list, ",")+")", args...)
		if err != nil {
			return err
		}
		defer r.Close()
		out = make([]app.RegisterRow, len(ids))
		for r.Next() {
			row, err := scanRegisterRow(r)
			if err != nil {
				return err
			}
			out[pos[row.RegistrationID]] = row
		}
		return r.Err()
	})
	if err != nil {
		return nil, 0, fmt.Errorf("storage: list %s register: %w", q.Register, err)
	}
	return out, total, nil
}

func queryIDs(ctx context.Context, tx *sql.Tx, query string, args []any) ([]int64, error) {
	r, err := tx.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer r.Close()
	var ids []int64
	for r.Next() {
		var id int64
		if err := r.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, r.Err()
}

// TestRegisterPagedMatchesListRegister keeps the prototype honest: it
// returns the same rows as ListRegister for every benchmark page.
func TestRegisterPagedMatchesListRegister(t *testing.T) {
	ctx := context.Background()
	s, _ := openTemp(t)
	if _, err := seedDemo(ctx, s, 800, 3, 1); err != nil {
		t.Fatal(err)
	}
	for _, page := range benchPages {
		t.Run("the "+page.name+" page is the same", func(t *testing.T) {
			q := pageQuery(t, s, page.q)
			want, wantTotal, err := s.ListRegister(ctx, q)
			if err != nil {
				t.Fatal(err)
			}
			got, gotTotal, err := s.listRegisterPaged(ctx, q)
			if err != nil {
				t.Fatal(err)
			}
			if gotTotal != wantTotal || fmt.Sprint(got) != fmt.Sprint(want) {
				t.Errorf("paged: %d rows of %d, ListRegister: %d rows of %d", len(got), gotTotal, len(want), wantTotal)
			}
		})
	}
}
