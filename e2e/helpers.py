"""Small browser helpers shared by the Supple end-to-end tests."""

from __future__ import annotations

import uuid
from pathlib import Path
from urllib.parse import urlparse

from selenium.common.exceptions import WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select, WebDriverWait

DEMO_PASSWORD = "supple-demo-2026"
ADMIN_EMAIL = "admin@example.org"
MEMBER_EMAIL = "riley@example.org"

WAIT_SECONDS = 10
SCREENSHOT_DIR = Path(__file__).resolve().parent / "screenshots"

PHONE = ("phone", 390, 844)
DESKTOP = ("desktop", 1280, 800)


def unique_email(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:12]}@example.test"


def wait(driver: WebDriver, seconds: float = WAIT_SECONDS) -> WebDriverWait:
    return WebDriverWait(driver, seconds)


def current_path(driver: WebDriver) -> str:
    return urlparse(driver.current_url).path


def wait_for_path(driver: WebDriver, path: str) -> None:
    wait(driver).until(lambda d: current_path(d) == path, f"expected to reach {path}")


def text_of(driver: WebDriver, css: str) -> str:
    return wait(driver).until(EC.visibility_of_element_located((By.CSS_SELECTOR, css))).text


def heading(driver: WebDriver) -> str:
    return text_of(driver, "main h1")


def page_text(driver: WebDriver) -> str:
    return driver.find_element(By.TAG_NAME, "body").text


def set_viewport(driver: WebDriver, width: int, height: int) -> None:
    """Emulate an exact CSS viewport (a headless window has a minimum width of 500px)."""
    driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600},
    )


def save_screenshot(driver: WebDriver, name: str, width: int, height: int) -> Path:
    """Save the whole page (at least one screen tall) at the given viewport width."""
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    set_viewport(driver, width, height)
    full = driver.execute_script(
        "return Math.max(document.body.scrollHeight, document.documentElement.scrollHeight)"
    )
    set_viewport(driver, width, max(height, int(full)))
    path = SCREENSHOT_DIR / f"{name}.png"
    driver.save_screenshot(str(path))
    set_viewport(driver, width, height)
    return path


def open_page(driver: WebDriver, base_url: str, path: str) -> None:
    driver.get(base_url + path)
    wait(driver).until(EC.presence_of_element_located((By.CSS_SELECTOR, "main h1")))


def _new_page_loaded(driver: WebDriver) -> bool:
    try:
        return driver.execute_script(
            "return window.__suppleOldPage !== true && document.readyState === 'complete'"
        )
    except WebDriverException:  # the browser is between documents
        return False


def click_and_wait_for_new_page(driver: WebDriver, button) -> None:
    """Click a submit button and wait until the next page has fully loaded.

    The old page is tagged with a script variable; a new document won't have it. (Waiting for an
    old element to go stale is racy in ChromeDriver during navigation.)
    """
    driver.execute_script("window.__suppleOldPage = true;")
    button.click()
    wait(driver).until(_new_page_loaded, "the form submission did not load a new page")
    wait(driver).until(EC.presence_of_element_located((By.CSS_SELECTOR, "main h1")))


def submit(driver: WebDriver, button_text: str) -> None:
    button = driver.find_element(
        By.XPATH, f"//main//button[@type='submit'][normalize-space()='{button_text}']"
    )
    click_and_wait_for_new_page(driver, button)


def fill(driver: WebDriver, field_id: str, value: str) -> None:
    field = driver.find_element(By.ID, field_id)
    field.clear()
    field.send_keys(value)


def choose(driver: WebDriver, select_id: str, value: str) -> None:
    Select(driver.find_element(By.ID, select_id)).select_by_value(value)


def set_date(driver: WebDriver, field_id: str, iso_date: str) -> None:
    # Chromium's date widget ignores typed ISO dates; set the value directly.
    driver.execute_script("arguments[0].value = arguments[1];", driver.find_element(By.ID, field_id), iso_date)


def set_checkbox(driver: WebDriver, field_id: str, checked: bool) -> None:
    box = driver.find_element(By.ID, field_id)
    if box.is_selected() != checked:
        box.click()


def fill_signup(
    driver: WebDriver,
    *,
    name: str,
    email: str,
    password: str,
    date_of_birth: str = "1980-04-23",
    time_zone: str = "Europe/London",
    consent: bool = True,
) -> None:
    fill(driver, "name", name)
    fill(driver, "email", email)
    fill(driver, "password", password)
    set_date(driver, "dateOfBirth", date_of_birth)
    choose(driver, "timeZone", time_zone)
    set_checkbox(driver, "consent", consent)


def sign_in(driver: WebDriver, base_url: str, email: str, password: str) -> None:
    open_page(driver, base_url, "/signin")
    fill(driver, "email", email)
    fill(driver, "password", password)
    submit(driver, "Sign in")


def sign_out(driver: WebDriver) -> None:
    button = driver.find_element(By.XPATH, "//nav[contains(@class,'site-nav')]//button[normalize-space()='Sign out']")
    click_and_wait_for_new_page(driver, button)
