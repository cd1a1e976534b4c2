// Package storetest is the conformance suite every graph.Store backend
// passes: the same invented documents, the same questions, the same
// answers. A backend's tests call Run with a function that opens an empty
// store.
package storetest

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/dipgraph/dipgraph/graph"
)

// Opener returns a fresh, empty store; Run closes it.
type Opener func(t *testing.T) graph.Store

// Run runs the suite against the stores open returns.
func Run(t *testing.T, open Opener) {
	tests := []struct {
		name string
		fn   func(t *testing.T, st graph.Store)
	}{
		{"Counterparts", testCounterparts},
		{"SearchBySpelling", testSearch},
		{"PersonRoles", testPersonRoles},
		{"SameMeetingTwoArticles", testMergedMeeting},
		{"MeetingFilters", testMeetingFilters},
		{"Paging", testPaging},
		{"ShortestPath", testShortestPath},
		{"LongerNameLaterAndNamesakes", testResolution},
		{"Idempotent", testIdempotent},
		{"RepeatedInOneBatch", testRepeatInBatch},
		{"Update", testUpdate},
		{"UpdateKeepsSharedMeeting", testUpdateShared},
		{"UpdateRemovesOrphans", testUpdateOrphans},
		{"Documents", testDocuments},
		{"DocumentsAfterUpdate", testDocumentsAfterUpdate},
		{"Errors", testErrors},
		{"HostileText", testHostile},
		{"JobState", testJobState},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st := open(t)
			t.Cleanup(func() { st.Close(context.Background()) })
			tt.fn(t, st)
		})
	}
}

// The fixture: invented officials of real countries, invented articles.
var (
	kovacs  = graph.Participant{Name: "Anna Kovács", Role: "Foreign Minister", Country: "HU"}
	pnowak  = graph.Participant{Name: "Piotr Nowak", Role: "Deputy Foreign Minister", Country: "PL"}
	berg    = graph.Participant{Name: "Jonas Berg", Role: "Ambassador to Poland", Country: "SE"}
	mnowak  = graph.Participant{Name: "Maria Nowak", Role: "Minister of Defence", Country: "CZ"}
	sosan   = graph.Participant{Name: "Karim Sosan", Role: "Deputy Foreign Minister", Country: "SY"}
	sousan  = graph.Participant{Name: "Karim Sousan", Role: "Deputy Foreign Minister", Country: "SY"}
	petrov  = graph.Participant{Name: "Ivo Petrov", Role: "Foreign Minister", Country: "BG"}
	surname = graph.Participant{Name: "Nowak", Country: "PL"}
)

func doc(id, published string, meetings ...graph.MeetingReport) graph.Document {
	d := graph.Document{Article: graph.Article{
		ID: id, URL: "https://news.example/" + id, Title: "Report " + id, Published: published, Source: "Example Wire",
	}}
	var text strings.Builder
	for _, m := range meetings {
		text.WriteString(m.Evidence[0].Text)
	}
	d.Article.SHA256 = graph.TextHash(id + text.String())
	d.Meetings = meetings
	return d
}

func meet(kind, status, date, place, sentence string, who ...graph.Participant) graph.MeetingReport {
	return graph.MeetingReport{
		Kind: kind, Status: status, Date: date, DatePrecision: graph.Precision(date), Location: place,
		Participants: who, Evidence: []graph.Evidence{{Start: 0, End: len(sentence), Text: sentence}}, Confidence: 0.9,
	}
}

const (
	mtg, call      = graph.KindMeeting, graph.KindCall
	held, planned  = graph.StatusOccurred, graph.StatusPlanned
	warsawSentence = "Hungarian Foreign Minister Anna Kovács met Polish Deputy Foreign Minister Piotr Nowak in Warsaw."
)

// corpus is the suite's articles, in ingest order.
func corpus() []graph.Document {
	return []graph.Document{
		doc("a1", "2024-03-07", meet(mtg, held, "2024-03", "Warsaw", warsawSentence, kovacs, pnowak)),
		doc("a2", "2024-03-08", meet(mtg, held, "2024-03-05", "Warsaw", "Kovacs and Nowak met in Warsaw on Tuesday.",
			graph.Participant{Name: "Anna Kovacs", Country: "HU"}, surname)),
		doc("a3", "2024-04-10", meet(call, held, "2024-04-09", "", "Nowak spoke by phone with Swedish envoy Jonas Berg.", pnowak, berg)),
		doc("a4", "2024-05-02", meet(mtg, held, "2024-05-01", "Prague", "Czech Defence Minister Maria Nowak received Berg in Prague.", mnowak, berg)),
		doc("a5", "2024-06-01", meet(mtg, planned, "", "Budapest", "Kovács is expected to host Berg in Budapest.", kovacs, berg)),
		doc("a6", "2024-06-03", meet(mtg, held, "", "", "Kovács met Syrian Deputy Foreign Minister Karim Sosan.", kovacs, sosan)),
		doc("a7", "2024-07-01", meet(mtg, held, "2024-06-30", "Stockholm", "Karim Sousan held talks with Jonas Berg.", sousan, berg)),
		doc("a8", "2024-07-02", meet(mtg, planned, "2024-08", "Sofia", "Petrov will receive Kovács in Sofia in August.", petrov, kovacs)),
	}
}

func ingest(t *testing.T, st graph.Store, docs ...graph.Document) []graph.IngestResult {
	t.Helper()
	res, err := st.Ingest(context.Background(), docs)
	if err != nil {
		t.Fatalf("ingest: %v", err)
	}
	if len(res) != len(docs) {
		t.Fatalf("ingest returned %d results for %d documents", len(res), len(docs))
	}
	return res
}

// load ingests the corpus, in two batches so that resolution across
// batches is exercised as well as within one.
func load(t *testing.T, st graph.Store) {
	t.Helper()
	c := corpus()
	ingest(t, st, c[:3]...)
	ingest(t, st, c[3:]...)
}

// find returns the id of the one person a query finds.
func find(t *testing.T, st graph.Store, q string) string {
	t.Helper()
	page, err := st.SearchPeople(context.Background(), graph.PersonFilter{Query: q})
	if err != nil {
		t.Fatalf("search %q: %v", q, err)
	}
	if len(page.People) != 1 {
		t.Fatalf("search %q found %d people (%v), want 1", q, len(page.People), names(page.People))
	}
	return page.People[0].ID
}

func names(ps []graph.Person) []string {
	out := []string{}
	for _, p := range ps {
		out = append(out, p.Name)
	}
	return out
}

func code(err error) string { return graph.ErrorCode(err) }

func testCounterparts(t *testing.T, st graph.Store) {
	load(t, st)
	ctx := context.Background()
	tests := []struct {
		who  string
		want []string // "Name|role|country|meetings|first|last"
	}{
		{"Kovács", []string{
			"Piotr Nowak|Deputy Foreign Minister|PL|1|2024-03-05|2024-03-05",
			"Karim Sousan|Deputy Foreign Minister|SY|1||", // the planned meetings with Berg and Petrov do not count
		}},
		{"Jonas Berg", []string{
			"Karim Sousan|Deputy Foreign Minister|SY|1|2024-06-30|2024-06-30",
			"Maria Nowak|Minister of Defence|CZ|1|2024-05-01|2024-05-01",
			"Piotr Nowak|Deputy Foreign Minister|PL|1|2024-04-09|2024-04-09",
		}},
		{"Petrov", nil},
	}
	for _, tt := range tests {
		cps, err := st.Counterparts(ctx, find(t, st, tt.who))
		if err != nil {
			t.Fatalf("counterparts of %s: %v", tt.who, err)
		}
		var got []string
		for _, c := range cps {
			got = append(got, fmt.Sprintf("%s|%s|%s|%d|%s|%s", c.Person.Name, c.Role, c.Country, c.Meetings, c.First, c.Last))
			if len(c.MeetingIDs) != c.Meetings || !slices.IsSorted(c.MeetingIDs) {
				t.Errorf("%s–%s: meeting ids %v for %d meetings, want that many, sorted", tt.who, c.Person.Name, c.MeetingIDs, c.Meetings)
			}
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("who met %s:\n got %q\nwant %q", tt.who, got, tt.want)
		}
	}
}

func testSearch(t *testing.T, st graph.Store) {
	load(t, st)
	ctx := context.Background()
	tests := []struct {
		q, country string
		want       []string
	}{
		{"Sosan", "", []string{"Karim Sousan"}}, // one person under both spellings, shown by the fullest
		{"Sousan", "", []string{"Karim Sousan"}},
		{"karim sosan", "", []string{"Karim Sousan"}},
		{"Susan", "", []string{"Karim Sousan"}}, // a transliteration never written
		{"Piotr Nowak", "", []string{"Piotr Nowak"}},
		{"Kovacs", "", []string{"Anna Kovács"}},
		{"nowak", "", []string{"Maria Nowak", "Piotr Nowak"}}, // same surname, two people
		{"nowak", "CZ", []string{"Maria Nowak"}},
		{"Zzyzx", "", []string{}},
		{"", "SE", []string{"Jonas Berg"}},
	}
	for _, tt := range tests {
		page, err := st.SearchPeople(ctx, graph.PersonFilter{Query: tt.q, Country: tt.country})
		if err != nil {
			t.Fatalf("search %q: %v", tt.q, err)
		}
		if got := names(page.People); !slices.Equal(got, tt.want) {
			t.Errorf("search %q country %q = %q, want %q", tt.q, tt.country, got, tt.want)
		}
	}
	p, err := st.Person(ctx, find(t, st, "Sousan"))
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"Karim Sosan", "Karim Sousan"}; !slices.Equal(p.Aliases, want) {
		t.Errorf("aliases = %q, want every spelling %q", p.Aliases, want)
	}
	all, err := st.SearchPeople(ctx, graph.PersonFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if got := len(all.People); got != 6 {
		t.Errorf("%d people in all (%q), want 6", got, names(all.People))
	}
}

func testPersonRoles(t *testing.T, st graph.Store) {
	load(t, st)
	p, err := st.Person(context.Background(), find(t, st, "Piotr Nowak"))
	if err != nil {
		t.Fatal(err)
	}
	if p.Name != "Piotr Nowak" || p.Country != "PL" || p.Role != "Deputy Foreign Minister" {
		t.Errorf("person = %+v", p.Person)
	}
	if want := []string{"Nowak", "Piotr Nowak"}; !slices.Equal(p.Aliases, want) {
		t.Errorf("aliases = %q, want %q", p.Aliases, want)
	}
	if len(p.Roles) != 1 {
		t.Fatalf("roles = %+v, want one", p.Roles)
	}
	r := p.Roles[0]
	if r.Role != "Deputy Foreign Minister" || r.Country != "PL" || r.FirstSeen != "2024-03-05" || r.LastSeen != "2024-04-09" ||
		!slices.Equal(r.Articles, []string{"a1", "a3"}) {
		t.Errorf("role = %+v, want Deputy Foreign Minister (PL) seen 2024-03-05..2024-04-09 in a1, a3", r)
	}
}

func testMergedMeeting(t *testing.T, st graph.Store) {
	load(t, st)
	ctx := context.Background()
	_, ms1, err := st.Article(ctx, "a1")
	if err != nil {
		t.Fatal(err)
	}
	_, ms2, err := st.Article(ctx, "a2")
	if err != nil {
		t.Fatal(err)
	}
	if len(ms1) != 1 || len(ms2) != 1 || ms1[0].ID != ms2[0].ID {
		t.Fatalf("a1 and a2 report %v and %v, want one shared meeting", ms1, ms2)
	}
	m, err := st.Meeting(ctx, ms1[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	if m.Date != "2024-03-05" || m.DatePrecision != "day" || m.Kind != mtg || m.Status != held {
		t.Errorf("meeting = %+v, want the day the second report gives", m)
	}
	if m.Place == nil || *m.Place != (graph.Place{Name: "Warsaw", Country: "PL"}) {
		t.Errorf("place = %+v, want Warsaw in PL", m.Place)
	}
	if m.Name != "Anna Kovács – Piotr Nowak, 2024-03-05" {
		t.Errorf("name = %q", m.Name)
	}
	var who []string
	for _, p := range m.Participants {
		who = append(who, p.Name+"|"+p.Role+"|"+p.Country)
	}
	if want := []string{"Anna Kovács|Foreign Minister|HU", "Piotr Nowak|Deputy Foreign Minister|PL"}; !slices.Equal(who, want) {
		t.Errorf("participants = %q, want %q", who, want)
	}
	if len(m.Reports) != 2 || m.Reports[0].ArticleID != "a1" || m.Reports[1].ArticleID != "a2" {
		t.Fatalf("reports = %+v, want a1 and a2", m.Reports)
	}
	if ev := m.Reports[0].Evidence; len(ev) != 1 || ev[0].Text != warsawSentence || ev[0].End != len(warsawSentence) {
		t.Errorf("evidence of a1 = %+v", ev)
	}
	if r := m.Reports[0]; r.URL != "https://news.example/a1" || r.Title != "Report a1" || r.Published != "2024-03-07" {
		t.Errorf("report = %+v, want the article's url, title and date", r)
	}
	stats, err := st.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	// Countries: HU, PL, SE, CZ, SY and BG (represented at a planned
	// meeting); places: Warsaw, Prague, Budapest, Stockholm, Sofia.
	if want := (graph.Stats{People: 6, Meetings: 7, Articles: 8, Countries: 6, Places: 5}); stats != want {
		t.Errorf("stats = %+v, want %+v", stats, want)
	}
}

func meetingNames(ms []graph.Meeting) []string {
	out := []string{}
	for _, m := range ms {
		out = append(out, m.Name)
	}
	return out
}

func testMeetingFilters(t *testing.T, st graph.Store) {
	load(t, st)
	ctx := context.Background()
	berg := find(t, st, "Jonas Berg")
	tests := []struct {
		name string
		f    graph.MeetingFilter
		want []string
	}{
		{"timeline", graph.MeetingFilter{PersonID: berg}, []string{
			"Jonas Berg – Piotr Nowak, 2024-04-09", "Jonas Berg – Maria Nowak, 2024-05-01", "Jonas Berg – Karim Sousan, 2024-06-30"}},
		{"calls", graph.MeetingFilter{PersonID: berg, Kind: call}, []string{"Jonas Berg – Piotr Nowak, 2024-04-09"}},
		{"planned too", graph.MeetingFilter{PersonID: berg, Status: "any"}, []string{
			"Jonas Berg – Piotr Nowak, 2024-04-09", "Jonas Berg – Maria Nowak, 2024-05-01", "Jonas Berg – Karim Sousan, 2024-06-30",
			"Anna Kovács – Jonas Berg"}},
		{"planned only", graph.MeetingFilter{Status: planned}, []string{"Anna Kovács – Ivo Petrov, 2024-08", "Anna Kovács – Jonas Berg"}},
		{"period", graph.MeetingFilter{From: "2024-05", To: "2024-06"}, []string{
			"Jonas Berg – Maria Nowak, 2024-05-01", "Jonas Berg – Karim Sousan, 2024-06-30"}},
		{"a month overlaps a day range", graph.MeetingFilter{From: "2024-08-10", To: "2024-08-20", Status: "any"}, []string{
			"Anna Kovács – Ivo Petrov, 2024-08"}},
		{"country pair", graph.MeetingFilter{Country: "HU", WithCountry: "PL"}, []string{"Anna Kovács – Piotr Nowak, 2024-03-05"}},
		{"country pair, other order", graph.MeetingFilter{Country: "PL", WithCountry: "HU"}, []string{"Anna Kovács – Piotr Nowak, 2024-03-05"}},
		{"one country", graph.MeetingFilter{Country: "SY"}, []string{"Jonas Berg – Karim Sousan, 2024-06-30", "Anna Kovács – Karim Sousan"}},
	}
	for _, tt := range tests {
		page, err := st.Meetings(ctx, tt.f)
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if got := meetingNames(page.Meetings); !slices.Equal(got, tt.want) {
			t.Errorf("%s:\n got %q\nwant %q", tt.name, got, tt.want)
		}
		if page.NextCursor != "" {
			t.Errorf("%s: a cursor on the only page", tt.name)
		}
	}
}

func testPaging(t *testing.T, st graph.Store) {
	load(t, st)
	ctx := context.Background()
	all, err := st.Meetings(ctx, graph.MeetingFilter{Status: "any"})
	if err != nil {
		t.Fatal(err)
	}
	if len(all.Meetings) != 7 {
		t.Fatalf("%d meetings, want 7", len(all.Meetings))
	}
	var paged []graph.Meeting
	cursor := ""
	for range 10 {
		page, err := st.Meetings(ctx, graph.MeetingFilter{Status: "any", Limit: 2, Cursor: cursor})
		if err != nil {
			t.Fatal(err)
		}
		if len(page.Meetings) > 2 {
			t.Fatalf("page of %d, limit 2", len(page.Meetings))
		}
		paged = append(paged, page.Meetings...)
		if cursor = page.NextCursor; cursor == "" {
			break
		}
	}
	if got, want := meetingNames(paged), meetingNames(all.Meetings); !slices.Equal(got, want) {
		t.Errorf("pages give %q, one page gives %q", got, want)
	}
	var people []string
	cursor = ""
	for range 10 {
		page, err := st.SearchPeople(ctx, graph.PersonFilter{Limit: 4, Cursor: cursor})
		if err != nil {
			t.Fatal(err)
		}
		people = append(people, names(page.People)...)
		if cursor = page.NextCursor; cursor == "" {
			break
		}
	}
	want := []string{"Anna Kovács", "Ivo Petrov", "Jonas Berg", "Karim Sousan", "Maria Nowak", "Piotr Nowak"}
	if !slices.Equal(people, want) {
		t.Errorf("people by pages = %q, want %q", people, want)
	}

	// A cursor marks a place in the order, not an offset: people and
	// meetings added before it between two pages neither repeat nor hide
	// what follows.
	first, err := st.SearchPeople(ctx, graph.PersonFilter{Limit: 2})
	if err != nil {
		t.Fatal(err)
	}
	mfirst, err := st.Meetings(ctx, graph.MeetingFilter{Status: "any", Limit: 2})
	if err != nil {
		t.Fatal(err)
	}
	ingest(t, st, doc("a0", "2020-01-02", meet(mtg, held, "2020-01-01", "Vienna", "Aaron Abel met Adam Adler in Vienna.",
		graph.Participant{Name: "Aaron Abel", Country: "AT"}, graph.Participant{Name: "Adam Adler", Country: "DE"})))
	rest, err := st.SearchPeople(ctx, graph.PersonFilter{Limit: 10, Cursor: first.NextCursor})
	if err != nil {
		t.Fatal(err)
	}
	if got := append(names(first.People), names(rest.People)...); !slices.Equal(got, want) {
		t.Errorf("people by pages around an insert = %q, want %q", got, want)
	}
	mrest, err := st.Meetings(ctx, graph.MeetingFilter{Status: "any", Limit: 10, Cursor: mfirst.NextCursor})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := append(meetingNames(mfirst.Meetings), meetingNames(mrest.Meetings)...), meetingNames(all.Meetings); !slices.Equal(got, want) {
		t.Errorf("meetings by pages around an insert = %q, want %q", got, want)
	}
}

func testShortestPath(t *testing.T, st graph.Store) {
	load(t, st)
	ctx := context.Background()
	kov, maria, petrov := find(t, st, "Kovács"), find(t, st, "Maria Nowak"), find(t, st, "Petrov")
	steps, err := st.ShortestPath(ctx, kov, maria)
	if err != nil {
		t.Fatal(err)
	}
	var chain []string
	for i, s := range steps {
		if i == 0 {
			chain = append(chain, s.From.Name)
		}
		chain = append(chain, s.To.Name)
		m, err := st.Meeting(ctx, s.Meeting)
		if err != nil {
			t.Fatalf("step %d meeting %s: %v", i, s.Meeting, err)
		}
		if !strings.Contains(m.Name, s.From.Name) || !strings.Contains(m.Name, s.To.Name) {
			t.Errorf("step %s → %s goes through %q", s.From.Name, s.To.Name, m.Name)
		}
	}
	// Two chains of three links: through Sosan or through Piotr Nowak; the
	// one whose person ids sort first wins. The planned Kovács–Berg meeting
	// is no shortcut.
	want := []string{"Anna Kovács", "Karim Sousan", "Jonas Berg", "Maria Nowak"}
	if find(t, st, "Piotr Nowak") < find(t, st, "Karim Sosan") {
		want[1] = "Piotr Nowak"
	}
	if !slices.Equal(chain, want) {
		t.Errorf("chain = %q, want %q", chain, want)
	}
	if _, err := st.ShortestPath(ctx, kov, petrov); code(err) != graph.ENOTFOUND {
		t.Errorf("path to someone met only in a planned meeting: err %v, want ENOTFOUND", err)
	}
	if _, err := st.ShortestPath(ctx, kov, "p-nobody"); code(err) != graph.ENOTFOUND {
		t.Errorf("path to an unknown id: err %v, want ENOTFOUND", err)
	}
}

func testIdempotent(t *testing.T, st graph.Store) {
	load(t, st)
	ctx := context.Background()
	before, err := st.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	first, _, err := st.Article(ctx, "a1")
	if err != nil {
		t.Fatal(err)
	}
	res := ingest(t, st, corpus()...)
	for _, r := range res {
		if r.Status != graph.ArticleUnchanged {
			t.Errorf("%s: %s on the second ingest, want unchanged", r.ArticleID, r.Status)
		}
	}
	// The same text under another id is the same article.
	copyDoc := corpus()[0]
	copyDoc.Article.ID = "a1-syndicated"
	r := ingest(t, st, copyDoc)[0]
	if r.Status != graph.ArticleUnchanged || len(r.Meetings) != 1 {
		t.Errorf("syndicated copy: %+v, want unchanged with a1's meeting", r)
	}
	after, err := st.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if after != before {
		t.Errorf("stats after re-ingest %+v, before %+v", after, before)
	}
	again, _, err := st.Article(ctx, "a1")
	if err != nil || again != first {
		t.Errorf("article a1 now %+v (%v), was %+v", again, err, first)
	}
	if _, _, err := st.Article(ctx, "a1-syndicated"); code(err) != graph.ENOTFOUND {
		t.Errorf("the copy was stored as an article of its own: %v", err)
	}
}

func testUpdate(t *testing.T, st graph.Store) {
	load(t, st)
	ctx := context.Background()
	_, old, err := st.Article(ctx, "a3")
	if err != nil {
		t.Fatal(err)
	}
	// a3 corrected: the call was on the 8th, and with Kovács, not Berg.
	fixed := doc("a3", "2024-04-10", meet(call, held, "2024-04-08", "", "Nowak spoke by phone with Anna Kovács.", pnowak, kovacs))
	if r := ingest(t, st, fixed)[0]; r.Status != graph.ArticleUpdated {
		t.Fatalf("status %s, want updated", r.Status)
	}
	if _, err := st.Meeting(ctx, old[0].ID); code(err) != graph.ENOTFOUND {
		t.Errorf("the old call %s is still there (err %v)", old[0].ID, err)
	}
	cps, err := st.Counterparts(ctx, find(t, st, "Jonas Berg"))
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cps {
		if c.Person.Name == "Piotr Nowak" {
			t.Errorf("Berg still met Piotr Nowak: %+v", c)
		}
	}
	page, err := st.Meetings(ctx, graph.MeetingFilter{PersonID: find(t, st, "Piotr Nowak")})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"Anna Kovács – Piotr Nowak, 2024-03-05", "Anna Kovács – Piotr Nowak, 2024-04-08"}
	if got := meetingNames(page.Meetings); !slices.Equal(got, want) {
		t.Errorf("Nowak's timeline %q, want %q", got, want)
	}
	stats, err := st.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if stats.Meetings != 7 || stats.Articles != 8 || stats.People != 6 {
		t.Errorf("stats %+v, want 7 meetings, 8 articles, 6 people", stats)
	}
}

func testDocuments(t *testing.T, st graph.Store) {
	load(t, st)
	var ids []string
	after := ""
	for range 10 {
		docs, err := st.Documents(context.Background(), after, 3)
		if err != nil {
			t.Fatal(err)
		}
		if len(docs) == 0 {
			break
		}
		for _, d := range docs {
			ids = append(ids, d.Article.ID)
		}
		after = docs[len(docs)-1].Article.ID
	}
	if want := []string{"a1", "a2", "a3", "a4", "a5", "a6", "a7", "a8"}; !slices.Equal(ids, want) {
		t.Errorf("documents in order %q, want %q", ids, want)
	}
	docs, err := st.Documents(context.Background(), "", 1)
	if err != nil || len(docs) != 1 {
		t.Fatalf("first document: %v, %v", docs, err)
	}
	if got, want := docs[0], corpus()[0]; got.Article != want.Article || len(got.Meetings) != 1 ||
		got.Meetings[0].Evidence[0].Text != warsawSentence || got.Meetings[0].Participants[0].Name != kovacs.Name {
		t.Errorf("stored document %+v, ingested %+v", got, want)
	}
}

func testErrors(t *testing.T, st graph.Store) {
	load(t, st)
	ctx := context.Background()
	checks := []struct {
		name string
		err  error
		want string
	}{}
	add := func(name string, err error, want string) {
		checks = append(checks, struct {
			name string
			err  error
			want string
		}{name, err, want})
	}
	_, err := st.Person(ctx, "p-nobody")
	add("unknown person", err, graph.ENOTFOUND)
	_, err = st.Counterparts(ctx, "p-nobody")
	add("counterparts of unknown", err, graph.ENOTFOUND)
	_, err = st.Meeting(ctx, "m-nothing")
	add("unknown meeting", err, graph.ENOTFOUND)
	_, _, err = st.Article(ctx, "no-such-article")
	add("unknown article", err, graph.ENOTFOUND)
	_, err = st.Meetings(ctx, graph.MeetingFilter{Cursor: "not a cursor"})
	add("bad meeting cursor", err, graph.EINVALID)
	_, err = st.SearchPeople(ctx, graph.PersonFilter{Cursor: "bm90IGEgY3Vyc29y"})
	add("bad people cursor", err, graph.EINVALID)
	_, err = st.Meetings(ctx, graph.MeetingFilter{From: "last tuesday"})
	add("bad date", err, graph.EINVALID)
	_, err = st.Meetings(ctx, graph.MeetingFilter{Kind: "dinner"})
	add("bad kind", err, graph.EINVALID)
	_, err = st.Meetings(ctx, graph.MeetingFilter{Status: "rumoured"})
	add("bad status", err, graph.EINVALID)
	for _, c := range checks {
		if got := code(c.err); got != c.want {
			t.Errorf("%s: error %v (code %q), want %s", c.name, c.err, got, c.want)
		}
	}
	if err := st.Ping(ctx); err != nil {
		t.Errorf("ping: %v", err)
	}
}

func testHostile(t *testing.T, st graph.Store) {
	ctx := context.Background()
	odd := []graph.Participant{
		{Name: `Seán O'Brien "the Quote"`, Role: `Minister \ of "Things"`, Country: "IE"},
		{Name: `Zoë '}) DETACH DELETE n //`, Role: "'; DROP TABLE people; --", Country: "FR"},
	}
	sentence := "Ünïcødé: 会谈 — O'Brien met Zoë; \\ \" ' `"
	d := doc("hostile'; DROP TABLE articles; --", "2024-09-01", meet(mtg, held, "2024-08-31", `Saint-Jean-d'Acre "Old City"`, sentence, odd...))
	d.Article.Title = `'}) MATCH (n) DETACH DELETE n //`
	res := ingest(t, st, d)
	if res[0].Status != graph.ArticleCreated {
		t.Fatalf("status %s", res[0].Status)
	}
	a, ms, err := st.Article(ctx, d.Article.ID)
	if err != nil {
		t.Fatal(err)
	}
	if a.Title != d.Article.Title || len(ms) != 1 {
		t.Fatalf("article %+v with %d meetings", a, len(ms))
	}
	m := ms[0]
	if m.Place == nil || m.Place.Name != `Saint-Jean-d'Acre "Old City"` || m.Reports[0].Evidence[0].Text != sentence {
		t.Errorf("meeting %+v", m)
	}
	var got []string
	for _, p := range m.Participants {
		got = append(got, p.Name+"|"+p.Role)
	}
	want := []string{`Seán O'Brien "the Quote"|Minister \ of "Things"`, `Zoë '}) DETACH DELETE n //|'; DROP TABLE people; --`}
	if !slices.Equal(got, want) {
		t.Errorf("participants %q, want %q", got, want)
	}
	for _, q := range []string{`'}) DETACH DELETE n //`, `%`, `_`, `\`, `"`, "' OR 1=1 --"} {
		if _, err := st.SearchPeople(ctx, graph.PersonFilter{Query: q}); err != nil {
			t.Errorf("search %q: %v", q, err)
		}
	}
	page, err := st.SearchPeople(ctx, graph.PersonFilter{Query: "O'Brien"})
	if err != nil || len(page.People) != 1 {
		t.Errorf("search O'Brien: %v, %v", names(page.People), err)
	}
	stats, err := st.Stats(ctx)
	if err != nil || stats.People != 2 || stats.Articles != 1 || stats.Meetings != 1 {
		t.Errorf("stats %+v, %v: want the two people, one article, one meeting", stats, err)
	}
}

func testJobState(t *testing.T, st graph.Store) {
	ctx := context.Background()
	if _, ok, err := st.SeenItem(ctx, "feeds", "https://news.example/1"); ok || err != nil {
		t.Fatalf("seen before marked: %v %v", ok, err)
	}
	if err := st.MarkItem(ctx, "feeds", "https://news.example/1", "h1", "a1"); err != nil {
		t.Fatal(err)
	}
	if err := st.MarkItem(ctx, "feeds", "https://news.example/1", "h2", "a1"); err != nil {
		t.Fatal(err)
	}
	if h, ok, err := st.SeenItem(ctx, "feeds", "https://news.example/1"); !ok || h != "h2" || err != nil {
		t.Errorf("seen = %q %v %v, want h2", h, ok, err)
	}
	if _, ok, _ := st.SeenItem(ctx, "other-job", "https://news.example/1"); ok {
		t.Error("an item of one job is seen by another")
	}
	start := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	for i := range 3 {
		run := graph.JobRun{Job: "feeds", Started: start.Add(time.Duration(i) * time.Hour), Duration: time.Second,
			Fetched: i, Stored: i, Errors: []string{fmt.Sprintf("feed %d: timeout", i)}}
		if err := st.RecordRun(ctx, run); err != nil {
			t.Fatal(err)
		}
	}
	runs, err := st.Runs(ctx, "feeds", 2)
	if err != nil {
		t.Fatal(err)
	}
	if len(runs) != 2 || runs[0].Fetched != 2 || runs[1].Fetched != 1 || !runs[0].Started.Equal(start.Add(2*time.Hour)) ||
		runs[0].Duration != time.Second || len(runs[0].Errors) != 1 || runs[0].Errors[0] != "feed 2: timeout" {
		t.Errorf("runs = %+v, want the last two, newest first", runs)
	}
	if runs, err := st.Runs(ctx, "nothing", 5); err != nil || len(runs) != 0 {
		t.Errorf("runs of an unknown job = %v, %v", runs, err)
	}
}

// Articles of a second, separate story: one official named shorter first and
// in full later (with a hyphen), whose role changes over time; two
// namesakes of one country.
var (
	rostamiShort = graph.Participant{Name: "Vahid Rostami", Role: "Deputy Foreign Minister", Country: "IR"}
	rostamiFull  = graph.Participant{Name: "Dariush Vahid-Rostami", Role: "Foreign Minister", Country: "IR"}
	holm         = graph.Participant{Name: "Lena Holm", Role: "Foreign Minister", Country: "NO"}
	nasser       = graph.Participant{Name: "Tariq Nasser", Role: "Foreign Minister", Country: "EG"}
	sOtieno      = graph.Participant{Name: "Samuel Otieno", Role: "Foreign Minister", Country: "KE"}
	pOtieno      = graph.Participant{Name: "Peter Otieno", Role: "Minister of Trade", Country: "KE"}
)

func resolutionCorpus() []graph.Document {
	envoy := rostamiShort
	envoy.Role = "Ambassador to Switzerland"
	return []graph.Document{
		doc("b1", "2024-02-01", meet(mtg, held, "2024-01-30", "Oslo", "Holm received Iran's deputy foreign minister Vahid Rostami.", rostamiShort, holm)),
		doc("b2", "2024-02-10", meet(mtg, held, "2024-02-09", "Cairo", "Foreign Minister Dariush Vahid-Rostami met Tariq Nasser.", rostamiFull, nasser)),
		doc("b3", "2024-03-02", meet(mtg, held, "2024-03-01", "Tehran", "Vahid-Rostami hosted Lena Holm in Tehran.", rostamiFull, holm)),
		doc("b4", "2024-03-03", meet(mtg, held, "2024-03-02", "Nairobi", "Holm met Kenya's trade minister Peter Otieno.", pOtieno, holm)),
		// Ingested last, but the oldest meeting: Rostami's current role stays.
		doc("b5", "2024-03-05", meet(mtg, held, "2023-12-12", "Geneva", "In December, envoy Vahid Rostami met Samuel Otieno in Geneva.", envoy, sOtieno)),
	}
}

func testResolution(t *testing.T, st graph.Store) {
	ctx := context.Background()
	for _, d := range resolutionCorpus() {
		ingest(t, st, d)
	}
	id := find(t, st, "Rostami")
	for _, q := range []string{"Vahid Rostami", "vahid-rostami", "Vahidrostami", "Dariush Vahid Rostami", "Rostamy", "Dariush"} {
		if got := find(t, st, q); got != id {
			t.Errorf("search %q found %s, want %s", q, got, id)
		}
	}
	p, err := st.Person(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if p.Name != "Dariush Vahid-Rostami" || p.Country != "IR" || p.Role != "Foreign Minister" ||
		!slices.Equal(p.Aliases, []string{"Dariush Vahid-Rostami", "Vahid Rostami"}) {
		t.Errorf("person = %+v, want the full name, every spelling and the role of the latest meeting", p.Person)
	}
	var spans []string
	for _, r := range p.Roles {
		spans = append(spans, fmt.Sprintf("%s|%s|%s|%s|%s", r.Role, r.Country, r.FirstSeen, r.LastSeen, strings.Join(r.Articles, ",")))
	}
	if want := []string{
		"Ambassador to Switzerland|IR|2023-12-12|2023-12-12|b5",
		"Deputy Foreign Minister|IR|2024-01-30|2024-01-30|b1",
		"Foreign Minister|IR|2024-02-09|2024-03-01|b2,b3",
	}; !slices.Equal(spans, want) {
		t.Errorf("roles over time:\n got %q\nwant %q", spans, want)
	}

	// The meeting first reported under the short name is shown under the full one.
	_, ms, err := st.Article(ctx, "b1")
	if err != nil || len(ms) != 1 {
		t.Fatalf("article b1: %v %v", ms, err)
	}
	if ms[0].Name != "Dariush Vahid-Rostami – Lena Holm, 2024-01-30" {
		t.Errorf("meeting name %q, want it to follow the fullest name", ms[0].Name)
	}

	cps := func(who string) []string {
		t.Helper()
		cs, err := st.Counterparts(ctx, find(t, st, who))
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, c := range cs {
			out = append(out, fmt.Sprintf("%s|%s|%d|%s|%s", c.Person.Name, c.Role, c.Meetings, c.First, c.Last))
		}
		return out
	}
	if got, want := cps("Lena Holm"), []string{
		"Dariush Vahid-Rostami|Foreign Minister|2|2024-01-30|2024-03-01",
		"Peter Otieno|Minister of Trade|1|2024-03-02|2024-03-02",
	}; !slices.Equal(got, want) {
		t.Errorf("who met Holm:\n got %q\nwant %q", got, want)
	}
	if got, want := cps("Rostami"), []string{
		"Lena Holm|Foreign Minister|2|2024-01-30|2024-03-01",
		"Tariq Nasser|Foreign Minister|1|2024-02-09|2024-02-09",
		"Samuel Otieno|Foreign Minister|1|2023-12-12|2023-12-12",
	}; !slices.Equal(got, want) {
		t.Errorf("who met Rostami:\n got %q\nwant %q", got, want)
	}

	// Namesakes of one country stay two people.
	page, err := st.SearchPeople(ctx, graph.PersonFilter{Query: "Otieno"})
	if err != nil {
		t.Fatal(err)
	}
	if got := names(page.People); !slices.Equal(got, []string{"Peter Otieno", "Samuel Otieno"}) {
		t.Errorf("search Otieno = %q, want both namesakes", got)
	}
	find(t, st, "Samuel Otieno")

	// A chain of two links.
	steps, err := st.ShortestPath(ctx, find(t, st, "Nasser"), find(t, st, "Holm"))
	if err != nil {
		t.Fatal(err)
	}
	if len(steps) != 2 || steps[0].From.Name != "Tariq Nasser" || steps[0].To.ID != id || steps[1].From.ID != id ||
		steps[1].To.Name != "Lena Holm" {
		t.Fatalf("path Nasser → Holm = %+v, want through Vahid-Rostami", steps)
	}
	_, b2, _ := st.Article(ctx, "b2")
	_, b3, _ := st.Article(ctx, "b3")
	if steps[0].Meeting != b2[0].ID || (steps[1].Meeting != ms[0].ID && steps[1].Meeting != b3[0].ID) {
		t.Errorf("path goes through meetings %s, %s; want b2's, then b1's or b3's", steps[0].Meeting, steps[1].Meeting)
	}
	if steps, err := st.ShortestPath(ctx, find(t, st, "Holm"), find(t, st, "Peter Otieno")); err != nil || len(steps) != 1 {
		t.Errorf("path between two who met: %+v %v, want one link", steps, err)
	}

	stats, err := st.Stats(ctx)
	if err != nil || stats.People != 5 || stats.Meetings != 5 || stats.Articles != 5 {
		t.Errorf("stats %+v (%v), want 5 people, 5 meetings, 5 articles", stats, err)
	}
}

// A document given twice in one batch is handled as if ingested twice.
func testRepeatInBatch(t *testing.T, st graph.Store) {
	c := corpus()
	fixed := doc("a3", "2024-04-10", meet(call, held, "2024-04-08", "", "Nowak phoned Anna Kovács.", pnowak, kovacs))
	res := ingest(t, st, c[0], c[0], c[2], fixed, c[1])
	var got []string
	for _, r := range res {
		got = append(got, r.ArticleID+":"+r.Status)
	}
	want := []string{"a1:created", "a1:unchanged", "a3:created", "a3:updated", "a2:created"}
	if !slices.Equal(got, want) {
		t.Errorf("statuses %q, want %q", got, want)
	}
	if !slices.Equal(res[0].Meetings, res[1].Meetings) || len(res[0].Meetings) != 1 {
		t.Errorf("the repeat reports meetings %v, the first %v", res[1].Meetings, res[0].Meetings)
	}
	if !slices.Equal(res[4].Meetings, res[0].Meetings) {
		t.Errorf("a2 reports %v, want a1's meeting %v", res[4].Meetings, res[0].Meetings)
	}
	ctx := context.Background()
	stats, err := st.Stats(ctx)
	if err != nil || stats.Articles != 3 || stats.Meetings != 2 || stats.People != 2 {
		t.Errorf("stats %+v (%v), want 3 articles, 2 meetings (Warsaw and the corrected call), 2 people", stats, err)
	}
	if _, _, err := st.Article(ctx, "a3"); err != nil {
		t.Fatal(err)
	}
	if _, err := st.Meeting(ctx, res[2].Meetings[0]); res[2].Meetings[0] != res[3].Meetings[0] && code(err) != graph.ENOTFOUND {
		t.Errorf("the call a3 first reported is still there: %v", err)
	}
}

// Replacing one of two reports of a meeting keeps the meeting, with what
// the remaining report says.
func testUpdateShared(t *testing.T, st graph.Store) {
	load(t, st)
	ctx := context.Background()
	_, ms, err := st.Article(ctx, "a1")
	if err != nil {
		t.Fatal(err)
	}
	shared := ms[0].ID
	other := doc("a2", "2024-03-08", meet(call, held, "2024-03-06", "", "Kovács called Ivo Petrov.", kovacs, petrov))
	if r := ingest(t, st, other)[0]; r.Status != graph.ArticleUpdated || len(r.Meetings) != 1 || r.Meetings[0] == shared {
		t.Fatalf("update a2: %+v, want updated with a new meeting", r)
	}
	m, err := st.Meeting(ctx, shared)
	if err != nil {
		t.Fatalf("the meeting a1 still reports: %v", err)
	}
	if len(m.Reports) != 1 || m.Reports[0].ArticleID != "a1" {
		t.Errorf("reports %+v, want only a1", m.Reports)
	}
	if m.Date != "2024-03" || m.DatePrecision != "month" || m.Name != "Anna Kovács – Piotr Nowak, 2024-03" {
		t.Errorf("meeting %q dated %q (%s), want back to the month a1 gives", m.Name, m.Date, m.DatePrecision)
	}
	cs, err := st.Counterparts(ctx, find(t, st, "Ivo Petrov"))
	if err != nil || len(cs) != 1 || cs[0].Person.Name != "Anna Kovács" || cs[0].First != "2024-03-06" {
		t.Errorf("who met Petrov: %+v %v, want Kovács on 2024-03-06", cs, err)
	}
}

// Replacing an article's facts deletes the meetings and people only it gave.
func testUpdateOrphans(t *testing.T, st graph.Store) {
	load(t, st)
	ctx := context.Background()
	petrovID := find(t, st, "Petrov")
	_, ms, err := st.Article(ctx, "a8")
	if err != nil {
		t.Fatal(err)
	}
	empty := doc("a8", "2024-07-02", meet(mtg, held, "", "", "Nothing to report.")) // a meeting with nobody named
	if r := ingest(t, st, empty)[0]; r.Status != graph.ArticleUpdated || len(r.Meetings) != 0 {
		t.Fatalf("update a8: %+v, want updated with no meetings", r)
	}
	if _, err := st.Meeting(ctx, ms[0].ID); code(err) != graph.ENOTFOUND {
		t.Errorf("the planned meeting only a8 gave: %v, want ENOTFOUND", err)
	}
	if _, err := st.Person(ctx, petrovID); code(err) != graph.ENOTFOUND {
		t.Errorf("Petrov, who attended nothing else: %v, want ENOTFOUND", err)
	}
	if page, err := st.SearchPeople(ctx, graph.PersonFilter{Query: "Petrov"}); err != nil || len(page.People) != 0 {
		t.Errorf("search Petrov = %v %v, want nobody", names(page.People), err)
	}
	if _, err := st.Person(ctx, find(t, st, "Kovács")); err != nil {
		t.Errorf("Kovács attends other meetings: %v", err)
	}
	stats, err := st.Stats(ctx)
	// Bulgaria was represented only by Petrov, Sofia hosted only a8's meeting.
	if want := (graph.Stats{People: 5, Meetings: 6, Articles: 8, Countries: 5, Places: 4}); err != nil || stats != want {
		t.Errorf("stats %+v (%v), want %+v", stats, err, want)
	}
	var found int
	after := ""
	for {
		docs, err := st.Documents(ctx, after, 5)
		if err != nil {
			t.Fatal(err)
		}
		if len(docs) == 0 {
			break
		}
		for _, d := range docs {
			if d.Article.ID == "a8" {
				found++
				if d.Article.SHA256 != empty.Article.SHA256 {
					t.Errorf("Documents gives a8's old text")
				}
			}
		}
		after = docs[len(docs)-1].Article.ID
	}
	if found != 1 {
		t.Errorf("a8 listed %d times by Documents, want once", found)
	}
}

// An updated article keeps the place of its first ingest among Documents,
// so a replay creates people and meetings in the order they first were.
func testDocumentsAfterUpdate(t *testing.T, st graph.Store) {
	load(t, st)
	ctx := context.Background()
	fixed := corpus()[0]
	fixed.Article.Title = "Report a1, corrected"
	fixed.Article.SHA256 = graph.TextHash("a1 corrected")
	if r := ingest(t, st, fixed)[0]; r.Status != graph.ArticleUpdated {
		t.Fatalf("update a1: %s", r.Status)
	}
	docs, err := st.Documents(ctx, "", 100)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, d := range docs {
		ids = append(ids, d.Article.ID)
	}
	if want := []string{"a1", "a2", "a3", "a4", "a5", "a6", "a7", "a8"}; !slices.Equal(ids, want) {
		t.Errorf("documents after updating a1: %q, want %q", ids, want)
	}
	if len(docs) > 0 && (docs[0].Article.Title != fixed.Article.Title || docs[0].Article.SHA256 != fixed.Article.SHA256) {
		t.Errorf("first document %+v, want a1's new version", docs[0].Article)
	}
}
