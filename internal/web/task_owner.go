package web

import (
	"strconv"
	"time"

	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/form"
)

// ownerPicker is the choice of a task's owner among the people in the
// file: a select grouped by kind (the case managers, the network, the
// family), which a phone shows as its own list.
func ownerPicker(p *FormPage, file *care.File, name string, required bool) form.Control {
	c := p.Control("select", name, "task.owner_pick", required)
	c.Hint = p.T("task.owner_pick_hint")
	if c.Value == "" {
		c.Options = append(c.Options, form.Option{Value: "", Label: p.T("form.choose"), Selected: true})
	}
	groups := map[string]*form.OptionGroup{}
	var order []string
	for _, o := range file.PossibleOwners() {
		kind := o.Owner.Kind
		if kind == care.OwnerParent {
			kind = care.OwnerFamily // parents and the whole family in one group
		}
		g, ok := groups[kind]
		if !ok {
			g = &form.OptionGroup{Label: p.T("task.owner_group." + kind)}
			groups[kind] = g
			order = append(order, kind)
		}
		v := o.Owner.String()
		g.Options = append(g.Options, form.Option{Value: v, Label: ownerOptionLabel(&p.CarePage, file.CaseManagers, o), Selected: v == c.Value})
	}
	for _, k := range order {
		c.Groups = append(c.Groups, *groups[k])
	}
	return c
}

// ownerOptionLabel names one possible owner: the name, and what they are
// to the child (KCT or thuis, huisarts, moeder).
func ownerOptionLabel(p *CarePage, cms care.CaseManagers, o care.PossibleOwner) string {
	switch o.Owner.Kind {
	case care.OwnerCaseManager:
		kind := "thuis"
		if cms.KCT.AccountID == o.Owner.ID {
			kind = "kct"
		}
		return o.Name + " (" + p.T("task.owner_cm."+kind) + ")"
	case care.OwnerNetwork:
		if o.Role != "" {
			return o.Name + " (" + p.Label("network.role.", o.Role) + ")"
		}
	case care.OwnerParent:
		if o.Role != "" {
			return o.Name + " (" + o.Role + ")"
		}
	case care.OwnerFamily:
		return p.T("task.owner_whole_family")
	}
	return o.Name
}

// TaskChange says one change in a task's history in the words of key (the
// reader's): when, by whom, from what to what.
func (p *CarePage) TaskChange(key string, e care.TaskEvent) string {
	from, to := e.From, e.To
	if e.Field == "due_date" {
		from, to = p.historyDate(from), p.historyDate(to)
	} else {
		from, to = p.historyOwner(e.FromKind, from), p.historyOwner(e.ToKind, to)
	}
	return p.T(key, "When", p.Date(e.At), "Who", e.By.Name, "From", from, "To", to)
}

func (p *CarePage) historyDate(iso string) string {
	d, err := time.Parse(time.DateOnly, iso)
	if err != nil {
		return p.T("task.history_no_date")
	}
	return p.Date(d)
}

func (p *CarePage) historyOwner(kind, name string) string {
	switch {
	case name != "":
		return name
	case kind == "":
		return p.T("task.history_nobody")
	}
	return p.Label("task.owner.", kind)
}

// idString is an id as it appears in a path or an element id.
func idString(id int64) string { return strconv.FormatInt(id, 10) }
