package care

import (
	"time"
	_ "time/tzdata" // the zone database, also on machines without one
)

// Amsterdam is the time zone every date and time is shown in; stored times are UTC.
var Amsterdam = mustZone("Europe/Amsterdam")

func mustZone(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return loc
}
