// Package apitest makes invented news articles for tests and load runs of
// the API and the command: deterministic, any number of them, about
// fictional officials of real countries, in the simple sentence shapes the
// extractor reads. People recur across articles and some meetings are
// reported twice, so cross-article merging is exercised too.
package apitest

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"strings"

	"github.com/dipgraph/dipgraph/extract"
)

type country struct{ demonym, capital string }

var countries = []country{
	{"Chilean", "Santiago"}, {"Norwegian", "Oslo"}, {"Austrian", "Vienna"}, {"Canadian", "Ottawa"},
	{"Bolivian", "La Paz"}, {"Bulgarian", "Sofia"}, {"Cambodian", "Phnom Penh"}, {"Armenian", "Yerevan"},
	{"Belgian", "Brussels"}, {"Bhutanese", "Thimphu"}, {"Argentine", "Buenos Aires"}, {"Bangladeshi", "Dhaka"},
}

var given = []string{"Tomas", "Ingrid", "Lars", "Marta", "Anders", "Beatriz", "Kofi", "Lina", "Pavel", "Rosa",
	"Henrik", "Amara", "Jonas", "Sofia", "Milan", "Irene", "Viktor", "Nadia", "Emil", "Clara"}

var family = []string{"Varga", "Holmsen", "Quintero", "Dragomir", "Okonjo", "Lindqvist", "Petrakis", "Saavedra",
	"Tamberg", "Morland", "Ilyin", "Castell", "Brandt", "Ferreira", "Kowal", "Nyberg", "Rautio", "Esposito",
	"Lazaro", "Halloran", "Vintila", "Mbeki", "Sorensen", "Aguilar", "Novak"}

var months = []string{"January", "February", "March", "April", "May", "June", "July", "August", "September",
	"October", "November", "December"}

type person struct {
	name    string
	country int
	role    string
}

// Articles returns n invented articles, the same for the same seed.
func Articles(n int, seed uint64) []extract.Article {
	r := rand.New(rand.NewPCG(seed, 0x64697067))
	// A pool of people: enough that most meet several others.
	var pool []person
	used := map[string]bool{}
	roles := []string{"Foreign Minister", "Deputy Foreign Minister", "Defence Minister", "Trade Minister"}
	for len(pool) < 80 {
		name := given[r.IntN(len(given))] + " " + family[r.IntN(len(family))]
		if used[name] {
			continue
		}
		used[name] = true
		pool = append(pool, person{name: name, country: r.IntN(len(countries)), role: roles[r.IntN(len(roles))]})
	}
	type meeting struct {
		a, b       person
		month, day int
		place      string
	}
	var told []meeting
	out := make([]extract.Article, 0, n)
	for i := 0; i < n; i++ {
		a, b := pool[r.IntN(len(pool))], pool[r.IntN(len(pool))]
		for a.country == b.country {
			b = pool[r.IntN(len(pool))]
		}
		month, day := r.IntN(12), 1+r.IntN(27)
		place := countries[a.country].capital
		if r.IntN(2) == 0 {
			place = countries[b.country].capital
		}
		// A tenth of the articles retell an earlier one's meeting in other
		// words, the other side first.
		retell := i >= 10 && i%10 == 0
		if retell {
			m := told[i-7]
			a, b, month, day, place = m.b, m.a, m.month, m.day, m.place
		}
		told = append(told, meeting{a, b, month, day, place})
		var text string
		if retell {
			text = fmt.Sprintf("%s - %s %s %s held talks with %s %s %s on %d %s 2024, officials said. The two discussed trade and transport links.",
				strings.ToUpper(place), countries[a.country].demonym, a.role, a.name, countries[b.country].demonym, b.role, b.name, day, months[month])
		} else {
			text = fmt.Sprintf("%s - %s %s %s met %s %s %s in %s on %d %s 2024. The ministers reviewed cooperation on energy and fisheries.",
				strings.ToUpper(place), countries[a.country].demonym, a.role, a.name, countries[b.country].demonym, b.role, b.name, place, day, months[month])
		}
		pub := fmt.Sprintf("2024-%02d-%02d", month+1, min(day+1, 28))
		out = append(out, extract.Article{
			ID: fmt.Sprintf("synthetic-%04d", i), Title: fmt.Sprintf("%s talks", place), Published: &pub,
			Source: "Invented Wire", URL: fmt.Sprintf("https://example.org/synthetic/%04d", i), Text: text,
		})
	}
	return out
}

// JSONLines encodes articles as JSON Lines, the body of POST /v1/articles.
func JSONLines(as []extract.Article) []byte {
	var b strings.Builder
	for _, a := range as {
		line, err := json.Marshal(a)
		if err != nil {
			panic(err) // plain strings always encode
		}
		b.Write(line)
		b.WriteByte('\n')
	}
	return []byte(b.String())
}
