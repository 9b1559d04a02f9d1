package store

import (
	"context"

	"github.com/spil-zorg/spil/internal/care"
)

// IntensityChanges lists the family's changes of intensity, newest first.
func (s *Store) IntensityChanges(ctx context.Context, familyID int64) ([]care.IntensityChange, error) {
	return s.intensity(ctx, familyID)
}
