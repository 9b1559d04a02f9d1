package care

import (
	"context"
	"time"
)

// fileTransition reads the turning-18 checklist for the case managers'
// family page, with the family's coverage items: nil, without touching
// the store, unless the child is 17 or 18.
func fileTransition(ctx context.Context, st Store, f *Family, items []CoverageItem, now time.Time) (*Transition, error) {
	if f.Unborn || f.Deceased || f.BirthDate.IsZero() {
		return nil, nil
	}
	if age := AgeOn(f.BirthDate, now); age < TransitionFromAge || age >= 19 {
		return nil, nil
	}
	acc, err := st.Transition(ctx, f.ID)
	if err != nil {
		return nil, err
	}
	if !TransitionShown(f, acc != nil, now) {
		return nil, nil
	}
	t := &Transition{Eighteenth: Eighteenth(f.BirthDate), Accepted: acc}
	for _, c := range endingAtEighteen(items, f) {
		c.Documents = nil
		t.JeugdwetItems = append(t.JeugdwetItems, c)
	}
	return t, nil
}

// endingAtEighteen are the items that end because the child turns 18:
// youth care granted or being arranged, not one that was refused or
// already stopped.
func endingAtEighteen(items []CoverageItem, f *Family) []CoverageItem {
	var out []CoverageItem
	for _, c := range items {
		switch c.Current().Status {
		case CoverageRefused, CoverageExpired, CoverageEnded:
			continue
		}
		if !f.Deceased && c.EndsAtEighteen(f.BirthDate) {
			out = append(out, c)
		}
	}
	return out
}
