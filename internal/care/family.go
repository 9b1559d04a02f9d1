package care

import "time"

// Intensity is how closely the case managers are involved (stepped care).
type Intensity string

// The intensities. Waakvlam ("pilot light") is low-frequency contact kept
// alive until more is needed.
const (
	Intensive Intensity = "intensive"
	Regular   Intensity = "regular"
	Waakvlam  Intensity = "waakvlam"
)

// Family is one family's file, centred on the child.
type Family struct {
	ID             int64
	OrganisationID int64
	ChildName      string
	BirthDate      time.Time // a date: midnight UTC
	Sex            string    // female, male, other, unknown
	Diagnosis      string    // empty: no diagnosis yet
	ICD10          string
	Intensity      Intensity
	Summary        string
	Deceased       bool
	CreatedAt      time.Time
}
