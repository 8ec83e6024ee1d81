import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404

from agencies.access import get_agency_for
from agencies.models import Agency


def test_operator_reads_and_writes_own_agency(operator_a, agency_a):
    assert get_agency_for(operator_a, agency_a.slug, write=True) == agency_a


def test_operator_of_another_agency_gets_404(operator_b, agency_a):
    with pytest.raises(Http404):
        get_agency_for(operator_b, agency_a.slug)


def test_reviewer_reads_but_may_not_write(reviewer, agency_a):
    assert get_agency_for(reviewer, agency_a.slug) == agency_a
    with pytest.raises(PermissionDenied):
        get_agency_for(reviewer, agency_a.slug, write=True)


def test_admin_reads_and_writes_everything(admin, agency_a, agency_b):
    assert get_agency_for(admin, agency_b.slug, write=True) == agency_b


def test_anonymous_sees_nothing(agency_a):
    assert not Agency.objects.visible_to(AnonymousUser()).exists()
    with pytest.raises(Http404):
        get_agency_for(AnonymousUser(), agency_a.slug)


def test_visible_to_is_scoped_per_user(operator_a, operator_b, reviewer, agency_a, agency_b):
    assert list(Agency.objects.visible_to(operator_a)) == [agency_a]
    assert list(Agency.objects.visible_to(operator_b)) == [agency_b]
    assert set(Agency.objects.visible_to(reviewer)) == {agency_a, agency_b}
    assert not Agency.objects.editable_by(reviewer).exists()
