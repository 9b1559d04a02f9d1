package web

import (
	"context"
	"net/http"
	"net/url"
	"time"

	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/httpx"
)

// familyPost is a form of the case managers that adds one thing to the
// family in the path, or changes one: a member, a network member, a
// contact, a step in intensity, a task, the episode, a case manager, an
// invitation. postToFamily reads it, decodes it into a T, saves that
// through the care service and goes back to the family page; a form with
// errors is drawn again with what was typed and what is wrong.
type familyPost[T any] struct {
	title  string // catalog key of the form's heading
	anchor string // the section of the family page a saved form returns to
	// fill draws the form for this request; fixed(f) for most.
	fill func(r *http.Request) (familyForm, error)
	// withFile reads the family's file before anything else, for a form
	// that needs it to be drawn, decoded or checked (form runs after it).
	// Without it, the file is read only to draw the form again.
	withFile bool
	// decode reads the posted form; file is nil without withFile.
	decode func(v url.Values, file *care.File) (T, Fields)
	// check, optional, runs the domain's checks on a form with errors, so
	// every problem shows at once; the service runs them anyway.
	check func(x *T, file *care.File, now time.Time) error
	// save saves x for the family through the care service.
	save func(ctx context.Context, actor care.Actor, familyID int64, x *T) error
	// saved, optional, answers a saved form; by default the family page
	// at anchor.
	saved func(w http.ResponseWriter, r *http.Request, file *care.File, x *T) error
}

// fixed fills the form of a familyPost the same way for every request.
func fixed(f familyForm) func(*http.Request) (familyForm, error) {
	return func(*http.Request) (familyForm, error) { return f, nil }
}

// withoutFile is a decoder that needs no family file.
func withoutFile[T any](decode func(url.Values) (T, Fields)) func(url.Values, *care.File) (T, Fields) {
	return func(v url.Values, _ *care.File) (T, Fields) { return decode(v) }
}

// postToFamily is the handler of p.
func postToFamily[T any](s *Server, p familyPost[T]) handler {
	return func(w http.ResponseWriter, r *http.Request) error {
		id, err := httpx.PathID(r, "id")
		if err != nil {
			return err
		}
		var file *care.File
		if p.withFile {
			// Reading the file first also refuses (and audits) whoever
			// may not see it, before anything else is done.
			if file, err = s.care.File(r.Context(), s.actor(r), id); err != nil {
				return err
			}
		}
		build, err := p.fill(r)
		if err != nil {
			return err
		}
		v, err := parseForm(w, r)
		if err != nil {
			return err
		}
		x, errs := p.decode(v, file)
		if len(errs) == 0 {
			err := p.save(r.Context(), s.actor(r), id, &x)
			fe, ok := fieldErrorsOf(err)
			switch {
			case err == nil && p.saved != nil:
				return p.saved(w, r, file, &x)
			case err == nil:
				http.Redirect(w, r, familyURL(id, p.anchor), http.StatusSeeOther)
				return nil
			case !ok:
				return err
			}
			errs = fe
		} else if p.check != nil {
			mergeValidation(errs, p.check(&x, file, s.cfg.Now()))
		}
		if file == nil {
			return s.formAgain(w, r, id, p.title, v, errs, build)
		}
		page := s.formPage(r, p.title, file, v, errs)
		build(page, file)
		s.renderForm(w, r, http.StatusUnprocessableEntity, page)
		return nil
	}
}
