"""The label question's answers: what a person types becomes a checked LabelAnswer."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from profile_insights.agent.errors import UserInputError
from profile_insights.graph.questions import (
    QUESTION_KINDS,
    LabelAnswer,
    answer_schema,
    answer_value,
)


def test_a_typed_label_name_is_the_answer_without_its_spaces() -> None:
    value = answer_value("choose_label", "  http_route ")
    assert value == {"label": "http_route"}
    assert answer_schema("choose_label").model_validate(value) == LabelAnswer(label="http_route")


def test_a_blank_answer_is_refused_with_what_to_answer() -> None:
    with pytest.raises(UserInputError, match="names no label") as raised:
        answer_value("choose_label", " ")
    assert "the question is still pending" in raised.value.hint


def test_a_mapping_answer_must_still_name_a_label() -> None:
    with pytest.raises(ValidationError):
        answer_schema("choose_label").model_validate(answer_value("choose_label", {"label": " "}))


def test_every_question_kind_has_its_own_answer_schema() -> None:
    schemas = {kind: answer_schema(kind) for kind in QUESTION_KINDS}
    assert schemas["choose_label"] is LabelAnswer
    assert len(set(schemas.values())) == len(QUESTION_KINDS)
