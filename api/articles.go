package api

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strconv"

	"github.com/dipgraph/dipgraph/extract"
	"github.com/dipgraph/dipgraph/graph"
	"github.com/dipgraph/dipgraph/ingest"
)

// articleResult is one entry of the POST /v1/articles answer: what was done
// with the article, or why it was not stored.
type articleResult struct {
	Index    int          `json:"index"` // position in the request, from 0
	ID       string       `json:"id"`
	Status   string       `json:"status"` // created, updated, unchanged or error
	Meetings []string     `json:"meetings"`
	Error    *errorDetail `json:"error,omitempty"`
}

type ingestResponse struct {
	Results   []articleResult `json:"results"`
	Created   int             `json:"created"`
	Updated   int             `json:"updated"`
	Unchanged int             `json:"unchanged"`
	Failed    int             `json:"failed"`
}

// postArticles extracts and stores articles: one JSON object, a JSON array
// of them, or JSON Lines. An article that cannot be read or extracted gets
// an error entry naming it, and the others are stored; the answer is 400
// only when none could be.
func (s *server) postArticles(w http.ResponseWriter, r *http.Request) {
	ct, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil || !(ct == "application/json" || ct == "application/x-ndjson" || ct == "application/jsonl" || ct == "application/json-lines") {
		writeError(w, http.StatusUnsupportedMediaType, "unsupported_media_type",
			"Content-Type must be application/json (an article or an array of them) or application/x-ndjson (JSON Lines)")
		return
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, s.MaxBody))
	if err != nil {
		var tooLarge *http.MaxBytesError
		if errors.As(err, &tooLarge) {
			writeError(w, http.StatusRequestEntityTooLarge, "too_large", fmt.Sprintf("the body is larger than %d bytes; send fewer articles per request", s.MaxBody))
			return
		}
		s.fail(w, r, graph.Wrap(graph.EINVALID, err, "could not read the request body"))
		return
	}
	var items []item
	if ct == "application/json" {
		items, err = parseJSONArticles(body)
	} else {
		items, err = parseLines(body)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if len(items) > s.MaxArticles {
		writeError(w, http.StatusRequestEntityTooLarge, "too_large", fmt.Sprintf("%d articles in one request; at most %d", len(items), s.MaxArticles))
		return
	}
	if len(items) == 0 {
		s.fail(w, r, graph.Errorf(graph.EINVALID, "the body holds no article"))
		return
	}
	resp, err := s.ingest(r, items)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if resp.Failed == len(items) {
		first := resp.Results[0].Error
		writeJSON(w, http.StatusBadRequest, struct {
			Error   errorDetail     `json:"error"`
			Results []articleResult `json:"results"`
		}{errorDetail{Code: graph.EINVALID, Message: "no article could be stored: " + first.Message}, resp.Results})
		return
	}
	writeJSON(w, http.StatusOK, resp)
}

// item is one article of a request, or why it could not be read.
type item struct {
	article extract.Article
	err     error
}

func parseJSONArticles(body []byte) ([]item, error) {
	trimmed := bytes.TrimSpace(body)
	if len(trimmed) == 0 {
		return nil, graph.Errorf(graph.EINVALID, "the body is empty")
	}
	var raws []json.RawMessage
	if trimmed[0] == '[' {
		if err := json.Unmarshal(trimmed, &raws); err != nil {
			return nil, graph.Errorf(graph.EINVALID, "malformed JSON array: %v", err)
		}
	} else {
		if !json.Valid(trimmed) {
			var v any
			err := json.Unmarshal(trimmed, &v)
			return nil, graph.Errorf(graph.EINVALID, "malformed JSON: %v", err)
		}
		raws = []json.RawMessage{trimmed}
	}
	items := make([]item, len(raws))
	for i, raw := range raws {
		var a extract.Article
		if err := json.Unmarshal(raw, &a); err != nil {
			items[i].err = fmt.Errorf("article %d: not an article object: %w", i, err)
			continue
		}
		if a.ID == "" {
			items[i].err = fmt.Errorf("article %d: missing id", i)
			continue
		}
		if err := extract.CheckArticle(a); err != nil {
			items[i] = item{article: extract.Article{ID: a.ID}, err: fmt.Errorf("article %q: %w", a.ID, err)}
			continue
		}
		items[i].article = a
	}
	return items, nil
}

func parseLines(body []byte) ([]item, error) {
	var items []item
	err := extract.ReadArticles(bytes.NewReader(body), "body", func(line int, a extract.Article, err error) error {
		if err == nil && a.ID == "body:"+strconv.Itoa(line) {
			err = fmt.Errorf("body:%d: missing id", line)
		}
		items = append(items, item{article: a, err: err})
		return nil
	})
	if err != nil {
		return nil, graph.Wrap(graph.EINVALID, err, "could not read the JSON Lines body")
	}
	return items, nil
}

// ingest extracts the readable articles and stores them in batches of
// ingest.DefaultBatch, one transaction each.
func (s *server) ingest(r *http.Request, items []item) (ingestResponse, error) {
	resp := ingestResponse{Results: make([]articleResult, len(items))}
	var docs []graph.Document
	var at []int // docs[k] is items[at[k]]
	for i, it := range items {
		resp.Results[i] = articleResult{Index: i, ID: it.article.ID, Meetings: []string{}}
		if it.err == nil {
			res, err := s.Extractor.Extract(it.article)
			if err != nil {
				it.err = fmt.Errorf("article %q: extract: %w", it.article.ID, err)
			} else {
				docs = append(docs, ingest.Document(it.article, res))
				at = append(at, i)
			}
		}
		if it.err != nil {
			resp.Results[i].Status = "error"
			resp.Results[i].Error = &errorDetail{Code: graph.EINVALID, Message: it.err.Error()}
			resp.Failed++
			s.metrics.articles.WithLabelValues("error").Inc()
		}
	}
	for start := 0; start < len(docs); start += ingest.DefaultBatch {
		end := min(start+ingest.DefaultBatch, len(docs))
		res, err := s.Store.Ingest(r.Context(), docs[start:end])
		if err != nil {
			return resp, fmt.Errorf("store articles %q to %q: %w", docs[start].Article.ID, docs[end-1].Article.ID, err)
		}
		for k, ir := range res {
			out := &resp.Results[at[start+k]]
			out.Status = ir.Status
			if ir.Meetings != nil {
				out.Meetings = ir.Meetings
			}
			s.metrics.articles.WithLabelValues(ir.Status).Inc()
			switch ir.Status {
			case graph.ArticleCreated:
				resp.Created++
			case graph.ArticleUpdated:
				resp.Updated++
			default:
				resp.Unchanged++
			}
		}
	}
	return resp, nil
}
