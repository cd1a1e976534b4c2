package api

import (
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/go-chi/chi/v5"

	"github.com/dipgraph/dipgraph/geo"
	"github.com/dipgraph/dipgraph/graph"
)

// datePattern is a date bound as the store takes it: YYYY, YYYY-MM or YYYY-MM-DD.
var datePattern = regexp.MustCompile(`^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$`)

func intParam(r *http.Request, name string) (int, error) {
	v := r.URL.Query().Get(name)
	if v == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 0 {
		return 0, graph.Errorf(graph.EINVALID, "parameter %s=%q is not a non-negative integer", name, truncate(v, 40))
	}
	return n, nil
}

// countryParam accepts an ISO code or an English country name.
func countryParam(name, v string) (string, error) {
	if v == "" {
		return "", nil
	}
	code, ok := geo.CountryCode(v)
	if !ok {
		return "", graph.Errorf(graph.EINVALID, "parameter %s=%q is not a country (an ISO 3166-1 alpha-2 code such as SY, or an English name)", name, truncate(v, 60))
	}
	return code, nil
}

// meetingFilter reads the meeting filter parameters every meeting listing shares.
func meetingFilter(r *http.Request) (graph.MeetingFilter, error) {
	q := r.URL.Query()
	f := graph.MeetingFilter{PersonID: q.Get("person"), From: q.Get("from"), To: q.Get("to"), Kind: q.Get("kind"),
		Status: q.Get("status"), Cursor: q.Get("cursor")}
	var err error
	if f.Country, err = countryParam("country", q.Get("country")); err != nil {
		return f, err
	}
	if f.WithCountry, err = countryParam("with_country", q.Get("with_country")); err != nil {
		return f, err
	}
	for name, v := range map[string]string{"from": f.From, "to": f.To} {
		if v != "" && !datePattern.MatchString(v) {
			return f, graph.Errorf(graph.EINVALID, "parameter %s=%q is not a date (YYYY, YYYY-MM or YYYY-MM-DD)", name, truncate(v, 40))
		}
	}
	f.To = endOf(f.To)
	switch f.Kind {
	case "", graph.KindMeeting, graph.KindCall:
	default:
		return f, graph.Errorf(graph.EINVALID, "parameter kind=%q is not meeting or call", truncate(f.Kind, 40))
	}
	switch f.Status {
	case "", graph.StatusOccurred, graph.StatusPlanned, "any":
	default:
		return f, graph.Errorf(graph.EINVALID, "parameter status=%q is not occurred, planned or any", truncate(f.Status, 40))
	}
	limit, err := intParam(r, "limit")
	if err != nil {
		return f, err
	}
	f.Limit = graph.ClampLimit(limit)
	return f, nil
}

// endOf makes an inclusive upper bound of a partial date: "2023" is up to
// 2023-12-31 and "2023-02" up to 2023-02-28, so a day in that year or
// month is inside, whatever way a store compares dates.
func endOf(d string) string {
	switch len(d) {
	case 4:
		return d + "-12-31"
	case 7:
		t, err := time.Parse("2006-01", d)
		if err != nil {
			return d
		}
		return t.AddDate(0, 1, -1).Format("2006-01-02")
	}
	return d
}

func cleanName(s string) string {
	s = strings.TrimSpace(s)
	s = strings.Trim(s, "\"'“”‘’`")
	return strings.TrimSpace(s)
}

// pathParam is a path parameter, unescaped: chi matches on the escaped
// path when it has escapes ("%2F" in an id), and then hands them back raw.
func pathParam(r *http.Request, name string) string {
	v := chi.URLParam(r, name)
	if r.URL.RawPath != "" {
		if u, err := url.PathUnescape(v); err == nil {
			return u
		}
	}
	return v
}
