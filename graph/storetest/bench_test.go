package storetest_test

import (
	"context"
	"log/slog"
	"testing"

	"github.com/dipgraph/dipgraph/graph"
	"github.com/dipgraph/dipgraph/graph/neo4j"
	"github.com/dipgraph/dipgraph/graph/sqlite"
	"github.com/dipgraph/dipgraph/graph/storetest"
	"github.com/dipgraph/dipgraph/internal/neo4jtest"
)

// The backends side by side, in one run (README "Performance"):
//
//	NEO4J_URI=... go test -run '^$' -bench Backends -benchtime 1x ./graph/storetest/
//
// ingest writes 2,000 synthetic articles in batches of 100; counterparts
// asks "who met X" for the best-connected person, b.N times.

const benchArticles, benchBatch = 2000, 100

type backend struct {
	name string
	open func(b *testing.B) graph.Store
}

func backends() []backend {
	return []backend{
		{"sqlite", func(b *testing.B) graph.Store {
			st, err := sqlite.Open(context.Background(), sqlite.Config{Dir: b.TempDir(), Logger: slog.New(slog.DiscardHandler)})
			if err != nil {
				b.Fatal(err)
			}
			return st
		}},
		{"neo4j", func(b *testing.B) graph.Store {
			cfg := neo4jtest.Get(b)
			cfg.WipeData(b)
			st, err := neo4j.Open(context.Background(), neo4j.Config{URI: cfg.URI, Username: cfg.Username, Password: cfg.Password, Database: cfg.Database, Logger: slog.New(slog.DiscardHandler)})
			if err != nil {
				b.Fatal(err)
			}
			return st
		}},
	}
}

func ingestAll(b *testing.B, st graph.Store, docs []graph.Document) {
	for i := 0; i < len(docs); i += benchBatch {
		if _, err := st.Ingest(context.Background(), docs[i:min(i+benchBatch, len(docs))]); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkBackends(b *testing.B) {
	docs := storetest.Synthetic(benchArticles)
	for _, be := range backends() {
		b.Run("ingest/"+be.name, func(b *testing.B) {
			for range b.N {
				b.StopTimer()
				st := be.open(b)
				b.StartTimer()
				ingestAll(b, st, docs)
				b.StopTimer()
				st.Close(context.Background())
				b.StartTimer()
			}
			b.ReportMetric(float64(b.N*len(docs))/b.Elapsed().Seconds(), "articles/s")
		})
		b.Run("counterparts/"+be.name, func(b *testing.B) {
			st := be.open(b)
			defer st.Close(context.Background())
			ingestAll(b, st, docs)
			// The person with the most counterparts among a sample.
			page, err := st.SearchPeople(context.Background(), graph.PersonFilter{Limit: 50})
			if err != nil {
				b.Fatal(err)
			}
			best, most := "", -1
			for _, p := range page.People {
				cs, err := st.Counterparts(context.Background(), p.ID)
				if err != nil {
					b.Fatal(err)
				}
				if len(cs) > most {
					best, most = p.ID, len(cs)
				}
			}
			b.ResetTimer()
			for range b.N {
				if _, err := st.Counterparts(context.Background(), best); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "queries/s")
		})
	}
}
