package manifest

// Position is a 1-based line and column, as editors show them.
type Position struct {
	Line   int
	Column int
}

// PositionOf returns the line and column of byte offset off in src.
func PositionOf(src []byte, off int) Position {
	if off > len(src) {
		off = len(src)
	}
	line, lineStart := 1, 0
	for i := 0; i < off; i++ {
		if src[i] == '\n' {
			line++
			lineStart = i + 1
		}
	}
	return Position{Line: line, Column: off - lineStart + 1}
}
