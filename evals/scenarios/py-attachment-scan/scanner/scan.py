"""Scans every attachment of an inbound message before it is delivered."""

import base64
import os
import subprocess
import tempfile
from pathlib import Path

SCANNER = ["/bin/sh", str(Path(__file__).resolve().parent.parent / "tools" / "avscan.sh")]
SCAN_TIMEOUT_SECONDS = 30


class AttachmentScanner:
    """Runs the virus scanner over a message's attachments and keeps a verdict per file."""

    def __init__(self, spool_dir):
        self.spool_dir = spool_dir
        self.stats = {"messages": 0, "attachments": 0, "infected": 0}

    def scan_message(self, message):
        """Return {filename: verdict} for every attachment; 'infected' ones get quarantined."""
        verdicts = {}
        with tempfile.TemporaryDirectory(dir=self.spool_dir) as workdir:
            for attachment in message["attachments"]:
                path = os.path.join(workdir, attachment["filename"])
                with open(path, "wb") as handle:
                    handle.write(base64.b64decode(attachment["content"]))
                result = subprocess.run(
                    [*SCANNER, path],
                    capture_output=True,
                    text=True,
                    timeout=SCAN_TIMEOUT_SECONDS,
                    check=False,
                )
                verdicts[attachment["filename"]] = "infected" if result.returncode == 1 else "clean"
        self.stats["messages"] += 1
        self.stats["attachments"] += len(verdicts)
        self.stats["infected"] += sum(v == "infected" for v in verdicts.values())
        return verdicts


def quarantine_list(verdicts):
    """Return the attachment names the gateway strips before delivery."""
    return sorted(name for name, verdict in verdicts.items() if verdict == "infected")
