package storage

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"time"

	"dspdesk/app"
)

const personColumns = `id, given_name, family_name, preferred_name, date_of_birth, nhs_number, nhs_number_unknown_reason,
	address, postcode, local_authority, diagnosis, communication_needs, gp, created_at, updated_at, version,
	document_format, interpreter, family_document_format, family_interpreter, contact_through`

type scanner interface{ Scan(dest ...any) error }

func scanPerson(r scanner) (app.Person, error) {
	var p app.Person
	var dob, nhs, created, updated sql.NullString
	c := &p.Communication
	err := r.Scan(&p.ID, &p.GivenName, &p.FamilyName, &p.PreferredName, &dob, &nhs, &p.NHSNumberUnknownReason,
		&p.Address, &p.Postcode, &p.LocalAuthority, &p.Diagnosis, &p.CommunicationNeeds, &p.GP, &created, &updated, &p.Version,
		&c.Format, &c.Interpreter, &c.FamilyFormat, &c.FamilyInterpreter, &c.ContactThrough)
	p.DateOfBirth = parseDate(dob)
	p.NHSNumber = app.NHSNumber(nhs.String)
	p.CreatedAt, p.UpdatedAt = parseTime(created), parseTime(updated)
	return p, err
}

// personFields flattens a person for the audit log.
func personFields(p app.Person) fields {
	f := fields{
		"givenName": p.GivenName, "familyName": p.FamilyName, "preferredName": p.PreferredName,
		"dateOfBirth": p.DateOfBirth.Format(dateLayout), "nhsNumber": p.NHSNumber.Digits(),
		"nhsNumberUnknownReason": p.NHSNumberUnknownReason, "address": p.Address, "postcode": p.Postcode,
		"localAuthority": p.LocalAuthority.String(), "diagnosis": p.Diagnosis.String(),
		"communicationNeeds": p.CommunicationNeeds, "gp": p.GP,
		"communication.format": p.Communication.Format.String(), "communication.interpreter": p.Communication.Interpreter,
		"communication.familyFormat":      p.Communication.FamilyFormat.String(),
		"communication.familyInterpreter": p.Communication.FamilyInterpreter,
		"communication.contactThrough":    p.Communication.ContactThrough,
	}
	for i, c := range p.Contacts {
		k := "contacts[" + strconv.Itoa(i) + "]."
		f[k+"name"], f[k+"relationship"], f[k+"phone"], f[k+"email"] = c.Name, c.Relationship, c.Phone, c.Email
		f[k+"preferredContact"] = c.PreferredContact
		f[k+"parentalResponsibility"] = strconv.FormatBool(c.ParentalResponsibility)
	}
	return f
}

// insertPerson stores a new person with their contacts and audits it.
func (s *Store) insertPerson(ctx context.Context, tx *sql.Tx, actor string, p app.Person) (app.Person, error) {
	now := s.now()
	var nhs any
	if p.NHSNumber != "" {
		nhs = p.NHSNumber.Digits()
	}
	c := p.Communication
	res, err := tx.ExecContext(ctx, `INSERT INTO people(given_name, family_name, preferred_name, date_of_birth, nhs_number,
		nhs_number_unknown_reason, address, postcode, local_authority, diagnosis, communication_needs, gp, created_at, updated_at,
		document_format, interpreter, family_document_format, family_interpreter, contact_through)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		p.GivenName, p.FamilyName, p.PreferredName, fmtDate(p.DateOfBirth), nhs, p.NHSNumberUnknownReason,
		p.Address, p.Postcode, int(p.LocalAuthority), int(p.Diagnosis), p.CommunicationNeeds, p.GP, fmtTime(now), fmtTime(now),
		int(c.Format), c.Interpreter, int(c.FamilyFormat), c.FamilyInterpreter, c.ContactThrough)
	if err != nil {
		return p, fmt.Errorf("storage: insert person: %w", mapErr(err))
	}
	p.ID, _ = res.LastInsertId()
	p.CreatedAt, p.UpdatedAt = now.UTC().Truncate(time.Millisecond), now.UTC().Truncate(time.Millisecond)
	if err := insertContacts(ctx, tx, p.ID, p.Contacts); err != nil {
		return p, err
	}
	return p, s.audit(ctx, tx, actor, "person", p.ID, "create", diff(nil, personFields(p)))
}

func insertContacts(ctx context.Context, tx *sql.Tx, personID int64, cs []app.Contact) error {
	for i, c := range cs {
		if _, err := tx.ExecContext(ctx, `INSERT INTO contacts(person_id, position, name, relationship, phone, email,
			preferred_contact, parental_responsibility) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
			personID, i, c.Name, c.Relationship, c.Phone, c.Email, c.PreferredContact, boolInt(c.ParentalResponsibility)); err != nil {
			return fmt.Errorf("storage: insert contact of person %d: %w", personID, err)
		}
	}
	return nil
}

func loadContacts(ctx context.Context, q queryer, personID int64) ([]app.Contact, error) {
	rows, err := q.QueryContext(ctx, `SELECT name, relationship, phone, email, preferred_contact, parental_responsibility
		FROM contacts WHERE person_id = ? ORDER BY position`, personID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []app.Contact
	for rows.Next() {
		var c app.Contact
		if err := rows.Scan(&c.Name, &c.Relationship, &c.Phone, &c.Email, &c.PreferredContact, &c.ParentalResponsibility); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// queryer is what both *sql.DB and *sql.Tx offer for reads.
type queryer interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

func getPerson(ctx context.Context, q queryer, id int64) (app.Person, error) {
	p, err := scanPerson(q.QueryRowContext(ctx, "SELECT "+personColumns+" FROM people WHERE id = ?", id))
	if err != nil {
		return p, fmt.Errorf("storage: get person %d: %w", id, mapErr(err))
	}
	if p.Contacts, err = loadContacts(ctx, q, id); err != nil {
		return p, fmt.Errorf("storage: get contacts of person %d: %w", id, err)
	}
	return p, nil
}

// Person returns a person with their contacts.
func (s *Store) Person(ctx context.Context, id int64) (app.Person, error) {
	var p app.Person
	err := s.read(ctx, func(tx *sql.Tx) error {
		var err error
		p, err = getPerson(ctx, tx, id)
		return err
	})
	return p, err
}

// UpdateCommunication replaces a person's communication needs, when the
// person is still at version (else an app.ConflictError), auditing
// what changed.
func (s *Store) UpdateCommunication(ctx context.Context, actor string, personID int64, version int, c app.Communication) (app.Person, error) {
	var out app.Person
	err := s.write(ctx, func(tx *sql.Tx) error {
		p, err := getPerson(ctx, tx, personID)
		if err != nil {
			return err
		}
		p.Communication, p.Version = c, version
		out, err = s.updatePerson(ctx, tx, actor, p)
		return err
	})
	return out, err
}

// DuplicateCandidates returns the people with the NHS number (when given)
// or the date of birth, for app.MatchPeople to judge.
func (s *Store) DuplicateCandidates(ctx context.Context, nhs app.NHSNumber, dob time.Time) ([]app.Person, error) {
	var out []app.Person
	err := s.read(ctx, func(tx *sql.Tx) error {
		var nhsArg any
		if nhs != "" {
			nhsArg = nhs.Digits()
		}
		rows, err := tx.QueryContext(ctx, "SELECT "+personColumns+` FROM people
			WHERE ((? IS NOT NULL AND nhs_number = ?) OR date_of_birth = ?) AND id NOT IN `+removedPeople+`
			ORDER BY (nhs_number IS NOT NULL AND nhs_number = ?) DESC, id LIMIT 200`,
			nhsArg, nhsArg, fmtDate(dob), nhsArg)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			p, err := scanPerson(rows)
			if err != nil {
				return err
			}
			out = append(out, p)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, fmt.Errorf("storage: duplicate candidates: %w", err)
	}
	return out, nil
}

// updatePerson stores changed details of a person (a referral linked to
// them may update their record), auditing each changed field.
func (s *Store) updatePerson(ctx context.Context, tx *sql.Tx, actor string, p app.Person) (app.Person, error) {
	old, err := getPerson(ctx, tx, p.ID)
	if err != nil {
		return p, err
	}
	var nhs any
	if p.NHSNumber != "" {
		nhs = p.NHSNumber.Digits()
	}
	now := s.now()
	res, err := tx.ExecContext(ctx, `UPDATE people SET given_name = ?, family_name = ?, preferred_name = ?, date_of_birth = ?,
		nhs_number = ?, nhs_number_unknown_reason = ?, address = ?, postcode = ?, local_authority = ?, diagnosis = ?,
		communication_needs = ?, gp = ?, updated_at = ?, document_format = ?, interpreter = ?, family_document_format = ?,
		family_interpreter = ?, contact_through = ?, version = version + 1 WHERE id = ? AND version = ?`,
		p.GivenName, p.FamilyName, p.PreferredName, fmtDate(p.DateOfBirth), nhs, p.NHSNumberUnknownReason, p.Address,
		p.Postcode, int(p.LocalAuthority), int(p.Diagnosis), p.CommunicationNeeds, p.GP, fmtTime(now),
		int(p.Communication.Format), p.Communication.Interpreter, int(p.Communication.FamilyFormat),
		p.Communication.FamilyInterpreter, p.Communication.ContactThrough, p.ID, p.Version)
	if err != nil {
		return p, fmt.Errorf("storage: update person %d: %w", p.ID, mapErr(err))
	}
	if err := updated(ctx, tx, res, "person", p.ID); err != nil {
		return p, fmt.Errorf("storage: update person %d: %w", p.ID, err)
	}
	p.Version = old.Version + 1
	if _, err := tx.ExecContext(ctx, "DELETE FROM contacts WHERE person_id = ?", p.ID); err != nil {
		return p, fmt.Errorf("storage: replace contacts of person %d: %w", p.ID, mapErr(err))
	}
	if err := insertContacts(ctx, tx, p.ID, p.Contacts); err != nil {
		return p, err
	}
	p.CreatedAt, p.UpdatedAt = old.CreatedAt, now.UTC().Truncate(time.Millisecond)
	return p, s.audit(ctx, tx, actor, "person", p.ID, "update", diff(personFields(old), personFields(p)))
}
