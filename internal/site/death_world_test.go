package site_test

import (
	"context"
	"testing"
	"time"

	"github.com/spil-zorg/spil/internal/care"
)

// deathWorld gives family A a follow-up contact in an aftercare plan, for
// the {fcid} of the aftercare routes. The child of A stays alive, so the
// other rows of the table see the same file as before.
func (w *authzWorld) deathWorld(t *testing.T) {
	t.Helper()
	a := &care.Aftercare{Contacts: []care.AftercareContact{{DueOn: time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)}}}
	if err := w.a.Store.SaveAftercare(context.Background(), w.famA, a); err != nil {
		t.Fatal(err)
	}
	w.aftercareContactA = a.Contacts[0].ID
}
