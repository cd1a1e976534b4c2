package neo4j_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	driver "github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/dipgraph/dipgraph/graph"
	"github.com/dipgraph/dipgraph/graph/storetest"
	"github.com/dipgraph/dipgraph/internal/neo4jtest"
)

// TestDerivedInStep checks MET and REPRESENTS against a recount from the
// attendance after batches that create meetings, add reports to stored
// ones (a month-precise report first, the day later: dates change), and
// update articles (meetings and links go, a person's country changes).
// MET is counted up for meetings
// a batch creates and recounted otherwise; both must agree with a recount.
func TestDerivedInStep(t *testing.T) {
	st := open(t)
	defer st.Close(context.Background())
	ctx := context.Background()
	docs := storetest.Synthetic(400)
	// Second reports of some meetings, at month precision, under other ids.
	var again []graph.Document
	for i, d := range docs[:120] {
		if i%3 != 0 {
			continue
		}
		d2 := d
		d2.Article.ID = fmt.Sprintf("again-%d", i)
		d2.Article.SHA256 = graph.TextHash(d2.Article.ID)
		m := d.Meetings[0]
		m.Date, m.DatePrecision = m.Date[:7], "month"
		d2.Meetings = []graph.MeetingReport{m}
		again = append(again, d2)
	}
	// The month-precise reports go in before the day-precise originals of
	// the first 60, after the rest.
	batches := [][]graph.Document{again[:20], docs[:100], docs[100:200], again[20:], docs[200:300]}
	// Updates: the same article ids with new text and another pair of people.
	var updated []graph.Document
	for i := 0; i < 40; i++ {
		d := docs[i*5]
		d.Article.SHA256 = graph.TextHash(fmt.Sprintf("updated %d", i))
		m := d.Meetings[0]
		m.Participants = []graph.Participant{m.Participants[0], docs[i*5+1].Meetings[0].Participants[1]}
		d.Meetings = []graph.MeetingReport{m}
		updated = append(updated, d)
	}
	// An article corrected to give a person another country: whoever
	// carries each country carries its label and no other.
	relabel := func(country string) []graph.Document {
		s := "Zora Quill met Ivo Brand in Oslo."
		return []graph.Document{{
			Article: graph.Article{ID: "relabel", SHA256: graph.TextHash(country)},
			Meetings: []graph.MeetingReport{{Kind: graph.KindMeeting, Status: graph.StatusOccurred, Date: "2025-02-03", Location: "Oslo",
				Confidence: 0.9, Evidence: []graph.Evidence{{End: len(s), Text: s}},
				Participants: []graph.Participant{{Name: "Zora Quill", Country: country}, {Name: "Ivo Brand", Country: "SE"}}}},
		}}
	}
	batches = append(batches, updated, docs[300:], relabel("HU"), relabel("PL"))
	for i, b := range batches {
		if _, err := st.Ingest(ctx, b); err != nil {
			t.Fatalf("batch %d: %v", i, err)
		}
		checkDerived(t, fmt.Sprintf("after batch %d", i))
	}
}

func checkDerived(t *testing.T, when string) {
	t.Helper()
	cfg, d := testDriver(t)
	ctx := context.Background()
	for _, c := range []struct{ name, cypher string }{
		{"MET missing or wrong", `
			MATCH (a:Person)-[:ATTENDED]->(m:Meeting {status: 'occurred'})<-[:ATTENDED]-(b:Person) WHERE a.id < b.id
			WITH a, b, count(DISTINCT m) AS n, min(m.date) AS first, max(m.date) AS last
			OPTIONAL MATCH (a)-[r:MET]->(b)
			WITH a, b, n, first, last, r
			WHERE r IS NULL OR r.meetings <> n OR coalesce(r.first, '') <> coalesce(first, '') OR coalesce(r.last, '') <> coalesce(last, '')
			RETURN a.id + ' ' + b.id + ': MET ' + coalesce(toString(r.meetings), 'none') + ' ' + coalesce(r.first, '-') + ' ' + coalesce(r.last, '-') +
				', want ' + toString(n) + ' ' + coalesce(first, '-') + ' ' + coalesce(last, '-') AS problem`},
		{"MET without a meeting, backwards or twice", `
			MATCH (a:Person)-[r:MET]->(b:Person)
			WITH a, b, count(r) AS links
			WHERE links > 1 OR a.id >= b.id OR NOT EXISTS { (a)-[:ATTENDED]->(:Meeting {status: 'occurred'})<-[:ATTENDED]-(b) }
			RETURN a.id + ' ' + b.id + ': ' + toString(links) + ' links' AS problem`},
		{"REPRESENTS wrong", `
			MATCH (p:Person)-[a:ATTENDED]->(m:Meeting) WHERE a.country <> ''
			WITH p, a.country AS code, a.role AS role, min(m.date) AS first, max(m.date) AS last
			OPTIONAL MATCH (p)-[r:REPRESENTS {role: role}]->(:Country {code: code})
			WITH p, code, role, first, last, collect(r) AS rs
			WHERE size(rs) <> 1 OR coalesce(rs[0].first_seen, '') <> coalesce(first, '') OR coalesce(rs[0].last_seen, '') <> coalesce(last, '')
			RETURN p.id + ' ' + code + ' ' + role + ': ' + toString(size(rs)) + ' links' AS problem`},
		{"country label wrong", `
			MATCH (p:Person)
			WITH p, [l IN labels(p) WHERE l =~ '[A-Z]{2}'] AS codes
			WHERE codes <> CASE WHEN p.country =~ '[A-Z]{2}' THEN [p.country] ELSE [] END
			RETURN p.id + ' country ' + coalesce(p.country, 'null') + ', labels ' + reduce(s = '', c IN codes | s + c + ' ') AS problem`},
		{"source labels wrong", `
			MATCH (m:Meeting)
			WHERE (m:Corroborated) <> (m.sources >= 2) OR (m:WidelyReported) <> (m.sources >= 4)
			RETURN m.id + ': ' + toString(m.sources) + ' sources, labels ' + reduce(s = '', l IN labels(m) | s + l + ' ') AS problem`},
	} {
		res, err := driver.ExecuteQuery(ctx, d, c.cypher, nil, driver.EagerResultTransformer, driver.ExecuteQueryWithDatabase(cfg.Database))
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		for i, r := range res.Records {
			if i == 5 {
				t.Errorf("%s %s: ... %d in all", when, c.name, len(res.Records))
				break
			}
			p, _ := r.Get("problem")
			t.Errorf("%s %s: %v", when, c.name, p)
		}
	}
}

// TestPlaceInCountry: a meeting place that is a capital or a country lies
// IN that country (Meeting reads give it); any other place lies nowhere;
// a place no meeting is held in any more goes, with its link.
func TestPlaceInCountry(t *testing.T) {
	st := open(t)
	defer st.Close(context.Background())
	ctx := context.Background()
	doc := func(id, place string) graph.Document {
		s := "Ilse Varga met Tomas Ek in " + place + "."
		return graph.Document{
			Article: graph.Article{ID: id, SHA256: graph.TextHash(id + s)},
			Meetings: []graph.MeetingReport{{Kind: graph.KindMeeting, Status: graph.StatusOccurred, Date: "2024-05-0" + id[len(id)-1:],
				Location: place, Confidence: 0.9, Evidence: []graph.Evidence{{End: len(s), Text: s}},
				Participants: []graph.Participant{{Name: "Ilse Varga", Country: "HU"}, {Name: "Tomas Ek", Country: "SE"}}}},
		}
	}
	res, err := st.Ingest(ctx, []graph.Document{doc("a1", "Tehran"), doc("a2", "Kish Island")})
	if err != nil {
		t.Fatal(err)
	}
	for i, want := range []graph.Place{{Name: "Tehran", Country: "IR"}, {Name: "Kish Island"}} {
		m, err := st.Meeting(ctx, res[i].Meetings[0])
		if err != nil {
			t.Fatal(err)
		}
		if m.Place == nil || *m.Place != want {
			t.Errorf("place of %s = %+v, want %+v", m.ID, m.Place, want)
		}
	}
	stats, err := st.Stats(ctx)
	if err != nil || stats.Countries != 2 || stats.Places != 2 {
		t.Errorf("stats %+v %v: want the 2 countries represented (Iran is only where a place lies) and 2 places", stats, err)
	}
	// The Tehran article now reports a meeting in Oslo: Tehran goes.
	upd := doc("a1", "Oslo")
	upd.Article.SHA256 = graph.TextHash("moved")
	if _, err := st.Ingest(ctx, []graph.Document{upd}); err != nil {
		t.Fatal(err)
	}
	cfg, d := testDriver(t)
	r, err := driver.ExecuteQuery(ctx, d, `MATCH (pl:Place) OPTIONAL MATCH (pl)-[:IN]->(c:Country) RETURN pl.name + ':' + coalesce(c.name, '') AS p ORDER BY p`,
		nil, driver.EagerResultTransformer, driver.ExecuteQueryWithDatabase(cfg.Database))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, rec := range r.Records {
		p, _ := rec.Get("p")
		got = append(got, p.(string))
	}
	if want := "Kish Island: Oslo:Norway"; strings.Join(got, " ") != want {
		t.Errorf("places after the update: %q, want %q", strings.Join(got, " "), want)
	}
}

// testDriver connects to the test Neo4j directly, for Cypher checks.
func testDriver(t *testing.T) (neo4jtest.Config, driver.DriverWithContext) {
	t.Helper()
	cfg := neo4jtest.Get(t)
	return cfg, cfg.Driver(t)
}
