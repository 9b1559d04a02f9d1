package storetest

import (
	"context"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/spil-zorg/spil/internal/care"
)

func newMeeting(t *testing.T, s Store, f accessFixture, start time.Time) *care.Meeting {
	t.Helper()
	m := &care.Meeting{FamilyID: f.family, Purpose: care.PurposeWarmHandoff, Start: start, Minutes: 90,
		Place: "Prinses Máxima Centrum, kamer 3", VideoURL: "https://meet.example.org/mdo", Agenda: "Overdracht naar huis",
		Participants: []care.MeetingParticipant{{NetworkMemberID: f.network}, {MemberID: f.member}},
		CreatedAt:    t0, CreatedBy: care.Person{AccountID: f.caseManager}}
	if err := s.CreateMeeting(context.Background(), m); err != nil {
		t.Fatalf("CreateMeeting: %v", err)
	}
	return m
}

func testMeetings(t *testing.T, s Store) {
	ctx := context.Background()
	f := newAccessFixture(t, s)
	other := newAccessFixture(t, s)
	start := time.Date(2026, 3, 10, 13, 30, 0, 0, time.UTC)
	m := newMeeting(t, s, f, start)
	if m.ID == 0 || m.Participants[0].ID == 0 || m.Participants[1].ID == 0 {
		t.Fatalf("ids not set: %+v", m)
	}
	got, err := s.Meeting(ctx, f.family, m.ID)
	if err != nil {
		t.Fatal(err)
	}
	want := care.MeetingParticipant{ID: m.Participants[1].ID, MemberID: f.member, Name: "Ilse"}
	if !got.Start.Equal(start) || got.Minutes != 90 || got.Place != m.Place || got.VideoURL != m.VideoURL || got.CreatedBy.Name == "" ||
		len(got.Participants) != 2 || !cmp.Equal(got.Participants[0], want) || got.Participants[1].Name != "Dr. Smit" ||
		got.Participants[1].Role != "gp" || got.HasReport() {
		t.Errorf("Meeting = %+v", got)
	}
	// Another family's id finds nothing, whichever way round.
	if _, err := s.Meeting(ctx, other.family, m.ID); !isNotFound(err) {
		t.Errorf("meeting through another family = %v, want NotFound", err)
	}
	// The minutes, with decisions replaced when written again.
	got.Report, got.Decisions, got.ReportAt, got.ReportBy = "Besproken: thuiszorg", []string{"Ontslag op 20 maart", "Nachtzorg aanvragen"},
		t0.Add(time.Hour), care.Person{AccountID: f.caseManager}
	if err := s.SaveMeetingReport(ctx, got); err != nil {
		t.Fatal(err)
	}
	got.Decisions = []string{"Ontslag op 21 maart"}
	if err := s.SaveMeetingReport(ctx, got); err != nil {
		t.Fatal(err)
	}
	wrong := *got
	wrong.FamilyID = other.family
	if err := s.SaveMeetingReport(ctx, &wrong); !isNotFound(err) {
		t.Errorf("minutes through another family = %v, want NotFound", err)
	}
	task := &care.Task{FamilyID: f.family, Title: "Zuurstof thuis regelen", OwnerKind: care.OwnerNetwork, OwnerName: "Dr. Smit",
		NetworkMemberID: f.network, CreatedAt: t0, CreatedBy: care.Person{AccountID: f.caseManager}}
	otherTask := &care.Task{FamilyID: other.family, Title: "x", OwnerKind: care.OwnerFamily, CreatedAt: t0,
		CreatedBy: care.Person{AccountID: other.caseManager}}
	for _, tk := range []*care.Task{task, otherTask} {
		if err := s.CreateTask(ctx, tk); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.AddMeetingAction(ctx, f.family, m.ID, task.ID); err != nil {
		t.Fatal(err)
	}
	if err := s.AddMeetingAction(ctx, f.family, m.ID, otherTask.ID); !isNotFound(err) {
		t.Errorf("another family's task as an action = %v, want NotFound", err)
	}
	if err := s.AddMeetingAction(ctx, other.family, m.ID, otherTask.ID); !isNotFound(err) {
		t.Errorf("an action on another family's meeting = %v, want NotFound", err)
	}
	declined := t0.Add(2 * time.Hour)
	if err := s.SetMeetingDeclined(ctx, f.family, m.ID, f.member, declined); err != nil {
		t.Fatal(err)
	}
	if err := s.SetMeetingDeclined(ctx, other.family, m.ID, f.member, declined); !isNotFound(err) {
		t.Errorf("declining through another family = %v, want NotFound", err)
	}
	all, err := s.Meetings(ctx, f.family)
	if err != nil || len(all) != 1 {
		t.Fatalf("Meetings = %+v, %v", all, err)
	}
	r := all[0]
	if r.Report != "Besproken: thuiszorg" || !r.ReportAt.Equal(t0.Add(time.Hour)) || r.ReportBy.Name == "" ||
		!cmp.Equal(r.Decisions, []string{"Ontslag op 21 maart"}) || !cmp.Equal(r.ActionIDs, []int64{task.ID}) ||
		!r.Participants[0].Declined || !r.Participants[0].DeclinedAt.Equal(declined) || r.Participants[1].Declined {
		t.Errorf("Meetings[0] = %+v", r)
	}
	if err := s.SetMeetingDeclined(ctx, f.family, m.ID, f.member, time.Time{}); err != nil {
		t.Fatal(err)
	}
	if back, _ := s.Meeting(ctx, f.family, m.ID); back.Participants[0].Declined {
		t.Error("coming after all left the decline")
	}
	if ms, err := s.Meetings(ctx, other.family); err != nil || len(ms) != 0 {
		t.Errorf("another family's meetings = %+v, %v", ms, err)
	}
}

func testMeetingsForAccount(t *testing.T, s Store) {
	ctx := context.Background()
	f := newAccessFixture(t, s)
	other := newAccessFixture(t, s)
	for _, l := range []*care.Link{
		{FamilyID: f.family, AccountID: f.parent, Kind: care.LinkParent, MemberID: f.member},
		{FamilyID: f.family, AccountID: f.provider, Kind: care.LinkProvider, NetworkMemberID: f.network},
	} {
		if err := s.CreateLink(ctx, l); err != nil {
			t.Fatal(err)
		}
	}
	in := newMeeting(t, s, f, time.Date(2026, 3, 10, 13, 30, 0, 0, time.UTC))
	before := newMeeting(t, s, f, time.Date(2026, 2, 10, 9, 0, 0, 0, time.UTC))
	// A meeting only the parent is invited to, and one of another family.
	parentOnly := &care.Meeting{FamilyID: f.family, Purpose: care.PurposeCarePlanReview, Start: time.Date(2026, 3, 12, 8, 0, 0, 0, time.UTC),
		Minutes: 30, Place: "Thuis", Participants: []care.MeetingParticipant{{MemberID: f.member}}, CreatedAt: t0,
		CreatedBy: care.Person{AccountID: f.caseManager}}
	if err := s.CreateMeeting(ctx, parentOnly); err != nil {
		t.Fatal(err)
	}
	newMeeting(t, s, other, time.Date(2026, 3, 11, 13, 30, 0, 0, time.UTC))
	from, to := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC), time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC)
	type row struct {
		ID      int64
		Via     string
		Network int64
	}
	for _, tc := range []struct {
		name    string
		account int64
		want    []row
	}{
		{"organiser", f.caseManager, []row{{in.ID, care.OwnerCaseManager, 0}, {parentOnly.ID, care.OwnerCaseManager, 0}}},
		{"parent", f.parent, []row{{in.ID, care.LinkParent, 0}, {parentOnly.ID, care.LinkParent, 0}}},
		{"provider", f.provider, []row{{in.ID, care.LinkProvider, f.network}}},
		{"not linked", other.parent, nil},
	} {
		got, err := s.MeetingsForAccount(ctx, tc.account, from, to)
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		var rows []row
		for _, m := range got {
			rows = append(rows, row{m.ID, m.Via, m.NetworkMemberID})
			if m.FamilyID != f.family || m.Minutes == 0 || m.Purpose == "" || m.BirthDate.IsZero() {
				t.Errorf("%s: %+v", tc.name, m)
			}
		}
		if diff := cmp.Diff(tc.want, rows); diff != "" {
			t.Errorf("%s: MeetingsForAccount (-want +got):\n%s", tc.name, diff)
		}
	}
	if got, _ := s.MeetingsForAccount(ctx, f.caseManager, before.Start, before.Start.Add(time.Minute)); len(got) != 1 || got[0].ID != before.ID {
		t.Errorf("window from the start = %+v", got)
	}
	// A case manager no longer assigned no longer sees what they organised.
	if err := s.AssignCaseManager(ctx, f.family, "kct", other.caseManager); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.MeetingsForAccount(ctx, f.caseManager, from, to); len(got) != 0 {
		t.Errorf("organiser no longer assigned: %+v", got)
	}
}
