"""Progress reporting for long management commands.

On a terminal it redraws one bar in place; in logs and CI it writes one plain line per
step, so output stays readable where carriage returns are not.
"""


class Progress:
    def __init__(self, stdout, total, label, width=30):
        self.stdout = stdout
        self.total = max(total, 1)
        self.label = label
        self.width = width
        self.done = 0
        self.interactive = stdout.isatty()

    def step(self, item):
        self.done += 1
        if self.interactive:
            filled = self.width * self.done // self.total
            bar = "#" * filled + "." * (self.width - filled)
            self.stdout.write(
                f"\r{self.label} [{bar}] {self.done}/{self.total} {item[:40]:<40}", ending=""
            )
            if self.done >= self.total:
                self.stdout.write("")
            self.stdout.flush()
        else:
            self.stdout.write(f"{self.label} {self.done}/{self.total}: {item}")
