from tridaya.accounts.selectors import places_of


def my_places(request):
    """The regions the signed-in user works in, read only if a template asks for them."""
    user = request.user
    return {"my_places": lambda: places_of(user)}
