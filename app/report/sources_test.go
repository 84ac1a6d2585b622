package report

import (
	"testing"
	"time"

	"dspdesk/app"
)

func TestPlanFromRecordNamesTheMeeting(t *testing.T) {
	start := time.Date(2026, 11, 10, 10, 0, 0, 0, app.ServiceLocation)
	scheduled := app.Meeting{ID: 7, PersonID: 1, Start: start, Status: app.MeetingPlanned}
	held := app.Meeting{ID: 5, PersonID: 1, Start: start.AddDate(0, -2, 0), Status: app.MeetingHeld}
	tests := []struct {
		name      string
		meetings  []app.Meeting
		actions   []app.Action
		meetingID int64
		want      int64
	}{
		{"an action agreed at a MAM not yet marked held names that MAM",
			[]app.Meeting{scheduled}, []app.Action{{ID: 1, PersonID: 1, MeetingID: 7}}, 0, 7},
		{"the newest of a held MAM and a MAM that agreed an action is named",
			[]app.Meeting{scheduled, held}, []app.Action{{ID: 1, PersonID: 1, MeetingID: 7}}, 0, 7},
		{"a scheduled MAM with no actions agreed is not named: the held one is",
			[]app.Meeting{scheduled, held}, []app.Action{{ID: 1, PersonID: 1}}, 0, 5},
		{"actions added on the person record with no MAM held name no meeting",
			[]app.Meeting{scheduled}, []app.Action{{ID: 1, PersonID: 1}}, 0, 0},
		{"a meeting asked for by id is named whatever the actions say",
			[]app.Meeting{scheduled, held}, []app.Action{{ID: 1, PersonID: 1, MeetingID: 7}}, 5, 5},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := app.PersonRecord{Person: app.Person{ID: 1}, Meetings: tt.meetings, Actions: tt.actions}
			in, err := PlanFromRecord(rec, tt.meetingID, start)
			if err != nil {
				t.Fatal(err)
			}
			if in.Meeting.ID != tt.want {
				t.Errorf("the plan names meeting %d, want %d", in.Meeting.ID, tt.want)
			}
		})
	}
}
