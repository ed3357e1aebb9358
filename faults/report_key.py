"""Where a test keeps its servers so conftest can attach their output to a failure report. A
module of its own, so conftest and test modules share one key (importing conftest itself from a
test could load a second copy of it)."""

import pytest

servers_key = pytest.StashKey[list]()
