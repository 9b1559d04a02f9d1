package care

import (
	"math"
	"time"
)

// checkDate refuses a date before 1900 or more than MaxYearsAhead years
// after today, and with notAfterToday one after today.
func checkDate(fe FieldErrors, field string, d, today time.Time, notAfterToday bool) {
	switch {
	case d.IsZero():
	case d.Before(oldest):
		fe[field] = "date.too_old"
	case notAfterToday && d.After(DateOf(today)):
		fe[field] = "date.future"
	case d.After(DateOf(today).AddDate(MaxYearsAhead, 0, 0)):
		fe[field] = "date.too_far"
	}
}

// Validate checks an item's own fields.
func (c *CoverageItem) Validate() error {
	fe := FieldErrors{}
	oneOf(fe, "kind", c.Kind, CoverageKinds...)
	text(fe, "description", c.Description, MaxShort, c.Kind == "other")
	text(fe, "provider_name", c.ProviderName, MaxName, false)
	oneOf(fe, "applicant", c.Applicant, Applicants...)
	return fe.OrNil()
}

// Validate checks a period: the choices, hours and amount, and that its
// dates are plausible and in order. A granted period needs its start; an
// objection its filing date and the date its decision is due.
func (p *CoveragePeriod) Validate(today time.Time) error {
	fe := FieldErrors{}
	oneOf(fe, "law", p.Law, CoverageLaws...)
	oneOf(fe, "form", p.Form, CoverageForms...)
	oneOf(fe, "status", p.Status, CoverageStatuses...)
	if p.IndicatedBy != "" {
		oneOf(fe, "indicated_by", p.IndicatedBy, IndicatedBy...)
	}
	text(fe, "reference", p.Reference, MaxName, false)
	text(fe, "period_note", p.Note, MaxText, false)
	switch h := p.HoursPerWeek; {
	case math.IsNaN(h) || math.IsInf(h, 0) || h < 0:
		fe["hours"] = "coverage.hours_negative"
	case h > MaxHoursPerWeek:
		fe["hours"] = "coverage.hours_too_many"
	}
	switch {
	case p.AmountCents < 0:
		fe["amount"] = "coverage.amount_negative"
	case p.AmountCents > MaxAmountCents:
		fe["amount"] = "coverage.amount_too_large"
	}
	checkDate(fe, "start", p.Start, today, false)
	checkDate(fe, "end", p.End, today, false)
	checkDate(fe, "applied_on", p.AppliedOn, today, true)
	checkDate(fe, "decided_on", p.DecidedOn, today, true)
	checkDate(fe, "objection_filed_on", p.ObjectionFiledOn, today, true)
	checkDate(fe, "objection_due", p.ObjectionDue, today, false)
	if !fe.Has("end") && !p.Start.IsZero() && !p.End.IsZero() && p.End.Before(p.Start) {
		fe["end"] = "coverage.end_before_start"
	}
	if !fe.Has("decided_on") && !p.AppliedOn.IsZero() && !p.DecidedOn.IsZero() && p.DecidedOn.Before(p.AppliedOn) {
		fe["decided_on"] = "coverage.decided_before_applied"
	}
	if p.Status == CoverageGranted && p.Start.IsZero() && !fe.Has("start") {
		fe["start"] = "coverage.start_required"
	}
	if p.Status == CoverageObjection {
		if p.ObjectionFiledOn.IsZero() && !fe.Has("objection_filed_on") {
			fe["objection_filed_on"] = "field.required"
		}
		if p.ObjectionDue.IsZero() && !fe.Has("objection_due") {
			fe["objection_due"] = "field.required"
		}
	}
	if !fe.Has("objection_due") && !p.ObjectionFiledOn.IsZero() && !p.ObjectionDue.IsZero() && p.ObjectionDue.Before(p.ObjectionFiledOn) {
		fe["objection_due"] = "coverage.due_before_filed"
	}
	return fe.OrNil()
}

// Validate checks an aid: the choices, and its dates in the order an aid
// goes through them, none after today but the planned replacement.
func (a *Aid) Validate(today time.Time) error {
	fe := FieldErrors{}
	oneOf(fe, "kind", a.Kind, AidKinds...)
	text(fe, "description", a.Description, MaxShort, a.Kind == "other")
	oneOf(fe, "via", a.Via, AidVia...)
	text(fe, "supplier", a.Supplier, MaxName, false)
	oneOf(fe, "status", a.Status, AidStatuses...)
	text(fe, "note", a.Note, MaxText, false)
	if a.Requested.IsZero() {
		fe["requested"] = "field.required"
	}
	checkDate(fe, "requested", a.Requested, today, true)
	steps := []struct {
		field string
		d     time.Time
	}{{"assessed", a.Assessed}, {"granted", a.Granted}, {"ordered", a.Ordered}, {"delivered", a.Delivered}}
	for _, s := range steps {
		checkDate(fe, s.field, s.d, today, true)
		if !fe.Has(s.field) && !s.d.IsZero() && !a.Requested.IsZero() && s.d.Before(a.Requested) {
			fe[s.field] = "aid.before_requested"
		}
	}
	if a.Status == AidDelivered && a.Delivered.IsZero() && !fe.Has("delivered") {
		fe["delivered"] = "aid.delivered_required"
	}
	checkDate(fe, "replace_by", a.ReplaceBy, today, false)
	if !fe.Has("replace_by") && !a.ReplaceBy.IsZero() && !a.Requested.IsZero() && a.ReplaceBy.Before(a.Requested) {
		fe["replace_by"] = "aid.before_requested"
	}
	return fe.OrNil()
}
