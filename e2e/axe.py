"""Runs a current axe-core (4.12, bundled in the axe-playwright-python wheel, which .ci/run installs
without its Playwright dependency) in the Selenium browser and returns the serious and critical
violations on the page."""

from __future__ import annotations

from functools import lru_cache
from importlib.resources import files


@lru_cache(maxsize=1)
def axe_source() -> str:
    return files("axe_playwright_python").joinpath("axe.min.js").read_text(encoding="utf-8")


def serious_violations(driver) -> list[str]:
    driver.execute_script(axe_source())
    result = driver.execute_async_script(
        "var done = arguments[arguments.length - 1];"
        "axe.run(document, {resultTypes: ['violations']}).then(function (r) { done({version: axe.version, violations: r.violations}); })"
        ".catch(function (e) { done({error: String(e)}); });"
    )
    assert "error" not in result, result.get("error")
    assert result["version"].startswith("4."), f"axe-core {result['version']} is not a current 4.x"
    return [
        f"{v['impact']}: {v['id']} ({v['help']}) at {', '.join(n['target'][0] for n in v['nodes'][:3])}"
        for v in result["violations"]
        if v.get("impact") in ("serious", "critical")
    ]


def assert_accessible(driver, page: str) -> None:
    found = serious_violations(driver)
    assert not found, f"axe-core found serious or critical problems on {page}:\n" + "\n".join(found)
