//go:build e2e

package e2e

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/site"
)

// TestJourneyTimeline: on a phone, a case manager opens Daan's timeline
// from his family page and finds in it, as a list and as bands of the
// picture, his stays, his financing and what happened; his mother opens
// the same timeline from her own page, in her words.
func TestJourneyTimeline(t *testing.T) {
	a := newApp(t, site.Config{})
	ctx := context.Background()
	svc := a.careService()
	cm := a.newUser("Carla Visser", "carla.visser@kct.test", care.RoleCaseManager, true)
	today := a.today()
	fam := a.createFamily(cm, "Daan Hermans", today.AddDate(-11, 0, -20))
	mother := a.addParent(cm, fam, "Ilse Hermans", "moeder", "ilse@gezin.test", true)
	ilse := a.newUser("Ilse Hermans", "ilse@gezin.test", care.RoleFamily, true)
	a.linkAccount(cm, &care.Invitation{FamilyID: fam, Kind: care.LinkParent, MemberID: mother.ID, Email: ilse.Email, Name: ilse.Name}, ilse)
	actor := a.actor(cm)
	day := func(n int) care.Stay { return care.Stay{FamilyID: fam, Start: today.AddDate(0, 0, n)} }
	stays := []care.Stay{day(-300), day(-120), day(-115), day(-40), day(-36)}
	stays[0].Kind, stays[0].Place, stays[0].End = care.StayHome, "thuis in Zeist", today.AddDate(0, 0, -120)
	stays[1].Kind, stays[1].Place, stays[1].Acute, stays[1].End = care.StayGeneralHospital, "Meander Medisch Centrum", true, today.AddDate(0, 0, -115)
	stays[2].Kind, stays[2].Place, stays[2].End = care.StayHome, "thuis in Zeist", today.AddDate(0, 0, -40)
	stays[3].Kind, stays[3].Place, stays[3].End = care.StayRespite, "Logeerhuis De Vlinder", today.AddDate(0, 0, -36)
	stays[4].Kind, stays[4].Place = care.StayHome, "thuis in Zeist"
	for i := range stays {
		if err := svc.SaveStay(ctx, actor, &stays[i]); err != nil {
			t.Fatal(err)
		}
	}
	item := &care.CoverageItem{FamilyID: fam, Kind: "night_care", Applicant: "casemanager"}
	if err := svc.AddCoverageItem(ctx, actor, item, &care.CoveragePeriod{Law: care.LawWlz, Form: "pgb", Status: care.CoverageGranted,
		HoursPerWeek: 20, Start: today.AddDate(0, 0, -200), End: today.AddDate(0, 0, 165)}); err != nil {
		t.Fatal(err)
	}
	if err := svc.ChangeIntensity(ctx, actor, &care.IntensityChange{FamilyID: fam, Intensity: care.Intensive, Reason: "Opname"}); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.StartCarePlan(ctx, actor, fam, 0); err != nil {
		t.Fatal(err)
	}
	path := func(base, rest string) string { return fmt.Sprintf("%s/%d%s", base, fam, rest) }

	b := newBrowser(t, phone)
	tb := b.newTab(a)
	tb.login(cm)
	tb.open(path("/families", ""))
	tb.click("#timeline-link")
	tb.wantPath(path("/families", "/timeline"))
	tb.wantText("h1", "De tijdlijn van Daan Hermans")
	places := tb.text("#list-places")
	for _, want := range []string{
		dutchDate(stays[0].Start) + " – " + dutchDate(stays[1].Start.AddDate(0, 0, -1)) + ": Thuis — thuis in Zeist",
		dutchDate(stays[1].Start) + " – " + dutchDate(stays[2].Start.AddDate(0, 0, -1)) + ": Algemeen ziekenhuis — Meander Medisch Centrum",
		"Logeeropvang — Logeerhuis De Vlinder",
		"sinds " + dutchDate(stays[4].Start) + ": Thuis — thuis in Zeist",
	} {
		if !strings.Contains(places, want) {
			tb.fail("the list of stays %q lacks %q", places, want)
		}
	}
	tb.wantTextContains("#list-financing", "sinds "+dutchDate(today.AddDate(0, 0, -200))+": Nachtzorg · Wlz pgb · 20 uur per week")
	events := tb.text("#list-events")
	for _, want := range []string{"Aangemeld voor casemanagement", "Intensiteit: intensief", "Zorgplan versie 1"} {
		if !strings.Contains(events, want) {
			tb.fail("the list of events %q lacks %q", events, want)
		}
	}
	// The picture: a band per stay and per financing period, a mark per event.
	if n := tb.count("#timeline-picture svg g.band.lane-0"); n != len(stays) {
		tb.fail("%d place bands in the picture, want %d", n, len(stays))
	}
	if n := tb.count("#timeline-picture svg g.band.lane-1"); n != 1 {
		tb.fail("%d financing bands in the picture, want 1", n)
	}
	if n, want := tb.count("#timeline-picture svg g.mark"), tb.count("#list-events li"); n != want || n < 3 {
		tb.fail("%d marks in the picture, %d events in the list", n, want)
	}
	// On a phone the picture scrolls inside its box; the page does not.
	if wide := eval[bool](tb, `document.querySelector('.timeline-scroll').scrollWidth > document.querySelector('.timeline-scroll').clientWidth`); !wide {
		tb.fail("the timeline does not scroll sideways in its box")
	}
	// It opens at its end, where today is.
	if atEnd := eval[bool](tb, `(() => { const b = document.querySelector('.timeline-scroll'), s = b.querySelector('svg').getBoundingClientRect(), r = b.getBoundingClientRect(); return s.right <= r.right + 2 && s.left < r.left; })()`); !atEnd {
		tb.fail("the timeline does not open at today")
	}
	if over := eval[bool](tb, `document.documentElement.scrollWidth > window.innerWidth`); over {
		tb.fail("the page is wider than the phone")
	}
	tb.screenshot("timeline-phone")

	// The mother reads the same journey from her own page.
	mt := b.newTab(a)
	mt.login(ilse)
	mt.open(path("/my/families", ""))
	mt.click("#timeline-link")
	mt.wantPath(path("/my/families", "/timeline"))
	mt.wantTextContains("#list-places", "Logeeropvang — Logeerhuis De Vlinder")
	mt.wantTextContains("#list-events", "Casemanagement: intensief")
	if n := mt.count("#timeline-picture svg g.band"); n != len(stays)+1 {
		mt.fail("%d bands in the mother's picture, want %d", n, len(stays)+1)
	}
}
