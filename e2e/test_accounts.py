"""Account journeys in a real browser: member sign-up/sign-in, staff invitations, form errors."""

import pytest
from selenium.webdriver.common.by import By

from helpers import (
    ADMIN_EMAIL,
    DEMO_PASSWORD,
    DESKTOP,
    MEMBER_EMAIL,
    PHONE,
    choose,
    current_path,
    fill,
    fill_signup,
    heading,
    open_page,
    page_text,
    save_screenshot,
    sign_in,
    sign_out,
    submit,
    text_of,
    unique_email,
    wait_for_path,
)


def test_member_signs_up_signs_out_and_signs_back_in(driver, base_url):
    email = unique_email("member")
    password = "walk every morning"

    open_page(driver, base_url, "/signup")
    assert heading(driver) == "Join Supple"
    fill_signup(driver, name="Jordan Example", email=email, password=password)
    submit(driver, "Create my account")

    wait_for_path(driver, "/home")
    assert heading(driver) == "Hi, Jordan"
    assert "Welcome to Supple. Your account is ready." in page_text(driver)

    sign_out(driver)
    wait_for_path(driver, "/signin")
    assert "You've signed out." in page_text(driver)

    sign_in(driver, base_url, email, password)
    wait_for_path(driver, "/home")
    assert heading(driver) == "Hi, Jordan"
    assert "Welcome to Supple" not in page_text(driver)


def test_wrong_password_is_refused(driver, base_url):
    sign_in(driver, base_url, MEMBER_EMAIL, "not-the-password")

    assert current_path(driver) == "/signin"
    assert "don't match an account" in text_of(driver, "#form-error")
    assert driver.find_element(By.ID, "email").get_attribute("value") == MEMBER_EMAIL


def test_admin_invites_a_physical_therapist_who_joins(driver, base_url):
    email = unique_email("pt")

    sign_in(driver, base_url, ADMIN_EMAIL, DEMO_PASSWORD)
    wait_for_path(driver, "/staff")
    assert heading(driver) == "Queue"

    open_page(driver, base_url, "/staff/team")
    fill(driver, "email", email)
    driver.find_element(By.ID, "role-physical_therapist").click()
    submit(driver, "Create invitation link")

    assert email in text_of(driver, "#one-time-link")
    link = text_of(driver, "#link-to-pass-on").strip()
    assert link.startswith(f"{base_url}/invite/"), link

    sign_out(driver)
    wait_for_path(driver, "/signin")

    driver.get(link)
    assert heading(driver) == "Join the Supple care team"
    assert email in page_text(driver)
    fill(driver, "name", "Pat Therapist")
    fill(driver, "password", "strong staff passphrase")
    choose(driver, "timeZone", "Europe/London")
    submit(driver, "Open my account")

    wait_for_path(driver, "/staff")
    assert heading(driver) == "Queue"
    assert "Signed in as Pat Therapist, Physical therapist" in page_text(driver)

    open_page(driver, base_url, "/staff/team")
    assert heading(driver) == "That page isn't open to you"


def test_signup_with_bad_input_shows_field_errors(driver, base_url):
    email = unique_email("invalid")

    open_page(driver, base_url, "/signup")
    fill_signup(
        driver,
        name="Sam Future",
        email=email,
        password="long enough password",
        date_of_birth="2999-01-01",
        consent=False,
    )
    submit(driver, "Create my account")

    assert current_path(driver) == "/signup"
    assert heading(driver) == "Join Supple"
    assert text_of(driver, "#form-error")
    assert text_of(driver, "#dob-error")
    assert text_of(driver, "#consent-error")
    assert driver.find_element(By.ID, "dateOfBirth").get_attribute("aria-invalid") == "true"
    assert driver.find_element(By.ID, "consent").get_attribute("aria-invalid") == "true"
    # What the person typed is kept, so they only fix what's wrong.
    assert driver.find_element(By.ID, "name").get_attribute("value") == "Sam Future"
    assert driver.find_element(By.ID, "email").get_attribute("value") == email


def test_screenshots(driver, base_url):
    """Phone and desktop screenshots of the main pages, saved to e2e/screenshots/."""
    for device, width, height in (PHONE, DESKTOP):
        driver.delete_all_cookies()
        for page, path in (("landing", "/"), ("signup", "/signup")):
            open_page(driver, base_url, path)
            assert save_screenshot(driver, f"{device}-{page}", width, height).stat().st_size > 0

        sign_in(driver, base_url, ADMIN_EMAIL, DEMO_PASSWORD)
        wait_for_path(driver, "/staff")
        save_screenshot(driver, f"{device}-staff-members", width, height)
        open_page(driver, base_url, "/staff/team")
        assert heading(driver) == "Care team"
        save_screenshot(driver, f"{device}-staff-team", width, height)
        sign_out(driver)


PHONE_PAGES = [
    ("/", False),
    ("/signup", False),
    ("/signin", False),
    ("/staff", True),
    ("/staff/team", True),
    ("/library", False),
    ("/library/exercises/forward-bend", False),
    ("/library/articles/back-pain-when-walking", False),
]


@pytest.mark.parametrize(("path", "as_admin"), PHONE_PAGES)
def test_phone_pages_do_not_scroll_sideways(driver, base_url, path, as_admin):
    if as_admin:
        sign_in(driver, base_url, ADMIN_EMAIL, DEMO_PASSWORD)
    open_page(driver, base_url, path)
    scroll_width, viewport_width = driver.execute_script(
        "return [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert scroll_width <= viewport_width, f"{path} is {scroll_width}px wide on a {viewport_width}px screen"
