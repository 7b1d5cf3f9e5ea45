"""Records the extraction components put on a Doc: mentions, relations, metrics."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal


@dataclass(frozen=True)
class EntityRef:
    """An entity by identity: class, key and canonical label."""

    cls: str
    key: str
    label: str


@dataclass
class Mention:
    """A typed, identity-resolved mention of an entity: tokens ``[start, end)`` of a Doc."""

    start: int
    end: int
    cls: str
    key: str
    label: str
    confidence: float
    rule: str
    country: str | None = None  # a regulator's jurisdiction, when the text gives it
    aliases: tuple[str, ...] = ()
    name: str | None = None  # a regulator's name without jurisdiction words ("Supreme Court")

    @property
    def ref(self) -> EntityRef:
        """The entity this mention refers to."""
        return EntityRef(self.cls, self.key, self.label)


@dataclass
class RelationHit:
    """``subject predicate object`` found in tokens ``[start, end)``."""

    subject: EntityRef
    predicate: str
    object: EntityRef
    start: int
    end: int
    confidence: float
    rule: str


@dataclass
class MetricHit:
    """A quantitative statement found in tokens ``[start, end)``."""

    value: Decimal
    unit: str
    measure: str
    subject: EntityRef
    start: int
    end: int
    confidence: float
    rule: str
    location: EntityRef | None = None
    date: str | None = None
    extra: dict = field(default_factory=dict)
