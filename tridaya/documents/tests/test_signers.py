import pytest

from tridaya.documents.signers import Signer, signature_rows


def signers(count):
    return [Signer(f"Peran {n}", f"Nama {n}") for n in range(1, count + 1)]


@pytest.mark.parametrize(
    ("count", "shape"),
    [(2, [2]), (3, [3]), (4, [2, 2]), (5, [3, 2]), (6, [3, 3]), (7, [3, 2, 2]), (9, [3, 3, 3])],
)
def test_rows_hold_two_or_three_blocks_as_evenly_as_possible(count, shape):
    rows = signature_rows(signers(count))
    assert [len(row) for row in rows] == shape
    assert [s for row in rows for s in row] == signers(count)  # order kept


def test_a_single_signer_signs_on_the_right():
    only = signers(1)
    assert signature_rows(only) == [[None, only[0]]]


def test_two_per_row_when_asked():
    assert [len(row) for row in signature_rows(signers(5), per_row=2)] == [2, 2, 1]


def test_no_signers_no_rows():
    assert signature_rows([]) == []
