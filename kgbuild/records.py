"""Plain records between extraction and RDF: what one document says.

The extractor fills a :class:`DocumentRecords`; :mod:`kgbuild.graph` turns it into
quads.  Records hold strings and numbers only, so they pickle cheaply across
processes and are easy to build by hand in tests.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from .iris import entity_id


@dataclass(frozen=True)
class Evidence:
    """A supporting span: character offsets in the document, its sentence, confidence."""

    start: int
    end: int
    sentence: int
    text: str
    confidence: float
    rule: str


@dataclass
class Entity:
    """One real-world entity as found in one document."""

    cls: str
    key: str
    label: str
    aliases: set[str] = field(default_factory=set)
    evidence: list[Evidence] = field(default_factory=list)

    @property
    def id(self) -> str:
        """The entity's IRI, as a string: deterministic from class and key."""
        return entity_id(self.cls, self.key)


@dataclass
class Relation:
    """``subject predicate object`` between two entity ids, with its evidence."""

    subject: str
    predicate: str
    object: str
    evidence: list[Evidence] = field(default_factory=list)


@dataclass
class Metric:
    """One quantitative statement."""

    value: Decimal
    unit: str
    measure: str
    subject: str
    location: str | None = None
    date: str | None = None
    evidence: list[Evidence] = field(default_factory=list)


@dataclass(frozen=True)
class Sentence:
    """A sentence of the document with its character offsets."""

    index: int
    start: int
    end: int
    text: str


@dataclass
class DocumentRecords:
    """Everything extracted from one document."""

    source_name: str
    sha256: str
    sentences: list[Sentence] = field(default_factory=list)
    entities: dict[str, Entity] = field(default_factory=dict)
    relations: list[Relation] = field(default_factory=list)
    metrics: list[Metric] = field(default_factory=list)

    def add_entity(self, entity: Entity) -> Entity:
        """Add ``entity`` or merge it into the one with the same id; return the kept one."""
        kept = self.entities.get(entity.id)
        if kept is None:
            self.entities[entity.id] = entity
            return entity
        kept.aliases |= entity.aliases
        if entity.label != kept.label:
            kept.aliases.add(entity.label)
        kept.evidence.extend(entity.evidence)
        return kept

    def add_relation(self, subject: str, predicate: str, obj: str, evidence: Evidence) -> None:
        """Add a relation, merging evidence with an identical earlier one."""
        if subject == obj:
            return
        for rel in self.relations:
            if (rel.subject, rel.predicate, rel.object) == (subject, predicate, obj):
                if evidence not in rel.evidence:
                    rel.evidence.append(evidence)
                return
        self.relations.append(Relation(subject, predicate, obj, [evidence]))

    def entity_counts(self) -> dict[str, int]:
        """Number of entities per class."""
        counts: dict[str, int] = {}
        for e in self.entities.values():
            counts[e.cls] = counts.get(e.cls, 0) + 1
        return counts
