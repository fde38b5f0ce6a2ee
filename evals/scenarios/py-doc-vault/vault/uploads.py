"""Uploads as the web and mobile clients send them (generated for local runs)."""

import random
from dataclasses import dataclass

# content type -> (share of uploads, typical size in KiB)
MIX = {
    "image/jpeg": (0.46, 900),
    "application/pdf": (0.22, 600),
    "application/zip": (0.10, 1400),
    "image/png": (0.08, 700),
    "text/csv": (0.08, 300),
    "application/json": (0.06, 120),
}
EXTENSIONS = {
    "image/jpeg": "jpg",
    "application/pdf": "pdf",
    "application/zip": "zip",
    "image/png": "png",
    "text/csv": "csv",
    "application/json": "json",
}


@dataclass
class Upload:
    case_id: str
    filename: str
    content_type: str
    body: bytes


def _sample_text(rng, size):
    rows = [f"{rng.randint(1, 99999)},{rng.choice(['open', 'closed', 'pending'])},{rng.random():.4f}\n" for _ in range(size // 24)]
    return "".join(rows).encode()


class SampleCorpus:
    """Sample file contents the local runs cut uploads from."""

    def __init__(self, rng, size=8 * 1024 * 1024):
        self.text = _sample_text(rng, size)
        # camera images, PDFs with embedded images and zip archives are already entropy-coded
        self.binary = rng.randbytes(size)

    def body(self, rng, content_type, size):
        source = self.text if content_type in ("text/csv", "application/json") else self.binary
        start = rng.randrange(0, len(source) - size)
        return source[start:start + size]


def upload_stream(seed=3):
    """Yield uploads forever, in the observed content-type mix."""
    rng = random.Random(seed)
    types = list(MIX)
    weights = [MIX[t][0] for t in types]
    corpus = SampleCorpus(rng)
    n = 0
    while True:
        content_type = rng.choices(types, weights)[0]
        size = int(MIX[content_type][1] * 1024 * rng.uniform(0.5, 1.5))
        n += 1
        yield Upload(
            case_id=f"C-{rng.randint(1, 5000):05d}",
            filename=f"upload-{n}.{EXTENSIONS[content_type]}",
            content_type=content_type,
            body=corpus.body(rng, content_type, size),
        )
