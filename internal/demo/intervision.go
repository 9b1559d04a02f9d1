package demo

import (
	"time"

	"github.com/spil-zorg/spil/internal/care"
)

// KCTIntervision is the KCT case manager's own record of the last year:
// four intervision sessions (two short of the six the expertise profile
// asks for), a supervision and a training she gave. Topics are subjects,
// never clients.
func KCTIntervision(today time.Time) []care.IntervisionSession {
	day := care.DateOf(today)
	return []care.IntervisionSession{
		{HeldOn: day.AddDate(0, -10, -3), Kind: "intervision", Direction: "received", Minutes: 120, Topic: "Grenzen stellen bij intensieve trajecten"},
		{HeldOn: day.AddDate(0, -7, -12), Kind: "intervision", Direction: "given", Minutes: 90, Topic: "Rouw bij broers en zussen"},
		{HeldOn: day.AddDate(0, -6, 0), Kind: "supervision", Direction: "received", Minutes: 60},
		{HeldOn: day.AddDate(0, -4, -5), Kind: "training", Direction: "given", Minutes: 180, Topic: "Proactieve zorgplanning voor wijkverpleging"},
		{HeldOn: day.AddDate(0, -3, -20), Kind: "intervision", Direction: "received", Minutes: 120, Topic: "Moreel beraad"},
		{HeldOn: day.AddDate(0, 0, -26), Kind: "intervision", Direction: "received", Minutes: 90},
	}
}
