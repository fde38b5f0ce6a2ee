// Package api renders leaderboard responses.
package api

import (
	"strconv"
	"strings"

	"github.com/acme/leaderboard/internal/ranking"
)

// Rows renders ranked rows as the compact text format the game client reads.
func Rows(rows []ranking.Ranked) string {
	var b strings.Builder
	b.Grow(len(rows) * 40)
	for _, r := range rows {
		b.WriteString(strconv.Itoa(r.Position))
		b.WriteByte('\t')
		b.WriteString(r.Player)
		b.WriteByte('\t')
		b.WriteString(strconv.Itoa(r.Rating))
		b.WriteByte('\n')
	}
	return b.String()
}
