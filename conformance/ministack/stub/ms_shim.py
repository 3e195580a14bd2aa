"""pytest plugin for conformance/ministack/run.sh: the worker_id fixture
pytest-xdist would give, for a run without xdist."""
import pytest


@pytest.fixture(scope="session")
def worker_id():
    return "master"
