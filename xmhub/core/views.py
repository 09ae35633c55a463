from django.contrib.auth.decorators import login_required
from django.shortcuts import render


@login_required
def home(request):
    return render(request, "core/home.html")


def org_home(request, org_slug):
    return render(request, "core/org_home.html")
