package demo

import "github.com/spil-zorg/spil/internal/care"

// coverage gives the file of a family in care today the coverage plan
// and aids a generated family gets (generateCoverage), dated up to today
// and recorded by its KCT case manager, with item ids from id on; it
// returns the next free item id.
func (g *nationalGen) coverage(file *NationalFile, f *Family, by care.Person, intake int, id int64) int64 {
	cov := Family{ChildName: f.ChildName, BirthDate: f.BirthDate, Episode: care.Episode{Status: "accepted"}}
	generateCoverage(newCalendar(g.now), &cov, g.day(intake))
	for _, c := range cov.Coverage {
		item := c.CoverageItem
		item.ID, item.FamilyID, item.CreatedBy = id, file.Family.ID, by
		id++
		item.Periods = append([]care.CoveragePeriod(nil), item.Periods...)
		for i := range item.Periods {
			p := &item.Periods[i]
			p.ItemID, p.FamilyID, p.CreatedBy = item.ID, item.FamilyID, by
		}
		file.Coverage = append(file.Coverage, item)
	}
	for _, a := range cov.Aids {
		aid := a.Aid
		aid.FamilyID, aid.CreatedBy = file.Family.ID, by
		file.Aids = append(file.Aids, aid)
	}
	g.counts.CoverageItems += len(cov.Coverage)
	g.counts.Aids += len(cov.Aids)
	return id
}
