package care

import (
	"context"
	"strings"
	"time"
)

// A signal is acknowledged by snoozing it until a date or dismissing it
// with a reason. The acknowledgement holds for the family's case managers
// while the signal's cause is the same: when the cause changes (another
// task overdue, a renewed item ending again) the signal comes back.

// Acknowledgement kinds.
const (
	AckSnooze  = "snooze"
	AckDismiss = "dismiss"
)

// MaxSnoozeDays bounds a snooze: half a year.
const MaxSnoozeDays = 183

// MaxAckReason bounds a dismissal's reason.
const MaxAckReason = 500

// SignalAck is one snooze or dismissal of a signal of a family.
type SignalAck struct {
	FamilyID int64
	SignalID string
	Kind     string // snooze or dismiss
	// Cause is the signal's cause when it was acknowledged.
	Cause  string
	Until  time.Time // a snooze: hidden until this day (it shows again on it)
	Reason string    // a dismissal: why
	At     time.Time
	By     Person
}

// Holds reports whether the acknowledgement hides the signal s on day.
func (a *SignalAck) Holds(s *Signal, day time.Time) bool {
	if a == nil || a.SignalID != s.ID || a.Cause != s.Cause {
		return false
	}
	if a.Kind == AckSnooze {
		return DateOf(day).Before(a.Until)
	}
	return a.Kind == AckDismiss
}

// Validate checks an acknowledgement made on day.
func (a *SignalAck) Validate(day time.Time) error {
	fe := FieldErrors{}
	a.Reason = strings.TrimSpace(a.Reason)
	switch a.Kind {
	case AckSnooze:
		today := DateOf(day)
		switch {
		case a.Until.IsZero():
			fe["until"] = "field.required"
		case !a.Until.After(today):
			fe["until"] = "signal.ack.until_future"
		case a.Until.After(today.AddDate(0, 0, MaxSnoozeDays)):
			fe["until"] = "signal.ack.until_far"
		}
		text(fe, "reason", a.Reason, MaxAckReason, false)
	case AckDismiss:
		text(fe, "reason", a.Reason, MaxAckReason, true)
	default:
		fe["kind"] = "field.choose"
	}
	if len(fe) > 0 {
		return fe
	}
	return nil
}

// SignalScope selects the families whose signals are read: one family, or
// every family of a case manager's caseload.
type SignalScope struct {
	FamilyID  int64 // one family
	AccountID int64 // when FamilyID is 0: the account's caseload
}

// SignalStore reads the rules' input for many families at once and keeps
// acknowledgements and the organisation's settings.
type SignalStore interface {
	// SignalFiles reads what the rules need of each family in scope, in a
	// few grouped queries.
	SignalFiles(ctx context.Context, scope SignalScope, today time.Time) ([]SignalFile, error)
	// SignalAcks lists the acknowledgements of the families in scope.
	SignalAcks(ctx context.Context, scope SignalScope) ([]SignalAck, error)
	// SaveSignalAck stores an acknowledgement of a signal of the family,
	// replacing an earlier one of the same signal.
	SaveSignalAck(ctx context.Context, a *SignalAck) error
	// SignalSettings reads the organisation's settings; the defaults when
	// it set none.
	SignalSettings(ctx context.Context, organisationID int64) (SignalSettings, error)
	// SetContactDays sets the organisation's days between contacts per
	// intensity.
	SetContactDays(ctx context.Context, organisationID int64, days map[Intensity]int) error
}
