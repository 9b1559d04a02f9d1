package site_test

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"testing"
	"time"

	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/site"
)

// TestProviderAccessByConsentAndAge extends the authorisation table for
// providers: for each age band around the WGBO boundaries and each
// combination of consent given, withdrawn or missing, the GP's page and API
// answer as the rule of the day says.
func TestProviderAccessByConsentAndAge(t *testing.T) {
	forEachDB(t, site.Config{}, func(t *testing.T, a *app) {
		ctx := context.Background()
		cm, _ := a.Account("cm@example.org", care.RoleCaseManager, true)
		cmActor := care.Actor{AccountID: cm.ID, Role: care.RoleCaseManager, OrganisationID: a.Org, AccessPoint: "test"}
		today := care.DateOf(a.Clock.Now())
		bands := []struct {
			name  string
			birth time.Time
			rule  care.ConsentRule
		}{
			{"11y364d", today.AddDate(-12, 0, 1), care.RuleParents},
			{"12", today.AddDate(-12, 0, 0), care.RuleChildAndParents},
			{"15y364d", today.AddDate(-16, 0, 1), care.RuleChildAndParents},
			{"16", today.AddDate(-16, 0, 0), care.RuleChild},
			{"18", today.AddDate(-18, 0, 0), care.RuleChild},
		}
		type consent struct {
			name           string
			parent, child  string // "", "granted" or "withdrawn"
			allowedByRules map[care.ConsentRule]bool
		}
		consents := []consent{
			{"none", "", "", map[care.ConsentRule]bool{}},
			{"parent", "granted", "", map[care.ConsentRule]bool{care.RuleParents: true}},
			{"child", "", "granted", map[care.ConsentRule]bool{care.RuleChild: true}},
			{"both", "granted", "granted", map[care.ConsentRule]bool{care.RuleParents: true, care.RuleChildAndParents: true, care.RuleChild: true}},
			{"parent withdrew", "withdrawn", "granted", map[care.ConsentRule]bool{care.RuleChild: true}},
			{"child withdrew", "granted", "withdrawn", map[care.ConsentRule]bool{care.RuleParents: true}},
		}
		n := 0
		for _, band := range bands {
			for _, c := range consents {
				n++
				name := fmt.Sprintf("age %s, consent %s", band.name, c.name)
				day := band.birth
				fam, err := a.Care.CreateFamily(ctx, cmActor, care.Intake{
					Family:           care.Family{ChildName: fmt.Sprintf("Kind %d", n), BirthDate: day, Sex: "unknown", Intensity: care.Regular},
					Episode:          care.Episode{ReferralDate: day, SurpriseQuestion: "unknown", Status: "accepted"},
					Kind:             "kct",
					ConfirmDuplicate: true,
				})
				if err != nil {
					t.Fatal(err)
				}
				gp := &care.NetworkMember{FamilyID: fam, Name: "Dr. Huisman", Role: "gp", Line: 1}
				if err := a.Care.SaveNetworkMember(ctx, cmActor, gp); err != nil {
					t.Fatal(err)
				}
				parent := &care.Member{FamilyID: fam, Kind: "parent", Name: "Ouder", Custody: true}
				if err := a.Care.AddMember(ctx, cmActor, parent); err != nil {
					t.Fatal(err)
				}
				parentAcc, _ := a.Account(fmt.Sprintf("ouder%d@example.org", n), care.RoleFamily, false)
				childAcc, _ := a.Account(fmt.Sprintf("kind%d@example.org", n), care.RoleFamily, false)
				gpAcc, gpSecret := a.Account(fmt.Sprintf("gp%d@example.org", n), care.RoleProvider, true)
				for _, l := range []*care.Link{
					{FamilyID: fam, AccountID: parentAcc.ID, Kind: care.LinkParent, MemberID: parent.ID},
					{FamilyID: fam, AccountID: childAcc.ID, Kind: care.LinkChild},
					{FamilyID: fam, AccountID: gpAcc.ID, Kind: care.LinkProvider, NetworkMemberID: gp.ID},
				} {
					if err := a.Store.CreateLink(ctx, l); err != nil {
						t.Fatal(err)
					}
				}
				// The history is written as it would have been: grants a year
				// ago (a parent's grant counted then), withdrawals yesterday.
				record := func(giver int64, kind, state string) {
					if state == "" {
						return
					}
					at := a.Clock.Now().AddDate(-1, 0, 0)
					if err := a.Store.AddConsent(ctx, &care.ConsentRecord{FamilyID: fam, NetworkMemberID: gp.ID,
						GivenBy: care.Person{AccountID: giver}, GiverKind: kind, Granted: true, Scope: care.ScopeFile, At: at}); err != nil {
						t.Fatal(err)
					}
					if state == "withdrawn" {
						if err := a.Store.AddConsent(ctx, &care.ConsentRecord{FamilyID: fam, NetworkMemberID: gp.ID,
							GivenBy: care.Person{AccountID: giver}, GiverKind: kind, Granted: false, Scope: care.ScopeFile,
							At: a.Clock.Now().Add(-24 * time.Hour)}); err != nil {
							t.Fatal(err)
						}
					}
				}
				record(parentAcc.ID, care.GiverParent, c.parent)
				record(childAcc.ID, care.GiverChild, c.child)

				if got := care.RuleOn(band.birth, a.Clock.Now()); got != band.rule {
					t.Fatalf("%s: rule %s, want %s", name, got, band.rule)
				}
				want := c.allowedByRules[band.rule]
				client := a.Client()
				client.Login(gpAcc.Email, gpSecret)
				p := client.Get("/provider/families/" + strconv.FormatInt(fam, 10))
				if got := p.StatusCode == http.StatusOK; got != want {
					t.Errorf("%s: GP page %d, want access %v", name, p.StatusCode, want)
				}
				if !want && p.StatusCode != http.StatusNotFound {
					t.Errorf("%s: refused with %d, want 404", name, p.StatusCode)
				}
			}
		}
	})
}
