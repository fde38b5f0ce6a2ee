"""Synthetic access-log lines, shaped like the edge proxies' real ones."""

import random

PATHS = [
    "/api/v2/products/{id}",
    "/api/v2/cart",
    "/api/v2/cart/items/{id}",
    "/api/v2/search?q=shoes&page={n}",
    "/static/js/app.{id}.js",
    "/img/p/{id}/640.webp",
    "/checkout/payment",
    "/healthz",
]
AGENTS = [
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148",
    "Mozilla/5.0 (X11; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0",
    "kube-probe/1.28",
]
STATUSES = [200] * 30 + [201, 204, 301, 304, 304, 400, 401, 404, 404, 429, 500, 502]


def access_lines(seed=11):
    """Yield access-log lines forever."""
    rng = random.Random(seed)
    second = 0
    while True:
        second += rng.random() < 0.02
        path = rng.choice(PATHS).format(id=rng.randint(1000, 99999), n=rng.randint(1, 40))
        method = "POST" if path.startswith("/api/v2/cart") and rng.random() < 0.4 else "GET"
        yield (
            f"10.{rng.randint(0, 255)}.{rng.randint(0, 255)}.{rng.randint(1, 254)} - - "
            f"[15/Jan/2026:10:{(second // 60) % 60:02d}:{second % 60:02d} +0000] "
            f'"{method} {path} HTTP/1.1" {rng.choice(STATUSES)} {rng.randint(0, 90000)} '
            f'"https://shop.acme.example/" "{rng.choice(AGENTS)}" '
            f"rt={rng.random() * 0.8:.3f} upstream=10.8.{rng.randint(0, 3)}.{rng.randint(2, 40)}:8080"
        )
