"""The packing stations' label printers (ZPL over the station's print queue)."""

import hashlib


class StationPrinter:
    def __init__(self, station):
        self.station = station
        self.printed = 0
        self._spool_digest = hashlib.sha256()

    def print_label(self, label):
        header = f"^XA^FO50,50^A0N,40,40^FD{label.tracking}^FS^XZ".encode()
        self._spool_digest.update(header)
        self._spool_digest.update(label.document[:256])
        self.printed += 1
