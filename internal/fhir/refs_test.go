package fhir

import (
	"encoding/json"
	"regexp"
	"strings"
	"testing"
)

// idPattern is FHIR's id: up to 64 letters, digits, dashes and dots.
var idPattern = regexp.MustCompile(`^[A-Za-z0-9\-.]{1,64}$`)

// walkJSON calls fn for every key and value in v, with the key's path.
func walkJSON(v any, path string, fn func(path, key string, val any)) {
	switch x := v.(type) {
	case map[string]any:
		for k, c := range x {
			fn(path, k, c)
			walkJSON(c, path+"."+k, fn)
		}
	case []any:
		for _, c := range x {
			walkJSON(c, path+"[]", fn)
		}
	}
}

// TestExportIsWellFormed: every reference of the export resolves inside
// the Bundle (or, as "#id", to a resource contained in the resource), every
// id is a FHIR id, and no element is empty (FHIR allows no empty strings,
// objects or lists).
func TestExportIsWellFormed(t *testing.T) {
	b := Export(sample())
	ids := map[string]bool{}
	for _, e := range b.Entry {
		h := e.Resource.Header()
		if !idPattern.MatchString(h.ID) {
			t.Errorf("%s/%s: not a FHIR id", h.ResourceType, h.ID)
		}
		ids[h.ResourceType+"/"+h.ID] = true
	}
	refs, contained := 0, 0
	for _, e := range b.Entry {
		local := map[string]bool{}
		if cp, ok := e.Resource.(*CarePlan); ok {
			for _, c := range cp.Contained {
				h := c.Header()
				if !idPattern.MatchString(h.ID) {
					t.Errorf("%s contained in %s: not a FHIR id", h.ID, cp.ID)
				}
				local["#"+h.ID] = true
				contained++
			}
		}
		refs += wellFormed(t, e.Resource, func(ref string) bool { return ids[ref] || local[ref] })
	}
	if refs < 50 || contained == 0 {
		t.Errorf("only %d references and %d contained resources in the sample's export", refs, contained)
	}
	checkRequired(t, b)
}

// wellFormed checks one resource's references and that it has no empty
// element, and counts its references.
func wellFormed(t *testing.T, r Resource, resolves func(string) bool) int {
	t.Helper()
	data, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	var tree any
	if err := json.Unmarshal(data, &tree); err != nil {
		t.Fatal(err)
	}
	path0 := r.Header().ResourceType + "/" + r.Header().ID
	refs := 0
	walkJSON(tree, path0, func(path, key string, val any) {
		switch v := val.(type) {
		case string:
			if v == "" {
				t.Errorf("%s.%s: an empty string", path, key)
			}
			if key == "reference" {
				refs++
				if !resolves(v) {
					t.Errorf("%s: reference %q does not resolve in the Bundle", path, v)
				}
			}
		case map[string]any:
			if len(v) == 0 {
				t.Errorf("%s.%s: an empty object", path, key)
			}
		case []any:
			if len(v) == 0 {
				t.Errorf("%s.%s: an empty list", path, key)
			}
		}
	})
	return refs
}

// checkRequired checks the required primitives the schema does not enforce.
func checkRequired(t *testing.T, b Bundle) {
	t.Helper()
	for _, e := range b.Entry {
		switch r := e.Resource.(type) {
		case *Task:
			if r.Status == "" || r.Intent == "" {
				t.Errorf("Task %s: status %q, intent %q", r.ID, r.Status, r.Intent)
			}
		case *CarePlan:
			if r.Status == "" || r.Intent == "" {
				t.Errorf("CarePlan %s: status %q, intent %q", r.ID, r.Status, r.Intent)
			}
		case *Goal:
			if r.LifecycleStatus == "" || strings.TrimSpace(r.Description.Text) == "" {
				t.Errorf("Goal %s: lifecycleStatus %q, description %q", r.ID, r.LifecycleStatus, r.Description.Text)
			}
		}
	}
}
