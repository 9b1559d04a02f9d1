package site_test

import (
	"context"
	"testing"
	"time"

	"github.com/spil-zorg/spil/internal/care"
)

// meetingWorld gives family A an upcoming meeting with its GP (the
// "provider" actor's network member) and its parent (the "family" actor)
// invited.
func (w *authzWorld) meetingWorld(t *testing.T) {
	t.Helper()
	m := &care.Meeting{FamilyID: w.famA, Purpose: care.PurposeWarmHandoff, Start: w.a.Clock.Now().Add(48 * time.Hour), Minutes: 60,
		Place: "Thuis", Participants: []care.MeetingParticipant{{NetworkMemberID: w.memberA}, {MemberID: w.parentA}}}
	if err := w.a.Care.OrganiseMeeting(context.Background(), w.actor("own"), m, false); err != nil {
		t.Fatal(err)
	}
	w.meetingA = m.ID
}
