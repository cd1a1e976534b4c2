package geo

import (
	"os"
	"strings"
	"testing"
)

func TestPlaceCountry(t *testing.T) {
	for _, c := range []struct{ place, want string }{
		{"Tehran", "IR"}, {"tehran", "IR"}, {"Damascus", "SY"}, {"Oman", "OM"}, {"the United Kingdom", "GB"},
		{"Warsaw", "PL"}, {"Springfield", ""}, {"", ""}, {"Kish Island", ""},
	} {
		got, ok := PlaceCountry(c.place)
		if got != c.want || ok != (c.want != "") {
			t.Errorf("PlaceCountry(%q) = %q, %v; want %q", c.place, got, ok, c.want)
		}
	}
}

// The capitals are the extractor's: the lists must not drift apart.
func TestCapitalsMatchTheExtractorsLexicon(t *testing.T) {
	b, err := os.ReadFile("../extract/data/countries.tsv")
	if err != nil {
		t.Skipf("extractor lexicon not found: %v", err)
	}
	want := map[string]string{}
	for _, line := range strings.Split(string(b), "\n") {
		f := strings.Split(line, "\t")
		if strings.HasPrefix(line, "#") || len(f) < 4 || f[3] == "" {
			continue
		}
		for _, c := range strings.Split(f[3], "|") {
			want[foldName(c)] = f[0]
		}
	}
	if got := capitals(); len(got) != len(want) {
		t.Errorf("geo/capitals.tsv has %d capitals, extract/data/countries.tsv %d: regenerate it (see its header)", len(got), len(want))
	}
	for c, code := range want {
		if capitals()[c] != code {
			t.Errorf("capital %q: geo says %q, the extractor %q", c, capitals()[c], code)
		}
	}
}
