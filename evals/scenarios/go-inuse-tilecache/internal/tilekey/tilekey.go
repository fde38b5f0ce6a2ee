// Package tilekey handles z/x/y tile addresses.
package tilekey

import (
	"errors"
	"strconv"
	"strings"
)

// Key addresses one tile.
type Key struct {
	Z    uint8
	X, Y uint32
}

// ErrBadKey is returned for paths that are not z/x/y within range.
var ErrBadKey = errors.New("tilekey: bad tile address")

// MaxZoom is the deepest zoom level served.
const MaxZoom = 18

// Parse reads "z/x/y" (the path after /tiles/, without extension).
func Parse(path string) (Key, error) {
	parts := strings.Split(strings.TrimSuffix(path, ".mvt"), "/")
	if len(parts) != 3 {
		return Key{}, ErrBadKey
	}
	z, err := strconv.ParseUint(parts[0], 10, 8)
	if err != nil || z > MaxZoom {
		return Key{}, ErrBadKey
	}
	x, err := strconv.ParseUint(parts[1], 10, 32)
	if err != nil || x >= 1<<z {
		return Key{}, ErrBadKey
	}
	y, err := strconv.ParseUint(parts[2], 10, 32)
	if err != nil || y >= 1<<z {
		return Key{}, ErrBadKey
	}
	return Key{Z: uint8(z), X: uint32(x), Y: uint32(y)}, nil
}

// String formats the key as z/x/y.
func (k Key) String() string {
	return strconv.Itoa(int(k.Z)) + "/" + strconv.Itoa(int(k.X)) + "/" + strconv.Itoa(int(k.Y))
}

// Parent returns the tile one zoom level up that contains k.
func (k Key) Parent() Key {
	if k.Z == 0 {
		return k
	}
	return Key{Z: k.Z - 1, X: k.X / 2, Y: k.Y / 2}
}
