"""Long commands show a bar on a terminal and one plain line per step elsewhere."""

import io

from django.core.management.base import OutputWrapper

from editorial.management.progress import Progress


class Terminal(io.StringIO):
    def isatty(self):
        return True


def run(stream, items):
    progress = Progress(OutputWrapper(stream), len(items), "Importing")
    for item in items:
        progress.step(item)
    return stream.getvalue()


def test_a_terminal_gets_one_bar_redrawn_in_place():
    output = run(Terminal(), ["first.md", "second.md", "third.md"])
    assert output.count("\n") == 1 and output.endswith("\n")
    assert "\rImporting: 100%" in output and "3/3" in output and "third.md" in output


def test_a_log_gets_one_plain_line_per_step():
    output = run(io.StringIO(), ["first.md", "second.md"])
    assert output == "Importing 1/2: first.md\nImporting 2/2: second.md\n"
