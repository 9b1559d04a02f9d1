package main

import (
	"context"
	"fmt"
	"time"

	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/demo"
)

// saveThreads stores the demo conversations of a family, written by its
// case managers and the demo accounts linked to it; the family has read
// up to the messages marked so, and the case managers everything but the
// last message of another.
func saveThreads(ctx context.Context, st care.Store, familyID int64, child string, cast demoCast) error {
	if cast.accounts == nil {
		return nil
	}
	account := func(by string) (int64, error) {
		if p, ok := cast.team[by]; ok {
			return p.AccountID, nil
		}
		for _, d := range demoAccounts {
			if d.Link != nil && d.Link.Child == child && d.Link.As == by {
				return cast.accounts[d.Email], nil
			}
		}
		return 0, fmt.Errorf("demo thread: %q has no demo account", by)
	}
	threads := demo.Threads(child)
	if len(threads) == 0 {
		return nil
	}
	family, err := account(demo.ThreadsReader)
	if err != nil {
		return err
	}
	day := care.DateOf(cast.now)
	for _, th := range threads {
		at := func(m demo.Message) time.Time {
			return day.AddDate(0, 0, -m.DaysAgo).Add(time.Duration(m.Hour) * time.Hour).UTC()
		}
		first := th.Messages[0]
		by, err := account(first.By)
		if err != nil {
			return err
		}
		t := &care.Thread{FamilyID: familyID, Subject: th.Subject, CreatedBy: care.Person{AccountID: by}, CreatedAt: at(first), LastMessageAt: at(first)}
		if err := st.CreateThread(ctx, t); err != nil {
			return err
		}
		for _, name := range th.Providers {
			id, err := account(name)
			if err != nil {
				return err
			}
			if err := st.AddThreadProvider(ctx, familyID, t.ID, id, cast.team[demo.ByKCT].AccountID, at(first)); err != nil {
				return err
			}
		}
		for i, m := range th.Messages {
			by, err := account(m.By)
			if err != nil {
				return err
			}
			msg := &care.Message{FamilyID: familyID, ThreadID: t.ID, Author: care.Person{AccountID: by}, Body: m.Body, CreatedAt: at(m)}
			if err := st.AddMessage(ctx, msg); err != nil {
				return err
			}
			if err := st.MarkRead(ctx, familyID, t.ID, by, msg.ID); err != nil {
				return err
			}
			if m.ReadByFamily {
				if err := st.MarkRead(ctx, familyID, t.ID, family, msg.ID); err != nil {
					return err
				}
			}
			if i < len(th.Messages)-1 {
				if err := st.MarkRead(ctx, familyID, t.ID, cast.team[demo.ByKCT].AccountID, msg.ID); err != nil {
					return err
				}
			}
		}
	}
	return nil
}
