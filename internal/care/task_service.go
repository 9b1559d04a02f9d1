package care

import (
	"context"
	"slices"
	"time"
)

// TaskStore keeps who a family's tasks are for, how that and their due
// dates changed, and the open tasks across a case manager's caseload.
type TaskStore interface {
	// ReassignTask sets an open task's owner (kind, name and ids) and due
	// date from t; NotFound when the family has no such open task.
	ReassignTask(ctx context.Context, familyID int64, t *Task) error
	AddTaskEvent(ctx context.Context, e *TaskEvent) error
	// TaskEvents lists the changes of one task of the family (taskID 0:
	// of all its tasks), oldest first.
	TaskEvents(ctx context.Context, familyID, taskID int64) ([]TaskEvent, error)
	// Worklist lists the open tasks of the families the account is a case
	// manager of, by due date (none last), at most q.Limit of them.
	Worklist(ctx context.Context, accountID int64, q WorklistQuery) ([]WorklistItem, error)
}

// WorklistQuery filters a case manager's worklist.
type WorklistQuery struct {
	OwnerKind string // one of OwnerKinds; "" for all
	// OverdueOn, when set, keeps only the tasks due before that day.
	OverdueOn time.Time
	Limit     int
}

// WorklistItem is one open task of the worklist, with whose file it is in.
type WorklistItem struct {
	Task
	ChildName string
	OwnerRole string // for a task of the network: the member's role, as "gp"
	Deceased  bool   // the child died: the task is no longer overdue
}

// MaxWorklist is the most tasks the worklist shows at once.
const MaxWorklist = 500

// Worklist returns the open tasks across the case manager's caseload, by
// due date, filtered by kind of owner and, when overdue, to those past
// their due date. One query over the caseload; one audit record, as for
// the caseload.
func (s *Service) Worklist(ctx context.Context, actor Actor, ownerKind string, overdue bool) ([]WorklistItem, error) {
	if !MayListCaseload(actor) {
		if err := s.record(ctx, actor, "worklist", ActionSearch, Decision{}, OutcomeDenied); err != nil {
			return nil, err
		}
		return nil, errNotFound
	}
	d := Decision{Allowed: true, Relationship: true}
	if ownerKind != "" && !slices.Contains(OwnerKinds, ownerKind) {
		if err := s.record(ctx, actor, "worklist", ActionSearch, d, OutcomeFailed); err != nil {
			return nil, err
		}
		return nil, FieldErrors{"owner": "field.choose"}
	}
	q := WorklistQuery{OwnerKind: ownerKind, Limit: MaxWorklist}
	if overdue {
		q.OverdueOn = DateOf(s.now())
	}
	var items []WorklistItem
	err := s.store.Read(ctx, func(st Store) error {
		var err error
		items, err = st.Worklist(ctx, actor.AccountID, q)
		return err
	})
	if err := s.listed(ctx, actor, "worklist", err); err != nil {
		return nil, err
	}
	return items, nil
}

// taskPage reads, for the form that changes a task, the file as a form
// shows it with that one task and its history.
func (s *Service) taskPage(ctx context.Context, st Store, familyID, taskID int64) (*File, error) {
	f, err := s.formFile(ctx, st, familyID)
	if err != nil {
		return nil, err
	}
	if f.Tasks, err = st.Tasks(ctx, familyID, TaskQuery{ID: taskID}); err != nil {
		return nil, err
	}
	if len(f.Tasks) == 0 {
		return nil, Errorf(NotFound, "task not found")
	}
	events, err := st.TaskEvents(ctx, familyID, taskID)
	f.TaskEvents = map[int64][]TaskEvent{taskID: events}
	return f, err
}

// TaskForm returns one task of the family with its history and the file
// as the form that changes it shows it (f.Tasks holds the task). A task of
// another family is not found, and the attempt is on record.
func (s *Service) TaskForm(ctx context.Context, actor Actor, familyID, taskID int64) (*File, error) {
	var f *File
	err := s.gate(ctx, caseFile(actor, familyID, "task", ActionRead), func(st Store, _ Relationship, id *int64) error {
		*id = taskID
		var err error
		f, err = s.taskPage(ctx, st, familyID, taskID)
		return err
	})
	return f, err
}

// ReassignTask gives an open task to owner and sets its due date (zero:
// none), in one transaction with a history record for each that changed.
// An owner who is not in this family's file is refused at "owner" and
// nothing is saved; a task of another family, or a closed one, is not
// found.
func (s *Service) ReassignTask(ctx context.Context, actor Actor, familyID, taskID int64, owner TaskOwner, due time.Time) error {
	a := caseFile(actor, familyID, "task", ActionUpdate)
	a.again = func(ctx context.Context, st Store, familyID int64, _ Relationship, in *InvalidInput) error {
		var err error
		in.Form, err = s.taskPage(ctx, st, familyID, taskID)
		return err
	}
	return s.gate(ctx, a, func(st Store, _ Relationship, id *int64) error {
		*id = taskID
		tasks, err := st.Tasks(ctx, familyID, TaskQuery{ID: taskID, Status: "open"})
		if err != nil {
			return err
		}
		if len(tasks) == 0 {
			return ErrTaskNotOpen
		}
		was := tasks[0]
		next := was
		next.DueDate = due
		fe := FieldErrors{}
		mergeErrors(fe, giveTo(ctx, st, familyID, &next, owner, "owner", s.now()), "")
		mergeErrors(fe, next.Validate(s.now()), "")
		if len(fe) > 0 {
			return fe
		}
		now := s.now().UTC()
		var events []TaskEvent
		if was.Owner() != next.Owner() || was.OwnerName != next.OwnerName {
			events = append(events, TaskEvent{Field: "owner", FromKind: was.OwnerKindShown(), From: was.OwnerName,
				ToKind: next.OwnerKindShown(), To: next.OwnerName})
		}
		if !was.DueDate.Equal(next.DueDate) {
			events = append(events, TaskEvent{Field: "due_date", From: isoDate(was.DueDate), To: isoDate(next.DueDate)})
		}
		if len(events) == 0 {
			return nil
		}
		if err := st.ReassignTask(ctx, familyID, &next); err != nil {
			return err
		}
		for i := range events {
			e := &events[i]
			e.FamilyID, e.TaskID, e.At, e.By = familyID, taskID, now, Person{AccountID: actor.AccountID}
			if err := st.AddTaskEvent(ctx, e); err != nil {
				return err
			}
		}
		return nil
	})
}

// isoDate is a date as the history keeps it; "" for none.
func isoDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.DateOnly)
}

// createTask checks and inserts a new task of the family in st: the owner
// picked (t.Pick) is looked up in this family's file, and a network member
// linked without a pick must be in its network. Field errors carry prefix.
func (s *Service) createTask(ctx context.Context, st Store, actor Actor, t *Task, prefix string) error {
	fe := FieldErrors{}
	if !t.Pick.IsZero() {
		mergeErrors(fe, giveTo(ctx, st, t.FamilyID, t, t.Pick, "owner", s.now()), "")
	} else if t.NetworkMemberID != 0 {
		// The provider a task is linked to must be in this family's network,
		// and still involved: an ended member takes no new tasks.
		network, err := st.Network(ctx, t.FamilyID)
		if err != nil {
			return err
		}
		if !slices.ContainsFunc(network, func(n NetworkMember) bool { return n.ID == t.NetworkMemberID && !n.Ended(s.now()) }) {
			fe["network_member"] = "field.choose"
		}
	}
	mergeErrors(fe, t.Validate(s.now()), "")
	if len(fe) > 0 {
		out := FieldErrors{}
		for k, v := range fe {
			out[prefix+k] = v
		}
		return out
	}
	t.Status = "open"
	t.CreatedAt = s.now().UTC()
	t.CreatedBy = Person{AccountID: actor.AccountID}
	return st.CreateTask(ctx, t)
}

// AddContactWithTask registers a contact and, when task is not nil, the
// follow-up task it leads to, in one transaction: both are saved, or
// neither. The task's field errors carry the prefix "task_". The contact
// and the task each have their audit record.
func (s *Service) AddContactWithTask(ctx context.Context, actor Actor, c *Contact, task *Task) error {
	if task == nil {
		return s.AddContact(ctx, actor, c)
	}
	return s.gate(ctx, s.caseForm(actor, c.FamilyID, "contact", ActionCreate), func(st Store, rel Relationship, id *int64) error {
		fe := FieldErrors{}
		mergeErrors(fe, c.Validate(s.now(), rel.BirthDate), "")
		task.FamilyID = c.FamilyID
		terr := s.createTask(ctx, st, actor, task, "task_")
		mergeErrors(fe, terr, "")
		if terr != nil && len(fe) == 0 {
			return terr
		}
		if len(fe) > 0 {
			return fe
		}
		c.CreatedAt = s.now().UTC()
		c.CreatedBy = Person{AccountID: actor.AccountID}
		if err := st.AddContact(ctx, c); err != nil {
			return err
		}
		*id = c.ID
		d := Decision{Allowed: true, Relationship: true}
		return st.AppendAudit(ctx, s.event(actor, c.FamilyID, "task", task.ID, ActionCreate, d, OutcomeSuccess))
	})
}

// eventsByTask groups a family's task history by task.
func eventsByTask(events []TaskEvent) map[int64][]TaskEvent {
	out := map[int64][]TaskEvent{}
	for _, e := range events {
		out[e.TaskID] = append(out[e.TaskID], e)
	}
	return out
}
