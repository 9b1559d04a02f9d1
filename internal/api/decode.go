package api

import (
	"slices"
	"strings"
	"time"

	"github.com/spil-zorg/spil/internal/care"
)

// Request bodies of the JSON API. Each decoder is a pure function from the
// body to the care value: a body it cannot read is a 400 (*apiError), a
// date it cannot read is a field error (care.FieldErrors, a 422). The rules
// on the values themselves (required, lengths, choices, date ranges) are
// care's, checked by the service. Ids never come from a body: no request
// type has an id member, so an "id" in a body is an unknown member (400).

// apiMaxDiagnoses bounds the secondary diagnoses of one child.
const apiMaxDiagnoses = 20

// apiChildIn is the child's details.
type apiChildIn struct {
	ChildName       string           `json:"child_name"`
	BirthDate       string           `json:"birth_date"`
	Unborn          bool             `json:"unborn"` // birth_date is then the expected date
	Sex             string           `json:"sex"`
	BSN             string           `json:"bsn"`
	Diagnosis       string           `json:"diagnosis"`
	ICD10           string           `json:"icd10"`
	Secondary       []apiDiagnosisIn `json:"secondary_diagnoses"`
	LivingSituation string           `json:"living_situation"`
	CultureNotes    string           `json:"culture_notes"`
	Summary         string           `json:"summary"`
}

type apiDiagnosisIn struct {
	Description string `json:"description"`
	ICD10       string `json:"icd10"`
}

// apiEpisodeIn is the referral and the family's decision.
type apiEpisodeIn struct {
	ReferralDate     string `json:"referral_date"`
	ReferredBy       string `json:"referred_by"`
	Reason           string `json:"reason"`
	FactorWish       bool   `json:"factor_wish"`
	FactorComplexity bool   `json:"factor_complexity"`
	FactorCapacity   bool   `json:"factor_capacity"`
	SurpriseQuestion string `json:"surprise_question"`
	Status           string `json:"status"`
	StatusDate       string `json:"status_date"`
	StatusNote       string `json:"status_note"`
	DivisionOfTasks  string `json:"division_of_tasks"`
}

// apiIntakeIn opens a family file: the child, the referral, the starting
// intensity and the role of the case manager who opens it.
type apiIntakeIn struct {
	apiChildIn
	apiEpisodeIn
	Intensity        string `json:"intensity"`
	NextContact      string `json:"next_contact"`
	Kind             string `json:"kind"`
	ConfirmDuplicate bool   `json:"confirm_duplicate"`
}

type apiMemberIn struct {
	Kind      string `json:"kind"`
	Name      string `json:"name"`
	Relation  string `json:"relation"`
	Custody   bool   `json:"custody"`
	Phone     string `json:"phone"`
	Email     string `json:"email"`
	Language  string `json:"language"`
	BirthDate string `json:"birth_date"`
	Notes     string `json:"notes"`
}

type apiNetworkIn struct {
	Name             string `json:"name"`
	Role             string `json:"role"`
	Organisation     string `json:"organisation"`
	Line             int    `json:"line"`
	Domain           string `json:"domain"`
	Phone            string `json:"phone"`
	Email            string `json:"email"`
	Reachability     string `json:"reachability"`
	AlwaysReachable  bool   `json:"always_reachable"`
	Responsibilities string `json:"responsibilities"`
	Bereavement      bool   `json:"bereavement"`
	StartedOn        string `json:"started_on"`
	EndedOn          string `json:"ended_on"`
}

type apiIntensityIn struct {
	Intensity   string `json:"intensity"`
	NextContact string `json:"next_contact"`
	Reason      string `json:"reason"`
}

type apiContactIn struct {
	Date        string `json:"date"`
	Kind        string `json:"kind"`
	With        string `json:"with"`
	Location    string `json:"location"`
	DurationMin int    `json:"duration_min"`
	TravelMin   int    `json:"travel_min"`
	// RegistrationMin is the time spent registering the contact.
	RegistrationMin int    `json:"registration_min"`
	Topics          string `json:"topics"`
	FollowUp        string `json:"follow_up"`
}

type apiTaskIn struct {
	Title     string `json:"title"`
	OwnerKind string `json:"owner_kind"`
	OwnerName string `json:"owner_name"`
	// Owner picks the owner from the people in the file; when it is
	// given, owner_kind and owner_name are taken from that person.
	Owner   *apiOwnerIn `json:"owner"`
	DueDate string      `json:"due_date"`
}

type apiTaskDoneIn struct {
	Note string `json:"note"`
}

// apiBSN takes the spaces and dots out of a BSN, as people write it
// (1234.56.782), like the pages do.
var apiBSN = strings.NewReplacer(" ", "", ".", "")

// apiIntakeStatuses are the decisions an intake can record, as on the
// intake page: "ended" needs a file first.
var apiIntakeStatuses = []string{"offered", "accepted", "declined"}

// apiDate reads an optional date as YYYY-MM-DD, giving midnight UTC; an
// unreadable one is a field error.
func apiDate(fe care.FieldErrors, field, v string) time.Time {
	v = strings.TrimSpace(v)
	if v == "" {
		return time.Time{}
	}
	d, err := time.Parse(time.DateOnly, v)
	if err != nil || len(v) != len(time.DateOnly) || d.Year() < 1 {
		fe[field] = "date.invalid"
		return time.Time{}
	}
	return d
}

func (in *apiChildIn) family(fe care.FieldErrors) care.Family {
	f := care.Family{
		ChildName:       strings.TrimSpace(in.ChildName),
		BirthDate:       apiDate(fe, "birth_date", in.BirthDate),
		Unborn:          in.Unborn,
		Sex:             strings.TrimSpace(in.Sex),
		BSN:             apiBSN.Replace(strings.TrimSpace(in.BSN)),
		Diagnosis:       strings.TrimSpace(in.Diagnosis),
		ICD10:           strings.ToUpper(strings.TrimSpace(in.ICD10)),
		LivingSituation: strings.TrimSpace(in.LivingSituation),
		CultureNotes:    strings.TrimSpace(in.CultureNotes),
		Summary:         strings.TrimSpace(in.Summary),
	}
	if len(in.Secondary) > apiMaxDiagnoses {
		fe["secondary_diagnoses"] = "field.too_long"
		return f
	}
	for _, d := range in.Secondary {
		f.Secondary = append(f.Secondary, care.Diagnosis{
			Description: strings.TrimSpace(d.Description), ICD10: strings.ToUpper(strings.TrimSpace(d.ICD10)),
		})
	}
	return f
}

func (in *apiEpisodeIn) episode(fe care.FieldErrors, today time.Time) care.Episode {
	e := care.Episode{
		ReferralDate:     apiDate(fe, "referral_date", in.ReferralDate),
		ReferredBy:       strings.TrimSpace(in.ReferredBy),
		Reason:           strings.TrimSpace(in.Reason),
		FactorWish:       in.FactorWish,
		FactorComplexity: in.FactorComplexity,
		FactorCapacity:   in.FactorCapacity,
		SurpriseQuestion: strings.TrimSpace(in.SurpriseQuestion),
		Status:           strings.TrimSpace(in.Status),
		StatusDate:       apiDate(fe, "status_date", in.StatusDate),
		StatusNote:       strings.TrimSpace(in.StatusNote),
		DivisionOfTasks:  strings.TrimSpace(in.DivisionOfTasks),
	}
	// Declining is respected; the note says what the family wants instead
	// (the pages ask the same).
	if e.Status == "declined" && e.StatusNote == "" {
		fe["status_note"] = "episode.note_required"
	}
	// The status date is the API's own member (the pages set it to the day
	// of the save), so its range is checked here.
	switch {
	case e.StatusDate.IsZero():
	case e.StatusDate.After(care.DateOf(today)):
		fe["status_date"] = "date.future"
	case e.StatusDate.Year() < 1900:
		fe["status_date"] = "date.too_old"
	}
	return e
}

// decodeIntakeJSON reads POST /api/v1/families; today bounds the status date.
func decodeIntakeJSON(b []byte, today time.Time) (care.Intake, error) {
	var in apiIntakeIn
	if err := apiDecodeObject(b, &in); err != nil {
		return care.Intake{}, err
	}
	fe := care.FieldErrors{}
	it := care.Intake{
		Family:           in.apiChildIn.family(fe),
		Episode:          in.apiEpisodeIn.episode(fe, today),
		Kind:             strings.TrimSpace(in.Kind),
		ConfirmDuplicate: in.ConfirmDuplicate,
	}
	if it.Episode.Status != "" && !slices.Contains(apiIntakeStatuses, it.Episode.Status) {
		fe["status"] = "field.choose"
	}
	it.Family.Intensity = care.Intensity(strings.TrimSpace(in.Intensity))
	it.Family.NextContact = apiDate(fe, "next_contact", in.NextContact)
	return it, fe.OrNil()
}

// decodeFamilyJSON reads PUT /api/v1/families/{id}: the child's details.
func decodeFamilyJSON(b []byte) (care.Family, error) {
	var in apiChildIn
	if err := apiDecodeObject(b, &in); err != nil {
		return care.Family{}, err
	}
	fe := care.FieldErrors{}
	f := in.family(fe)
	return f, fe.OrNil()
}

// decodeMemberJSON reads POST /api/v1/families/{id}/members.
func decodeMemberJSON(b []byte) (care.Member, error) {
	var in apiMemberIn
	if err := apiDecodeObject(b, &in); err != nil {
		return care.Member{}, err
	}
	fe := care.FieldErrors{}
	m := care.Member{
		Kind:      strings.TrimSpace(in.Kind),
		Name:      strings.TrimSpace(in.Name),
		Relation:  strings.TrimSpace(in.Relation),
		Custody:   in.Custody,
		Phone:     strings.TrimSpace(in.Phone),
		Email:     strings.TrimSpace(in.Email),
		Language:  strings.TrimSpace(in.Language),
		BirthDate: apiDate(fe, "birth_date", in.BirthDate),
		Notes:     strings.TrimSpace(in.Notes),
	}
	return m, fe.OrNil()
}

// decodeNetworkJSON reads a network member for POST and PUT.
func decodeNetworkJSON(b []byte) (care.NetworkMember, error) {
	var in apiNetworkIn
	if err := apiDecodeObject(b, &in); err != nil {
		return care.NetworkMember{}, err
	}
	fe := care.FieldErrors{}
	return care.NetworkMember{
		StartedOn:        apiDate(fe, "started_on", in.StartedOn),
		EndedOn:          apiDate(fe, "ended_on", in.EndedOn),
		Name:             strings.TrimSpace(in.Name),
		Role:             strings.TrimSpace(in.Role),
		Organisation:     strings.TrimSpace(in.Organisation),
		Line:             in.Line,
		Domain:           strings.TrimSpace(in.Domain),
		Phone:            strings.TrimSpace(in.Phone),
		Email:            strings.TrimSpace(in.Email),
		Reachability:     strings.TrimSpace(in.Reachability),
		AlwaysReachable:  in.AlwaysReachable,
		Responsibilities: strings.TrimSpace(in.Responsibilities),
		Bereavement:      in.Bereavement,
	}, fe.OrNil()
}

// decodeIntensityJSON reads POST /api/v1/families/{id}/intensity.
func decodeIntensityJSON(b []byte) (care.IntensityChange, error) {
	var in apiIntensityIn
	if err := apiDecodeObject(b, &in); err != nil {
		return care.IntensityChange{}, err
	}
	fe := care.FieldErrors{}
	c := care.IntensityChange{
		Intensity:   care.Intensity(strings.TrimSpace(in.Intensity)),
		NextContact: apiDate(fe, "next_contact", in.NextContact),
		Reason:      strings.TrimSpace(in.Reason),
	}
	return c, fe.OrNil()
}

// decodeContactJSON reads POST /api/v1/families/{id}/contacts.
func decodeContactJSON(b []byte) (care.Contact, error) {
	var in apiContactIn
	if err := apiDecodeObject(b, &in); err != nil {
		return care.Contact{}, err
	}
	fe := care.FieldErrors{}
	c := care.Contact{
		Date:            apiDate(fe, "date", in.Date),
		Kind:            strings.TrimSpace(in.Kind),
		With:            strings.TrimSpace(in.With),
		Location:        strings.TrimSpace(in.Location),
		DurationMin:     in.DurationMin,
		TravelMin:       in.TravelMin,
		RegistrationMin: in.RegistrationMin,
		Topics:          strings.TrimSpace(in.Topics),
		FollowUp:        strings.TrimSpace(in.FollowUp),
	}
	return c, fe.OrNil()
}

// decodeTaskJSON reads POST /api/v1/families/{id}/tasks.
func decodeTaskJSON(b []byte) (care.Task, error) {
	var in apiTaskIn
	if err := apiDecodeObject(b, &in); err != nil {
		return care.Task{}, err
	}
	fe := care.FieldErrors{}
	t := care.Task{
		Title:     strings.TrimSpace(in.Title),
		OwnerKind: strings.TrimSpace(in.OwnerKind),
		OwnerName: strings.TrimSpace(in.OwnerName),
		DueDate:   apiDate(fe, "due_date", in.DueDate),
	}
	if in.Owner != nil {
		t.Pick, t.OwnerKind, t.OwnerName = in.Owner.owner(fe), "", ""
	}
	return t, fe.OrNil()
}

// decodeTaskDoneJSON reads POST /api/v1/families/{id}/tasks/{tid}/done:
// the note of what was done.
func decodeTaskDoneJSON(b []byte) (string, error) {
	var in apiTaskDoneIn
	if err := apiDecodeObject(b, &in); err != nil {
		return "", err
	}
	return strings.TrimSpace(in.Note), nil
}

// decodeEpisodeJSON reads PUT /api/v1/families/{id}/episode; today bounds
// the status date.
func decodeEpisodeJSON(b []byte, today time.Time) (care.Episode, error) {
	var in apiEpisodeIn
	if err := apiDecodeObject(b, &in); err != nil {
		return care.Episode{}, err
	}
	fe := care.FieldErrors{}
	e := in.episode(fe, today)
	return e, fe.OrNil()
}
