package form

import (
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"

	"github.com/spil-zorg/spil/internal/care"
)

// The decoders read outside input: they must never panic, and what they
// accept must be within the form's limits. What both the decoder and the
// care validator accept is what gets stored.

var fuzzToday = time.Date(2026, 3, 15, 0, 0, 0, 0, time.UTC)

// formOf parses a fuzzed body; false when it is no form at all.
func formOf(body string) (url.Values, bool) {
	v, err := url.ParseQuery(body)
	return v, err == nil
}

func checkText(t *testing.T, errs Fields, name, got string, max int) {
	t.Helper()
	if errs.Has(name) {
		return
	}
	if !utf8.ValidString(got) || strings.ContainsRune(got, 0) || utf8.RuneCountInString(got) > max || got != strings.TrimSpace(got) {
		t.Fatalf("%s = %q accepted", name, got)
	}
}

func checkChoice(t *testing.T, errs Fields, name, got string, allowed []string) {
	t.Helper()
	if !errs.Has(name) && got != "" && !slices.Contains(allowed, got) {
		t.Fatalf("%s = %q accepted", name, got)
	}
}

func checkDate(t *testing.T, errs Fields, v url.Values, name string, got time.Time) {
	t.Helper()
	if errs.Has(name) {
		if errs[name] == "date.invalid" && !got.IsZero() {
			t.Fatalf("%s: unreadable but set to %v", name, got)
		}
		return
	}
	in := strings.TrimSpace(v.Get(name))
	if got.IsZero() != (in == "") || !got.IsZero() && (got.Format(time.DateOnly) != in || got.Location() != time.UTC || got.Hour() != 0) {
		t.Fatalf("%s: %q read as %v", name, in, got)
	}
}

func checkMinutes(t *testing.T, name string, n int) {
	t.Helper()
	if n < 0 || n > 24*60 {
		t.Fatalf("%s = %d stored", name, n)
	}
}

func FuzzDecodeIntake(f *testing.F) {
	for _, seed := range []string{
		"child_name=Sam&birth_date=2019-05-14&sex=female&diagnosis=SMA&icd10=g12.0&referral_date=2024-01-02&surprise_question=no&status=accepted&kind=kct&intensity=regular",
		"child_name=&birth_date=14-05-2019&sex=x&bsn=1234.56.782&no_diagnosis=1&icd10=G71.0&kind=thuis&intensity=waakvlam&next_contact=2026-13-01",
		"child_name=%00&birth_date=0000-01-01&summary=" + strings.Repeat("x", 4001) + "&status=ended&confirm_duplicate=on",
		"birth_date=+2019-05-14+&next_contact=2026-02-30&sex=unknown&diagnosis=%ff&factor_wish=1",
		"child_name=%3Cscript%3E&birth_date=9999-12-31&bsn=111222333&referral_date=1900-01-01",
		"birth_date=0001-01-01&next_contact=0999-12-31",
		"child_name=Baby+de+Vries&unborn=1&expected_birth_date=2026-09-01&sex=unknown&no_diagnosis=1&referral_date=2026-03-01&surprise_question=unknown&status=offered&kind=kct&intensity=regular",
		"unborn=on&birth_date=2019-05-14&expected_birth_date=",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, body string) {
		v, ok := formOf(body)
		if !ok {
			return
		}
		in, errs := DecodeIntake(v)
		fam, ep := in.Family, in.Episode
		checkText(t, errs, "child_name", fam.ChildName, care.MaxName)
		checkText(t, errs, "diagnosis", fam.Diagnosis, care.MaxShort)
		checkText(t, errs, "living_situation", fam.LivingSituation, care.MaxText)
		checkText(t, errs, "culture_notes", fam.CultureNotes, care.MaxText)
		checkText(t, errs, "summary", fam.Summary, care.MaxText)
		checkText(t, errs, "referred_by", ep.ReferredBy, care.MaxName)
		checkText(t, errs, "reason", ep.Reason, care.MaxText)
		checkChoice(t, errs, "sex", fam.Sex, care.Sexes)
		checkChoice(t, errs, "intensity", string(fam.Intensity), IntensityValues())
		checkChoice(t, errs, "kind", in.Kind, care.CaseManagerKinds)
		checkChoice(t, errs, "status", ep.Status, IntakeStatuses)
		checkChoice(t, errs, "surprise_question", ep.SurpriseQuestion, care.SurpriseAnswers)
		if !fam.Unborn {
			checkDate(t, errs, v, "birth_date", fam.BirthDate)
		}
		checkDate(t, errs, v, "referral_date", ep.ReferralDate)
		checkDate(t, errs, v, "next_contact", fam.NextContact)
		if !errs.Has("diagnosis") && (fam.Diagnosis == "") != (v.Get("no_diagnosis") != "") {
			t.Fatalf("diagnosis %q with no_diagnosis=%q accepted", fam.Diagnosis, v.Get("no_diagnosis"))
		}
		if fam.Unborn {
			checkDate(t, errs, v, "expected_birth_date", fam.BirthDate)
		}
		if len(errs) > 0 || fam.Validate(fuzzToday) != nil || ep.Validate(fuzzToday, fam.KnownBirth()) != nil {
			return
		}
		// Accepted by both: what would be stored.
		if fam.BSN != "" && !care.ValidBSN(fam.BSN) || fam.ICD10 != "" && (!care.ValidICD10(fam.ICD10) || fam.Diagnosis == "") {
			t.Fatalf("BSN %q or ICD-10 %q stored", fam.BSN, fam.ICD10)
		}
		if fam.Unborn && (fam.BirthDate.IsZero() || fam.BirthDate.After(fuzzToday.Add(care.MaxExpectedAhead))) {
			t.Fatalf("expected date %v stored", fam.BirthDate)
		}
		if !fam.Unborn && (fam.BirthDate.IsZero() || fam.BirthDate.After(fuzzToday) || ep.ReferralDate.Before(fam.BirthDate)) || ep.ReferralDate.After(fuzzToday) {
			t.Fatalf("dates %v / %v stored", fam.BirthDate, ep.ReferralDate)
		}
		if fam.ChildName == "" || fam.Sex == "" || in.Kind == "" || ep.Status == "" {
			t.Fatal("a required field is empty")
		}
	})
}

func FuzzDecodeContact(f *testing.F) {
	for _, seed := range []string{
		"date=2026-03-15&kind=home_visit&with=both&duration=90&travel=45&topics=school",
		"date=2026-03-16&kind=phone&with=parent",
		"date=&kind=fax&with=dog&duration=-5&travel=1441",
		"date=2026-02-29&duration=1e3&travel=%EF%BC%91&location=" + strings.Repeat("a", 201),
		"duration=9999999999999999999999&travel=+12&follow_up=%00",
	} {
		f.Add(seed)
	}
	birth := fuzzToday.AddDate(-3, 0, 0)
	f.Fuzz(func(t *testing.T, body string) {
		v, ok := formOf(body)
		if !ok {
			return
		}
		c, errs := DecodeContact(v)
		checkDate(t, errs, v, "date", c.Date)
		checkChoice(t, errs, "kind", c.Kind, care.ContactKinds)
		checkChoice(t, errs, "with", c.With, care.ContactWith)
		checkText(t, errs, "location", c.Location, care.MaxName)
		checkText(t, errs, "topics", c.Topics, care.MaxText)
		checkText(t, errs, "follow_up", c.FollowUp, care.MaxText)
		for _, n := range []string{"duration", "travel"} {
			if errs.Has(n) && errs[n] != "field.number" {
				t.Fatalf("%s: error %q", n, errs[n])
			}
		}
		if len(errs) > 0 || c.Validate(fuzzToday, birth) != nil {
			return
		}
		checkMinutes(t, "duration", c.DurationMin)
		checkMinutes(t, "travel", c.TravelMin)
		if c.Date.IsZero() || c.Date.After(fuzzToday) || c.Date.Before(birth) || c.Kind == "" || c.With == "" {
			t.Fatalf("contact %+v stored", c)
		}
	})
}

func FuzzDecodeTask(f *testing.F) {
	for _, seed := range []string{
		"title=Rolstoel&owner=network:12&due_date=2026-04-01",
		"title=&owner=boss&due_date=morgen",
		"title=" + strings.Repeat("%C3%A9", 501) + "&owner=family&due_date=1999-01-01",
		"title=x&owner=casemanager:3&due_date=2026-3-1",
		"title=x&owner=parent:007",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, body string) {
		v, ok := formOf(body)
		if !ok {
			return
		}
		task, errs := DecodeTask(v)
		checkText(t, errs, "title", task.Title, care.MaxShort)
		checkDate(t, errs, v, "due_date", task.DueDate)
		if !errs.Has("owner") && task.Pick.IsZero() {
			t.Fatalf("no owner picked, and no error: %+v", task)
		}
		if errs.Has("owner") && !task.Pick.IsZero() {
			t.Fatalf("an owner with an error: %+v", task)
		}
		if !errs.Has("owner") && task.Pick.String() != strings.TrimSpace(v.Get("owner")) {
			t.Fatalf("owner %q read as %+v", v.Get("owner"), task.Pick)
		}
		// The follow-up of a contact reads the same fields with a prefix.
		fv := url.Values{}
		for k, vs := range v {
			fv["task_"+k] = vs
		}
		ferrs := Fields{}
		follow := DecodeFollowUp(fv, ferrs)
		if follow == nil {
			if strings.TrimSpace(v.Get("title")+v.Get("owner")+v.Get("due_date")) != "" {
				t.Fatalf("a follow-up with %q dropped", body)
			}
		} else if follow.Title != task.Title || follow.Pick != task.Pick || !follow.DueDate.Equal(task.DueDate) || len(ferrs) != len(errs) {
			t.Fatalf("the follow-up %+v (%v) reads otherwise than the task %+v (%v)", follow, ferrs, task, errs)
		}
		note, nerrs := DecodeDone(v)
		checkText(t, nerrs, "done_note", note, care.MaxText)
		if !nerrs.Has("done_note") && note == "" {
			t.Fatal("empty done note accepted")
		}
	})
}

func FuzzDecodeNetworkMember(f *testing.F) {
	for _, seed := range []string{
		"name=Dr.+Visser&role=gp&line=1&always_reachable=1&responsibilities=Medicatie&bereavement=on&email=a%40b.nl",
		"name=&role=wizard&line=4&email=geen",
		"name=x&role=informal&line=&phone=" + strings.Repeat("1", 41),
		"name=x&role=school&line=-1&reachability=%00",
		"name=x&role=other&line=01",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, body string) {
		v, ok := formOf(body)
		if !ok {
			return
		}
		n, errs := DecodeNetworkMember(v)
		checkText(t, errs, "name", n.Name, care.MaxName)
		checkText(t, errs, "organisation", n.Organisation, care.MaxName)
		checkText(t, errs, "domain", n.Domain, care.MaxName)
		checkText(t, errs, "phone", n.Phone, 40)
		checkText(t, errs, "email", n.Email, 254)
		checkText(t, errs, "reachability", n.Reachability, care.MaxShort)
		checkText(t, errs, "responsibilities", n.Responsibilities, care.MaxText)
		checkChoice(t, errs, "role", n.Role, care.NetworkRoles)
		if n.Line < 0 || n.Line > 3 {
			t.Fatalf("line %d read", n.Line)
		}
		if len(errs) > 0 || n.Validate() != nil {
			return
		}
		if n.Name == "" || n.Role == "" {
			t.Fatalf("network member %+v stored", n)
		}
	})
}

func FuzzDecodeMember(f *testing.F) {
	for _, seed := range []string{
		"kind=parent&name=Ilse&relation=moeder&custody=1&phone=06&email=i%40example.org&birth_date=1985-02-03",
		"kind=&name=&birth_date=2030-01-01",
		"kind=dog&name=x&email=%3Cx%3E&birth_date=1899-12-31",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, body string) {
		v, ok := formOf(body)
		if !ok {
			return
		}
		m, errs := DecodeMember(v)
		checkChoice(t, errs, "kind", m.Kind, care.MemberKinds)
		checkText(t, errs, "name", m.Name, care.MaxName)
		checkText(t, errs, "relation", m.Relation, care.MaxName)
		checkText(t, errs, "notes", m.Notes, care.MaxText)
		checkDate(t, errs, v, "birth_date", m.BirthDate)
		if len(errs) > 0 || m.Validate(fuzzToday) != nil {
			return
		}
		if m.Name == "" || m.BirthDate.After(fuzzToday) {
			t.Fatalf("member %+v stored", m)
		}
	})
}

func FuzzDecodeIntensityAndEpisode(f *testing.F) {
	for _, seed := range []string{
		"intensity=waakvlam&next_contact=2026-06-01&reason=Stabiel&status=declined&status_note=Later&referral_date=2025-01-01&surprise_question=yes",
		"intensity=max&reason=&status=declined&referral_date=2030-01-01",
		"intensity=intensive&next_contact=2026-03-14&reason=x&status=ended&surprise_question=maybe",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, body string) {
		v, ok := formOf(body)
		if !ok {
			return
		}
		c, errs := DecodeIntensity(v)
		checkChoice(t, errs, "intensity", string(c.Intensity), IntensityValues())
		checkText(t, errs, "reason", c.Reason, care.MaxText)
		checkDate(t, errs, v, "next_contact", c.NextContact)
		if len(errs) == 0 && c.Validate(fuzzToday) == nil && (c.Reason == "" || c.Intensity == "" || !c.NextContact.IsZero() && c.NextContact.Before(fuzzToday)) {
			t.Fatalf("intensity change %+v stored", c)
		}
		e, eerrs := DecodeEpisode(v, care.EpisodeStatuses)
		checkChoice(t, eerrs, "status", e.Status, care.EpisodeStatuses)
		checkText(t, eerrs, "status_note", e.StatusNote, care.MaxText)
		checkText(t, eerrs, "division_of_tasks", e.DivisionOfTasks, care.MaxText)
		checkDate(t, eerrs, v, "referral_date", e.ReferralDate)
		if len(eerrs) == 0 && e.Status == "declined" && e.StatusNote == "" {
			t.Fatal("declined without a note accepted")
		}
		kind, account, aerrs := DecodeAssignment(v)
		checkChoice(t, aerrs, "kind", kind, care.CaseManagerKinds)
		if !aerrs.Has("account") && account <= 0 {
			t.Fatalf("account %d accepted", account)
		}
	})
}

// TestEncodeDecodeRoundTrip checks that the edit forms show what decoding
// reads back unchanged.
func TestEncodeDecodeRoundTrip(t *testing.T) {
	fam := care.Family{ChildName: "Sam", BirthDate: fuzzToday.AddDate(-5, 0, 0), Sex: "male", BSN: "111222333",
		Diagnosis: "SMA", ICD10: "G12.0", LivingSituation: "Thuis", CultureNotes: "Tolk", Summary: "Kort"}
	got, errs := DecodeFamily(EncodeFamily(&fam))
	if diff := cmp.Diff(fam, got); diff != "" || len(errs) > 0 {
		t.Errorf("family (-want +got):\n%s%v", diff, errs)
	}
	fam.Diagnosis, fam.ICD10 = "", ""
	got, errs = DecodeFamily(EncodeFamily(&fam))
	if diff := cmp.Diff(fam, got); diff != "" || len(errs) > 0 {
		t.Errorf("family without diagnosis (-want +got):\n%s%v", diff, errs)
	}
	n := care.NetworkMember{Name: "Dr. A", Role: "gp", Organisation: "Praktijk", Line: 1, Domain: "medisch", Phone: "010", Email: "a@b.nl",
		Reachability: "werkdagen", AlwaysReachable: true, Responsibilities: "Medicatie", Bereavement: true}
	if got, errs := DecodeNetworkMember(EncodeNetworkMember(&n)); len(errs) > 0 || got != n {
		t.Errorf("network member: %+v, %v", got, errs)
	}
	e := care.Episode{ReferralDate: fuzzToday, ReferredBy: "Kinderarts", Reason: "Complex", FactorWish: true, FactorCapacity: true,
		SurpriseQuestion: "no", Status: "declined", StatusNote: "Later", DivisionOfTasks: "KCT medisch"}
	if got, errs := DecodeEpisode(EncodeEpisode(&e), care.EpisodeStatuses); len(errs) > 0 || got != e {
		t.Errorf("episode: %+v, %v", got, errs)
	}
}
