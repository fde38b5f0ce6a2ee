"""Tag agent samples and forward them."""

from relay.frames import encode_frame, frame_header


class Forwarder:
    def __init__(self, inventory, transport):
        self.inventory = inventory
        self.transport = transport
        self.sequence = 0

    def tag(self, sample):
        host = self.inventory.get(sample["host"], {})
        return {**sample, "labels": {**host, "relay": "edge-fra1-03"}}

    def forward(self, sample):
        frame = encode_frame(self.tag(sample))
        self.sequence += 1
        self.transport.send(frame_header(frame, self.sequence) + frame)


class CountingTransport:
    """Stands in for the TCP connection to the collector."""

    def __init__(self):
        self.frames = 0
        self.bytes = 0

    def send(self, payload):
        self.frames += 1
        self.bytes += len(payload)
