"""The questions the graph asks the user (``interrupt``), and the answers each one accepts.

A question is a :class:`Question` (its kind, a message for a person, the options offered). The
answer is validated by the question's schema; :func:`answer_value` turns what a person types
(``"checkout"``, ``"a,b"``, a URL, ``"retry"``) into the value that schema expects, so every way
in (the CLI prompt, ``resume --answer``, a tool's ``answer``, a LangGraph Server resume with a
plain string) accepts the same answers.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any, Literal, overload

from pydantic import BaseModel, Field, ValidationError, field_validator

from profile_insights.agent.errors import UserInputError

QuestionKind = Literal["configure_connection", "choose_service", "choose_baseline", "choose_label"]
#: Every kind of question the graph asks (the ``kind`` of an interrupt's value).
QUESTION_KINDS: tuple[QuestionKind, ...] = (
    "configure_connection",
    "choose_service",
    "choose_baseline",
    "choose_label",
)


class Question(BaseModel):
    """A question put to the user through ``interrupt``: what to ask and the options offered."""

    kind: QuestionKind
    message: str
    options: list[dict[str, Any]] = Field(default_factory=list)


class ServiceAnswer(BaseModel):
    """The answer to the service question: one or more of the listed service names."""

    services: list[str] = Field(min_length=1, description="Names of the listed services.")

    @field_validator("services")
    @classmethod
    def _strip(cls, value: list[str]) -> list[str]:
        names = [name.strip() for name in value if name.strip()]
        if not names:
            raise ValueError("name at least one service")
        return names


class BaselineAnswer(BaseModel):
    """The answer to the baseline question: one of the offered refs (a prefix will do)."""

    baseline: str = Field(min_length=1)

    @field_validator("baseline")
    @classmethod
    def _strip(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("name one of the offered baselines")
        return value.strip()


class LabelAnswer(BaseModel):
    """The answer to the label question: one of the offered label names."""

    label: str = Field(min_length=1)

    @field_validator("label")
    @classmethod
    def _strip(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("name one of the offered labels")
        return value.strip()


class ConnectionAnswer(BaseModel):
    """The answer to the configuration question: a new URL and/or tenant, or just retry.

    A token is never part of the answer: the caller puts it in the context's secret store.
    """

    url: str | None = Field(default=None, description="The Pyroscope URL to use instead.")
    tenant: str | None = Field(default=None, description="The tenant ID (X-Scope-OrgID).")
    retry: bool = Field(default=False, description="Retry with the current settings.")

    @field_validator("url")
    @classmethod
    def _http_url(cls, value: str | None) -> str | None:
        if value is None or not value.strip():
            return None
        value = value.strip().rstrip("/")
        if not value.startswith(("http://", "https://")):
            raise ValueError("the URL must start with http:// or https://")
        if "@" in value.split("//", 1)[1].split("/", 1)[0]:
            raise ValueError("put credentials in the token, not in the URL")
        return value


def answer_schema(kind: str) -> type[BaseModel]:
    """Return the model an answer to a question of this kind must validate as."""
    return next(model for name, model in ANSWER_MODELS.items() if name == kind)


def answer_value(kind: str, answer: Any) -> dict[str, Any]:
    """Turn an answer as a person types it into the value the question's schema expects.

    ``choose_service``: ``"a"``, ``"a,b"``, a list of names or ``{"services": [...]}``.
    ``choose_baseline``: a ref (or its prefix), or ``yesterday``/``last week``.
    ``choose_label``: a label name.
    ``configure_connection``: a URL, ``"retry"``, or a JSON object ``{"url": ..., "tenant":
    ...}``.
    """
    if isinstance(answer, Mapping):
        value = dict(answer)
        if kind == "choose_service" and isinstance(value.get("services"), str):
            # {"services": "a,b"}: the documented object with the typed text in it.
            value["services"] = answer_value(kind, value["services"])["services"]
        return value
    if kind == "choose_baseline":
        text = str(answer).strip()
        if not text:
            raise UserInputError(
                "the answer names no baseline",
                "Answer with one of the listed refs (a prefix will do), or yesterday; the "
                "question is still pending.",
            )
        return {"baseline": text}
    if kind == "choose_label":
        text = str(answer).strip()
        if not text:
            raise UserInputError(
                "the answer names no label",
                "Answer with one of the listed label names; the question is still pending.",
            )
        return {"label": text}
    if kind == "choose_service":
        if isinstance(answer, str):
            names = [part.strip() for part in answer.split(",") if part.strip()]
        else:
            names = [str(part).strip() for part in answer]
        if not names:  # the schema would say "List should have at least 1 item"
            raise UserInputError(
                "the answer names no service",
                "Answer with one or more of the listed service names, separated by commas; "
                "the question is still pending.",
            )
        return {"services": names}
    text = str(answer).strip()
    if text.startswith("{"):
        try:
            parsed = json.loads(text)
        except json.JSONDecodeError as error:
            raise UserInputError(
                f"the answer is not valid JSON: {error.msg}",
                'Answer with a URL, "retry", or a JSON object such as '
                '{"url": "http://localhost:4040", "tenant": "team-a"}.',
            ) from error
        if isinstance(parsed, dict):
            return parsed
    if text.lower() in ("retry", "r", ""):
        return {"retry": True}
    return {"url": text}


#: The model of each question's answer.
ANSWER_MODELS: dict[
    QuestionKind, type[ServiceAnswer | BaselineAnswer | LabelAnswer | ConnectionAnswer]
] = {
    "choose_service": ServiceAnswer,
    "choose_baseline": BaselineAnswer,
    "choose_label": LabelAnswer,
    "configure_connection": ConnectionAnswer,
}


def response_schema(kind: QuestionKind) -> dict[str, Any]:
    """Return the JSON Schema of the answers a question takes: its object, or the plain value.

    Given to ``interrupt`` as a dict, so LangGraph publishes it with the question but leaves
    the checking to the node (:func:`parse_answer`), which takes the plain forms too and asks
    again when an answer is refused; a model class would make LangGraph refuse
    ``"checkout-worker"`` and fail the run.
    """
    if kind == "choose_baseline":
        return {
            "anyOf": [
                BaselineAnswer.model_json_schema(),
                {"type": "string", "description": "A ref (a prefix will do), or yesterday."},
            ]
        }
    if kind == "choose_label":
        return {
            "anyOf": [
                LabelAnswer.model_json_schema(),
                {"type": "string", "description": "One of the offered label names."},
            ]
        }
    if kind == "choose_service":
        return {
            "anyOf": [
                ServiceAnswer.model_json_schema(),
                {"type": "string", "description": "A service name, or names separated by commas."},
                {"type": "array", "items": {"type": "string"}, "description": "Service names."},
            ]
        }
    return {
        "anyOf": [
            ConnectionAnswer.model_json_schema(),
            {"type": "string", "description": 'A URL (http://localhost:4040), or "retry".'},
        ]
    }


@overload
def parse_answer(kind: Literal["choose_service"], answer: Any) -> ServiceAnswer: ...
@overload
def parse_answer(kind: Literal["choose_baseline"], answer: Any) -> BaselineAnswer: ...
@overload
def parse_answer(kind: Literal["choose_label"], answer: Any) -> LabelAnswer: ...
@overload
def parse_answer(kind: Literal["configure_connection"], answer: Any) -> ConnectionAnswer: ...
def parse_answer(
    kind: QuestionKind, answer: Any
) -> ServiceAnswer | BaselineAnswer | LabelAnswer | ConnectionAnswer:
    """Return the answer as its question's model: the documented object or the plain value.

    A LangGraph Server client resumes with ``{"services": ["checkout-worker"]}`` or just
    ``"checkout-worker"``; both reach the question's node as the same model.

    Raises:
        UserInputError: the answer is not one the question accepts (the message says why).
    """
    schema = ANSWER_MODELS[kind]
    if isinstance(answer, schema):
        return answer
    try:
        return schema.model_validate(answer_value(kind, answer))
    except ValidationError as error:
        raise UserInputError(
            f"the answer was refused: {refusal(error)}",
            "Answer again with a value the question accepts; the question is still pending.",
        ) from error


def refusal(error: ValidationError) -> str:
    """Return the first reason pydantic gives, with where it applies (``url: ...``)."""
    problem = error.errors()[0]
    where = ".".join(str(part) for part in problem.get("loc", ()))
    message = str(problem.get("msg", "not accepted")).removeprefix("Value error, ")
    return f"{where}: {message}" if where else message
