package api

import (
	"context"
	"errors"
	"net/http"

	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/httpx"
)

// The API's family routes. Each one reads the path and the body, then makes
// one call through care.Service, which authorises and audits it: a family
// the caller is not assigned to answers 404, like one that does not exist.

// apiFamilies is GET /api/v1/families: the caller's caseload, searched by
// name (q) and sorted by next contact (sort=next, the default) or name.
func (s *Server) apiFamilies(w http.ResponseWriter, r *http.Request) error {
	query := r.URL.Query()
	q := query.Get("q") // the service checks it, as for the page
	sortBy := query.Get("sort")
	switch sortBy {
	case "":
		sortBy = "next"
	case "next", "name":
	default:
		return apiErrorf(http.StatusBadRequest, "bad_request", `sort must be "next" or "name"`)
	}
	items, err := s.care.Caseload(r.Context(), s.actor(r), q, sortBy)
	if err != nil {
		return err
	}
	s.apiWriteJSON(w, r, http.StatusOK, apiCaseload(items, s.cfg.Now()))
	return nil
}

// apiFile is GET /api/v1/families/{id}: the whole file.
func (s *Server) apiFile(w http.ResponseWriter, r *http.Request) error {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		return err
	}
	f, err := s.care.File(r.Context(), s.actor(r), id)
	if err != nil {
		return err
	}
	s.apiWriteJSON(w, r, http.StatusOK, apiFile(f, s.cfg.Now()))
	return nil
}

// apiContacts is GET /api/v1/families/{id}/contacts?before=ID&limit=N:
// the contacts older than the one with id before (none: the newest), at
// most limit of them (default 50, at most 100).
func (s *Server) apiContacts(w http.ResponseWriter, r *http.Request) error {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		return err
	}
	before, _, err := httpx.QueryID(r, "before")
	if err != nil {
		return apiErrorf(http.StatusBadRequest, "bad_request", "before must be the id of a contact")
	}
	limit := 50
	if n, ok, err := httpx.QueryID(r, "limit"); err != nil || n > care.MaxContactsPage {
		return apiErrorf(http.StatusBadRequest, "bad_request", "limit must be a number from 1 to 100")
	} else if ok {
		limit = int(n)
	}
	page, err := s.care.Contacts(r.Context(), s.actor(r), id, before, limit)
	if err != nil {
		return err
	}
	cs := page.Contacts
	out := apiContactsOut{Contacts: make([]apiContactOut, 0, len(cs))}
	for _, c := range cs {
		out.Contacts = append(out.Contacts, apiContact(c))
	}
	if len(cs) == limit {
		out.NextBefore = cs[len(cs)-1].ID
	}
	s.apiWriteJSON(w, r, http.StatusOK, out)
	return nil
}

// apiIntake is POST /api/v1/families: a new family file, assigned to the
// caller. A possible duplicate is a 409 until the client confirms it. The
// answer has the new file's address.
func (s *Server) apiIntake(w http.ResponseWriter, r *http.Request) (int64, error) {
	b, err := apiBody(w, r)
	if err != nil {
		return 0, err
	}
	// Fields that cannot be read go to the service with the rest, so the
	// refused intake is on record like one the service refuses.
	in, err := decodeIntakeJSON(b, s.cfg.Now())
	var unread care.FieldErrors
	if errors.As(err, &unread) {
		in.Unread = unread
	} else if err != nil {
		return 0, err
	}
	return s.care.CreateFamily(r.Context(), s.actor(r), in)
}

// apiFamilyUpdate is PUT /api/v1/families/{id}: the child's details. It
// reads the file first to keep what this request does not set (intensity
// and next contact have their own route), so the audit trail shows a read
// and an update.
func (s *Server) apiFamilyUpdate(w http.ResponseWriter, r *http.Request) (int64, error) {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		return 0, err
	}
	b, err := apiBody(w, r)
	if err != nil {
		return 0, err
	}
	in, err := decodeFamilyJSON(b)
	if err != nil {
		return 0, err
	}
	var f care.Family
	f.ChildName, f.BirthDate, f.Unborn, f.Sex, f.BSN = in.ChildName, in.BirthDate, in.Unborn, in.Sex, in.BSN
	f.Diagnosis, f.ICD10, f.Secondary = in.Diagnosis, in.ICD10, in.Secondary
	f.LivingSituation, f.CultureNotes, f.Summary = in.LivingSituation, in.CultureNotes, in.Summary
	return id, s.care.UpdateFamily(r.Context(), s.actor(r), id, care.EditOf(&f))
}

// apiMemberCreate is POST /api/v1/families/{id}/members.
func (s *Server) apiMemberCreate(w http.ResponseWriter, r *http.Request) (int64, error) {
	return apiAdd(s, w, r, decodeMemberJSON, s.care.AddMember, func(m *care.Member) (*int64, *int64) { return &m.FamilyID, &m.ID })
}

// apiNetworkCreate is POST /api/v1/families/{id}/network.
func (s *Server) apiNetworkCreate(w http.ResponseWriter, r *http.Request) (int64, error) {
	return apiAdd(s, w, r, decodeNetworkJSON, s.care.SaveNetworkMember, func(n *care.NetworkMember) (*int64, *int64) { return &n.FamilyID, &n.ID })
}

// apiNetworkUpdate is PUT /api/v1/families/{id}/network/{mid}: the member
// is replaced as a whole. A member of another family is not found.
func (s *Server) apiNetworkUpdate(w http.ResponseWriter, r *http.Request) (int64, error) {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		return 0, err
	}
	mid, err := httpx.PathID(r, "mid")
	if err != nil {
		return 0, err
	}
	b, err := apiBody(w, r)
	if err != nil {
		return 0, err
	}
	n, err := decodeNetworkJSON(b)
	if err != nil {
		return 0, err
	}
	n.ID, n.FamilyID = mid, id
	return mid, s.care.SaveNetworkMember(r.Context(), s.actor(r), &n)
}

// apiNetworkDelete is DELETE /api/v1/families/{id}/network/{mid}.
func (s *Server) apiNetworkDelete(w http.ResponseWriter, r *http.Request) (int64, error) {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		return 0, err
	}
	mid, err := httpx.PathID(r, "mid")
	if err != nil {
		return 0, err
	}
	return mid, s.care.DeleteNetworkMember(r.Context(), s.actor(r), id, mid)
}

// apiIntensityCreate is POST /api/v1/families/{id}/intensity: a step up or
// down, which also sets the family's current intensity and next contact.
func (s *Server) apiIntensityCreate(w http.ResponseWriter, r *http.Request) (int64, error) {
	return apiAdd(s, w, r, decodeIntensityJSON, s.care.ChangeIntensity, func(c *care.IntensityChange) (*int64, *int64) { return &c.FamilyID, &c.ID })
}

// apiContactCreate is POST /api/v1/families/{id}/contacts.
func (s *Server) apiContactCreate(w http.ResponseWriter, r *http.Request) (int64, error) {
	return apiAdd(s, w, r, decodeContactJSON, s.care.AddContact, func(c *care.Contact) (*int64, *int64) { return &c.FamilyID, &c.ID })
}

// apiTaskCreate is POST /api/v1/families/{id}/tasks.
func (s *Server) apiTaskCreate(w http.ResponseWriter, r *http.Request) (int64, error) {
	return apiAdd(s, w, r, decodeTaskJSON, s.care.CreateTask, func(t *care.Task) (*int64, *int64) { return &t.FamilyID, &t.ID })
}

// apiAdd is every POST that adds one object to the family in the path: the
// body is decoded, the family id comes from the path only, the service saves
// it, and the new id is the answer. ids returns pointers to the object's
// family id and its own id.
func apiAdd[T any](s *Server, w http.ResponseWriter, r *http.Request, decode func([]byte) (T, error),
	save func(context.Context, care.Actor, *T) error, ids func(*T) (family, id *int64)) (int64, error) {
	familyID, err := httpx.PathID(r, "id")
	if err != nil {
		return 0, err
	}
	b, err := apiBody(w, r)
	if err != nil {
		return 0, err
	}
	v, err := decode(b)
	if err != nil {
		return 0, err
	}
	family, id := ids(&v)
	*family = familyID
	if err := save(r.Context(), s.actor(r), &v); err != nil {
		return 0, err
	}
	return *id, nil
}

// apiTaskDone is POST /api/v1/families/{id}/tasks/{tid}/done: the task is
// closed with a note of what was done. A task of another family, or one
// already done, is not found.
func (s *Server) apiTaskDone(w http.ResponseWriter, r *http.Request) (int64, error) {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		return 0, err
	}
	tid, err := httpx.PathID(r, "tid")
	if err != nil {
		return 0, err
	}
	b, err := apiBody(w, r)
	if err != nil {
		return 0, err
	}
	note, err := decodeTaskDoneJSON(b)
	if err != nil {
		return 0, err
	}
	return tid, s.care.CompleteTask(r.Context(), s.actor(r), care.ViewCaseFile, id, tid, note)
}

// apiEpisodeSave is PUT /api/v1/families/{id}/episode: the referral and the
// family's decision, replaced as a whole.
func (s *Server) apiEpisodeSave(w http.ResponseWriter, r *http.Request) (int64, error) {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		return 0, err
	}
	b, err := apiBody(w, r)
	if err != nil {
		return 0, err
	}
	e, err := decodeEpisodeJSON(b, s.cfg.Now())
	if err != nil {
		return 0, err
	}
	e.FamilyID = id
	return id, s.care.SaveEpisode(r.Context(), s.actor(r), &e)
}
