package api_test

import (
	"context"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/fhir"
	"github.com/spil-zorg/spil/internal/site"
	"github.com/spil-zorg/spil/internal/site/sitetest"
)

const fhirBSN = "111222333"

// fhirWorld is a plan world whose child has a BSN and a contact with the
// case manager: an Encounter in the case managers' file only.
func fhirWorld(t *testing.T, a *app) *sitetest.PlanWorld {
	t.Helper()
	w := sitetest.NewPlanWorld(t, a)
	ctx := context.Background()
	bsn := fhirBSN
	if err := a.Care.UpdateFamily(ctx, w.CMActor, w.Fam, care.FamilyUpdate{BSN: &bsn}); err != nil {
		t.Fatal(err)
	}
	c := &care.Contact{FamilyID: w.Fam, Date: a.Clock.Now().AddDate(0, 0, -2), Kind: "phone", With: "parent", DurationMin: 20}
	if err := a.Care.AddContact(ctx, w.CMActor, c); err != nil {
		t.Fatal(err)
	}
	// An aid with its document, a note and a conversation with a document.
	aid := &care.Aid{FamilyID: w.Fam, Kind: "bed", Via: care.LawZvw, Status: care.AidRequested, Requested: care.DateOf(a.Clock.Now())}
	if err := a.Care.SaveAid(ctx, w.CMActor, aid); err != nil {
		t.Fatal(err)
	}
	pdf := &care.Upload{FileName: "besluit.pdf", Content: []byte("%PDF-1.4\n%spil\n")}
	if _, err := a.Care.AttachCoverageDocument(ctx, w.CMActor, w.Fam, 0, aid.ID, "decision", pdf); err != nil {
		t.Fatal(err)
	}
	if err := a.Care.AddNote(ctx, w.ParentActor, care.ViewFamily, w.Fam, care.NoteWish, "Samen naar zee"); err != nil {
		t.Fatal(err)
	}
	letter := &care.Upload{FileName: "brief.pdf", Content: []byte("%PDF-1.4\n%brief\n")}
	if _, err := a.Care.StartThread(ctx, w.ParentActor, care.ViewFamily, w.Fam, "Vraag", "Kan het in juli?", letter); err != nil {
		t.Fatal(err)
	}
	return w
}

// fhirGet sends a FHIR request and checks the status and the content type,
// and that exactly want audit records were written about the family, the
// last with action (when want is 1).
func fhirGet(t *testing.T, w *sitetest.PlanWorld, c *client, path string, status int, audits int, action care.Action) any {
	t.Helper()
	before := fhirAudits(t, w)
	r := c.API(http.MethodGet, path, nil)
	if r.StatusCode != status {
		t.Fatalf("GET %s: %d, want %d\n%s", path, r.StatusCode, status, r.Raw)
	}
	if ct := r.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/fhir+json") {
		t.Errorf("GET %s: content type %q", path, ct)
	}
	after := fhirAudits(t, w)
	if len(after)-len(before) != audits {
		t.Errorf("GET %s: %d new audit records, want %d", path, len(after)-len(before), audits)
	} else if audits == 1 && after[len(after)-1].Action != action {
		t.Errorf("GET %s: audit action %q, want %q", path, after[len(after)-1].Action, action)
	}
	v := r.JSON(t)
	if status != http.StatusOK && apiAt(v, "resourceType") != "OperationOutcome" {
		t.Errorf("GET %s: error %s, want an OperationOutcome", path, r.Raw)
	}
	return v
}

func fhirAudits(t *testing.T, w *sitetest.PlanWorld) []care.AuditEvent {
	t.Helper()
	events, err := w.App.Store.FamilyAuditEvents(context.Background(), w.Fam)
	if err != nil {
		t.Fatal(err)
	}
	return events
}

// fhirTypes counts the resources of a Bundle by type.
func fhirTypes(v any) map[string]int {
	n := map[string]int{}
	entries, _ := apiAt(v, "entry").([]any)
	for _, e := range entries {
		if typ, ok := apiAt(e, "resource", "resourceType").(string); ok {
			n[typ]++
		}
	}
	return n
}

func fhirHasBSN(v any) bool {
	ids, _ := apiAt(v, "identifier").([]any)
	for _, id := range ids {
		if apiAt(id, "system") == "http://fhir.nl/fhir/NamingSystem/bsn" {
			return true
		}
	}
	return false
}

func TestFHIRReadAPI(t *testing.T) {
	forEachDB(t, site.Config{}, func(t *testing.T, a *app) {
		w := fhirWorld(t, a)
		child := "child-" + strconv.FormatInt(w.Fam, 10)
		base := "/fhir/R4/"

		// The case manager: one resource, the whole file, searches.
		p := fhirGet(t, w, w.CM, base+"Patient/"+child, http.StatusOK, 1, care.ActionRead)
		if apiAt(p, "resourceType") != "Patient" || apiAt(p, "id") != child || !fhirHasBSN(p) {
			t.Errorf("Patient for the case manager: %v", p)
		}
		all := fhirGet(t, w, w.CM, base+"Patient/"+child+"/$everything", http.StatusOK, 1, care.ActionExport)
		types := fhirTypes(all)
		entries, _ := apiAt(all, "entry").([]any)
		if apiAt(all, "type") != "searchset" || apiAt(all, "total") != float64(len(entries)) || types["Encounter"] == 0 || types["Task"] == 0 {
			t.Errorf("$everything for the case manager: total %v, types %v", apiAt(all, "total"), types)
		}
		if u, _ := apiAt(all, "entry", 0, "fullUrl").(string); !strings.HasPrefix(u, a.URL+"/fhir/R4/") {
			t.Errorf("fullUrl %q", u)
		}
		team := fhirGet(t, w, w.CM, base+"CareTeam?patient=Patient/"+child, http.StatusOK, 1, care.ActionSearch)
		if apiAt(team, "total") != 1.0 || apiAt(team, "entry", 0, "resource", "resourceType") != "CareTeam" {
			t.Errorf("CareTeam search: %v", team)
		}
		enc := fhirGet(t, w, w.CM, base+"Encounter?patient="+child, http.StatusOK, 1, care.ActionSearch)
		if apiAt(enc, "total") != float64(types["Encounter"]) {
			t.Errorf("Encounter search: total %v, want %d", apiAt(enc, "total"), types["Encounter"])
		}
		// Observations by code: the care wishes, found by their own code
		// and not by another.
		var wishSystem, wishCode string
		for _, e := range entries {
			if apiAt(e, "resource", "resourceType") == "Observation" && strings.HasPrefix(apiAt(e, "resource", "id").(string), "care-wishes-") {
				wishSystem, _ = apiAt(e, "resource", "code", "coding", 0, "system").(string)
				wishCode, _ = apiAt(e, "resource", "code", "coding", 0, "code").(string)
			}
		}
		if wishCode == "" {
			t.Fatalf("no care wishes Observation in the file: %v", types)
		}
		obs := fhirGet(t, w, w.CM, base+"Observation?patient="+child+"&code="+wishSystem+"|"+wishCode, http.StatusOK, 1, care.ActionSearch)
		if apiAt(obs, "total") != 1.0 || !strings.HasPrefix(apiAt(obs, "entry", 0, "resource", "id").(string), "care-wishes-") {
			t.Errorf("Observation by code: %v", obs)
		}
		none := fhirGet(t, w, w.CM, base+"Observation?patient="+child+"&code=no-such-code", http.StatusOK, 1, care.ActionSearch)
		if apiAt(none, "total") != 0.0 {
			t.Errorf("Observation by an unknown code: total %v", apiAt(none, "total"))
		}
		cons := fhirGet(t, w, w.CM, base+"Consent?patient="+child, http.StatusOK, 1, care.ActionSearch)
		if apiAt(cons, "total") != float64(types["Consent"]) || types["Consent"] == 0 {
			t.Errorf("Consent search: total %v, want %d", apiAt(cons, "total"), types["Consent"])
		}
		scope, _ := apiAt(cons, "entry", 0, "resource", "scope", "coding", 0, "code").(string)
		byScope := fhirGet(t, w, w.CM, base+"Consent?patient="+child+"&scope="+scope, http.StatusOK, 1, care.ActionSearch)
		if n, _ := apiAt(byScope, "total").(float64); n < 1 || n > float64(types["Consent"]) {
			t.Errorf("Consent by scope %q: total %v", scope, n)
		}

		// The Patient by BSN: only in the case manager's own caseload.
		byBSN := base + "Patient?identifier=http://fhir.nl/fhir/NamingSystem/bsn|" + fhirBSN
		pat := fhirGet(t, w, w.CM, byBSN, http.StatusOK, 1, care.ActionSearch)
		if apiAt(pat, "total") != 1.0 || apiAt(pat, "entry", 0, "resource", "id") != child || !fhirHasBSN(apiAt(pat, "entry", 0, "resource")) {
			t.Errorf("Patient by BSN for the case manager: %v", pat)
		}
		for who, c := range map[string]*client{"provider": w.GP, "unassigned case manager": w.Other} {
			if v := fhirGet(t, w, c, byBSN, http.StatusOK, 0, ""); apiAt(v, "total") != 0.0 {
				t.Errorf("Patient by BSN for the %s: %v", who, v)
			}
		}
		if v := fhirGet(t, w, w.CM, base+"Patient?identifier=http://fhir.nl/fhir/NamingSystem/bsn|123456782", http.StatusOK, 0, ""); apiAt(v, "total") != 0.0 {
			t.Errorf("Patient by another BSN: %v", v)
		}

		// Refused searches name the parameter, and read nothing.
		bad := fhirGet(t, w, w.CM, base+"Goal?patient="+child+"&_sort=date", http.StatusBadRequest, 0, "")
		if apiAt(bad, "issue", 0, "code") != "invalid" || apiAt(bad, "issue", 0, "expression", 0) != "_sort" {
			t.Errorf("unknown parameter: %v", bad)
		}
		fhirGet(t, w, w.CM, base+"Goal", http.StatusBadRequest, 0, "")
		fhirGet(t, w, w.CM, base+"Goal?patient="+child+"&patient="+child, http.StatusBadRequest, 0, "")
		// Not found: a resource not in the file, an id without a family, a
		// type the API does not serve.
		fhirGet(t, w, w.CM, base+"Goal/goal-"+strconv.FormatInt(w.Fam, 10)+"-999999", http.StatusNotFound, 1, care.ActionRead)
		fhirGet(t, w, w.CM, base+"Task/task-1", http.StatusNotFound, 0, "")
		fhirGet(t, w, w.CM, base+"Medication/"+child, http.StatusNotFound, 0, "")

		// The provider with consent: the provider's view.
		p = fhirGet(t, w, w.GP, base+"Patient/"+child, http.StatusOK, 1, care.ActionRead)
		if fhirHasBSN(p) {
			t.Errorf("the provider's Patient has the BSN: %v", p)
		}
		gpAll := fhirGet(t, w, w.GP, base+"Patient/"+child+"/$everything", http.StatusOK, 1, care.ActionExport)
		gpTypes := fhirTypes(gpAll)
		if gpTypes["Patient"] != 1 || gpTypes["Encounter"] != 0 || gpTypes["Task"] != 0 || gpTypes["CarePlan"] != 1 {
			t.Errorf("the provider's file: %v", gpTypes)
		}
		gpEnc := fhirGet(t, w, w.GP, base+"Encounter?patient="+child, http.StatusOK, 1, care.ActionSearch)
		if apiAt(gpEnc, "total") != 0.0 {
			t.Errorf("the provider finds Encounters: %v", gpEnc)
		}

		// Without consent, or not assigned: every route of the family is
		// not found, with one (denied) record.
		routes := map[string]care.Action{base + "Patient/" + child: care.ActionRead, base + "Patient/" + child + "/$everything": care.ActionExport,
			base + "CareTeam?patient=" + child: care.ActionSearch, base + "Observation?patient=" + child + "&code=x": care.ActionSearch,
			base + "CarePlan/izp-" + strconv.FormatInt(w.Fam, 10): care.ActionRead}
		for who, c := range map[string]*client{"nurse without consent": w.Nurse, "unassigned case manager": w.Other, "parent": w.Parent} {
			for path, action := range routes {
				before := fhirAudits(t, w)
				out := fhirGet(t, w, c, path, http.StatusNotFound, 1, action)
				if apiAt(out, "issue", 0, "code") != "not-found" {
					t.Errorf("%s %s: %v", who, path, out)
				}
				after := fhirAudits(t, w)
				if len(after) == len(before)+1 && after[len(after)-1].Outcome != care.OutcomeDenied {
					t.Errorf("%s %s: audit outcome %q", who, path, after[len(after)-1].Outcome)
				}
			}
		}
	})
}

func TestFHIRMetadataAndErrors(t *testing.T) {
	forEachDB(t, site.Config{}, func(t *testing.T, a *app) {
		w := fhirWorld(t, a)
		child := "child-" + strconv.FormatInt(w.Fam, 10)
		meta := fhirGet(t, w, w.CM, "/fhir/R4/metadata", http.StatusOK, 0, "")
		if apiAt(meta, "resourceType") != "CapabilityStatement" || apiAt(meta, "fhirVersion") != "4.0.1" {
			t.Fatalf("metadata: %v", meta)
		}
		profiles := map[string][]string{}
		searches := map[string][]string{}
		var everything bool
		resources, _ := apiAt(meta, "rest", 0, "resource").([]any)
		for _, r := range resources {
			typ := apiAt(r, "type").(string)
			for _, p := range apiAt(r, "supportedProfile").([]any) {
				profiles[typ] = append(profiles[typ], p.(string))
			}
			sp, _ := apiAt(r, "searchParam").([]any)
			for _, p := range sp {
				searches[typ] = append(searches[typ], apiAt(p, "name").(string))
			}
			if apiAt(r, "operation", 0, "name") == "everything" {
				everything = typ == "Patient"
			}
		}
		if !everything {
			t.Error("metadata has no Patient $everything")
		}
		wantSearch := map[string][]string{
			"Consent": {"patient", "scope", "category"}, "Observation": {"patient", "code"},
			"Goal": {"patient"}, "CarePlan": {"patient"}, "CareTeam": {"patient"}, "Task": {"patient"},
			"Encounter": {"patient"}, "Condition": {"patient"}, "RelatedPerson": {"patient"},
			"Patient": {"identifier"},
		}
		if len(searches) != len(wantSearch) {
			t.Errorf("searches %v, want %v", searches, wantSearch)
		}
		for typ, want := range wantSearch {
			if !slices.Equal(searches[typ], want) {
				t.Errorf("search parameters of %s: %v, want %v", typ, searches[typ], want)
			}
		}
		// Every resource of the whole file is of a listed type on a listed
		// profile, and every listed profile is one the export writes.
		written := map[string]bool{}
		for _, p := range []string{fhir.ProfilePatient, fhir.ProfileContactPerson, fhir.ProfilePractitioner, fhir.ProfilePractitionerRole,
			fhir.ProfileOrganization, fhir.ProfileCareTeam, fhir.ProfileProblem, fhir.ProfileEncounter, fhir.ProfileTreatmentObj,
			fhir.ProfileACPTreatmentDirective, fhir.ProfileACPPlaceOfDeath, fhir.ProfileACPProcedure, fhir.ProfileACPEncounter,
			fhir.ProfileACPCareWishes, fhir.ProfileACPOtherInfo, fhir.ProfileSpilEpisodeOfCare, fhir.ProfileSpilTask,
			fhir.ProfileSpilCarePlan, fhir.ProfileSpilProviderConsent, fhir.ProfileSpilMinutes, fhir.ProfileSpilCoverage,
			fhir.ProfileSpilDocument, fhir.ProfileSpilBinary, fhir.ProfileSpilDeviceRequest,
			fhir.ProfileSpilCarePlanVersion, fhir.ProfileSpilNote, fhir.ProfileSpilMessage,
			fhir.ProfileSpilAftercarePlan, fhir.ProfileSpilAftercareContact, fhir.ProfileSpilPlanProposal,
			fhir.ProfileSpilFamilyProposal} {
			written[p] = true
		}
		listed := 0
		for typ, ps := range profiles {
			for _, p := range ps {
				listed++
				if !written[p] {
					t.Errorf("metadata lists %s on %s, which the export does not write", typ, p)
				}
			}
		}
		if listed != len(written) {
			t.Errorf("metadata lists %d profiles, the export writes %d", listed, len(written))
		}
		all := fhirGet(t, w, w.CM, "/fhir/R4/Patient/"+child+"/$everything", http.StatusOK, 1, care.ActionExport)
		entries, _ := apiAt(all, "entry").([]any)
		for _, e := range entries {
			typ, _ := apiAt(e, "resource", "resourceType").(string)
			prof, _ := apiAt(e, "resource", "meta", "profile", 0).(string)
			if !slices.Contains(profiles[typ], prof) {
				t.Errorf("%s on %s is in the file, not in the metadata", typ, prof)
			}
		}

		// Errors are OperationOutcomes too: no session, a wrong method, an
		// unknown path.
		for _, c := range []struct {
			client *client
			method string
			path   string
			status int
			code   string
		}{
			{a.Client(), http.MethodGet, "/fhir/R4/Patient/" + child, http.StatusUnauthorized, "login"},
			{a.Client(), http.MethodGet, "/fhir/R4/metadata", http.StatusUnauthorized, "login"},
			{w.CM, http.MethodPost, "/fhir/R4/Patient", http.StatusMethodNotAllowed, "not-supported"},
			{w.CM, http.MethodDelete, "/fhir/R4/Patient/" + child, http.StatusMethodNotAllowed, "not-supported"},
			{w.CM, http.MethodGet, "/fhir/R4/Patient/" + child + "/_history", http.StatusNotFound, "not-found"},
			{w.CM, http.MethodGet, "/fhir/R5/metadata", http.StatusNotFound, "not-found"},
		} {
			r := c.client.API(c.method, c.path, nil)
			v := r.JSON(t)
			if r.StatusCode != c.status || apiAt(v, "resourceType") != "OperationOutcome" || apiAt(v, "issue", 0, "code") != c.code ||
				!strings.HasPrefix(r.Header.Get("Content-Type"), "application/fhir+json") {
				t.Errorf("%s %s: %d %s", c.method, c.path, r.StatusCode, r.Raw)
			}
		}
	})
}
