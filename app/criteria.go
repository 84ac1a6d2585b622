package app

// RatingGuidance is the text the referral form shows beside the rating
// choice: for children and young people the LLR criteria, for adults the
// national definitions (adult local criteria are not published).
func RatingGuidance(group AgeGroup) string {
	if group == CYP {
		return `LLR criteria for children and young people (under 18):

Red: the child continues to deteriorate and the risk of admission has increased; there was no improvement following the MAM; extra support was not enough. A second MAM is not needed: an urgent CETR request and a ROAR referral follow.

Amber: a significant concern for the child's health and wellbeing, for any reason (tick the concerns below). DSR inclusion and a MAM request are automatic once the referral is accepted.

Green: risks exist but are well managed at home.

Blue: currently an inpatient in a mental health hospital.

A child living outside LLR can be referred to the ROAR (for a community CETR) only if their placement is fully or partly health funded.`
	}
	return `National definitions (adults, 18 and over):

Red: admission risk is immediate; the person or family is in crisis. A Care and Treatment Review (CTR) must happen: an urgent CTR request and the ROAR follow.

Amber: without urgent help, the risk of admission will become immediate. A MAM and/or a CTR: DSR inclusion and a MAM request follow.

Green: risks exist but are well managed at home. Know who would join a CTR if needed.

Blue: currently an inpatient in a mental health hospital.`
}

// RatingConsequence says what choosing a rating will set in motion once
// the referral is accepted, for a person in group.
func RatingConsequence(r Rating, group AgeGroup, referrerOrganises bool) string {
	switch r {
	case Red:
		return "Red: the ROAR and an urgent " + ReviewKindFor(group).String() + " request (" + ReviewKindFor(group).Title() + ") follow. No second MAM is needed."
	case Amber:
		who := "the DSP team"
		if referrerOrganises {
			who = "you, the referrer"
		}
		return "Amber: DSR inclusion and a MAM request are automatic once the referral is accepted; the MAM is organised by " + who + "."
	case Green:
		return "Green: the DSR; reviewed every few months."
	case Blue:
		return "Blue: the person is recorded as an inpatient; a discharge MAM is planned to monitor the discharge plan."
	}
	return ""
}
