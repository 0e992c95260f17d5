"""Database guards (tridaya.core.guards) on the database the suite runs on: SQLite by default,
PostgreSQL when DATABASE_URL points to one. Run both to cover both vendors."""

import pytest
from django.db import DatabaseError, connection, transaction
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.loader import MigrationLoader

from tridaya.accounts.models import RoleAssignment, User
from tridaya.core.guards import AppendOnly, FrozenWhen, _Guard


def _state():
    return MigrationExecutor(connection).loader.project_state()


class _Editor:
    """What the operations use of a schema editor (SQLite's refuses to open inside the test's
    transaction; the operations only execute SQL)."""

    connection = connection

    def execute(self, sql, params=None):
        with connection.cursor() as cursor:
            cursor.execute(sql, params)


def _apply(operation, app_label="accounts"):
    state = _state()
    operation.database_forwards(app_label, _Editor(), state, state)


def _reverse(operation, app_label="accounts"):
    state = _state()
    operation.database_backwards(app_label, _Editor(), state, state)


def _refused(fn) -> bool:
    """Did a guard refuse the write? (Any other database error fails the test.)"""
    try:
        with transaction.atomic():
            fn()
    except DatabaseError as exc:
        assert "append-only" in str(exc) or "frozen rows cannot change" in str(exc), exc
        return True
    return False


def _triggers() -> set[str]:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT tgname FROM pg_trigger WHERE NOT tgisinternal")
        else:
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        return {row[0] for row in cursor.fetchall()}


@pytest.mark.django_db
def test_append_only_refuses_update_and_delete_and_reverses():
    user = User.objects.create(username="tetap")
    guard = AppendOnly("user")
    _apply(guard)
    try:
        assert _refused(lambda: User.objects.filter(pk=user.pk).update(first_name="Ubah"))
        assert _refused(lambda: User.objects.filter(pk=user.pk).delete())
        assert User.objects.create(username="baru").pk  # INSERT still works
    finally:
        _reverse(guard)
    assert not set(guard.trigger_names("accounts_user")) & _triggers()
    assert not _refused(lambda: User.objects.filter(pk=user.pk).update(first_name="Ubah"))
    assert not _refused(lambda: User.objects.filter(pk=user.pk).delete())


@pytest.mark.django_db
def test_append_only_can_keep_delete_for_retention():
    user = User.objects.create(username="tetap")
    guard = AppendOnly("user", refuse=["UPDATE"])
    _apply(guard)
    try:
        assert _refused(lambda: User.objects.filter(pk=user.pk).update(first_name="Ubah"))
        assert not _refused(lambda: User.objects.filter(pk=user.pk).delete())
    finally:
        _reverse(guard)


@pytest.mark.django_db
def test_frozen_when_refuses_changes_while_the_state_holds():
    frozen = User.objects.create(username="beku", is_active=False)
    open_ = User.objects.create(username="terbuka", is_active=True)
    guard = FrozenWhen("user", field="is_active", values=[False], unfrozen_fields=["last_login"])
    _apply(guard)
    try:
        assert _refused(lambda: User.objects.filter(pk=frozen.pk).update(first_name="Ubah"))
        # Leaving the frozen state is a change too.
        assert _refused(lambda: User.objects.filter(pk=frozen.pk).update(is_active=True))
        # Listed fields stay writable; unfrozen rows are free, and may become frozen.
        assert not _refused(
            lambda: User.objects.filter(pk=frozen.pk).update(last_login="2026-01-01T00:00Z")
        )
        assert not _refused(lambda: User.objects.filter(pk=open_.pk).update(first_name="Ubah"))
        assert not _refused(lambda: User.objects.filter(pk=open_.pk).update(is_active=False))
        # DELETE is refused only when asked for.
        assert not _refused(lambda: User.objects.filter(pk=open_.pk).delete())
    finally:
        _reverse(guard)
    assert not _refused(lambda: User.objects.filter(pk=frozen.pk).update(first_name="Ubah"))


@pytest.mark.django_db
def test_frozen_when_through_a_parent_refuses_insert_update_and_delete(bajur):
    frozen = User.objects.create(username="beku", is_active=False)
    open_ = User.objects.create(username="terbuka", is_active=True)
    kept = RoleAssignment.objects.create(user=frozen, role="bkm", region=bajur)
    free = RoleAssignment.objects.create(user=open_, role="bkm", region=bajur)
    guard = FrozenWhen("roleassignment", field="is_active", values=[False], through="user",
                       refuse_delete=True)  # fmt: skip
    _apply(guard)
    try:
        assert _refused(
            lambda: RoleAssignment.objects.create(user=frozen, role="tipp", region=bajur)
        )
        assert _refused(lambda: RoleAssignment.objects.filter(pk=kept.pk).update(role="tipp"))
        # Moving a free row under a frozen parent is refused too.
        assert _refused(lambda: RoleAssignment.objects.filter(pk=free.pk).update(user=frozen))
        assert _refused(lambda: RoleAssignment.objects.filter(pk=kept.pk).delete())
        assert not _refused(lambda: RoleAssignment.objects.filter(pk=free.pk).update(role="tipp"))
        assert not _refused(lambda: RoleAssignment.objects.filter(pk=free.pk).delete())
    finally:
        _reverse(guard)
    assert not _refused(lambda: RoleAssignment.objects.filter(pk=kept.pk).delete())


def test_operations_deconstruct_for_migration_files():
    assert AppendOnly("LedgerEntry").deconstruct() == ("AppendOnly", ["ledgerentry"], {})
    name, args, kwargs = FrozenWhen(
        "rabitem", field="state", values=["sah"], through="activity__version"
    ).deconstruct()
    assert (name, args) == ("FrozenWhen", ["rabitem"])
    assert kwargs == {"field": "state", "values": ["sah"], "through": "activity__version"}
    with pytest.raises(ValueError):
        AppendOnly("x", refuse=["INSERT"])


@pytest.mark.django_db
def test_every_guard_declared_in_a_migration_is_installed():
    """A later table rebuild (SQLite AlterField) drops triggers: this catches it."""
    loader = MigrationLoader(connection)
    state = loader.project_state()
    expected = set()
    for (app_label, _name), migration in loader.disk_migrations.items():
        for operation in migration.operations:
            if isinstance(operation, _Guard):
                model = state.apps.get_model(app_label, operation.model_name)
                table = model._meta.db_table
                if isinstance(operation, FrozenWhen):
                    kinds = operation._conditions(model, connection.vendor)
                    expected |= {f"{table}_frozen_{op.lower()}" for op in kinds}
                else:
                    expected |= set(operation.trigger_names(table))
    assert expected <= _triggers()


@pytest.mark.django_db
def test_frozen_when_guards_an_auto_created_many_to_many_table():
    from django.contrib.auth.models import Group

    group = Group.objects.create(name="Relawan")
    frozen = User.objects.create(username="beku", is_active=False)
    open_ = User.objects.create(username="terbuka", is_active=True)
    guard = FrozenWhen("user_groups", field="is_active", values=[False], through="user")
    _apply(guard)
    try:
        assert _refused(lambda: frozen.groups.add(group))
        assert not _refused(lambda: open_.groups.add(group))
    finally:
        _reverse(guard)
    assert not _refused(lambda: frozen.groups.add(group))


@pytest.mark.django_db(transaction=True)
def test_the_operations_run_in_a_real_schema_editor_and_reverse():
    """As `migrate` runs them (forwards, then backwards as `migrate app <previous>` would)."""
    user = User.objects.create(username="tetap")
    guard = AppendOnly("user")
    state = _state()
    with connection.schema_editor() as editor:
        guard.database_forwards("accounts", editor, state, state)
    try:
        assert _refused(lambda: User.objects.filter(pk=user.pk).update(first_name="Ubah"))
        assert set(guard.trigger_names("accounts_user")) <= _triggers()
    finally:
        with connection.schema_editor() as editor:
            guard.database_backwards("accounts", editor, state, state)
    assert not set(guard.trigger_names("accounts_user")) & _triggers()
    assert not _refused(lambda: User.objects.filter(pk=user.pk).update(first_name="Ubah"))
