package api

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"

	"github.com/dipgraph/dipgraph/graph"
)

// errorBody is every error response: {"error": {"code", "message"}}.
type errorBody struct {
	Error errorDetail `json:"error"`
}

type errorDetail struct {
	Code    string `json:"code"`
	Message string `json:"message"`
}

// statusOf maps a graph error code to an HTTP status: the one place it is
// decided.
func statusOf(code string) int {
	switch code {
	case graph.EINVALID:
		return http.StatusBadRequest
	case graph.ENOTFOUND:
		return http.StatusNotFound
	case graph.EUNAVAILABLE:
		return http.StatusServiceUnavailable
	case graph.ENOTIMPLEMENTED:
		return http.StatusNotImplemented
	default:
		return http.StatusInternalServerError
	}
}

// fail answers with err mapped to a status. Internal errors get a generic
// message; their detail only goes to the log, with the request id.
func (s *server) fail(w http.ResponseWriter, r *http.Request, err error) {
	code := graph.ErrorCode(err)
	if errors.Is(r.Context().Err(), context.DeadlineExceeded) && (code == graph.EINTERNAL || errors.Is(err, context.DeadlineExceeded)) {
		code = graph.EUNAVAILABLE
		err = graph.Wrap(code, err, "the store did not answer in time")
	}
	status := statusOf(code)
	msg := graph.ErrorMessage(err)
	switch {
	case status >= 500 && errors.Is(r.Context().Err(), context.Canceled):
		// The client went away; nothing useful to say to it.
		s.log.Info("request canceled", "request_id", requestIDOf(r.Context()), "err", err)
	case status == http.StatusInternalServerError:
		code, msg = graph.EINTERNAL, "internal error (request id "+requestIDOf(r.Context())+")"
		s.log.Error("internal error", "request_id", requestIDOf(r.Context()), "err", err)
	case status >= 500:
		s.log.Warn("store error", "request_id", requestIDOf(r.Context()), "code", code, "err", err)
	}
	writeError(w, status, code, msg)
}

func writeError(w http.ResponseWriter, status int, code, message string) {
	writeJSON(w, status, errorBody{Error: errorDetail{Code: code, Message: message}})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		b, status = []byte(`{"error":{"code":"internal","message":"internal error"}}`), http.StatusInternalServerError
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(status)
	_, _ = w.Write(append(b, '\n'))
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}
