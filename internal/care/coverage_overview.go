package care

import "context"

// CoverageOverview is what the case managers' family page says of the
// coverage plan: how much it holds and what needs attention.
type CoverageOverview struct {
	Items, Aids int
	Summary     CoverageSummary
}

// coverageOverview sums up the family's coverage plan within the
// organisation's window (a deceased child's coverage warns of nothing),
// and returns the items it read for the rest of the page.
func (s *Service) coverageOverview(ctx context.Context, st Store, f *Family) (CoverageOverview, []CoverageItem, error) {
	var ov CoverageOverview
	window, err := st.CoverageWindowWeeks(ctx, f.OrganisationID)
	if err != nil {
		return ov, nil, err
	}
	items, err := st.CoverageItems(ctx, f.ID)
	if err != nil {
		return ov, nil, err
	}
	aids, err := st.Aids(ctx, f.ID)
	if err != nil {
		return ov, nil, err
	}
	ov.Items, ov.Aids = len(items), len(aids)
	if !f.Deceased {
		ov.Summary = SummarizeCoverage(items, aids, f.BirthDate, s.now(), window)
	}
	return ov, items, nil
}
