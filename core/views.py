"""Profile pages, the account settings area, account deletion, the personal dashboard, document
files, Markdown previews and the admin page chooser's search."""

from urllib.parse import urlencode

from allauth.account.models import EmailAddress
from allauth.core.ratelimit import consume_or_429
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, HttpResponseBadRequest, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.cache import get_conditional_response
from django.utils.http import quote_etag, url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST
from wagtail.admin.auth import require_admin_access
from wagtail.admin.views import chooser
from wagtail.admin.views.chooser import ParentPageColumn
from wagtail.documents import get_document_model
from wagtail.documents.models import document_served

from . import languages
from .dashboard import dashboard_panels
from .documents import collection_is_restricted, document_readable
from .files import file_response
from .forms import AccountDeleteForm, ProfileForm
from .languages import language_is_supported
from .models import ProfileField
from .selectors import visible_profile_owner
from .services import (
    account_delete,
    profile_get_or_create,
    profile_language_set,
    profile_update,
)
from .text import MAX_DOCUMENT_MARKDOWN_LENGTH, render_markdown


@cache_control(private=True)
def profile_detail(request, username: str):
    owner = visible_profile_owner(username=username, viewer=request.user)
    if owner is None:
        raise Http404
    profile = profile_get_or_create(user=owner)
    is_self = request.user.is_authenticated and request.user.pk == owner.pk
    previewing = is_self and request.GET.get("preview") == "public"
    if is_self and not previewing:
        shown = {field.value for field in ProfileField}
    else:
        shown = set(profile.public_fields or [])
    return render(
        request,
        "core/profile_detail.html",
        {
            "person": owner,
            "profile": profile,
            "shown": shown,
            "is_self": is_self,
            "previewing": previewing,
            "has_details": any(profile.has_detail(field) for field in shown),
            "private_fields": [
                field.value for field in ProfileField if not profile.shows(field.value)
            ],
        },
    )


@login_required
def account_settings(request):

    profile = profile_get_or_create(user=request.user)
    return render(
        request,
        "core/account_settings.html",
        {
            "profile": profile,
            "missing_details": profile.missing_details(),
            "email_addresses": EmailAddress.objects.filter(user=request.user).order_by(
                "-primary", "email"
            ),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def profile_edit(request):
    profile = profile_get_or_create(user=request.user)
    if request.method == "POST":
        form = ProfileForm(request.POST, instance=profile)
        if form.is_valid():
            profile_update(
                profile=profile, display_name=form.cleaned_data["display_name"], form=form
            )
            messages.success(request, _("Your profile has been saved."))
            return redirect("core:profile_edit")
        messages.error(request, _("Please correct the errors below; nothing was saved yet."))
    else:
        form = ProfileForm(instance=profile)
    return render(request, "core/profile_edit.html", {"form": form, "profile": profile})


@login_required
@require_http_methods(["GET", "POST"])
def account_delete_view(request):
    form = AccountDeleteForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        account_delete(user=request.user)
        logout(request)
        messages.success(
            request,
            _("Your account has been deleted. Your posts remain, shown as by a former member."),
        )
        return redirect("/")
    return render(request, "core/account_delete.html", {"form": form})


@login_required
def dashboard(request):

    profile = profile_get_or_create(user=request.user)
    return render(
        request,
        "core/dashboard.html",
        {
            "panels": dashboard_panels(request),
            "profile": profile,
            "missing_details": profile.missing_details(),
        },
    )


def document_serve(request, document_id: int, document_filename: str):
    """Every Wagtail document's address (it replaces Wagtail's own serve view).

    404 unless the document exists under this name and the person passes its collection's
    restrictions: a private document and a missing one look the same. Served as an inert
    download like every stored file (core.files).
    """

    Document = get_document_model()
    document = get_object_or_404(Document.objects.select_related("collection"), pk=document_id)
    if document.filename != document_filename or not document_readable(document, request):
        raise Http404
    document_etag = quote_etag(document.file_hash) if document.file_hash else None
    not_modified = get_conditional_response(request, etag=document_etag)
    if not_modified is not None:
        return not_modified
    document_served.send(sender=Document, instance=document, request=request)
    response = file_response(
        document.file,
        filename=document.filename,
        private=collection_is_restricted(document.collection),
    )
    if document_etag:
        response["ETag"] = document_etag
    return response


def login_elsewhere(request):
    """Every other sign-in form (Wagtail admin, Django admin, Wagtail's front-end login) sends
    people to allauth's, so one rate limit and one verified-email rule guard every way in.

    Credentials posted here are never checked: a form that tried them would be a way around
    the throttle. ``next`` is passed on; allauth only follows it to this site.
    """
    target = reverse("account_login")
    next_url = request.GET.get("next") or request.POST.get("next")
    if next_url:
        target += "?" + urlencode({"next": next_url})
    return HttpResponseRedirect(target)


class SpecificParentPageColumn(ParentPageColumn):
    """The parent as its own page class, whose admin title follows the viewer."""

    def get_value(self, instance):
        parent = instance.get_parent()
        return parent.specific_deferred if parent else None


class PageChooserSearchView(chooser.SearchView):
    """Wagtail's chooser search, but a result's parent (a page above a lead's lab, say) is named
    the way the viewer may see it: Wagtail's column reads the parent's latest draft title."""

    @property
    def columns(self):
        return [
            SpecificParentPageColumn(column.name, label=column.label)
            if isinstance(column, ParentPageColumn)
            else column
            for column in super().columns
        ]


page_chooser_search = require_admin_access(PageChooserSearchView.as_view())


@login_required
@require_POST
@cache_control(private=True, no_store=True)
def markdown_preview(request):
    """The Preview tab of ``core.forms.MarkdownTextarea``: the sanitised HTML of ``text``,
    rendered exactly as the saved text will be. Only for signed-in people (every form with
    Markdown is theirs), POST with the form's CSRF token, and no longer than the field allows
    (``max_length``, never more than the longest field): the cost of a preview is bounded
    like the cost of saving, and rate-limited per person (``ACCOUNT_RATE_LIMITS``)."""
    too_many = consume_or_429(request, action="markdown_preview")
    if too_many:
        return too_many
    text = request.POST.get("text", "")
    limit = MAX_DOCUMENT_MARKDOWN_LENGTH
    try:
        asked = int(request.POST.get("max_length", ""))
    except ValueError:
        asked = 0
    if 0 < asked < limit:
        limit = asked
    if len(text) > limit:
        return HttpResponse(
            _("The text is too long to preview: at most %(limit)s characters.") % {"limit": limit},
            status=413,
            content_type="text/plain; charset=utf-8",
        )
    return HttpResponse(
        render_markdown(text, max_chars=limit), content_type="text/html; charset=utf-8"
    )


@csrf_exempt
@require_POST
def language_set(request):
    """The language switcher: remember the choice (cookie, and profile when signed in) and
    show the page the person was on in that language.

    Without a CSRF token: a forged post could only change the language someone reads in (one
    click to undo, nothing disclosed), while a token would make every page's HTML differ per
    visitor, so no shared cache could hold a public page and error pages would tell apart.
    """
    code = request.POST.get("language", "")
    next_url = request.POST.get("next", "/")
    if not language_is_supported(code):
        return HttpResponseBadRequest(_("Choose one of the languages listed."))
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = "/"
    if request.user.is_authenticated:
        profile_language_set(user=request.user, language=code)
    response = HttpResponseRedirect(languages.address_in_language(next_url, code))
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        code,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        samesite="Lax",
        secure=request.is_secure(),
    )
    return response
