package care

import (
	"strconv"
	"time"
)

// Correction keeps the values a correction replaced: of a family member,
// a network member or a contact. Previous holds, per field that changed,
// its value before, so the page can show "changed on … by …" and what it
// said before.
type Correction struct {
	ID         int64
	FamilyID   int64
	ObjectType string // member, network_member, contact
	ObjectID   int64
	ChangedAt  time.Time
	ChangedBy  Person
	Previous   map[string]string
}

// The kinds of object a correction applies to.
const (
	CorrectMember        = "member"
	CorrectNetworkMember = "network_member"
	CorrectContact       = "contact"
)

// changedFields returns, for the fields whose value differs between
// before and after, the value before.
func changedFields(before, after map[string]string) map[string]string {
	out := map[string]string{}
	for k, v := range before {
		if after[k] != v {
			out[k] = v
		}
	}
	return out
}

func dateField(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.DateOnly)
}

func boolField(b bool) string {
	if b {
		return "1"
	}
	return ""
}

// correctionFields are the values of a network member a correction keeps.
func (n *NetworkMember) correctionFields() map[string]string {
	return map[string]string{
		"name": n.Name, "role": n.Role, "organisation": n.Organisation, "line": strconv.Itoa(n.Line),
		"domain": n.Domain, "phone": n.Phone, "email": n.Email, "reachability": n.Reachability,
		"always_reachable": boolField(n.AlwaysReachable), "responsibilities": n.Responsibilities,
		"bereavement": boolField(n.Bereavement), "started_on": dateField(n.StartedOn), "ended_on": dateField(n.EndedOn),
	}
}

// correctionFields are the values of a family member a correction keeps.
func (m *Member) correctionFields() map[string]string {
	return map[string]string{
		"kind": m.Kind, "name": m.Name, "relation": m.Relation, "custody": boolField(m.Custody),
		"phone": m.Phone, "email": m.Email, "language": m.Language, "birth_date": dateField(m.BirthDate),
		"notes": m.Notes, "ended_on": dateField(m.EndedOn),
	}
}

// correctionFields are the values of a contact a correction keeps.
func (c *Contact) correctionFields() map[string]string {
	return map[string]string{
		"date": dateField(c.Date), "kind": c.Kind, "with": c.With, "location": c.Location,
		"duration": strconv.Itoa(c.DurationMin), "travel": strconv.Itoa(c.TravelMin), "registration": strconv.Itoa(c.RegistrationMin),
		"topics": c.Topics, "follow_up": c.FollowUp,
	}
}

// CorrectionsOf picks the corrections of one object, newest first as cs is.
func CorrectionsOf(cs []Correction, objectType string, id int64) []Correction {
	var out []Correction
	for _, c := range cs {
		if c.ObjectType == objectType && c.ObjectID == id {
			out = append(out, c)
		}
	}
	return out
}
