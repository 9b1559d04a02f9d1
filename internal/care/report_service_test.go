package care_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/report"
	"github.com/spil-zorg/spil/internal/store"
	"github.com/spil-zorg/spil/internal/store/storetest"
)

// reportWorld is a small region written by hand: two organisations in
// region Zuidwest (A with case managers a1 and a2, B with b) and one in
// Noord (n), whose figures the tests below work out by hand.
type reportWorld struct {
	s                      *store.Store
	svc                    *care.Service
	clock                  *time.Time
	a1, a2, b, n           care.Actor
	admin, coord, provider care.Actor
	fams                   map[string]int64
	// secrets are what no report or export may ever hold: names, dates
	// of birth and free text of the data set.
	secrets []string
}

func newReportWorld(t *testing.T, db storetest.DB) *reportWorld {
	t.Helper()
	ctx := context.Background()
	s := db.Open(t)
	clock := now
	w := &reportWorld{s: s, clock: &clock, fams: map[string]int64{}}
	w.svc = care.NewService(s, func() time.Time { return *w.clock })
	org := func(name, region string) int64 {
		id, err := s.CreateOrganisation(ctx, name, now)
		if err != nil {
			t.Fatal(err)
		}
		if err := s.SetOrganisationRegion(ctx, id, region); err != nil {
			t.Fatal(err)
		}
		return id
	}
	orgA, orgB, orgN := org("Netwerk Zuid", "zuidwest"), org("Ziekenhuis Zuid", "zuidwest"), org("Netwerk Noord", "noord")
	w.a1 = newAccount(t, s, orgA, care.RoleCaseManager, "a1@example.org")
	w.a2 = newAccount(t, s, orgA, care.RoleCaseManager, "a2@example.org")
	w.b = newAccount(t, s, orgB, care.RoleCaseManager, "b@example.org")
	w.n = newAccount(t, s, orgN, care.RoleCaseManager, "n@example.org")
	w.admin = newAccount(t, s, orgA, care.RoleAdmin, "admin@example.org")
	w.coord = newAccount(t, s, orgA, care.RoleCoordinator, "coord@example.org")
	w.provider = newAccount(t, s, orgA, care.RoleProvider, "gp@example.org")

	at := func(y int, m time.Month, d int) { *w.clock = date(y, m, d).Add(11 * time.Hour) }
	child := func(key string, cm care.Actor, name, sex string, birth time.Time, icd string, referral time.Time, status string,
		intensity care.Intensity, wish, complexity bool) {
		t.Helper()
		in := care.Intake{
			Family: care.Family{ChildName: name, BirthDate: birth, Sex: sex, Intensity: intensity, ICD10: icd,
				Diagnosis: map[bool]string{true: "Diagnose " + name, false: ""}[icd != ""],
				Summary:   "Samenvatting over " + name},
			Episode: care.Episode{ReferralDate: referral, ReferredBy: "Dokter Verwijs", Reason: "Reden: " + name,
				SurpriseQuestion: "unknown", Status: status, StatusDate: referral, FactorWish: wish, FactorComplexity: complexity,
				StatusNote: "Notitie over " + name},
			Kind: "kct",
		}
		if key == "A4" {
			in.Family.Secondary = []care.Diagnosis{{Description: "Epilepsie van " + name, ICD10: "G40.9"}}
			w.secrets = append(w.secrets, "Epilepsie van "+name)
		}
		id, err := w.svc.CreateFamily(ctx, cm, in)
		if err != nil {
			t.Fatalf("CreateFamily(%s): %v", name, err)
		}
		w.fams[key] = id
		w.secrets = append(w.secrets, name, birth.Format("2006-01-02"), birth.Format("02-01-2006"),
			"Samenvatting over "+name, "Reden: "+name, "Notitie over "+name)
	}
	contact := func(key string, cm care.Actor, day time.Time, kind, with string, dur, travel, reg int) {
		t.Helper()
		topics := "Besproken met " + key + " op " + day.Format("2 Jan")
		c := &care.Contact{FamilyID: w.fams[key], Date: day, Kind: kind, With: with, Location: "Locatie " + key,
			DurationMin: dur, TravelMin: travel, RegistrationMin: reg, Topics: topics, FollowUp: "Vervolg " + key}
		if err := w.svc.AddContact(ctx, cm, c); err != nil {
			t.Fatalf("AddContact(%s): %v", key, err)
		}
		w.secrets = append(w.secrets, topics, "Locatie "+key, "Vervolg "+key)
	}
	plan := func(key string, cm care.Actor, place string) {
		t.Helper()
		p, err := w.svc.StartCarePlan(ctx, cm, w.fams[key], 0)
		if err != nil {
			t.Fatal(err)
		}
		next := *p
		next.ACP.PlaceOfDeath = care.Preference{Place: place, Detail: "Wens van " + key}
		next.Wishes = "Wensen van " + key
		if _, err := w.svc.SaveCarePlan(ctx, cm, w.fams[key], p.Version, &next, nil); err != nil {
			t.Fatalf("SaveCarePlan(%s): %v", key, err)
		}
		w.secrets = append(w.secrets, "Wens van "+key, "Wensen van "+key)
	}
	stay := func(key string, cm care.Actor, kind string, from, to time.Time) {
		t.Helper()
		st := &care.Stay{FamilyID: w.fams[key], Kind: kind, Place: "Ziekenhuis van " + key, Note: "Opname " + key, Start: from, End: to}
		if err := w.svc.SaveStay(ctx, cm, st); err != nil {
			t.Fatalf("SaveStay(%s): %v", key, err)
		}
		w.secrets = append(w.secrets, "Ziekenhuis van "+key, "Opname "+key)
	}

	at(2025, 12, 1)
	child("A1", w.a1, "Sanne de Vries", "female", date(2019, 4, 2), "G71.0", date(2025, 10, 1), "accepted", care.Regular, false, false)
	child("A4", w.a2, "Noor Visser", "female", date(2012, 8, 8), "C71.9", date(2025, 5, 1), "accepted", care.Regular, false, false)
	child("A5", w.a2, "Eva Peters", "female", date(2021, 7, 7), "G12.1", date(2025, 11, 1), "accepted", care.Regular, false, false)
	contact("A4", w.a2, date(2025, 11, 20), "phone", "parent", 20, 0, 5)
	at(2026, 1, 20)
	child("A2", w.a1, "Bram Jansen", "male", date(2023, 5, 5), "Q91.3", date(2026, 1, 15), "accepted", care.Intensive, true, false)
	child("N1", w.n, "Finn Mulder", "male", date(2018, 1, 1), "", date(2026, 1, 10), "accepted", care.Regular, false, false)
	contact("A1", w.a1, date(2026, 1, 10), "home_visit", "both", 60, 30, 10)
	contact("N1", w.n, date(2026, 1, 11), "home_visit", "both", 90, 40, 15)
	at(2026, 2, 20)
	child("A3", w.a2, "Lotte Bakker", "female", date(2010, 1, 20), "", date(2026, 2, 1), "accepted", care.Waakvlam, false, false)
	child("B2", w.b, "Mila de Jong", "female", date(2020, 11, 11), "", date(2026, 2, 15), "declined", care.Regular, false, false)
	contact("A1", w.a1, date(2026, 2, 3), "phone", "parent", 15, 0, 5)
	contact("A3", w.a2, date(2026, 2, 10), "video", "parent", 30, 0, 5)
	plan("A1", w.a1, "home")
	plan("A3", w.a2, "not_now")
	if err := w.svc.ChangeIntensity(ctx, w.a1, &care.IntensityChange{FamilyID: w.fams["A1"], Intensity: care.Intensive,
		Reason: "Achteruitgang bij Sanne"}); err != nil {
		t.Fatal(err)
	}
	w.secrets = append(w.secrets, "Achteruitgang bij Sanne")
	at(2026, 3, 25)
	child("B1", w.b, "Daan Smit", "male", date(2016, 2, 2), "E75.2", date(2026, 3, 5), "accepted", care.Regular, false, true)
	contact("B1", w.b, date(2026, 3, 6), "phone", "provider", 10, 0, 5)
	contact("A2", w.a1, date(2026, 3, 20), "meeting", "provider", 45, 20, 10)
	stay("A1", w.a1, care.StayAcademicHospital, date(2026, 3, 10), date(2026, 3, 17))
	stay("B1", w.b, care.StayGeneralHospital, date(2026, 1, 5), date(2026, 1, 8))
	at(2026, 6, 1)
	plan("A2", w.a1, "hospice") // saved after the period: not counted
	*w.clock = now
	return w
}

var firstQuarter = care.ReportQuery{From: date(2026, 1, 1), To: date(2026, 3, 31)}

func (w *reportWorld) run(t *testing.T, actor care.Actor, scope, export string) *report.Report {
	t.Helper()
	q := firstQuarter
	q.Scope, q.Export = scope, export
	r, err := w.svc.RegistrationReport(context.Background(), actor, q)
	if err != nil {
		t.Fatalf("RegistrationReport(%s, %s): %v", actor.Role, scope, err)
	}
	return r
}

func lines(r *report.Report) string {
	var b strings.Builder
	for _, l := range r.Lines() {
		b.WriteString(l.Section + "," + l.Item + "," + l.Value + "\n")
	}
	return b.String()
}

// TestRegistrationReportCaseload: a case manager's own caseload, shown
// as it is. a1 has Sanne (A1) and Bram (A2).
func TestRegistrationReportCaseload(t *testing.T) {
	for _, db := range storetest.Databases() {
		t.Run(db.Name, func(t *testing.T) {
			t.Parallel()
			w := newReportWorld(t, db)
			last := lastAuditID(t, w.s)
			r := w.run(t, w.a1, care.ReportCaseload, "")
			oneAudit(t, w.s, last, care.AuditEvent{At: now.Truncate(time.Microsecond), ActorID: w.a1.AccountID,
				ActorRole: care.RoleCaseManager, ObjectType: "registration_report", Action: care.ActionExport,
				Outcome: care.OutcomeSuccess, AccessPoint: accessPoint, Authorised: true, Relationship: true})
			want := `period,from,2026-01-01
period,to,2026-03-31
children,total,2
children_sex,female,1
children_sex,male,1
children_sex,other,0
children_sex,unknown,0
children_age,unborn,0
children_age,0,0
children_age,1-4,1
children_age,5-11,1
children_age,12-15,0
children_age,16-17,0
children_age,18+,0
children_diagnosis,VI,1
children_diagnosis,XVII,1
children_diagnosis,none,0
children_diagnosis,unknown,0
children,secondary_diagnosis,0
referrals,total,1
referrals_status,offered,0
referrals_status,accepted,1
referrals_status,declined,0
referrals_status,ended,0
referrals_factor,wish,1
referrals_factor,complexity,0
referrals_factor,capacity,0
contacts,total,3
contacts_kind,home_visit,1
contacts_kind,phone,1
contacts_kind,video,0
contacts_kind,email,0
contacts_kind,meeting,1
contacts_with,child,0
contacts_with,parent,1
contacts_with,both,1
contacts_with,provider,1
contacts_with,family,0
contacts,with_providers,1
contacts,with_providers_minutes,45
minutes,duration,120
minutes,travel,50
minutes,registration,25
admissions,children,1
admissions,total,1
admissions,days,7
preferred_place,home,1
preferred_place,hospital,0
preferred_place,hospice,0
preferred_place,other,0
preferred_place,not_now,0
preferred_place,not_discussed,1
preferred_place,known,1
deaths,total,0
deaths_place,home,0
deaths_place,hospital,0
deaths_place,hospice,0
deaths_place,other,0
deaths,preferred_known,0
deaths,preferred_met,0
deaths,aftercare,0
month_contacts,2026-01,1
month_minutes,2026-01,100
month_intensive,2026-01,1
month_regular,2026-01,1
month_waakvlam,2026-01,0
month_contacts,2026-02,1
month_minutes,2026-02,20
month_intensive,2026-02,2
month_regular,2026-02,0
month_waakvlam,2026-02,0
month_contacts,2026-03,1
month_minutes,2026-03,75
month_intensive,2026-03,2
month_regular,2026-03,0
month_waakvlam,2026-03,0
`
			if diff := cmp.Diff(want, lines(r)); diff != "" {
				t.Errorf("a1's caseload (-want +got):\n%s", diff)
			}
			if r.Anonymised {
				t.Error("a case manager's own caseload was anonymised")
			}
		})
	}
}

// TestRegistrationReportRegion: the coordinator's region is Zuidwest,
// organisations A and B: Sanne, Bram, Lotte, Noor, Eva and Daan (6
// children; Mila declined, Finn is in Noord). Anonymised: every count of
// children under 5 is "<5", group B (1 child) is hidden whole.
func TestRegistrationReportRegion(t *testing.T) {
	for _, db := range storetest.Databases() {
		t.Run(db.Name, func(t *testing.T) {
			t.Parallel()
			w := newReportWorld(t, db)
			r := w.run(t, w.coord, care.ReportRegion, "")
			want := `period,from,2026-01-01
period,to,2026-03-31
children,total,6
children_sex,female,<5
children_sex,male,<5
children_sex,other,0
children_sex,unknown,0
children_age,unborn,0
children_age,0,0
children_age,1-4,<5
children_age,5-11,<5
children_age,12-15,<5
children_age,16-17,<5
children_age,18+,0
children_diagnosis,II,<5
children_diagnosis,IV,<5
children_diagnosis,VI,<5
children_diagnosis,XVII,<5
children_diagnosis,none,<5
children_diagnosis,unknown,0
children,secondary_diagnosis,<5
referrals,total,<5
referrals_status,offered,0
referrals_status,accepted,<5
referrals_status,declined,<5
referrals_status,ended,0
referrals_factor,wish,<5
referrals_factor,complexity,<5
referrals_factor,capacity,0
contacts,total,5
contacts_kind,home_visit,1
contacts_kind,phone,2
contacts_kind,video,1
contacts_kind,email,0
contacts_kind,meeting,1
contacts_with,child,0
contacts_with,parent,2
contacts_with,both,1
contacts_with,provider,2
contacts_with,family,0
contacts,with_providers,2
contacts,with_providers_minutes,55
minutes,duration,160
minutes,travel,50
minutes,registration,35
admissions,children,<5
admissions,total,<5
admissions,days,<5
preferred_place,home,<5
preferred_place,hospital,0
preferred_place,hospice,0
preferred_place,other,0
preferred_place,not_now,<5
preferred_place,not_discussed,<5
preferred_place,known,<5
deaths,total,0
deaths_place,home,0
deaths_place,hospital,0
deaths_place,hospice,0
deaths_place,other,0
deaths,preferred_known,0
deaths,preferred_met,0
deaths,aftercare,0
month_contacts,2026-01,1
month_minutes,2026-01,100
month_intensive,2026-01,<5
month_regular,2026-01,<5
month_waakvlam,2026-01,0
month_contacts,2026-02,2
month_minutes,2026-02,55
month_intensive,2026-02,<5
month_regular,2026-02,<5
month_waakvlam,2026-02,<5
month_contacts,2026-03,2
month_minutes,2026-03,90
month_intensive,2026-03,<5
month_regular,2026-03,<5
month_waakvlam,2026-03,<5
group_children,Netwerk Zuid,5
group_contacts,Netwerk Zuid,4
group_minutes,Netwerk Zuid,230
group_children,Ziekenhuis Zuid,<5
group_contacts,Ziekenhuis Zuid,<5
group_minutes,Ziekenhuis Zuid,<5
`
			if diff := cmp.Diff(want, lines(r)); diff != "" {
				t.Errorf("region Zuidwest (-want +got):\n%s", diff)
			}
		})
	}
}

// TestRegistrationReportAccess: who may report over which scope. A
// refusal answers NotFound and is on record (E, denied); every run and
// export has exactly one record; a coordinator without a region is told
// so at the scope; an organisation's report is broken down by case
// manager and, with 5 children, shows its total.
func TestRegistrationReportAccess(t *testing.T) {
	for _, db := range storetest.Databases() {
		t.Run(db.Name, func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			w := newReportWorld(t, db)
			for _, tc := range []struct {
				actor care.Actor
				scope string
			}{
				{w.provider, care.ReportCaseload}, {w.provider, care.ReportRegion}, {w.a1, care.ReportRegion},
				{w.a1, care.ReportOrganisation}, {w.admin, care.ReportRegion}, {w.admin, care.ReportCaseload},
				{w.coord, care.ReportCaseload}, {w.coord, "everything"},
			} {
				last := lastAuditID(t, w.s)
				q := firstQuarter
				q.Scope = tc.scope
				if r, err := w.svc.RegistrationReport(ctx, tc.actor, q); care.ErrorCode(err) != care.NotFound || r != nil {
					t.Errorf("%s over %s = %v, %v; want NotFound", tc.actor.Role, tc.scope, r, err)
				}
				oneAudit(t, w.s, last, denied(tc.actor, 0, "registration_report", care.ActionExport))
			}
			for _, export := range []string{"csv", "json"} {
				last := lastAuditID(t, w.s)
				w.run(t, w.coord, care.ReportRegion, export)
				oneAudit(t, w.s, last, care.AuditEvent{At: now.Truncate(time.Microsecond), ActorID: w.coord.AccountID,
					ActorRole: care.RoleCoordinator, ObjectType: "registration_export", Action: care.ActionExport,
					Outcome: care.OutcomeSuccess, AccessPoint: accessPoint, Authorised: true})
			}

			org := w.run(t, w.admin, care.ReportOrganisation, "")
			if !org.Anonymised || org.Children.String() != "5" || org.Contacts.String() != "4" || len(org.Groups) != 2 ||
				org.Groups[0].Name != "Test a1@example.org" || org.Groups[0].Children.String() != "<5" ||
				org.Groups[1].Name != "Test a2@example.org" || org.Groups[1].Contacts.String() != "<5" {
				t.Errorf("organisation A = children %v contacts %v groups %+v", org.Children, org.Contacts, org.Groups)
			}
			if got := w.run(t, w.coord, care.ReportOrganisation, ""); got.Children.String() != "5" {
				t.Errorf("the coordinator's own organisation: %v children, want 5", got.Children)
			}

			if err := w.s.SetOrganisationRegion(ctx, w.coord.OrganisationID, ""); err != nil {
				t.Fatal(err)
			}
			q := firstQuarter
			q.Scope = care.ReportRegion
			_, err := w.svc.RegistrationReport(ctx, w.coord, q)
			var fe care.FieldErrors
			if !errors.As(err, &fe) || fe["scope"] != "report.no_region" {
				t.Errorf("a report over no region: %v", err)
			}
		})
	}
}

// TestRegistrationReportHoldsNoIdentifiers scans every report and export
// of the data set, as every reader, for its names, dates of birth and
// free text.
func TestRegistrationReportHoldsNoIdentifiers(t *testing.T) {
	for _, db := range storetest.Databases() {
		t.Run(db.Name, func(t *testing.T) {
			t.Parallel()
			w := newReportWorld(t, db)
			for _, tc := range []struct {
				actor care.Actor
				scope string
			}{{w.a1, care.ReportCaseload}, {w.a2, care.ReportCaseload}, {w.b, care.ReportCaseload}, {w.admin, care.ReportOrganisation},
				{w.coord, care.ReportRegion}, {w.coord, care.ReportOrganisation}} {
				r := w.run(t, tc.actor, tc.scope, "json")
				js, err := r.JSON(tc.scope)
				if err != nil {
					t.Fatal(err)
				}
				out := string(r.CSV()) + string(js)
				for _, secret := range w.secrets {
					if strings.Contains(out, secret) {
						t.Errorf("the %s report of %s holds %q", tc.scope, tc.actor.Role, secret)
					}
				}
			}
		})
	}
}

// TestRegistrationReportDeaths: the figures of death come from the death
// records. Sanne (A1) is first recorded dead in hospital on 12 March 2026,
// then corrected to home, her preferred place, with a follow-up contact
// done on 20 March; Bram (A2) dies after the period. Noor (A4), of a2,
// dies in hospital on 1 February without a preferred place and without
// aftercare in the period. The admissions window ends on the day of
// death: Sanne's stay from 10 March counts 10, 11 and 12 March.
func TestRegistrationReportDeaths(t *testing.T) {
	for _, db := range storetest.Databases() {
		t.Run(db.Name, func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			w := newReportWorld(t, db)
			record := func(cm care.Actor, key string, died time.Time, place, met string, corrects int64) int64 {
				t.Helper()
				r := &care.DeathRecord{FamilyID: w.fams[key], Corrects: corrects, DiedOn: died, Place: place, PreferredMet: met}
				if met != "" {
					r.PreferredPlace = "home"
				}
				if corrects != 0 {
					r.Reason = "Verkeerd genoteerd"
				}
				if err := w.svc.RecordDeath(ctx, cm, r); err != nil {
					t.Fatalf("RecordDeath(%s): %v", key, err)
				}
				return r.ID
			}
			*w.clock = date(2026, 3, 13).Add(9 * time.Hour)
			first := record(w.a1, "A1", date(2026, 3, 12), "hospital", "no", 0)
			record(w.a1, "A1", date(2026, 3, 12), "home", "yes", first)
			record(w.a2, "A4", date(2026, 2, 1), "hospital", "", 0)
			*w.clock = date(2026, 3, 20).Add(9 * time.Hour)
			a, err := w.svc.AftercarePlan(ctx, w.a1, care.ViewCaseFile, w.fams["A1"])
			if err != nil || len(a.Contacts) == 0 {
				t.Fatalf("AftercarePlan: %v, %d contacts", err, len(a.Contacts))
			}
			if err := w.svc.AftercareContactDone(ctx, w.a1, w.fams["A1"], a.Contacts[0].ID); err != nil {
				t.Fatal(err)
			}
			*w.clock = date(2026, 4, 3).Add(9 * time.Hour)
			record(w.a1, "A2", date(2026, 4, 2), "hospice", "", 0)
			*w.clock = now

			for _, tc := range []struct {
				actor care.Actor
				scope string
				want  map[string]string
			}{
				{w.a1, care.ReportCaseload, map[string]string{
					"deaths,total": "1", "deaths_place,home": "1", "deaths_place,hospital": "0", "deaths_place,hospice": "0",
					"deaths,preferred_known": "1", "deaths,preferred_met": "1", "deaths,aftercare": "1",
					"admissions,children": "1", "admissions,total": "1", "admissions,days": "3"}},
				{w.a2, care.ReportCaseload, map[string]string{
					"deaths,total": "1", "deaths_place,home": "0", "deaths_place,hospital": "1",
					"deaths,preferred_known": "0", "deaths,preferred_met": "0", "deaths,aftercare": "0"}},
				{w.b, care.ReportCaseload, map[string]string{"deaths,total": "0", "deaths,aftercare": "0"}},
				// Organisation A has five children: two deaths are a small cell.
				{w.admin, care.ReportOrganisation, map[string]string{
					"children,total": "5", "deaths,total": "<5", "deaths_place,home": "<5", "deaths_place,hospital": "<5",
					"deaths_place,hospice": "0", "deaths,aftercare": "<5"}},
			} {
				got := map[string]string{}
				for _, l := range w.run(t, tc.actor, tc.scope, "").Lines() {
					got[l.Section+","+l.Item] = l.Value
				}
				for k, v := range tc.want {
					if got[k] != v {
						t.Errorf("%s %s: %s = %q, want %q", tc.actor.Role, tc.scope, k, got[k], v)
					}
				}
				if _, ok := got["deaths,available"]; ok {
					t.Errorf("%s %s: the deaths are said to be not available", tc.actor.Role, tc.scope)
				}
			}
		})
	}
}

// TestSetReportRegion: the administrator picks the organisation's region
// from the sociale kaart's regions, or none; anything else is refused at
// the field and saves nothing, and no one else may set it.
func TestSetReportRegion(t *testing.T) {
	for _, db := range storetest.Databases() {
		t.Run(db.Name, func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			w := newReportWorld(t, db)
			for _, bad := range []string{"Zuidwest", "Regio Oost", "atlantis"} {
				var fe care.FieldErrors
				if err := w.svc.SetReportRegion(ctx, w.admin, bad); !errors.As(err, &fe) || fe["region"] != "field.choose" {
					t.Errorf("SetReportRegion(%q) = %v, want field.choose", bad, err)
				}
			}
			if _, region, err := w.svc.ReportRegion(ctx, w.admin); err != nil || region != "zuidwest" {
				t.Errorf("after bad input the region is %q, %v", region, err)
			}
			if err := w.svc.SetReportRegion(ctx, w.a1, "oost"); !isCode(err, care.NotFound) {
				t.Errorf("a case manager sets the region: %v", err)
			}
			for _, good := range []string{" noordwest ", ""} {
				if err := w.svc.SetReportRegion(ctx, w.admin, good); err != nil {
					t.Fatalf("SetReportRegion(%q): %v", good, err)
				}
				if _, region, err := w.svc.ReportRegion(ctx, w.admin); err != nil || region != strings.TrimSpace(good) {
					t.Errorf("region = %q, %v; want %q", region, err, good)
				}
			}
		})
	}
}
