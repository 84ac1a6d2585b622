package forms

import "dspdesk/app"

// ratingNow says a registration's rating and register.
func ratingNow(r app.Registration) string {
	return r.Rating.String() + ", on the " + r.Register.String()
}

// openRegistration reads the person's record again and returns the
// registration id as it is stored now, if it is still open.
func (p *PersonScreen) openRegistration(id int64) (app.Registration, error) {
	rec, err := p.svc.PersonRecord(ctx(), p.personID)
	if err != nil {
		return app.Registration{}, err
	}
	for _, r := range rec.Registrations {
		if r.ID == id && r.Open() {
			return r, nil
		}
	}
	var prob app.Problems
	prob.Add("now", "The person has left the register since this form opened: close it.")
	return app.Registration{}, prob.Err()
}
