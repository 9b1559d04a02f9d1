package main

import (
	"context"
	"fmt"
	"time"

	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/demo"
)

// saveMeetings stores the family's meetings through st as the case
// managers organised them, with the participants named, who declined, and
// for a meeting held its minutes, decisions and the actions as tasks of
// their owners. Each is checked as the care service checks it on the day
// it is organised (a past meeting with its minutes), so the demo holds
// nothing a case manager could not have entered.
func saveMeetings(ctx context.Context, st care.Store, familyID int64, f *demo.Family, members, network map[string]int64, team map[string]care.Person) error {
	for _, dm := range f.Meetings {
		m := dm.Meeting
		by := team[dm.By]
		m.FamilyID, m.CreatedBy = familyID, by
		// Organised a week before it started, or today for one ahead.
		m.CreatedAt = time.Now().UTC()
		if m.Start.Before(m.CreatedAt) {
			m.CreatedAt = m.Start.AddDate(0, 0, -7)
			m.ReportAt, m.ReportBy = m.Start.Add(time.Duration(m.Minutes+120)*time.Minute), by
		}
		for _, name := range dm.Invite {
			p := care.MeetingParticipant{NetworkMemberID: network[name], MemberID: members[name]}
			if (p.NetworkMemberID == 0) == (p.MemberID == 0) {
				return fmt.Errorf("meeting %s: %q is not in the network or the family", m.Purpose, name)
			}
			for _, d := range dm.Declined {
				if d == name {
					p.Declined, p.DeclinedAt = true, m.CreatedAt.Add(24*time.Hour)
				}
			}
			m.Participants = append(m.Participants, p)
		}
		if err := m.Validate(time.Now()); err != nil {
			return fmt.Errorf("meeting %s: %w", m.Purpose, err)
		}
		if err := st.CreateMeeting(ctx, &m); err != nil {
			return fmt.Errorf("meeting %s: %w", m.Purpose, err)
		}
		for _, a := range dm.Actions {
			t := care.Task{FamilyID: familyID, Title: a.Title, DueDate: a.Due, Status: "open", CreatedAt: m.ReportAt, CreatedBy: by,
				OwnerKind: a.OwnerKind, OwnerName: a.Owner}
			switch a.OwnerKind {
			case care.OwnerNetwork:
				t.NetworkMemberID = network[a.Owner]
			case care.OwnerParent:
				t.OwnerKind, t.OwnerMemberID = care.OwnerFamily, members[a.Owner]
			case care.OwnerCaseManager:
				for _, p := range team {
					if p.Name == a.Owner {
						t.OwnerAccountID = p.AccountID
					}
				}
			}
			if t.NetworkMemberID+t.OwnerMemberID+t.OwnerAccountID == 0 || m.Participant(t.NetworkMemberID, t.OwnerMemberID) == nil && t.OwnerAccountID == 0 {
				return fmt.Errorf("meeting %s, action %q: %q takes no part", m.Purpose, a.Title, a.Owner)
			}
			if err := st.CreateTask(ctx, &t); err != nil {
				return err
			}
			if err := st.AddMeetingAction(ctx, familyID, m.ID, t.ID); err != nil {
				return err
			}
		}
	}
	return nil
}
