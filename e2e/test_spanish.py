"""A member who reads Spanish, on a phone, from the start page to a finished session: the page
language follows the link at the foot of the start page, the sign-up keeps it, and the intake,
the plan, the player's spoken and written labels and the session's answer all come in Spanish.
axe-core finds no serious or critical problem on any of those pages."""

from pathlib import Path

import yaml
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

from axe import assert_accessible
from catalog import es
from helpers import PHONE, click_and_wait_for_new_page, fill_signup, heading, open_page, page_text, save_screenshot, unique_email
from test_intake import complete_intake

EXERCISES = Path(__file__).resolve().parent.parent / "Sources/SuppleContent/Resources/exercises"


def spanish_exercise(exercise_id: str) -> dict:
    """The Spanish text of an exercise, from its own file."""
    path = next(EXERCISES.glob(f"*/{exercise_id}.yaml"))
    return yaml.safe_load(path.read_text(encoding="utf-8"))["translations"]["es"]


def test_a_spanish_member_signs_up_answers_the_intake_and_finishes_a_session(driver, base_url):
    open_page(driver, base_url, "/")
    click_and_wait_for_new_page(driver, driver.find_element(By.ID, "language-link"))
    assert driver.find_element(By.TAG_NAME, "html").get_attribute("lang") == "es"
    assert heading(driver) == es("Exercise therapy for back and joint pain, on your phone")
    assert_accessible(driver, "the start page in Spanish")
    save_screenshot(driver, "phone-es-landing", PHONE[1], PHONE[2])

    open_page(driver, base_url, "/signup")
    assert heading(driver) == es("Join Supple")
    assert Select(driver.find_element(By.ID, "language")).first_selected_option.get_attribute("value") == "es"
    fill_signup(driver, name="Lucía Prueba", email=unique_email("es"), password="un paseo por el parque")
    assert_accessible(driver, "the sign-up page in Spanish")
    click_and_wait_for_new_page(driver, driver.find_element(By.CSS_SELECTOR, "main form button[type=submit]"))
    assert heading(driver) == es("Hi, {{greetingName}}").replace("{{greetingName}}", "Lucía")

    complete_intake(driver, base_url, say=es)
    assert heading(driver) == es("Your plan")
    assert_accessible(driver, "the plan in Spanish")
    save_screenshot(driver, "phone-es-plan", PHONE[1], PHONE[2])
    click_and_wait_for_new_page(driver, driver.find_element(By.LINK_TEXT, es("Start today's session")))

    assert heading(driver) == es("Today's session")
    assert driver.find_element(By.TAG_NAME, "html").get_attribute("lang") == "es"
    items = driver.find_elements(By.CSS_SELECTOR, ".session-item")
    first = items[0]
    exercise_id = first.find_element(By.CSS_SELECTOR, "input[type=radio][name^='pain-']").get_attribute("name")[len("pain-"):]
    assert first.find_element(By.CSS_SELECTOR, "h2").text == spanish_exercise(exercise_id)["name"]
    assert es("How to do it") in first.text
    assert_accessible(driver, "the session player in Spanish")
    save_screenshot(driver, "phone-es-session", PHONE[1], PHONE[2])
    driver.get(base_url + "/session?speed=50")
    items = driver.find_elements(By.CSS_SELECTOR, ".session-item")
    done = es("Done")
    for index, item in enumerate(items):
        start = item.find_element(By.CSS_SELECTOR, ".timer-start")
        if start.is_displayed():
            start.click()
            WebDriverWait(driver, 20).until(lambda d: done in item.find_element(By.CSS_SELECTOR, ".timer-display").text)
        else:
            adder = item.find_element(By.CSS_SELECTOR, ".counter-add")
            while done not in item.find_element(By.CSS_SELECTOR, ".timer-display").text:
                adder.click()
        assert item.find_element(By.CSS_SELECTOR, ".timer-state").text == done, "the spoken cue is the Spanish word"
        driver.execute_script("arguments[0].querySelector(\"input[value='2']\").click();"
                              "arguments[0].querySelector(\"input[value='about-right']\").click();", item)
        if index < len(items) - 1:
            item.find_element(By.CSS_SELECTOR, ".player-next").click()
    click_and_wait_for_new_page(driver, driver.find_element(By.CSS_SELECTOR, ".session-player button[type=submit]"))
    assert es("<strong>Done today.</strong> Nice work.").replace("<strong>", "").replace("</strong>", "") in page_text(driver)
    assert_accessible(driver, "Today in Spanish after a session")
    save_screenshot(driver, "phone-es-today", PHONE[1], PHONE[2])
