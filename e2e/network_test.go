//go:build e2e

package e2e

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/site"
)

// TestFamilyProposesNetworkMember follows a proposal from the family to
// the file and back: a mother, on her phone, proposes her son's school for
// the network (first forgetting the name, which the page asks for without
// losing what she typed); the case manager sees the proposal on the family
// page and takes it over; the mother then finds the school in her network
// and her proposal marked as taken over.
func TestFamilyProposesNetworkMember(t *testing.T) {
	a := newApp(t, site.Config{})
	ctx := context.Background()
	cm := a.newUser("Carla Visser", "carla.visser@kct.test", care.RoleCaseManager, true)
	const child = "Daan Bos"
	fam := a.createFamily(cm, child, a.today().AddDate(-7, 0, 0))
	mother := a.addParent(cm, fam, "Sanne Bos", "moeder", "sanne@gezin.test", true)
	parent := a.newUser("Sanne Bos", "sanne@gezin.test", care.RoleFamily, true)
	if err := a.store.CreateLink(ctx, &care.Link{FamilyID: fam, AccountID: parent.ID, Kind: care.LinkParent, MemberID: mother.ID}); err != nil {
		t.Fatal(err)
	}
	a.addNetworkMember(cm, &care.NetworkMember{FamilyID: fam, Name: "Dr. Huisman", Role: "gp", Line: 1, Phone: "0475 000 112"})
	myPath := fmt.Sprintf("/my/families/%d", fam)
	familyPath := fmt.Sprintf("/families/%d", fam)

	// The mother, on her phone.
	pt := newBrowser(t, phone).newTab(a)
	pt.login(parent)
	pt.open(myPath)
	pt.openDetails("#propose-network summary")
	pt.wantText("#propose-network summary", "Iemand toevoegen aan jullie netwerk")
	pt.fill("#propose-organisation", "Basisschool")
	pt.selectOption("#propose-role", "school")
	pt.fill("#propose-phone", "0475 123 456")
	wantStatus(t, pt.click("#propose-network-submit"), http.StatusUnprocessableEntity)
	pt.wantText("#error-summary", "Je voorstel is nog niet verstuurd. Kijk de velden hieronder na.")
	pt.wantFieldError("propose-name", "Vul dit veld in.")
	for sel, want := range map[string]string{"#propose-organisation": "Basisschool", "#propose-role": "school", "#propose-phone": "0475 123 456"} {
		if got := pt.value(sel); got != want {
			t.Errorf("after the refusal %s holds %q, want %q", sel, got, want)
		}
	}
	if n := len(a.file(fam).Network); n != 1 {
		t.Errorf("a refused proposal changed the network: %d members", n)
	}
	pt.fill("#propose-name", "OBS De Regenboog")
	wantStatus(t, pt.click("#propose-network-submit"), http.StatusOK)
	pt.wantPath(myPath)
	pt.wantText("#saved", "Je voorstel is verstuurd. Je casemanager kijkt ernaar.")
	pt.wantTextContains("#my-proposals", "OBS De Regenboog")
	pt.wantTextContains("#my-proposals", "wacht op je casemanager")
	if n := len(a.file(fam).Network); n != 1 {
		t.Errorf("the proposal changed the network before the case manager answered: %d members", n)
	}

	// The case manager takes it over.
	ct := newBrowser(t, desktop).newTab(a)
	ct.login(cm)
	ct.open(familyPath)
	ct.wantTextContains("#family-proposals", "Nieuw in het netwerk: OBS De Regenboog")
	ct.wantTextContains("#family-proposals", "Voorgesteld door Sanne Bos")
	ids := eval[[]string](ct, `Array.from(document.querySelectorAll("#family-proposals button[id^=confirm-proposal-]"), b => b.id)`)
	if len(ids) != 1 {
		t.Fatalf("confirm buttons %q, want one", ids)
	}
	wantStatus(t, ct.click("#"+ids[0]), http.StatusOK)
	ct.wantPath(familyPath)
	if n := ct.count("#family-proposals"); n != 0 {
		t.Errorf("the answered proposal is still open on the family page")
	}
	row := strings.Join(ct.networkRow("OBS De Regenboog"), " | ")
	for _, want := range []string{"Basisschool", "0475 123 456", "school", "betrokken sinds " + dutchDate(a.today())} {
		if !strings.Contains(row, want) {
			t.Errorf("network row %q lacks %q", row, want)
		}
	}

	// The mother sees the answer.
	pt.open(myPath)
	pt.wantTextContains("#network", "OBS De Regenboog")
	pt.wantTextContains("#my-proposals", "overgenomen")
}

// TestFileBeforeBirth follows a case manager who opens a file during
// pregnancy with an expected date of birth (first one too far ahead, which
// the form refuses next to the field), sees "expected around" where an age
// would be, and after the birth completes the name and the date of birth.
func TestFileBeforeBirth(t *testing.T) {
	a := newApp(t, site.Config{})
	cm := a.newUser("Carla Visser", "carla.visser@kct.test", care.RoleCaseManager, true)
	today := a.today()
	tb := newBrowser(t, desktop).newTab(a)
	tb.login(cm)

	tb.open("/families/new")
	tb.fill("#child_name", "Baby Jansen")
	tb.choose("#unborn")
	tb.setDate("#expected_birth_date", isoDate(today.AddDate(1, 2, 0)))
	tb.selectOption("#sex", "unknown")
	tb.choose("#no_diagnosis")
	tb.fill("#reason", "Ernstige hartafwijking gezien bij de 20-wekenecho.")
	tb.choose(radio("status", "accepted"))
	tb.choose(radio("kind", "kct"))
	wantStatus(t, tb.submitForm(), http.StatusUnprocessableEntity)
	tb.wantFieldError("expected_birth_date", "Deze datum ligt meer dan tien maanden vooruit. Kijk de datum na.")
	if !tb.checked("#unborn") || tb.value("#child_name") != "Baby Jansen" {
		t.Errorf("the refused intake lost what was typed")
	}
	expected := today.AddDate(0, 3, 0)
	tb.setDate("#expected_birth_date", isoDate(expected))
	wantStatus(t, tb.submitForm(), http.StatusOK)
	id := tb.familyID()
	tb.wantText("#age", "verwacht rond "+dutchDate(expected))
	f := a.file(id)
	if !f.Family.Unborn || !f.Family.BirthDate.Equal(expected) {
		t.Fatalf("stored %+v", f.Family)
	}
	tb.open("/families")
	tb.wantTextContains("#caseload", "verwacht rond "+dutchDate(expected))

	// After the birth: the edit form records the name and the date.
	born := today.AddDate(0, 0, -2)
	tb.open(fmt.Sprintf("/families/%d/edit", id))
	if !tb.checked("#unborn") || tb.value("#expected_birth_date") != isoDate(expected) {
		t.Errorf("the edit form does not show the expected date")
	}
	tb.fill("#child_name", "Lotte Jansen")
	tb.step("untick 'nog niet geboren'", chromedp.Click(chromedp.CSS("#unborn")))
	if tb.checked("#unborn") {
		t.Fatal("could not untick 'nog niet geboren'")
	}
	tb.setDate("#birth_date", isoDate(born))
	tb.selectOption("#sex", "female")
	wantStatus(t, tb.submitForm(), http.StatusOK)
	tb.open(fmt.Sprintf("/families/%d", id))
	tb.wantText("h1", "Lotte Jansen")
	tb.wantTextContains("#age", "geboren "+dutchDate(born))
	if f := a.file(id); f.Family.Unborn || !f.Family.BirthDate.Equal(born) {
		t.Errorf("after the birth stored %+v", f.Family)
	}
}
