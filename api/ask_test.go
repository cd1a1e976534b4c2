package api

import (
	"reflect"
	"testing"
)

func TestParseQuestion(t *testing.T) {
	for _, tc := range []struct {
		q      string
		form   string
		params map[string]string
	}{
		{"who met Sosan", "who_met", map[string]string{"person": "Sosan"}},
		{"Who has met Ayman Sosan?", "who_met", map[string]string{"person": "Ayman Sosan"}},
		{"who met with  p-ayman-sosan", "who_met", map[string]string{"person": "p-ayman-sosan"}},
		{"whom did Sosan meet?", "who_met", map[string]string{"person": "Sosan"}},
		{"who has Sosan met with", "who_met", map[string]string{"person": "Sosan"}},
		{`who met "Faisal al-Miqdad"`, "who_met", map[string]string{"person": "Faisal al-Miqdad"}},
		{"when did Sosan meet Amir Abdollahian?", "when_met", map[string]string{"person": "Sosan", "other": "Amir Abdollahian"}},
		{"When did Sosan and Amir Abdollahian meet", "when_met", map[string]string{"person": "Sosan", "other": "Amir Abdollahian"}},
		{"meetings between Iran and Syria in 2023", "meetings_between", map[string]string{"a": "Iran", "b": "Syria", "period": "2023"}},
		{"talks between Iran and Syria", "meetings_between", map[string]string{"a": "Iran", "b": "Syria"}},
		{"meetings between Norway and Chile in 2025-03", "meetings_between", map[string]string{"a": "Norway", "b": "Chile", "period": "2025-03"}},
		{"what is Sosan's role?", "role", map[string]string{"person": "Sosan"}},
		{"What is Sosan’s role", "role", map[string]string{"person": "Sosan"}},
		{"what is the role of Ingrid Halvorsen", "role", map[string]string{"person": "Ingrid Halvorsen"}},
		{"who is Halvorsen", "role", map[string]string{"person": "Halvorsen"}},
		{"how is Sosan connected to Halvorsen", "path", map[string]string{"person": "Sosan", "other": "Halvorsen"}},
		{"how are Sosan and Halvorsen connected?", "path", map[string]string{"person": "Sosan", "other": "Halvorsen"}},
		{`who met O'Brien \ "x"`, "who_met", map[string]string{"person": `O'Brien \ "x`}},
		{"who met Сосан", "who_met", map[string]string{"person": "Сосан"}},
	} {
		got, ok := parseQuestion(tc.q)
		if !ok || got.Form != tc.form || !reflect.DeepEqual(got.Params, tc.params) {
			t.Errorf("parseQuestion(%q) = %+v, %v; want %s %v", tc.q, got, ok, tc.form, tc.params)
		}
	}
}

func TestParseQuestionRejects(t *testing.T) {
	for _, q := range []string{"", "   ", "?", "who met", "who met ?", "tell me everything", "when did Sosan meet",
		"meetings between Iran", "how is Sosan connected", "'}) DETACH DELETE n //", "what is the role of \"\""} {
		if got, ok := parseQuestion(q); ok {
			t.Errorf("parseQuestion(%q) = %+v; want not understood", q, got)
		}
	}
}

// Every form's example parses to that form, so the 400's list is true.
func TestAskExamplesParse(t *testing.T) {
	for _, f := range askForms {
		got, ok := parseQuestion(f.example)
		if !ok || got.Form != f.name {
			t.Errorf("example %q parses as %+v, %v; want form %s", f.example, got, ok, f.name)
		}
	}
}
