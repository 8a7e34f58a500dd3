"""The actor knowledge base (states, places, organisations, people) and the entity linker (`link` stage).

API for later stages:
    link_entities(article) -> Article          the pipeline stage
    entity_at(article, start, end) -> Entity   the entity with a mention covering an offset range
    knowledge_base() -> KnowledgeBase          .lookup(alias), .holder(role, country_or_org, date), .leader(...)
"""

from sorot.kb.linker import entity_at, link_entities
from sorot.kb.loader import knowledge_base
from sorot.kb.store import KnowledgeBase

__all__ = ["KnowledgeBase", "entity_at", "knowledge_base", "link_entities"]
