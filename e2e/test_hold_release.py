"""An on-hold member is never stuck: their physical therapist reviews and starts the program from
the chart, and the member then plays a session whose per-side exercises go left, then right."""

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from helpers import DEMO_PASSWORD, PHONE, click_and_wait_for_new_page, open_page, page_text, save_screenshot, sign_in, sign_out


def test_a_physical_therapist_starts_an_on_hold_program_and_the_member_plays_it(driver, base_url):
    sign_in(driver, base_url, "morgan@example.org", DEMO_PASSWORD)
    open_page(driver, base_url, "/home")
    assert "waiting for a clinician" in page_text(driver)
    assert "your physical therapist, will contact you" in page_text(driver)
    sign_out(driver)

    sign_in(driver, base_url, "pt@example.org", DEMO_PASSWORD)
    open_page(driver, base_url, "/staff/members")
    click_and_wait_for_new_page(driver, driver.find_element(By.LINK_TEXT, "Morgan Demo"))
    assert "Program on hold since" in page_text(driver)
    save_screenshot(driver, "phone-chart-on-hold", PHONE[1], PHONE[2])
    # An empty note is refused, and the page comes back scrolled to the form with its message.
    chart_url = driver.current_url
    click_and_wait_for_new_page(driver, driver.find_element(By.XPATH, "//form[@id='write-note']//button[@type='submit']"))
    assert driver.current_url.endswith("#write-note")
    error_top = driver.execute_script("return document.querySelector('#write-note .form-error').getBoundingClientRect().top")
    assert 0 <= error_top < PHONE[2], f"the note's error is {error_top}px down, off the screen"
    open_page(driver, chart_url, "")
    driver.find_element(By.ID, "release-note").send_keys("We talked it through by phone; your doctor has checked your back. Start gently.")
    click_and_wait_for_new_page(driver, driver.find_element(By.XPATH, "//button[normalize-space()='Review and start the program']"))
    assert "Program started" in page_text(driver)
    sign_out(driver)

    sign_in(driver, base_url, "morgan@example.org", DEMO_PASSWORD)
    open_page(driver, base_url, "/plan")
    assert "Your doctor has checked your back" in page_text(driver) or "your doctor has checked your back" in page_text(driver)
    click_and_wait_for_new_page(driver, driver.find_element(By.LINK_TEXT, "Start today's session"))
    open_page(driver, base_url, "/session?speed=50")
    items = {driver.execute_script("return arguments[0].querySelector('h2').textContent", item): item
             for item in driver.find_elements(By.CSS_SELECTOR, ".session-item")}

    def display(item):
        return driver.execute_script("return arguments[0].querySelector('.timer-display').textContent", item).strip()

    side_bend = items["Standing Side Bend"]
    assert display(side_bend).startswith("Left side · Rep 1 of 10"), display(side_bend)
    stretch = items["Seated Piriformis Stretch"]
    assert display(stretch).startswith("Left side · Hold 1 of 3"), display(stretch)
    driver.execute_script("document.querySelectorAll('.session-item').forEach(function (i) { i.classList.remove('current'); });"
                          "arguments[0].classList.add('current')", stretch)
    stretch.find_element(By.CSS_SELECTOR, ".timer-start").click()
    WebDriverWait(driver, 30).until(lambda d: "Right side" in display(stretch))
    WebDriverWait(driver, 60).until(lambda d: display(stretch) == "Done")
