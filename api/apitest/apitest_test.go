package apitest

import (
	"reflect"
	"testing"

	"github.com/dipgraph/dipgraph/extract"
)

func TestArticlesAreDeterministicAndExtractable(t *testing.T) {
	a, b := Articles(200, 7), Articles(200, 7)
	if !reflect.DeepEqual(a, b) {
		t.Fatal("the same seed gave different articles")
	}
	x, err := extract.New()
	if err != nil {
		t.Fatal(err)
	}
	withMeeting := 0
	for _, art := range a {
		r, err := x.Extract(art)
		if err != nil {
			t.Fatal(err)
		}
		if len(r.Meetings) == 1 && len(r.Meetings[0].Participants) == 2 {
			withMeeting++
		}
	}
	if withMeeting < len(a)*9/10 {
		t.Errorf("only %d of %d invented articles give one two-person meeting", withMeeting, len(a))
	}
}
