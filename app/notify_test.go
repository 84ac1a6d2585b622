package app

import (
	"testing"
	"time"
)

func TestNotificationsDue(t *testing.T) {
	now := time.Date(2026, 11, 24, 9, 32, 0, 0, ServiceLocation)
	at := func(h, m int) time.Time { return time.Date(2026, 11, 24, h, m, 0, 0, ServiceLocation) }
	leads := NotifyLeads{PreMeeting: 15 * time.Minute, Meeting: 30 * time.Minute}
	rs := []Reminder{
		{Kind: RemindPreMeeting, MeetingID: 1, When: at(9, 45)},             // in 13 minutes: due
		{Kind: RemindMeeting, MeetingID: 1, When: at(10, 0)},                // in 28 minutes: due
		{Kind: RemindMeeting, MeetingID: 2, When: at(11, 0)},                // in 88 minutes: not yet
		{Kind: RemindPreMeeting, MeetingID: 3, When: at(9, 0)},              // passed: no
		{Kind: RemindFamilyContact, MeetingID: 4, When: Date(2026, 11, 24)}, // due today
		{Kind: RemindFamilyContact, MeetingID: 5, When: Date(2026, 11, 26)}, // later
		{Kind: RemindAction, ActionID: 6, When: Date(2026, 11, 1), Overdue: true},
	}
	sent := map[string]bool{}
	got := NotificationsDue(rs, now, leads, sent)
	var ids []int64
	for _, r := range got {
		ids = append(ids, r.MeetingID)
	}
	if len(ids) != 3 || ids[0] != 1 || ids[1] != 1 || ids[2] != 4 {
		t.Fatalf("due meetings %v, want 1 (pre-meeting), 1 (MAM), 4 (family contact)", ids)
	}
	t.Run("each fires only once", func(t *testing.T) {
		if again := NotificationsDue(rs, now.Add(time.Minute), leads, sent); len(again) != 0 {
			t.Errorf("sent again: %+v", again)
		}
	})
	t.Run("the later MAM fires when its lead time comes", func(t *testing.T) {
		later := NotificationsDue(rs, at(10, 31), leads, sent)
		if len(later) != 1 || later[0].MeetingID != 2 {
			t.Errorf("got %+v", later)
		}
	})
}
