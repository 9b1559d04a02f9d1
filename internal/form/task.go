package form

import (
	"net/url"
	"strings"
	"time"

	"github.com/spil-zorg/spil/internal/care"
)

// DecodeTask reads a new task: what, for whom (picked from the people in
// the file) and by when.
func DecodeTask(v url.Values) (care.Task, Fields) {
	errs := Fields{}
	return decodeTask(v, "", errs), errs
}

func decodeTask(v url.Values, prefix string, errs Fields) care.Task {
	return care.Task{
		Title:   Field(v, prefix+"title", care.MaxShort, true, errs),
		Pick:    Owner(v, prefix+"owner", errs),
		DueDate: Date(v, prefix+"due_date", errs),
	}
}

// Owner reads the owner picked for a task ("network:12", "family"); one
// must be picked. Whether that person is in the family's file is the care
// service's to check.
func Owner(v url.Values, name string, errs Fields) care.TaskOwner {
	o, err := care.ParseTaskOwner(v.Get(name))
	if err != nil {
		errs[name] = "field.choose"
	}
	return o
}

// DecodeFollowUp reads the optional follow-up task of a contact, from the
// fields task_title, task_owner and task_due_date: nil when all three are
// empty, else a task whose title and owner are required.
func DecodeFollowUp(v url.Values, errs Fields) *care.Task {
	empty := true
	for _, f := range []string{"task_title", "task_owner", "task_due_date"} {
		if strings.TrimSpace(v.Get(f)) != "" {
			empty = false
		}
	}
	if empty {
		return nil
	}
	t := decodeTask(v, "task_", errs)
	return &t
}

// DecodeReassign reads a change of a task: the owner picked and the due
// date (empty for none).
func DecodeReassign(v url.Values) (care.TaskOwner, time.Time, Fields) {
	errs := Fields{}
	o := Owner(v, "owner", errs)
	return o, Date(v, "due_date", errs), errs
}
