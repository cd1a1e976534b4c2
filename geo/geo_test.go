package geo

import "testing"

func TestCountryName(t *testing.T) {
	for code, want := range map[string]string{"SY": "Syria", "ir": "Iran", "TR": "Türkiye", "XX": "", "": "", "SYR": ""} {
		if got := CountryName(code); got != want && !(code == "TR" && got == "Turkey") {
			t.Errorf("CountryName(%q) = %q, want %q", code, got, want)
		}
	}
}

func TestCountryCode(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want string
		ok   bool
	}{
		{"Iran", "IR", true}, {"syria", "SY", true}, {"SY", "SY", true}, {"ir", "IR", true},
		{"United Kingdom", "GB", true}, {"UK", "GB", true}, {"the United States", "US", true},
		{"Côte d’Ivoire", "CI", true}, {"cote d'ivoire", "CI", true}, {"Norway", "NO", true},
		{"Narnia", "", false}, {"", "", false}, {"XX", "", false},
	} {
		got, ok := CountryCode(tc.in)
		if got != tc.want || ok != tc.ok {
			t.Errorf("CountryCode(%q) = %q, %v; want %q, %v", tc.in, got, ok, tc.want, tc.ok)
		}
	}
}
