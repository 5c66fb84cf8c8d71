"""The demo ends by saying where to go and how to sign in, and says so again on a rerun."""

import io
import re

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command

import pytest

pytestmark = pytest.mark.django_db

USER_LINE = re.compile(r"^    (admin|editor|author) +(\S+)  (\w+\b.*)$", re.MULTILINE)


def load_demo_users():
    out = io.StringIO()
    call_command("load_demo", "--users", stdout=out)
    return out.getvalue()


def welcome_block(output):
    """The block between the last two rules, which must end the output."""
    lines = output.rstrip("\n").split("\n")
    assert set(lines[-1]) == {"-"}, output
    start = max(i for i, line in enumerate(lines[:-1]) if line and set(line) == {"-"})
    return "\n".join(lines[start + 1 : -1])


def test_the_demo_ends_with_the_addresses_and_working_logins(demo):
    block = welcome_block(load_demo_users())

    assert f"  Site:   {settings.BASE_URL}/\n" in block
    assert f"  Admin:  {settings.BASE_URL}/admin/\n" in block
    logins = USER_LINE.findall(block)
    assert [username for username, _, _ in logins] == ["admin", "editor", "author"]
    for username, password, role in logins:
        assert get_user_model().objects.get(username=username).check_password(password)
        assert role.split(":")[0].startswith(("administrator", "editor", "author"))


def test_a_rerun_says_the_users_exist_and_how_to_reset_a_password(demo):
    load_demo_users()

    block = welcome_block(load_demo_users())

    assert "Demo users:" in block
    assert not USER_LINE.findall(block)
    assert [line.split()[0] for line in block.splitlines() if line.startswith("    ")] == [
        "admin",
        "editor",
        "author",
        ".venv/bin/python",
    ]
    assert "already existed" in block
    assert ".venv/bin/python manage.py changepassword editor" in block
