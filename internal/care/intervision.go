package care

import (
	"context"
	"time"
)

// ObjectIntervision is the audit object of a case manager's own record of
// intervision, supervision and training: adding a session (C) and reading
// the list (R), with the account as the object's id.
const ObjectIntervision = "intervision"

// IntervisionWindow is how far back the intervision count looks: the
// expertise profile asks for sessions in the last 12 months.
const IntervisionWindow = 12 // months

// IntervisionKinds and IntervisionDirections are the choice lists, as
// stored. "intervision" is peer review among case managers.
var (
	IntervisionKinds      = []string{"intervision", "supervision", "training"}
	IntervisionDirections = []string{"given", "received"}
)

// Bounds of a session's length, in minutes: a quarter of an hour to a day.
const (
	MinIntervisionMinutes = 15
	MaxIntervisionMinutes = 24 * 60
	MaxIntervisionTopic   = 200
)

// IntervisionSession is one session of intervision, supervision or
// training a case manager gave or received. It holds no client data: the
// topic is a subject ("communicatie met broers en zussen"), not a case.
type IntervisionSession struct {
	ID        int64
	AccountID int64
	HeldOn    time.Time // a date
	Kind      string    // one of IntervisionKinds
	Direction string    // one of IntervisionDirections
	Minutes   int
	Topic     string
	CreatedAt time.Time
}

// IntervisionStore keeps the case managers' own intervision records.
type IntervisionStore interface {
	AddIntervisionSession(ctx context.Context, x *IntervisionSession) error
	// IntervisionSessions lists the account's sessions held on or after
	// from, newest first.
	IntervisionSessions(ctx context.Context, accountID int64, from time.Time) ([]IntervisionSession, error)
}

// IntervisionOverview is the account's record of the last 12 months.
type IntervisionOverview struct {
	Since    time.Time // the first day of the window
	Sessions []IntervisionSession
	// Intervisions counts the intervision sessions (given or received)
	// in the window: what the expertise profile asks at least 6 of.
	Intervisions int
}

// MayRecordIntervision reports whether the role keeps an intervision
// record: case managers.
func MayRecordIntervision(r Role) bool { return r == RoleCaseManager }

// IntervisionSince is the first day of the 12-month window ending today.
func IntervisionSince(now time.Time) time.Time {
	return DateOf(now).AddDate(0, -IntervisionWindow, 0)
}

// Validate checks a session to record on today.
func (x *IntervisionSession) Validate(today time.Time) error {
	fe := FieldErrors{}
	switch {
	case x.HeldOn.IsZero():
		fe["held_on"] = "field.required"
	case x.HeldOn.After(DateOf(today)):
		fe["held_on"] = "date.future"
	case x.HeldOn.Before(DateOf(today).AddDate(-5, 0, 0)):
		fe["held_on"] = "account.intervision.too_old"
	}
	oneOf(fe, "kind", x.Kind, IntervisionKinds...)
	oneOf(fe, "direction", x.Direction, IntervisionDirections...)
	if x.Minutes < MinIntervisionMinutes || x.Minutes > MaxIntervisionMinutes {
		fe["hours"] = "account.intervision.hours_invalid"
	}
	text(fe, "topic", x.Topic, MaxIntervisionTopic, false)
	return fe.OrNil()
}
