package main

import (
	"context"
	"fmt"
	"time"

	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/demo"
	"github.com/spil-zorg/spil/internal/store"
)

// coordinatorEmail is the demo's regional coordinator, who keeps the kaart.
const coordinatorEmail = "coordinator@demo.spil.test"

// saveKaart fills the sociale kaart of the demo organisation's region, each entry checked as the care service
// checks one, kept by the demo coordinator.
func saveKaart(ctx context.Context, s *store.Store, org, coordinator int64, now time.Time) error {
	return s.Atomic(ctx, func(st care.Store) error {
		for _, e := range demo.Kaart(now) {
			if err := e.Validate(); err != nil {
				return fmt.Errorf("kaart entry %q: %w", e.Name, err)
			}
			e.UpdatedAt, e.UpdatedBy = now, care.Person{AccountID: coordinator}
			if err := st.SaveDirectoryEntry(ctx, &e); err != nil {
				return fmt.Errorf("kaart entry %q: %w", e.Name, err)
			}
		}
		return nil
	})
}
