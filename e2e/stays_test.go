//go:build e2e

package e2e

import (
	"context"
	"fmt"
	"testing"

	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/site"
)

// TestStaysAcuteAdmission: on a phone, a case manager records that a child
// who was at home was admitted acutely to the PICU (after a first try
// that ends before it starts, and a respite stay refused for overlapping
// her time at home), and sees it on the stays page, the family page and
// the caseload. The mother, on her own page, reads where her daughter is.
func TestStaysAcuteAdmission(t *testing.T) {
	a := newApp(t, site.Config{})
	ctx := context.Background()
	svc := a.careService()
	cm := a.newUser("Carla Visser", "carla.visser@kct.test", care.RoleCaseManager, true)
	today := a.today()
	fam := a.createFamily(cm, "Noor Jansen", today.AddDate(-6, 0, 0))
	mother := a.addParent(cm, fam, "Eva Jansen", "moeder", "eva@gezin.test", true)
	eva := a.newUser("Eva Jansen", "eva@gezin.test", care.RoleFamily, true)
	a.linkAccount(cm, &care.Invitation{FamilyID: fam, Kind: care.LinkParent, MemberID: mother.ID, Email: eva.Email, Name: eva.Name}, eva)
	home := &care.Stay{FamilyID: fam, Kind: care.StayHome, Place: "bij moeder", Start: today.AddDate(0, 0, -200)}
	if err := svc.SaveStay(ctx, a.actor(cm), home); err != nil {
		t.Fatal(err)
	}
	stays := func() []care.Stay {
		t.Helper()
		ss, err := a.store.Stays(ctx, fam)
		if err != nil {
			t.Fatal(err)
		}
		return ss
	}
	path := func(rest string) string { return fmt.Sprintf("/families/%d%s", fam, rest) }
	admitted := today.AddDate(0, 0, -1)

	b := newBrowser(t, phone)
	tb := b.newTab(a)
	tb.login(cm)
	tb.open(path(""))
	tb.wantTextContains("#stay-now", "Thuis (bij moeder) sinds "+dutchDate(home.Start))
	tb.click("#stays-link")
	tb.wantPath(path("/stays"))
	tb.click("#add-stay")
	tb.selectOption("#kind", care.StayAcademicHospital)
	tb.fill("#place", "Wilhelmina Kinderziekenhuis")
	tb.selectOption("#unit", care.StayPICU)
	tb.choose("#acute")
	tb.setDate("#start", isoDate(admitted))
	tb.setDate("#end", isoDate(admitted.AddDate(0, 0, -2)))
	tb.submitForm()
	tb.wantFieldError("end", "De einddatum moet na de begindatum liggen: het is de dag van vertrek.")
	if got := tb.value("#place"); got != "Wilhelmina Kinderziekenhuis" || !tb.checked("#acute") {
		tb.fail("the form lost what was typed: place %q, acute %v", got, tb.checked("#acute"))
	}
	if n := len(stays()); n != 1 {
		tb.fail("%d stays after a refused form, want 1", n)
	}
	tb.setDate("#end", "")
	tb.submitForm()
	tb.wantPath(path("/stays"))
	tb.wantText("#saved", "Het verblijf is vastgelegd.")
	now := "Opgenomen in Wilhelmina Kinderziekenhuis (PICU) sinds " + dutchDate(admitted) + ", acuut"
	tb.wantTextContains("#stay-now", now)
	tb.wantText("#figures-admissions", "1")
	tb.wantText("#figures-days", "2") // yesterday and today
	// The stay at home ended on the day of the admission.
	if ss := stays(); len(ss) != 2 || !ss[1].End.Equal(admitted) {
		tb.fail("stays after the admission: %+v", ss)
	}
	tb.screenshot("stays-phone")

	// A respite weekend during the time at home overlaps it: refused.
	tb.click("#add-stay")
	tb.selectOption("#kind", care.StayRespite)
	tb.fill("#place", "Logeerhuis De Vlinder")
	tb.setDate("#start", isoDate(today.AddDate(0, 0, -30)))
	tb.setDate("#end", isoDate(today.AddDate(0, 0, -28)))
	tb.submitForm()
	tb.wantFieldError("start", "Op deze dagen was het kind al ergens anders. Pas de datums aan of corrigeer eerst het andere verblijf.")
	if n := len(stays()); n != 2 {
		tb.fail("%d stays after an overlap, want 2", n)
	}

	// The family page and the caseload say so.
	tb.open(path(""))
	tb.wantTextContains("#stay-admitted", now)
	tb.open("/families")
	tb.wantText(fmt.Sprintf("#family-%d .admitted", fam), "Opgenomen")

	// The mother reads where Noor is, in plain words.
	et := b.newTab(a)
	et.login(eva)
	et.open(fmt.Sprintf("/my/families/%d", fam))
	et.wantText("#stay-now", "Noor Jansen is opgenomen in Wilhelmina Kinderziekenhuis (PICU), sinds "+dutchDate(admitted)+".")
	et.screenshot("stays-family-phone")
}
