package storage

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"dspdesk/app"
	"dspdesk/app/calendar"
)

// settingsKey holds the team's settings as JSON; fields missing from it
// (added by a later version) take their defaults.
const settingsKey = "settings"

// holidaysSeededKey records that the default bank-holiday exceptions were
// copied into the database, so removing one in Settings is not undone.
const holidaysSeededKey = "holiday_exceptions_seeded"

func settingsFields(s app.Settings) fields {
	f := fields{}
	v := reflect.ValueOf(s)
	for i := 0; i < v.NumField(); i++ {
		if name := v.Type().Field(i).Name; name != "Version" {
			f[name] = fmt.Sprint(v.Field(i).Interface())
		}
	}
	return f
}

func getSettings(ctx context.Context, q queryer) (app.Settings, error) {
	s := app.DefaultSettings()
	var raw string
	var version int
	err := q.QueryRowContext(ctx, "SELECT value, version FROM settings WHERE key = ?", settingsKey).Scan(&raw, &version)
	if err == sql.ErrNoRows {
		return s, nil
	}
	if err != nil {
		return s, fmt.Errorf("storage: read settings: %w", err)
	}
	if err := json.Unmarshal([]byte(raw), &s); err != nil {
		return app.DefaultSettings(), fmt.Errorf("storage: settings are unreadable: %w", err)
	}
	s.Version = version
	return s, nil
}

// Settings returns the stored settings, or the defaults.
func (s *Store) Settings(ctx context.Context) (app.Settings, error) {
	var set app.Settings
	err := s.read(ctx, func(tx *sql.Tx) error {
		var err error
		set, err = getSettings(ctx, tx)
		return err
	})
	return set, err
}

// SaveSettings stores the settings, auditing each changed value. Settings
// read at an older version than the stored ones are refused as a conflict.
func (s *Store) SaveSettings(ctx context.Context, actor string, set app.Settings) error {
	return s.write(ctx, func(tx *sql.Tx) error {
		old, err := getSettings(ctx, tx)
		if err != nil {
			return err
		}
		raw, err := json.Marshal(set)
		if err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO settings(key, value, version) VALUES (?, ?, 1)
			ON CONFLICT(key) DO UPDATE SET value = excluded.value, version = settings.version + 1
			WHERE settings.version = ?`, settingsKey, string(raw), set.Version)
		if err != nil {
			return fmt.Errorf("storage: save settings: %w", mapErr(err))
		}
		if err := updated(ctx, tx, res, "settings", 0); err != nil {
			return fmt.Errorf("storage: save settings: %w", err)
		}
		return s.audit(ctx, tx, actor, "settings", 0, "update", diff(settingsFields(old), settingsFields(set)))
	})
}

// seedDefaults copies the default bank-holiday exceptions into a database
// that has never had them.
func (s *Store) seedDefaults(ctx context.Context) error {
	return s.write(ctx, func(tx *sql.Tx) error {
		var v string
		err := tx.QueryRowContext(ctx, "SELECT value FROM settings WHERE key = ?", holidaysSeededKey).Scan(&v)
		if err == nil {
			return nil
		}
		if err != sql.ErrNoRows {
			return err
		}
		if err := s.replaceExceptions(ctx, tx, "DSP Desk", calendar.DefaultExceptions()); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, "INSERT INTO settings(key, value) VALUES (?, ?)", holidaysSeededKey, fmtTime(s.now()))
		return err
	})
}

func exceptionFields(ex []calendar.Exception) fields {
	f := fields{}
	for _, e := range ex {
		f[e.Date.Format(dateLayout)] = e.Kind.String() + ": " + e.Name
	}
	return f
}

func getExceptions(ctx context.Context, q queryer) ([]calendar.Exception, error) {
	rows, err := q.QueryContext(ctx, "SELECT date, kind, name, note FROM bank_holiday_exceptions ORDER BY date")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []calendar.Exception
	for rows.Next() {
		var e calendar.Exception
		var date sql.NullString
		if err := rows.Scan(&date, &e.Kind, &e.Name, &e.Note); err != nil {
			return nil, err
		}
		e.Date = parseDate(date)
		out = append(out, e)
	}
	return out, rows.Err()
}

// HolidayExceptions returns the stored bank-holiday exceptions by date.
func (s *Store) HolidayExceptions(ctx context.Context) ([]calendar.Exception, error) {
	var out []calendar.Exception
	err := s.read(ctx, func(tx *sql.Tx) error {
		var err error
		out, err = getExceptions(ctx, tx)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("storage: bank-holiday exceptions: %w", err)
	}
	return out, nil
}

// SaveHolidayExceptions replaces the exceptions table with ex (a small
// configuration table; the audit log keeps what it held before).
func (s *Store) SaveHolidayExceptions(ctx context.Context, actor string, seen, ex []calendar.Exception) error {
	return s.write(ctx, func(tx *sql.Tx) error {
		old, err := getExceptions(ctx, tx)
		if err != nil {
			return err
		}
		if !sameExceptions(old, seen) {
			return fmt.Errorf("storage: bank-holiday exceptions: %w", staleError(ctx, tx, "bank_holidays", 0))
		}
		return s.replaceExceptions(ctx, tx, actor, ex)
	})
}

// sameExceptions reports whether a and b hold the same exceptions, in any
// order.
func sameExceptions(a, b []calendar.Exception) bool {
	key := func(es []calendar.Exception) []string {
		out := make([]string, len(es))
		for i, e := range es {
			out[i] = strings.Join([]string{app.DateOf(e.Date).Format(dateLayout), strconv.Itoa(int(e.Kind)), e.Name, e.Note}, "\x00")
		}
		slices.Sort(out)
		return out
	}
	return slices.Equal(key(a), key(b))
}

func (s *Store) replaceExceptions(ctx context.Context, tx *sql.Tx, actor string, ex []calendar.Exception) error {
	old, err := getExceptions(ctx, tx)
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, "DELETE FROM bank_holiday_exceptions"); err != nil {
		return err
	}
	for _, e := range ex {
		if _, err := tx.ExecContext(ctx, "INSERT INTO bank_holiday_exceptions(date, kind, name, note) VALUES (?, ?, ?, ?)",
			app.DateOf(e.Date).Format(dateLayout), int(e.Kind), e.Name, e.Note); err != nil {
			return fmt.Errorf("storage: save bank-holiday exception: %w", mapErr(err))
		}
	}
	return s.audit(ctx, tx, actor, "bank_holidays", 0, "update", diff(exceptionFields(old), exceptionFields(ex)))
}
