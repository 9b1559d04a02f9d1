package api

import (
	"errors"
	"fmt"
	"net/http"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"

	"github.com/spil-zorg/spil/internal/care"
)

// apiFuzzToday is the fixed "today" of the fuzz tests.
var apiFuzzToday = time.Date(2026, 6, 15, 10, 0, 0, 0, time.UTC)

// apiMembers lists the JSON member names of a request type, including those
// of embedded structs.
func apiMembers(t reflect.Type) []string {
	var out []string
	for i := range t.NumField() {
		f := t.Field(i)
		if f.Anonymous {
			out = append(out, apiMembers(f.Type)...)
			continue
		}
		out = append(out, strings.Split(f.Tag.Get("json"), ",")[0])
	}
	return out
}

// apiCheckRefusal checks a decoder's error: a 400 with a message, or field
// errors that name members of the request.
func apiCheckRefusal(t *testing.T, err error, req any) {
	t.Helper()
	var ae *apiError
	var fe care.FieldErrors
	switch {
	case errors.As(err, &ae):
		if ae.Status != http.StatusBadRequest || ae.Code != "bad_request" || ae.Message == "" {
			t.Fatalf("refusal %+v", ae)
		}
	case errors.As(err, &fe):
		members := apiMembers(reflect.TypeOf(req))
		if len(fe) == 0 {
			t.Fatal("empty field errors")
		}
		for k, v := range fe {
			if !slices.Contains(members, k) || v == "" {
				t.Fatalf("field error %s=%q names no member of %v", k, v, members)
			}
		}
	default:
		t.Fatalf("error of type %T: %v", err, err)
	}
}

// apiCheckText checks an accepted text: trimmed, readable and within max.
func apiCheckText(t *testing.T, name, v string, max int, required bool) {
	t.Helper()
	switch {
	case v != strings.TrimSpace(v):
		t.Fatalf("%s %q is not trimmed", name, v)
	case !utf8.ValidString(v) || strings.ContainsRune(v, 0):
		t.Fatalf("%s %q is not readable text", name, v)
	case utf8.RuneCountInString(v) > max:
		t.Fatalf("%s has %d characters, more than %d", name, utf8.RuneCountInString(v), max)
	case required && v == "":
		t.Fatalf("%s is empty", name)
	}
}

// apiCheckDate checks a decoded date: zero or midnight UTC in years 1-9999.
func apiCheckDate(t *testing.T, name string, d time.Time) {
	t.Helper()
	if d.IsZero() {
		return
	}
	if d.Location() != time.UTC || d != d.Truncate(24*time.Hour) || d.Year() < 1 || d.Year() > 9999 {
		t.Fatalf("%s %v is not a date", name, d)
	}
}

func apiCheckOneOf(t *testing.T, name, v string, allowed []string) {
	t.Helper()
	if !slices.Contains(allowed, v) {
		t.Fatalf("%s %q is not one of %v", name, v, allowed)
	}
}

func apiAddSeeds(f *testing.F, seeds ...string) {
	for _, s := range append(seeds,
		``, `null`, `[]`, `"x"`, `{}`, `{} {}`, `{"id": 1}`, `{"family_id": 1}`, `{"a": {"b": [1, 2, {"c": null}]}}`,
		"{\"x\": \"\xff\"}", `{"name": "\u0000"}`, `{"name": "a\ud800b"}`, `{`, `{"name": 1e400}`,
	) {
		f.Add([]byte(s))
	}
}

func checkFamily(t *testing.T, f *care.Family) {
	t.Helper()
	apiCheckText(t, "child_name", f.ChildName, care.MaxName, true)
	apiCheckDate(t, "birth_date", f.BirthDate)
	if f.BirthDate.IsZero() || f.BirthDate.After(care.DateOf(apiFuzzToday)) || f.BirthDate.Year() < 1900 {
		t.Fatalf("birth date %v accepted", f.BirthDate)
	}
	apiCheckOneOf(t, "sex", f.Sex, care.Sexes)
	if f.BSN != "" && !care.ValidBSN(f.BSN) {
		t.Fatalf("bsn %q accepted", f.BSN)
	}
	apiCheckText(t, "diagnosis", f.Diagnosis, care.MaxShort, false)
	if f.ICD10 != "" && (!care.ValidICD10(f.ICD10) || f.Diagnosis == "") {
		t.Fatalf("icd10 %q accepted", f.ICD10)
	}
	if len(f.Secondary) > apiMaxDiagnoses {
		t.Fatalf("%d secondary diagnoses accepted", len(f.Secondary))
	}
	for _, d := range f.Secondary {
		apiCheckText(t, "secondary description", d.Description, care.MaxShort, true)
		if d.ICD10 != "" && !care.ValidICD10(d.ICD10) {
			t.Fatalf("secondary icd10 %q accepted", d.ICD10)
		}
	}
	apiCheckText(t, "living_situation", f.LivingSituation, care.MaxText, false)
	apiCheckText(t, "culture_notes", f.CultureNotes, care.MaxText, false)
	apiCheckText(t, "summary", f.Summary, care.MaxText, false)
	if f.ID != 0 || f.OrganisationID != 0 {
		t.Fatalf("ids from the body: %d, %d", f.ID, f.OrganisationID)
	}
}

func checkEpisode(t *testing.T, e *care.Episode, birth time.Time, statuses []string) {
	t.Helper()
	today := care.DateOf(apiFuzzToday)
	apiCheckDate(t, "referral_date", e.ReferralDate)
	apiCheckDate(t, "status_date", e.StatusDate)
	if e.ReferralDate.IsZero() || e.ReferralDate.After(today) || e.ReferralDate.Before(birth) {
		t.Fatalf("referral date %v accepted (birth %v)", e.ReferralDate, birth)
	}
	if !e.StatusDate.IsZero() && (e.StatusDate.After(today) || e.StatusDate.Year() < 1900) {
		t.Fatalf("status date %v accepted", e.StatusDate)
	}
	apiCheckText(t, "referred_by", e.ReferredBy, care.MaxName, false)
	apiCheckText(t, "reason", e.Reason, care.MaxText, false)
	apiCheckOneOf(t, "surprise_question", e.SurpriseQuestion, care.SurpriseAnswers)
	apiCheckOneOf(t, "status", e.Status, statuses)
	apiCheckText(t, "status_note", e.StatusNote, care.MaxText, e.Status == "declined")
	apiCheckText(t, "division_of_tasks", e.DivisionOfTasks, care.MaxText, false)
	if e.FamilyID != 0 {
		t.Fatalf("family id %d from the body", e.FamilyID)
	}
}

func FuzzDecodeIntakeJSON(f *testing.F) {
	apiAddSeeds(f,
		`{"child_name": "Noor Yılmaz", "birth_date": "2019-03-14", "sex": "female", "bsn": "1112.22.333", "diagnosis": "SMA type 1",
		  "icd10": "g12.0", "secondary_diagnoses": [{"description": "Scoliose", "icd10": "M41.9"}], "intensity": "regular",
		  "next_contact": "2026-07-01", "referral_date": "2026-05-01", "surprise_question": "no", "status": "accepted", "kind": "kct"}`,
		`{"child_name": " Sem ", "birth_date": "2020-05-20", "sex": "male", "intensity": "waakvlam", "referral_date": "2020-05-20",
		  "surprise_question": "unknown", "status": "declined", "status_note": "Later", "status_date": "2026-06-15", "kind": "thuis",
		  "confirm_duplicate": true}`,
		`{"birth_date": "2019-02-29", "status": "ended", "next_contact": "0000-01-01"}`,
		`{"secondary_diagnoses": [{}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}]}`,
		`{"secondary_diagnoses": null, "child_name": null, "factor_wish": "ja"}`,
	)
	f.Fuzz(func(t *testing.T, body []byte) {
		in, err := decodeIntakeJSON(body, apiFuzzToday)
		if err != nil {
			apiCheckRefusal(t, err, apiIntakeIn{})
			return
		}
		apiCheckDate(t, "birth_date", in.Family.BirthDate)
		apiCheckDate(t, "next_contact", in.Family.NextContact)
		if len(in.Family.Secondary) > apiMaxDiagnoses {
			t.Fatalf("%d secondary diagnoses", len(in.Family.Secondary))
		}
		// What the service would accept stays within every limit.
		if in.Family.Validate(apiFuzzToday) != nil || in.Episode.Validate(apiFuzzToday, in.Family.BirthDate) != nil ||
			!slices.Contains(care.CaseManagerKinds, in.Kind) {
			return
		}
		checkFamily(t, &in.Family)
		checkEpisode(t, &in.Episode, in.Family.BirthDate, apiIntakeStatuses)
		apiCheckOneOf(t, "intensity", string(in.Family.Intensity), []string{"intensive", "regular", "waakvlam"})
	})
}

func FuzzDecodeFamilyJSON(f *testing.F) {
	apiAddSeeds(f,
		`{"child_name": "Noor Yılmaz-Demir", "birth_date": "2019-03-15", "sex": "female", "diagnosis": "SMA type 1", "icd10": "G12.0",
		  "secondary_diagnoses": [{"description": "Slikproblemen"}], "living_situation": "Zwolle", "summary": "Stabiel"}`,
		`{"child_name": "X", "birth_date": "1899-12-31", "sex": "other", "bsn": "123456789"}`,
		`{"child_name": "X", "birth_date": "2019-3-5", "sex": "unknown", "intensity": "regular"}`,
	)
	f.Fuzz(func(t *testing.T, body []byte) {
		fam, err := decodeFamilyJSON(body)
		if err != nil {
			apiCheckRefusal(t, err, apiChildIn{})
			return
		}
		apiCheckDate(t, "birth_date", fam.BirthDate)
		if fam.Intensity != "" || !fam.NextContact.IsZero() || fam.Deceased {
			t.Fatalf("the child's details set intensity %q, next contact %v, deceased %v", fam.Intensity, fam.NextContact, fam.Deceased)
		}
		fam.Intensity = care.Regular // kept from the file by the handler
		if fam.Validate(apiFuzzToday) != nil {
			return
		}
		checkFamily(t, &fam)
	})
}

func FuzzDecodeMemberJSON(f *testing.F) {
	apiAddSeeds(f,
		`{"kind": "parent", "name": "Elif Yılmaz", "relation": "moeder", "custody": true, "phone": "06-12345678",
		  "email": "elif@example.org", "language": "Turks", "birth_date": "1988-10-01", "notes": "Na 15 uur"}`,
		`{"kind": "sibling", "name": "Emre", "birth_date": "2030-01-01", "email": "Emre <emre@example.org>"}`,
	)
	f.Fuzz(func(t *testing.T, body []byte) {
		m, err := decodeMemberJSON(body)
		if err != nil {
			apiCheckRefusal(t, err, apiMemberIn{})
			return
		}
		apiCheckDate(t, "birth_date", m.BirthDate)
		if m.ID != 0 || m.FamilyID != 0 {
			t.Fatalf("ids from the body: %d, %d", m.ID, m.FamilyID)
		}
		if m.Validate(apiFuzzToday) != nil {
			return
		}
		apiCheckOneOf(t, "kind", m.Kind, care.MemberKinds)
		apiCheckText(t, "name", m.Name, care.MaxName, true)
		apiCheckText(t, "relation", m.Relation, care.MaxName, false)
		apiCheckText(t, "phone", m.Phone, 40, false)
		apiCheckText(t, "email", m.Email, 254, false)
		apiCheckText(t, "language", m.Language, care.MaxName, false)
		apiCheckText(t, "notes", m.Notes, care.MaxText, false)
		if !m.BirthDate.IsZero() && (m.BirthDate.After(care.DateOf(apiFuzzToday)) || m.BirthDate.Year() < 1900) {
			t.Fatalf("birth date %v accepted", m.BirthDate)
		}
	})
}

func FuzzDecodeNetworkJSON(f *testing.F) {
	apiAddSeeds(f,
		`{"name": "Dr. J. Mulder", "role": "gp", "organisation": "Huisartsenpraktijk De Linde", "line": 1, "domain": "medisch",
		  "phone": "038-4567890", "email": "praktijk@delinde.example", "reachability": "Werkdagen", "always_reachable": true,
		  "responsibilities": "Medicatie", "bereavement": true}`,
		`{"name": "Oma", "role": "informal", "line": -1}`,
		`{"name": "X", "role": "gp", "line": 9223372036854775808}`,
		`{"name": "X", "role": "gp", "line": 1.5}`,
	)
	f.Fuzz(func(t *testing.T, body []byte) {
		n, err := decodeNetworkJSON(body)
		if err != nil {
			apiCheckRefusal(t, err, apiNetworkIn{})
			return
		}
		if n.ID != 0 || n.FamilyID != 0 {
			t.Fatalf("ids from the body: %d, %d", n.ID, n.FamilyID)
		}
		if n.Validate() != nil {
			return
		}
		apiCheckText(t, "name", n.Name, care.MaxName, true)
		apiCheckOneOf(t, "role", n.Role, care.NetworkRoles)
		if n.Line < 0 || n.Line > 3 {
			t.Fatalf("line %d accepted", n.Line)
		}
		apiCheckText(t, "organisation", n.Organisation, care.MaxName, false)
		apiCheckText(t, "domain", n.Domain, care.MaxName, false)
		apiCheckText(t, "phone", n.Phone, 40, false)
		apiCheckText(t, "email", n.Email, 254, false)
		apiCheckText(t, "reachability", n.Reachability, care.MaxShort, false)
		apiCheckText(t, "responsibilities", n.Responsibilities, care.MaxText, false)
	})
}

func FuzzDecodeIntensityJSON(f *testing.F) {
	apiAddSeeds(f,
		`{"intensity": "intensive", "next_contact": "2026-06-18", "reason": "Opname PICU"}`,
		`{"intensity": "waakvlam", "next_contact": "2026-06-14", "reason": ""}`,
	)
	f.Fuzz(func(t *testing.T, body []byte) {
		c, err := decodeIntensityJSON(body)
		if err != nil {
			apiCheckRefusal(t, err, apiIntensityIn{})
			return
		}
		apiCheckDate(t, "next_contact", c.NextContact)
		if c.ID != 0 || c.FamilyID != 0 || !c.ChangedAt.IsZero() || c.ChangedBy.AccountID != 0 {
			t.Fatalf("server values from the body: %+v", c)
		}
		if c.Validate(apiFuzzToday) != nil {
			return
		}
		apiCheckOneOf(t, "intensity", string(c.Intensity), []string{"intensive", "regular", "waakvlam"})
		apiCheckText(t, "reason", c.Reason, care.MaxText, true)
		if !c.NextContact.IsZero() && c.NextContact.Before(care.DateOf(apiFuzzToday)) {
			t.Fatalf("next contact %v accepted", c.NextContact)
		}
	})
}

func FuzzDecodeContactJSON(f *testing.F) {
	apiAddSeeds(f,
		`{"date": "2026-06-14", "kind": "home_visit", "with": "both", "location": "Thuis", "duration_min": 90, "travel_min": 40,
		  "topics": "Nachtzorg", "follow_up": "PGB"}`,
		`{"date": "2026-06-16", "kind": "phone", "with": "parent", "duration_min": 1441, "travel_min": -1}`,
		`{"date": "2026-06-14", "kind": "phone", "with": "parent", "duration_min": 99999999999999999999}`,
	)
	birth := time.Date(2019, 3, 14, 0, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, body []byte) {
		c, err := decodeContactJSON(body)
		if err != nil {
			apiCheckRefusal(t, err, apiContactIn{})
			return
		}
		apiCheckDate(t, "date", c.Date)
		if c.ID != 0 || c.FamilyID != 0 || !c.CreatedAt.IsZero() || c.CreatedBy.AccountID != 0 {
			t.Fatalf("server values from the body: %+v", c)
		}
		if c.Validate(apiFuzzToday, birth) != nil {
			return
		}
		if c.Date.IsZero() || c.Date.After(care.DateOf(apiFuzzToday)) || c.Date.Before(birth) {
			t.Fatalf("date %v accepted", c.Date)
		}
		apiCheckOneOf(t, "kind", c.Kind, care.ContactKinds)
		apiCheckOneOf(t, "with", c.With, care.ContactWith)
		if c.DurationMin < 0 || c.DurationMin > 24*60 || c.TravelMin < 0 || c.TravelMin > 24*60 {
			t.Fatalf("minutes %d, %d accepted", c.DurationMin, c.TravelMin)
		}
		apiCheckText(t, "location", c.Location, care.MaxName, false)
		apiCheckText(t, "topics", c.Topics, care.MaxText, false)
		apiCheckText(t, "follow_up", c.FollowUp, care.MaxText, false)
	})
}

func FuzzDecodeTaskJSON(f *testing.F) {
	apiAddSeeds(f,
		`{"title": "Logeeropvang aanvragen", "owner_kind": "casemanager", "owner_name": "Anouk", "due_date": "2026-06-20"}`,
		`{"title": "Tillift", "owner_kind": "network", "due_date": "2025-06-14"}`,
		`{"title": "Tillift", "owner_kind": "family", "due_date": "2026-02-30", "status": "done"}`,
		`{"title": "Recept", "owner": {"kind": "network", "id": 12}, "due_date": "2026-06-20"}`,
		`{"title": "Recept", "owner": {"kind": "family"}, "owner_kind": "network"}`,
		`{"title": "Recept", "owner": {"kind": "parent", "id": 0}}`,
		`{"title": "Recept", "owner": {"kind": "family", "id": 3, "name": "x"}}`,
	)
	f.Fuzz(func(t *testing.T, body []byte) {
		task, err := decodeTaskJSON(body)
		if err != nil {
			apiCheckRefusal(t, err, apiTaskIn{})
			return
		}
		apiCheckDate(t, "due_date", task.DueDate)
		if o := task.Pick; !o.IsZero() {
			// A picked owner: a kind of the list, an id for a person and
			// none for the family; the kind and name come from the file.
			if !slices.Contains(care.OwnerKinds, o.Kind) || (o.Kind == care.OwnerFamily) != (o.ID == 0) || o.ID < 0 {
				t.Fatalf("owner %+v accepted", o)
			}
			if task.OwnerKind != "" || task.OwnerName != "" {
				t.Fatalf("owner_kind %q and owner_name %q kept beside a picked owner", task.OwnerKind, task.OwnerName)
			}
			return
		}
		if task.ID != 0 || task.FamilyID != 0 || task.Status != "" || task.DoneNote != "" || !task.DoneAt.IsZero() {
			t.Fatalf("server values from the body: %+v", task)
		}
		if task.Validate(apiFuzzToday) != nil {
			return
		}
		apiCheckText(t, "title", task.Title, care.MaxShort, true)
		apiCheckOneOf(t, "owner_kind", task.OwnerKind, care.TaskOwners)
		apiCheckText(t, "owner_name", task.OwnerName, care.MaxName, false)
		if !task.DueDate.IsZero() && task.DueDate.Before(care.DateOf(apiFuzzToday).AddDate(-1, 0, 0)) {
			t.Fatalf("due date %v accepted", task.DueDate)
		}
	})
}

func FuzzDecodeTaskDoneJSON(f *testing.F) {
	apiAddSeeds(f, `{"note": "Aangevraagd; intake op dinsdag"}`, `{"note": "  "}`, `{"done_note": "x"}`)
	f.Fuzz(func(t *testing.T, body []byte) {
		note, err := decodeTaskDoneJSON(body)
		if err != nil {
			apiCheckRefusal(t, err, apiTaskDoneIn{})
			return
		}
		if note != strings.TrimSpace(note) || !utf8.ValidString(note) {
			t.Fatalf("note %q", note)
		}
	})
}

func FuzzDecodeEpisodeJSON(f *testing.F) {
	apiAddSeeds(f,
		`{"referral_date": "2026-05-01", "referred_by": "Dr. M. de Vries", "reason": "Zorgvraag", "factor_wish": true,
		  "factor_complexity": true, "factor_capacity": false, "surprise_question": "yes", "status": "ended",
		  "status_date": "2026-06-15", "status_note": "Overleden", "division_of_tasks": "KCT: ziekenhuis"}`,
		`{"referral_date": "2026-05-01", "surprise_question": "no", "status": "declined"}`,
		`{"referral_date": "2026-05-01", "surprise_question": "no", "status": "offered", "status_date": "2026-06-16"}`,
	)
	birth := time.Date(2019, 3, 14, 0, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, body []byte) {
		e, err := decodeEpisodeJSON(body, apiFuzzToday)
		if err != nil {
			apiCheckRefusal(t, err, apiEpisodeIn{})
			return
		}
		if e.Validate(apiFuzzToday, birth) != nil {
			return
		}
		checkEpisode(t, &e, birth, care.EpisodeStatuses)
	})
}

// TestDecodeJSONExamples pins what the decoders make of a few bodies.
func TestDecodeJSONExamples(t *testing.T) {
	in, err := decodeIntakeJSON([]byte(`{"child_name": " Noor Yılmaz ", "birth_date": "2019-03-14", "sex": "female",
		"bsn": "1112 22 333", "diagnosis": "SMA type 1", "icd10": "g12.0", "secondary_diagnoses": [{"description": "Scoliose", "icd10": "m41.9"}],
		"intensity": "regular", "next_contact": "2026-07-01", "referral_date": "2026-05-01", "referred_by": "Dr. M. de Vries",
		"factor_wish": true, "surprise_question": "no", "status": "accepted", "kind": "kct", "confirm_duplicate": true}`), apiFuzzToday)
	if err != nil {
		t.Fatal(err)
	}
	want := care.Intake{
		Family: care.Family{
			ChildName: "Noor Yılmaz", BirthDate: time.Date(2019, 3, 14, 0, 0, 0, 0, time.UTC), Sex: "female", BSN: "111222333",
			Diagnosis: "SMA type 1", ICD10: "G12.0", Secondary: []care.Diagnosis{{Description: "Scoliose", ICD10: "M41.9"}},
			Intensity: care.Regular, NextContact: time.Date(2026, 7, 1, 0, 0, 0, 0, time.UTC),
		},
		Episode: care.Episode{
			ReferralDate: time.Date(2026, 5, 1, 0, 0, 0, 0, time.UTC), ReferredBy: "Dr. M. de Vries", FactorWish: true,
			SurpriseQuestion: "no", Status: "accepted",
		},
		Kind: "kct", ConfirmDuplicate: true,
	}
	if diff := cmp.Diff(want, in); diff != "" {
		t.Errorf("intake (-want +got):\n%s", diff)
	}

	_, err = decodeContactJSON([]byte(`{"date": "14-06-2026", "kind": "phone"}`))
	if diff := cmp.Diff(error(care.FieldErrors{"date": "date.invalid"}), err); diff != "" {
		t.Errorf("contact date (-want +got):\n%s", diff)
	}
	for body, msg := range map[string]string{
		`{"note": "x", "id": 3}`:      `unknown member "id": ids come from the path`,
		`{"note": ["x"]}`:             `member "note" must be a string`,
		`{"note": "x"} x`:             "nothing after it",
		`{"note": "x"`:                "ends too soon",
		`{"note" "x"}`:                "not valid JSON (at byte 9)",
		"\ufeff{\"note\": \"x\"}":     "must be a JSON object",
		`  {"note": "x"}  ` + "\n\t ": "",
	} {
		_, err := decodeTaskDoneJSON([]byte(body))
		var ae *apiError
		switch {
		case msg == "" && err != nil:
			t.Errorf("%q: %v", body, err)
		case msg != "" && (!errors.As(err, &ae) || !strings.Contains(ae.Message, msg)):
			t.Errorf("%q: %v, want a 400 saying %q", body, err, msg)
		}
	}
}

// TestAPIErrorOf pins the mapping of error kinds to statuses and codes.
func TestAPIErrorOf(t *testing.T) {
	tests := []struct {
		err    error
		status int
		code   string
	}{
		{care.FieldErrors{"duration": "contact.minutes", "done_note": "field.required"}, 422, "invalid"},
		{care.ErrPossibleDuplicate, 409, "possible_duplicate"},
		{care.Errorf(care.Conflict, "other"), 409, "conflict"},
		{care.Errorf(care.NotFound, "family not found"), 404, "not_found"},
		{care.Errorf(care.Forbidden, "no"), 404, "not_found"},
		{care.Errorf(care.Unauthorized, "session.none"), 401, "unauthorized"},
		{care.Errorf(care.TooMany, "slow down"), 429, "too_many"},
		{care.Errorf(care.Invalid, "form unreadable"), 400, "bad_request"},
		{errors.New("database on fire"), 500, "internal"},
		{fmt.Errorf("%w: database or disk is full", care.ErrStorageFull), 503, "storage_full"},
	}
	for _, tt := range tests {
		e := apiErrorOf(tt.err)
		if e.Status != tt.status || e.Code != tt.code || e.Message == "" {
			t.Errorf("%v: %d %s %q, want %d %s", tt.err, e.Status, e.Code, e.Message, tt.status, tt.code)
		}
		if strings.Contains(e.Message, "fire") || strings.Contains(e.Message, "session.none") {
			t.Errorf("%v: message %q passes on internals", tt.err, e.Message)
		}
	}
	if got := apiErrorOf(tests[0].err).Fields; !cmp.Equal(got, map[string]string{"duration_min": "contact.minutes", "note": "field.required"}) {
		t.Errorf("fields %v", got)
	}
}

// TestDuplicateMembersAreRefused: a member named twice in one object, in
// any case, is a 400; the same name in two objects is not a duplicate.
func TestDuplicateMembersAreRefused(t *testing.T) {
	for body, want := range map[string]string{
		`{"title":"a","title":"b"}`:                               "title",
		`{"title":"a","Title":"b"}`:                               "Title",
		`{"title":"a","owner_kind":"family","owner_kind":"x"}`:    "owner_kind",
		`{"title":"a","x":{"k":1,"k":2}}`:                         "k",
		`{"title":"a","x":[{"k":1},{"k":2}],"y":[1,[2,{"k":3}]]}`: "",
		`{"title":"a","x":{"title":"b"}}`:                         "",
		`{}`:                                                      "",
	} {
		if got := apiDuplicateMember([]byte(body)); got != want {
			t.Errorf("apiDuplicateMember(%s) = %q, want %q", body, got, want)
		}
	}
	_, err := decodeTaskJSON([]byte(`{"title":"Bellen","owner_kind":"family","title":"Mailen"}`))
	var ae *apiError
	if !errors.As(err, &ae) || ae.Status != http.StatusBadRequest || !strings.Contains(ae.Message, `"title" appears more than once`) {
		t.Errorf("a task with its title twice: %v", err)
	}
}

// FuzzDuplicateMember: whatever the body, finding a duplicate never
// panics; a name it finds is in the body twice (when written without
// escapes), and such a body is refused.
func FuzzDuplicateMember(f *testing.F) {
	for _, s := range []string{`{"a":1,"a":2}`, `{"a":{"b":[1,{"c":2,"C":3}]}}`, `[1,2]`, `{"a":`, `"x"`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		name := apiDuplicateMember(b)
		if name == "" {
			return
		}
		plain := strings.Trim(strings.ToLower(name), "abcdefghijklmnopqrstuvwxyz_") == ""
		if plain && strings.Count(strings.ToLower(string(b)), `"`+strings.ToLower(name)+`"`) < 2 {
			t.Errorf("%q: %q is not in it twice", b, name)
		}
		var v map[string]any
		if apiDecodeObject(b, &v) == nil {
			t.Errorf("%q has %q twice, and was taken", b, name)
		}
	})
}
