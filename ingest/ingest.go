// Package ingest turns articles into graph documents: it runs the extractor
// and hands the results to a graph.Store in batches. The CLI, the API and the
// scheduled jobs all ingest through it, so they behave alike.
package ingest

import (
	"context"
	"fmt"

	"github.com/dipgraph/dipgraph/extract"
	"github.com/dipgraph/dipgraph/graph"
)

// Extractor reads meetings out of an article.
type Extractor interface {
	Extract(a extract.Article) (extract.Result, error)
}

// DefaultBatch is how many articles go into one store transaction.
const DefaultBatch = 100

// Document converts an article and what was extracted from it into the
// document a store ingests.
func Document(a extract.Article, r extract.Result) graph.Document {
	published := ""
	if a.Published != nil {
		published = *a.Published
	}
	aliases := map[string][]string{}
	for _, p := range r.People {
		aliases[p.Name] = p.Aliases
	}
	doc := graph.Document{Article: graph.Article{
		ID: a.ID, URL: a.URL, Title: a.Title, Published: published, Source: a.Source, SHA256: graph.TextHash(a.Text),
	}}
	for _, m := range r.Meetings {
		rep := graph.MeetingReport{
			Kind: m.Kind, Status: m.Status, Date: deref(m.Date), DatePrecision: deref(m.DatePrecision),
			Location: deref(m.Location), Confidence: m.Confidence,
		}
		for _, p := range m.Participants {
			rep.Participants = append(rep.Participants, graph.Participant{
				Name: p.Name, Aliases: aliases[p.Name], Role: deref(p.Role), Country: deref(p.Country),
			})
		}
		for _, e := range m.Evidence {
			rep.Evidence = append(rep.Evidence, graph.Evidence{Start: e.Start, End: e.End, Text: e.Text})
		}
		doc.Meetings = append(doc.Meetings, rep)
	}
	return doc
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// ArticleError is an article that could not be extracted.
type ArticleError struct {
	ArticleID string
	Err       error
}

func (e *ArticleError) Error() string { return fmt.Sprintf("article %q: %v", e.ArticleID, e.Err) }
func (e *ArticleError) Unwrap() error { return e.Err }

// Pipeline extracts articles and stores them in batches.
type Pipeline struct {
	Extractor Extractor
	Store     graph.Store
	Batch     int // articles per transaction; DefaultBatch when 0
}

// Ingest extracts every article and writes them batch by batch. An article
// the extractor rejects is reported in errs and the others go on; a store
// error stops the run and is returned with the results of the batches
// written before it.
func (p *Pipeline) Ingest(ctx context.Context, articles []extract.Article) (results []graph.IngestResult, errs []error, err error) {
	batch := p.Batch
	if batch <= 0 {
		batch = DefaultBatch
	}
	docs := make([]graph.Document, 0, batch)
	flush := func() error {
		if len(docs) == 0 {
			return nil
		}
		res, err := p.Store.Ingest(ctx, docs)
		if err != nil {
			return fmt.Errorf("store batch of %d articles from %q: %w", len(docs), docs[0].Article.ID, err)
		}
		results = append(results, res...)
		docs = docs[:0]
		return nil
	}
	for _, a := range articles {
		r, xerr := p.Extractor.Extract(a)
		if xerr != nil {
			errs = append(errs, &ArticleError{ArticleID: a.ID, Err: xerr})
			continue
		}
		docs = append(docs, Document(a, r))
		if len(docs) == batch {
			if err := flush(); err != nil {
				return results, errs, err
			}
		}
	}
	return results, errs, flush()
}
