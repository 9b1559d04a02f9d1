package demo

import (
	"time"

	"github.com/spil-zorg/spil/internal/care"
)

// Reachability agreements that many network members share.
const (
	officeHours = "ma-vr 8-17, buiten kantoortijd huisartsenpost"
	kctService  = "24/7 via KCT-dienst"
)

// calendar turns "so many days ago" into dates relative to the moment the
// data is made.
type calendar struct {
	now time.Time // the moment the data is made
	day time.Time // its date, as a UTC midnight
}

func newCalendar(today time.Time) calendar {
	return calendar{now: today, day: dateOf(today)}
}

// ago returns the date n days before today.
func (c calendar) ago(n int) time.Time { return c.day.AddDate(0, 0, -n) }

// in returns the date n days after today.
func (c calendar) in(n int) time.Time { return c.day.AddDate(0, 0, n) }

// born returns the birth date of someone of the given age today.
func (c calendar) born(years, months, days int) time.Time { return birth(c.now, years, months, days) }

// at returns the moment at hour o'clock (UTC) on date, but never later than
// now: what is recorded today cannot have been recorded this evening.
func (c calendar) at(date time.Time, hour int) time.Time {
	t := date.Add(time.Duration(hour) * time.Hour)
	if now := c.now.UTC(); t.After(now) {
		return now
	}
	return t
}

// step is a change of intensity on date, with the next contact planned.
func (c calendar) step(by string, date time.Time, intensity care.Intensity, next time.Time, reason string) Step {
	return Step{By: by, IntensityChange: care.IntensityChange{
		Intensity: intensity, NextContact: next, Reason: reason, ChangedAt: c.at(date, 11),
	}}
}

// contact is a contact on date, registered the same afternoon.
func (c calendar) contact(by string, date time.Time, kind, with, location string, minutes, travel int, topics, followUp string) Contact {
	return Contact{By: by, Contact: care.Contact{
		Date: date, Kind: kind, With: with, Location: location, DurationMin: minutes, TravelMin: travel,
		Topics: topics, FollowUp: followUp, CreatedAt: c.at(date, 16),
	}}
}

// task is an open task made on date; due may be zero.
func (c calendar) task(by string, made time.Time, title, ownerKind, ownerName string, due time.Time) Task {
	return Task{By: by, Task: care.Task{
		Title: title, OwnerKind: ownerKind, OwnerName: ownerName, DueDate: due, Status: "open", CreatedAt: c.at(made, 10),
	}}
}

// forProvider makes t the own task of the network member it is owned by,
// who then sees it in their view.
func (c calendar) forProvider(t Task) Task {
	t.ForProvider = true
	return t
}

// handedOver records that t was first for fromName (of kind fromKind) and
// due on dueWas, until by gave it to its owner on date.
func (c calendar) handedOver(t Task, date time.Time, by, fromKind, fromName string, dueWas time.Time) Task {
	t.Handed = &Handover{At: c.at(date, 11), By: by, FromKind: fromKind, FromName: fromName, DueWas: dueWas}
	return t
}

// done closes t on date with a note of what was done.
func (c calendar) done(t Task, date time.Time, note string) Task {
	t.Status, t.DoneNote, t.DoneAt = "done", note, c.at(date, 15)
	return t
}
