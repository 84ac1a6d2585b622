package main

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
)

// runStats prints the database's headline counts.
func runStats(ctx context.Context, c *cli, args []string) int {
	set, dbFlag := c.flags("stats")
	asJSON := set.Bool("json", false, "print the counts as JSON, for scripts")
	if _, code, ok := c.parse(set, "stats", args, 0); !ok {
		return code
	}
	path, code, ok := c.dbPath("stats", *dbFlag)
	if !ok {
		return code
	}
	s, code, ok := c.open(ctx, path)
	if !ok {
		return code
	}
	defer s.Close()
	st, err := s.Stats(ctx)
	if err != nil {
		return c.fail("Cannot count the records: %s", reason(err))
	}
	if *asJSON {
		type count struct {
			Register string `json:"register"`
			Rating   string `json:"rating"`
			Count    int    `json:"count"`
		}
		out := struct {
			People            int     `json:"people"`
			OpenRegistrations int     `json:"openRegistrations"`
			Open              []count `json:"open"`
			PendingReferrals  int     `json:"pendingReferrals"`
			Meetings          int     `json:"meetings"`
			OpenActions       int     `json:"openActions"`
			Gaps              int     `json:"gaps"`
			OpenGaps          int     `json:"openGaps"`
			AuditRows         int     `json:"auditRows"`
		}{st.People, st.OpenRegistrations(), nil, st.PendingReferrals, st.Meetings, st.OpenActions, st.Gaps, st.OpenGaps, st.AuditRows}
		for _, o := range st.Open {
			out.Open = append(out.Open, count{o.Register.String(), o.Rating.String(), o.Count})
		}
		enc := json.NewEncoder(c.stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(out); err != nil {
			return c.fail("Cannot write the counts: %s", reason(err))
		}
		return exitOK
	}
	c.printf("People: %d\n", st.People)
	c.printf("Open registrations: %d\n", st.OpenRegistrations())
	reg := ""
	var line strings.Builder
	for _, o := range st.Open {
		if r := o.Register.String(); r != reg {
			if line.Len() > 0 {
				c.printf("%s\n", line.String())
				line.Reset()
			}
			reg = r
			fmt.Fprintf(&line, "  %-5s", r)
		}
		fmt.Fprintf(&line, " %s %d", o.Rating, o.Count)
	}
	if line.Len() > 0 {
		c.printf("%s\n", line.String())
	}
	c.printf("Pending referrals: %d\n", st.PendingReferrals)
	c.printf("Meetings: %d\n", st.Meetings)
	c.printf("Open actions: %d\n", st.OpenActions)
	c.printf("Gaps in service: %d (%d not closed)\n", st.Gaps, st.OpenGaps)
	c.printf("Audit log rows: %d\n", st.AuditRows)
	return exitOK
}
