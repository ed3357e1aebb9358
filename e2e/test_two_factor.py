"""Two-step sign-in in a real browser, checked by other people's code: the QR code Supple draws
is read by zxing-cpp, and the codes come from pyotp, as a phone's authenticator app would make
them (issue 17, finding 3)."""

import re
import time

import numpy
import pyotp
import zxingcpp
from selenium.webdriver.common.by import By

from helpers import (
    PHONE,
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
    unique_email,
    wait_for_path,
)


def read_qr(svg: str) -> str:
    """Draws Supple's SVG (unit squares on a light ground) into pixels and decodes it."""
    extent = int(re.search(r'viewBox="0 0 (\d+) \1"', svg).group(1))
    scale = 6
    pixels = numpy.full((extent * scale, extent * scale), 255, dtype=numpy.uint8)
    for x, y in re.findall(r"M(\d+) (\d+)h1v1h-1z", svg):
        x, y = int(x), int(y)
        pixels[y * scale:(y + 1) * scale, x * scale:(x + 1) * scale] = 0
    found = zxingcpp.read_barcodes(pixels)
    assert len(found) == 1 and found[0].format == zxingcpp.BarcodeFormat.QRCode, "the QR code did not read"
    return found[0].text


def test_member_turns_on_two_step_sign_in_with_a_real_authenticator(driver, base_url):
    email = unique_email("twostep")
    password = "tea in the garden at noon"
    open_page(driver, base_url, "/signup")
    fill_signup(driver, name="Robin Twostep", email=email, password=password)
    submit(driver, "Create my account")
    wait_for_path(driver, "/home")

    open_page(driver, base_url, "/account")
    assert "Off. Turn it on" in page_text(driver)
    driver.find_element(By.LINK_TEXT, "Set up two-step sign-in").click()
    wait_for_path(driver, "/account/two-factor")
    save_screenshot(driver, "two-factor-set-up-phone", PHONE[1], PHONE[2])

    address = read_qr(driver.find_element(By.CSS_SELECTOR, "#qr-code svg").get_attribute("outerHTML"))
    app = pyotp.parse_uri(address)
    assert isinstance(app, pyotp.TOTP)
    assert app.issuer == "Supple" and app.name == email
    typed_key = driver.find_element(By.ID, "typed-key").text.replace(" ", "")
    assert typed_key == app.secret, "the key to type is the secret the QR code holds"

    fill(driver, "code", app.now())
    submit(driver, "Turn on two-step sign-in")
    codes = [element.text for element in driver.find_elements(By.CSS_SELECTOR, "#recovery-codes code")]
    assert len(codes) == 10 and all(re.fullmatch(r"[a-z2-9]{4}-[a-z2-9]{4}", code) for code in codes)

    # Signing in now takes the second step; the code used at set-up is not taken twice, a
    # recovery code is, once.
    open_page(driver, base_url, "/home")
    sign_out(driver)
    sign_in(driver, base_url, email, password)
    wait_for_path(driver, "/signin/code")
    assert heading(driver) == "Enter your code"
    fill(driver, "code", codes[0])
    submit(driver, "Sign in")
    wait_for_path(driver, "/home")

    sign_out(driver)
    sign_in(driver, base_url, email, password)
    fill(driver, "code", codes[0])
    submit(driver, "Sign in")
    assert current_path(driver) == "/signin/code"
    assert "That code didn't work" in page_text(driver)
    # The app's code for the next 30-second step is accepted too (a phone's clock a little ahead).
    fill(driver, "code", app.at(time.time() + 30))
    submit(driver, "Sign in")
    wait_for_path(driver, "/home")
    open_page(driver, base_url, "/account/two-factor")
    assert "Recovery codes left: 9" in page_text(driver)
