"""Browsing the exercise and education library as a visitor on a phone."""

from selenium.webdriver.common.by import By

from helpers import (
    DESKTOP,
    PHONE,
    choose,
    click_and_wait_for_new_page,
    heading,
    open_page,
    page_text,
    save_screenshot,
    submit,
    wait_for_path,
)


def test_filter_to_lower_back_standing_and_open_forward_bend(driver, base_url):
    open_page(driver, base_url, "/library")
    assert heading(driver) == "Exercise library"
    driver.find_element(By.CSS_SELECTOR, "details.filter-more summary").click()
    choose(driver, "region", "lumbar")
    choose(driver, "position", "standing")
    submit(driver, "Show exercises")

    count = driver.find_element(By.ID, "result-count").text
    assert "exercises match" in count
    names = [link.text.split("\n")[0] for link in driver.find_elements(By.CSS_SELECTOR, ".exercise-list a")]
    assert "Forward Bend" in names
    assert "Knee Hug" not in names, "a lying-down exercise slipped through the standing filter"
    save_screenshot(driver, "phone-library-filtered", PHONE[1], PHONE[2])

    click_and_wait_for_new_page(driver, driver.find_element(By.CSS_SELECTOR, "a[href='/library/exercises/forward-bend']"))
    wait_for_path(driver, "/library/exercises/forward-bend")
    assert heading(driver) == "Forward Bend"
    text = page_text(driver)
    assert "Hold 10–15 seconds" in text
    assert "Stop or skip it if" in text
    assert "Education, not medical advice" in text
    save_screenshot(driver, "phone-exercise-forward-bend", PHONE[1], PHONE[2])


def test_search_is_forgiving(driver, base_url):
    for typed in ("cat cow", "cat-cow", "catcow"):
        open_page(driver, base_url, "/library")
        field = driver.find_element(By.ID, "q")
        field.clear()
        field.send_keys(typed)
        submit(driver, "Show exercises")
        first = driver.find_element(By.CSS_SELECTOR, ".exercise-list a strong").text
        assert first == "Cat Cow", f"searching {typed!r} found {first!r} first"


def test_open_the_walking_article(driver, base_url):
    open_page(driver, base_url, "/library/articles")
    assert heading(driver) == "Learn"
    link = driver.find_element(By.CSS_SELECTOR, "a[href='/library/articles/back-pain-when-walking']")
    click_and_wait_for_new_page(driver, link)
    wait_for_path(driver, "/library/articles/back-pain-when-walking")
    assert heading(driver) == "Why does my back hurt when I walk?"
    text = page_text(driver)
    assert "What to do today" in text
    assert "pending clinical review" in text
    assert "Education, not medical advice" in text
    save_screenshot(driver, "phone-article-walking", PHONE[1], PHONE[2])
    save_screenshot(driver, "desktop-article-walking", DESKTOP[1], DESKTOP[2])


def test_figures_animate_and_the_contact_sheet_shows_every_exercise(driver, base_url):
    from helpers import ADMIN_EMAIL, DEMO_PASSWORD, sign_in

    open_page(driver, base_url, "/library/exercises/forward-bend")
    figure = driver.find_element(By.CSS_SELECTOR, ".exercise-figure svg.figure-animated")
    assert figure.get_attribute("aria-label").startswith("Forward Bend")
    assert driver.find_elements(By.CSS_SELECTOR, ".exercise-figure svg.figure-animated animateTransform")
    save_screenshot(driver, "phone-figure-forward-bend", PHONE[1], PHONE[2])

    sign_in(driver, base_url, ADMIN_EMAIL, DEMO_PASSWORD)
    open_page(driver, base_url, "/staff/library/figures")
    assert heading(driver) == "Figure contact sheet"
    sections = driver.find_elements(By.CSS_SELECTOR, "section.contact")
    assert len(sections) >= 150
    for name in ("Forward Bend", "Standing Child's Pose", "Seated Backbends", "Knee Hug", "Cat Cow"):
        assert driver.find_element(By.XPATH, f"//section[@class='contact']//a[normalize-space()=\"{name}\"]")
    driver.execute_script("document.querySelectorAll('img[loading=lazy]').forEach(i => i.loading = 'eager')")
    save_screenshot(driver, "desktop-figure-contact-sheet", DESKTOP[1], DESKTOP[2])
