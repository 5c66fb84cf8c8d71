"""The test suite: a package per room of the application, and the browser tests in e2e."""

import pytest

# Helpers that assert on the tests' behalf report a failure as the tests' own asserts do.
pytest.register_assert_rewrite("tests.html_head", "tests.workflow")
