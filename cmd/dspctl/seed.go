package main

import (
	"context"
	"errors"
	"fmt"
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
	first, err := s.ClaimTestBodies(ctx, *people) // apart from any seeding running at the same time
	if err != nil {
		return c.fail("Cannot number the demo people in %s: %s", path, reason(err))
	}
	actor := osUser()
	rules, err := app.NewService(s, app.FixedClock(now), actor).Rules(ctx)
	if err != nil {
		return c.fail("Cannot read the settings of %s: %s", path, reason(err))
	}
	start := time.Now()
	cfg := demo.Config{People: *people, Seed: *seed, Now: now, Rules: rules, FirstBody: first}
	kept := 0 // people in the batches committed
	sum, err := demo.Generate(cfg, func(fn func(demo.Sink) error) error {
		sink := &countingSink{}
		err := s.Batch(ctx, actor, func(b *storage.Batch) error { sink.Sink = b; return fn(sink) })
		if err == nil {
			kept += sink.referred
		}
		return err
	})
	if err != nil {
		return c.seedFailed(path, kept, err)
	}
	if err := demoTeamContact(ctx, s, actor); err != nil {
		fmt.Fprintln(c.stderr, sentence("The demo people were added but the demo team contact was not: "+reason(err)))
		return exitPartly
	}
	c.printf("Seeded %s in %s: %s.\n", path, time.Since(start).Round(time.Millisecond), sum)
	return exitOK
}

// seedFailed says what a seed that stopped did keep (each batch of up to
// 1000 people is stored whole or not at all) and why it stopped: exit 3
// when some people were added, 1 when none were.
func (c *cli) seedFailed(path string, added int, err error) int {
	why := reason(err)
	if errors.Is(err, app.ErrConflict) {
		why = "another program added people to the database while this seed ran (two seeds at once?), and their NHS numbers clashed"
	}
	if added <= 0 {
		return c.fail("No demo data was added to %s: %s; run dspctl seed again", path, why)
	}
	fmt.Fprintln(c.stderr, sentence(fmt.Sprintf("The seed stopped after adding %d people to %s: %s; the people added are kept whole, and running dspctl seed again adds more", added, path, why)))
	return exitPartly
}

// countingSink counts the new people a batch refers (a demo person is made
// with their first referral).
type countingSink struct {
	demo.Sink
	referred int
}

func (s *countingSink) CreateReferral(ref app.Referral, personID int64) (app.Referral, error) {
	ref, err := s.Sink.CreateReferral(ref, personID)
	if err == nil && personID == 0 {
		s.referred++
	}
	return ref, err
}

// demoTeamContact gives a demo database a synthetic team contact for its
// family agendas, unless the team set its own. The settings are read just
// before they are saved, and read again when another seeding saved them
// first (a conflict), so two seedings at once both succeed.
func demoTeamContact(ctx context.Context, s *storage.Store, actor string) error {
	for try := 0; ; try++ {
		set, err := s.Settings(ctx)
		if err != nil || set.TeamPhone != "" || set.TeamEmail != "" {
			return err
		}
		set.TeamPhone, set.TeamEmail = "0116 496 0999", "dsp.team@example.org"
		err = s.SaveSettings(ctx, actor, set)
		if !errors.Is(err, app.ErrConflict) || try == 2 {
			return err
		}
	}
}
