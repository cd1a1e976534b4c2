package eval

import (
	"encoding/json"
	"errors"
	"fmt"
)

// Prediction is one extraction result as `dipgraph extract` writes it.
// Fields the metric does not read are ignored.
type Prediction struct {
	Meetings []PredMeeting `json:"meetings"`
}

// PredMeeting is a predicted meeting. Null and empty strings mean the same
// as in score.py (`x or default`).
type PredMeeting struct {
	Kind         *string           `json:"kind"`
	Status       *string           `json:"status"`
	Date         *string           `json:"date"`
	Location     *string           `json:"location"`
	Participants []PredParticipant `json:"participants"`
}

// PredParticipant is a predicted participant.
type PredParticipant struct {
	Name    *string `json:"name"`
	Role    *string `json:"role"`
	Country *string `json:"country"`
}

func (m PredMeeting) occurred() bool { return or(m.Status, "occurred") == "occurred" }

// or is Python's `x or def` for an optional string.
func or(s *string, def string) string {
	if s == nil || *s == "" {
		return def
	}
	return *s
}

// ParsePrediction reads one line of a predictions file and returns the key
// it is filed under (its "id") and the prediction.
func ParsePrediction(line []byte) (string, Prediction, error) {
	var head struct {
		ID any `json:"id"`
	}
	if err := json.Unmarshal(line, &head); err != nil {
		return "", Prediction{}, fmt.Errorf("not a JSON object: %w", err)
	}
	var p Prediction
	if err := json.Unmarshal(line, &p); err != nil {
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) {
			return "", Prediction{}, fmt.Errorf("%s must be %s, not %s", te.Field, wantType(te.Field), te.Value)
		}
		return "", Prediction{}, err
	}
	return IDKey(head.ID), p, nil
}

func wantType(field string) string {
	switch field {
	case "meetings", "meetings.participants":
		return "a list"
	}
	return "a string or null"
}

// IDKey is the key a prediction with this "id" is filed under; a gold
// article with id S matches key S. Non-string ids get a key no string id
// can have, so they match nothing, as in score.py.
func IDKey(id any) string {
	if s, ok := id.(string); ok {
		return s
	}
	b, _ := json.Marshal(id)
	return "\x00" + string(b)
}
