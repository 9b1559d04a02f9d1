package main

import (
	"context"
	"time"

	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/store"
)

// saveIntervision stores a demo case manager's own intervision record.
func saveIntervision(ctx context.Context, s *store.Store, accountID int64, sessions []care.IntervisionSession, now time.Time) error {
	for i := range sessions {
		x := sessions[i]
		x.AccountID, x.CreatedAt = accountID, now
		if err := s.AddIntervisionSession(ctx, &x); err != nil {
			return err
		}
	}
	return nil
}
