package web

import (
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/spil-zorg/spil/internal/care"
)

// The form decoders below turn posted values into care types. They only
// read: each field is trimmed, bounded and parsed, and what cannot be read
// is named in the returned Fields. The rules of the domain (dates in the
// future, the 11-test, …) stay in care; the handlers run both.

// dateField parses a YYYY-MM-DD date (as sent by <input type=date>) to
// midnight UTC; empty is the zero time.
func dateField(v url.Values, name string, errs Fields) time.Time {
	s := strings.TrimSpace(v.Get(name))
	if s == "" {
		return time.Time{}
	}
	t, err := time.Parse(time.DateOnly, s)
	// Years before 1000 are typing errors (and year 1 is Go's zero time).
	if err != nil || len(s) != len(time.DateOnly) || t.Year() < 1000 {
		errs[name] = "date.invalid"
		return time.Time{}
	}
	return t
}

// numberField parses a whole number; empty is 0.
func numberField(v url.Values, name string, errs Fields) int {
	s := strings.TrimSpace(v.Get(name))
	if s == "" {
		return 0
	}
	n, err := strconv.Atoi(s)
	if err != nil || len(s) > 9 {
		errs[name] = "field.number"
		return 0
	}
	return n
}

// choiceField returns the value when it is one of allowed.
func choiceField(v url.Values, name string, allowed []string, required bool, errs Fields) string {
	s := strings.TrimSpace(v.Get(name))
	switch {
	case s == "" && required:
		errs[name] = "field.required"
	case s != "" && !slices.Contains(allowed, s):
		errs[name] = "field.choose"
		return ""
	}
	return s
}

// checked reports whether a checkbox was ticked.
func checked(v url.Values, name string) bool { return v.Get(name) != "" }

// decodeFamily reads the child's details (the intake and the edit form).
// The diagnosis is either filled in or explicitly "not yet known".
func decodeFamily(v url.Values) (care.Family, Fields) {
	errs := Fields{}
	f := care.Family{
		ChildName:       field(v, "child_name", care.MaxName, true, errs),
		BirthDate:       dateField(v, "birth_date", errs),
		Sex:             choiceField(v, "sex", care.Sexes, true, errs),
		Diagnosis:       field(v, "diagnosis", care.MaxShort, false, errs),
		LivingSituation: field(v, "living_situation", care.MaxText, false, errs),
		CultureNotes:    field(v, "culture_notes", care.MaxText, false, errs),
		Summary:         field(v, "summary", care.MaxText, false, errs),
	}
	// People write a BSN with spaces or dots: 1234.56.782.
	if bsn := field(v, "bsn", 20, false, errs); !errs.Has("bsn") {
		f.BSN = strings.NewReplacer(" ", "", ".", "").Replace(bsn)
	}
	if code := field(v, "icd10", 20, false, errs); !errs.Has("icd10") {
		f.ICD10 = strings.ToUpper(code)
	}
	f.Secondary = secondaryField(v, errs)
	none := checked(v, "no_diagnosis")
	switch {
	case errs.Has("diagnosis"):
	case none && f.Diagnosis != "":
		errs["diagnosis"] = "family.diagnosis_and_none"
	case !none && f.Diagnosis == "":
		errs["diagnosis"] = "family.diagnosis_or_none"
	}
	return f, errs
}

// maxSecondary bounds the secondary diagnoses of one child.
const maxSecondary = 20

// secondaryField reads secondary diagnoses: one per line, optionally with
// an ICD-10 code after a semicolon ("Epilepsie; G40.9").
func secondaryField(v url.Values, errs Fields) []care.Diagnosis {
	raw := field(v, "secondary", maxSecondary*(care.MaxShort+10), false, errs)
	if errs.Has("secondary") || raw == "" {
		return nil
	}
	var ds []care.Diagnosis
	for _, line := range strings.Split(raw, "\n") {
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		d := care.Diagnosis{Description: line}
		if desc, code, ok := strings.Cut(line, ";"); ok {
			d.Description, d.ICD10 = strings.TrimSpace(desc), strings.ToUpper(strings.TrimSpace(code))
		}
		ds = append(ds, d)
	}
	if len(ds) > maxSecondary {
		errs["secondary"] = "family.secondary_too_many"
		return nil
	}
	return ds
}

// encodeSecondary is the inverse of secondaryField.
func encodeSecondary(ds []care.Diagnosis) string {
	lines := make([]string, len(ds))
	for i, d := range ds {
		lines[i] = d.Description
		if d.ICD10 != "" {
			lines[i] += "; " + d.ICD10
		}
	}
	return strings.Join(lines, "\n")
}

// encodeFamily is the inverse of decodeFamily, to fill the edit form.
func encodeFamily(f *care.Family) url.Values {
	v := url.Values{
		"child_name": {f.ChildName}, "birth_date": {isoDate(f.BirthDate)}, "sex": {f.Sex}, "bsn": {f.BSN},
		"diagnosis": {f.Diagnosis}, "icd10": {f.ICD10}, "living_situation": {f.LivingSituation},
		"culture_notes": {f.CultureNotes}, "summary": {f.Summary}, "secondary": {encodeSecondary(f.Secondary)},
	}
	if f.Diagnosis == "" {
		v.Set("no_diagnosis", "1")
	}
	return v
}

// decodeEpisode reads the referral and the family's decision.
func decodeEpisode(v url.Values, statuses []string) (care.Episode, Fields) {
	errs := Fields{}
	e := care.Episode{
		ReferralDate:     dateField(v, "referral_date", errs),
		ReferredBy:       field(v, "referred_by", care.MaxName, false, errs),
		Reason:           field(v, "reason", care.MaxText, false, errs),
		FactorWish:       checked(v, "factor_wish"),
		FactorComplexity: checked(v, "factor_complexity"),
		FactorCapacity:   checked(v, "factor_capacity"),
		SurpriseQuestion: choiceField(v, "surprise_question", care.SurpriseAnswers, true, errs),
		Status:           choiceField(v, "status", statuses, true, errs),
		StatusNote:       field(v, "status_note", care.MaxText, false, errs),
		DivisionOfTasks:  field(v, "division_of_tasks", care.MaxText, false, errs),
	}
	// Declining is respected; the note says what the family wants instead.
	if e.Status == "declined" && e.StatusNote == "" && !errs.Has("status_note") {
		errs["status_note"] = "episode.note_required"
	}
	return e, errs
}

func encodeEpisode(e *care.Episode) url.Values {
	v := url.Values{
		"referral_date": {isoDate(e.ReferralDate)}, "referred_by": {e.ReferredBy}, "reason": {e.Reason},
		"surprise_question": {e.SurpriseQuestion}, "status": {e.Status}, "status_note": {e.StatusNote},
		"division_of_tasks": {e.DivisionOfTasks},
	}
	for name, on := range map[string]bool{"factor_wish": e.FactorWish, "factor_complexity": e.FactorComplexity, "factor_capacity": e.FactorCapacity} {
		if on {
			v.Set(name, "1")
		}
	}
	return v
}

// intakeStatuses are the decisions an intake can record; "ended" needs a
// file first.
var intakeStatuses = []string{"offered", "accepted", "declined"}

// decodeIntake reads a new family: the child, the referral and the role of
// the case manager opening the file.
func decodeIntake(v url.Values) (care.Intake, Fields) {
	f, errs := decodeFamily(v)
	e, eerrs := decodeEpisode(v, intakeStatuses)
	for k, msg := range eerrs {
		errs[k] = msg
	}
	f.Intensity = care.Intensity(choiceField(v, "intensity", intensityValues(), true, errs))
	f.NextContact = dateField(v, "next_contact", errs)
	return care.Intake{
		Family: f, Episode: e,
		Kind:             choiceField(v, "kind", care.CaseManagerKinds, true, errs),
		ConfirmDuplicate: checked(v, "confirm_duplicate"),
	}, errs
}

func intensityValues() []string {
	out := make([]string, len(care.Intensities))
	for i, in := range care.Intensities {
		out[i] = string(in)
	}
	return out
}

// decodeMember reads a parent, carer, sibling or other family member.
func decodeMember(v url.Values) (care.Member, Fields) {
	errs := Fields{}
	m := care.Member{
		Kind:      choiceField(v, "kind", care.MemberKinds, true, errs),
		Name:      field(v, "name", care.MaxName, true, errs),
		Relation:  field(v, "relation", care.MaxName, false, errs),
		Custody:   checked(v, "custody"),
		Phone:     field(v, "phone", 40, false, errs),
		Email:     field(v, "email", 254, false, errs),
		Language:  field(v, "language", care.MaxName, false, errs),
		BirthDate: dateField(v, "birth_date", errs),
		Notes:     field(v, "notes", care.MaxText, false, errs),
	}
	return m, errs
}

// networkLines are the values of the line select: 0 is informal or other.
var networkLines = []string{"0", "1", "2", "3"}

// decodeNetworkMember reads a provider or informal carer.
func decodeNetworkMember(v url.Values) (care.NetworkMember, Fields) {
	errs := Fields{}
	n := care.NetworkMember{
		Name:             field(v, "name", care.MaxName, true, errs),
		Role:             choiceField(v, "role", care.NetworkRoles, true, errs),
		Organisation:     field(v, "organisation", care.MaxName, false, errs),
		Domain:           field(v, "domain", care.MaxName, false, errs),
		Phone:            field(v, "phone", 40, false, errs),
		Email:            field(v, "email", 254, false, errs),
		Reachability:     field(v, "reachability", care.MaxShort, false, errs),
		AlwaysReachable:  checked(v, "always_reachable"),
		Responsibilities: field(v, "responsibilities", care.MaxText, false, errs),
		Bereavement:      checked(v, "bereavement"),
	}
	if line := choiceField(v, "line", networkLines, false, errs); line != "" {
		n.Line, _ = strconv.Atoi(line)
	}
	return n, errs
}

func encodeNetworkMember(n *care.NetworkMember) url.Values {
	v := url.Values{
		"name": {n.Name}, "role": {n.Role}, "organisation": {n.Organisation}, "line": {strconv.Itoa(n.Line)},
		"domain": {n.Domain}, "phone": {n.Phone}, "email": {n.Email}, "reachability": {n.Reachability},
		"responsibilities": {n.Responsibilities},
	}
	if n.AlwaysReachable {
		v.Set("always_reachable", "1")
	}
	if n.Bereavement {
		v.Set("bereavement", "1")
	}
	return v
}

// decodeContact reads a contact registration: only date, kind and with
// whom are needed, so it can be logged quickly on a phone.
func decodeContact(v url.Values) (care.Contact, Fields) {
	errs := Fields{}
	c := care.Contact{
		Date:        dateField(v, "date", errs),
		Kind:        choiceField(v, "kind", care.ContactKinds, true, errs),
		With:        choiceField(v, "with", care.ContactWith, true, errs),
		Location:    field(v, "location", care.MaxName, false, errs),
		DurationMin: numberField(v, "duration", errs),
		TravelMin:   numberField(v, "travel", errs),
		Topics:      field(v, "topics", care.MaxText, false, errs),
		FollowUp:    field(v, "follow_up", care.MaxText, false, errs),
	}
	return c, errs
}

// decodeIntensity reads a step up or down; the reason is required.
func decodeIntensity(v url.Values) (care.IntensityChange, Fields) {
	errs := Fields{}
	c := care.IntensityChange{
		Intensity:   care.Intensity(choiceField(v, "intensity", intensityValues(), true, errs)),
		NextContact: dateField(v, "next_contact", errs),
		Reason:      field(v, "reason", care.MaxText, true, errs),
	}
	return c, errs
}

// decodeTask reads a new task.
func decodeTask(v url.Values) (care.Task, Fields) {
	errs := Fields{}
	t := care.Task{
		Title:     field(v, "title", care.MaxShort, true, errs),
		OwnerKind: choiceField(v, "owner_kind", care.TaskOwners, true, errs),
		OwnerName: field(v, "owner_name", care.MaxName, false, errs),
		DueDate:   dateField(v, "due_date", errs),
	}
	return t, errs
}

// decodeDone reads what was done to close a task.
func decodeDone(v url.Values) (string, Fields) {
	errs := Fields{}
	return field(v, "done_note", care.MaxText, true, errs), errs
}

// decodeAssignment reads the choice of a case manager: which of the two and who.
func decodeAssignment(v url.Values) (kind string, account int64, errs Fields) {
	errs = Fields{}
	kind = choiceField(v, "kind", care.CaseManagerKinds, true, errs)
	s := strings.TrimSpace(v.Get("account"))
	if s == "" {
		errs["account"] = "field.required"
		return kind, 0, errs
	}
	account, err := strconv.ParseInt(s, 10, 64)
	if err != nil || account <= 0 {
		errs["account"] = "field.choose"
		return kind, 0, errs
	}
	return kind, account, errs
}
