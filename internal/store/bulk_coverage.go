package store

import "github.com/spil-zorg/spil/internal/care"

// CoverageItem adds an item of a family's coverage plan, with the id the
// caller chose, and its periods.
func (w *BulkWriter) CoverageItem(c *care.CoverageItem) error {
	if err := w.add(w.coverageItems, c.ID, c.FamilyID, c.Kind, c.Description, nullID(c.NetworkMemberID), c.ProviderName,
		c.Applicant, joinGoals(c.Goals), c.CreatedBy.AccountID, c.CreatedAt.UTC()); err != nil {
		return err
	}
	for _, p := range c.Periods {
		if err := w.add(w.coveragePeriods, c.ID, c.FamilyID, p.Law, p.Form, p.Status, minutesOf(p.HoursPerWeek), p.AmountCents,
			p.Reference, p.IndicatedBy, nullDate(p.Start), nullDate(p.End), nullDate(p.AppliedOn), nullDate(p.DecidedOn),
			nullDate(p.ObjectionFiledOn), nullDate(p.ObjectionDue), p.Note, p.CreatedBy.AccountID, p.CreatedAt.UTC()); err != nil {
			return err
		}
	}
	return nil
}

// Aid adds an aid of a family.
func (w *BulkWriter) Aid(a *care.Aid) error {
	return w.add(w.aids, a.FamilyID, a.Kind, a.Description, a.Via, a.Supplier, a.Status, a.Requested.UTC(), nullDate(a.Assessed),
		nullDate(a.Granted), nullDate(a.Ordered), nullDate(a.Delivered), nullDate(a.ReplaceBy), a.Note,
		a.CreatedBy.AccountID, a.CreatedAt.UTC())
}
