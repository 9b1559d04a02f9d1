package fhirtest

import (
	"encoding/json"
	"fmt"
	"os"
	"sync"
)

// CodeList is a vendored value set trimmed to its codes (testdata/codes).
type CodeList struct {
	Name     string `json:"name"`
	ValueSet string `json:"valueSet"`
	Source   struct {
		Repo   string `json:"repo"`
		Path   string `json:"path"`
		Commit string `json:"commit"`
	} `json:"source"`
	Codes []struct {
		System string `json:"system"`
		Code   string `json:"code"`
	} `json:"codes"`
}

// Has says whether system and code are in the list.
func (l *CodeList) Has(system, code string) bool {
	for _, c := range l.Codes {
		if c.System == system && c.Code == code {
			return true
		}
	}
	return false
}

var codeLists struct {
	mu    sync.Mutex
	lists map[string]*CodeList
}

// Codes returns the vendored list of that file name (without .json).
func Codes(name string) (*CodeList, error) {
	codeLists.mu.Lock()
	defer codeLists.mu.Unlock()
	if l, ok := codeLists.lists[name]; ok {
		return l, nil
	}
	data, err := os.ReadFile(testdata("codes", name+".json"))
	if err != nil {
		return nil, err
	}
	l := &CodeList{}
	if err := json.Unmarshal(data, l); err != nil {
		return nil, fmt.Errorf("fhirtest: code list %s: %w", name, err)
	}
	if len(l.Codes) == 0 || l.Source.Repo == "" || len(l.Source.Commit) != 40 {
		return nil, fmt.Errorf("fhirtest: code list %s has no codes or no source", name)
	}
	if codeLists.lists == nil {
		codeLists.lists = map[string]*CodeList{}
	}
	codeLists.lists[name] = l
	return l, nil
}
