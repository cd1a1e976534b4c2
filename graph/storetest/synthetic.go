package storetest

import (
	"fmt"
	"math/rand/v2"

	"github.com/dipgraph/dipgraph/graph"
)

// Synthetic returns n invented documents for benchmarks: each reports one
// meeting between two of a pool of invented officials, so people recur
// across articles and meetings accumulate reports. The same n gives the
// same documents.
func Synthetic(n int) []graph.Document {
	r := rand.New(rand.NewPCG(uint64(n), 42))
	syl := []string{"ba", "ko", "ri", "ste", "lun", "vo", "de", "mar", "ni", "te", "gal", "zu", "fe", "ran", "po", "il"}
	word := func(i int) string {
		w := syl[i%16] + syl[(i/16)%16] + syl[(i/256)%16]
		return string(w[0]-'a'+'A') + w[1:]
	}
	countries := []string{"HU", "PL", "SE", "CZ", "SY", "IR", "NO", "CL", "EG", "TR", "JP", "BR"}
	roles := []string{"Foreign Minister", "Deputy Foreign Minister", "Ambassador", "Special Envoy", "Minister of Defence"}
	const pool = 400
	people := make([]graph.Participant, pool)
	for i := range people {
		people[i] = graph.Participant{
			Name:    word(i+17) + " " + word(i*7+301),
			Role:    roles[i%len(roles)],
			Country: countries[i%len(countries)],
		}
	}
	docs := make([]graph.Document, n)
	for i := range docs {
		a, b := r.IntN(pool), r.IntN(pool-1)
		if b >= a {
			b++
		}
		date := fmt.Sprintf("20%02d-%02d-%02d", 20+r.IntN(5), 1+r.IntN(12), 1+r.IntN(28))
		sentence := fmt.Sprintf("%s met %s on %s.", people[a].Name, people[b].Name, date)
		id := fmt.Sprintf("synthetic-%06d", i)
		docs[i] = graph.Document{
			Article: graph.Article{ID: id, Title: "Synthetic report " + id, Published: date, Source: "Bench Wire", SHA256: graph.TextHash(id + sentence)},
			Meetings: []graph.MeetingReport{{
				Kind: graph.KindMeeting, Status: graph.StatusOccurred, Date: date, DatePrecision: "day", Location: word(r.IntN(30)),
				Participants: []graph.Participant{people[a], people[b]},
				Evidence:     []graph.Evidence{{Start: 0, End: len(sentence), Text: sentence}}, Confidence: 0.8,
			}},
		}
	}
	return docs
}
