package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/store"

	"github.com/spil-zorg/spil/internal/store/storetest"
)

func TestStore(t *testing.T) {
	for _, db := range storetest.Databases() {
		t.Run(db.Name, func(t *testing.T) {
			t.Parallel()
			storetest.Run(t, func(t testing.TB) storetest.Store { return db.Open(t) })
		})
	}
}

// TestClockIsInjected: what the store dates itself follows the clock it
// was given, not the machine's.
func TestClockIsInjected(t *testing.T) {
	ctx := context.Background()
	fixed := time.Date(2031, 2, 3, 10, 0, 0, 0, time.UTC)
	s, err := store.Open(ctx, storetest.SQLitePath(t), store.WithClock(func() time.Time { return fixed }))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := s.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	org, err := s.CreateOrganisation(ctx, "KCT", fixed)
	if err != nil {
		t.Fatal(err)
	}
	f := &care.Family{OrganisationID: org, ChildName: "Anna", BirthDate: fixed.AddDate(-5, 0, 0), Sex: "female", Intensity: care.Regular, CreatedAt: fixed}
	if err := s.CreateFamily(ctx, f); err != nil {
		t.Fatal(err)
	}
	if err := s.SaveEpisode(ctx, &care.Episode{FamilyID: f.ID, ReferralDate: fixed, SurpriseQuestion: "unknown", Status: "offered"}); err != nil {
		t.Fatal(err)
	}
	e, err := s.Episode(ctx, f.ID)
	if err != nil || e == nil || !e.StatusDate.Equal(care.DateOf(fixed)) {
		t.Errorf("status date %v, %v; want the store's clock's %v", e, err, care.DateOf(fixed))
	}
}

func TestFailSafe(t *testing.T) {
	for _, db := range storetest.Databases() {
		t.Run(db.Name, func(t *testing.T) {
			t.Parallel()
			storetest.RunFailSafe(t, db)
		})
	}
}
