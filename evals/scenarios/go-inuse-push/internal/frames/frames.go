// Package frames encodes notification frames.
package frames

import "encoding/binary"

// Append appends a frame (uint16 topic length, topic, uint16 payload length, payload) to b.
func Append(b []byte, topic string, payload []byte) []byte {
	b = binary.BigEndian.AppendUint16(b, uint16(len(topic)))
	b = append(b, topic...)
	b = binary.BigEndian.AppendUint16(b, uint16(len(payload)))
	return append(b, payload...)
}
