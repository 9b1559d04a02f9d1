package fhir

func (m *importer) rest(r Resource, profile string) {
	switch r := r.(type) {
	case *EpisodeOfCare:
		m.episodeOfCare(r)
	case *Condition:
		m.condition(r)
	default:
		h := r.Header()
		m.fail("%s/%s: profile %q not read", h.ResourceType, h.ID, profile)
	}
}

func (m *importer) planProblem(r *Condition, text, icd string) {}

func (m *importer) finish() {}
