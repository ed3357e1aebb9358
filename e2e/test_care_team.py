"""The care team in a browser: a member presses "Stop — something's wrong", an admin hands the
member to a newly joined physical therapist, and that therapist finds the report at the top of
the queue, opens the member's chart and resolves it with a note."""

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from helpers import (
    ADMIN_EMAIL, DEMO_PASSWORD, DESKTOP, click_and_wait_for_new_page, fill, heading, open_page, page_text,
    save_screenshot, sign_in, sign_out, submit, text_of, unique_email, wait_for_path,
)
from test_intake import complete_intake, sign_up_new_member


def invite_physical_therapist(driver, base_url, name, password):
    sign_in(driver, base_url, ADMIN_EMAIL, DEMO_PASSWORD)
    open_page(driver, base_url, "/staff/team")
    email = unique_email("pt")
    fill(driver, "email", email)
    driver.find_element(By.ID, "role-physical_therapist").click()
    submit(driver, "Create invitation link")
    link = text_of(driver, "#invite-link").strip()
    sign_out(driver)
    driver.get(link)
    fill(driver, "name", name)
    fill(driver, "password", password)
    submit(driver, "Open my account")
    wait_for_path(driver, "/staff")
    sign_out(driver)
    return email


def test_stop_reaches_the_assigned_therapist_at_the_top_of_the_queue(driver, base_url):
    therapist_password = "queue duty every morning"
    therapist_email = invite_physical_therapist(driver, base_url, "Quinn Therapist", therapist_password)

    sign_up_new_member(driver, base_url, "Jamie Stopper")
    complete_intake(driver, base_url)
    open_page(driver, base_url, "/session/stop")
    assert heading(driver) == "Stop — something's wrong"
    driver.execute_script("document.querySelector(\"input[name='reason'][value='sharp']\").click();"
                          "document.querySelectorAll(\".yes-no input[value='no']\").forEach(r => r.click());")
    submit(driver, "Tell my care team")
    assert heading(driver) == "Thank you for telling us"
    sign_out(driver)

    # The admin hands Jamie to Quinn explicitly: a clinician only ever sees assigned members.
    sign_in(driver, base_url, ADMIN_EMAIL, DEMO_PASSWORD)
    open_page(driver, base_url, "/staff/members")
    click_and_wait_for_new_page(driver, driver.find_element(By.LINK_TEXT, "Jamie Stopper"))
    Select(driver.find_element(By.ID, "physicalTherapist")).select_by_visible_text("Quinn Therapist")
    submit(driver, "Save care team")
    assert "Care team updated." in page_text(driver)
    assert "Physical therapist: Quinn Therapist" in page_text(driver)
    sign_out(driver)

    sign_in(driver, base_url, therapist_email, therapist_password)
    wait_for_path(driver, "/staff")
    first_row = driver.find_element(By.CSS_SELECTOR, "table.queue tbody tr")
    assert "Jamie Stopper" in first_row.text
    assert "Stop pressed: sharp" in first_row.text
    save_screenshot(driver, "desktop-queue", DESKTOP[1], DESKTOP[2])

    click_and_wait_for_new_page(driver, first_row.find_element(By.LINK_TEXT, "Jamie Stopper"))
    assert heading(driver) == "Jamie Stopper"
    assert "Stop pressed: sharp" in page_text(driver)
    assert "Triage: none" in page_text(driver)

    open_page(driver, base_url, "/staff")
    row = driver.find_element(By.CSS_SELECTOR, "table.queue tbody tr")
    row.find_element(By.NAME, "note").send_keys("Phoned Jamie: sharp pain eased with rest; lowered the dose")
    click_and_wait_for_new_page(driver, row.find_element(By.XPATH, ".//button[normalize-space()='Resolve']"))
    assert "Alert resolved." in page_text(driver)
    assert "Stop pressed" not in page_text(driver)
    # What is left for Jamie is the routine look at the plan the engine wrote.
    remaining = driver.find_element(By.CSS_SELECTOR, "table.queue tbody tr").text
    assert "Jamie Stopper" in remaining and "New plan from the intake is ready for review" in remaining
