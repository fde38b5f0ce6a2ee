// Package verdict turns the rules that fired into the record delivery acts on.
package verdict

import (
	"strconv"

	"github.com/acme/mailfilter/internal/message"
	"github.com/acme/mailfilter/internal/rules"
)

// QuarantineScore is the score from which a message is held.
const QuarantineScore = 8

// Verdict is what delivery does with one message.
type Verdict struct {
	MessageID string
	Action    rules.Action
	Folder    string
	Score     int
	Tags      int
}

// Decide folds the matches into one verdict: drop beats quarantine beats route; the
// first route wins; weights add up to the score.
func Decide(m *message.Message, matches []rules.Match) Verdict {
	v := Verdict{MessageID: m.ID, Action: rules.Tag}
	for _, mt := range matches {
		r := mt.Rule
		v.Score += r.Weight
		switch r.Action {
		case rules.Drop:
			v.Action = rules.Drop
		case rules.Quarantine:
			if v.Action != rules.Drop {
				v.Action = rules.Quarantine
			}
		case rules.Route:
			if v.Folder == "" {
				v.Folder = r.Folder
			}
			if v.Action == rules.Tag {
				v.Action = rules.Route
			}
		default:
			v.Tags++
		}
	}
	if v.Score >= QuarantineScore && v.Action != rules.Drop {
		v.Action = rules.Quarantine
	}
	return v
}

// AppendLog appends the verdict's log line to buf.
func (v Verdict) AppendLog(buf []byte) []byte {
	buf = append(buf, "msg="...)
	buf = append(buf, v.MessageID...)
	buf = append(buf, " action="...)
	buf = append(buf, v.Action...)
	if v.Folder != "" {
		buf = append(buf, " folder="...)
		buf = append(buf, v.Folder...)
	}
	buf = append(buf, " score="...)
	buf = strconv.AppendInt(buf, int64(v.Score), 10)
	return append(buf, '\n')
}
