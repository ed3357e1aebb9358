"""The care team in a browser: a member presses "Stop — something's wrong", an admin hands the
member to a newly joined physical therapist, and that therapist finds the report at the top of
the queue, opens the member's chart, swaps an exercise with a note to the member, sends a
message, and resolves the report. The member then sees the new plan, the note and the message."""

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from helpers import (
    ADMIN_EMAIL, DEMO_PASSWORD, DESKTOP, PHONE, click_and_wait_for_new_page, fill, fill_signup, heading, open_page,
    page_text, save_screenshot, sign_in, sign_out, submit, text_of, unique_email, wait_for_path,
)
from test_intake import complete_intake

MEMBER_PASSWORD = "a walk in the park"
NOTE = "Cat Cow flared things up, so I swapped it for a seated forward bend. Go gently."
MESSAGE = "Hi Jamie, I saw your report. How does your back feel after a rest today?"


def invite_physical_therapist(driver, base_url, name, password):
    sign_in(driver, base_url, ADMIN_EMAIL, DEMO_PASSWORD)
    open_page(driver, base_url, "/staff/team")
    email = unique_email("pt")
    fill(driver, "email", email)
    driver.find_element(By.ID, "role-physical_therapist").click()
    submit(driver, "Create invitation link")
    link = text_of(driver, "#link-to-pass-on").strip()
    sign_out(driver)
    driver.get(link)
    fill(driver, "name", name)
    fill(driver, "password", password)
    submit(driver, "Open my account")
    wait_for_path(driver, "/staff")
    sign_out(driver)
    return email


def test_stop_reaches_the_assigned_therapist_who_changes_the_plan_and_writes_to_the_member(driver, base_url, server):
    therapist_password = "queue duty every morning"
    therapist_email = invite_physical_therapist(driver, base_url, "Quinn Therapist", therapist_password)

    member_email = unique_email("jamie")
    open_page(driver, base_url, "/signup")
    fill_signup(driver, name="Jamie Stopper", email=member_email, password=MEMBER_PASSWORD)
    submit(driver, "Create my account")
    complete_intake(driver, base_url)
    open_page(driver, base_url, "/session/stop")
    assert heading(driver) == "Stop — something's wrong"
    driver.execute_script("document.querySelector(\"input[name='reason'][value='sharp']\").click();"
                          "document.querySelector(\"input[name='noneApply']\").click();")
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

    # The chart: swap Cat Cow for a seated forward bend, with a note to Jamie.
    click_and_wait_for_new_page(driver, driver.find_element(By.PARTIAL_LINK_TEXT, "Edit plan"))
    assert heading(driver) == "Edit plan"
    Select(driver.find_element(By.ID, "swap-cat-cow")).select_by_value("seated-forward-flexion")
    fill(driver, "note", NOTE)
    submit(driver, "Save as version 2")
    assert "Plan saved as a new version." in page_text(driver)
    assert "Plan: version 2" in page_text(driver)
    assert "Cat Cow is now Seated Forward Flexion." in page_text(driver)

    # A message to Jamie from the chart's conversation page.
    click_and_wait_for_new_page(driver, driver.find_element(By.LINK_TEXT, "Open the conversation"))
    fill(driver, "body", MESSAGE)
    submit(driver, "Send")
    assert "Message sent." in page_text(driver)
    assert MESSAGE in page_text(driver)

    open_page(driver, base_url, "/staff")
    row = driver.find_element(By.CSS_SELECTOR, "table.queue tbody tr")
    assert "Stop pressed: sharp" in row.text
    row.find_element(By.NAME, "note").send_keys("Phoned Jamie: sharp pain eased with rest; swapped Cat Cow")
    click_and_wait_for_new_page(driver, row.find_element(By.XPATH, ".//button[normalize-space()='Resolve']"))
    assert "Alert resolved." in page_text(driver)
    assert "Stop pressed" not in page_text(driver)
    # Saving the plan was the review of the engine's plan, so nothing is left for Jamie.
    assert "Jamie Stopper" not in page_text(driver)
    sign_out(driver)

    # Jamie sees the new plan with the note, and the message.
    sign_in(driver, base_url, member_email, MEMBER_PASSWORD)
    wait_for_path(driver, "/home")
    today = page_text(driver)
    assert "Your plan changed today." in today
    assert "A note from Quinn Therapist, physical therapist" in today and NOTE in today
    assert "1 new message from your care team" in today
    save_screenshot(driver, "phone-today-with-note", PHONE[1], PHONE[2])
    open_page(driver, base_url, "/plan")
    exercises = driver.find_element(By.CSS_SELECTOR, "ol.plan-items").text
    assert "Seated Forward Flexion" in exercises and "Cat Cow" not in exercises
    open_page(driver, base_url, "/messages")
    assert MESSAGE in page_text(driver)
    assert "Quinn Therapist, physical therapist" in page_text(driver)
    save_screenshot(driver, "phone-messages", PHONE[1], PHONE[2])
    # Message text stays in the thread: never in the server's log.
    assert MESSAGE not in server.output() and NOTE not in server.output()
