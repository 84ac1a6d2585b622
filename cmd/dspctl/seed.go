package main

import (
	"context"
	"strconv"
	"time"

	"dspdesk/app"
	"dspdesk/app/demo"
	"dspdesk/storage"
)

// maxSeedPeople bounds --people well inside the NHS test range.
const maxSeedPeople = 500_000

// runSeed adds synthetic demo people to a new or demo database.
func runSeed(ctx context.Context, c *cli, args []string) int {
	set, dbFlag := c.flags("seed")
	people := set.Int("people", 100, "how many synthetic people to add (`N`, 1 to 500000)")
	seed := set.Uint64("seed", 1, "the random seed `S`: the same seed makes the same data")
	asOf := set.String("as-of", "", "the `DATE` (YYYY-MM-DD) the data is made as of, for data that is the same every day (default: now)")
	if _, code, ok := c.parse(set, "seed", args, 0); !ok {
		return code
	}
	if *people < 1 || *people > maxSeedPeople {
		return c.usageErr("seed", "--people must be between 1 and %d", maxSeedPeople)
	}
	now, opts := time.Now(), []storage.Option(nil)
	if *asOf != "" {
		d, err := time.ParseInLocation("2006-01-02", *asOf, app.ServiceLocation)
		if err != nil {
			return c.usageErr("seed", "--as-of must be a date like 2026-11-24")
		}
		now = d.Add(11 * time.Hour)
		opts = append(opts, storage.WithClock(app.FixedClock(now)))
	}
	path, code, ok := c.dbPath("seed", *dbFlag)
	if !ok {
		return code
	}
	s, err := c.openStore(ctx, path, opts...)
	if err != nil {
		return c.fail("Cannot open %s: %s", path, reason(err))
	}
	defer s.Close()
	use, err := s.TestRangeUse(ctx)
	if err != nil {
		return c.fail("Cannot read %s: %s", path, reason(err))
	}
	if use.MayHoldRealRecords() {
		return c.fail("The database at %s may hold real records (people who are not demo data), so nothing was added: seed only a new or demo database", path)
	}
	first := 1
	if h := string(use.Highest); len(h) == 10 {
		if body, err := strconv.Atoi(h[3:9]); err == nil {
			first = body + 1
		}
	}
	const actor = "dspctl seed"
	rules, err := app.NewService(s, app.FixedClock(now), actor).Rules(ctx)
	if err != nil {
		return c.fail("Cannot read the settings of %s: %s", path, reason(err))
	}
	start := time.Now()
	cfg := demo.Config{People: *people, Seed: *seed, Now: now, Rules: rules, FirstBody: first}
	sum, err := demo.Generate(cfg, func(fn func(demo.Sink) error) error {
		return s.Batch(ctx, actor, func(b *storage.Batch) error { return fn(b) })
	})
	if err != nil {
		return c.fail("The demo data was not (all) added: %s; each batch of up to 1000 people is stored whole or not at all", reason(err))
	}
	// A demo database needs a team contact for its family agendas: a
	// synthetic one, unless the team set its own.
	if set := rules.Settings; set.TeamPhone == "" && set.TeamEmail == "" {
		set.TeamPhone, set.TeamEmail = "0116 496 0999", "dsp.team@example.org"
		if err := s.SaveSettings(ctx, actor, set); err != nil {
			return c.fail("The demo people were added but the demo team contact was not: %s", reason(err))
		}
	}
	c.printf("Seeded %s in %s: %s.\n", path, time.Since(start).Round(time.Millisecond), sum)
	return exitOK
}
