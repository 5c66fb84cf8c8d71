"""The <head> of a page as a crawler reads it: title, meta tags, links and JSON-LD."""

from html.parser import HTMLParser


class HeadParser(HTMLParser):
    """Collects <title>, <meta>, <link> and JSON-LD scripts the way a crawler reads them."""

    def __init__(self):
        super().__init__()
        self.title, self.meta, self.links, self.json_ld = "", {}, [], []
        self._in = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "title":
            self._in = "title"
        elif tag == "meta" and ("name" in attrs or "property" in attrs):
            self.meta.setdefault(attrs.get("name") or attrs.get("property"), []).append(
                attrs.get("content")
            )
        elif tag == "link":
            self.links.append(attrs)
        elif tag == "script" and attrs.get("type") == "application/ld+json":
            self._in = "json"
            self.json_ld.append("")

    def handle_endtag(self, tag):
        self._in = None

    def handle_data(self, data):
        if self._in == "title":
            self.title += data
        elif self._in == "json":
            self.json_ld[-1] += data


def head_of(client, url, status=200):
    """Fetch ``url``, expecting ``status``, and parse the head of the answer."""
    response = client.get(url)
    assert response.status_code == status, url
    parser = HeadParser()
    parser.feed(response.content.decode())
    return parser
