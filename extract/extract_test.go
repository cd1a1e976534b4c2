package extract

import (
	"strings"
	"sync"
	"testing"
)

var (
	sharedOnce sync.Once
	sharedX    *Extractor
	sharedErr  error
)

func newX(t testing.TB) *Extractor {
	sharedOnce.Do(func() { sharedX, sharedErr = New() })
	if sharedErr != nil {
		t.Fatal(sharedErr)
	}
	return sharedX
}

func article(f fixture) Article {
	a := Article{ID: f.name, Text: f.text}
	if f.published != "" {
		p := f.published
		a.Published = &p
	}
	return a
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// hasName reports whether a participant's name contains the surname (folded).
func hasName(p Participant, surname string) bool {
	return strings.Contains(strings.Join(foldName(p.Name), ""), strings.Join(foldName(surname), ""))
}

func TestFixtures(t *testing.T) {
	x := newX(t)
	all := append(append([]fixture(nil), fixtures...), moreFixtures...)
	for _, f := range all {
		t.Run(f.name, func(t *testing.T) {
			res, err := x.Extract(article(f))
			if err != nil {
				t.Fatal(err)
			}
			checkSpans(t, f.text, res)
			if len(res.Meetings) != len(f.want) {
				t.Fatalf("got %d meetings, want %d: %s", len(res.Meetings), len(f.want), describe(res))
			}
			for i, w := range f.want {
				m := res.Meetings[i]
				if m.Kind != w.kind || m.Status != w.status || deref(m.Date) != w.date || deref(m.Location) != w.place {
					t.Errorf("meeting %d = %s/%s date %q place %q, want %s/%s date %q place %q", i, m.Kind, m.Status,
						deref(m.Date), deref(m.Location), w.kind, w.status, w.date, w.place)
				}
				if len(m.Participants) != len(w.who) {
					t.Errorf("meeting %d: %d participants, want %d: %s", i, len(m.Participants), len(w.who), describe(res))
				}
				for name, country := range w.who {
					found := false
					for _, p := range m.Participants {
						if !hasName(p, name) {
							continue
						}
						found = true
						got := deref(p.Country)
						if strings.HasPrefix(country, "!") && got == country[1:] || !strings.HasPrefix(country, "!") && country != "" && got != country {
							t.Errorf("meeting %d: %s country %q, want %q", i, p.Name, got, country)
						}
						if p.Role == nil {
							t.Errorf("meeting %d: %s has no role", i, p.Name)
						} else if want, ok := f.roles[name]; ok && *p.Role != want {
							t.Errorf("meeting %d: %s role %q, want %q", i, p.Name, *p.Role, want)
						}
						// Titles are never part of a name.
						first := strings.ToLower(strings.TrimSuffix(strings.Fields(p.Name)[0], "."))
						if x.lx.honorific[first] || x.lx.rank[first] || x.lx.rolehead[first] {
							t.Errorf("meeting %d: name %q starts with a title", i, p.Name)
						}
					}
					if !found {
						t.Errorf("meeting %d: %s missing: %s", i, name, describe(res))
					}
				}
			}
		})
	}
}

func describe(r Result) string {
	var b strings.Builder
	for _, m := range r.Meetings {
		b.WriteString("[" + m.Kind + " " + m.Status + " " + deref(m.Date) + " " + deref(m.Location) + ":")
		for _, p := range m.Participants {
			b.WriteString(" " + p.Name + "/" + deref(p.Country) + "/" + deref(p.Role))
		}
		b.WriteString("] ")
	}
	return b.String()
}

func checkSpans(t testing.TB, text string, r Result) {
	t.Helper()
	check := func(s Span) {
		if s.Start < 0 || s.End > len(text) || s.Start > s.End || text[s.Start:s.End] != s.Text {
			t.Fatalf("bad span %+v for text of %d bytes", s, len(text))
		}
	}
	for _, m := range r.Meetings {
		for _, s := range m.Evidence {
			check(s)
		}
	}
	for _, p := range r.People {
		for _, s := range p.Mentions {
			check(s)
		}
	}
}

func TestSpellingVariantsMerge(t *testing.T) {
	x := newX(t)
	for _, tc := range []struct{ text, a, b string }{
		{"Iranian Foreign Minister Hossein Amir-Abdollahian met Omani Foreign Minister Badr Saidi. Amirabdollahian thanked Saidi. Amir Abdollahian left.", "Amirabdollahian", "Amir Abdollahian"},
		{"Syrian Foreign Minister Faisal Mekdad met Iraqi Foreign Minister Fuad Hassan. Miqdad thanked Hassan; al-Mekdad left.", "Miqdad", "al-Mekdad"},
		{"Syrian Deputy Foreign Minister Ayman Sousan met Lebanese Speaker Nabih Karam. Sosan thanked Karam.", "Sosan", "Ayman Sousan"},
	} {
		res, err := x.Extract(Article{ID: "v", Text: tc.text})
		if err != nil {
			t.Fatal(err)
		}
		var owner *Person
		for i, p := range res.People {
			all := append([]string{p.Name}, p.Aliases...)
			for _, n := range all {
				if n == tc.a {
					owner = &res.People[i]
				}
			}
		}
		if owner == nil {
			t.Fatalf("%q not found among %+v", tc.a, res.People)
		}
		all := strings.Join(append([]string{owner.Name}, owner.Aliases...), "|")
		if !strings.Contains(all, tc.b) {
			t.Errorf("%q and %q not merged: %s", tc.a, tc.b, all)
		}
	}
}

func TestDates(t *testing.T) {
	x := newX(t)
	const pub = "2024-11-21" // a Thursday
	for _, tc := range []struct{ phrase, pub, want string }{
		{"on Thursday", pub, "2024-11-21"},
		{"on Wednesday", pub, "2024-11-20"},
		{"late on Monday", pub, "2024-11-18"},
		{"on Friday", pub, "2024-11-15"},
		{"yesterday", pub, "2024-11-20"},
		{"two days ago", pub, "2024-11-19"},
		{"last week", pub, ""},
		{"last month", pub, "2024-10"},
		{"in January", pub, "2024-01"},
		{"in mid-December", pub, "2023-12"},
		{"in early November", pub, "2024-11"},
		{"on 12 March 2022", pub, "2022-03-12"},
		{"on March 12, 2022", pub, "2022-03-12"},
		{"on 12/03/2022", pub, "2022-03-12"},
		{"on Tuesday", "", ""},
		{"in January", "", ""},
		{"", pub, ""},
	} {
		a := Article{ID: "d", Text: "Iraqi Foreign Minister Hadi Samarrai met Syrian Foreign Minister Omar Haddad " + tc.phrase + " in Baghdad."}
		if tc.pub != "" {
			p := tc.pub
			a.Published = &p
		}
		res, err := x.Extract(a)
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Meetings) != 1 {
			t.Fatalf("%q: %d meetings", tc.phrase, len(res.Meetings))
		}
		if got := deref(res.Meetings[0].Date); got != tc.want {
			t.Errorf("%q published %q: date %q, want %q", tc.phrase, tc.pub, got, tc.want)
		}
		if (res.Meetings[0].Date == nil) != (res.Meetings[0].DatePrecision == nil) {
			t.Errorf("%q: date and precision disagree", tc.phrase)
		}
	}
}

func TestConcurrent(t *testing.T) {
	x := newX(t)
	want := make([]string, len(fixtures))
	for i, f := range fixtures {
		r, _ := x.Extract(article(f))
		want[i] = describe(r)
	}
	var wg sync.WaitGroup
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i, f := range fixtures {
				r, _ := x.Extract(article(f))
				if describe(r) != want[i] {
					t.Errorf("%s: result differs under concurrency", f.name)
				}
			}
		}()
	}
	wg.Wait()
}

func FuzzExtract(f *testing.F) {
	for _, fx := range fixtures {
		f.Add(fx.text, fx.published)
	}
	f.Add("U.S. A. <b>x</b> &amp; Mr. ’s 's", "")
	x, err := New()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, text, pub string) {
		a := Article{ID: "f", Text: text, Published: &pub}
		r, err := x.Extract(a)
		if err != nil {
			t.Fatal(err)
		}
		checkSpans(t, text, r)
		for _, m := range r.Meetings {
			if m.Kind != "meeting" && m.Kind != "call" || m.Status != "occurred" && m.Status != "planned" {
				t.Fatalf("bad meeting %+v", m)
			}
		}
	})
}

// TestOfficialSurnames: a lone word is a name when it is, letter for
// letter, the surname of a well-known official (data/officials.tsv); a
// word that only resembles one is not.
func TestOfficialSurnames(t *testing.T) {
	x := newX(t)
	for _, c := range []struct {
		text, want string
	}{
		{"Iran's top diplomat held a phone conversation with his Syrian counterpart on Tuesday. During the call, Amir-Abdollahian and Mekdad discussed regional developments.",
			"call 2023-05-02 Amir-Abdollahian+Mekdad"},
		{"A phone conversation took place on Tuesday. During the call, Sakhir and Mekdad discussed regional developments.", ""},
	} {
		pub := "2023-05-04"
		res, err := x.Extract(Article{ID: "t", Text: c.text, Published: &pub})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, m := range res.Meetings {
			var names []string
			for _, p := range m.Participants {
				names = append(names, p.Name)
			}
			got = append(got, m.Kind+" "+deref(m.Date)+" "+strings.Join(names, "+"))
		}
		if strings.Join(got, "; ") != c.want {
			t.Errorf("%q: got %q, want %q", c.text, strings.Join(got, "; "), c.want)
		}
	}
}
