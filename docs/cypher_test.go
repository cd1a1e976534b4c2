package docs

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dipgraph/dipgraph/graph/neo4j"
	"github.com/dipgraph/dipgraph/internal/neo4jtest"
)

func TestCookbookShape(t *testing.T) {
	rs, err := Cookbook()
	if err != nil {
		t.Fatal(err)
	}
	if len(rs) < 11 { // the style step and ten questions at least
		t.Errorf("%d queries, want at least 11", len(rs))
	}
	for _, r := range rs {
		if r.Expect == nil {
			t.Errorf("%s (line %d): no <!-- expect: --> rows", r.Title, r.Line)
		}
		for _, p := range r.Params {
			if !strings.Contains(r.Query, "$"+p.Name) {
				t.Errorf("%s: :param %s is not used by the query", r.Title, p.Name)
			}
		}
	}
}

func TestParseCookbook(t *testing.T) {
	md := "# x\n## 1. Q\n<!-- expect: a | 1; b | null -->\n<!-- seeds: :param n => 'S'; :param m => 2 -->\n<!-- seeds expect: -->\n" +
		"```cypher\n:param n => 'A';\nMATCH (p) WHERE p.name = $n\nRETURN p.name\n```\n"
	rs, err := ParseCookbook(strings.NewReader(md))
	if err != nil {
		t.Fatal(err)
	}
	if len(rs) != 1 {
		t.Fatalf("%d recipes", len(rs))
	}
	r := rs[0]
	if r.Title != "1. Q" || r.Query != "MATCH (p) WHERE p.name = $n\nRETURN p.name" || len(r.Params) != 1 || r.Params[0] != (Param{"n", "'A'"}) {
		t.Errorf("parsed %+v", r)
	}
	if len(r.Expect) != 2 || r.Expect[1][1] != "null" || !r.HasSeeds || len(r.SeedExpect) != 0 {
		t.Errorf("expectations %q, seeds %v %q", r.Expect, r.HasSeeds, r.SeedExpect)
	}
	if m := r.SeedParamsMerged(); len(m) != 2 || m[0] != (Param{"n", "'S'"}) || m[1] != (Param{"m", "2"}) {
		t.Errorf("seed params %+v", m)
	}
	if _, err := ParseCookbook(strings.NewReader("## a\n```cypher\n:param x = 1\nRETURN 1\n```\n")); err == nil {
		t.Error("a malformed :param line was accepted")
	}
}

func TestMatch(t *testing.T) {
	for _, tc := range []struct {
		got, want []string
		ok        bool
	}{
		{[]string{"a", "b", "c"}, []string{"a", "b"}, true},
		{[]string{"a"}, []string{"a", "b"}, false},
		{[]string{"The long sentence."}, []string{"The long..."}, true},
		{[]string{"The long sentence."}, []string{"Thee..."}, false},
	} {
		if Match(tc.got, tc.want) != tc.ok {
			t.Errorf("Match(%q, %q) != %v", tc.got, tc.want, tc.ok)
		}
	}
}

func repoRoot(t *testing.T) string {
	t.Helper()
	return filepath.Dir(Dir())
}

// TestCookbookQueries loads the shipped sample into Neo4j through the real
// store and runs every cookbook query with its parameters; then, when the
// seed corpus is beside the repository, the same with the seeds and the
// seed parameters. The style step runs first, as an analyst would.
func TestCookbookQueries(t *testing.T) {
	tc := neo4jtest.Get(t)
	cfg := neo4j.Config{URI: tc.URI, Username: tc.Username, Password: tc.Password, Database: tc.Database}
	rs, err := Cookbook()
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	root := repoRoot(t)
	t.Run("sample", func(t *testing.T) {
		if err := Load(ctx, cfg, filepath.Join(root, "examples", "articles.jsonl")); err != nil {
			t.Fatal(err)
		}
		// Straight after the ingest every node the analyst sees is styled:
		// people carry the country label the style sheet colours.
		rows, err := Run(ctx, cfg, `MATCH (n) WHERE n:Person OR n:Meeting OR n:Article OR n:Place OR n:Country
			RETURN DISTINCT labels(n) AS labels, n:Person AND n.country <> '' AS hasCountry`, nil)
		if err != nil {
			t.Fatal(err)
		}
		rules := ParseGrass(Grass())
		plain := Style(rules, "node", "Person")["color"]
		for _, r := range rows {
			labels := strings.Split(strings.Trim(r[0], "[]"), ", ")
			st := Style(rules, "node", labels...)
			if st["caption"] != "{name}" {
				t.Errorf("%v: caption %q", labels, st["caption"])
			}
			if r[1] == "true" && st["color"] == plain {
				t.Errorf("person labelled %v is not coloured by country", labels)
			}
		}
		for _, r := range rs {
			check(t, ctx, cfg, r, r.Params, r.Expect)
		}
	})
	t.Run("seeds", func(t *testing.T) {
		seeds := filepath.Join(root, "..", "shared", "corpus", "seeds.jsonl")
		if _, err := os.Stat(seeds); err != nil {
			t.Skipf("no seed corpus beside the repository: %v", err)
		}
		if err := Load(ctx, cfg, seeds); err != nil {
			t.Fatal(err)
		}
		for _, r := range rs {
			if r.HasSeeds {
				check(t, ctx, cfg, r, r.SeedParamsMerged(), r.SeedExpect)
			}
		}
	})
}

func check(t *testing.T, ctx context.Context, cfg neo4j.Config, r Recipe, params []Param, want [][]string) {
	t.Helper()
	got, err := Run(ctx, cfg, r.Query, params)
	if err != nil {
		t.Errorf("%s (docs/cypher.md:%d): %v", r.Title, r.Line, err)
		return
	}
	ok := len(got) == len(want)
	for i := 0; ok && i < len(want); i++ {
		ok = Match(got[i], want[i])
	}
	if !ok {
		t.Errorf("%s (docs/cypher.md:%d) with %v:\ngot  %s\nwant %s", r.Title, r.Line, params, rowsText(got, want), rowsText(want, want))
	}
}

// rowsText writes rows as the expectations do, each cut to the width of
// the expectation, so a mismatch can be pasted back after a review.
func rowsText(rows, want [][]string) string {
	var parts []string
	for _, r := range rows {
		n := len(r)
		if len(want) > 0 && len(want[0]) < n {
			n = len(want[0])
		}
		parts = append(parts, strings.Join(r[:n], " | "))
	}
	return strings.Join(parts, "; ")
}
