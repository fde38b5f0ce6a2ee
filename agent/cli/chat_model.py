"""Loading the chat model named by ``--model``: a ``module:factory`` or a LangChain name."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from profile_insights.agent.errors import ConfigurationError, shown

if TYPE_CHECKING:
    from langchain_core.language_models import BaseChatModel


def load_model(name: str) -> BaseChatModel:
    """Return the chat model ``name``: ``module:factory`` or a LangChain ``provider:model``."""
    from langchain_core.language_models import BaseChatModel

    module_name, _, attribute = name.partition(":")
    if module_name and attribute:
        try:
            module = importlib.import_module(module_name)
        except ImportError:
            module = None
        factory = getattr(module, attribute, None) if module is not None else None
        if callable(factory):
            try:
                model = factory()
            except Exception as error:  # the user's code: a missing API key, a wrong signature
                raise ConfigurationError(
                    f"--model {shown(name)}: the factory failed "
                    f"({type(error).__name__}: {_first_line(error)})",
                    "Fix the factory (no arguments, returns a chat model) or the credentials "
                    "its provider needs.",
                ) from error
            if not isinstance(model, BaseChatModel):
                raise ConfigurationError(
                    f"{shown(name)} returned {type(model).__name__}, not a LangChain BaseChatModel",
                    "Point --model at a factory that returns a chat model.",
                )
            return model
    try:
        from langchain.chat_models import (  # type: ignore[import-not-found,unused-ignore]
            init_chat_model,
        )
    except ImportError as error:
        raise ConfigurationError(
            f"--model {shown(name)}: LangChain model names need the optional 'llm' extra",
            "pip install 'profile-insights[llm]' (OpenAI and OpenAI-compatible servers; add "
            "another provider's package, e.g. langchain-anthropic, for its models), or pass a "
            "Python factory as module:function.",
        ) from error
    try:
        model = init_chat_model(name)
    except Exception as error:  # provider packages raise their own types
        raise ConfigurationError(
            f"--model {shown(name)}: {_first_line(error)}",
            "Check the provider name and its package, or pass a Python factory as "
            "module:function (is the module importable?).",
        ) from error
    if not isinstance(model, BaseChatModel):
        raise ConfigurationError(f"--model {shown(name)} did not give a chat model")
    return model


def _first_line(error: BaseException) -> str:
    # Provider errors run to paragraphs (a list of every provider): the first line says it.
    text = str(error).strip()
    return shown(text.splitlines()[0] if text else type(error).__name__, 300)
