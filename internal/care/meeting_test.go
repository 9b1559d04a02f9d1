package care_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/store/storetest"
)

func TestValidVideoURL(t *testing.T) {
	for s, want := range map[string]bool{
		"https://meet.example.org/abc":     true,
		"https://teams.example.com/l/x?y":  true,
		"http://meet.example.org/abc":      false,
		"javascript:alert(1)":              false,
		"https://":                         false,
		"https://user:pw@meet.example.org": false,
		"meet.example.org/abc":             false,
		"https://meet.example.org/a b":     false,
		"https://meet.example.org/\"><x":   false,
	} {
		if got := care.ValidVideoURL(s); got != want {
			t.Errorf("ValidVideoURL(%q) = %v, want %v", s, got, want)
		}
	}
}

// meetingWorld is the fixture with a parent and a GP linked, the GP with
// consent, and a second provider in the network without an account.
type meetingWorld struct {
	*fixture
	parent, gp      care.Actor
	parentMember    int64
	gpMember, nurse int64
}

func newMeetingWorld(t *testing.T, db storetest.DB) *meetingWorld {
	t.Helper()
	ctx := context.Background()
	fx := setup(t, db)
	w := &meetingWorld{fixture: fx}
	w.parent = linkParent(t, fx)
	l, err := fx.s.LinkOf(ctx, w.parent.AccountID, fx.fam)
	if err != nil {
		t.Fatal(err)
	}
	w.parentMember = l.MemberID
	w.gp = linkProviderWithScope(t, fx, care.ScopeFile)
	if l, err = fx.s.LinkOf(ctx, w.gp.AccountID, fx.fam); err != nil {
		t.Fatal(err)
	}
	w.gpMember = l.NetworkMemberID
	n := &care.NetworkMember{FamilyID: fx.fam, Name: "Wijkverpleegkundige Kok", Role: "homecare", Line: 1}
	if err := fx.svc.SaveNetworkMember(ctx, fx.cm, n); err != nil {
		t.Fatal(err)
	}
	w.nurse = n.ID
	return w
}

func (w *meetingWorld) handoff(start time.Time) *care.Meeting {
	return &care.Meeting{FamilyID: w.fam, Purpose: care.PurposeWarmHandoff, Start: start, Minutes: 60,
		VideoURL:     "https://meet.example.org/mdo",
		Participants: []care.MeetingParticipant{{NetworkMemberID: w.gpMember}, {NetworkMemberID: w.nurse}}}
}

// TestMeetingOrganiseRefusals: bad input is refused at its field and
// nothing is saved: a meeting in the past without minutes, a participant
// of another family or no longer involved, a link that is not https.
func TestMeetingOrganiseRefusals(t *testing.T) {
	for _, db := range storetest.Databases() {
		t.Run(db.Name, func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			w := newMeetingWorld(t, db)
			tomorrow := now.Add(24 * time.Hour)
			cases := []struct {
				name  string
				edit  func(m *care.Meeting)
				field string
			}{
				{"in the past without minutes", func(m *care.Meeting) { m.Start = now.Add(-time.Hour) }, "start"},
				{"another family's provider", func(m *care.Meeting) {
					m.Participants = append(m.Participants, care.MeetingParticipant{NetworkMemberID: w.otherNet})
				}, "participants"},
				{"a network member as a family member", func(m *care.Meeting) {
					m.Participants = append(m.Participants, care.MeetingParticipant{MemberID: w.gpMember})
				}, "participants"},
				{"nobody", func(m *care.Meeting) { m.Participants = nil }, "participants"},
				{"plain http", func(m *care.Meeting) { m.VideoURL = "http://meet.example.org/x" }, "video_url"},
				{"nowhere", func(m *care.Meeting) { m.VideoURL = "" }, "place"},
				{"no purpose", func(m *care.Meeting) { m.Purpose = "" }, "purpose"},
				{"too long", func(m *care.Meeting) { m.Minutes = 601 }, "duration"},
			}
			for _, c := range cases {
				m := w.handoff(tomorrow)
				c.edit(m)
				err := w.svc.OrganiseMeeting(ctx, w.cm, m, false)
				var in *care.InvalidInput
				if !hasField(err, c.field) || !asInvalid(err, &in) || in.Meetings == nil {
					t.Errorf("%s: %v, want a refusal at %s with the page", c.name, err, c.field)
				}
			}
			if ms, _ := w.s.Meetings(ctx, w.fam); len(ms) != 0 {
				t.Errorf("refused meetings were saved: %+v", ms)
			}
			// Ended involvement: the nurse stopped yesterday.
			nurse := care.NetworkMember{ID: w.nurse, FamilyID: w.fam, Name: "Wijkverpleegkundige Kok", Role: "homecare", Line: 1,
				EndedOn: care.DateOf(now).AddDate(0, 0, -1)}
			if err := w.svc.SaveNetworkMember(ctx, w.cm, &nurse); err != nil {
				t.Fatal(err)
			}
			if err := w.svc.OrganiseMeeting(ctx, w.cm, w.handoff(tomorrow), false); !hasField(err, "participants") {
				t.Errorf("a provider no longer involved: %v", err)
			}
			// A meeting in the past is recorded with its minutes.
			past := w.handoff(now.Add(-48 * time.Hour))
			past.Participants, past.Report, past.Decisions = past.Participants[:1], "Besproken", []string{"Thuis blijven"}
			if err := w.svc.OrganiseMeeting(ctx, w.cm, past, false); err != nil {
				t.Fatalf("a past meeting with minutes: %v", err)
			}
			// Another case manager cannot organise one.
			if err := w.svc.OrganiseMeeting(ctx, w.cm2, w.handoff(tomorrow), false); !isCode(err, care.NotFound) {
				t.Errorf("unassigned case manager: %v", err)
			}
		})
	}
}

// TestMeetingJourney: a case manager plans an MDO with the GP, the nurse
// and the parents; the parent and the GP see it and its page, a
// provider not invited does not; after it started the minutes are
// written with an action for the GP, which reaches the GP's own view.
func TestMeetingJourney(t *testing.T) {
	for _, db := range storetest.Databases() {
		t.Run(db.Name, func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			w := newMeetingWorld(t, db)
			m := w.handoff(now.Add(2 * time.Hour))
			last := lastAuditID(t, w.s)
			if err := w.svc.OrganiseMeeting(ctx, w.cm, m, true); err != nil {
				t.Fatal(err)
			}
			oneAudit(t, w.s, last, success(w.cm, w.fam, "meeting", m.ID, care.ActionCreate))
			if len(m.Participants) != 3 {
				t.Fatalf("participants = %+v, want the GP, the nurse and the parent", m.Participants)
			}

			// The parent: the meeting on their home list and its page.
			up, err := w.svc.UpcomingMeetings(ctx, w.parent)
			if err != nil || len(up) != 1 || up[0].ID != m.ID || up[0].Via != care.LinkParent || up[0].FamilyID != w.fam {
				t.Fatalf("parent's upcoming = %+v, %v", up, err)
			}
			last = lastAuditID(t, w.s)
			mp, err := w.svc.Meeting(ctx, w.parent, care.ViewFamily, w.fam, m.ID)
			if err != nil || mp.Me == nil || mp.Me.MemberID != w.parentMember || mp.Owners != nil {
				t.Fatalf("parent's page = %+v, %v", mp, err)
			}
			oneAudit(t, w.s, last, success(w.parent, w.fam, "meeting", m.ID, care.ActionRead))
			if err := w.svc.DeclineMeeting(ctx, w.parent, w.fam, m.ID, true); err != nil {
				t.Fatal(err)
			}
			if mp, _ := w.svc.Meeting(ctx, w.cm, care.ViewCaseFile, w.fam, m.ID); !mp.Meeting.Participant(0, w.parentMember).Declined {
				t.Error("the decline is not on the case managers' page")
			}

			// The GP, with consent for the plan: list, page and home.
			ml, err := w.svc.Meetings(ctx, w.gp, care.ViewProvider, w.fam)
			if err != nil || len(ml.Upcoming) != 1 || ml.Network != nil {
				t.Fatalf("GP's list = %+v, %v", ml, err)
			}
			if up, _ := w.svc.UpcomingMeetings(ctx, w.gp); len(up) != 1 || up[0].Via != care.LinkProvider {
				t.Errorf("GP's upcoming = %+v", up)
			}
			// A provider of the family not invited: not found, recorded.
			stranger := linkProviderWithScope(t, w.fixture, care.ScopePlanNetwork)
			last = lastAuditID(t, w.s)
			if _, err := w.svc.Meeting(ctx, stranger, care.ViewProvider, w.fam, m.ID); !isCode(err, care.NotFound) {
				t.Errorf("provider not invited: %v", err)
			}
			want := denied(stranger, w.fam, "meeting", care.ActionRead)
			want.ObjectID, want.Authorised, want.Relationship, want.Consent = m.ID, true, true, true
			oneAudit(t, w.s, last, want)
			if ml, _ := w.svc.Meetings(ctx, stranger, care.ViewProvider, w.fam); len(ml.Upcoming)+len(ml.Past) != 0 {
				t.Errorf("provider not invited sees %+v", ml)
			}
			// Another family's meeting id through one's own family.
			if _, err := w.svc.Meeting(ctx, w.cm2, care.ViewCaseFile, w.other, m.ID); !isCode(err, care.NotFound) {
				t.Errorf("another family's meeting: %v", err)
			}

			// Minutes before the start are refused.
			report := &care.MeetingReport{Minutes: "Besproken: zuurstof en nachtzorg", Decisions: []string{"Ontslag vrijdag"},
				Actions: []care.MeetingAction{{Title: "Zuurstof thuis regelen", Owner: care.TaskOwner{Kind: care.OwnerNetwork, ID: w.gpMember}}}}
			if err := w.svc.WriteMeetingReport(ctx, w.cm, w.fam, m.ID, report); !hasField(err, "minutes") {
				t.Errorf("minutes before the start: %v", err)
			}
			started := &care.Meeting{FamilyID: w.fam, Purpose: care.PurposeCarePlanReview, Start: now.Add(-30 * time.Minute), Minutes: 60,
				Place: "Thuis", Report: "Begonnen", Participants: m.Participants[:2]}
			for i := range started.Participants {
				started.Participants[i].ID = 0
			}
			if err := w.svc.OrganiseMeeting(ctx, w.cm, started, false); err != nil {
				t.Fatal(err)
			}
			// An owner who does not take part, and one of another family:
			// nothing saved, not even the minutes.
			bad := *report
			bad.Actions = []care.MeetingAction{report.Actions[0], {Title: "x", Owner: care.TaskOwner{Kind: care.OwnerNetwork, ID: w.otherNet}},
				{Title: "y", Owner: care.TaskOwner{Kind: care.OwnerFamily}}}
			err = w.svc.WriteMeetingReport(ctx, w.cm, w.fam, started.ID, &bad)
			var in *care.InvalidInput
			if !hasField(err, "action_2_owner") || !hasField(err, "action_3_owner") || !asInvalid(err, &in) || in.Meeting == nil {
				t.Errorf("owners not taking part: %v", err)
			}
			if got, _ := w.s.Meeting(ctx, w.fam, started.ID); got.Report != "Begonnen" || len(got.ActionIDs) != 0 {
				t.Errorf("a refused report saved something: %+v", got)
			}
			if err := w.svc.WriteMeetingReport(ctx, w.cm, w.fam, started.ID, report); err != nil {
				t.Fatal(err)
			}
			pf, err := w.svc.ProviderView(ctx, w.gp, w.fam)
			if err != nil {
				t.Fatal(err)
			}
			if len(pf.Tasks) != 1 || pf.Tasks[0].Title != "Zuurstof thuis regelen" {
				t.Errorf("the action in the GP's own view: %+v", pf.Tasks)
			}
			mp, err = w.svc.Meeting(ctx, w.gp, care.ViewProvider, w.fam, started.ID)
			if err != nil || mp.Meeting.Report == "" || len(mp.Meeting.Actions) != 1 || mp.Meeting.Actions[0].NetworkMemberID != w.gpMember ||
				len(mp.Meeting.Decisions) != 1 {
				t.Fatalf("GP reads the minutes: %+v, %v", mp, err)
			}
			// Consent withdrawn: the GP's list is refused, and so is the
			// meeting on the home list.
			if err := w.svc.SetConsent(ctx, w.parent, w.fam, w.gpMember, false, ""); err != nil {
				t.Fatal(err)
			}
			if _, err := w.svc.Meeting(ctx, w.gp, care.ViewProvider, w.fam, started.ID); !isCode(err, care.NotFound) {
				t.Errorf("GP without consent reads the minutes: %v", err)
			}
			if up, _ := w.svc.UpcomingMeetings(ctx, w.gp); len(up) != 0 {
				t.Errorf("GP without consent: upcoming %+v", up)
			}
		})
	}
}

func asInvalid(err error, in **care.InvalidInput) bool { return errors.As(err, in) }
