"""Count LLM tokens offline, with one documented tokenizer.

The token budget benchmark (docs/evals.md) counts with OpenAI's ``o200k_base`` encoding (the
GPT-4o family) through ``bpe-openai``, which bundles its BPE tables: ``tiktoken`` downloads its
files on first use and fails on machines without internet. Counts are for comparing inputs with
each other; other model families tokenize differently, but the ratio between two texts stays
close.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from profile_insights.agent.errors import ToolNotFoundError

#: The encoding every reported token count uses.
ENCODING = "o200k_base"


@lru_cache(maxsize=2)
def _encoding(name: str) -> Any:
    try:
        import bpe_openai  # an optional (dev) dependency, loaded when tokens are counted
    except ImportError:
        raise ToolNotFoundError(
            "counting tokens needs the bpe-openai package, which is not installed.",
            hint="Install it with `pip install bpe-openai` (it is in the dev extra).",
        ) from None
    return bpe_openai.get_encoding(name)


def count_tokens(text: str, encoding: str = ENCODING) -> int:
    """Return how many tokens ``text`` is in ``encoding`` (special tokens count as text).

    Raises:
        ToolNotFoundError: when bpe-openai is not installed.
    """
    if not text:
        return 0
    return len(_encoding(encoding).encode_ordinary(text))
