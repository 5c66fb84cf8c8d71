"""URL converters the admin's URLs share."""


class PageIdConverter:
    """Page ids as the database can hold them: a longer number is a 404, not a 500."""

    regex = "[0-9]{1,9}"

    def to_python(self, value):
        return int(value)

    def to_url(self, value):
        return str(value)
