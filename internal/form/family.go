package form

import (
	"net/url"
	"strconv"
	"strings"

	"github.com/spil-zorg/spil/internal/care"
)

// The decoders of the family file's forms: the child, the referral, the
// people around the family, contacts, tasks and invitations.

// DecodeFamily reads the child's details (the intake and the edit form).
// The diagnosis is either filled in or explicitly "not yet known".
func DecodeFamily(v url.Values) (care.Family, Fields) {
	errs := Fields{}
	f := care.Family{
		ChildName:       Field(v, "child_name", care.MaxName, true, errs),
		Sex:             OneOf(v, "sex", care.Sexes, true, errs),
		Unborn:          Checked(v, "unborn"),
		Diagnosis:       Field(v, "diagnosis", care.MaxShort, false, errs),
		LivingSituation: Field(v, "living_situation", care.MaxText, false, errs),
		CultureNotes:    Field(v, "culture_notes", care.MaxText, false, errs),
		Summary:         Field(v, "summary", care.MaxText, false, errs),
	}
	// People write a BSN with spaces or dots: 1234.56.782.
	if bsn := Field(v, "bsn", 20, false, errs); !errs.Has("bsn") {
		f.BSN = strings.NewReplacer(" ", "", ".", "").Replace(bsn)
	}
	if code := Field(v, "icd10", 20, false, errs); !errs.Has("icd10") {
		f.ICD10 = strings.ToUpper(code)
	}
	// Before birth the expected date stands in for the date of birth.
	if f.Unborn {
		f.BirthDate = Date(v, "expected_birth_date", errs)
	} else {
		f.BirthDate = Date(v, "birth_date", errs)
	}
	f.Secondary = secondaryField(v, errs)
	none := Checked(v, "no_diagnosis")
	switch {
	case errs.Has("diagnosis"):
	case none && f.Diagnosis != "":
		errs["diagnosis"] = "family.diagnosis_and_none"
	case !none && f.Diagnosis == "":
		errs["diagnosis"] = "family.diagnosis_or_none"
	}
	return f, errs
}

// MaxSecondary bounds the secondary diagnoses of one child.
const MaxSecondary = 20

// secondaryField reads secondary diagnoses: one per line, optionally with
// an ICD-10 code after a semicolon ("Epilepsie; G40.9").
func secondaryField(v url.Values, errs Fields) []care.Diagnosis {
	raw := Field(v, "secondary", MaxSecondary*(care.MaxShort+10), false, errs)
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
	if len(ds) > MaxSecondary {
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

// EncodeFamily is the inverse of DecodeFamily, to fill the edit form.
func EncodeFamily(f *care.Family) url.Values {
	v := url.Values{
		"child_name": {f.ChildName}, "birth_date": {ISODate(f.BirthDate)}, "sex": {f.Sex}, "bsn": {f.BSN},
		"diagnosis": {f.Diagnosis}, "icd10": {f.ICD10}, "living_situation": {f.LivingSituation},
		"culture_notes": {f.CultureNotes}, "summary": {f.Summary}, "secondary": {encodeSecondary(f.Secondary)},
	}
	if f.Diagnosis == "" {
		v.Set("no_diagnosis", "1")
	}
	if f.Unborn {
		v.Set("unborn", "1")
		v.Set("expected_birth_date", v.Get("birth_date"))
		v.Del("birth_date")
	}
	return v
}

// DecodeEpisode reads the referral and the family's decision.
func DecodeEpisode(v url.Values, statuses []string) (care.Episode, Fields) {
	errs := Fields{}
	e := care.Episode{
		ReferralDate:     Date(v, "referral_date", errs),
		ReferredBy:       Field(v, "referred_by", care.MaxName, false, errs),
		Reason:           Field(v, "reason", care.MaxText, false, errs),
		FactorWish:       Checked(v, "factor_wish"),
		FactorComplexity: Checked(v, "factor_complexity"),
		FactorCapacity:   Checked(v, "factor_capacity"),
		SurpriseQuestion: OneOf(v, "surprise_question", care.SurpriseAnswers, true, errs),
		Status:           OneOf(v, "status", statuses, true, errs),
		StatusNote:       Field(v, "status_note", care.MaxText, false, errs),
		DivisionOfTasks:  Field(v, "division_of_tasks", care.MaxText, false, errs),
	}
	// Declining is respected; the note says what the family wants instead.
	if e.Status == "declined" && e.StatusNote == "" && !errs.Has("status_note") {
		errs["status_note"] = "episode.note_required"
	}
	return e, errs
}

func EncodeEpisode(e *care.Episode) url.Values {
	v := url.Values{
		"referral_date": {ISODate(e.ReferralDate)}, "referred_by": {e.ReferredBy}, "reason": {e.Reason},
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

// IntakeStatuses are the decisions an intake can record; "ended" needs a
// file first.
var IntakeStatuses = []string{"offered", "accepted", "declined"}

// DecodeIntake reads a new family: the child, the referral and the role of
// the case manager opening the file.
func DecodeIntake(v url.Values) (care.Intake, Fields) {
	f, errs := DecodeFamily(v)
	e, eerrs := DecodeEpisode(v, IntakeStatuses)
	for k, msg := range eerrs {
		errs[k] = msg
	}
	f.Intensity = care.Intensity(OneOf(v, "intensity", IntensityValues(), true, errs))
	f.NextContact = Date(v, "next_contact", errs)
	return care.Intake{
		Family: f, Episode: e,
		Kind:             OneOf(v, "kind", care.CaseManagerKinds, true, errs),
		ConfirmDuplicate: Checked(v, "confirm_duplicate"),
	}, errs
}

func IntensityValues() []string {
	out := make([]string, len(care.Intensities))
	for i, in := range care.Intensities {
		out[i] = string(in)
	}
	return out
}

// DecodeMember reads a parent, carer, sibling or other family member.
func DecodeMember(v url.Values) (care.Member, Fields) {
	errs := Fields{}
	m := care.Member{
		Kind:      OneOf(v, "kind", care.MemberKinds, true, errs),
		Name:      Field(v, "name", care.MaxName, true, errs),
		Relation:  Field(v, "relation", care.MaxName, false, errs),
		Custody:   Checked(v, "custody"),
		Phone:     Field(v, "phone", 40, false, errs),
		Email:     Field(v, "email", 254, false, errs),
		Language:  Field(v, "language", care.MaxName, false, errs),
		BirthDate: Date(v, "birth_date", errs),
		Notes:     Field(v, "notes", care.MaxText, false, errs),
		EndedOn:   Date(v, "ended_on", errs),
	}
	return m, errs
}

// NetworkLines are the values of the line select: 0 is informal or other.
var NetworkLines = []string{"0", "1", "2", "3"}

// DecodeNetworkMember reads a provider or informal carer.
func DecodeNetworkMember(v url.Values) (care.NetworkMember, Fields) {
	errs := Fields{}
	n := care.NetworkMember{
		Name:             Field(v, "name", care.MaxName, true, errs),
		Role:             OneOf(v, "role", care.NetworkRoles, true, errs),
		Organisation:     Field(v, "organisation", care.MaxName, false, errs),
		Domain:           Field(v, "domain", care.MaxName, false, errs),
		Phone:            Field(v, "phone", 40, false, errs),
		Email:            Field(v, "email", 254, false, errs),
		Reachability:     Field(v, "reachability", care.MaxShort, false, errs),
		AlwaysReachable:  Checked(v, "always_reachable"),
		Responsibilities: Field(v, "responsibilities", care.MaxText, false, errs),
		Bereavement:      Checked(v, "bereavement"),
		StartedOn:        Date(v, "started_on", errs),
		EndedOn:          Date(v, "ended_on", errs),
	}
	if line := OneOf(v, "line", NetworkLines, false, errs); line != "" {
		n.Line, _ = strconv.Atoi(line)
	}
	return n, errs
}

func EncodeNetworkMember(n *care.NetworkMember) url.Values {
	v := url.Values{
		"name": {n.Name}, "role": {n.Role}, "organisation": {n.Organisation}, "line": {strconv.Itoa(n.Line)},
		"domain": {n.Domain}, "phone": {n.Phone}, "email": {n.Email}, "reachability": {n.Reachability},
		"responsibilities": {n.Responsibilities}, "started_on": {ISODate(n.StartedOn)}, "ended_on": {ISODate(n.EndedOn)},
	}
	if n.AlwaysReachable {
		v.Set("always_reachable", "1")
	}
	if n.Bereavement {
		v.Set("bereavement", "1")
	}
	return v
}

// DecodeContact reads a contact registration: only date, kind and with
// whom are needed, so it can be logged quickly on a phone.
func DecodeContact(v url.Values) (care.Contact, Fields) {
	errs := Fields{}
	c := care.Contact{
		Date:            Date(v, "date", errs),
		Kind:            OneOf(v, "kind", care.ContactKinds, true, errs),
		With:            OneOf(v, "with", care.ContactWith, true, errs),
		Location:        Field(v, "location", care.MaxName, false, errs),
		DurationMin:     Number(v, "duration", errs),
		TravelMin:       Number(v, "travel", errs),
		RegistrationMin: Number(v, "registration", errs),
		Topics:          Field(v, "topics", care.MaxText, false, errs),
		FollowUp:        Field(v, "follow_up", care.MaxText, false, errs),
	}
	return c, errs
}

// DecodeIntensity reads a step up or down; the reason is required.
func DecodeIntensity(v url.Values) (care.IntensityChange, Fields) {
	errs := Fields{}
	c := care.IntensityChange{
		Intensity:   care.Intensity(OneOf(v, "intensity", IntensityValues(), true, errs)),
		NextContact: Date(v, "next_contact", errs),
		Reason:      Field(v, "reason", care.MaxText, true, errs),
	}
	return c, errs
}

// DecodeDone reads what was done to close a task.
func DecodeDone(v url.Values) (string, Fields) {
	errs := Fields{}
	return Field(v, "done_note", care.MaxText, true, errs), errs
}

// DecodeAssignment reads the choice of a case manager: which of the two and who.
func DecodeAssignment(v url.Values) (kind string, account int64, errs Fields) {
	errs = Fields{}
	kind = OneOf(v, "kind", care.CaseManagerKinds, true, errs)
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

// DecodeInvitation reads the invite form; ids that are not numbers are
// not a choice.
func DecodeInvitation(v url.Values) (care.Invitation, Fields) {
	errs := Fields{}
	inv := care.Invitation{
		Kind:  Field(v, "kind", 20, false, errs),
		Name:  Field(v, "name", care.MaxName, false, errs),
		Email: Field(v, "email", 254, false, errs),
	}
	for name, id := range map[string]*int64{"member": &inv.MemberID, "network_member": &inv.NetworkMemberID} {
		if s := strings.TrimSpace(v.Get(name)); s != "" {
			n, err := strconv.ParseInt(s, 10, 64)
			if err != nil || n <= 0 {
				errs[name] = "field.choose"
				continue
			}
			*id = n
		}
	}
	return inv, errs
}
