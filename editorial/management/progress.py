"""Progress reporting for long management commands.

On a terminal, tqdm draws one bar in place with the rate and time left; in logs and CI
each step is one plain line, so output stays readable where carriage returns are not.
"""

from tqdm import tqdm


class Unterminated:
    """A command's stdout as tqdm needs it: Django's wrapper would end every write with a
    line break, and the bar redraws in place."""

    def __init__(self, stdout):
        self.stdout = stdout

    def write(self, text):
        self.stdout.write(text, ending="")

    def flush(self):
        self.stdout.flush()


class Progress:
    def __init__(self, stdout, total, label):
        self.stdout = stdout
        self.total = max(total, 1)
        self.label = label
        self.done = 0
        self.bar = None
        if stdout.isatty():
            self.bar = tqdm(total=self.total, desc=label, file=Unterminated(stdout), leave=True)

    def step(self, item):
        self.done += 1
        if self.bar is None:
            self.stdout.write(f"{self.label} {self.done}/{self.total}: {item}")
            return
        self.bar.set_postfix_str(item[:40], refresh=False)
        self.bar.update()
        if self.done >= self.total:
            self.bar.close()
