package eval

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
)

// Gold is a gold annotation file ({"articles": [...]}), the format of
// ../shared/corpus/seeds.gold.json described in its README.
type Gold struct {
	Articles []GoldArticle `json:"articles"`
}

// GoldArticle is what an analyst extracted from one article.
type GoldArticle struct {
	ID       string        `json:"id"`
	People   People        `json:"people"`   // in file order: a later person's names win a clash
	Meetings []GoldMeeting `json:"meetings"` // occurred and planned
}

// People is the "people" object of a gold article, keys kept in file order
// (score.py reads it into a dict, which keeps insertion order).
type People []GoldPerson

// GoldPerson is one person of a gold article.
type GoldPerson struct {
	Key     string    `json:"-"`       // the key meetings refer to
	Names   []string  `json:"names"`   // every spelling, surname-only included
	Country *string   `json:"country"` // ISO 3166-1 alpha-2; null for organisations
	Roles   []*string `json:"roles"`   // acceptable phrasings
}

// GoldMeeting is one meeting or call of a gold article.
type GoldMeeting struct {
	Kind         optString         `json:"kind"`   // missing means "meeting"
	Status       optString         `json:"status"` // missing means "occurred"
	Participants []GoldParticipant `json:"participants"`
	Date         Answers           `json:"date"`     // acceptable dates, null included
	Location     Answers           `json:"location"` // acceptable places, null included
}

// GoldParticipant is a person at a gold meeting.
type GoldParticipant struct {
	Who      string `json:"who"`      // a key of the article's people
	Side     any    `json:"side"`     // the party, usually a country; compared for equality
	Optional any    `json:"optional"` // truthy: presence not certain
}

// optString is a JSON string field that remembers whether it was missing
// or null, which score.py treats differently.
type optString struct {
	Set, Null bool
	S         string
}

func (o *optString) UnmarshalJSON(b []byte) error {
	o.Set = true
	if string(b) == "null" {
		o.Null = true
		return nil
	}
	return json.Unmarshal(b, &o.S)
}

// Answers is a list of acceptable values, nil standing for JSON null
// ("the text does not say"). A missing field is [null], as in score.py; a
// bare null is read as [null] too (score.py would fail on it).
type Answers struct {
	Set    bool
	Values []*string
}

func (a *Answers) UnmarshalJSON(b []byte) error {
	a.Set = true
	if string(b) == "null" {
		a.Values = []*string{nil}
		return nil
	}
	if err := json.Unmarshal(b, &a.Values); err != nil {
		return fmt.Errorf("want a list of strings and nulls: %w", err)
	}
	return nil
}

// List is the acceptable values.
func (a Answers) List() []*string {
	if !a.Set {
		return []*string{nil}
	}
	return a.Values
}

func (p *People) UnmarshalJSON(b []byte) error {
	*p = nil
	if string(b) == "null" {
		return nil
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return fmt.Errorf("people: want an object")
	}
	at := map[string]int{}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return err
		}
		key := tok.(string) // object keys are always strings
		var gp GoldPerson
		if err := dec.Decode(&gp); err != nil {
			return fmt.Errorf("people %q: %w", key, err)
		}
		gp.Key = key
		// A repeated key keeps its first place and its last value, as a
		// Python dict does.
		if i, ok := at[key]; ok {
			(*p)[i] = gp
			continue
		}
		at[key] = len(*p)
		*p = append(*p, gp)
	}
	return nil
}

// ReadGold reads a gold file; name labels errors.
func ReadGold(r io.Reader, name string) (*Gold, error) {
	var g Gold
	dec := json.NewDecoder(r)
	if err := dec.Decode(&g); err != nil {
		return nil, fmt.Errorf("gold %s: %w", name, err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, fmt.Errorf("gold %s: more than one JSON value (is it JSON Lines?)", name)
	}
	if g.Articles == nil {
		return nil, fmt.Errorf(`gold %s: no "articles" list`, name)
	}
	for i, a := range g.Articles {
		if a.ID == "" {
			return nil, fmt.Errorf("gold %s: article %d has no id", name, i+1)
		}
	}
	return &g, nil
}

// truthy is Python truthiness of a decoded JSON value.
func truthy(v any) bool {
	switch v := v.(type) {
	case nil:
		return false
	case bool:
		return v
	case float64:
		return v != 0
	case string:
		return v != ""
	case []any:
		return len(v) > 0
	case map[string]any:
		return len(v) > 0
	}
	return true
}
