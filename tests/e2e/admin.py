"""Steps in the Wagtail admin that several browser tests take."""


def sign_in(page, live_server, user):
    """Through the login form, as people do: ``force_login`` cannot reach the browser."""
    page.goto(live_server.url + "/admin/login/")
    submit_login(page, user)
    page.wait_for_url(live_server.url + "/admin/")


def submit_login(page, user):
    """Fill in and send the admin's login form that ``page`` shows, wherever it led from."""
    page.fill("#id_username", user.username)
    page.fill("#id_password", "pw")
    page.click("button[type=submit]")
