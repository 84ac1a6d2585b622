package storage

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"time"

	"dspdesk/app"
)

func meetingFields(m app.Meeting) fields {
	f := fields{"personId": strconv.FormatInt(m.PersonID, 10), "kind": m.Kind.String(),
		"start": m.Start.UTC().Format(timeLayout), "durationMinutes": strconv.Itoa(int(m.Duration.Minutes())),
		"place": m.Place, "videoLink": m.VideoLink, "organiser": m.Organiser.String(), "organiserName": m.OrganiserName,
		"chair": m.Chair, "preMeetingMinutes": strconv.Itoa(int(m.PreMeetingOffset.Minutes())), "status": m.Status.String(),
		"notes": m.Notes}
	if !m.FamilyContactedOn.IsZero() {
		f["familyContactedOn"] = m.FamilyContactedOn.Format(dateLayout)
	}
	if m.Outcome != 0 {
		f["outcome"] = m.Outcome.String()
	}
	if !m.NextDate.IsZero() {
		f["nextDate"] = m.NextDate.Format(dateLayout)
	}
	for i, inv := range m.Invitees {
		k := "invitees[" + strconv.Itoa(i) + "]."
		f[k+"name"], f[k+"role"], f[k+"agency"] = inv.Name, inv.Role, inv.Agency
		f[k+"email"], f[k+"phone"], f[k+"family"] = inv.Email, inv.Phone, strconv.FormatBool(inv.Family)
		f[k+"attendance"] = inv.Attendance.String()
	}
	for i, a := range m.Agenda {
		k := "agenda[" + strconv.Itoa(i) + "]"
		f[k] = a.Title
		if a.FamilyText != "" {
			f[k+".familyText"] = a.FamilyText
		}
		if a.Notes != "" {
			f[k+".notes"] = a.Notes
		}
	}
	return f
}

func (s *Store) createMeeting(ctx context.Context, tx *sql.Tx, actor string, m app.Meeting) (app.Meeting, error) {
	if m.Status == 0 {
		m.Status = app.MeetingPlanned
	}
	res, err := tx.ExecContext(ctx, `INSERT INTO meetings(person_id, kind, start, duration_minutes, place, video_link, organiser,
		organiser_name, chair, pre_meeting_minutes, status, family_contacted_on, notes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		m.PersonID, int(m.Kind), fmtTime(m.Start), int(m.Duration.Minutes()), m.Place, m.VideoLink, int(m.Organiser),
		m.OrganiserName, m.Chair, int(m.PreMeetingOffset.Minutes()), int(m.Status), fmtDate(m.FamilyContactedOn), m.Notes)
	if err != nil {
		return m, fmt.Errorf("storage: insert meeting of person %d: %w", m.PersonID, mapErr(err))
	}
	m.ID, _ = res.LastInsertId()
	if m.Outcome != 0 || !m.NextDate.IsZero() { // schema 4's columns, set only when there is something to set
		if _, err := tx.ExecContext(ctx, "UPDATE meetings SET outcome = ?, next_date = ? WHERE id = ?", int(m.Outcome), fmtDate(m.NextDate), m.ID); err != nil {
			return m, fmt.Errorf("storage: outcome of meeting %d: %w", m.ID, mapErr(err))
		}
	}
	if err := insertInviteesAndAgenda(ctx, tx, &m); err != nil {
		return m, err
	}
	if err := s.audit(ctx, tx, actor, "meeting", m.ID, "create", diff(nil, meetingFields(m))); err != nil {
		return m, err
	}
	return m, s.answerMeetingRequest(ctx, tx, actor, m)
}

// answerMeetingRequest marks the person's oldest open request for a MAM of
// this kind as done by this meeting.
func (s *Store) answerMeetingRequest(ctx context.Context, tx *sql.Tx, actor string, m app.Meeting) error {
	var id int64
	err := tx.QueryRowContext(ctx, `SELECT id FROM meeting_requests WHERE person_id = ? AND kind = ? AND status = ?
		ORDER BY requested_at, id LIMIT 1`, m.PersonID, int(m.Kind), int(app.RequestOpen)).Scan(&id)
	if err == sql.ErrNoRows {
		return nil
	}
	if err != nil {
		return fmt.Errorf("storage: meeting requests of person %d: %w", m.PersonID, err)
	}
	if _, err := tx.ExecContext(ctx, "UPDATE meeting_requests SET status = ?, meeting_id = ? WHERE id = ?",
		int(app.RequestDone), m.ID, id); err != nil {
		return fmt.Errorf("storage: answer meeting request %d: %w", id, mapErr(err))
	}
	return s.audit(ctx, tx, actor, "meeting_request", id, "answer", []app.FieldChange{
		{Field: "status", Old: app.RequestOpen.String(), New: app.RequestDone.String()},
		{Field: "meetingId", New: strconv.FormatInt(m.ID, 10)}})
}

// CreateMeeting stores a meeting with its invitees and agenda.
func (s *Store) CreateMeeting(ctx context.Context, actor string, m app.Meeting) (app.Meeting, error) {
	err := s.write(ctx, func(tx *sql.Tx) error {
		var err error
		m, err = s.createMeeting(ctx, tx, actor, m)
		return err
	})
	return m, err
}

const meetingColumns = `id, person_id, kind, start, duration_minutes, place, video_link, organiser, organiser_name, chair,
	pre_meeting_minutes, status, family_contacted_on, notes, outcome, next_date, version`

func scanMeeting(r scanner) (app.Meeting, error) {
	var m app.Meeting
	var start, contacted, next sql.NullString
	var dur, pre int
	err := r.Scan(&m.ID, &m.PersonID, &m.Kind, &start, &dur, &m.Place, &m.VideoLink, &m.Organiser, &m.OrganiserName, &m.Chair,
		&pre, &m.Status, &contacted, &m.Notes, &m.Outcome, &next, &m.Version)
	m.Start, m.FamilyContactedOn, m.NextDate = parseTime(start), parseDate(contacted), parseDate(next)
	m.Duration, m.PreMeetingOffset = time.Duration(dur)*time.Minute, time.Duration(pre)*time.Minute
	return m, err
}

// Meeting returns a meeting with its invitees and agenda.
func (s *Store) Meeting(ctx context.Context, id int64) (app.Meeting, error) {
	var m app.Meeting
	err := s.read(ctx, func(tx *sql.Tx) error {
		var err error
		m, err = getMeeting(ctx, tx, id)
		return err
	})
	return m, err
}

func getMeeting(ctx context.Context, q queryer, id int64) (app.Meeting, error) {
	m, err := scanMeeting(q.QueryRowContext(ctx, "SELECT "+meetingColumns+" FROM meetings WHERE id = ?", id))
	if err != nil {
		return m, fmt.Errorf("storage: get meeting %d: %w", id, mapErr(err))
	}
	err = eachRow(ctx, q, `SELECT id, meeting_id, name, role, agency, email, phone, family, attendance
		FROM invitees WHERE meeting_id = ? ORDER BY position`, []any{id}, func(r *sql.Rows) error {
		var inv app.Invitee
		err := r.Scan(&inv.ID, &inv.MeetingID, &inv.Name, &inv.Role, &inv.Agency, &inv.Email, &inv.Phone, &inv.Family, &inv.Attendance)
		m.Invitees = append(m.Invitees, inv)
		return err
	})
	if err == nil {
		err = eachRow(ctx, q, `SELECT id, meeting_id, position, title, family_text, notes FROM agenda_items
			WHERE meeting_id = ? ORDER BY position`, []any{id}, func(r *sql.Rows) error {
			var it app.AgendaItem
			err := r.Scan(&it.ID, &it.MeetingID, &it.Position, &it.Title, &it.FamilyText, &it.Notes)
			m.Agenda = append(m.Agenda, it)
			return err
		})
	}
	if err != nil {
		return m, fmt.Errorf("storage: get meeting %d: %w", id, err)
	}
	return m, nil
}

// meetingsOf reads a person's meetings (without invitees and agenda), newest first.
func meetingsOf(ctx context.Context, q queryer, personID int64) ([]app.Meeting, error) {
	return collect(ctx, q, "SELECT "+meetingColumns+" FROM meetings WHERE person_id = ? ORDER BY start DESC, id DESC",
		[]any{personID}, scanMeeting)
}

// UpdateMeeting stores a meeting's new details, invitees (with attendance)
// and agenda, auditing every changed field.
func (s *Store) UpdateMeeting(ctx context.Context, actor string, m app.Meeting) (app.Meeting, error) {
	err := s.write(ctx, func(tx *sql.Tx) error {
		old, err := getMeeting(ctx, tx, m.ID)
		if err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `UPDATE meetings SET kind = ?, start = ?, duration_minutes = ?, place = ?, video_link = ?,
			organiser = ?, organiser_name = ?, chair = ?, pre_meeting_minutes = ?, status = ?, family_contacted_on = ?, notes = ?,
			outcome = ?, next_date = ?, version = version + 1
			WHERE id = ? AND person_id = ? AND version = ?`, int(m.Kind), fmtTime(m.Start), int(m.Duration.Minutes()), m.Place, m.VideoLink,
			int(m.Organiser), m.OrganiserName, m.Chair, int(m.PreMeetingOffset.Minutes()), int(m.Status), fmtDate(m.FamilyContactedOn),
			m.Notes, int(m.Outcome), fmtDate(m.NextDate), m.ID, m.PersonID, m.Version)
		if err != nil {
			return fmt.Errorf("storage: update meeting %d: %w", m.ID, mapErr(err))
		}
		if err := updated(ctx, tx, res, "meeting", m.ID); err != nil {
			return fmt.Errorf("storage: update meeting %d: %w", m.ID, err)
		}
		m.Version = old.Version + 1
		if _, err := tx.ExecContext(ctx, "DELETE FROM invitees WHERE meeting_id = ?", m.ID); err != nil {
			return fmt.Errorf("storage: replace invitees of meeting %d: %w", m.ID, mapErr(err))
		}
		if _, err := tx.ExecContext(ctx, "DELETE FROM agenda_items WHERE meeting_id = ?", m.ID); err != nil {
			return fmt.Errorf("storage: replace agenda of meeting %d: %w", m.ID, mapErr(err))
		}
		if err := insertInviteesAndAgenda(ctx, tx, &m); err != nil {
			return err
		}
		return s.audit(ctx, tx, actor, "meeting", m.ID, "update", diff(meetingFields(old), meetingFields(m)))
	})
	return m, err
}

// insertInviteesAndAgenda stores a meeting's invitees and agenda items in
// order, filling in their ids and positions.
func insertInviteesAndAgenda(ctx context.Context, tx *sql.Tx, m *app.Meeting) error {
	for i := range m.Invitees {
		inv := &m.Invitees[i]
		inv.MeetingID = m.ID
		res, err := tx.ExecContext(ctx, `INSERT INTO invitees(meeting_id, position, name, role, agency, email, phone, family, attendance)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, m.ID, i, inv.Name, inv.Role, inv.Agency, inv.Email, inv.Phone, boolInt(inv.Family), int(inv.Attendance))
		if err != nil {
			return fmt.Errorf("storage: invitee of meeting %d: %w", m.ID, mapErr(err))
		}
		inv.ID, _ = res.LastInsertId()
	}
	for i := range m.Agenda {
		it := &m.Agenda[i]
		it.MeetingID, it.Position = m.ID, i+1
		res, err := tx.ExecContext(ctx, `INSERT INTO agenda_items(meeting_id, position, title, family_text, notes) VALUES (?, ?, ?, ?, ?)`,
			m.ID, it.Position, it.Title, it.FamilyText, it.Notes)
		if err != nil {
			return fmt.Errorf("storage: agenda item of meeting %d: %w", m.ID, mapErr(err))
		}
		it.ID, _ = res.LastInsertId()
	}
	return nil
}
