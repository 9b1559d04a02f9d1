package form

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/spil-zorg/spil/internal/care"
)

// TestDeathRoundTrip checks that what the correction form shows is read
// back as the same record, naming the record it corrects.
func TestDeathRoundTrip(t *testing.T) {
	r := care.DeathRecord{ID: 7, DiedOn: time.Date(2026, 2, 10, 0, 0, 0, 0, time.UTC), DiedTime: "03:10", Place: care.DeathHospital,
		PlaceName: "Sophia", PreferredPlace: care.DeathHome, PreferredMet: "no", QualityNote: "onrustig"}
	got, errs := DecodeDeath(EncodeDeath(&r))
	want := r
	want.ID, want.Corrects = 0, 7
	if len(errs) > 0 || got != want {
		t.Errorf("round trip = %+v, %v; want %+v", got, errs, want)
	}
	if _, errs := DecodeDeath(EncodeDeath(&care.DeathRecord{Place: care.DeathHome})); errs["died_on"] != "field.required" {
		t.Errorf("no date: %v", errs)
	}
	if _, errs := DecodeDeath(map[string][]string{"died_on": {"2026-02-10"}, "place": {"home"}, "corrects": {"-3"}}); !errs.Has("corrects") {
		t.Errorf("a negative record id is accepted: %v", errs)
	}
}

// TestAftercareRoundTrip checks the plan's form reads back the plan, and
// that an emptied date takes a contact out.
func TestAftercareRoundTrip(t *testing.T) {
	d := func(m, day int) time.Time { return time.Date(2026, time.Month(m), day, 0, 0, 0, 0, time.UTC) }
	a := care.Aftercare{
		People:   []care.AftercarePerson{{NetworkID: 4, Wishes: "rust"}, {MemberID: 9, Supporter: "Rouwcentrum"}},
		Contacts: []care.AftercareContact{{ID: 1, DueOn: d(3, 24), DoneOn: d(3, 24)}, {ID: 2, DueOn: d(5, 10), Note: "thuis"}},
	}
	got, errs := DecodeAftercare(EncodeAftercare(&a))
	if len(errs) > 0 || !reflect.DeepEqual(got, a) {
		t.Errorf("round trip = %+v, %v; want %+v", got, errs, a)
	}
	v := EncodeAftercare(&a)
	v.Set("contacts.1.due_on", "")
	v.Set("contacts.2.due_on", "2026-06-01")
	got, errs = DecodeAftercare(v)
	if len(errs) > 0 || len(got.Contacts) != 2 || got.Contacts[1].ID != 0 || !got.Contacts[1].DueOn.Equal(d(6, 1)) {
		t.Errorf("emptied and added = %+v, %v", got.Contacts, errs)
	}
	v.Set("contacts.3.note", "zonder datum")
	if _, errs = DecodeAftercare(v); errs["contacts.3.due_on"] != "field.required" {
		t.Errorf("a new contact without a date: %v", errs)
	}
}

func FuzzDecodeDeath(f *testing.F) {
	for _, seed := range []string{
		"died_on=2026-02-10&died_time=03:10&place=home&preferred_place=home&preferred_met=yes",
		"died_on=2026-02-10&place=hospital&place_name=Sophia&corrects=12&reason=tijd",
		"died_on=gisteren&died_time=25:99&place=castle&preferred_met=maybe&corrects=x",
		"quality_note=" + strings.Repeat("x", 5000) + "&place_name=%ff",
		"died_on=%00&corrects=-1&corrects=99999999999999999999",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, body string) {
		v, ok := formOf(body)
		if !ok {
			return
		}
		r, errs := DecodeDeath(v)
		checkChoice(t, errs, "place", r.Place, care.DeathPlaces)
		checkChoice(t, errs, "preferred_place", r.PreferredPlace, care.DeathPlaces)
		checkChoice(t, errs, "preferred_met", r.PreferredMet, care.DeathMetAnswers)
		checkText(t, errs, "place_name", r.PlaceName, care.MaxName)
		checkText(t, errs, "quality_note", r.QualityNote, care.MaxText)
		checkText(t, errs, "reason", r.Reason, care.MaxShort)
		checkDate(t, errs, v, "died_on", r.DiedOn)
		if !errs.Has("died_on") && r.DiedOn.IsZero() {
			t.Fatalf("no date accepted")
		}
		if r.Corrects < 0 {
			t.Fatalf("corrects = %d", r.Corrects)
		}
	})
}

func FuzzDecodeAftercare(f *testing.F) {
	for _, seed := range []string{
		"people.0.member=parents&people.0.network=4&people.0.wishes=rust&people.1.member=9&people.1.supporter=Rouwcentrum",
		"contacts.0.id=1&contacts.0.due_on=2026-03-24&contacts.0.done=1&contacts.1.due_on=2026-05-10&contacts.1.note=thuis",
		"people.0.member=-1&people.0.network=x&contacts.0.id=0&contacts.0.due_on=2026-02-30",
		"contacts.20.due_on=2026-01-01&contacts.21.due_on=2026-01-02&people.29.member=parents",
		"contacts.0.note=" + strings.Repeat("y", 600) + "&people.0.member=parents&people.0.wishes=%ff",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, body string) {
		v, ok := formOf(body)
		if !ok {
			return
		}
		a, errs := DecodeAftercare(v)
		if len(a.Contacts) > care.MaxAftercareContacts+1 || len(a.People) > MaxAftercarePeople {
			t.Fatalf("%d contacts, %d people", len(a.Contacts), len(a.People))
		}
		for _, p := range a.People {
			if p.MemberID < 0 || p.NetworkID < 0 {
				t.Fatalf("person = %+v", p)
			}
		}
		for i, c := range a.Contacts {
			if c.DueOn.IsZero() && len(errs) == 0 {
				t.Fatalf("contact %d without a date accepted", i)
			}
			if c.ID < 0 {
				t.Fatalf("contact = %+v", c)
			}
		}
	})
}

func FuzzDecodeTaskChoice(f *testing.F) {
	for _, seed := range []string{"task=1&task=2", "task=x", "task=-1", "task=99999999999999999999", ""} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, body string) {
		v, ok := formOf(body)
		if !ok {
			return
		}
		ids, errs := DecodeTaskChoice(v, 5)
		if len(errs) == 0 && len(ids) != len(v["task"]) || len(ids) > 5 {
			t.Fatalf("ids = %v for %v, %v", ids, v["task"], errs)
		}
		for _, id := range ids {
			if id <= 0 {
				t.Fatalf("id %d", id)
			}
		}
	})
}

func FuzzParseAftercareOffsets(f *testing.F) {
	for _, seed := range []string{"6w 3m 1y", "6w,3m,1j", "0w", "999y", "", "w", "6x", "1y 1y 1y 1y 1y 1y 1y 1y 1y 1y 1y 1y 1y 1y 1y 1y 1y 1y 1y 1y 1y"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, s string) {
		canon, err := care.ParseAftercareOffsets(s)
		if err != nil {
			return
		}
		again, err := care.ParseAftercareOffsets(canon)
		if err != nil || again != canon {
			t.Fatalf("canonical %q reads as %q, %v", canon, again, err)
		}
		died := time.Date(2026, 2, 10, 0, 0, 0, 0, time.UTC)
		dates := care.AftercareDates(canon, died)
		if len(dates) == 0 || len(dates) > care.MaxAftercareContacts {
			t.Fatalf("%q gives %d dates", canon, len(dates))
		}
		for _, d := range dates {
			if !d.After(died) || d.After(died.AddDate(5, 0, 1)) {
				t.Fatalf("%q gives %v", canon, d)
			}
		}
	})
}
