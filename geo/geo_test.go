package geo

import "testing"

func TestCountryName(t *testing.T) {
	for code, want := range map[string]string{"SY": "Syria", "ir": "Iran", "TR": "Türkiye", "XX": "", "": "", "SYR": ""} {
		if got := CountryName(code); got != want && !(code == "TR" && got == "Turkey") {
			t.Errorf("CountryName(%q) = %q, want %q", code, got, want)
		}
	}
}
