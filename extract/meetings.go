package extract

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
)

// event is a meeting being assembled.
type event struct {
	kind, status string
	who          []*person
	date, prec   string
	place        string
	evidence     []sentence
	conf         float64
	coord        map[*person]*person // "met A and B": B -> A
	escort       map[*person]*person // "A, accompanied by B": B -> A
}

type trigHit struct {
	a, b int // tokens [a, b)
	t    *trigger
}

// stop words end a list of participants: what follows is what was said or
// sent, not who was there.
var objStops = map[string]bool{
	"that": true, "greetings": true, "memory": true, "message": true, "messages": true, "behalf": true,
	"quoted": true, "said": true, "which": true, "discuss": true, "discussed": true, "discussing": true,
	"letter": true, "invitation": true, "conveyed": true, "stressed": true, "emphasized": true, "underlined": true,
}

var plannedCues = map[string]bool{
	"will": true, "would": true, "shall": true, "'ll": true, "expected": true, "scheduled": true, "planned": true,
	"plans": true, "plan": true, "due": true, "set": true, "going": true, "intends": true, "invited": true,
	"invitation": true, "upcoming": true, "may": true, "might": true, "could": true, "later": false, "next": true,
	"tomorrow": true, "invites": true, "hopes": true, "wants": true, "agreed": true,
}

var negCues = map[string]bool{"not": true, "no": true, "never": true, "refused": true, "declined": true, "cancelled": true, "canceled": true, "postponed": true}

func (d *doc) triggersIn(s sentence) []trigHit {
	var hits []trigHit
	for i := s.a; i < s.b; i++ {
		t := d.toks[i]
		if !t.word || d.mentAt[i] != nil {
			continue
		}
		if n := d.blocked(i, s.b); n > 0 {
			i += n - 1
			continue
		}
		for k := range d.lx.triggers[t.low] {
			tr := &d.lx.triggers[t.low][k]
			if i+len(tr.toks) <= s.b && d.matchSeq(i, tr.toks) {
				hits = append(hits, trigHit{i, i + len(tr.toks), tr})
				i += len(tr.toks) - 1
				break
			}
		}
	}
	return hits
}

// blocked returns the length of a not-a-meeting phrase ("called for")
// starting at token i, or 0.
func (d *doc) blocked(i, end int) int {
	for _, b := range d.lx.blockers[d.toks[i].low] {
		if i+len(b) <= end && d.matchSeq(i, b) {
			return len(b)
		}
	}
	return 0
}

func (d *doc) mentionsIn(a, b int) []*mention {
	var out []*mention
	for _, m := range d.mentions {
		if m.a >= a && m.b <= b {
			out = append(out, m)
		}
	}
	return out
}

// findMeetings reads every sentence with a meeting phrase.
func (d *doc) findMeetings() []*event {
	var events []*event
	var focus *person // who the text is about: resolves "he met"
	var prev *lastEvent
	for si, s := range d.sents {
		hits := d.triggersIn(s)
		ms := d.mentionsIn(s.a, s.b)
		for hi, h := range hits {
			left, right := s.a, s.b
			if hi > 0 {
				left = hits[hi-1].b
			}
			if hi+1 < len(hits) {
				right = hits[hi+1].a
			}
			if d.negated(left, h.a) {
				continue
			}
			var who []*person
			escort := map[*person]*person{} // "X, accompanied by Y": Y -> X
			subjEnd := -1
			if h.t.mode != "between" {
				// subject: the last name before the phrase, with names joined
				// to it by "and".
				var before []*mention
				for _, m := range ms {
					if m.b <= h.a && m.a >= left {
						before = append(before, m)
					}
				}
				if n := len(before); n > 0 && d.onlyGlue(before[n-1].appEnd, d.saidIn(h), true) {
					who = append(who, before[n-1].person)
					for k := n - 1; k > 0; k-- {
						if d.accompanied(before[k-1].appEnd, before[k].roleStart) {
							escort[before[k].person] = before[k-1].person
						} else if !d.joined(before[k-1].appEnd, before[k].roleStart) {
							break
						}
						who = append(who, before[k-1].person)
					}
					subjEnd = before[n-1].b
				}
			}
			// objects: names after the phrase, joined by "and" or commas.
			maxGap := 25
			if h.t.mode == "near" {
				maxGap = 3
			}
			var objs []*mention
			coord := map[*person]*person{}
			pos := h.b
			for _, m := range ms {
				if m.a < h.b || m.b > right {
					continue
				}
				if len(objs) == 0 {
					if m.roleStart-h.b > maxGap || d.stopBetween(h.b, m.roleStart) {
						break
					}
				} else if !d.joined(pos, m.roleStart) {
					break
				} else {
					coord[m.person] = objs[len(objs)-1].person
				}
				objs = append(objs, m)
				pos = m.appEnd
			}
			// "During his meeting with X, Y said": the subject follows.
			if len(who) == 0 && len(objs) > 0 {
				// The comma may come after a date or place ("... with X on
				// 18 March 2024, Y stressed"), and Y may carry a title.
				last := objs[len(objs)-1].appEnd
				comma := -1
				for c := last; c < s.b && c < last+8 && d.mentAt[c] == nil; c++ {
					if d.toks[c].s == "," {
						comma = c
						break
					}
				}
				if comma >= 0 {
					for _, m := range ms {
						if m.a > comma && (m.a <= comma+2 || m.roleStart > comma && m.roleStart <= comma+2) {
							who = append(who, m.person)
							break
						}
					}
				}
				if len(who) == 0 && h.t.mode != "between" && prev != nil && si-prev.sent <= 1 && d.groupBefore(left, h.a) {
					// "The two ministers were later received by X": the
					// people of the encounter just reported.
					who = append(who, prev.ev.who...)
				}
				if len(who) == 0 && h.t.mode != "between" && d.pronounBefore(left, h.a) {
					// "he": the nearest earlier name in the sentence that is
					// not an object, else who the text is about.
					ref := focus
					for k := len(ms) - 1; k >= 0; k-- {
						if m := ms[k]; m.b <= h.a && !hasMention(objs, m.person) {
							ref = m.person
							break
						}
					}
					if ref != nil {
						who = append(who, ref)
					}
				}
			}
			if slices.Contains(h.t.toks, "their") && len(who)+len(objs) < 2 {
				// "A conveyed the greetings of X to Y during their
				// meeting": "their" is everyone named before the phrase
				// but the absent senders.
				who = who[:0]
				for _, m := range ms {
					if m.a >= left && m.b <= h.a && !d.sender(m) {
						who = appendPerson(who, m.person)
					}
				}
				// "The two sides ... in their meeting held in Muscat on
				// Tuesday": the encounter just told, and when and where.
				if len(who) == 0 && len(objs) == 0 && prev != nil && si-prev.sent == 1 && prev.status == "occurred" {
					if prev.ev.date == "" {
						prev.ev.date, prev.ev.prec = d.findDate(left, right, prev.status)
					}
					if prev.ev.place == "" {
						prev.ev.place = d.findPlace(left, right, h.b)
					}
					prev.ev.evidence = append(prev.ev.evidence, s)
					continue
				}
			}
			if h.t.mode == "join" {
				// "They were joined by X": X joins the encounter reported in
				// this or the sentence before.
				if prev != nil && si-prev.sent <= 1 && len(objs) > 0 && prev.status == "occurred" {
					for _, m := range objs {
						prev.ev.who = appendPerson(prev.ev.who, m.person)
					}
					prev.ev.evidence = append(prev.ev.evidence, s)
				}
				continue
			}
			// "called on X to resume talks" is an appeal, not a visit.
			if len(objs) > 0 && (h.t.toks[0] == "called" || h.t.toks[0] == "calls") && h.t.kind == "meeting" && d.appealAfter(objs[len(objs)-1].appEnd, right) {
				continue
			}
			groups := [][]*mention{objs}
			if len(who) > 0 && len(objs) > 1 && d.separately(h) {
				// "met separately with A and B": one encounter each.
				groups = groups[:0]
				for _, m := range objs {
					groups = append(groups, []*mention{m})
				}
			}
			subj := who
			for _, g := range groups {
				who := append([]*person(nil), subj...)
				for _, m := range g {
					who = appendPerson(who, m.person)
				}
				if len(who) < 2 {
					continue
				}
				ev := &event{kind: h.t.kind, status: "occurred", who: who, evidence: []sentence{s}, conf: 0.8, coord: coord, escort: escort}
				if d.callCue(left, right) {
					ev.kind = "call"
				}
				if d.planned(left, h, right) {
					ev.status = "planned"
					ev.conf = 0.6
				}
				ev.date, ev.prec = d.findDate(left, right, ev.status)
				ev.place = d.findPlace(left, right, h.b)
				if si > 0 && d.linkedToPrevious(s) {
					// "X arrived in Tehran on Monday. Upon arrival, he was
					// greeted by Y": the encounter is the one just told.
					p := d.sents[si-1]
					if ev.date == "" {
						ev.date, ev.prec = d.findDate(p.a, p.b, ev.status)
					}
					if ev.place == "" {
						ev.place = d.findPlace(p.a, p.b, p.a)
					}
				}
				events = mergeEvent(events, ev)
				prev = &lastEvent{ev: findEvent(events, ev), sent: si, status: ev.status}
			}
			_ = subjEnd
		}
		if len(ms) > 0 {
			focus = ms[0].person
		}
		_ = si
	}
	return events
}

// linkOpeners begin a sentence that goes on telling the encounter of the
// sentence before: its date and place are that one's.
var linkOpeners = [][]string{
	{"during", "the", "call"}, {"during", "the", "phone", "call"}, {"during", "the", "telephone", "call"},
	{"during", "the", "conversation"}, {"during", "the", "phone", "conversation"}, {"in", "the", "conversation"},
	{"during", "the", "meeting"}, {"during", "the", "talks"}, {"during", "the", "visit"}, {"at", "the", "meeting"},
	{"upon", "arrival"}, {"upon", "his", "arrival"}, {"upon", "her", "arrival"}, {"on", "arrival"}, {"on", "his", "arrival"},
}

// linkedToPrevious reports whether sentence s opens with a linkOpener.
func (d *doc) linkedToPrevious(s sentence) bool {
	for _, o := range linkOpeners {
		if s.a+len(o) > s.b {
			continue
		}
		ok := true
		for k, w := range o {
			if d.toks[s.a+k].low != w {
				ok = false
				break
			}
		}
		if ok {
			return true
		}
	}
	return false
}

// senderWords name what someone absent sends: "the greetings of X", "a
// message from X", "on behalf of X".
var senderWords = map[string]bool{"greetings": true, "greeting": true, "message": true, "messages": true, "letter": true,
	"regards": true, "behalf": true, "invitation": true, "condolences": true, "congratulations": true}

// sender reports whether m is named as the sender of something conveyed.
func (d *doc) sender(m *mention) bool {
	k := m.roleStart - 1
	if k >= 0 && d.toks[k].low == "the" {
		k--
	}
	return k >= 1 && (d.toks[k].low == "of" || d.toks[k].low == "from") && senderWords[d.toks[k-1].low]
}

// lastEvent is the encounter most recently read, for "They were joined by".
type lastEvent struct {
	ev     *event
	sent   int
	status string
}

// findEvent returns the event ev was merged into (or ev itself).
func findEvent(events []*event, ev *event) *event {
	for _, e := range events {
		if e == ev || subset(ev.who, e.who) && e.kind == ev.kind && e.status == ev.status {
			return e
		}
	}
	return ev
}

func hasMention(ms []*mention, p *person) bool {
	for _, m := range ms {
		if m.person == p {
			return true
		}
	}
	return false
}

// accompanied reports whether tokens [a, b) only say that the name after
// them came along with the name before: "X, accompanied by Y, met Z".
func (d *doc) accompanied(a, b int) bool {
	if b < a || b-a > 4 {
		return false
	}
	seen := false
	for i := a; i < b; i++ {
		switch d.toks[i].low {
		case "accompanied", "joined":
			seen = true
		case ",", "by", "and", "along", "together", "with":
		default:
			return false
		}
	}
	return seen || b-a >= 2 && (d.toks[b-1].low == "with" && (d.toks[b-2].low == "along" || d.toks[b-2].low == "together"))
}

// appealAfter reports whether "to <verb>" follows the last object in [a, b):
// "called on X to resume talks".
func (d *doc) appealAfter(a, b int) bool {
	for i := a; i < b && i < a+3; i++ {
		if d.toks[i].low == "to" {
			return i+1 < b && d.toks[i+1].word && !d.toks[i+1].cap
		}
		if d.toks[i].s != "," {
			return false
		}
	}
	return false
}

// separately reports whether the phrase says the encounters were apart:
// "met separately with", "separately met".
func (d *doc) separately(h trigHit) bool {
	// Not a sentence-initial "Separately," which only starts a new item.
	for _, i := range []int{h.a - 1, h.b, h.b + 1} {
		if i < 0 || i+1 >= len(d.toks) || d.toks[i+1].s == "," {
			continue
		}
		if d.toks[i].low == "separately" || d.toks[i].low == "individually" {
			return true
		}
	}
	return false
}

func appendPerson(list []*person, p *person) []*person {
	for _, q := range list {
		if q == p {
			return list
		}
	}
	return append(list, p)
}

// saidIn is where the glue before a phrase must end: "X said in a meeting
// with Y" reports the meeting, so "said" right before "in a meeting" is
// let through (elsewhere "said" starts reported speech: "X said A met B").
func (d *doc) saidIn(h trigHit) int {
	switch h.t.toks[0] {
	case "in", "during", "at", "after":
		if h.a > 0 && (d.toks[h.a-1].low == "said" || d.toks[h.a-1].low == "says") {
			return h.a - 1
		}
	}
	return h.a
}

// onlyGlue reports whether tokens [a, b) hold nothing but a date, a place or
// "also": what may stand between a subject and its verb.
func (d *doc) onlyGlue(a, b int, _ bool) bool {
	if b-a > 12 {
		return false
	}
	for i := a; i < b; i++ {
		switch d.toks[i].low {
		case "that", "said", "says", "conveyed", "quoted", "greetings", "which", ".", ";":
			return false
		}
	}
	return true
}

// joined reports whether tokens [a, b) only join two names ("and", ",").
func (d *doc) joined(a, b int) bool {
	if b < a || b-a > 3 {
		return false
	}
	for i := a; i < b; i++ {
		switch d.toks[i].low {
		case "and", ",", "as", "well", "his", "her", "their", "its":
		default:
			return false
		}
	}
	return true
}

func (d *doc) stopBetween(a, b int) bool {
	for i := a; i < b && i < len(d.toks); i++ {
		if objStops[d.toks[i].low] || d.toks[i].s == ";" || d.toks[i].s == "." {
			return true
		}
	}
	return false
}

var groupNouns = map[string]bool{
	"ministers": true, "leaders": true, "sides": true, "officials": true, "presidents": true, "diplomats": true,
	"delegations": true, "men": true, "envoys": true, "premiers": true, "counterparts": true,
}

// groupBefore reports whether the subject right before the phrase is "they",
// "both" or "the two ministers" (a few words back, "later"/"also" between).
func (d *doc) groupBefore(a, b int) bool {
	for i := max(a, b-5); i < b; i++ {
		l := d.toks[i].low
		if l == "they" || l == "both" && i+1 < b && (d.toks[i+1].low == "sides" || d.toks[i+1].low == "leaders" || d.toks[i+1].low == "ministers") {
			return true
		}
		if l == "two" && i+1 < b && groupNouns[d.toks[i+1].low] {
			return true
		}
	}
	return false
}

func (d *doc) pronounBefore(a, b int) bool {
	for i := max(a, b-3); i < b; i++ {
		switch d.toks[i].low {
		case "he", "she", "his", "her":
			return true
		}
	}
	return false
}

func (d *doc) negated(a, b int) bool {
	for i := max(a, b-3); i < b; i++ {
		if negCues[d.toks[i].low] || d.toks[i].low == "n't" {
			return true
		}
	}
	return false
}

func (d *doc) callCue(a, b int) bool {
	for i := a; i < b; i++ {
		for _, c := range d.lx.callcues {
			if d.toks[i].low == c[0] && i+len(c) <= b && d.matchSeq(i, c) {
				return true
			}
		}
	}
	return false
}

// nominal triggers name the encounter ("talks between A and B"); what
// follows them may say it is yet to come ("... is planned for July").
var nominalTriggers = map[string]bool{"meeting": true, "meetings": true, "talks": true, "phone": true, "telephone": true, "video": true}

// planned reports whether the phrase is in the future or only proposed.
func (d *doc) planned(left int, h trigHit, right int) bool {
	if h.t.mode == "between" || nominalTriggers[h.t.toks[0]] {
		for i := h.b; i < right && i < h.b+30; i++ {
			l := d.toks[i].low
			if l == "will" || l == "would" {
				return true
			}
			if (l == "is" || l == "are" || l == "was" || l == "were") && i+1 < right {
				switch d.toks[i+1].low {
				case "planned", "scheduled", "expected", "due", "set", "slated", "to":
					return true
				}
			}
		}
	}
	for i := max(left, h.a-5); i < h.a; i++ {
		l := d.toks[i].low
		if d.toks[i].s == "," || d.toks[i].s == "." {
			continue
		}
		if plannedCues[l] {
			return true
		}
		if l == "to" && i == h.a-1 {
			return true // "to meet", "is to hold talks"
		}
	}
	for i := h.b; i < min(len(d.toks), h.b+30) && d.sentOf[i] == d.sentOf[h.a]; i++ {
		l := d.toks[i].low
		if l == "tomorrow" || (l == "next" && i+1 < len(d.toks) && (d.toks[i+1].low == "week" || d.toks[i+1].low == "month")) {
			return true
		}
	}
	return false
}

// mergeEvent adds ev, or folds it into an earlier event that reports the
// same encounter: same kind and status, one set of people inside the other,
// no conflicting date or place ("During the meeting, A and B discussed").
func mergeEvent(events []*event, ev *event) []*event {
	for _, e := range events {
		if e.kind != ev.kind || e.status != ev.status {
			continue
		}
		if !(subset(ev.who, e.who) || subset(e.who, ev.who)) {
			continue
		}
		if e.date != "" && ev.date != "" && e.date != ev.date {
			continue
		}
		if e.place != "" && ev.place != "" && !strings.EqualFold(e.place, ev.place) {
			continue
		}
		for _, p := range ev.who {
			e.who = appendPerson(e.who, p)
		}
		if e.date == "" {
			e.date, e.prec = ev.date, ev.prec
		}
		if e.place == "" {
			e.place = ev.place
		}
		e.evidence = append(e.evidence, ev.evidence...)
		return events
	}
	return append(events, ev)
}

func subset(a, b []*person) bool {
	for _, p := range a {
		found := false
		for _, q := range b {
			if p == q {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

var months = map[string]int{
	"january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
	"september": 9, "october": 10, "november": 11, "december": 12,
	"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}

var weekdays = map[string]time.Weekday{
	"sunday": time.Sunday, "monday": time.Monday, "tuesday": time.Tuesday, "wednesday": time.Wednesday,
	"thursday": time.Thursday, "friday": time.Friday, "saturday": time.Saturday,
}

var numberWords = map[string]int{"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "a": 1}

// findDate reads the first date phrase in [a, b) and resolves it against
// the publication date. Relative phrases without a publication date, and
// phrases that name no day or month ("last week"), give no date.
func (d *doc) findDate(a, b int, status string) (string, string) {
	for i := max(a, d.dateline); i < b; i++ {
		t := d.toks[i]
		if !t.word {
			continue
		}
		l := strings.TrimSuffix(t.low, ".")
		if wd, ok := weekdays[l]; ok && t.cap {
			if i+2 < b && d.toks[i+1].s == "," {
				if _, ok := months[d.toks[i+2].low]; ok || dayNum(d.toks[i+2].low) > 0 {
					continue // "on Wednesday, June 5": the explicit date decides
				}
			}
			if !d.hasPub {
				return "", ""
			}
			back := (int(d.pub.Weekday()) - int(wd) + 7) % 7
			if back == 0 && i > 0 && d.toks[i-1].low == "last" {
				back = 7 // "last Thursday" in a Thursday paper
			}
			if status == "planned" {
				// the coming one: "will meet on Thursday"
				return day(d.pub.AddDate(0, 0, (int(wd)-int(d.pub.Weekday())+7)%7))
			}
			return day(d.pub.AddDate(0, 0, -back))
		}
		switch l {
		case "yesterday":
			if d.hasPub {
				return day(d.pub.AddDate(0, 0, -1))
			}
			return "", ""
		case "today", "tonight":
			if d.hasPub {
				return day(d.pub)
			}
			return "", ""
		case "last", "this", "earlier":
			if i+1 < b {
				n := d.toks[i+1].low
				if n == "week" || n == "weekend" {
					return "", ""
				}
				if l == "this" && (n == "morning" || n == "afternoon" || n == "evening") {
					if d.hasPub {
						return day(d.pub)
					}
					return "", ""
				}
				if n == "month" && d.hasPub {
					if l == "last" {
						return month(d.pub.AddDate(0, -1, 0))
					}
					return month(d.pub)
				}
				if l == "earlier" && n == "this" && i+2 < b && d.toks[i+2].low == "month" && d.hasPub {
					return month(d.pub)
				}
			}
		}
		if n, ok := numberWords[l]; ok && i+2 < b && strings.HasPrefix(d.toks[i+1].low, "day") {
			if w := d.toks[i+2].low; w == "ago" || w == "earlier" {
				if d.hasPub {
					return day(d.pub.AddDate(0, 0, -n))
				}
				return "", ""
			}
		}
		// "on the 10th": a day of the publication month, or of the month
		// before when that day is still to come.
		if l == "the" && i > a && d.toks[i-1].low == "on" && i+1 < b && dayNum(d.toks[i+1].low) > 0 && !isNum(d.toks[i+1].low, 2) &&
			!(i+2 < b && (d.toks[i+2].low == "of" || months[d.toks[i+2].low] > 0)) {
			if !d.hasPub {
				return "", ""
			}
			dd := dayNum(d.toks[i+1].low)
			back := 0
			if status != "planned" && dd > d.pub.Day() {
				back = -1
			} else if status == "planned" && dd < d.pub.Day() {
				back = 1
			}
			first := time.Date(d.pub.Year(), d.pub.Month(), 1, 0, 0, 0, 0, time.UTC).AddDate(0, back, 0)
			if tm, ok := mkDate(first.Year(), int(first.Month()), dd); ok {
				return day(tm)
			}
			return "", ""
		}
		// "in 2023": the year alone.
		if l == "in" && i+1 < b && len(d.toks[i+1].s) == 4 && isNum(d.toks[i+1].s, 4) && (i+2 >= b || !d.toks[i+2].word || !d.toks[i+2].cap) {
			if y, _ := strconv.Atoi(d.toks[i+1].s); y >= 1900 && y <= 2100 {
				return d.toks[i+1].s, "year"
			}
		}
		// ISO date, or 12/03/2024.
		if isISODate(t.s) {
			if tm, err := time.Parse("2006-01-02", t.s); err == nil {
				return day(tm)
			}
		}
		if i+4 < b && isNum(t.s, 2) && d.toks[i+1].s == "/" && isNum(d.toks[i+2].s, 2) && d.toks[i+3].s == "/" && len(d.toks[i+4].s) == 4 {
			dd, _ := strconv.Atoi(t.s)
			mm, _ := strconv.Atoi(d.toks[i+2].s)
			yy, _ := strconv.Atoi(d.toks[i+4].s)
			if dd <= 12 && mm > 12 {
				dd, mm = mm, dd
			}
			if tm, ok := mkDate(yy, mm, dd); ok {
				return day(tm)
			}
		}
		// "12 March 2024", "March 12, 2024", "March 12", "in January",
		// "mid-December", "early January".
		ml := strings.TrimPrefix(strings.TrimPrefix(strings.TrimPrefix(l, "mid-"), "early-"), "late-")
		// An abbreviation ("Jun", "Jan") is a month only beside a number:
		// alone it is more often a name ("Dong Jun", "Jan Lipa").
		abbrev := len(ml) <= 4 && ml != "may" && ml != "june" && ml != "july"
		nearNum := i > a && isNum(d.toks[i-1].s, 2) || i+1 < b && isNum(d.toks[i+1].s, 4)
		if mo, ok := months[ml]; ok && (t.cap || ml != l) && (ml != "may" || t.s == "May") && !(len(ml) <= 4 && ml != l) &&
			d.mentAt[i] == nil && (!abbrev || nearNum) {
			dd, yy := 0, 0
			if i > a && dayNum(d.toks[i-1].low) > 0 {
				dd = dayNum(d.toks[i-1].low)
			} else if i > a+1 && d.toks[i-1].low == "of" && dayNum(d.toks[i-2].low) > 0 {
				dd = dayNum(d.toks[i-2].low) // "the 3rd of June"
			}
			k := i + 1
			if k < b && dayNum(d.toks[k].low) > 0 {
				dd = dayNum(d.toks[k].low)
				k++
				if k < b && d.toks[k].s == "," {
					k++
				}
			}
			if k < b && len(d.toks[k].s) == 4 && isNum(d.toks[k].s, 4) {
				yy, _ = strconv.Atoi(d.toks[k].s)
			}
			if yy == 0 {
				if !d.hasPub {
					return "", ""
				}
				yy = d.pub.Year()
				if status != "planned" && (mo > int(d.pub.Month()) || (mo == int(d.pub.Month()) && dd > d.pub.Day())) {
					yy--
				}
			}
			if dd > 0 {
				if tm, ok := mkDate(yy, mo, dd); ok {
					return day(tm)
				}
				return "", ""
			}
			return fmt.Sprintf("%04d-%02d", yy, mo), "month"
		}
	}
	return "", ""
}

// dayNum reads a day of the month: "5", "05", "3rd", "21st"; 0 if none.
func dayNum(s string) int {
	for _, suf := range []string{"st", "nd", "rd", "th"} {
		if len(s) > 2 && strings.HasSuffix(s, suf) {
			s = s[:len(s)-2]
			break
		}
	}
	if !isNum(s, 2) {
		return 0
	}
	n, _ := strconv.Atoi(s)
	if n < 1 || n > 31 {
		return 0
	}
	return n
}

func isNum(s string, maxLen int) bool {
	if s == "" || len(s) > maxLen {
		return false
	}
	for _, c := range []byte(s) {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

func mkDate(y, m, dd int) (time.Time, bool) {
	if m < 1 || m > 12 || dd < 1 || dd > 31 || y < 1900 || y > 2200 {
		return time.Time{}, false
	}
	t := time.Date(y, time.Month(m), dd, 0, 0, 0, 0, time.UTC)
	return t, t.Day() == dd
}

func day(t time.Time) (string, string)   { return t.Format("2006-01-02"), "day" }
func month(t time.Time) (string, string) { return t.Format("2006-01"), "month" }

var travelWords = map[string]bool{
	"traveled": true, "travelled": true, "arrived": true, "visit": true, "visiting": true, "trip": true,
	"headed": true, "flew": true, "came": false, "travels": true, "travelling": true, "traveling": true,
	"travel": true, "fly": true, "head": true, "arrive": true, "arrives": true, "heads": true, "flies": true,
}

var placeStops = map[string]bool{
	"discuss": true, "discussed": true, "discussing": true, "that": true, "about": true, "regarding": true,
	"developments": true, "relations": true, "ties": true, "cooperation": true, "situation": true, "crisis": true,
	"issues": true, "said": true, "stressed": true, "emphasized": true, "underlined": true,
}

// findPlace reads where the encounter happened: "in Damascus", "at the
// Kremlin", "traveled to Tehran where", "during his visit to Iran". Places
// must be in the gazetteer; phrases about the topic are cut off first.
func (d *doc) findPlace(a, b, from int) string {
	for i := a; i < b; i++ {
		l := d.toks[i].low
		if placeStops[l] && i >= from && !d.toks[i].cap {
			break
		}
		if l != "in" && l != "at" && l != "to" {
			continue
		}
		if d.mentAt[i] == nil && i > 0 && d.inTitle(i) && !(l == "in" && postedWords[d.toks[i-1].low]) {
			continue // "Ambassador to Syria"; but "the ambassador in Baghdad" is received there
		}
		if l == "to" && !(i > 0 && travelWords[d.toks[i-1].low]) {
			continue
		}
		k := i + 1
		if k < b && d.toks[k].low == "the" {
			k++
		}
		if k < b {
			if h := d.gazAt[k]; h.e != nil && h.e.kind != pkDemonym && k+h.n <= b && !d.possessive(k+h.n) && !d.inOrg(k) {
				return strings.Join(strings.Fields(d.clean[d.toks[k].start:d.toks[k+h.n-1].end]), " ")
			}
			// "in the Kenyan capital"
			if h := d.gazAt[k]; h.e != nil && h.e.kind == pkDemonym && k+h.n < b && d.toks[k+h.n].low == "capital" {
				if c := d.lx.countries[h.e.code]; c != nil && len(c.capitals) > 0 {
					return c.capitals[0]
				}
			}
		}
		// "at State House, Nairobi": a named building, then its city.
		if l == "at" {
			for j := k; j < b && j < k+5 && d.toks[j].cap && d.mentAt[j] == nil; j++ {
				if c := j + 1; c+1 < b && d.toks[c].s == "," {
					if h := d.gazAt[c+1]; h.e != nil && h.e.kind != pkDemonym && c+1+h.n <= b {
						return strings.Join(strings.Fields(d.clean[d.toks[c+1].start:d.toks[c+h.n].end]), " ")
					}
				}
			}
		}
	}
	if pl := d.unknownPlace(a, b, from); pl != "" {
		return pl
	}
	// "visited the Kremlin, where he was received by X"
	for w := from - 1; w >= a && w >= from-8; w-- {
		if d.toks[w].low != "where" {
			continue
		}
		e := w
		if e > 0 && d.toks[e-1].s == "," {
			e--
		}
		for k := e - 1; k >= 0 && k >= e-4; k-- {
			if h := d.gazAt[k]; h.e != nil {
				if k+h.n == e && h.e.kind != pkDemonym {
					return strings.Join(strings.Fields(d.clean[d.toks[k].start:d.toks[e-1].end]), " ")
				}
				break
			}
		}
		break
	}
	return ""
}

// placeJoiners may stand between the capitalised words of a place name
// ("Rio de Janeiro", "Sharm el-Sheikh").
var placeJoiners = map[string]bool{"de": true, "del": true, "da": true, "do": true, "el": true, "al": true, "-": true, "of": true, "on": true}

// unknownPlace is the place of "in <Capitalised Words>" when the gazetteer
// does not know it ("in Kish Island", "in Samarkand"): one to four
// capitalised words that are not a person, a month, a weekday or a
// demonym, ending the clause or followed by a lower-case word; or the
// event of "on the sidelines of the Munich Security Conference" when no
// town is named. Not "at <Name>": as often an institution as a place.
func (d *doc) unknownPlace(a, b, from int) string {
	for i := a; i+1 < b; i++ {
		l := d.toks[i].low
		if placeStops[l] && i >= from && !d.toks[i].cap {
			return ""
		}
		sidelines := l == "of" && i > 0 && d.toks[i-1].low == "sidelines"
		if l != "in" && !sidelines || d.inTitle(i) {
			continue
		}
		k := i + 1
		if d.toks[k].low == "the" {
			k++
		}
		end, words := k, 0
		for j := k; j < b; j++ {
			t := d.toks[j]
			_, month := months[strings.TrimSuffix(t.low, ".")]
			_, wday := weekdays[t.low]
			h := d.gazAt[j]
			if t.word && t.cap && d.mentAt[j] == nil && !month && !wday && !(h.e != nil && h.e.kind == pkDemonym) && !isNum(t.low, 4) {
				words++
				end = j + 1
				continue
			}
			if placeJoiners[t.low] && words > 0 && j+1 < b && d.toks[j+1].cap && d.toks[j+1].word {
				continue
			}
			break
		}
		if words == 0 || words > 4 || sidelines && words < 2 {
			continue // "the sidelines of the G20" names no place
		}
		if end < b && d.toks[end].word && d.toks[end].cap {
			continue // runs into a name or another capitalised word
		}
		return strings.Join(strings.Fields(d.clean[d.toks[k].start:d.toks[end-1].end]), " ")
	}
	return ""
}

// inTitle reports whether token i lies inside some person's title.
func (d *doc) inTitle(i int) bool {
	for _, m := range d.mentions {
		if i >= m.roleStart && i < m.a || i >= m.b && i < m.appEnd {
			return true
		}
	}
	return false
}

// fillCountries gives people whose country the text does not state the
// country their meeting implies: the other side of a meeting is the
// article's most talked-about other country ("President X received the
// Iranian envoy" in an article about Syria and Iran). Counterparts take
// the role of the person they are the counterpart of.
func (d *doc) fillCountries(events []*event) {
	for _, ev := range events {
		sides := map[string]bool{}
		for _, p := range ev.who {
			if p.country != "" {
				sides[p.country] = true
			}
		}
		for _, p := range ev.who {
			if p.country != "" || p.org {
				continue
			}
			if q := ev.escort[p]; q != nil && q.country != "" {
				p.country = q.country // one delegation
				continue
			}
			if c := p.ownerCountry(d); c != "" {
				p.country = c
				sides[c] = true
				continue
			}
			if c := d.knownOfficial(p); c != "" {
				p.country = c
				sides[c] = true
				continue
			}
			// A head of state or government with no stated country at an
			// encounter in a country the article talks about is its host:
			// "the two ministers were received by King X" in Amman.
			if c, capital := d.placeCountry(ev.place); c != "" && (capital || d.freq[c] > 0) && c != p.host && d.leaderTitle(p.role) {
				p.country, p.guessed = c, true
				sides[c] = true
				continue
			}
			if len(sides) == 0 {
				continue
			}
			best, bestN := "", 0
			for c, n := range d.freq {
				if sides[c] || c == p.host {
					continue
				}
				if n > bestN || (n == bestN && c < best) {
					best, bestN = c, n
				}
			}
			if best == "" && ev.coord[p] != nil {
				best = ev.coord[p].country // "met A and B": B came with A
			}
			if best != "" {
				p.country, p.guessed = best, true
			}
		}
		for _, p := range ev.who {
			if p.role != "" || !p.isCounterpart() {
				continue
			}
			for _, q := range ev.who {
				if q != p && q.role != "" && q.country != p.country {
					p.role = q.role
					break
				}
			}
		}
	}
	for _, p := range d.people {
		if p.role == "" && p.isCounterpart() {
			p.role = "counterpart"
		}
	}
}

// knownOfficial is the state of a well-known official (data/officials.tsv)
// whose full name p bears, or "". Two or more names must agree: a surname
// alone is never enough.
func (d *doc) knownOfficial(p *person) string {
	for _, o := range d.lx.officials {
		for _, n := range o.names {
			for _, ft := range p.toks {
				if len(ft) >= 2 && sameWords(ft[len(ft)-1:], n[len(n)-1:]) && sameWords(ft[:1], n[:1]) {
					return o.code
				}
			}
		}
	}
	return ""
}

// placeCountry is the country of a place name found by findPlace, and
// whether the place is the country itself or its capital.
func (d *doc) placeCountry(place string) (string, bool) {
	if place == "" {
		return "", false
	}
	toks := tokenizeWords(place)
	for i := range toks {
		toks[i] = strings.ToLower(toks[i])
	}
	for _, e := range d.lx.gaz[toks[0]] {
		if len(e.toks) == len(toks) && strings.Join(e.toks, " ") == strings.Join(toks, " ") {
			return e.code, e.kind == pkCapital || e.kind == pkCountryName
		}
	}
	return "", false
}

var leaderWords = map[string]bool{
	"king": true, "queen": true, "emir": true, "sultan": true, "president": true, "prime": true, "premier": true,
	"crown": true, "chancellor": true, "monarch": true, "emperor": true, "shah": true,
}

// leaderTitle reports whether a role is a head of state's or government's.
func (d *doc) leaderTitle(role string) bool {
	f := strings.Fields(strings.ToLower(role))
	if len(f) == 0 || f[0] == "vice" || f[0] == "deputy" || f[0] == "former" {
		return false
	}
	for _, w := range f {
		if leaderWords[w] {
			return true
		}
	}
	return false
}

// ownerCountry is the country of the person "his" refers to in "his
// senior advisor X", when known.
func (p *person) ownerCountry(d *doc) string {
	for _, m := range p.mentions {
		if m.owner != nil && !m.counterpart {
			if c := m.owner.person.country; c != "" {
				return c
			}
		}
	}
	return ""
}

func (p *person) isCounterpart() bool {
	for _, m := range p.mentions {
		if m.counterpart {
			return true
		}
	}
	return false
}

func (d *doc) result(id string, events []*event) Result {
	r := Result{ID: id, Meetings: []Meeting{}, People: []Person{}}
	for _, ev := range events {
		m := Meeting{Kind: ev.kind, Status: ev.status, Confidence: ev.conf, Participants: []Participant{}, Evidence: []Span{}}
		if ev.date != "" {
			m.Date, m.DatePrecision = ptr(ev.date), ptr(ev.prec)
		}
		if ev.place != "" {
			m.Location = ptr(ev.place)
		}
		for _, p := range ev.who {
			pp := Participant{Name: p.fullest()}
			if p.role != "" {
				pp.Role = ptr(p.role)
			}
			if p.country != "" {
				pp.Country = ptr(p.country)
			}
			if p.guessed {
				m.Confidence -= 0.1
			}
			m.Participants = append(m.Participants, pp)
		}
		seen := map[int]bool{}
		for _, s := range ev.evidence {
			if seen[s.a] {
				continue
			}
			seen[s.a] = true
			m.Evidence = append(m.Evidence, d.spanOf(s.a, s.b))
		}
		r.Meetings = append(r.Meetings, m)
	}
	for _, p := range d.people {
		full := p.fullest()
		pp := Person{Name: full, Aliases: []string{}, Mentions: []Span{}}
		for _, n := range p.names {
			if n != full {
				pp.Aliases = append(pp.Aliases, n)
			}
		}
		if p.role != "" {
			pp.Role = ptr(p.role)
		}
		if p.country != "" {
			pp.Country = ptr(p.country)
		}
		for _, m := range p.mentions {
			pp.Mentions = append(pp.Mentions, d.spanOf(m.a, m.b))
		}
		r.People = append(r.People, pp)
	}
	return r
}

func (d *doc) spanOf(a, b int) Span {
	s, e := d.toks[a].start, d.toks[b-1].end
	return Span{Start: s, End: e, Text: d.text[s:e]}
}

func ptr(s string) *string { return &s }
