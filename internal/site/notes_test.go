package site_test

import (
	"context"
	"strconv"
	"strings"
	"testing"

	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/site"
)

// A provider's note reaches the case managers on the family page, and not
// the family's own view.
func TestProviderNoteReachesCaseManagers(t *testing.T) {
	forEachDB(t, site.Config{}, func(t *testing.T, a *app) {
		w := newAuthzWorld(t, a)
		ctx := context.Background()
		if err := a.Care.AddProviderNote(ctx, w.actor("provider"), w.famA, "Saturatie 's nachts vaker laag"); err != nil {
			t.Fatal(err)
		}
		if err := a.Care.AddFamilyNote(ctx, w.actor("family"), w.famA, care.NoteWish, "Samen naar zee"); err != nil {
			t.Fatal(err)
		}
		id := strconv.FormatInt(w.famA, 10)
		notes := w.clients["own"].Get("/families/" + id).Within("notes")
		for _, want := range []string{"Saturatie 's nachts vaker laag", "notitie van een zorgverlener", "Samen naar zee", "wens van het gezin"} {
			if !strings.Contains(notes, want) {
				t.Errorf("case manager's notes section %q lacks %q", notes, want)
			}
		}
		if view := w.clients["family"].Get("/my/families/" + id); strings.Contains(view.HTML, "Saturatie") {
			t.Error("the family view shows a provider's note meant for the case managers")
		}
	})
}
