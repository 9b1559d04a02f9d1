package main

import (
	"context"
	"fmt"
	"time"

	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/demo"
)

// saveStays stores where the child has been through st, each stay checked
// as the care service checks one, and none covering a day another covers.
func saveStays(ctx context.Context, st care.Store, familyID int64, f *demo.Family, team map[string]care.Person) error {
	now := time.Now()
	var saved []care.Stay
	for _, s := range f.Stays {
		stay := s.Stay
		stay.FamilyID, stay.CreatedBy, stay.CreatedAt = familyID, team[s.By], stay.CreatedAt.UTC()
		if err := stay.Validate(now, f.BirthDate); err != nil {
			return fmt.Errorf("stay %q from %s: %w", stay.Place, stay.Start.Format(time.DateOnly), err)
		}
		for i := range saved {
			if stay.Overlaps(&saved[i]) {
				return fmt.Errorf("stay %q from %s overlaps another", stay.Place, stay.Start.Format(time.DateOnly))
			}
		}
		if err := st.CreateStay(ctx, &stay); err != nil {
			return fmt.Errorf("stay %q: %w", stay.Place, err)
		}
		saved = append(saved, stay)
	}
	return nil
}
