package demo

import (
	"hash/fnv"
	"math/rand/v2"
	"time"

	"github.com/spil-zorg/spil/internal/care"
)

// generateCoverage gives a generated family with an accepted episode a
// small coverage plan from the intake on: home nursing under the Zvw, for
// most a Wlz indication of one year that may be near its end, and often an
// aid, delivered or still on its way. It draws from its own source, seeded
// by the family, so the families generated before it stay as they were.
func generateCoverage(c calendar, f *Family, intake time.Time) {
	if f.Episode.Status != "accepted" || f.Deceased || f.Unborn || intake.After(c.day) {
		return
	}
	h := fnv.New64a()
	h.Write([]byte(f.ChildName + f.BirthDate.Format(time.DateOnly)))
	r := rand.New(rand.NewPCG(h.Sum64(), uint64(intake.Unix())))
	since := int(c.day.Sub(intake).Hours() / 24)
	start := intake.AddDate(0, 0, r.IntN(since/2+1))
	f.Coverage = append(f.Coverage, c.coverage(ByKCT, "home_nursing", "Kinderthuiszorg aan huis", "", "provider", nil,
		c.recorded(care.CoveragePeriod{Law: care.LawZvw, Form: "zin", Status: care.CoverageGranted,
			HoursPerWeek: float64(4 + r.IntN(17)), IndicatedBy: "nurse", Start: start}, start)))
	if r.IntN(3) != 0 {
		// A one-year Wlz indication that started up to a year ago: some
		// end within weeks.
		start := c.day.AddDate(0, 0, -r.IntN(min(since, 364)+1))
		decided := start.AddDate(0, 0, -r.IntN(10))
		form, amount := "zin", int64(0)
		if r.IntN(3) == 0 {
			form, amount = "pgb", euros(int64(20_000+r.IntN(80_000)))
		}
		f.Coverage = append(f.Coverage, c.coverage(ByKCT, "night_care", "Nachtzorg", "", "casemanager", nil,
			c.recorded(care.CoveragePeriod{Law: care.LawWlz, Form: form, Status: care.CoverageGranted,
				HoursPerWeek: float64(8 * (1 + r.IntN(7))), AmountCents: amount, IndicatedBy: "ciz",
				AppliedOn: decided.AddDate(0, 0, -30), DecidedOn: decided, Start: start, End: start.AddDate(1, 0, -1)}, decided)))
	}
	if r.IntN(2) == 0 {
		requested := c.day.AddDate(0, 0, -r.IntN(min(since, 300)+1))
		a := care.Aid{Kind: "wheelchair", Description: "Rolstoel", Via: care.LawWmo, Status: care.AidAssessed, Requested: requested}
		if waited := int(c.day.Sub(requested).Hours() / 24); waited > 30 && r.IntN(2) == 0 {
			a.Status, a.Assessed, a.Delivered = care.AidDelivered, requested.AddDate(0, 0, 10), requested.AddDate(0, 0, 20+r.IntN(waited-20))
		} else if waited > 0 {
			a.Assessed = requested.AddDate(0, 0, r.IntN(waited+1))
		}
		f.Aids = append(f.Aids, c.aid(ByKCT, a))
	}
}
