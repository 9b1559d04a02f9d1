package site_test

import (
	"context"
	"testing"
	"time"

	"github.com/spil-zorg/spil/internal/care"
)

// staysWorld gives family A a stay at home, for the {sid} of the stays routes.
func (w *authzWorld) staysWorld(t *testing.T) {
	t.Helper()
	s := &care.Stay{FamilyID: w.famA, Kind: care.StayHome, Place: "bij moeder", Start: time.Date(2026, 1, 5, 0, 0, 0, 0, time.UTC)}
	if err := w.a.Care.SaveStay(context.Background(), w.actor("own"), s); err != nil {
		t.Fatal(err)
	}
	w.stayA = s.ID
}
