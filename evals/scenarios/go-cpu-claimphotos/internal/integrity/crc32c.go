// Package integrity computes the checksum the claims app sends with each upload.
//
// The app sends the CRC-32C (Castagnoli) of the photo bytes in the
// X-Content-CRC32C header, the same value the archive bucket reports for the
// stored object, so a photo can be traced end to end.
package integrity

import (
	"encoding/base64"
	"encoding/binary"
	"errors"
)

// castagnoli is the reversed CRC-32C polynomial.
const castagnoli = 0x82f63b78

// ErrMismatch reports an upload whose bytes do not match the checksum sent with it.
var ErrMismatch = errors.New("integrity: checksum mismatch")

// CRC32C returns the CRC-32C of data.
func CRC32C(data []byte) uint32 {
	crc := ^uint32(0)
	for _, b := range data {
		crc ^= uint32(b)
		for bit := 0; bit < 8; bit++ {
			if crc&1 != 0 {
				crc = crc>>1 ^ castagnoli
			} else {
				crc >>= 1
			}
		}
	}
	return ^crc
}

// Encode renders a checksum as the header value: base64 of the big-endian bytes.
func Encode(sum uint32) string {
	var b [4]byte
	binary.BigEndian.PutUint32(b[:], sum)
	return base64.StdEncoding.EncodeToString(b[:])
}

// Decode parses a header value written by Encode.
func Decode(header string) (uint32, error) {
	raw, err := base64.StdEncoding.DecodeString(header)
	if err != nil {
		return 0, err
	}
	if len(raw) != 4 {
		return 0, errors.New("integrity: checksum must be 4 bytes")
	}
	return binary.BigEndian.Uint32(raw), nil
}

// Verify checks data against the header value the app sent.
func Verify(data []byte, header string) (uint32, error) {
	want, err := Decode(header)
	if err != nil {
		return 0, err
	}
	got := CRC32C(data)
	if got != want {
		return got, ErrMismatch
	}
	return got, nil
}
