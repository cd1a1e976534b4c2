// Package eval scores meeting extractions against gold annotations. It is a
// port of the reference scorer ../shared/eval/score.py and computes the
// same numbers from the same files: pair precision, recall and F1, and the
// accuracy of roles, countries, dates, locations and kinds, with the same
// name normalisation and the same tie rules (see ../shared/corpus/README.md
// for the metric). Where score.py distinguishes a missing JSON key from a
// null one, so does this package.
package eval

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
)

// Gold is a gold annotation file: {"articles": [...]}.
type Gold struct {
	Articles []*Article
}

// Article is the gold annotation of one article, with the pair sets the
// metric derives from it.
type Article struct {
	ID       string
	People   map[string]Person
	Meetings []GoldMeeting

	alias        map[string]string // name key -> person key; later people win, as in score.py
	goldPairs    pairSet
	optionalPair pairSet
	sameSide     pairSet
}

// Person is a gold person: every spelling, the country (nil for
// international organisations) and the acceptable role phrasings.
type Person struct {
	Names   []string
	Country *string
	Roles   []string
}

// GoldMeeting is one annotated meeting.
type GoldMeeting struct {
	Kind         *string // nil when the file says null; "meeting" when the key is absent
	Status       *string // nil when null or absent (see statusPresent)
	Participants []GoldParticipant
	Date         []*string // acceptable answers; nil element = "the text does not say"
	Location     []*string

	statusPresent bool
}

// GoldParticipant is a participant of a gold meeting.
type GoldParticipant struct {
	Who      string
	Side     any  // usually an ISO code; compared with Python equality
	Optional bool // JSON truthiness of "optional"
}

// pairsOccurred is score.py's test when it builds the pair sets:
// mt.get("status", "occurred") == "occurred" (a null status is not
// "occurred" there).
func (m GoldMeeting) pairsOccurred() bool {
	return !m.statusPresent || (m.Status != nil && *m.Status == "occurred")
}

// occurred is score.py's occurred(): (status or "occurred") == "occurred".
func (m GoldMeeting) occurred() bool {
	return m.Status == nil || *m.Status == "" || *m.Status == "occurred"
}

// ReadGold parses a gold file; name labels errors.
func ReadGold(r io.Reader, name string) (*Gold, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("%s: read: %w", name, err)
	}
	var raw struct {
		Articles []json.RawMessage `json:"articles"`
	}
	if err := json.Unmarshal(data, &raw); err != nil {
		return nil, fmt.Errorf("%s: invalid JSON: %w", name, err)
	}
	if raw.Articles == nil {
		return nil, fmt.Errorf(`%s: no "articles" list`, name)
	}
	g := &Gold{}
	for i, ra := range raw.Articles {
		a, err := parseGoldArticle(ra)
		if err != nil {
			return nil, fmt.Errorf("%s: article %d: %w", name, i+1, err)
		}
		g.Articles = append(g.Articles, a)
	}
	return g, nil
}

func parseGoldArticle(data []byte) (*Article, error) {
	var raw struct {
		ID       string                       `json:"id"`
		People   json.RawMessage              `json:"people"`
		Meetings []map[string]json.RawMessage `json:"meetings"`
	}
	if err := json.Unmarshal(data, &raw); err != nil {
		return nil, err
	}
	a := &Article{ID: raw.ID, People: map[string]Person{}, alias: map[string]string{}}
	// Aliases are assigned in file order and a later person takes over a
	// shared spelling, exactly like the Python dict; so the people object is
	// read in order rather than into a map.
	keys, people, err := orderedPeople(raw.People)
	if err != nil {
		return nil, fmt.Errorf("article %q: people: %w", raw.ID, err)
	}
	for i, k := range keys {
		a.People[k] = people[i]
		for _, n := range people[i].Names {
			a.alias[nameKey(n)] = k
		}
	}
	for j, rm := range raw.Meetings {
		m, err := parseGoldMeeting(rm)
		if err != nil {
			return nil, fmt.Errorf("article %q: meeting %d: %w", raw.ID, j+1, err)
		}
		a.Meetings = append(a.Meetings, m)
	}
	a.derivePairs()
	return a, nil
}

func orderedPeople(data json.RawMessage) ([]string, []Person, error) {
	if len(data) == 0 || string(data) == "null" {
		return nil, nil, nil
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return nil, nil, fmt.Errorf("not an object")
	}
	var keys []string
	var people []Person
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return nil, nil, err
		}
		key := t.(string) // object keys are always strings
		var p struct {
			Names   []string `json:"names"`
			Country *string  `json:"country"`
			Roles   []string `json:"roles"`
		}
		if err := dec.Decode(&p); err != nil {
			return nil, nil, fmt.Errorf("%q: %w", key, err)
		}
		// A repeated key replaces the earlier value but keeps its place,
		// as a Python dict does.
		replaced := false
		for i, k := range keys {
			if k == key {
				people[i] = Person(p)
				replaced = true
			}
		}
		if !replaced {
			keys = append(keys, key)
			people = append(people, Person(p))
		}
	}
	return keys, people, nil
}

func parseGoldMeeting(raw map[string]json.RawMessage) (GoldMeeting, error) {
	meeting := "meeting"
	m := GoldMeeting{Kind: &meeting, Date: []*string{nil}, Location: []*string{nil}}
	if v, ok := raw["kind"]; ok {
		m.Kind = nil
		if err := json.Unmarshal(v, &m.Kind); err != nil {
			return m, fmt.Errorf("kind: %w", err)
		}
	}
	if v, ok := raw["status"]; ok {
		m.statusPresent = true
		if err := json.Unmarshal(v, &m.Status); err != nil {
			return m, fmt.Errorf("status: %w", err)
		}
	}
	for _, f := range []struct {
		key string
		dst *[]*string
	}{{"date", &m.Date}, {"location", &m.Location}} {
		v, ok := raw[f.key]
		if !ok {
			continue
		}
		var list []*string
		if err := json.Unmarshal(v, &list); err != nil {
			return m, fmt.Errorf("%s: %w", f.key, err)
		}
		if list == nil { // score.py would fail on null; read it as "not stated"
			list = []*string{nil}
		}
		*f.dst = list
	}
	var parts []struct {
		Who      string `json:"who"`
		Side     any    `json:"side"`
		Optional any    `json:"optional"`
	}
	if v, ok := raw["participants"]; ok {
		if err := json.Unmarshal(v, &parts); err != nil {
			return m, fmt.Errorf("participants: %w", err)
		}
	}
	for _, p := range parts {
		m.Participants = append(m.Participants, GoldParticipant{Who: p.Who, Side: p.Side, Optional: truthy(p.Optional)})
	}
	return m, nil
}

// derivePairs builds the gold, optional and same-side pair sets as
// Article.__init__ does.
func (a *Article) derivePairs() {
	a.goldPairs, a.optionalPair, a.sameSide = pairSet{}, pairSet{}, pairSet{}
	for _, m := range a.Meetings {
		ps := m.Participants
		for i := 0; i < len(ps); i++ {
			for j := i + 1; j < len(ps); j++ {
				x, y := ps[i], ps[j]
				p := newPair(x.Who, y.Who)
				switch {
				case pyEqual(x.Side, y.Side):
					a.sameSide[p] = true
				case !m.pairsOccurred():
				case x.Optional || y.Optional:
					a.optionalPair[p] = true
				default:
					a.goldPairs[p] = true
				}
			}
		}
	}
	for p := range a.goldPairs {
		delete(a.optionalPair, p)
	}
}

// resolve maps a predicted name to a gold person key, "?"+key for an
// unknown person, or "" for a name that folds to nothing.
func (a *Article) resolve(name string) string {
	k := nameKey(name)
	if k == "" {
		return ""
	}
	if key, ok := a.alias[k]; ok {
		return key
	}
	toks := fields(k)
	for _, n := range []int{2, 1} {
		if len(toks) > n {
			if key, ok := a.alias[join(toks[len(toks)-n:])]; ok {
				return key
			}
		}
	}
	return "?" + k
}
