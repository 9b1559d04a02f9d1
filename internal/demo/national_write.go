package demo

import "github.com/spil-zorg/spil/internal/care"

// FileWriter stores the parts of a generated family file, such as the
// store's bulk writer.
type FileWriter interface {
	Family(f *care.Family) error
	Episode(e *care.Episode) error
	CaseManager(familyID int64, kind string, accountID int64) error
	Member(m *care.Member) error
	NetworkMember(n *care.NetworkMember) error
	CoverageItem(c *care.CoverageItem) error
	Aid(a *care.Aid) error
	IntensityChange(c *care.IntensityChange) error
}

// WriteFile stores f through w: the family, its episode and case
// managers, members, network, coverage plan and aids, and the intensity
// of its intake; its contacts, tasks and audit records come separately.
func WriteFile(w FileWriter, f *NationalFile) error {
	if err := w.Family(&f.Family); err != nil {
		return err
	}
	if err := w.Episode(&f.Episode); err != nil {
		return err
	}
	if err := w.CaseManager(f.Family.ID, ByKCT, f.KCT); err != nil {
		return err
	}
	if f.Thuis != 0 {
		if err := w.CaseManager(f.Family.ID, ByThuis, f.Thuis); err != nil {
			return err
		}
	}
	for i := range f.Members {
		if err := w.Member(&f.Members[i]); err != nil {
			return err
		}
	}
	for i := range f.Network {
		if err := w.NetworkMember(&f.Network[i]); err != nil {
			return err
		}
	}
	for i := range f.Coverage {
		if err := w.CoverageItem(&f.Coverage[i]); err != nil {
			return err
		}
	}
	for i := range f.Aids {
		if err := w.Aid(&f.Aids[i]); err != nil {
			return err
		}
	}
	return w.IntensityChange(&f.Intake)
}
