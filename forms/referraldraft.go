package forms

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// The referral form's draft: saved a moment after each change, and when
// the form or the app closes, so nothing typed is lost.

// scheduleSave saves the draft a moment after the last change.
func (f *ReferralForm) scheduleSave() {
	d, _ := f.collect()
	f.mu.Lock()
	d.ID = f.draft.ID
	f.draft = d
	f.dirty = true
	if f.timer != nil {
		f.timer.Stop()
	}
	f.timer = time.AfterFunc(draftDelay, func() { f.save() })
	f.mu.Unlock()
}

// save writes the latest draft if it changed since the last save (the
// timer calls it a moment after typing stops).
func (f *ReferralForm) save() {
	saved, err := f.writeDraft()
	if !saved {
		return
	}
	fyne.Do(func() {
		if err != nil {
			f.saved.Importance = widget.DangerImportance
			f.saved.SetText("The draft could not be saved: " + errorText(err))
			return
		}
		f.saved.Importance = widget.LowImportance
		f.saved.SetText("Draft saved at " + time.Now().Format("15:04:05"))
	})
}

// Flush saves the draft now if anything changed (closing the window or the
// app calls it, so nothing typed is lost). It returns the save's error.
func (f *ReferralForm) Flush() error {
	f.mu.Lock()
	if f.timer != nil {
		f.timer.Stop()
	}
	f.mu.Unlock()
	_, err := f.writeDraft()
	if err != nil {
		f.mu.Lock()
		f.dirty = true // still to be saved
		f.mu.Unlock()
	}
	return err
}

// writeDraft stores the pending draft; saved is false when there was
// nothing to store.
func (f *ReferralForm) writeDraft() (saved bool, err error) {
	f.saving.Lock()
	defer f.saving.Unlock()
	f.mu.Lock()
	if !f.dirty || f.closed {
		f.mu.Unlock()
		return false, nil
	}
	d := f.draft
	d.ID = f.draft.ID
	f.dirty = false
	f.mu.Unlock()
	stored, err := f.svc.SaveDraft(ctx(), d)
	f.mu.Lock()
	if err == nil && f.draft.ID == 0 {
		f.draft.ID = stored.ID
	}
	f.saveErr = err
	f.mu.Unlock()
	return true, err
}
