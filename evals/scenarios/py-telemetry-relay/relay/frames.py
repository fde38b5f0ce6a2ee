"""Wire format towards the collector: one zlib-compressed JSON document per frame.

Frames are small, so they are compressed with a preset dictionary of the
field names and label values that most samples contain.
"""

import json
import zlib

FORMAT_VERSION = 3
_COMMON = [
    '{"v":3,"kind":"metric","sample":{"host":"host-',
    '","metric":"', '","value":', ',"ts":', ',"labels":{"team":"', '","rack":"r', '","env":"', '","dc":"',
    '","relay":"edge-fra1-03"}}}',
    "cpu.user", "cpu.system", "mem.used", "disk.io.read", "disk.io.write", "net.rx", "net.tx", "load.1m",
    "payments", "search", "platform", "data", "web", "prod", "staging", "fra1", "ams2", "dub1",
]
FRAME_DICTIONARY = ("".join(_COMMON) * 24).encode()


def encode_frame(sample):
    document = {"v": FORMAT_VERSION, "kind": "metric", "sample": sample}
    payload = json.dumps(document, separators=(",", ":")).encode()
    compressor = zlib.compressobj(9, zlib.DEFLATED, 15, 9, zlib.Z_DEFAULT_STRATEGY, FRAME_DICTIONARY)
    return compressor.compress(payload) + compressor.flush()


def frame_header(frame, sequence):
    return sequence.to_bytes(8, "big") + len(frame).to_bytes(4, "big")
