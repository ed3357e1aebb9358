"""Eligibility in a browser: an admin creates an employer and uploads its roster; a person on the
roster checks their coverage, is covered, and joins with the coverage linked; a person who is
not on it gets the neutral answer that names no field."""

import uuid

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from helpers import (
    ADMIN_EMAIL, DEMO_PASSWORD, choose, fill, heading, open_page, page_text, save_screenshot, set_checkbox,
    set_date, sign_in, sign_out, submit, text_of, unique_email, wait_for_path, PHONE,
)

ROSTER = (
    "member_id,first_name,last_name,date_of_birth,email,postal_code,relationship,coverage_start,coverage_end\r\n"
    "B-1,Robin,Roster,1982-03-04,,60601,employee,2026-01-01,\r\n"
    "B-2,\"Anne-Marie\",\"D'Souza\",1979-09-30,,60602,spouse,2026-01-01,\r\n"
    "B-3,Old,Timer,1960-01-01,,60603,employee,2020-01-01,2025-12-31\r\n"
)


def test_admin_uploads_a_roster_and_a_person_on_it_joins(driver, base_url, tmp_path):
    slug = "e2e-" + uuid.uuid4().hex[:8]
    roster = tmp_path / "roster.csv"
    roster.write_text(ROSTER, encoding="utf-8")

    sign_in(driver, base_url, ADMIN_EMAIL, DEMO_PASSWORD)
    open_page(driver, base_url, "/staff/organizations")
    assert heading(driver) == "Organizations"
    fill(driver, "name", "Birchwood Logistics")
    fill(driver, "slug", slug)
    submit(driver, "Add organization")
    assert heading(driver) == "Birchwood Logistics"
    assert "0 people on file" in page_text(driver)

    driver.find_element(By.ID, "mode-replace").click()
    driver.find_element(By.ID, "file").send_keys(str(roster))
    submit(driver, "Import roster")
    assert heading(driver) == "Roster import"
    report = text_of(driver, "#import-report")
    assert "Rows read 3" in report and "Added 3" in report and "Rejected 0" in report
    save_screenshot(driver, "roster-import", PHONE[1], PHONE[2])
    sign_out(driver)

    # Robin types the name differently from the roster: case and spaces don't matter.
    open_page(driver, base_url, "/coverage")
    assert heading(driver) == "See if you're covered"
    Select(driver.find_element(By.ID, "organization")).select_by_visible_text("Birchwood Logistics")
    fill(driver, "firstName", "ROBIN ")
    fill(driver, "lastName", "roster")
    set_date(driver, "dateOfBirth", "1982-03-04")
    submit(driver, "Check my coverage")
    assert "You're covered: $0 to you, through Birchwood Logistics." in text_of(driver, "#coverage-answer")
    save_screenshot(driver, "coverage-covered", PHONE[1], PHONE[2])

    driver.find_element(By.ID, "continue-signup").click()
    wait_for_path(driver, "/signup")
    assert "Your coverage is confirmed" in page_text(driver)
    assert driver.find_element(By.ID, "name").get_attribute("value") == "Robin Roster"
    fill(driver, "email", unique_email("robin"))
    fill(driver, "password", "birch trees in autumn")
    choose(driver, "timeZone", "America/Chicago")
    set_checkbox(driver, "consent", True)
    submit(driver, "Create my account")
    wait_for_path(driver, "/home")
    sign_out(driver)

    # Someone not on the roster: the same neutral answer whatever they got wrong.
    open_page(driver, base_url, "/coverage")
    fill(driver, "code", slug)
    fill(driver, "firstName", "Casey")
    fill(driver, "lastName", "Stranger")
    set_date(driver, "dateOfBirth", "1990-01-01")
    submit(driver, "Check my coverage")
    answer = text_of(driver, "#coverage-answer")
    assert "We couldn't confirm coverage." in answer
    assert "first name" not in answer.split(".")[0]
    assert not driver.find_elements(By.ID, "continue-signup")
    save_screenshot(driver, "coverage-not-confirmed", PHONE[1], PHONE[2])

    # The admin sees the new member in the sponsor report only as a count.
    sign_in(driver, base_url, ADMIN_EMAIL, DEMO_PASSWORD)
    open_page(driver, base_url, f"/staff/organizations/{slug}/report")
    table = text_of(driver, "#sponsor-report")
    assert "Enrolled fewer than 11" in table
    assert "Robin" not in table
