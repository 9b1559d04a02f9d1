package care_test

import (
	"context"
	"testing"
	"time"

	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/store/storetest"
)

// TestDirectoryService: the coordinator keeps the kaart and every change
// is recorded; case managers, the coordinator and the administrator
// search it, others are refused and recorded; the administrator sets a
// service's capacity but changes nothing else; a case manager adds a
// service to their own family's network in one step, once, and not to
// another family's; the white spots are the coordinator's only.
func TestDirectoryService(t *testing.T) {
	for _, db := range storetest.Databases() {
		t.Run(db.Name, func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			fx := setup(t, db)
			coord, admin := fx.roles[care.RoleCoordinator], fx.roles[care.RoleAdmin]
			e := &care.DirectoryEntry{Name: " Logeerhuis De Vlinder ", Kind: care.ServiceRespite, Region: "midden", MaxAge: 18,
				Phone: "030 1234567", Capabilities: []string{care.CapOxygen, care.CapTubeFeeding, care.CapOxygen}}
			last := lastAuditID(t, fx.s)
			if err := fx.svc.SaveDirectoryEntry(ctx, coord, e); err != nil {
				t.Fatal(err)
			}
			want := success(coord, 0, "directory_entry", e.ID, care.ActionCreate)
			want.Relationship = false
			oneAudit(t, fx.s, last, want)
			if e.Name != "Logeerhuis De Vlinder" || len(e.Capabilities) != 2 || e.Capabilities[0] != care.CapTubeFeeding ||
				e.Capacity != care.CapacityUnknown || !e.CapacityOn.Equal(date(2026, 6, 15)) {
				t.Errorf("saved entry = %+v", e)
			}
			// Bad input saves nothing; other roles may not write.
			last = lastAuditID(t, fx.s)
			bad := &care.DirectoryEntry{Name: "x", Kind: "castle", Region: "mars", MinAge: 10, MaxAge: 4, Website: "javascript:alert(1)"}
			if err := fx.svc.SaveDirectoryEntry(ctx, coord, bad); !isCode(err, care.Invalid) {
				t.Errorf("bad entry = %v", err)
			}
			noSuccessSince(t, fx.s, last)
			for _, who := range []care.Actor{fx.cm, admin, fx.roles[care.RoleFamily], fx.roles[care.RoleProvider]} {
				last := lastAuditID(t, fx.s)
				if err := fx.svc.SaveDirectoryEntry(ctx, who, &care.DirectoryEntry{Name: "x", Kind: care.ServiceRespite, Region: "midden"}); !isCode(err, care.NotFound) {
					t.Errorf("%s wrote an entry: %v", who.Role, err)
				}
				if es := auditAfter(t, fx.s, last); len(es) != 1 || es[0].Outcome != care.OutcomeDenied {
					t.Errorf("%s's refusal: audit %+v", who.Role, es)
				}
			}
			if err := fx.svc.SetDirectoryCapacity(ctx, admin, e.ID, care.CapacityFull); err != nil {
				t.Errorf("the administrator set the capacity: %v", err)
			}
			if err := fx.svc.SetDirectoryCapacity(ctx, fx.cm, e.ID, care.CapacityAvailable); !isCode(err, care.NotFound) {
				t.Errorf("a case manager set the capacity: %v", err)
			}
			if err := fx.svc.SetDirectoryCapacity(ctx, coord, e.ID, "plenty"); !isCode(err, care.Invalid) {
				t.Errorf("a capacity not in the list: %v", err)
			}

			// Searching: case managers, the coordinator, the administrator.
			for _, who := range []care.Actor{fx.cm, coord, admin} {
				last := lastAuditID(t, fx.s)
				res, err := fx.svc.SearchDirectory(ctx, who, care.DirectoryQuery{Need: care.ServiceRespite, Region: "midden"}, false)
				if err != nil || len(res.Entries) != 1 || res.Entries[0].Capacity != care.CapacityFull {
					t.Errorf("%s's search = %+v, %v", who.Role, res, err)
				}
				if es := auditAfter(t, fx.s, last); len(es) != 1 || es[0].Action != care.ActionSearch || es[0].Outcome != care.OutcomeSuccess {
					t.Errorf("%s's search: audit %+v", who.Role, es)
				}
			}
			for _, who := range []care.Actor{fx.roles[care.RoleFamily], fx.roles[care.RoleProvider]} {
				if _, err := fx.svc.SearchDirectory(ctx, who, care.DirectoryQuery{}, false); !isCode(err, care.NotFound) {
					t.Errorf("%s searched: %v", who.Role, err)
				}
			}
			// The own region is searched when the query names none.
			if err := fx.s.SetOrganisationRegion(ctx, fx.org, "noord"); err != nil {
				t.Fatal(err)
			}
			if res, err := fx.svc.SearchDirectory(ctx, fx.cm, care.DirectoryQuery{}, true); err != nil || res.Query.Region != "noord" || len(res.Entries) != 0 {
				t.Errorf("search in the own region = %+v, %v", res, err)
			}

			// Adding to the network: one step, recorded, once.
			last = lastAuditID(t, fx.s)
			n, err := fx.svc.AddFromDirectory(ctx, fx.cm, fx.fam, e.ID)
			if err != nil {
				t.Fatal(err)
			}
			oneAudit(t, fx.s, last, success(fx.cm, fx.fam, "network_member", n.ID, care.ActionCreate))
			f := file(t, fx.s, fx.fam)
			found := false
			for _, m := range f.Network {
				found = found || m.ID == n.ID && m.Name == "Logeerhuis De Vlinder" && m.Role == "hospice" && m.Phone == "030 1234567"
			}
			if !found {
				t.Errorf("network = %+v, want the service", f.Network)
			}
			fd, err := fx.svc.FamilyDirectory(ctx, fx.cm, fx.fam, care.DirectoryQuery{Region: "midden"}, true)
			if err != nil || len(fd.Result.Entries) != 1 || !fd.Has(e.ID) {
				t.Errorf("family's kaart = %+v, %v", fd, err)
			}
			if _, err := fx.svc.AddFromDirectory(ctx, fx.cm, fx.fam, e.ID); !isCode(err, care.Conflict) {
				t.Errorf("adding twice = %v, want Conflict", err)
			}
			if _, err := fx.svc.AddFromDirectory(ctx, fx.cm, fx.fam, e.ID+1000); !isCode(err, care.NotFound) {
				t.Errorf("a missing entry = %v, want NotFound", err)
			}
			before := len(file(t, fx.s, fx.other).Network)
			last = lastAuditID(t, fx.s)
			if _, err := fx.svc.AddFromDirectory(ctx, fx.cm, fx.other, e.ID); !isCode(err, care.NotFound) {
				t.Errorf("another family's network = %v, want NotFound", err)
			}
			oneAudit(t, fx.s, last, denied(fx.cm, fx.other, "network_member", care.ActionCreate))
			if len(file(t, fx.s, fx.other).Network) != before {
				t.Error("another family's network changed")
			}
			if _, err := fx.svc.FamilyDirectory(ctx, fx.cm, fx.other, care.DirectoryQuery{}, true); !isCode(err, care.NotFound) {
				t.Errorf("another family's kaart = %v, want NotFound", err)
			}

			// The family reads the kaart of their region, and sees what is
			// in their network; no one else reads it through their door.
			parent := linkParent(t, fx)
			if err := fx.s.SetOrganisationRegion(ctx, fx.org, "midden"); err != nil {
				t.Fatal(err)
			}
			last = lastAuditID(t, fx.s)
			fk, err := fx.svc.FamilyKaart(ctx, parent, fx.fam, care.ServiceRespite)
			if err != nil || fk.Result.Region != "midden" || len(fk.Result.Entries) != 1 || !fk.Has(e.ID) || fk.Family.BirthDate != (time.Time{}) {
				t.Errorf("family's kaart = %+v, %v", fk, err)
			}
			if es := auditAfter(t, fx.s, last); len(es) != 1 || es[0].FamilyID != fx.fam || es[0].Action != care.ActionSearch || es[0].Outcome != care.OutcomeSuccess {
				t.Errorf("family's kaart: audit %+v", es)
			}
			for _, c := range []struct {
				who care.Actor
				fam int64
			}{{parent, fx.other}, {fx.cm, fx.fam}, {fx.roles[care.RoleProvider], fx.fam}} {
				if _, err := fx.svc.FamilyKaart(ctx, c.who, c.fam, ""); !isCode(err, care.NotFound) {
					t.Errorf("%s read family %d's kaart: %v", c.who.Role, c.fam, err)
				}
			}

			// White spots: the coordinator only.
			rep, err := fx.svc.WhiteSpots(ctx, coord)
			if err != nil || len(rep.Regions) != 1 || rep.Regions[0].Region != "midden" {
				t.Fatalf("white spots = %+v, %v", rep, err)
			}
			for _, who := range []care.Actor{fx.cm, admin, fx.roles[care.RoleFamily], fx.roles[care.RoleProvider]} {
				if _, err := fx.svc.WhiteSpots(ctx, who); !isCode(err, care.NotFound) {
					t.Errorf("%s read the white spots: %v", who.Role, err)
				}
			}
		})
	}
}
