import factory

from tridaya.accounts.models import RoleAssignment, User
from tridaya.regions.tests.factories import region


class UserFactory(factory.django.DjangoModelFactory[User]):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Faker("first_name", locale="id_ID")
    last_name = factory.Faker("last_name", locale="id_ID")
    password = factory.PostGenerationMethodCall("set_password", "rahasia-uji-123")

    @factory.post_generation
    def save_password(self, create, extracted, **kwargs):
        if create:
            self.save()


def user_with_role(role: str, code: str | None, **kwargs) -> User:
    """A user holding `role` over region `code` (None for national roles)."""
    user = UserFactory.create(**kwargs)
    RoleAssignment.objects.create(user=user, role=role, region=region(code) if code else None)
    return user
