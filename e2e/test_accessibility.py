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


def dark(driver):
    """Emulate a phone set to dark mode (prefers-color-scheme: dark) for the pages that follow."""
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": [{"name": "prefers-color-scheme", "value": "dark"}]})


def test_dark_mode_keeps_contrast_on_member_and_care_team_pages(driver, base_url):
    from helpers import PHONE, save_screenshot, sign_out
    dark(driver)
    try:
        open_page(driver, base_url, "/")
        assert driver.execute_script("return matchMedia('(prefers-color-scheme: dark)').matches")
        background = driver.execute_script("return getComputedStyle(document.body).backgroundColor")
        assert background != "rgb(250, 247, 242)", "the page follows the dark setting"
        assert_accessible(driver, "/ (dark)")
        sign_in(driver, base_url, "riley@example.org", DEMO_PASSWORD)  # Riley has a plan and three weeks of history
        for path in ["/home", "/plan", "/session", "/progress", "/library/exercises/bird-dog"]:
            open_page(driver, base_url, path)
            assert_accessible(driver, f"{path} (dark)")
        open_page(driver, base_url, "/home")
        save_screenshot(driver, "phone-today-dark", PHONE[1], PHONE[2])
        open_page(driver, base_url, "/session")
        save_screenshot(driver, "phone-session-dark", PHONE[1], PHONE[2])
        sign_out(driver)
        sign_in(driver, base_url, "pt@example.org", DEMO_PASSWORD)
        for path in STAFF:
            open_page(driver, base_url, path)
            assert_accessible(driver, f"{path} (dark)")
    finally:
        driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": []})
