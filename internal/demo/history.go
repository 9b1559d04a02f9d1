package demo

import (
	"hash/fnv"
	"time"

	"github.com/spil-zorg/spil/internal/care"
)

// DemoRegion is the region of the demo organisation, which its regional
// coordinator reports over.
const DemoRegion = KaartRegion

// HistoryMonths is how far back the generated history of contacts reaches.
const HistoryMonths = 12

// addHistory gives the family the registration a year of case management
// leaves behind, so the registration report has figures to show: the
// time spent registering each hand-written contact, and, generated
// deterministically from the child's name, the routine contacts of the
// last year (from the referral on) up to the last hand-written contact,
// which stays the latest, and never within two days of one. Their number
// follows the intensity in force: about four a month while intensive,
// two while regular, one on a waakvlam footing. They go in History,
// apart from the hand-written Contacts the stories tell.
func addHistory(c calendar, f *Family) {
	for i := range f.Contacts {
		ct := &f.Contacts[i].Contact
		if ct.RegistrationMin == 0 {
			ct.RegistrationMin = 5 + ct.DurationMin/15
		}
	}
	if len(f.Contacts) == 0 || len(f.Steps) == 0 {
		return
	}
	h := fnv.New64a()
	h.Write([]byte(f.ChildName))
	seed := h.Sum64()
	next := func(n uint64) int { // a small deterministic sequence
		seed = seed*6364136223846793005 + 1442695040888963407
		return int((seed >> 33) % n)
	}
	last := f.Contacts[len(f.Contacts)-1].Date
	near := func(day time.Time) bool {
		for _, ct := range f.Contacts {
			if d := day.Sub(ct.Date); d > -3*24*time.Hour && d < 3*24*time.Hour {
				return true
			}
		}
		return false
	}
	start := c.day.AddDate(0, -HistoryMonths, 0)
	if f.Episode.ReferralDate.After(start) {
		start = f.Episode.ReferralDate
	}
	if f.BirthDate.After(start) {
		start = f.BirthDate
	}
	by := ByKCT
	if !f.KCT {
		by = ByThuis
	}
	for day := start.AddDate(0, 0, 3); day.Before(last); {
		level := intensityOn(f.Steps, day)
		gap := map[care.Intensity]int{care.Intensive: 7, care.Regular: 14, care.Waakvlam: 30}[level]
		if gap == 0 {
			gap = 14
		}
		kind, with, minutes, travel := "phone", "parent", 10+5*next(4), 0
		switch next(6) {
		case 0, 1:
			kind, with, minutes, travel = "home_visit", "both", 45+15*next(4), 20+10*next(3)
		case 2:
			kind, with, minutes = "phone", "provider", 10+5*next(3)
		case 3:
			kind, with, minutes = "video", "parent", 20+10*next(3)
		case 4:
			kind, with, minutes, travel = "meeting", "provider", 45+15*next(3), 15*next(3)
		}
		if near(day) {
			day = day.AddDate(0, 0, 1)
			continue
		}
		ct := c.contact(by, day, kind, with, "", minutes, travel, historyTopics[next(uint64(len(historyTopics)))], "")
		ct.RegistrationMin = 5 + 5*next(3)
		f.History = append(f.History, ct)
		if f.KCT && f.Thuis && next(2) == 0 {
			by = map[string]string{ByKCT: ByThuis, ByThuis: ByKCT}[by]
		}
		day = day.AddDate(0, 0, gap-2+next(5))
	}
}

// intensityOn is the intensity in force on day: the last step made on or
// before it, else the first.
func intensityOn(steps []Step, day time.Time) care.Intensity {
	level := steps[0].Intensity
	for _, s := range steps {
		if s.ChangedAt.Before(day.AddDate(0, 0, 1)) {
			level = s.Intensity
		}
	}
	return level
}

// historyTopics are what a routine contact is about.
var historyTopics = []string{
	"Hoe gaat het thuis; nachten en slaap", "Afstemming medicatie met de kinderarts", "Stand van zaken indicatie en PGB",
	"School en vervoer", "Hulpmiddelen: levering en aanpassing", "Hoe gaat het met de broertjes en zusjes",
	"Voorbereiding overleg met het netwerk", "Logeeropvang en respijt", "Voeding en gewicht",
}
