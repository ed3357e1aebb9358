"""The path a new member walks from the start page to their first exercise, counted (issue 25:
it was 14 pages and 57 questions, 24 of them on one safety page). The counts are printed for
the README's UX notes; the test holds the shortened path to its length."""

from selenium.webdriver.common.by import By

from helpers import PHONE, click_and_wait_for_new_page, current_path, fill_signup, heading, open_page, save_screenshot, unique_email
from test_intake import complete_intake


def follow(driver, link_text, pages):
    click_and_wait_for_new_page(driver, driver.find_element(By.XPATH, f"//main//a[normalize-space()=\"{link_text}\"]"))
    pages.append(current_path(driver))


def test_the_path_from_the_start_page_to_the_first_exercise(driver, base_url):
    pages = []
    open_page(driver, base_url, "/")
    pages.append("/")
    follow(driver, "Join Supple", pages)
    fill_signup(driver, name="Pat Path", email=unique_email("path"), password="a walk in the park")
    click_and_wait_for_new_page(driver, driver.find_element(By.CSS_SELECTOR, "main form button[type=submit]"))
    pages.append(current_path(driver))
    follow(driver, "Start your questions", pages)

    intake_pages = []
    complete_intake(driver, base_url, seen=intake_pages, start=False)
    pages += [f"intake: {title}" for title, _ in intake_pages[1:]]
    pages.append(current_path(driver))
    assert current_path(driver) == "/plan"
    save_screenshot(driver, "phone-plan-after-intake", PHONE[1], PHONE[2])
    follow(driver, "Start today's session", pages)
    assert heading(driver) == "Today's session"
    first = driver.find_element(By.CSS_SELECTOR, ".session-item h2")
    assert first.is_displayed(), "the first exercise is on screen"

    questions = sum(count for _, count in intake_pages)
    safety = dict(intake_pages)["Safety questions"]
    print(f"\nPATH: {len(pages)} pages, {len(intake_pages)} of them intake steps, {questions} questions ({safety} on the safety tick list)")
    for page in pages:
        print("  ", page)
    # Start page, sign-up, Today, 7 intake steps, the plan and the session: 12 pages (was 14).
    assert len(pages) <= 12, pages
    # Questions shown on the way; the safety list counts each box (was 57 with 24 yes/no pairs).
    assert questions <= 55, intake_pages
    assert not any(title == "What matters to you" for title, _ in intake_pages), "asked after the first session"


def test_what_matters_is_asked_after_the_first_session(driver, base_url):
    from test_intake import sign_up_new_member
    sign_up_new_member(driver, base_url, "Sam After")
    complete_intake(driver, base_url)
    open_page(driver, base_url, "/home")
    assert "What matters to you" not in driver.find_element(By.TAG_NAME, "main").text
    open_page(driver, base_url, "/session?speed=50")
    for index, item in enumerate(driver.find_elements(By.CSS_SELECTOR, ".session-item")):
        driver.execute_script("arguments[0].querySelector(\"input[value='2']\").click();"
                              "arguments[0].querySelector(\"input[value='about-right']\").click();", item)
        if index < len(driver.find_elements(By.CSS_SELECTOR, ".session-item")) - 1:
            item.find_element(By.CSS_SELECTOR, ".player-next").click()
    click_and_wait_for_new_page(driver, driver.find_element(By.XPATH, "//button[normalize-space()='Finish and save']"))
    card = driver.find_element(By.ID, "what-matters")
    save_screenshot(driver, "phone-today-what-matters", PHONE[1], PHONE[2])
    click_and_wait_for_new_page(driver, card.find_element(By.LINK_TEXT, "Tell us"))
    assert heading(driver) == "What matters to you"
    driver.find_element(By.ID, "psfs-0-activity").send_keys("Carry the shopping")
    driver.execute_script("document.querySelector(\"input[name='psfs.0.score'][value='3']\").click();")
    save_screenshot(driver, "phone-what-matters", PHONE[1], PHONE[2])
    click_and_wait_for_new_page(driver, driver.find_element(By.XPATH, "//button[normalize-space()='Save']"))
    assert "We'll ask how these activities are going" in driver.find_element(By.TAG_NAME, "main").text
    assert not driver.find_elements(By.ID, "what-matters")
