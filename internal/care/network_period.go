package care

import (
	"context"
	"time"
)

// A network member is involved from StartedOn (or since always, when not
// known) up to and including EndedOn (or still, when not ended). Ending is
// not deleting: an ended member stays in the file as "earlier involved",
// so a report can still say who was involved in a past period.

// InvolvedOn reports whether the member is involved on day.
func (n *NetworkMember) InvolvedOn(day time.Time) bool {
	day = DateOf(day)
	return !n.StartedOn.After(day) && (n.EndedOn.IsZero() || !n.EndedOn.Before(day))
}

// Ended reports whether the member's involvement ended before day.
func (n *NetworkMember) Ended(day time.Time) bool {
	return !n.EndedOn.IsZero() && n.EndedOn.Before(DateOf(day))
}

// InvolvedBetween reports whether the member was involved on any day from
// from to to, both included.
func (n *NetworkMember) InvolvedBetween(from, to time.Time) bool {
	return !n.StartedOn.After(to) && (n.EndedOn.IsZero() || !n.EndedOn.Before(from))
}

// SplitNetwork divides a network into the members still involved on day
// (or starting later) and those whose involvement ended, keeping order.
func SplitNetwork(ns []NetworkMember, day time.Time) (current, earlier []NetworkMember) {
	for _, n := range ns {
		if n.Ended(day) {
			earlier = append(earlier, n)
		} else {
			current = append(current, n)
		}
	}
	return current, earlier
}

// Ended reports whether the family member left the file before day.
func (m *Member) Ended(day time.Time) bool {
	return !m.EndedOn.IsZero() && m.EndedOn.Before(DateOf(day))
}

// validatePeriod checks the start and end of the involvement.
func (n *NetworkMember) validatePeriod(fe FieldErrors) {
	for field, d := range map[string]time.Time{"started_on": n.StartedOn, "ended_on": n.EndedOn} {
		if !d.IsZero() && d.Before(oldest) {
			fe[field] = "date.too_old"
		}
	}
	if !n.StartedOn.IsZero() && !n.EndedOn.IsZero() && n.EndedOn.Before(n.StartedOn) {
		fe["ended_on"] = "network.ended_before_start"
	}
}

// MaxInvolvedPeriod bounds the period a question about who was involved
// may span, so one question reads a bounded amount.
const MaxInvolvedPeriod = 10 * 366 * 24 * time.Hour

// InvolvedBetween lists the network members of the family who were
// involved on any day from from to to (both included), ended ones too:
// "who was involved in the last three months". For the family's case
// managers; audited as a read of the network.
func (s *Service) InvolvedBetween(ctx context.Context, actor Actor, familyID int64, from, to time.Time) ([]NetworkMember, error) {
	from, to = DateOf(from), DateOf(to)
	var ns []NetworkMember
	err := s.gate(ctx, caseFile(actor, familyID, "network_member", ActionRead), func(st Store, _ Relationship, id *int64) error {
		*id = familyID
		if to.Before(from) || to.Sub(from) > MaxInvolvedPeriod {
			return FieldErrors{"to": "network.period_invalid"}
		}
		var err error
		ns, err = st.NetworkInvolvedBetween(ctx, familyID, from, to)
		return err
	})
	return ns, err
}
