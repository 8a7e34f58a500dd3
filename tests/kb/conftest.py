from pathlib import Path

import pytest

from sorot.kb.loader import build_knowledge_base

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="session")
def kb():
    """The real states, places and organisations with the small test people file."""
    return build_knowledge_base(people=[FIXTURES / "people.yaml"])
