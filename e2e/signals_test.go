//go:build e2e

package e2e

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/site"
)

// TestSignalsDashboard: a case manager lands on the dashboard with the
// signals of her family: an indication for home nursing ending in five
// weeks, no GP in the network. She puts the missing GP away for a day on
// the signal's own page (a first try with today is refused next to the
// field); it is gone, and back the next day. The mother reads on her own page, in plain words,
// that the indication ends and who renews it. The case manager follows
// the signal to the renewal, renews, and the signal is gone.
func TestSignalsDashboard(t *testing.T) {
	a := newApp(t, site.Config{})
	ctx := context.Background()
	svc := a.careService()
	cm := a.newUser("Carla Visser", "carla.visser@kct.test", care.RoleCaseManager, true)
	today := a.today()
	fam := a.createFamily(cm, "Noor Jansen", today.AddDate(-6, 0, 0))
	mother := a.addParent(cm, fam, "Eva Jansen", "moeder", "eva@gezin.test", true)
	eva := a.newUser("Eva Jansen", "eva@gezin.test", care.RoleFamily, true)
	a.linkAccount(cm, &care.Invitation{FamilyID: fam, Kind: care.LinkParent, MemberID: mother.ID, Email: eva.Email, Name: eva.Name}, eva)
	end := today.AddDate(0, 0, 35)
	nursing := &care.CoverageItem{FamilyID: fam, Kind: "home_nursing", Description: "Verpleging thuis, vijf dagen", Applicant: "casemanager"}
	if err := svc.AddCoverageItem(ctx, a.actor(cm), nursing, &care.CoveragePeriod{Law: care.LawZvw, Form: "zin",
		Status: care.CoverageGranted, HoursPerWeek: 10, Start: end.AddDate(-1, 0, 1), End: end, IndicatedBy: "nurse"}); err != nil {
		t.Fatal(err)
	}
	ending := `li[data-code="coverage_ending"]`
	noGP := `li[data-code="no_gp"]`
	gpID := fmt.Sprintf("%d.no_gp.", fam)

	b := newBrowser(t, phone)
	tb := b.newTab(a)
	tb.login(cm)
	tb.wantText("h1", "Welkom, Carla Visser")
	tb.wantText(fmt.Sprintf("#signals-family-%d h3", fam), "Noor Jansen")
	tb.wantText(ending+" a.signal-act", "Verpleging thuis loopt af op "+dutchDate(end)+"; verlenging door casemanager")
	tb.wantText(noGP+" a.signal-act", "Geen huisarts in het netwerk")
	tb.wantNoOverflow("dashboard on a phone")
	tb.screenshot("signals-dashboard-phone")

	// Put the missing GP away on its own page: today is refused, tomorrow
	// is taken.
	tb.click(noGP + " a.signal-ack-link")
	tb.wantPath("/signals/" + gpID)
	tb.wantText("#signal-text a.signal-act", "Geen huisarts in het netwerk")
	tb.setDate("#until", isoDate(today))
	tb.click(`#snooze-form button[type="submit"]`)
	tb.wantFieldError("until", "Kies een datum na vandaag.")
	tb.wantNoOverflow("a signal's page on a phone")
	tb.screenshot("signal-snooze-refused-phone")
	// The same page in English, and back.
	tb.click(".lang-switch button")
	tb.wantText("h1", "Signal for Noor Jansen")
	tb.wantText("#snooze-form button[type=\"submit\"]", "Put away")
	tb.wantNoOverflow("a signal's page on a phone in English")
	tb.screenshot("signal-page-phone-en")
	tb.click(".lang-switch button")
	tb.wantText("h1", "Signaal bij Noor Jansen")
	tb.setDate("#until", isoDate(today.AddDate(0, 0, 1)))
	tb.click(`#snooze-form button[type="submit"]`)
	tb.wantPath("/")
	tb.wantText("#ack-flash", "Het signaal is weggezet tot de gekozen datum.")
	if n := tb.count(noGP); n != 0 {
		t.Errorf("the snoozed signal still shows (%d)", n)
	}
	tb.wantTextContains("#signals-acknowledged", "1 signaal")
	acks, err := a.store.SignalAcks(ctx, care.SignalScope{FamilyID: fam})
	if err != nil || len(acks) != 1 || acks[0].Kind != care.AckSnooze || !acks[0].Until.Equal(today.AddDate(0, 0, 1)) {
		t.Errorf("acknowledgements %+v, %v", acks, err)
	}
	// The dashboard in English, and back.
	tb.click(".lang-switch button")
	tb.wantText("h1", "Welcome, Carla Visser")
	tb.wantText(fmt.Sprintf("#signals-family-%d h3", fam), "Noor Jansen")
	tb.wantTextContains(ending+" a.signal-act", "renewal by")
	tb.wantNoOverflow("dashboard on a phone in English")
	tb.screenshot("signals-dashboard-phone-en")
	tb.click(".lang-switch button")
	tb.wantText("h1", "Welkom, Carla Visser")

	// The mother sees the indication ending, in her own words.
	pb := newBrowser(t, phone)
	pt := pb.newTab(a)
	pt.login(eva)
	pt.open(fmt.Sprintf("/my/families/%d", fam))
	pt.wantTextContains("#family-signals", "De indicatie voor verpleging thuis loopt af op "+dutchDate(end)+
		". Wie de verlenging aanvraagt: jullie casemanager.")
	if n := pt.count(`#family-signals li[data-code="no_gp"]`); n != 0 {
		t.Error("the family sees the case managers' own signal")
	}
	pt.screenshot("signals-family-phone")

	// The next day the snooze has run out and the signal is back.
	tb.logout()
	a.clock.Advance(24 * time.Hour)
	tb.login(cm)
	tb.wantText(noGP+" a.signal-act", "Geen huisarts in het netwerk")

	// The caseload filters on the signal instead of a badge on every row.
	tb.open("/families")
	if n := tb.count(fmt.Sprintf("#family-%d .top-signal.sev", fam)); n != 1 {
		t.Errorf("the family's row has %d signal badges, want its most urgent one", n)
	}
	tb.wantText("#filter-coverage_ending", "Indicatie loopt af (1)")
	tb.click("#filter-coverage_ending")
	if n := tb.count(fmt.Sprintf("#family-%d", fam)); n != 1 {
		t.Errorf("the family is not in the coverage filter (%d)", n)
	}
	tb.wantNoOverflow("caseload on a phone")
	tb.screenshot("signals-caseload-phone")
	tb.click("#filter-admitted")
	tb.wantText("#filter-empty p", "Geen gezinnen met dit signaal.")
	tb.open("/")

	// One click to the renewal; once renewed, the signal is gone.
	tb.click(ending + " a.signal-act")
	tb.wantPath(fmt.Sprintf("/families/%d/coverage/%d/renew", fam, nursing.ID))
	tb.selectOption("#status", care.CoverageGranted)
	tb.fill("#hours", "10")
	tb.setDate("#end", isoDate(end.AddDate(1, 0, 0)))
	tb.submitForm()
	tb.wantPath(fmt.Sprintf("/families/%d/coverage", fam))
	tb.open("/")
	if n := tb.count(ending); n != 0 {
		t.Errorf("the renewed indication still shows as ending (%d)", n)
	}
	tb.wantText(noGP+" a.signal-act", "Geen huisarts in het netwerk")
	tb.emulate(desktop)
	tb.screenshot("signals-dashboard-desktop")
	tb.open("/families?sort=attention")
	tb.wantText("#filter-coverage_ending", "Indicatie loopt af (0)")
	tb.screenshot("signals-caseload-desktop")
}
