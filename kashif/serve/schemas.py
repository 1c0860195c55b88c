"""The wire format of the HTTP API, as pydantic models.

Requests are validated through these (unknown fields are refused, so a
misspelt ``treshold`` is a 422, not silently ignored). Responses are *not*
passed through them: handlers return ``to_dict()`` of the Python API
unchanged, and the response models here only document that contract in the
OpenAPI schema.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field


class _Request(BaseModel):
    model_config = ConfigDict(extra="forbid")

    lang: Literal["en", "ar"] = Field("en", description="Language of the reasons and warnings.")


class DetectRequest(_Request):
    text: str = Field(description="The article: title, blank line, paragraphs separated by blank lines.")
    threshold: float | None = Field(
        None, ge=0.0, le=1.0, description="Flag scores at or above this; default: the model's own threshold."
    )


class CompareRequest(_Request):
    suspect: str = Field(description="The article to check.")
    original: str = Field(description="The original report it is believed to be based on.")


class CheckRequest(_Request):
    text: str = Field(description="The article to check against the archive.")
    threshold: float | None = Field(
        None, ge=0.0, le=1.0, description="When no original is found: flag detector scores at or above this; default: the model's."
    )


class SentenceOut(BaseModel):
    start: int = Field(description="Offset of the sentence in the text, in Unicode code points.")
    end: int
    text: str
    score: float = Field(description="Probability (0-1) that the sentence was machine-inserted.")
    inserted: bool = Field(description="score ≥ the threshold in force.")
    reasons: list[str] = Field(description="Why it was flagged (empty when not flagged).")


class ModelOut(BaseModel):
    name: str
    version: str


class DetectResponse(BaseModel):
    """`kashif.detect(...).to_dict()`: the same JSON as ``kashif detect -f json``."""

    sentences: list[SentenceOut]
    threshold: float
    warnings: list[str]
    model: ModelOut


class Health(BaseModel):
    status: Literal["ok"]
    version: str
    model: ModelOut
    archive: bool = Field(description="Whether /v1/check is available (an archive database is configured).")


class Problem(BaseModel):
    """Every error answer: one line saying what is wrong."""

    detail: str
    errors: list[dict[str, Any]] | None = Field(None, description="For 422: each invalid field (loc, msg, type).")
