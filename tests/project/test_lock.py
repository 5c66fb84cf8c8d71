"""The install is reproducible and auditable: requirements/lock.txt pins every package
of the project and its test extra to one version with hashes, names no package source,
and is what the environment running the tests was installed from."""

import re
import tomllib
from importlib import metadata
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[2]
LOCK = ROOT / "requirements" / "lock.txt"
PIN = re.compile(r"^([A-Za-z0-9._-]+)==([^ \\]+) \\$")


def locked():
    """{name: version} of the lock file, checking that each pin is followed by hashes."""
    lines = LOCK.read_text().splitlines()
    pins = {}
    for n, line in enumerate(lines):
        match = PIN.match(line)
        if match:
            assert lines[n + 1].strip().startswith("--hash=sha256:"), line
            pins[canonicalize_name(match[1])] = match[2]
        else:
            assert line.startswith(("#", " ")) or not line.strip(), f"unpinned line: {line}"
    return pins


def project():
    return tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]


def test_the_lock_pins_every_requirement_with_hashes():
    pins = locked()
    requirements = [
        Requirement(spec)
        for spec in project()["dependencies"] + project()["optional-dependencies"]["test"]
    ]

    for requirement in requirements:
        name = canonicalize_name(requirement.name)
        assert name in pins, f"{name} is not in the lock"
        assert requirement.specifier.contains(pins[name]), (name, pins[name])


def test_the_lock_names_no_package_source():
    text = LOCK.read_text()

    assert "://" not in text
    for option in ("--index-url", "--extra-index-url", "--find-links", "--trusted-host", "-f "):
        assert option not in text


def test_django_and_wagtail_are_held_at_their_locked_patch_release():
    pins = locked()
    floors = {
        canonicalize_name(Requirement(spec).name): Requirement(spec).specifier
        for spec in project()["dependencies"]
    }

    assert re.fullmatch(r"5\.2\.\d+", pins["django"])
    assert re.fullmatch(r"7\.4\.\d+", pins["wagtail"])
    assert f">={pins['django']}" in str(floors["django"])
    assert f">={pins['wagtail']}" in str(floors["wagtail"])


def test_the_test_environment_was_installed_from_the_lock():
    for name, version in locked().items():
        try:
            installed = metadata.version(name)
        except metadata.PackageNotFoundError:
            continue
        assert installed == version, f"{name}: {installed} installed, {version} locked"
