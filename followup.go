package main

import (
	"context"
	"io"
	"time"

	"dspdesk/app"
	"dspdesk/app/report"
)

// The backend's actions and gaps in service: app.Service checks each
// change, the store keeps it with its audit row.

func (b *backend) AddAction(ctx context.Context, a app.Action) (app.Action, error) {
	return b.Service.AddAction(ctx, b.store, a)
}

func (b *backend) Action(ctx context.Context, id int64) (app.Action, error) {
	return b.store.Action(ctx, id)
}

func (b *backend) UpdateActionDetails(ctx context.Context, a app.Action) (app.Action, error) {
	return b.Service.UpdateActionDetails(ctx, b.store, a)
}

func (b *backend) ChangeActionStatus(ctx context.Context, actionID int64, c app.StatusChange) (app.Action, error) {
	return b.Service.ChangeActionStatus(ctx, b.store, actionID, c)
}

func (b *backend) AddActionProgress(ctx context.Context, actionID int64, note string) (app.Progress, error) {
	return b.Service.AddActionProgress(ctx, b.store, actionID, note)
}

func (b *backend) RecordGap(ctx context.Context, g app.Gap) (app.Gap, error) {
	return b.Service.RecordGap(ctx, b.store, b.store, g)
}

func (b *backend) Gap(ctx context.Context, id int64) (app.Gap, error) { return b.store.Gap(ctx, id) }

func (b *backend) UpdateGap(ctx context.Context, g app.Gap) (app.Gap, error) {
	return b.Service.UpdateGap(ctx, b.store, g)
}

// ActionPlanPDF writes a person's action plan, the professionals' version
// or the family's plain-English one, from the MAM meetingID (0: their
// latest MAM held). It refuses when consent is withdrawn or missing, and
// records the export.
func (b *backend) ActionPlanPDF(ctx context.Context, personID, meetingID int64, family bool, w io.Writer, fileName string) error {
	rec, err := b.store.PersonRecord(ctx, personID)
	if err != nil {
		return err
	}
	in, err := report.PlanFromRecord(rec, meetingID, b.Service.Clock.Now())
	if err != nil {
		return err
	}
	what := "action plan PDF "
	if family {
		what = "family action plan PDF "
		if in.Contact, err = b.familyContact(ctx, in.Meeting); err != nil {
			return err
		}
		err = report.FamilyActionPlan(w, in)
	} else {
		err = report.ActionPlan(w, in)
	}
	if err != nil {
		return err
	}
	return b.store.LogExport(ctx, b.Actor(ctx), "person", personID, what+fileName)
}

// familyContact is who a family contacts about m, from the settings.
func (b *backend) familyContact(ctx context.Context, m app.Meeting) (report.ContactDetails, error) {
	set, err := b.store.Settings(ctx)
	if err != nil {
		return report.ContactDetails{}, err
	}
	c, err := report.FamilyContact(set, m)
	if err != nil {
		var p app.Problems
		p.Add("teamPhone", "%s", app.Sentence(err))
		return c, p.Err()
	}
	return c, nil
}

// gapReport builds the senior managers' report over [from, to].
func (b *backend) gapReport(ctx context.Context, from, to time.Time) (app.GapReport, error) {
	rows, err := b.store.Gaps(ctx)
	if err != nil {
		return app.GapReport{}, err
	}
	gaps := make([]app.Gap, len(rows))
	for i, r := range rows {
		gaps[i] = r.Gap
	}
	return app.BuildGapReport(app.GapReportInput{From: from, To: to, Today: app.DateOf(b.Service.Clock.Now()), Gaps: gaps})
}

// GapReportPDF writes the gaps report as a PDF and records the export.
func (b *backend) GapReportPDF(ctx context.Context, from, to time.Time, w io.Writer, fileName string) error {
	r, err := b.gapReport(ctx, from, to)
	if err != nil {
		return err
	}
	if err := report.GapsReportPDF(w, r, b.Service.Clock.Now()); err != nil {
		return err
	}
	return b.store.LogExport(ctx, b.Actor(ctx), "gaps", 0, "gaps in service report PDF "+r.Period()+" "+fileName)
}

// GapReportCSV writes the gaps report as CSV and records the export.
func (b *backend) GapReportCSV(ctx context.Context, from, to time.Time, w io.Writer, fileName string) error {
	r, err := b.gapReport(ctx, from, to)
	if err != nil {
		return err
	}
	if err := report.GapsReportCSV(w, r); err != nil {
		return err
	}
	return b.store.LogExport(ctx, b.Actor(ctx), "gaps", 0, "gaps in service report CSV "+r.Period()+" "+fileName)
}
