// Package docs holds the analyst documentation (cypher.md, the Cypher
// cookbook for Neo4j Browser, and dipgraph.grass, its style sheet) and the
// code that reads the cookbook and loads a Neo4j for it, so that tests
// (here and in package browsertest) run every query as written.
package docs

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"

	driver "github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/dipgraph/dipgraph/extract"
	"github.com/dipgraph/dipgraph/graph/neo4j"
	"github.com/dipgraph/dipgraph/ingest"
)

// Recipe is one query of the cookbook.
type Recipe struct {
	Title  string     // the heading, "1. Who met X?"
	Line   int        // line of the query's code block
	Params []Param    // its :param lines, in order
	Query  string     // the Cypher after them
	Block  string     // the code block as written (params and query), for pasting into Browser
	Expect [][]string // rows the sample must give; nil when the recipe has no expectation

	SeedParams []Param    // `<!-- seeds: :param ... -->` overrides for the seed corpus
	SeedExpect [][]string // `<!-- seeds expect: ... -->`; nil when there is none
	HasSeeds   bool       // whether a seeds expectation was written (it may be empty: no rows)
}

// Param is a `:param name => expression` line; the expression is Cypher,
// evaluated by the server as Neo4j Browser does.
type Param struct {
	Name, Expr string
}

var (
	paramRe  = regexp.MustCompile(`^:param\s+([A-Za-z_][A-Za-z0-9_]*)\s*=>\s*(.+?)\s*;?\s*$`)
	expectRe = regexp.MustCompile(`^<!--\s*(seeds\s+)?expect:(.*?)-->$`)
	seedsRe  = regexp.MustCompile(`^<!--\s*seeds:(.*?)-->$`)
)

// ParseCookbook reads the cookbook: every ```cypher block under a "## "
// heading is a recipe; the comments before a block give its expectations.
func ParseCookbook(r io.Reader) ([]Recipe, error) {
	var out []Recipe
	var cur Recipe
	var block []string
	in := false
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<16), 1<<20)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		trimmed := strings.TrimSpace(line)
		switch {
		case in && trimmed == "```":
			in = false
			if err := cur.setBlock(block); err != nil {
				return nil, fmt.Errorf("line %d: %w", cur.Line, err)
			}
			out = append(out, cur)
			cur = Recipe{Title: cur.Title}
		case in:
			block = append(block, line)
		case trimmed == "```cypher":
			if cur.Title == "" {
				return nil, fmt.Errorf("line %d: query before any ## heading", n)
			}
			in, block, cur.Line = true, nil, n
		case strings.HasPrefix(line, "## "):
			cur = Recipe{Title: strings.TrimSpace(line[3:])}
		case expectRe.MatchString(trimmed):
			m := expectRe.FindStringSubmatch(trimmed)
			rows := parseRows(m[2])
			if m[1] != "" {
				cur.SeedExpect, cur.HasSeeds = rows, true
			} else {
				cur.Expect = rows
			}
		case seedsRe.MatchString(trimmed):
			for _, part := range strings.Split(seedsRe.FindStringSubmatch(trimmed)[1], ";") {
				if strings.TrimSpace(part) == "" {
					continue
				}
				p, ok := parseParam(part)
				if !ok {
					return nil, fmt.Errorf("line %d: bad seeds parameter %q", n, part)
				}
				cur.SeedParams = append(cur.SeedParams, p)
			}
		}
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	if in {
		return nil, fmt.Errorf("line %d: code block not closed", cur.Line)
	}
	return out, nil
}

func (r *Recipe) setBlock(lines []string) error {
	r.Block = strings.Join(lines, "\n")
	var q []string
	for _, l := range lines {
		if strings.HasPrefix(strings.TrimSpace(l), ":param") {
			p, ok := parseParam(l)
			if !ok {
				return fmt.Errorf("bad :param line %q", l)
			}
			r.Params = append(r.Params, p)
			continue
		}
		q = append(q, l)
	}
	r.Query = strings.TrimSpace(strings.Join(q, "\n"))
	if r.Query == "" {
		return fmt.Errorf("no query in the block")
	}
	return nil
}

func parseParam(s string) (Param, bool) {
	m := paramRe.FindStringSubmatch(strings.TrimSpace(s))
	if m == nil {
		return Param{}, false
	}
	return Param{Name: m[1], Expr: m[2]}, true
}

// parseRows reads "a | b; c | d" (an empty text is no rows).
func parseRows(s string) [][]string {
	rows := [][]string{}
	for _, r := range strings.Split(s, ";") {
		if strings.TrimSpace(r) == "" {
			continue
		}
		var cells []string
		for _, c := range strings.Split(r, "|") {
			cells = append(cells, strings.TrimSpace(c))
		}
		rows = append(rows, cells)
	}
	return rows
}

// SeedParamsMerged is the recipe's parameters with the seed overrides
// applied.
func (r Recipe) SeedParamsMerged() []Param {
	out := append([]Param(nil), r.Params...)
	for _, s := range r.SeedParams {
		found := false
		for i := range out {
			if out[i].Name == s.Name {
				out[i], found = s, true
			}
		}
		if !found {
			out = append(out, s)
		}
	}
	return out
}

// Dir is the directory of this package's files.
func Dir() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Dir(file)
}

// Cookbook reads docs/cypher.md.
func Cookbook() ([]Recipe, error) {
	f, err := os.Open(filepath.Join(Dir(), "cypher.md"))
	if err != nil {
		return nil, err
	}
	defer f.Close()
	rs, err := ParseCookbook(f)
	if err != nil {
		return nil, fmt.Errorf("docs/cypher.md: %w", err)
	}
	return rs, nil
}

// Load empties the Neo4j database (all but its migration records) and
// ingests the JSON Lines article files through the real store and the
// ingest pipeline, as `dipgraph ingest` does.
func Load(ctx context.Context, cfg neo4j.Config, files ...string) error {
	d, err := driver.NewDriverWithContext(cfg.URI, auth(cfg))
	if err != nil {
		return err
	}
	defer d.Close(ctx)
	if _, err := driver.ExecuteQuery(ctx, d, `MATCH (n) WHERE NOT n:__Neo4jMigration AND NOT n:__Neo4jMigrationLock DETACH DELETE n`, nil,
		driver.EagerResultTransformer, driver.ExecuteQueryWithDatabase(cfg.Database)); err != nil {
		return fmt.Errorf("empty the database: %w", err)
	}
	store, err := neo4j.Open(ctx, cfg)
	if err != nil {
		return err
	}
	defer store.Close(ctx)
	x, err := extract.New()
	if err != nil {
		return err
	}
	var articles []extract.Article
	for _, name := range files {
		f, err := os.Open(name)
		if err != nil {
			return err
		}
		err = extract.ReadArticles(f, name, func(_ int, a extract.Article, err error) error {
			if err != nil {
				return err
			}
			articles = append(articles, a)
			return nil
		})
		f.Close()
		if err != nil {
			return err
		}
	}
	p := &ingest.Pipeline{Extractor: x, Store: store}
	_, errs, err := p.Ingest(ctx, articles)
	if err != nil {
		return err
	}
	if len(errs) > 0 {
		return fmt.Errorf("ingest: %v", errs)
	}
	return nil
}

func auth(cfg neo4j.Config) driver.AuthToken {
	if cfg.Password != "" {
		return driver.BasicAuth(cfg.Username, cfg.Password, "")
	}
	return driver.NoAuth()
}

// Run sets the parameters as Neo4j Browser does (each expression evaluated
// by the server) and runs the recipe's query; rows come back as text cells
// (see Cell).
func Run(ctx context.Context, cfg neo4j.Config, query string, params []Param) ([][]string, error) {
	d, err := driver.NewDriverWithContext(cfg.URI, auth(cfg))
	if err != nil {
		return nil, err
	}
	defer d.Close(ctx)
	opts := []driver.ExecuteQueryConfigurationOption{driver.ExecuteQueryWithDatabase(cfg.Database)}
	values := map[string]any{}
	for _, p := range params {
		// The expression is the cookbook's own text (never user input),
		// evaluated the way Browser evaluates `:param x => expr`.
		res, err := driver.ExecuteQuery(ctx, d, "RETURN "+p.Expr+" AS value", values, driver.EagerResultTransformer, opts...)
		if err != nil {
			return nil, fmt.Errorf(":param %s: %w", p.Name, err)
		}
		values[p.Name], _ = res.Records[0].Get("value")
	}
	res, err := driver.ExecuteQuery(ctx, d, query, values, driver.EagerResultTransformer, opts...)
	if err != nil {
		return nil, err
	}
	var rows [][]string
	for _, rec := range res.Records {
		var row []string
		for _, v := range rec.Values {
			row = append(row, Cell(v))
		}
		rows = append(rows, row)
	}
	return rows, nil
}

// Cell writes a value the way the cookbook's expectations spell it:
// strings as they are, null as "null", lists as "[a, b]", nodes by name.
func Cell(v any) string {
	switch x := v.(type) {
	case nil:
		return "null"
	case string:
		return x
	case []any:
		parts := make([]string, len(x))
		for i, e := range x {
			parts[i] = Cell(e)
		}
		return "[" + strings.Join(parts, ", ") + "]"
	case driver.Node:
		return fmt.Sprintf("(%v)", x.Props["name"])
	case driver.Relationship:
		return "[:" + x.Type + "]"
	case driver.Path:
		return fmt.Sprintf("path of %d", len(x.Relationships))
	}
	return fmt.Sprint(v)
}

// Match reports whether got's first columns equal want's cells; a wanted
// cell ending in "..." matches any text it begins.
func Match(got, want []string) bool {
	if len(got) < len(want) {
		return false
	}
	for i, w := range want {
		if p, ok := strings.CutSuffix(w, "..."); ok {
			if !strings.HasPrefix(got[i], p) {
				return false
			}
		} else if got[i] != w {
			return false
		}
	}
	return true
}
