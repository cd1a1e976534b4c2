package graph

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"sort"
	"strconv"
	"strings"
)

// DatesCompatible reports whether two dates of differing precision can be
// the same day: either is unknown, or one is a prefix of the other
// ("2023-01" and "2023-01-09").
func DatesCompatible(a, b string) bool {
	return a == "" || b == "" || strings.HasPrefix(a, b) || strings.HasPrefix(b, a)
}

// MorePreciseDate returns whichever of two compatible dates says more.
func MorePreciseDate(a, b string) string {
	if len(b) > len(a) {
		return b
	}
	return a
}

// Precision names the precision of a date: "day", "month", "year" or "".
func Precision(date string) string {
	switch len(date) {
	case 10:
		return "day"
	case 7:
		return "month"
	case 4:
		return "year"
	}
	return ""
}

// MeetingKey is what decides whether two reports are one meeting.
type MeetingKey struct {
	Kind      string
	Status    string
	Date      string
	PersonIDs []string // resolved participants
}

// SameMeeting reports whether two reports describe one meeting: same kind
// and status, compatible dates, and participants of which one set contains
// the other with at least two people in common (an article may leave out an
// aide another one names).
func SameMeeting(a, b MeetingKey) bool {
	if a.Kind != b.Kind || a.Status != b.Status || !DatesCompatible(a.Date, b.Date) {
		return false
	}
	sa, sb := set(a.PersonIDs), set(b.PersonIDs)
	small, large := sa, sb
	if len(small) > len(large) {
		small, large = large, small
	}
	if len(small) < 2 {
		return false
	}
	for id := range small {
		if !large[id] {
			return false
		}
	}
	return true
}

// BestMeeting picks, among existing meetings, the one a new report belongs
// to: SameMeeting holds, then the most participants in common, then the
// most precise date, then the smallest id. It returns -1 when none fits.
func BestMeeting(report MeetingKey, existing []MeetingKey, ids []string) int {
	best := -1
	for i, m := range existing {
		if !SameMeeting(report, m) {
			continue
		}
		if best < 0 {
			best = i
			continue
		}
		b := existing[best]
		ci, cb := common(report.PersonIDs, m.PersonIDs), common(report.PersonIDs, b.PersonIDs)
		switch {
		case ci != cb:
			if ci > cb {
				best = i
			}
		case len(m.Date) != len(b.Date):
			if len(m.Date) > len(b.Date) {
				best = i
			}
		case ids[i] < ids[best]:
			best = i
		}
	}
	return best
}

func set(ids []string) map[string]bool {
	m := make(map[string]bool, len(ids))
	for _, id := range ids {
		m[id] = true
	}
	return m
}

func common(a, b []string) int {
	sb := set(b)
	n := 0
	for id := range set(a) {
		if sb[id] {
			n++
		}
	}
	return n
}

// MeetingID derives a meeting's id from the report that created it, so that
// replaying the same documents in the same order gives the same ids.
func MeetingID(articleID string, index int, k MeetingKey) string {
	ids := append([]string(nil), k.PersonIDs...)
	sort.Strings(ids)
	h := sha256.New()
	for _, s := range []string{articleID, strconv.Itoa(index), k.Kind, k.Status, k.Date, strings.Join(ids, ",")} {
		h.Write([]byte(s))
		h.Write([]byte{0})
	}
	return "m-" + hex.EncodeToString(h.Sum(nil))[:16]
}

// MeetingName is a meeting's caption: its participants' names, sorted, joined
// by an en dash, and the date when known: "Ayman Sosan – Hossein Amir
// Abdollahian, 2023-01-09".
func MeetingName(names []string, date string) string {
	ns := append([]string(nil), names...)
	sort.Strings(ns)
	s := strings.Join(ns, " – ")
	if date != "" {
		s += ", " + date
	}
	return s
}

// TextHash is the hex SHA-256 of an article's text, its identity when ids differ.
func TextHash(text string) string {
	sum := sha256.Sum256([]byte(text))
	return hex.EncodeToString(sum[:])
}

// EncodeCursor packs the sort key of the last item of a page into an opaque
// cursor.
func EncodeCursor(key ...string) string {
	b, _ := json.Marshal(key)
	return base64.RawURLEncoding.EncodeToString(b)
}

// DecodeCursor unpacks a cursor made by EncodeCursor with n parts; a cursor
// that is not one is EINVALID.
func DecodeCursor(c string, n int) ([]string, error) {
	if c == "" {
		return nil, nil
	}
	b, err := base64.RawURLEncoding.DecodeString(c)
	var key []string
	if err == nil {
		err = json.Unmarshal(b, &key)
	}
	if err != nil || len(key) != n {
		return nil, Errorf(EINVALID, "cursor %q is not one this service issued", truncate(c, 40))
	}
	return key, nil
}

// ClampLimit applies DefaultLimit and MaxLimit.
func ClampLimit(n int) int {
	if n <= 0 {
		return DefaultLimit
	}
	if n > MaxLimit {
		return MaxLimit
	}
	return n
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}
