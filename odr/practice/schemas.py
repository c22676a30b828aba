"""Bodies of the practice endpoints (a rehearsal against a robot; nothing is stored)."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, StringConstraints

from odr.cases.schemas import Category
from odr.negotiating.schemas import MessageOut
from odr.practice.state import MAX_STATE_CHARS
from odr.web.schema import RequestModel, ResponseModel

Seed = Annotated[int, Field(ge=0, le=2**31 - 1)]
SEED_TEXT = (
    "Draws the robot's preferences; the same seed gives the same robot. Left out: a new one."
)
State = Annotated[
    str, StringConstraints(pattern=r"^p1\.[A-Za-z0-9_-]+$", max_length=MAX_STATE_CHARS)
]
IssueName = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9_-]{0,39}$")]
OptionId = Annotated[str, StringConstraints(max_length=40, pattern=r"^[A-Za-z0-9_.+-]+$")]


class PracticeStartIn(RequestModel):
    category: Category
    role: Literal["claimant", "respondent"] = Field(
        default="claimant", description="The side the person plays (docs/api.md, Practice)."
    )
    seed: Seed | None = Field(default=None, description=SEED_TEXT)


class CasePracticeIn(RequestModel):
    seed: Seed | None = Field(default=None, description=SEED_TEXT)


class PracticeOfferIn(RequestModel):
    state: State = Field(description="The `state` of the last answer, as it came.")
    action: Literal["offer", "accept", "end"] = Field(
        description="`offer` a package; `accept` the robot's last offer; `end` the rehearsal."
    )
    package: dict[IssueName, OptionId] | None = Field(
        default=None, description="With `offer`: an option id for every issue."
    )


Labels = dict[str, str] | None
LABELS_TEXT = "The same in kk, ru, en where the claimant gave them (else null)."


class PracticeOptionOut(ResponseModel):
    id: str
    label: str | None = Field(description="The case's own words; null: a typical issue's key.")
    labels: Labels = Field(default=None, description=LABELS_TEXT)


class PracticeRangeOut(ResponseModel):
    min: float
    max: float
    step: float
    unit: str


class PracticeIssueOut(ResponseModel):
    name: str
    label: str | None = Field(description="The case's own label; null: a typical issue.")
    labels: Labels = Field(default=None, description=LABELS_TEXT)
    options: list[PracticeOptionOut] | None = None
    range: PracticeRangeOut | None = None


class ReplyOut(ResponseModel):
    kind: Literal["opening", "counter", "final", "accepted", "walked_away", "agreed", "ended"]
    package: dict[str, str] | None = Field(
        description="The robot's offer (opening, counter, final), the agreed package (accepted, "
        "agreed), or null."
    )
    messages: list[MessageOut]


class DebriefOut(ResponseModel):
    agreed: dict[str, str] | None
    compromise: dict[str, str] | None = Field(
        description="The engine's Nash package for these preferences; null: none acceptable."
    )
    explanation: list[MessageOut] = Field(description="The compromise in the party's terms.")
    their_priorities: list[str]
    tips: list[MessageOut]


class PracticeTurnOut(ResponseModel):
    state: str = Field(description="Send it back with the next offer; it is sealed.")
    round: int = Field(description="Offers made so far.")
    max_rounds: int
    over: bool
    reply: ReplyOut
    debrief: DebriefOut | None = None


class PracticeStartOut(PracticeTurnOut):
    source: Literal["template", "case"]
    category: str
    role: str
    interests_used: bool = Field(description="The party's own stated interests were used.")
    issues: list[PracticeIssueOut]
