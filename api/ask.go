package api

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strings"

	"github.com/dipgraph/dipgraph/geo"
	"github.com/dipgraph/dipgraph/graph"
)

// The questions /v1/ask understands. Each form is a regular expression
// over the whole question (case-insensitive; a trailing "?" or "." is
// dropped) whose groups are the parameters, in the order of params.
// Names may be ids, spellings of a person, or quoted.
type askForm struct {
	name    string
	example string
	re      *regexp.Regexp
	params  []string
}

var askForms = []askForm{
	{"who_met", "who met Sosan", regexp.MustCompile(`(?i)^(?:who|whom)\s+(?:has\s+|have\s+|had\s+)?met(?:\s+with)?\s+(.+)$`), []string{"person"}},
	{"who_met", "who did Sosan meet", regexp.MustCompile(`(?i)^(?:who|whom)\s+(?:did|has|had)\s+(.+?)\s+(?:meet|met)(?:\s+with)?$`), []string{"person"}},
	{"when_met", "when did Sosan meet Amir Abdollahian", regexp.MustCompile(`(?i)^when\s+(?:did|have|has)\s+(.+?)\s+(?:meet|met)(?:\s+with)?\s+(.+)$`), []string{"person", "other"}},
	{"when_met", "when did Sosan and Amir Abdollahian meet", regexp.MustCompile(`(?i)^when\s+(?:did|have)\s+(.+?)\s+and\s+(.+?)\s+(?:meet|met)$`), []string{"person", "other"}},
	{"meetings_between", "meetings between Iran and Syria in 2023", regexp.MustCompile(`(?i)^(?:meetings|talks|calls|contacts)\s+between\s+(.+?)\s+and\s+(.+?)(?:\s+in\s+(\d{4}(?:-\d{2}(?:-\d{2})?)?))?$`), []string{"a", "b", "period"}},
	{"role", "what is Sosan's role", regexp.MustCompile(`(?i)^what\s+(?:is|was)\s+(.+?)(?:'s|’s|'|’)\s+(?:role|position|job|title)$`), []string{"person"}},
	{"role", "what is the role of Sosan", regexp.MustCompile(`(?i)^what\s+(?:is|was)\s+the\s+(?:role|position|job|title)\s+of\s+(.+)$`), []string{"person"}},
	{"role", "who is Sosan", regexp.MustCompile(`(?i)^who\s+(?:is|was)\s+(.+)$`), []string{"person"}},
	{"path", "how is Sosan connected to Mekdad", regexp.MustCompile(`(?i)^how\s+(?:is|was)\s+(.+?)\s+(?:connected|linked|related)\s+(?:to|with)\s+(.+)$`), []string{"person", "other"}},
	{"path", "how are Sosan and Mekdad connected", regexp.MustCompile(`(?i)^how\s+(?:are|were)\s+(.+?)\s+and\s+(.+?)\s+(?:connected|linked|related)$`), []string{"person", "other"}},
}

// askExamples lists one question of each understood form, for the 400.
func askExamples() []string {
	out := make([]string, len(askForms))
	for i, f := range askForms {
		out[i] = f.example
	}
	return out
}

// question is a parsed /v1/ask question.
type question struct {
	Form   string            `json:"form"`
	Params map[string]string `json:"params"`
}

// parseQuestion matches q against the forms, first match wins.
func parseQuestion(q string) (question, bool) {
	q = strings.Join(strings.Fields(q), " ")
	q = strings.TrimSpace(strings.TrimRight(q, "?.! "))
	for _, f := range askForms {
		m := f.re.FindStringSubmatch(q)
		if m == nil {
			continue
		}
		params := map[string]string{}
		ok := true
		for i, name := range f.params {
			v := cleanName(m[i+1])
			if v == "" && name != "period" {
				ok = false
			}
			if v != "" {
				params[name] = v
			}
		}
		if ok {
			return question{Form: f.name, Params: params}, true
		}
	}
	return question{}, false
}

// interpretation is how a question was understood: its form, parameters
// (people resolved to ids, countries to codes) and the endpoint that gives
// the same answer.
type interpretation struct {
	Form     string            `json:"form"`
	Params   map[string]string `json:"params"`
	Endpoint string            `json:"endpoint"`
}

type askResponse struct {
	Question    string         `json:"question"`
	Interpreted interpretation `json:"interpreted"`
	Resolved    []*Resolution  `json:"resolved,omitempty"`
	Answer      any            `json:"answer"`
}

type askError struct {
	Error errorDetail `json:"error"`
	Forms []string    `json:"forms"`
}

func (s *server) ask(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query().Get("q")
	parsed, ok := parseQuestion(q)
	if !ok {
		writeJSON(w, http.StatusBadRequest, askError{
			Error: errorDetail{Code: graph.EINVALID, Message: "question not understood: " + truncate(strings.TrimSpace(q), 200) +
				"; ask one of the forms listed in forms (names may be spellings or person ids)"},
			Forms: askExamples(),
		})
		return
	}
	resp, err := s.answer(r.Context(), parsed)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	resp.Question = q
	writeJSON(w, http.StatusOK, resp)
}

// answer runs a parsed question on the store, through the same code as the
// endpoint it names.
func (s *server) answer(ctx context.Context, q question) (askResponse, error) {
	resp := askResponse{Interpreted: interpretation{Form: q.Form, Params: map[string]string{}}}
	params := resp.Interpreted.Params
	person := func(key string) (graph.Person, error) {
		p, res, err := s.resolvePerson(ctx, q.Params[key])
		if err != nil {
			return p, err
		}
		if res != nil {
			resp.Resolved = append(resp.Resolved, res)
		}
		params[key] = p.ID
		return p, nil
	}
	switch q.Form {
	case "who_met":
		p, err := person("person")
		if err != nil {
			return resp, err
		}
		cs, err := s.Store.Counterparts(ctx, p.ID)
		if err != nil {
			return resp, err
		}
		if cs == nil {
			cs = []graph.Counterpart{}
		}
		resp.Interpreted.Endpoint = "/v1/people/" + url.PathEscape(p.ID) + "/counterparts"
		resp.Answer = map[string]any{"person": p, "counterparts": cs}
	case "when_met":
		a, err := person("person")
		if err != nil {
			return resp, err
		}
		b, err := person("other")
		if err != nil {
			return resp, err
		}
		f := graph.MeetingFilter{}
		v := url.Values{"with": {b.ID}}
		if p := q.Params["period"]; p != "" {
			f.From, f.To = p, endOf(p)
			params["from"], params["to"] = f.From, f.To
			v.Set("from", f.From)
			v.Set("to", f.To)
		}
		ms, err := s.meetingsWith(ctx, a.ID, b.ID, f)
		if err != nil {
			return resp, err
		}
		resp.Interpreted.Endpoint = "/v1/people/" + url.PathEscape(a.ID) + "/meetings?" + v.Encode()
		resp.Answer = map[string]any{"meetings": ms}
	case "meetings_between":
		ca, okA := geo.CountryCode(q.Params["a"])
		cb, okB := geo.CountryCode(q.Params["b"])
		if !okA || !okB {
			// Not two countries: two people.
			q.Params["person"], q.Params["other"] = q.Params["a"], q.Params["b"]
			q.Form = "when_met"
			return s.answer(ctx, q)
		}
		f := graph.MeetingFilter{Country: ca, WithCountry: cb, Limit: graph.DefaultLimit}
		params["country"], params["with"] = ca, cb
		v := url.Values{"with": {cb}}
		if p := q.Params["period"]; p != "" {
			f.From, f.To = p, endOf(p)
			params["from"], params["to"] = f.From, f.To
			v.Set("from", f.From)
			v.Set("to", f.To)
		}
		page, err := s.Store.Meetings(ctx, f)
		if err != nil {
			return resp, err
		}
		if page.Meetings == nil {
			page.Meetings = []graph.Meeting{}
		}
		resp.Interpreted.Endpoint = "/v1/countries/" + ca + "/meetings?" + v.Encode()
		resp.Answer = page
	case "role":
		p, err := person("person")
		if err != nil {
			return resp, err
		}
		d, err := s.Store.Person(ctx, p.ID)
		if err != nil {
			return resp, err
		}
		resp.Interpreted.Endpoint = "/v1/people/" + url.PathEscape(p.ID)
		resp.Answer = d
	case "path":
		pr, err := s.path(ctx, q.Params["person"], q.Params["other"])
		if err != nil {
			return resp, err
		}
		params["person"], params["other"] = pr.From.ID, pr.To.ID
		resp.Resolved = pr.Resolved
		pr.Resolved = nil
		resp.Interpreted.Endpoint = "/v1/paths?" + url.Values{"from": {pr.From.ID}, "to": {pr.To.ID}}.Encode()
		resp.Answer = pr
	}
	return resp, nil
}
