package form

import (
	"math"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/spil-zorg/spil/internal/care"
)

// GoalPrefix starts the name of the checkbox of a care plan goal an item
// serves: "goal-i3".
const GoalPrefix = "goal-"

// DecodeCoverageItem reads a coverage item's own fields: what, which
// provider (from the network, or in words), who applies and the goals it
// serves. Whether the provider and the goals are this family's is the
// care service's to check.
func DecodeCoverageItem(v url.Values, errs Fields) care.CoverageItem {
	c := care.CoverageItem{
		Kind:         OneOf(v, "kind", care.CoverageKinds, true, errs),
		Description:  Field(v, "description", care.MaxShort, false, errs),
		ProviderName: Field(v, "provider_name", care.MaxName, false, errs),
		Applicant:    OneOf(v, "applicant", care.Applicants, true, errs),
	}
	if s := strings.TrimSpace(v.Get("network_member")); s != "" {
		id, err := strconv.ParseInt(s, 10, 64)
		if err != nil || id <= 0 {
			errs["network_member"] = "field.choose"
		} else {
			c.NetworkMemberID = id
		}
	}
	for name := range v {
		if id, ok := strings.CutPrefix(name, GoalPrefix); ok && v.Get(name) != "" {
			if id == "" || len(id) > 20 || strings.ContainsFunc(id, notIDRune) {
				errs["goals"] = "field.choose"
				continue
			}
			c.Goals = append(c.Goals, id)
		}
	}
	slices.Sort(c.Goals)
	return c
}

// notIDRune reports whether r cannot be part of a care plan item's ID.
func notIDRune(r rune) bool {
	return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '_' || r == '-')
}

// DecodeCoveragePeriod reads an indication or renewal: law, form, status,
// hours a week (Dutch decimals), a budget a year in euros, its dates.
func DecodeCoveragePeriod(v url.Values, errs Fields) care.CoveragePeriod {
	return care.CoveragePeriod{
		Law:              OneOf(v, "law", care.CoverageLaws, true, errs),
		Form:             OneOf(v, "form", care.CoverageForms, true, errs),
		Status:           OneOf(v, "status", care.CoverageStatuses, true, errs),
		HoursPerWeek:     Hours(v, "hours", errs),
		AmountCents:      Amount(v, "amount", errs),
		Reference:        Field(v, "reference", care.MaxName, false, errs),
		IndicatedBy:      OneOf(v, "indicated_by", care.IndicatedBy, false, errs),
		Start:            Date(v, "start", errs),
		End:              Date(v, "end", errs),
		AppliedOn:        Date(v, "applied_on", errs),
		DecidedOn:        Date(v, "decided_on", errs),
		ObjectionFiledOn: Date(v, "objection_filed_on", errs),
		ObjectionDue:     Date(v, "objection_due", errs),
		Note:             Field(v, "period_note", care.MaxText, false, errs),
	}
}

// DecodeNewCoverage reads a new item with its first period.
func DecodeNewCoverage(v url.Values) (care.CoverageItem, care.CoveragePeriod, Fields) {
	errs := Fields{}
	c := DecodeCoverageItem(v, errs)
	return c, DecodeCoveragePeriod(v, errs), errs
}

// DecodeAid reads an aid or adaptation and the dates of its steps.
func DecodeAid(v url.Values) (care.Aid, Fields) {
	errs := Fields{}
	return care.Aid{
		Kind:        OneOf(v, "kind", care.AidKinds, true, errs),
		Description: Field(v, "description", care.MaxShort, false, errs),
		Via:         OneOf(v, "via", care.AidVia, true, errs),
		Supplier:    Field(v, "supplier", care.MaxName, false, errs),
		Status:      OneOf(v, "status", care.AidStatuses, true, errs),
		Requested:   Date(v, "requested", errs),
		Assessed:    Date(v, "assessed", errs),
		Granted:     Date(v, "granted", errs),
		Ordered:     Date(v, "ordered", errs),
		Delivered:   Date(v, "delivered", errs),
		ReplaceBy:   Date(v, "replace_by", errs),
		Note:        Field(v, "note", care.MaxText, false, errs),
	}, errs
}

// Hours reads a number of hours as typed in Dutch or English: "12",
// "12,5" or "12.5", with at most two decimals; empty is 0. A negative
// number is read, for care to refuse with its own message.
func Hours(v url.Values, name string, errs Fields) float64 {
	s := strings.TrimSpace(v.Get(name))
	if s == "" {
		return 0
	}
	neg := false
	if rest, ok := strings.CutPrefix(s, "-"); ok {
		neg, s = true, strings.TrimSpace(rest)
	}
	whole, frac, _ := strings.Cut(strings.Replace(s, ",", ".", 1), ".")
	if !digits(whole, 1, 4) || frac != "" && !digits(frac, 1, 2) {
		errs[name] = "coverage.hours_invalid"
		return 0
	}
	h, err := strconv.ParseFloat(whole+"."+frac+"0", 64)
	if err != nil {
		errs[name] = "coverage.hours_invalid"
		return 0
	}
	if neg {
		h = -h
	}
	return h
}

// Amount reads an amount in euros to cents: "2.450,00", "2450", "2450,5",
// "€ 2.450" or "2450.00". A comma is the decimal sign and dots group the
// thousands, as written in Dutch; without a comma, a dot followed by one
// or two digits is the decimal sign. Empty is 0. A negative amount is
// read, for care to refuse with its own message.
func Amount(v url.Values, name string, errs Fields) int64 {
	s := strings.TrimSpace(v.Get(name))
	s = strings.TrimSpace(strings.TrimPrefix(s, "€"))
	if s == "" {
		return 0
	}
	neg := false
	if rest, ok := strings.CutPrefix(s, "-"); ok {
		neg, s = true, strings.TrimSpace(rest)
	}
	whole, frac, ok := splitAmount(s)
	if !ok {
		errs[name] = "coverage.amount_invalid"
		return 0
	}
	if len(whole) > 10 {
		errs[name] = "coverage.amount_too_large"
		return 0
	}
	euros, err := strconv.ParseInt(whole, 10, 64)
	if err != nil {
		errs[name] = "coverage.amount_invalid"
		return 0
	}
	cents := int64(0)
	if frac != "" {
		c, _ := strconv.Atoi((frac + "0")[:2])
		cents = int64(c)
	}
	n := euros*100 + cents
	if neg {
		n = -n
	}
	return n
}

// splitAmount splits an amount without sign into its whole euros (digits
// only) and its cents (zero, one or two digits).
func splitAmount(s string) (whole, frac string, ok bool) {
	if w, f, found := strings.Cut(s, ","); found {
		if !digits(f, 1, 2) || strings.Contains(f, ",") {
			return "", "", false
		}
		w, ok := thousands(w)
		return w, f, ok
	}
	if i := strings.LastIndexByte(s, '.'); i >= 0 && len(s)-i-1 <= 2 && strings.Count(s, ".") == 1 {
		if !digits(s[:i], 1, 12) || !digits(s[i+1:], 1, 2) {
			return "", "", false
		}
		return s[:i], s[i+1:], true
	}
	w, ok := thousands(s)
	return w, "", ok
}

// thousands reads whole euros with or without dots between groups of
// three digits: "2.450" or "2450".
func thousands(s string) (string, bool) {
	if !strings.Contains(s, ".") {
		return s, digits(s, 1, 12)
	}
	groups := strings.Split(s, ".")
	if !digits(groups[0], 1, 3) {
		return "", false
	}
	for _, g := range groups[1:] {
		if !digits(g, 3, 3) {
			return "", false
		}
	}
	return strings.Join(groups, ""), true
}

// digits reports whether s is between lo and hi ASCII digits.
func digits(s string, lo, hi int) bool {
	if len(s) < lo || len(s) > hi {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// FormatHours writes hours as the form shows them, in Dutch: "12,5";
// "" for none.
func FormatHours(h float64) string {
	if h == 0 || math.IsNaN(h) || math.IsInf(h, 0) {
		return ""
	}
	return strings.Replace(strconv.FormatFloat(h, 'f', -1, 64), ".", ",", 1)
}

// FormatAmount writes cents as euros the way the form reads them back, in
// Dutch: "2.450,00"; "" for none.
func FormatAmount(cents int64) string {
	if cents == 0 {
		return ""
	}
	sign := ""
	if cents < 0 {
		sign, cents = "-", -cents
	}
	whole := strconv.FormatInt(cents/100, 10)
	var b strings.Builder
	for i, r := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteByte('.')
		}
		b.WriteRune(r)
	}
	return sign + b.String() + "," + strconv.FormatInt(100+cents%100, 10)[1:]
}

// EncodeCoverage fills the form that corrects an item and its current
// period.
func EncodeCoverage(c *care.CoverageItem, p *care.CoveragePeriod) url.Values {
	v := EncodePeriod(p)
	v.Set("kind", c.Kind)
	v.Set("description", c.Description)
	v.Set("applicant", c.Applicant)
	if c.NetworkMemberID != 0 {
		v.Set("network_member", strconv.FormatInt(c.NetworkMemberID, 10))
	} else {
		v.Set("provider_name", c.ProviderName)
	}
	for _, g := range c.Goals {
		v.Set(GoalPrefix+g, "1")
	}
	return v
}

// EncodePeriod fills the fields of a period.
func EncodePeriod(p *care.CoveragePeriod) url.Values {
	return url.Values{
		"law": {p.Law}, "form": {p.Form}, "status": {p.Status}, "hours": {FormatHours(p.HoursPerWeek)},
		"amount": {FormatAmount(p.AmountCents)}, "reference": {p.Reference}, "indicated_by": {p.IndicatedBy},
		"start": {ISODate(p.Start)}, "end": {ISODate(p.End)}, "applied_on": {ISODate(p.AppliedOn)},
		"decided_on": {ISODate(p.DecidedOn)}, "objection_filed_on": {ISODate(p.ObjectionFiledOn)},
		"objection_due": {ISODate(p.ObjectionDue)}, "period_note": {p.Note},
	}
}

// EncodeAid fills the form that corrects an aid.
func EncodeAid(a *care.Aid) url.Values {
	return url.Values{
		"kind": {a.Kind}, "description": {a.Description}, "via": {a.Via}, "supplier": {a.Supplier}, "status": {a.Status},
		"requested": {ISODate(a.Requested)}, "assessed": {ISODate(a.Assessed)}, "granted": {ISODate(a.Granted)},
		"ordered": {ISODate(a.Ordered)}, "delivered": {ISODate(a.Delivered)}, "replace_by": {ISODate(a.ReplaceBy)}, "note": {a.Note},
	}
}
