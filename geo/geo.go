// Package geo knows countries: ISO 3166-1 alpha-2 codes and their English
// names. The extractor's richer lexicon (demonyms, capitals, metonyms) is
// embedded data loaded by package extract; this package is what the stores
// and the API need to label a code.
package geo

import (
	"strings"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
)

// CountryName returns the English name of an ISO 3166-1 alpha-2 code, or ""
// when the code is not a country.
func CountryName(code string) string {
	if len(code) != 2 {
		return ""
	}
	r, err := language.ParseRegion(strings.ToUpper(code))
	if err != nil || !r.IsCountry() {
		return ""
	}
	return display.English.Regions().Name(r)
}

// ValidCode reports whether code is an ISO 3166-1 alpha-2 country code.
func ValidCode(code string) bool { return CountryName(code) != "" }
