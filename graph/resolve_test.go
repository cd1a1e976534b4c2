package graph

import "testing"

func TestSkeleton(t *testing.T) {
	groups := [][]string{
		{"mekdad", "miqdad", "mikdad", "maqdad"},
		{"sosan", "sousan", "susan"},
		{"raisi", "raeisi"},
		{"ebrahim", "ibrahim"},
		{"mamlouk", "mamluk"},
		{"amirabdollahian", "amirabdullahian"},
	}
	for _, g := range groups {
		for _, w := range g[1:] {
			if Skeleton(w) != Skeleton(g[0]) {
				t.Errorf("Skeleton(%q)=%q, Skeleton(%q)=%q; want equal", w, Skeleton(w), g[0], Skeleton(g[0]))
			}
		}
	}
	if Skeleton("sabbagh") == Skeleton("sobhani") {
		t.Errorf("Sabbagh and Sobhani share a skeleton")
	}
}

func TestResolvePerson(t *testing.T) {
	aa := Candidate{ID: "aa", Aliases: []string{"Amir Abdollahian"}, Country: "IR", Roles: []string{"Foreign Minister"}}
	mekdad := Candidate{ID: "mekdad", Aliases: []string{"Faisal Mekdad", "Mekdad"}, Country: "SY", Roles: []string{"Foreign Minister"}}
	ahmadian := Candidate{ID: "ahmadian", Aliases: []string{"Ali Akbar Ahmadian"}, Country: "IR", Roles: []string{"Secretary of the Supreme National Security Council"}}
	tests := []struct {
		name  string
		ref   PersonRef
		cands []Candidate
		want  string
	}{
		{"fuller name", PersonRef{Name: "Hossein Amir-Abdollahian", Country: "IR"}, []Candidate{aa}, "aa"},
		{"joined spelling", PersonRef{Name: "Amirabdollahian", Country: "IR"}, []Candidate{aa}, "aa"},
		{"exact, country unknown", PersonRef{Name: "Amir Abdollahian"}, []Candidate{aa}, "aa"},
		{"transliteration with given name", PersonRef{Name: "Faysal Miqdad", Country: "SY", Role: "Deputy Foreign Minister"}, []Candidate{mekdad}, "mekdad"},
		{"transliteration, surname only, role agrees", PersonRef{Name: "Mikdad", Country: "SY", Role: "Syrian Foreign Minister"}, []Candidate{mekdad}, "mekdad"},
		{"transliteration without country", PersonRef{Name: "Miqdad"}, []Candidate{mekdad}, ""},
		{"country conflict", PersonRef{Name: "Faisal Mekdad", Country: "IQ"}, []Candidate{mekdad}, ""},
		{"shared surname, other given name", PersonRef{Name: "Ahmad Ahmadian", Country: "IR"}, []Candidate{ahmadian}, ""},
		{"surname only", PersonRef{Name: "Ahmadian", Country: "IR"}, []Candidate{ahmadian}, "ahmadian"},
		{"surname aliases do not join namesakes", PersonRef{Name: "Arlen Marosi", Aliases: []string{"Marosi"}, Country: "HU"},
			[]Candidate{{ID: "b", Aliases: []string{"Besa Marosi", "Marosi"}, Country: "HU"}}, ""},
		{"surname aliases still join the same person", PersonRef{Name: "Arlen Marosi", Aliases: []string{"Marosi"}, Country: "HU"},
			[]Candidate{{ID: "a", Aliases: []string{"Arlen Marosi", "Marosi"}, Country: "HU"}, {ID: "b", Aliases: []string{"Besa Marosi", "Marosi"}, Country: "HU"}}, "a"},
		{"ambiguous surname", PersonRef{Name: "Ahmadian", Country: "IR"}, []Candidate{ahmadian, {ID: "x", Aliases: []string{"Reza Ahmadian"}, Country: "IR"}}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := ResolvePerson(tt.ref, tt.cands)
			if got != tt.want || ok != (tt.want != "") {
				t.Errorf("ResolvePerson = %q, %v; want %q", got, ok, tt.want)
			}
		})
	}
}

func TestLookupKeysShared(t *testing.T) {
	a, b := LookupKeys("Amirabdollahian"), LookupKeys("Hossein Amir Abdollahian")
	shared := false
	for _, x := range a {
		for _, y := range b {
			shared = shared || x == y
		}
	}
	if !shared {
		t.Errorf("no shared key between %v and %v", a, b)
	}
}

func TestSameMeeting(t *testing.T) {
	base := MeetingKey{Kind: KindMeeting, Status: StatusOccurred, Date: "2023-01", PersonIDs: []string{"a", "b", "c"}}
	tests := []struct {
		name string
		k    MeetingKey
		want bool
	}{
		{"more precise date", MeetingKey{KindMeeting, StatusOccurred, "2023-01-09", []string{"c", "b", "a"}}, true},
		{"undated", MeetingKey{KindMeeting, StatusOccurred, "", []string{"a", "b", "c"}}, true},
		{"subset of two", MeetingKey{KindMeeting, StatusOccurred, "2023-01-09", []string{"a", "b"}}, true},
		{"other month", MeetingKey{KindMeeting, StatusOccurred, "2023-02", []string{"a", "b", "c"}}, false},
		{"call", MeetingKey{KindCall, StatusOccurred, "2023-01", []string{"a", "b", "c"}}, false},
		{"planned", MeetingKey{KindMeeting, StatusPlanned, "2023-01", []string{"a", "b", "c"}}, false},
		{"other person", MeetingKey{KindMeeting, StatusOccurred, "2023-01", []string{"a", "d"}}, false},
	}
	for _, tt := range tests {
		if got := SameMeeting(base, tt.k); got != tt.want {
			t.Errorf("%s: SameMeeting = %v, want %v", tt.name, got, tt.want)
		}
	}
}
