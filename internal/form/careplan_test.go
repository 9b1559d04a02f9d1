package form

import (
	"net/url"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/spil-zorg/spil/internal/care"
)

// The care plan form decoders read anything a browser (or anyone) posts.
// Each fuzz test checks that a decoder never panics, that what it accepts
// without an error is within the rules it promises, and that what it
// accepts comes back the same after being drawn into the form again.

func planSeeds(f *testing.F, seeds ...string) {
	for _, s := range seeds {
		f.Add(s)
	}
	f.Add("")
	f.Add("%00=%ff&situation=%ff")
	f.Add("version=1&" + strings.Repeat("goal_i1_text=x&", 3))
}

// okText reports whether s is what field() lets through.
func okText(s string, max int) bool {
	return utf8.ValidString(s) && !strings.ContainsRune(s, 0) && utf8.RuneCountInString(s) <= max && s == strings.TrimSpace(s)
}

func FuzzDecodeDimension(f *testing.F) {
	planSeeds(f,
		"situation=Stabiel&problem_i3_text=Benauwd&problem_i3_for=child&problem_i3_icd10=r06.0&goal_new_text=Slapen&goal_new_for=parents",
		"goal_i1_text=A&goal_i1_for=child&goal_i1_remove=1&goal_i2_text=B&goal_i2_for=family&action_new_title=Bellen&action_new_owner_kind=network&action_new_goal=i2",
		"action_new_title=X&action_new_owner_kind=family&action_new_goal=new&goal_new_text=Doel&goal_new_for=child&action_new_due_date=2026-02-30",
		"agreement_i01_text=x&agreement_i-1_text=y&agreement_ix_text=z&agreement_i99999999999_text=w",
		"action_new_owner_name=Juf&action_new_goal=i7",
		"problem_new_icd10=G40&problem_new_for=nobody",
	)
	f.Fuzz(func(t *testing.T, body string) {
		v, err := url.ParseQuery(body)
		if err != nil {
			return
		}
		form, errs := DecodeDimension(v, care.DimSocial)
		sec := form.Section
		if sec.Dimension != care.DimSocial {
			t.Fatalf("dimension %q", sec.Dimension)
		}
		for kind, items := range map[string][]care.PlanItem{"problem": sec.Problems, "goal": sec.Goals, "agreement": sec.Agreements} {
			for i, it := range items {
				if it.ID == "" && i != len(items)-1 || it.ID != "" && !ValidItemID(it.ID) || form.Removed[it.ID] {
					t.Fatalf("%s %d has ID %q (removed %v)", kind, i, it.ID, form.Removed)
				}
				fn := func(part string) string { return care.ItemField(kind, it.ID, part) }
				if !errs.Has(fn("text")) && (it.Text == "" || !okText(it.Text, care.MaxShort)) {
					t.Fatalf("%s text %q accepted", kind, it.Text)
				}
				if !errs.Has(fn("for")) && !slices.Contains(care.PlanFor, it.For) {
					t.Fatalf("%s for %q accepted", kind, it.For)
				}
				if kind != "problem" && it.ICD10 != "" || it.ICD10 != strings.ToUpper(it.ICD10) {
					t.Fatalf("%s ICD-10 %q", kind, it.ICD10)
				}
			}
		}
		if a := form.Action; a != nil {
			if a.PlanDimension != care.DimSocial {
				t.Fatalf("action for %q", a.PlanDimension)
			}
			if !errs.Has("action_new_goal") && a.PlanGoal != "" && a.PlanGoal != care.NewGoal &&
				!slices.ContainsFunc(sec.Goals, func(g care.PlanItem) bool { return g.ID == a.PlanGoal }) {
				t.Fatalf("action for goal %q, which the form does not have", a.PlanGoal)
			}
			if a.PlanGoal == care.NewGoal && (len(sec.Goals) == 0 || sec.Goals[len(sec.Goals)-1].ID != "") {
				t.Fatal("action for a new goal that is not there")
			}
			if !errs.Has("action_new_title") && (a.Title == "" || !okText(a.Title, care.MaxShort)) {
				t.Fatalf("action title %q accepted", a.Title)
			}
		}
		if len(errs) > 0 {
			return
		}
		again, errs2 := DecodeDimension(EncodeDimension(&sec), care.DimSocial)
		if len(errs2) > 0 || !reflect.DeepEqual(again.Section, sec) {
			t.Fatalf("round trip:\n%+v\n%+v\n%v", sec, again.Section, errs2)
		}
	})
}

func FuzzDecodeACP(f *testing.F) {
	planSeeds(f,
		"conversation_new_date=2025-01-02&conversation_new_participants=Ouders&conversation_new_topics=Reanimatie&conversation_new_record=HiX",
		"conversation_i4_date=2025-13-01&conversation_i4_participants=&conversation_i4_remove=1&conversation_i5_date=0999-01-01&conversation_i5_participants=x",
		"scenario_i2_topic=school&scenario_i2_what_if=Als&scenario_i2_arranged=Dan&scenario_new_topic=bogus",
		"directive_resuscitation_decision=no&directive_resuscitation_date=2025-01-01&directive_resuscitation_agreed_by=Ouders&directive_other_label=Sonde&directive_other_decision=yes_but",
		"place_of_care=not_now&place_of_death=home&place_of_death_detail=Thuis&care_wishes=Muziek&other=Hond",
		"place_of_care=moon&place_of_death=",
	)
	f.Fuzz(func(t *testing.T, body string) {
		v, err := url.ParseQuery(body)
		if err != nil {
			return
		}
		form, errs := DecodeACP(v)
		a := form.ACP
		for i, c := range a.Conversations {
			fn := func(part string) string { return care.ItemField("conversation", c.ID, part) }
			if c.ID == "" && i != len(a.Conversations)-1 || c.ID != "" && !ValidItemID(c.ID) || form.Removed[c.ID] {
				t.Fatalf("conversation %d has ID %q", i, c.ID)
			}
			if !errs.Has(fn("date")) && !c.Date.IsZero() && c.Date.Year() < 1000 {
				t.Fatalf("date %v accepted", c.Date)
			}
			if !errs.Has(fn("participants")) && (c.Participants == "" || !okText(c.Participants, care.MaxShort)) {
				t.Fatalf("participants %q accepted", c.Participants)
			}
		}
		for _, sc := range a.Scenarios {
			if !errs.Has(care.ItemField("scenario", sc.ID, "topic")) && !slices.Contains(care.ScenarioTopics, sc.Topic) {
				t.Fatalf("scenario topic %q accepted", sc.Topic)
			}
		}
		if len(a.Directives) != len(care.DirectiveKinds) {
			t.Fatalf("%d directives", len(a.Directives))
		}
		for i, d := range a.Directives {
			if d.Kind != care.DirectiveKinds[i] || d.Kind != "other" && d.Label != "" {
				t.Fatalf("directive %+v", d)
			}
			if !errs.Has(care.ItemField("directive", d.Kind, "decision")) && !slices.Contains(care.DirectiveDecisions, d.Decision) {
				t.Fatalf("decision %q accepted", d.Decision)
			}
		}
		for name, place := range map[string]string{"place_of_care": a.PlaceOfCare.Place, "place_of_death": a.PlaceOfDeath.Place} {
			if !errs.Has(name) && !slices.Contains(care.Places, place) {
				t.Fatalf("%s %q accepted", name, place)
			}
		}
		if len(errs) > 0 {
			return
		}
		again, errs2 := DecodeACP(EncodeACP(&a))
		if len(errs2) > 0 || !reflect.DeepEqual(again.ACP, a) {
			t.Fatalf("round trip:\n%+v\n%+v\n%v", a, again.ACP, errs2)
		}
	})
}

func FuzzDecodeReview(f *testing.F) {
	planSeeds(f, "review_months=3&review_due=2026-05-01&discussed_on=2026-01-02", "review_months=13", "review_months=0",
		"review_months=-1&review_due=x", "review_months=9999999999", "review_months=+4&discussed_on=2026-02-29", "review_months=%204%20")
	f.Fuzz(func(t *testing.T, body string) {
		v, err := url.ParseQuery(body)
		if err != nil {
			return
		}
		r, errs := DecodeReview(v)
		if !errs.Has("review_months") && (r.Months < 1 || r.Months > care.MaxReviewMonths) {
			t.Fatalf("%d months accepted", r.Months)
		}
		for name, d := range map[string]bool{"review_due": r.Due.IsZero() || r.Due.Year() >= 1000, "discussed_on": r.DiscussedOn.IsZero() || r.DiscussedOn.Year() >= 1000} {
			if !d && !errs.Has(name) {
				t.Fatalf("%s accepted: %+v", name, r)
			}
		}
		if len(errs) > 0 {
			return
		}
		again, errs2 := DecodeReview(EncodeReview(&care.CarePlan{ReviewMonths: r.Months, ReviewDue: r.Due, DiscussedOn: r.DiscussedOn}))
		if len(errs2) > 0 || again != r {
			t.Fatalf("round trip %+v → %+v %v", r, again, errs2)
		}
	})
}

func FuzzDecodeWishes(f *testing.F) {
	planSeeds(f, "wishes=Thuis%0Azijn&matters=Opa", "wishes=%20%20&matters="+strings.Repeat("x", care.MaxText+1))
	f.Fuzz(func(t *testing.T, body string) {
		v, err := url.ParseQuery(body)
		if err != nil {
			return
		}
		w, errs := DecodeWishes(v)
		for name, s := range map[string]string{"wishes": w.Wishes, "matters": w.Matters} {
			if !errs.Has(name) && !okText(s, care.MaxText) {
				t.Fatalf("%s %q accepted", name, s)
			}
		}
		if len(errs) > 0 {
			return
		}
		again, errs2 := DecodeWishes(EncodeWishes(&care.CarePlan{Wishes: w.Wishes, Matters: w.Matters}))
		if len(errs2) > 0 || again != w {
			t.Fatalf("round trip %+v → %+v", w, again)
		}
	})
}

func FuzzDecodeStart(f *testing.F) {
	planSeeds(f, "template_id=0", "template_id=12", "template_id=-3", "template_id=x", "template_id=%2012%20", "template_id=99999999999999999999")
	f.Fuzz(func(t *testing.T, body string) {
		v, err := url.ParseQuery(body)
		if err != nil {
			return
		}
		id, errs := DecodeStart(v)
		raw := strings.TrimSpace(v.Get("template_id"))
		switch {
		case errs.Has("template_id"):
			if id != 0 {
				t.Fatalf("%q: id %d with an error", raw, id)
			}
		case id < 0:
			t.Fatalf("%q: id %d", raw, id)
		case id == 0 && raw != "" && raw != "0":
			t.Fatalf("%q read as the default", raw)
		}
	})
}

func TestPostedIDs(t *testing.T) {
	v := url.Values{}
	for _, name := range []string{
		"goal_i12_text", "goal_i3_text", "goal_i0_text", // saved items, out of order
		"goal_new_text", "goal_i3_icd10", "problem_i5_text", // another row, part or kind
		"goal_i03_text", "goal_i-1_text", "goal_i_text", "goal_x3_text", "goal_i3x_text", "goal_i3_text_text", // not IDs
	} {
		v.Set(name, "x")
	}
	if got, want := PostedIDs(v, "goal", "text"), []string{"i0", "i3", "i12"}; !slices.Equal(got, want) {
		t.Errorf("postedIDs = %v, want %v", got, want)
	}
}

func TestDecodeRowsLimit(t *testing.T) {
	v := url.Values{"goal_i1_remove": {"on"}, "goal_new_text": {"Nieuw doel"}, "goal_new_for": {"child"}}
	for i := range MaxPlanItems + 1 {
		v.Set(care.ItemField("goal", "i"+strconv.Itoa(i), "text"), "Doel")
		v.Set(care.ItemField("goal", "i"+strconv.Itoa(i), "for"), "child")
	}
	f, errs := DecodeDimension(v, care.DimPhysical)
	if got := errs["goal_new_text"]; got != "careplan.edit.too_many" {
		t.Errorf("error at goal_new_text = %q, want careplan.edit.too_many (all: %v)", got, errs)
	}
	// The first maxPlanItems saved rows, less the removed one, then the new row.
	goals := f.Section.Goals
	if len(goals) != MaxPlanItems || goals[0].ID != "i0" || goals[1].ID != "i2" || goals[len(goals)-1].ID != "" {
		t.Errorf("%d goals, first %q %q, last %q", len(goals), goals[0].ID, goals[1].ID, goals[len(goals)-1].ID)
	}
	if !f.Removed["i1"] || len(f.Removed) != 1 {
		t.Errorf("removed %v, want i1", f.Removed)
	}

	v = url.Values{}
	for i := range MaxPlanItems + 1 {
		v.Set(care.ItemField("scenario", "i"+strconv.Itoa(i), "what_if"), "Als")
	}
	if _, errs := DecodeACP(v); errs["scenario_new_what_if"] != "careplan.edit.too_many" {
		t.Errorf("ACP errors %v, want too_many at scenario_new_what_if", errs)
	}
}

func FuzzDecodeProposal(f *testing.F) {
	for _, seed := range []string{
		"section=wishes&body=Thuis+blijven",
		"section=physical&body=",
		"section=school&body=x",
		"section=&body=%20%20",
		"section=spiritual&body=" + strings.Repeat("é", 4001),
		"section=social&body=%00",
		"section=social&body=%ff%fe",
		"section=wishes&section=acp&body=x",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, body string) {
		v, err := url.ParseQuery(body)
		if err != nil {
			return
		}
		p, errs := DecodeProposal(v)
		if !errs.Has("section") && !slices.Contains(care.ProposalSections, p.Section) {
			t.Fatalf("section %q accepted", p.Section)
		}
		if !errs.Has("body") {
			if strings.TrimSpace(p.Body) == "" || !utf8.ValidString(p.Body) || strings.ContainsRune(p.Body, 0) ||
				utf8.RuneCountInString(p.Body) > care.MaxText {
				t.Fatalf("body %q accepted", p.Body)
			}
		}
		if len(errs) == 0 {
			if err := p.Validate(); err != nil {
				t.Fatalf("decoded proposal fails validation: %v", err)
			}
		}
	})
}

func FuzzDecodeAnswer(f *testing.F) {
	for _, seed := range []string{
		"decision=accept&answer=",
		"decision=accept&answer=Mooi",
		"decision=decline&answer=",
		"decision=decline&answer=%20",
		"decision=decline&answer=Liever+niet",
		"decision=maybe&answer=x",
		"answer=x",
		"decision=decline&answer=" + strings.Repeat("a", 4001),
		"decision=decline&answer=%00",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, body string) {
		v, err := url.ParseQuery(body)
		if err != nil {
			return
		}
		accept, answer, errs := DecodeAnswer(v)
		d := v.Get("decision")
		if !errs.Has("decision") && d != "accept" && d != "decline" {
			t.Fatalf("decision %q accepted", d)
		}
		if accept && d != "accept" {
			t.Fatalf("decision %q read as accept", d)
		}
		if !errs.Has("answer") {
			if !utf8.ValidString(answer) || strings.ContainsRune(answer, 0) || utf8.RuneCountInString(answer) > care.MaxText {
				t.Fatalf("answer %q accepted", answer)
			}
			if d == "decline" && answer == "" {
				t.Fatal("a decline without an answer accepted")
			}
		}
	})
}
