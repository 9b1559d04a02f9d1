package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/site"
	"github.com/spil-zorg/spil/internal/site/sitetest"
)

// The family's proposals over HTTP: a refused proposal keeps what was
// typed; a case manager of another family cannot answer it, not even
// through their own family's path; a decline with its reason reaches the
// parent.
func TestFamilyProposalsHTTP(t *testing.T) {
	forEachDB(t, site.Config{}, func(t *testing.T, a *app) {
		w := sitetest.NewPlanWorld(t, a)
		ctx := context.Background()
		mine := "/my/families/" + itoa(w.Fam)
		otherFam := w.Other.CreateFamily(intake("Bram", a.Day(-3, 0, 0)))

		p := w.Parent.Post(mine+"/network-proposals", url.Values{"kind": {"network_add"}, "name": {""}, "role": {"school"},
			"organisation": {"Basisschool De Regenboog"}, "email": {"geen adres"}})
		mustStatus(t, p, http.StatusUnprocessableEntity, "proposal without a name")
		if p.FieldError("propose-name") != "Vul dit veld in." || p.FieldError("propose-email") == "" {
			t.Errorf("errors: name %q, email %q", p.FieldError("propose-name"), p.FieldError("propose-email"))
		}
		if p.Value("propose-organisation") != "Basisschool De Regenboog" || p.Value("propose-email") != "geen adres" {
			t.Error("the refused proposal lost what was typed")
		}
		redirectsTo(t, w.Parent.Post(mine+"/network-proposals", url.Values{"kind": {"network_add"}, "name": {"De Regenboog"},
			"role": {"school"}, "phone": {"010-5556677"}}), mine+"?saved=proposal#proposals", "proposal")
		// A proposal about a provider of another family is refused at the field.
		otherNet := &care.NetworkMember{FamilyID: otherFam, Name: "Dr. Elders", Role: "gp"}
		if err := a.Store.SaveNetworkMember(ctx, otherNet); err != nil {
			t.Fatal(err)
		}
		p = w.Parent.Post(mine+"/network-proposals", url.Values{"kind": {"network_contact"}, "target": {itoa(otherNet.ID)}, "phone": {"1"}})
		mustStatus(t, p, http.StatusUnprocessableEntity, "proposal about another family's provider")

		props, err := a.Store.FamilyProposals(ctx, w.Fam)
		if err != nil || len(props) != 1 {
			t.Fatalf("proposals %v, %v", props, err)
		}
		pid := itoa(props[0].ID)
		mustStatus(t, w.Other.Post(familyPath(otherFam, "/family-proposals/"+pid), url.Values{"decision": {"confirm"}}),
			http.StatusNotFound, "answer through another family")
		mustStatus(t, w.Other.Post(familyPath(w.Fam, "/family-proposals/"+pid), url.Values{"decision": {"confirm"}}),
			http.StatusNotFound, "answer by another case manager")
		if props, _ := a.Store.FamilyProposals(ctx, w.Fam); props[0].Status != care.FamilyProposalOpen {
			t.Fatalf("a refused answer changed the proposal: %+v", props[0])
		}
		p = w.CM.Post(familyPath(w.Fam, "/family-proposals/"+pid), url.Values{"decision": {"decline"}, "answer": {strings.Repeat("x", 600)}})
		mustStatus(t, p, http.StatusUnprocessableEntity, "decline with a reason too long")
		if p.FieldError("answer-"+pid) == "" || len(p.Value("answer-"+pid)) != 600 {
			t.Errorf("a reason too long: error %q, kept %d characters", p.FieldError("answer-"+pid), len(p.Value("answer-"+pid)))
		}
		redirectsTo(t, w.CM.Post(familyPath(w.Fam, "/family-proposals/"+pid), url.Values{"decision": {"decline"},
			"answer": {"De school staat al bij de ouders van de klas"}}), familyPath(w.Fam, "#family-proposals"), "decline")
		view := w.Parent.Get(mine).Within("my-proposals")
		if !strings.Contains(view, "niet overgenomen") || !strings.Contains(view, "De school staat al bij de ouders van de klas") {
			t.Errorf("the parent's view of the answer: %q", view)
		}
		if f := w.CM.Get(familyPath(w.Fam, "")); f.Present("family-proposals") || strings.Contains(f.Within("network"), "De Regenboog") {
			t.Error("a declined proposal is still open, or was applied")
		}
	})
}

// Corrections over HTTP: an id of another family answers 404 and changes
// nothing; a refused correction keeps what was typed; a saved one shows
// who changed it and, on its form, what it said before.
func TestCorrectionsHTTP(t *testing.T) {
	forEachDB(t, site.Config{}, func(t *testing.T, a *app) {
		c, _ := a.CaseManager("carla@example.org")
		other, _ := a.CaseManager("bram@example.org")
		id := c.CreateFamily(intake("Noor", a.Day(-5, 0, 0)))
		otherFam := other.CreateFamily(intake("Bram", a.Day(-3, 0, 0)))
		parent := url.Values{"kind": {"parent"}, "name": {"Eva Jansen"}, "relation": {"moeder"}, "phone": {"06-1"}}
		redirectsTo(t, c.Post(familyPath(id, "/members"), parent), familyPath(id, "#members"), "add parent")
		redirectsTo(t, other.Post(familyPath(otherFam, "/members"), with(parent, "name", "Piet de Vries")), familyPath(otherFam, "#members"), "add other parent")
		ctx := context.Background()
		mineMembers, _ := a.Store.Members(ctx, id)
		theirs, _ := a.Store.Members(ctx, otherFam)
		mid, theirID := itoa(mineMembers[0].ID), itoa(theirs[0].ID)

		for _, path := range []string{familyPath(id, "/members/"+theirID), familyPath(otherFam, "/members/"+theirID)} {
			mustStatus(t, c.Post(path, with(parent, "name", "Overschreven")), http.StatusNotFound, "correct "+path)
			mustStatus(t, c.Get(path+"/edit"), http.StatusNotFound, "edit form "+path)
		}
		if got, _ := a.Store.Members(ctx, otherFam); got[0].Name != "Piet de Vries" {
			t.Errorf("another family's member changed: %+v", got[0])
		}

		p := c.Post(familyPath(id, "/members/"+mid), with(parent, "phone", "06-2", "ended_on", "gisteren"))
		mustStatus(t, p, http.StatusUnprocessableEntity, "correction with a bad date")
		if p.FieldError("ended_on") == "" || p.Value("phone") != "06-2" {
			t.Errorf("refused correction: error %q, phone kept %q", p.FieldError("ended_on"), p.Value("phone"))
		}
		redirectsTo(t, c.Post(familyPath(id, "/members/"+mid), with(parent, "phone", "06-2", "birth_date", "1990-02-03")), familyPath(id, "#members"), "correct")
		page := c.Get(familyPath(id, ""))
		if !strings.Contains(page.Within("member-"+mid), "Gewijzigd op") || !strings.Contains(page.Within("member-"+mid), "06-2") {
			t.Errorf("member after the correction: %q", page.Within("member-"+mid))
		}
		form := c.Get(familyPath(id, "/members/"+mid+"/edit"))
		if h := form.Within("changes"); !strings.Contains(h, "Telefoon: 06-1") || !strings.Contains(h, "Geboortedatum: —") {
			t.Errorf("earlier details on the form: %q", h)
		}

		// A contact, corrected.
		redirectsTo(t, c.Post(familyPath(id, "/contacts"), url.Values{"date": {a.Day(0, 0, -1)}, "kind": {"phone"}, "with": {"parent"},
			"topics": {"Slaap"}}), familyPath(id, "#contacts"), "contact")
		cs, _ := a.Store.Contacts(ctx, id, 0, 10)
		cid := itoa(cs[0].ID)
		mustStatus(t, other.Post(familyPath(otherFam, "/contacts/"+cid), url.Values{"date": {a.Day(0, 0, -1)}, "kind": {"video"}, "with": {"parent"}}),
			http.StatusNotFound, "correct a contact through another family")
		p = c.Post(familyPath(id, "/contacts/"+cid), url.Values{"date": {a.Day(0, 0, 3)}, "kind": {"phone"}, "with": {"parent"}, "topics": {"Slaap en eten"}})
		mustStatus(t, p, http.StatusUnprocessableEntity, "contact in the future")
		if p.FieldError("date") == "" || p.Value("topics") != "Slaap en eten" {
			t.Errorf("refused contact correction: error %q, topics %q", p.FieldError("date"), p.Value("topics"))
		}
		redirectsTo(t, c.Post(familyPath(id, "/contacts/"+cid), url.Values{"date": {a.Day(0, 0, -2)}, "kind": {"phone"}, "with": {"parent"},
			"topics": {"Slaap en eten"}}), familyPath(id, "#contacts"), "correct contact")
		if cs, _ := a.Store.Contacts(ctx, id, 0, 10); len(cs) != 1 || cs[0].Topics != "Slaap en eten" {
			t.Errorf("contacts after the correction: %+v", cs)
		}
		// The earlier date is written as the pages write dates, not as typed.
		if h := c.Get(familyPath(id, "/contacts/"+cid+"/edit")).Within("changes"); !strings.Contains(h, "Besproken: Slaap") ||
			!strings.Contains(h, "Datum: ") || strings.Contains(h, a.Day(0, 0, -1)) {
			t.Errorf("earlier details of the contact: %q", h)
		}
	})
}
