package main

import (
	"context"
	"fmt"
	"time"

	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/demo"
)

// saveDeath stores the record of a demo child's death, checked as the care
// service checks one, marks the child deceased, and stores the aftercare
// plan, with the first open follow-up contact as the planned next contact.
func saveDeath(ctx context.Context, st care.Store, familyID int64, f *demo.Family, members, network map[string]int64, team map[string]care.Person) error {
	d := f.Death
	if d == nil {
		return nil
	}
	r := d.Record
	r.FamilyID, r.RecordedBy, r.RecordedAt = familyID, team[d.By], r.RecordedAt.UTC()
	if err := r.Validate(time.Now(), f.BirthDate); err != nil {
		return fmt.Errorf("death of %s: %w", f.ChildName, err)
	}
	if err := st.AddDeathRecord(ctx, &r); err != nil {
		return fmt.Errorf("death of %s: %w", f.ChildName, err)
	}
	if err := st.SetDeceased(ctx, familyID, r.DiedOn); err != nil {
		return err
	}
	a := &care.Aftercare{}
	for _, l := range d.People {
		p := care.AftercarePerson{Wishes: l.Wishes, NetworkID: network[l.Supporter]}
		if p.NetworkID == 0 {
			p.Supporter = l.Supporter
		}
		if l.For != "" {
			if p.MemberID = members[l.For]; p.MemberID == 0 {
				return fmt.Errorf("aftercare for %q: not a member of the family", l.For)
			}
		}
		a.People = append(a.People, p)
	}
	for _, c := range d.Contacts {
		if c.Done() {
			c.DoneBy = team[d.By]
		}
		if c.DueOn.Before(r.DiedOn) {
			return fmt.Errorf("aftercare contact on %s is before the death", c.DueOn.Format(time.DateOnly))
		}
		a.Contacts = append(a.Contacts, c)
	}
	if err := st.SaveAftercare(ctx, familyID, a); err != nil {
		return err
	}
	var next time.Time
	if c := a.NextOpen(); c != nil {
		next = c.DueOn
	}
	return st.SetNextContact(ctx, familyID, next)
}
