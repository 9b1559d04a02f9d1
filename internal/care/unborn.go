package care

import "time"

// A file can be opened during pregnancy: the child is Unborn and BirthDate
// holds the expected date of birth until the birth is recorded through the
// edit form. Dates that may not lie before birth (a contact, the referral,
// the care plan's) are then not bounded by it, and the age rules count
// from birth, never below 0 (AgeOn).

// MaxExpectedAhead bounds the expected date of birth: about ten months
// ahead; further is a typing error.
const MaxExpectedAhead = 305 * 24 * time.Hour

// MaxExpectedOverdue is how long after the expected date a file may still
// say "not born yet": a birth can be late, and its recording later still.
const MaxExpectedOverdue = 60 * 24 * time.Hour

// KnownBirth is the date of birth that bounds other dates: zero while the
// child is not born.
func (f *Family) KnownBirth() time.Time {
	if f.Unborn {
		return time.Time{}
	}
	return f.BirthDate
}

// KnownBirth is the child's date of birth that bounds other dates: zero
// while the child is not born.
func (r Relationship) KnownBirth() time.Time {
	if r.Unborn {
		return time.Time{}
	}
	return r.BirthDate
}

// validateExpected checks the expected date of birth of an unborn child.
func (f *Family) validateExpected(fe FieldErrors, today time.Time) {
	today = DateOf(today)
	switch {
	case f.BirthDate.IsZero():
		fe["expected_birth_date"] = "field.required"
	case f.BirthDate.After(today.Add(MaxExpectedAhead)):
		fe["expected_birth_date"] = "family.expected_too_far"
	case f.BirthDate.Before(today.Add(-MaxExpectedOverdue)):
		fe["expected_birth_date"] = "family.expected_past"
	}
}
