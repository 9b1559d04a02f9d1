package main

import (
	"context"
	"fmt"
	"time"

	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/demo"
)

// saveCoverage stores the family's coverage plan and aids through st, as
// the case managers recorded them: each item with its first period, then
// its renewals, and the aids. Each is checked first as the care service
// checks a new one on the day it is saved, so the demo holds nothing a
// case manager could not have entered.
func saveCoverage(ctx context.Context, st care.Store, familyID int64, f *demo.Family, network map[string]int64, team map[string]care.Person) error {
	now := time.Now()
	for _, c := range f.Coverage {
		item := c.CoverageItem
		if len(item.Periods) == 0 {
			return fmt.Errorf("coverage %q has no period", item.Description)
		}
		item.FamilyID, item.CreatedBy = familyID, team[c.By]
		if c.Provider != "" {
			if item.NetworkMemberID = network[c.Provider]; item.NetworkMemberID == 0 {
				return fmt.Errorf("coverage %q: %q is not in the network", item.Description, c.Provider)
			}
		}
		if err := item.Validate(); err != nil {
			return fmt.Errorf("coverage %q: %w", item.Description, err)
		}
		periods := item.Periods
		item.Periods = nil
		for i := range periods {
			p := periods[i]
			if err := p.Validate(now); err != nil {
				return fmt.Errorf("coverage %q, period %d: %w", item.Description, i+1, err)
			}
			if i > 0 && p.Start.Before(periods[i-1].Start) {
				return fmt.Errorf("coverage %q, period %d: starts before the period it renews", item.Description, i+1)
			}
			p.FamilyID, p.CreatedBy, p.CreatedAt = familyID, team[c.By], p.CreatedAt.UTC()
			var err error
			if i == 0 {
				item.CreatedAt = item.CreatedAt.UTC()
				err = st.CreateCoverageItem(ctx, &item, &p)
			} else {
				p.ItemID = item.ID
				err = st.AddCoveragePeriod(ctx, &p)
			}
			if err != nil {
				return fmt.Errorf("coverage %q: %w", item.Description, err)
			}
		}
	}
	for _, a := range f.Aids {
		aid := a.Aid
		aid.FamilyID, aid.CreatedBy, aid.CreatedAt = familyID, team[a.By], aid.CreatedAt.UTC()
		if err := aid.Validate(now); err != nil {
			return fmt.Errorf("aid %q: %w", aid.Description, err)
		}
		if err := st.SaveAid(ctx, &aid); err != nil {
			return fmt.Errorf("aid %q: %w", aid.Description, err)
		}
	}
	return nil
}
