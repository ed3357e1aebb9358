"""axe-core 4.12 on the pages members and the care team use most, in English: no serious or
critical violation anywhere (the Spanish pages are checked in test_spanish.py)."""

import pytest

from axe import assert_accessible
from helpers import DEMO_PASSWORD, open_page, sign_in

PUBLIC = ["/", "/coverage", "/signup", "/signin", "/library", "/library/exercises/bird-dog", "/library/articles",
          "/library/articles/when-to-get-urgent-help"]
MEMBER = ["/home", "/plan", "/session", "/progress", "/messages", "/account", "/checkins/safety"]
STAFF = ["/staff", "/staff/members", "/staff/replies"]


def test_public_pages_have_no_serious_accessibility_problems(driver, base_url):
    for path in PUBLIC:
        open_page(driver, base_url, path)
        assert_accessible(driver, path)


def test_member_pages_have_no_serious_accessibility_problems(driver, base_url):
    sign_in(driver, base_url, "casey@example.org", DEMO_PASSWORD)
    for path in MEMBER:
        open_page(driver, base_url, path)
        assert_accessible(driver, path)


def test_care_team_pages_have_no_serious_accessibility_problems(driver, base_url):
    sign_in(driver, base_url, "pt@example.org", DEMO_PASSWORD)
    for path in STAFF:
        open_page(driver, base_url, path)
        assert_accessible(driver, path)
