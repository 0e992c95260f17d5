from functools import cache

from tridaya.accounts.selectors import places_of, uses_the_api


def my_places(request):
    """The regions the signed-in user works in, read only if a template asks for them (once per
    request), and whether the menu offers the API (not to residents)."""
    user = request.user
    return {
        "my_places": cache(lambda: places_of(user)),
        "show_api_link": lambda: uses_the_api(user),
    }
