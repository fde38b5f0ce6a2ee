// Package tagging assigns queue tags to tickets.
package tagging

import (
	"sort"

	"github.com/acme/helpdesk/internal/termstats"
	"github.com/acme/helpdesk/internal/textproc"
)

// Tag is one agent queue and the terms that point at it.
type Tag struct {
	Name  string
	Terms map[string]float64
}

// Tagger scores tickets against the queue tags.
type Tagger struct {
	Stats *termstats.Stats
	Tags  []Tag
}

// Ticket is an incoming support request.
type Ticket struct {
	ID      string
	Subject string
	Body    string
}

// Match is a tag with its score.
type Match struct {
	Tag   string
	Score float64
}

// Classify tokenises the ticket, records it in the corpus statistics and returns
// up to three tags whose score passes the threshold, best first.
func (tg *Tagger) Classify(t Ticket) []Match {
	terms := textproc.Tokenize(t.Subject + " " + t.Body)
	tg.Stats.AddDocument(terms)

	tf := make(map[string]int, len(terms))
	for _, term := range terms {
		tf[term]++
	}
	var out []Match
	for _, tag := range tg.Tags {
		var score float64
		for term, n := range tf {
			if w, ok := tag.Terms[term]; ok {
				score += w * float64(n) * tg.Stats.IDF(term)
			}
		}
		if score > 1 {
			out = append(out, Match{Tag: tag.Name, Score: score})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Score > out[j].Score })
	if len(out) > 3 {
		out = out[:3]
	}
	return out
}

// DefaultTags are the desk's queues.
var DefaultTags = []Tag{
	{"billing", map[string]float64{"invoice": 1, "charg": 1, "payment": 1, "card": 0.6, "vat": 0.8, "bill": 1}},
	{"refunds", map[string]float64{"refund": 1.2, "money": 0.6, "back": 0.3, "return": 0.5}},
	{"delivery", map[string]float64{"parcel": 1, "courier": 1, "deliver": 1, "tracking": 0.8, "late": 0.6, "arriv": 0.6}},
	{"returns", map[string]float64{"return": 1, "label": 0.7, "exchange": 0.8, "size": 0.4}},
	{"account", map[string]float64{"password": 1, "login": 1, "account": 0.8, "email": 0.4, "lock": 0.6}},
	{"damaged", map[string]float64{"broken": 1, "damag": 1, "crack": 0.8, "missing": 0.6}},
	{"subscription", map[string]float64{"subscription": 1.2, "renew": 0.9, "cancel": 0.7, "plan": 0.6}},
}
