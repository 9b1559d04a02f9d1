package report

import "strconv"

// String is the cell as shown and exported: the number, or "<5".
func (c Cell) String() string {
	if c.Hidden {
		return "<" + strconv.Itoa(MinCell)
	}
	return strconv.Itoa(c.N)
}

// MarshalJSON writes the number, or the string "<5" for a hidden cell.
func (c Cell) MarshalJSON() ([]byte, error) {
	if c.Hidden {
		return []byte(`"` + c.String() + `"`), nil
	}
	return strconv.AppendInt(nil, int64(c.N), 10), nil
}

// Anonymise hides the small cells, for every reader but the case manager
// of the children:
//   - a count of children from 1 to MinCell-1 is shown as "<5";
//   - when the whole report counts fewer than MinCell children, every
//     figure is hidden, zeros too;
//   - a group of the breakdown with fewer than MinCell children hides its
//     contacts and minutes as well;
//   - the admissions and days admitted are hidden with the count of
//     children admitted.
//
// Counts of contacts and minutes over the whole report are no counts of
// children and stay as they are.
func (r *Report) Anonymise() {
	r.Anonymised = true
	small := r.Children.N < MinCell
	child := func(c *Cell) {
		if small || c.N > 0 && c.N < MinCell {
			c.Hidden = true
		}
	}
	other := func(c *Cell) {
		if small {
			c.Hidden = true
		}
	}
	items := func(list []Item, hide func(*Cell)) {
		for i := range list {
			hide(&list[i].Value)
		}
	}
	for _, c := range []*Cell{&r.Children, &r.Secondary, &r.Referrals, &r.Admitted, &r.PreferredKnown} {
		child(c)
	}
	for _, list := range [][]Item{r.Sex, r.Age, r.Diagnosis, r.ReferralStatus, r.ReferralFactor, r.PreferredPlace} {
		items(list, child)
	}
	for _, c := range []*Cell{&r.Contacts, &r.ProviderContacts, &r.ProviderMinutes, &r.DurationMinutes,
		&r.TravelMinutes, &r.RegistrationMinutes} {
		other(c)
	}
	items(r.ContactKind, other)
	items(r.ContactWith, other)
	if r.Admitted.Hidden {
		r.Admissions.Hidden, r.AdmittedDays.Hidden = true, true
	}
	{
		d := &r.Deaths
		for _, c := range []*Cell{&d.Died, &d.PreferredKnown, &d.PreferredMet, &d.Aftercare} {
			child(c)
		}
		items(d.Place, child)
	}
	for i := range r.Months {
		m := &r.Months[i]
		other(&m.Contacts)
		other(&m.Minutes)
		for _, c := range []*Cell{&m.Intensive, &m.Regular, &m.Waakvlam} {
			child(c)
		}
	}
	for i := range r.Groups {
		g := &r.Groups[i]
		if g.Children.N < MinCell {
			g.Children.Hidden, g.Contacts.Hidden, g.Minutes.Hidden = true, true, true
		}
	}
}
