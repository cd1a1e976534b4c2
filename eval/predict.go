package eval

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
)

// Prediction is one extraction result, as `dipgraph extract` writes it.
// Fields the metric does not read are ignored.
type Prediction struct {
	ID       string        // "" when the line has no string id
	Meetings []PredMeeting `json:"meetings"`
}

// PredMeeting is a predicted meeting. Null or empty kind means "meeting",
// null or empty status "occurred", an empty date or location null.
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

// DecodePrediction parses one line of predictions.
func DecodePrediction(line []byte) (Prediction, error) {
	var raw struct {
		ID       any           `json:"id"`
		Meetings []PredMeeting `json:"meetings"`
	}
	if err := json.Unmarshal(line, &raw); err != nil {
		return Prediction{}, err
	}
	id, _ := raw.ID.(string) // any other id matches no gold article, as in score.py
	return Prediction{ID: id, Meetings: raw.Meetings}, nil
}

// Predictions maps article ids to their prediction; a later line with the
// same id replaces an earlier one, as in score.py.
type Predictions map[string]Prediction

// Add records p.
func (ps Predictions) Add(p Prediction) {
	if p.ID != "" {
		ps[p.ID] = p
	}
}

// ReadPredictions reads JSON Lines predictions. A bad line does not stop
// the reading: it is passed to bad (its error names the input and line)
// and skipped. The error returned is one of r itself.
func ReadPredictions(r io.Reader, name string, bad func(error)) (Predictions, error) {
	ps := Predictions{}
	br := bufio.NewReaderSize(r, 1<<16)
	for n := 1; ; n++ {
		line, err := br.ReadBytes('\n')
		if err != nil && !errors.Is(err, io.EOF) {
			return ps, fmt.Errorf("%s:%d: read: %w", name, n, err)
		}
		if !isBlank(line) {
			p, perr := DecodePrediction(line)
			if perr != nil {
				bad(fmt.Errorf("%s:%d: not a prediction: %w", name, n, perr))
			} else {
				ps.Add(p)
			}
		}
		if err != nil {
			return ps, nil
		}
	}
}
