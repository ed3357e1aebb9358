"""A member completes the intake on a phone: the walking-pain case gets a plan with Forward Bend
and its reason; a yes to new bladder changes gets the emergency message and no plan; a pregnant
member answers the follow-up questions and gets a plan with nothing flat on her back; an answer
about self-harm opens the crisis page before anything else."""

from selenium.webdriver.common.by import By

from helpers import PHONE, click_and_wait_for_new_page, heading, open_page, page_text, save_screenshot, unique_email, fill_signup


def pick(driver, name, value):
    """Tick a checkbox or choose a radio answer (idempotent)."""
    box = driver.find_element(By.CSS_SELECTOR, f"input[name='{name}'][value='{value}']")
    if not box.is_selected():
        driver.execute_script("arguments[0].click();", box)


def type_into(driver, field_id, text):
    field = driver.find_element(By.ID, field_id)
    field.clear()
    field.send_keys(text)


def next_step(driver, seen=None):
    """Submits the step; `seen`, if given, collects each intake page with its question count."""
    if seen is not None:
        questions = driver.find_elements(By.CSS_SELECTOR, "main .card.question, main .tick-group .tick")
        seen.append((heading(driver), len(questions)))
    click_and_wait_for_new_page(driver, driver.find_element(By.CSS_SELECTOR, "main form button[type=submit]"))


def complete_intake(driver, base_url, bladder_change=False, weeks_pregnant=None, self_harm=False, say=lambda text: text,
                    seen=None, start=True):
    """Answers every step; `say` gives each step's heading in the member's language. `start=False`
    carries on from the page the browser is on (the first step)."""
    if start:
        open_page(driver, base_url, "/intake")
    next_step = lambda driver: globals()["next_step"](driver, seen)
    assert heading(driver) == say("Where it hurts")
    pick(driver, "painRegions", "lumbar")
    pick(driver, "primaryRegion", "lumbar")
    type_into(driver, "weeksWithPain", "20")
    pick(driver, "firstEverEpisode", "no")
    pick(driver, "gettingWorse", "no")
    next_step(driver)

    assert heading(driver) == say("How much it hurts")
    for name, value in (("painNow", "4"), ("painAverageWeek", "4"), ("painWorstWeek", "6"),
                        ("peg.enjoymentInterference", "5"), ("peg.activityInterference", "6")):
        pick(driver, name, value)
    next_step(driver)

    assert heading(driver) == say("What changes it")
    for value in ("walking", "standing"):
        pick(driver, "worseWith", value)
    for value in ("sitting", "bendingForward"):
        pick(driver, "betterWith", value)
    pick(driver, "legSymptoms", "none")
    pick(driver, "numbnessOrTingling", "no")
    type_into(driver, "walkMinutesBeforePain", "10")
    next_step(driver)

    assert heading(driver) == say("Safety questions")
    # One tick list: a box per question, and "None of these apply to me".
    assert not driver.find_elements(By.CSS_SELECTOR, "main input[type=radio]")
    pick(driver, "dangerSigns.bladderChange" if bladder_change else "noneApply", "yes")
    save_screenshot(driver, "phone-intake-safety", PHONE[1], PHONE[2])
    next_step(driver)

    assert heading(driver) == say("Your health")
    pick(driver, "pregnancy", "pregnant" if weeks_pregnant else "no")
    for name in ("surgery.hipReplacement", "surgery.kneeReplacement", "surgery.spineSurgery"):
        pick(driver, name, "no")
    next_step(driver)

    if weeks_pregnant:
        assert heading(driver) == say("A little more about that")
        assert "hip replacement" not in page_text(driver)
        type_into(driver, "weeksPregnant", str(weeks_pregnant))
        pick(driver, "dangerSigns.pregnancyWarningSigns", "no")
        save_screenshot(driver, "phone-intake-pregnancy", PHONE[1], PHONE[2])
        next_step(driver)

    assert heading(driver) == say("How you've been feeling")
    mood = ("2", "2") if self_harm else ("1", "0")
    for name, value in (("phq2.0", mood[0]), ("phq2.1", mood[1]), ("gad2.0", "1"), ("gad2.1", "0"), ("fearOfMovement", "3")):
        pick(driver, name, value)
    next_step(driver)

    if self_harm:
        assert heading(driver) == say("A few more questions about how you feel")
        for item in range(7):
            pick(driver, f"phq9Rest.{item}", "1" if item == 6 else "0")
        next_step(driver)

    assert heading(driver) == say("Your daily life")
    pick(driver, "canGetToFloor", "yes")
    pick(driver, "equipment", "mat")
    type_into(driver, "sittingHoursPerDay", "7")
    pick(driver, "preferredWalkTime", "morning")
    next_step(driver)


def sign_up_new_member(driver, base_url, name):
    open_page(driver, base_url, "/signup")
    fill_signup(driver, name=name, email=unique_email("intake"), password="a walk in the park")
    click_and_wait_for_new_page(driver, driver.find_element(By.CSS_SELECTOR, "main form button[type=submit]"))


def test_walking_pain_member_gets_forward_bend_with_its_reason(driver, base_url):
    sign_up_new_member(driver, base_url, "Pat Walker")
    complete_intake(driver, base_url)
    assert heading(driver) == "Your plan"
    item = driver.find_element(By.XPATH, "//li[contains(@class,'plan-item')][.//strong[normalize-space()='Forward Bend']]")
    item.find_element(By.TAG_NAME, "summary").click()
    assert "one of the five exercises for back pain when walking" in item.text
    assert "Seated Backbends" not in page_text(driver)
    assert "2 walks of 8 minutes" in page_text(driver)
    save_screenshot(driver, "phone-plan-walking-pain", PHONE[1], PHONE[2])


def test_new_bladder_changes_get_the_emergency_message_and_no_plan(driver, base_url):
    sign_up_new_member(driver, base_url, "Sam Urgent")
    complete_intake(driver, base_url, bladder_change=True)
    assert heading(driver) == "Please get medical help now"
    text = page_text(driver)
    assert "emergency" in text.lower()
    assert "Your exercises" not in text
    assert "Forward Bend" not in text
    save_screenshot(driver, "phone-plan-emergency", PHONE[1], PHONE[2])


def test_pregnant_member_answers_the_follow_ups_and_gets_a_plan_without_lying_flat(driver, base_url):
    sign_up_new_member(driver, base_url, "Alex Expecting")
    complete_intake(driver, base_url, weeks_pregnant=24)
    assert heading(driver) == "Your plan"
    text = page_text(driver)
    assert "nothing lying flat on your back or on your front" in text
    for lying_down in ("Knee Hug", "Double Knee-to-Chest"):
        assert lying_down not in text
    save_screenshot(driver, "phone-plan-pregnancy", PHONE[1], PHONE[2])


def test_an_answer_about_self_harm_opens_the_crisis_page_first(driver, base_url):
    sign_up_new_member(driver, base_url, "Jo Lowmood")
    complete_intake(driver, base_url, self_harm=True)
    assert heading(driver) == "You are not alone. Help is there right now."
    text = page_text(driver)
    assert "988" in text
    assert "emergency number" in text
    assert "We have let your care team know" in text
    save_screenshot(driver, "phone-crisis-page", PHONE[1], PHONE[2])
    # The plan is still there once they are ready.
    click_and_wait_for_new_page(driver, driver.find_element(By.LINK_TEXT, "Go to my plan"))
    assert heading(driver) == "Your plan"
