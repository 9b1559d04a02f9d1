package care

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"time"
)

// DeathFile is the case managers' page of the death and the aftercare.
type DeathFile struct {
	Family Family // without the BSN
	Today  time.Time
	// Records are the death records, the one in force first; empty
	// before the death is recorded.
	Records []DeathRecord
	// PlanPreferred is the preferred place of death of the care plan's
	// proactive care planning, as a place of death; "" when not known.
	PlanPreferred string
	// OpenTasks are the child's open tasks, to close or keep.
	OpenTasks []Task
	// EndedCoverage are the coverage items whose current period ended on
	// the date of death.
	EndedCoverage []CoverageItem
	Aftercare     *Aftercare
	// Parents and Siblings are the family members the aftercare is for;
	// Bereavement the network members who offer bereavement support, the
	// ones marked as such first.
	Siblings []Member
	Network  []NetworkMember
	Episode  *Episode
	// Offsets are the organisation's default follow-up contacts.
	Offsets string
}

// Current is the death record in force; nil before the death is recorded.
func (df *DeathFile) Current() *DeathRecord {
	if len(df.Records) == 0 {
		return nil
	}
	return &df.Records[0]
}

// Ended reports whether case management ended after the aftercare.
func (df *DeathFile) Ended() bool { return df.Episode != nil && df.Episode.Status == "ended" }

// deathDoor is an access of the case managers to the death and the
// aftercare; a refusal for its input comes back with the page.
func (s *Service) deathDoor(actor Actor, familyID int64, object string, action Action) access {
	return access{actor: actor, familyID: familyID, view: ViewCaseFile, object: object, action: action,
		again: func(ctx context.Context, st Store, familyID int64, _ Relationship, in *InvalidInput) error {
			var err error
			in.Death, err = s.deathFile(ctx, st, familyID)
			return err
		}}
}

// Death returns the case managers' page of the child's death and the
// aftercare.
func (s *Service) Death(ctx context.Context, actor Actor, familyID int64) (*DeathFile, error) {
	var df *DeathFile
	err := s.gate(ctx, s.deathDoor(actor, familyID, "death", ActionRead), func(st Store, _ Relationship, id *int64) error {
		*id = familyID
		var err error
		df, err = s.deathFile(ctx, st, familyID)
		return err
	})
	if err != nil {
		return nil, err
	}
	return df, nil
}

func (s *Service) deathFile(ctx context.Context, st Store, familyID int64) (*DeathFile, error) {
	f, err := st.FamilyByID(ctx, familyID)
	if err != nil {
		return nil, err
	}
	f.BSN = ""
	df := &DeathFile{Family: *f, Today: DateOf(s.now())}
	if df.Records, err = st.DeathRecords(ctx, familyID); err != nil {
		return nil, err
	}
	plan, err := st.CarePlan(ctx, familyID)
	if err != nil {
		return nil, err
	}
	if plan != nil && slices.Contains(DeathPlaces, plan.ACP.PlaceOfDeath.Place) {
		df.PlanPreferred = plan.ACP.PlaceOfDeath.Place
	}
	if df.OpenTasks, err = st.Tasks(ctx, familyID, TaskQuery{Status: "open"}); err != nil {
		return nil, err
	}
	if cur := df.Current(); cur != nil {
		items, err := st.CoverageItems(ctx, familyID)
		if err != nil {
			return nil, err
		}
		for _, it := range items {
			if p := it.Current(); p != nil && p.Status == CoverageEnded && p.End.Equal(cur.DiedOn) {
				it.Documents = nil
				df.EndedCoverage = append(df.EndedCoverage, it)
			}
		}
	}
	members, err := st.Members(ctx, familyID)
	if err != nil {
		return nil, err
	}
	for _, m := range members {
		if m.Kind == "sibling" && m.EndedOn.IsZero() {
			df.Siblings = append(df.Siblings, m)
		}
	}
	network, err := st.Network(ctx, familyID)
	if err != nil {
		return nil, err
	}
	for _, n := range network {
		if n.EndedOn.IsZero() {
			df.Network = append(df.Network, n)
		}
	}
	slices.SortStableFunc(df.Network, func(a, b NetworkMember) int { return boolRank(a.Bereavement) - boolRank(b.Bereavement) })
	if df.Aftercare, err = readAftercare(ctx, st, familyID, members, network); err != nil {
		return nil, err
	}
	if df.Episode, err = st.Episode(ctx, familyID); err != nil {
		return nil, err
	}
	if df.Offsets, err = st.AftercareOffsets(ctx, f.OrganisationID); err != nil {
		return nil, err
	}
	return df, nil
}

// readAftercare reads the plan and names the brothers and sisters and the
// supporters from the network.
func readAftercare(ctx context.Context, st Store, familyID int64, members []Member, network []NetworkMember) (*Aftercare, error) {
	a, err := st.Aftercare(ctx, familyID)
	if err != nil {
		return nil, err
	}
	for i := range a.People {
		p := &a.People[i]
		for _, m := range members {
			if m.ID == p.MemberID {
				p.MemberName = m.Name
			}
		}
		for _, n := range network {
			if n.ID == p.NetworkID {
				p.Supporter, p.SupporterPhone = n.Name, n.Phone
			}
		}
	}
	return a, nil
}

// RecordDeath records the child's death (r.Corrects 0) or corrects the
// record in force (r.Corrects its id), keeping every record before: for
// the case managers. The first record marks the child deceased, ends the
// coverage items at the date of death, plans the aftercare with the
// organisation's default follow-up contacts for the parents and each
// brother and sister, and puts the first of them in place of the planned
// next contact. A correction of the date moves the open follow-up
// contacts with it. A second first record, a correction of a record no
// longer in force, or bad input saves nothing.
func (s *Service) RecordDeath(ctx context.Context, actor Actor, r *DeathRecord) error {
	action := ActionCreate
	if r.Corrects != 0 {
		action = ActionUpdate
	}
	return s.gate(ctx, s.deathDoor(actor, r.FamilyID, "death_record", action), func(st Store, rel Relationship, id *int64) error {
		records, err := st.DeathRecords(ctx, r.FamilyID)
		if err != nil {
			return err
		}
		switch {
		case r.Corrects == 0 && len(records) > 0:
			return FieldErrors{"died_on": "death.already_recorded"}
		case r.Corrects != 0 && len(records) == 0:
			return Errorf(NotFound, "death record not found")
		case r.Corrects != 0 && records[0].ID != r.Corrects:
			return Errorf(Conflict, "death.changed_meanwhile")
		}
		r.trim()
		if err := r.Validate(s.now(), rel.KnownBirth()); err != nil {
			return err
		}
		r.RecordedAt, r.RecordedBy = s.now().UTC(), Person{AccountID: actor.AccountID}
		if err := st.AddDeathRecord(ctx, r); err != nil {
			return err
		}
		*id = r.ID
		if err := st.SetDeceased(ctx, r.FamilyID, r.DiedOn); err != nil {
			return err
		}
		if err := s.endCoverageAt(ctx, st, actor, r.FamilyID, r.DiedOn); err != nil {
			return err
		}
		a, err := st.Aftercare(ctx, r.FamilyID)
		if err != nil {
			return err
		}
		if len(records) == 0 {
			if len(a.People) == 0 && len(a.Contacts) == 0 {
				if a, err = s.defaultAftercare(ctx, st, r.FamilyID, r.DiedOn); err != nil {
					return err
				}
			}
		} else if days := int(r.DiedOn.Sub(records[0].DiedOn).Hours() / 24); days != 0 {
			for i := range a.Contacts {
				if !a.Contacts[i].Done() {
					a.Contacts[i].DueOn = a.Contacts[i].DueOn.AddDate(0, 0, days)
				}
			}
			if err := st.SaveAftercare(ctx, r.FamilyID, a); err != nil {
				return err
			}
		}
		return planNextContact(ctx, st, r.FamilyID, a)
	})
}

// defaultAftercare plans the aftercare of a family without a plan: for
// the parents and each brother and sister, with the first bereavement
// contact of the network, and the organisation's follow-up contacts.
func (s *Service) defaultAftercare(ctx context.Context, st Store, familyID int64, died time.Time) (*Aftercare, error) {
	f, err := st.FamilyByID(ctx, familyID)
	if err != nil {
		return nil, err
	}
	network, err := st.Network(ctx, familyID)
	if err != nil {
		return nil, err
	}
	var supporter int64
	for _, n := range network {
		if n.Bereavement && n.EndedOn.IsZero() {
			supporter = n.ID
			break
		}
	}
	members, err := st.Members(ctx, familyID)
	if err != nil {
		return nil, err
	}
	a := &Aftercare{People: []AftercarePerson{{FamilyID: familyID, NetworkID: supporter}}}
	for _, m := range members {
		if m.Kind == "sibling" && m.EndedOn.IsZero() {
			a.People = append(a.People, AftercarePerson{FamilyID: familyID, MemberID: m.ID, NetworkID: supporter})
		}
	}
	offsets, err := st.AftercareOffsets(ctx, f.OrganisationID)
	if err != nil {
		return nil, err
	}
	for _, d := range AftercareDates(offsets, died) {
		a.Contacts = append(a.Contacts, AftercareContact{FamilyID: familyID, DueOn: d})
	}
	if err := st.SaveAftercare(ctx, familyID, a); err != nil {
		return nil, err
	}
	return st.Aftercare(ctx, familyID)
}

// planNextContact makes the earliest open follow-up contact the family's
// planned next contact, or cancels the planned contact when none is open.
func planNextContact(ctx context.Context, st Store, familyID int64, a *Aftercare) error {
	var next time.Time
	if c := a.NextOpen(); c != nil {
		next = c.DueOn
	}
	return st.SetNextContact(ctx, familyID, next)
}

// endCoverageAt ends, at the date of death, the current period of every
// coverage item that runs past it, keeping the values before as a
// correction. Financing stops at the date of death; bereavement support,
// for the family, goes on.
func (s *Service) endCoverageAt(ctx context.Context, st Store, actor Actor, familyID int64, died time.Time) error {
	items, err := st.CoverageItems(ctx, familyID)
	if err != nil {
		return err
	}
	for i := range items {
		c := &items[i]
		p := c.Current()
		// Bereavement support is for the family, and goes on.
		if p == nil || c.Kind == "bereavement" || p.Status == CoverageRefused || p.Status == CoverageExpired || p.Start.After(died) ||
			(!p.End.IsZero() && !p.End.After(died)) {
			continue
		}
		before := c.correctionFields(p)
		p.End, p.Status = died, CoverageEnded
		c.Periods = []CoveragePeriod{*p}
		if err := st.UpdateCoverageItem(ctx, c); err != nil {
			return err
		}
		if err := s.keepCorrection(ctx, st, actor, familyID, CorrectCoverageItem, c.ID, before, c.correctionFields(p)); err != nil {
			return err
		}
	}
	return nil
}

// CloseTasksAfterDeath closes, in one step, the child's open tasks the
// case manager chose after the death, with one note; the others stay
// open. A task that is not an open task of the family is NotFound.
func (s *Service) CloseTasksAfterDeath(ctx context.Context, actor Actor, familyID int64, taskIDs []int64, note string) error {
	return s.gate(ctx, s.deathDoor(actor, familyID, "tasks", ActionUpdate), func(st Store, rel Relationship, id *int64) error {
		*id = familyID
		f, err := st.FamilyByID(ctx, familyID)
		if err != nil {
			return err
		}
		if !f.Deceased {
			return FieldErrors{"death": "death.not_recorded"}
		}
		note = strings.TrimSpace(note)
		fe := FieldErrors{}
		text(fe, "note", note, MaxShort, false)
		if len(taskIDs) == 0 {
			fe["tasks"] = "death.tasks_none_chosen"
		}
		if err := fe.OrNil(); err != nil {
			return err
		}
		open, err := st.Tasks(ctx, familyID, TaskQuery{Status: "open"})
		if err != nil {
			return err
		}
		for _, tid := range taskIDs {
			if !slices.ContainsFunc(open, func(t Task) bool { return t.ID == tid }) {
				return Errorf(NotFound, "task not found")
			}
			if err := st.CompleteTask(ctx, familyID, tid, note, s.now().UTC(), actor.AccountID); err != nil {
				return err
			}
		}
		return nil
	})
}

// SaveAftercare replaces the aftercare plan: for the parents and the
// brothers and sisters, who supports them (from the network or named),
// what they want, and the follow-up contacts. A contact keeps when and by
// whom it was marked done; one newly marked done is done today by the
// actor. The earliest open contact becomes the planned next contact.
func (s *Service) SaveAftercare(ctx context.Context, actor Actor, familyID int64, a *Aftercare) error {
	return s.gate(ctx, s.deathDoor(actor, familyID, "aftercare", ActionUpdate), func(st Store, rel Relationship, id *int64) error {
		*id = familyID
		f, err := st.FamilyByID(ctx, familyID)
		if err != nil {
			return err
		}
		if !f.Deceased {
			return FieldErrors{"death": "death.not_recorded"}
		}
		old, err := st.Aftercare(ctx, familyID)
		if err != nil {
			return err
		}
		members, err := st.Members(ctx, familyID)
		if err != nil {
			return err
		}
		network, err := st.Network(ctx, familyID)
		if err != nil {
			return err
		}
		if err := s.checkAftercare(a, f, members, network); err != nil {
			return err
		}
		today := DateOf(s.now())
		for i := range a.Contacts {
			c := &a.Contacts[i]
			c.FamilyID = familyID
			was := slices.IndexFunc(old.Contacts, func(o AftercareContact) bool { return o.ID == c.ID && c.ID != 0 })
			switch {
			case c.ID != 0 && was < 0:
				return Errorf(NotFound, "aftercare contact not found")
			case !c.Done():
			case was >= 0 && old.Contacts[was].Done():
				c.DoneOn, c.DoneBy = old.Contacts[was].DoneOn, old.Contacts[was].DoneBy
			default:
				c.DoneOn, c.DoneBy = today, Person{AccountID: actor.AccountID}
			}
		}
		for i := range a.People {
			a.People[i].FamilyID = familyID
		}
		if err := st.SaveAftercare(ctx, familyID, a); err != nil {
			return err
		}
		return planNextContact(ctx, st, familyID, a)
	})
}

// checkAftercare checks a plan against the family: at most one line for
// the parents and one per brother or sister of the family, supporters of
// its network, and follow-up contacts from the date of death within five
// years.
func (s *Service) checkAftercare(a *Aftercare, f *Family, members []Member, network []NetworkMember) error {
	fe := FieldErrors{}
	seen := map[int64]bool{}
	for i := range a.People {
		p := &a.People[i]
		p.Supporter, p.Wishes = strings.TrimSpace(p.Supporter), strings.TrimSpace(p.Wishes)
		key := "people." + strconv.Itoa(i) + "."
		if seen[p.MemberID] {
			fe[key+"member"] = "aftercare.person_twice"
		}
		seen[p.MemberID] = true
		if p.MemberID != 0 && !slices.ContainsFunc(members, func(m Member) bool { return m.ID == p.MemberID && m.Kind == "sibling" }) {
			return Errorf(NotFound, "family member not found")
		}
		if p.NetworkID != 0 {
			if !slices.ContainsFunc(network, func(n NetworkMember) bool { return n.ID == p.NetworkID }) {
				return Errorf(NotFound, "network member not found")
			}
			p.Supporter = ""
		}
		text(fe, key+"supporter", p.Supporter, MaxName, false)
		text(fe, key+"wishes", p.Wishes, MaxText, false)
	}
	if len(a.Contacts) > MaxAftercareContacts {
		fe["contacts"] = "aftercare.too_many"
	}
	for i := range a.Contacts {
		c := &a.Contacts[i]
		c.Note = strings.TrimSpace(c.Note)
		key := "contacts." + strconv.Itoa(i) + "."
		switch {
		case c.DueOn.IsZero():
			fe[key+"due_on"] = "field.required"
		case c.DueOn.Before(f.DeceasedOn):
			fe[key+"due_on"] = "aftercare.before_death"
		case c.DueOn.After(f.DeceasedOn.AddDate(5, 0, 0)):
			fe[key+"due_on"] = "aftercare.too_late"
		}
		text(fe, key+"note", c.Note, MaxShort, false)
	}
	if err := fe.OrNil(); err != nil {
		return err // numbered as the plan came in
	}
	slices.SortStableFunc(a.Contacts, func(x, y AftercareContact) int { return x.DueOn.Compare(y.DueOn) })
	return nil
}

// AftercareContactDone marks one follow-up contact done today; the next
// open one becomes the planned next contact.
func (s *Service) AftercareContactDone(ctx context.Context, actor Actor, familyID, contactID int64) error {
	return s.gate(ctx, s.deathDoor(actor, familyID, "aftercare_contact", ActionUpdate), func(st Store, rel Relationship, id *int64) error {
		*id = contactID
		a, err := st.Aftercare(ctx, familyID)
		if err != nil {
			return err
		}
		i := slices.IndexFunc(a.Contacts, func(c AftercareContact) bool { return c.ID == contactID })
		if i < 0 {
			return Errorf(NotFound, "aftercare contact not found")
		}
		if !a.Contacts[i].Done() {
			a.Contacts[i].DoneOn, a.Contacts[i].DoneBy = DateOf(s.now()), Person{AccountID: actor.AccountID}
			if err := st.SaveAftercare(ctx, familyID, a); err != nil {
				return err
			}
		}
		return planNextContact(ctx, st, familyID, a)
	})
}

// EndAftercare ends case management after the aftercare, with a reason:
// the episode ends and no contact stays planned; the file stays readable.
func (s *Service) EndAftercare(ctx context.Context, actor Actor, familyID int64, reason string) error {
	return s.gate(ctx, s.deathDoor(actor, familyID, "episode", ActionUpdate), func(st Store, rel Relationship, id *int64) error {
		*id = familyID
		f, err := st.FamilyByID(ctx, familyID)
		if err != nil {
			return err
		}
		if !f.Deceased {
			return FieldErrors{"death": "death.not_recorded"}
		}
		reason = strings.TrimSpace(reason)
		fe := FieldErrors{}
		text(fe, "reason", reason, MaxText, true)
		if err := fe.OrNil(); err != nil {
			return err
		}
		e, err := st.Episode(ctx, familyID)
		if err != nil {
			return err
		}
		if e == nil {
			return Errorf(NotFound, "episode not found")
		}
		if e.Status == "ended" {
			return FieldErrors{"reason": "aftercare.already_ended"}
		}
		e.Status, e.StatusDate, e.StatusNote = "ended", DateOf(s.now()), reason
		if err := st.SaveEpisode(ctx, e); err != nil {
			return err
		}
		return st.SetNextContact(ctx, familyID, time.Time{})
	})
}

// DeathFigures returns, for the CaPalCa registration, the date and place
// of death and whether the preferred place was known and met, of the
// families given (none: the caller's caseload) that the caller may see
// and whose child's death is recorded. Each family read is audited; one
// the caller may not see is left out, and its refusal recorded.
func (s *Service) DeathFigures(ctx context.Context, actor Actor, familyIDs []int64) ([]DeathFigure, error) {
	if len(familyIDs) == 0 {
		items, err := s.Caseload(ctx, actor, "", "name")
		if err != nil {
			return nil, err
		}
		for _, it := range items {
			if it.Deceased {
				familyIDs = append(familyIDs, it.FamilyID)
			}
		}
	}
	var out []DeathFigure
	for _, fid := range familyIDs {
		var rec *DeathRecord
		err := s.gate(ctx, caseFile(actor, fid, "death_figures", ActionRead), func(st Store, _ Relationship, id *int64) error {
			*id = fid
			records, err := st.DeathRecords(ctx, fid)
			if len(records) > 0 {
				rec = &records[0]
			}
			return err
		})
		switch {
		case err != nil && ErrorCode(err) == NotFound:
			continue
		case err != nil:
			return nil, err
		case rec != nil:
			out = append(out, DeathFigure{FamilyID: fid, DiedOn: rec.DiedOn, Place: rec.Place,
				PreferredKnown: rec.PreferredKnown(), PreferredMet: rec.PreferredMet})
		}
	}
	return out, nil
}

// AftercareDefaults is the organisation's default follow-up contacts.
func (s *Service) AftercareDefaults(ctx context.Context, actor Actor) (string, error) {
	var offsets string
	err := s.store.Read(ctx, func(st Store) error {
		var err error
		offsets, err = st.AftercareOffsets(ctx, actor.OrganisationID)
		return err
	})
	return offsets, err
}

// SetAftercareDefaults sets the organisation's default follow-up contacts
// after a death ("6w 3m 1y"): for the administrator.
func (s *Service) SetAftercareDefaults(ctx context.Context, actor Actor, offsets string) error {
	d := Decision{Allowed: actor.Role == RoleAdmin}
	if !d.Allowed {
		if err := s.record(ctx, actor, "organisation_setting", ActionUpdate, d, OutcomeDenied); err != nil {
			return err
		}
		return errNotFound
	}
	canon, err := ParseAftercareOffsets(offsets)
	if err != nil {
		return err
	}
	return s.store.Atomic(ctx, func(st Store) error {
		if err := st.SetAftercareOffsets(ctx, actor.OrganisationID, canon); err != nil {
			return err
		}
		return st.AppendAudit(ctx, s.event(actor, 0, "organisation_setting", actor.OrganisationID, ActionUpdate, d, OutcomeSuccess))
	})
}

// quietAfterDeath keeps the caseload from warning about a child who died:
// no overdue tasks. The planned next contact is the aftercare's, and
// warns as any planned contact does.
func quietAfterDeath(items []CaseloadItem) {
	for i := range items {
		if items[i].Deceased {
			items[i].Overdue = 0
		}
	}
}

// AftercarePlan reads the aftercare plan through the door view: the case
// managers' file or the family's own view. A provider has no door to it.
func (s *Service) AftercarePlan(ctx context.Context, actor Actor, view View, familyID int64) (*Aftercare, error) {
	if view != ViewFamily {
		view = ViewCaseFile
	}
	var a *Aftercare
	err := s.gate(ctx, access{actor: actor, familyID: familyID, view: view, object: "aftercare", action: ActionRead},
		func(st Store, _ Relationship, id *int64) error {
			*id = familyID
			members, err := st.Members(ctx, familyID)
			if err != nil {
				return err
			}
			network, err := st.Network(ctx, familyID)
			if err != nil {
				return err
			}
			a, err = readAftercare(ctx, st, familyID, members, network)
			return err
		})
	if err != nil {
		return nil, err
	}
	return a, nil
}
