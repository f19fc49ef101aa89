import pytest

from indsats.plan import bundled_plan
from indsats.plan.validation import kendte_maal

VARDE = "varde_2020_2023_revideret_2021.yaml"


@pytest.fixture(scope="session")
def varde():
    return bundled_plan(VARDE)


@pytest.fixture(scope="session")
def varde_goals(varde):
    return kendte_maal(varde)


@pytest.fixture(scope="session")
def handmade_dir(tmp_path_factory):
    """The hand-made register of tests/analytics/handmade.py written as a register directory."""
    from indsats.register.store import write_register
    from tests.analytics.handmade import handmade_register

    d = tmp_path_factory.mktemp("handmade") / "573"
    write_register(handmade_register(), d)
    return d
