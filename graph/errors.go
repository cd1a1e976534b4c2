package graph

import (
	"errors"
	"fmt"
)

// Error codes, mapped to HTTP statuses in one place (package api).
const (
	ENOTFOUND       = "not_found"       // unknown id
	EINVALID        = "invalid"         // malformed input
	EUNAVAILABLE    = "unavailable"     // the database cannot be reached
	ENOTIMPLEMENTED = "not_implemented" // this backend cannot do it
	EINTERNAL       = "internal"
)

// Error is a domain error with a code the API can map to a status.
type Error struct {
	Code    string
	Message string
	Err     error // the cause, if any; not shown to API clients
}

func (e *Error) Error() string {
	if e.Err != nil {
		return e.Message + ": " + e.Err.Error()
	}
	return e.Message
}

func (e *Error) Unwrap() error { return e.Err }

// Errorf returns an *Error with code and a formatted message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// Wrap returns an *Error with code and message whose cause is err.
func Wrap(code string, err error, message string) *Error {
	return &Error{Code: code, Message: message, Err: err}
}

// ErrorCode returns the code of the first *Error in err's chain, EINTERNAL
// for any other non-nil error, and "" for nil.
func ErrorCode(err error) string {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return EINTERNAL
}

// ErrorMessage returns the message of the first *Error in err's chain, safe to
// show a client, or a generic one.
func ErrorMessage(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Message
	}
	return "internal error"
}
