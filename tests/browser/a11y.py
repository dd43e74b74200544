"""axe-core in the browser tests: the copy pinned in tests/browser/axe/package-lock.json (installed by
``npm ci --prefix tests/browser/axe``, which scripts/test.sh runs), injected into the page under test."""

from pathlib import Path

import pytest

AXE_JS = Path(__file__).parent / "axe" / "node_modules" / "axe-core" / "axe.min.js"
# WCAG 2.1 levels A and AA (axe tags the 2.0 and the 2.1 success criteria apart).
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def axe_violations(page) -> list[dict]:
    """Run axe-core on the page as it is now; its violations of WCAG 2.1 A and AA."""
    if not AXE_JS.exists():
        pytest.fail(f"axe-core is not installed ({AXE_JS}): run 'npm ci --prefix tests/browser/axe'")
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE_JS))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        WCAG_21_AA,
    )
    return result["violations"]


def describe(violations: list[dict]) -> str:
    """The violations, one rule a paragraph, each element with axe's explanation."""
    lines = []
    for violation in violations:
        rule = f"{violation['id']} ({violation['impact']})"
        lines.append(f"- {rule}: {violation['help']} <{violation['helpUrl']}>")
        for node in violation["nodes"][:10]:
            target = " ".join(str(part) for part in node["target"])
            lines.append(f"    {target}: {node.get('failureSummary', '').replace(chr(10), ' ')}")
            lines.append(f"      {node['html'][:200]}")
    return "\n".join(lines)


def assert_accessible(page, label: str, failures: list[str] | None = None) -> None:
    """No axe violation on the page; with ``failures``, collect the report instead of failing at once."""
    violations = axe_violations(page)
    if not violations:
        return
    report = f"{label} ({page.url}):\n{describe(violations)}"
    if failures is None:
        pytest.fail(f"axe-core found WCAG 2.1 A/AA violations on {report}", pytrace=False)
    failures.append(report)
