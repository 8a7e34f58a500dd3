"""collector_paused: the garbage collector held off while a large structure is built, and given back."""

import gc

import pytest

from sorot.data import collector_paused


def test_paused_inside_and_enabled_after() -> None:
    assert gc.isenabled()
    with collector_paused():
        assert not gc.isenabled()
        with collector_paused():          # a nested build does not re-enable it early
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()


def test_enabled_again_after_an_error() -> None:
    with pytest.raises(ValueError), collector_paused():
        raise ValueError("a data file that does not parse")
    assert gc.isenabled()


def test_a_collector_the_caller_paused_stays_paused() -> None:
    gc.disable()
    try:
        with collector_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_loaders_give_the_collector_back() -> None:
    from sorot.kb.loader import build_knowledge_base

    assert build_knowledge_base().entries
    assert gc.isenabled()
