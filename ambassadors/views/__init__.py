"""Pages of the ambassador lifecycle: console (program managers), portal (members), signed links."""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from xmhub.core.navigation import LAYOUTS, audience_for


def layout_for(request) -> str:
    return LAYOUTS[audience_for(getattr(request, "membership", None))]


def status_for(form_or_formsets) -> int:
    """400 for a submitted form that failed (the middleware then rolls the request back), 200 otherwise."""
    items = form_or_formsets if isinstance(form_or_formsets, list | tuple) else [form_or_formsets]
    return 400 if any(getattr(f, "is_bound", False) for f in items) else 200


def raise_for(error):
    """An ApplicationError that means "not yours" or "gone" becomes the matching HTTP answer."""
    if error.status == 404:
        raise Http404(error.message)
    if error.status == 403:
        raise PermissionDenied(error.message)


def post_data(request):
    """The submitted data of a POST (even an empty one, so the form is bound and shows its errors)."""
    return request.POST if request.method == "POST" else None
