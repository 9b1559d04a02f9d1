package care

import (
	"strings"
	"unicode/utf8"
)

// Reachability is how a case manager is reached at work
// (bereikbaarheid): a work phone, the days and hours, and who stands in
// when they are away. The case manager keeps it on their own account;
// their families and the providers with consent see it.
type Reachability struct {
	WorkPhone string // tidied by ParsePhone
	Hours     string // days and hours, free text
	StandIn   string // who to call when they are away, free text
}

// Limits of the reachability fields.
const (
	MaxReachabilityText = 300
	maxPhoneLen         = 40
)

// Empty reports whether nothing is known of the reachability.
func (r Reachability) Empty() bool { return r == Reachability{} }

// Tel is the work phone for a tel: link: its digits, with the leading +
// of an international number.
func (r Reachability) Tel() string {
	var b strings.Builder
	for i, c := range r.WorkPhone {
		if c >= '0' && c <= '9' || c == '+' && i == 0 {
			b.WriteRune(c)
		}
	}
	return b.String()
}

// ParsePhone checks a phone number as people write it and returns it
// tidied (spaces collapsed). A Dutch number has ten digits starting with 0
// (030 123 45 67, 06-12345678, 088 …), 0800 and 0900 numbers eight to
// eleven; an international one starts with + and has 8 to 15 digits
// (+31 30 123 45 67). Spaces, hyphens, dots and one pair of parentheses
// may separate the digits; nothing else may. The error is a catalog key.
func ParsePhone(s string) (string, error) {
	s = strings.Join(strings.Fields(s), " ")
	if s == "" {
		return "", nil
	}
	if !utf8.ValidString(s) || len(s) > maxPhoneLen {
		return "", Errorf(Invalid, "phone.invalid")
	}
	digits, open, closed := 0, false, false
	for i, c := range s {
		switch {
		case c >= '0' && c <= '9':
			digits++
		case c == '+' && i == 0:
		case c == ' ' || c == '-' || c == '.':
		case c == '(' && !open:
			open = true
		case c == ')' && open && !closed:
			closed = true
		default:
			return "", Errorf(Invalid, "phone.invalid")
		}
	}
	if open != closed {
		return "", Errorf(Invalid, "phone.invalid")
	}
	tel := Reachability{WorkPhone: s}.Tel()
	switch {
	case strings.HasPrefix(tel, "+"):
		if digits < 8 || digits > 15 || strings.HasPrefix(tel, "+0") {
			return "", Errorf(Invalid, "phone.invalid")
		}
	case strings.HasPrefix(tel, "0800"), strings.HasPrefix(tel, "0900"):
		if digits < 8 || digits > 11 {
			return "", Errorf(Invalid, "phone.invalid")
		}
	case strings.HasPrefix(tel, "0") && !strings.HasPrefix(tel, "00"):
		if digits != 10 {
			return "", Errorf(Invalid, "phone.invalid")
		}
	default:
		return "", Errorf(Invalid, "phone.invalid")
	}
	return s, nil
}

// ParseReachability checks the three fields of the reachability form:
// the phone with ParsePhone, the texts for length. The fields keep what
// was typed in the FieldErrors case too, so the form can show it again.
func ParseReachability(phone, hours, standIn string) (Reachability, FieldErrors) {
	fe := FieldErrors{}
	r := Reachability{WorkPhone: strings.TrimSpace(phone), Hours: strings.TrimSpace(hours), StandIn: strings.TrimSpace(standIn)}
	if p, err := ParsePhone(phone); err != nil {
		fe["work_phone"] = ErrorMessage(err)
	} else {
		r.WorkPhone = p
	}
	text(fe, "work_hours", r.Hours, MaxReachabilityText, false)
	text(fe, "stand_in", r.StandIn, MaxReachabilityText, false)
	if len(fe) > 0 {
		return r, fe
	}
	return r, nil
}

// ReachableCaseManager is one of a family's case managers with how they
// are reached; Kind is kct or thuis.
type ReachableCaseManager struct {
	Kind string
	Person
	Reachability
}

// Reachable lists the duo's case managers who told how they are reached,
// the KCT's first, for the family's and the provider's "who do I call".
func (c CaseManagers) Reachable() []ReachableCaseManager {
	var out []ReachableCaseManager
	for _, cm := range []ReachableCaseManager{{"kct", c.KCT, c.KCTReach}, {"thuis", c.Thuis, c.ThuisReach}} {
		if cm.Name != "" && !cm.Reachability.Empty() {
			out = append(out, cm)
		}
	}
	return out
}
