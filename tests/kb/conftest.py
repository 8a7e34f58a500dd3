from pathlib import Path

import pytest

from sorot.kb.loader import build_knowledge_base

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="session")
def kb():
    """The real states, places and organisations with the small test people file."""
    return build_knowledge_base(people=[FIXTURES / "people.yaml"])


@pytest.fixture(scope="session")
def real_kb():
    """The knowledge base as shipped (with the real people files)."""
    from sorot.kb import knowledge_base

    return knowledge_base()
