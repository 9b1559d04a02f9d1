package demo

import (
	"fmt"
	"testing"
	"time"
)

// TestHistory: the generated history is the same for the same day, lies
// between the referral (and birth) and the last hand-written contact,
// within the last year, never within two days of a hand-written contact,
// in order, valid, with registration time; and
// together the families have months enough of it for the report.
func TestHistory(t *testing.T) {
	for _, today := range testDays {
		t.Run(today.Format(time.RFC3339), func(t *testing.T) {
			fams, again := Families(today), Families(today)
			day := dateOf(today)
			months := map[string]bool{}
			total := 0
			for i, f := range fams {
				if fmt.Sprint(f.History) != fmt.Sprint(again[i].History) {
					t.Errorf("%s: the history differs between two runs", f.ChildName)
				}
				for j, c := range f.History {
					where := fmt.Sprintf("%s: history %d", f.ChildName, j)
					if err := c.Validate(today, f.BirthDate); err != nil {
						t.Errorf("%s: %v", where, err)
					}
					if c.Date.Before(f.Episode.ReferralDate) || c.Date.Before(day.AddDate(0, -HistoryMonths, 0)) ||
						!c.Date.Before(f.Contacts[len(f.Contacts)-1].Date) {
						t.Errorf("%s on %v: outside the referral %v, the year and the last contact", where, c.Date, f.Episode.ReferralDate)
					}
					for _, hw := range f.Contacts {
						if d := c.Date.Sub(hw.Date); d > -3*24*time.Hour && d < 3*24*time.Hour {
							t.Errorf("%s on %v: next to the hand-written contact of %v", where, c.Date, hw.Date)
						}
					}
					if j > 0 && c.Date.Before(f.History[j-1].Date) {
						t.Errorf("%s is out of order", where)
					}
					if c.RegistrationMin == 0 || c.By == "" {
						t.Errorf("%s: registration %d by %q", where, c.RegistrationMin, c.By)
					}
					months[c.Date.Format("2006-01")] = true
				}
				for _, c := range f.Contacts {
					if c.RegistrationMin == 0 {
						t.Errorf("%s: a contact without registration time", f.ChildName)
					}
				}
				total += len(f.History)
			}
			if total < 50 || len(months) < 9 {
				t.Errorf("%d generated contacts over %d months; want a year's worth", total, len(months))
			}
		})
	}
}
