package main

import (
	"bytes"
	"context"
	"errors"
	"strconv"
	"strings"
	"time"

	"dspdesk/app"
	"dspdesk/app/report"
	"dspdesk/storage"
)

// agendaKind is one of the printed agendas of a MAM.
type agendaKind struct {
	flag string // the flag that chooses it
	what string // in the audit log and messages: "<what> agenda"
	file string // the file name it takes in a folder: mam-ID-<file>.pdf
}

var (
	familyAgenda       = agendaKind{"family", "family", "family-agenda"}
	easyReadAgenda     = agendaKind{"easy-read", "easy-read family", "easy-read-agenda"}
	professionalAgenda = agendaKind{"professional", "professional", "professional-agenda"}
)

// runAgenda writes a MAM's family agenda, its easy-read version or the
// professional agenda as a PDF, the same file the desktop app prints, and
// records the export in the audit log.
func runAgenda(ctx context.Context, c *cli, args []string) int {
	set, dbFlag := c.flags("agenda")
	idFlag := set.String("meeting", "", "the meeting's `ID`")
	family := set.Bool(familyAgenda.flag, false, "write the family agenda: plain English, the preferred name, no identifiers")
	easy := set.Bool(easyReadAgenda.flag, false, "write the easy-read family agenda: short sentences, larger type")
	pro := set.Bool(professionalAgenda.flag, false, "write the professional agenda: full details, invitees with agencies, outstanding actions")
	outFlag := set.String("out", "", "the PDF `FILE` to write; a folder names it mam-ID-KIND.pdf")
	if _, code, ok := c.parse(set, "agenda", args, 0); !ok {
		return code
	}
	var kinds []agendaKind
	for _, k := range []struct {
		on   bool
		kind agendaKind
	}{{*family, familyAgenda}, {*easy, easyReadAgenda}, {*pro, professionalAgenda}} {
		if k.on {
			kinds = append(kinds, k.kind)
		}
	}
	id, code, ok := c.recordID("agenda", "meeting", "meeting", *idFlag, true)
	if !ok {
		return code
	}
	switch {
	case len(kinds) == 0:
		return c.usageErr("agenda", "choose the agenda with --family, --easy-read or --professional")
	case len(kinds) > 1:
		return c.usageErr("agenda", "give only one of --family, --easy-read and --professional")
	case strings.TrimSpace(*outFlag) == "":
		return c.usageErr("agenda", "give the file to write with --out FILE")
	}
	kind := kinds[0]
	out := outFile(*outFlag, "mam-"+strconv.FormatInt(id, 10)+"-"+kind.file+".pdf")
	path, code, ok := c.dbPath("agenda", *dbFlag)
	if !ok {
		return code
	}
	s, code, ok := c.open(ctx, path)
	if !ok {
		return code
	}
	defer s.Close()

	m, p, consent, code, ok := c.meetingForExport(ctx, s, path, id)
	if !ok {
		return code
	}

	var buf bytes.Buffer
	var err error
	now := time.Now()
	if kind == professionalAgenda {
		in := report.ProfessionalAgendaInput{Meeting: m, Person: p, Consent: consent, Created: now}
		reg, rerr := s.OpenRegistration(ctx, p.ID)
		switch {
		case rerr == nil:
			in.Register, in.Rating = reg.Register, reg.Rating
		case !errors.Is(rerr, app.ErrNotFound):
			return c.fail("Cannot read the registration of person %d: %s", p.ID, reason(rerr))
		}
		if in.Actions, err = s.ActionsOf(ctx, p.ID); err != nil {
			return c.fail("Cannot read the actions of person %d: %s", p.ID, reason(err))
		}
		err = report.ProfessionalAgenda(&buf, in)
	} else {
		contact, why := familyContact(ctx, s, m)
		if why != "" {
			return c.fail("%s", why)
		}
		err = report.FamilyAgenda(&buf, report.FamilyAgendaInput{Meeting: m, Person: p, Consent: consent,
			Contact: contact, EasyRead: kind == easyReadAgenda, Created: now})
	}
	if err != nil {
		return c.fail("The %s agenda of meeting %d was not made: %s", kind.what, id, strings.TrimPrefix(err.Error(), "report: "))
	}

	if code, ok := c.saveExport(ctx, s, out, "The "+kind.what+" agenda", "meeting", id, kind.what+" agenda PDF", buf.Bytes()); !ok {
		return code
	}
	c.printf("Wrote the %s agenda of meeting %d to %s.\n", kind.what, id, out)
	return exitOK
}

// familyContact is who the family copies tell the family to contact: the
// meeting's organiser, at the team phone and email from the settings, as
// the desktop app prints it. why says what to do when it cannot.
func familyContact(ctx context.Context, s *storage.Store, m app.Meeting) (contact report.ContactDetails, why string) {
	set, err := s.Settings(ctx)
	if err != nil {
		return contact, "Cannot read the settings: " + reason(err)
	}
	contact, err = report.FamilyContact(set, m)
	if err != nil {
		return contact, err.Error()
	}
	return contact, ""
}
