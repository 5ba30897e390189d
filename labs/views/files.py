"""Files of a project space: listing, upload, new versions, and the only way to download them."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from core.files import file_response
from core.paging import page_of
from core.row_links import row_links
from labs import selectors, services
from labs.forms import FileReplaceForm, FileUploadForm
from labs.views.access import space_access
from labs.views.spaces import space_trail

FILES_PER_PAGE = 50


@never_cache
@login_required
def file_list(request, space_id: int):
    access = space_access(request, space_id)
    files = page_of(
        selectors.space_files(space=access.space),
        request.GET,
        per_page=FILES_PER_PAGE,
    )
    links = {"space_id": access.space.pk, "id_kwarg": "file_id"}
    files.object_list = row_links(
        files.object_list, attr="row_url", viewname="labs:file_detail", **links
    )
    row_links(files.object_list, attr="download_url", viewname="labs:file_download", **links)
    return render(
        request,
        "labs/space/file_list.html",
        access.context(files=files, tab="files", trail=space_trail(access.space, _("Files"))),
    )


@never_cache
@login_required
def file_upload(request, space_id: int):
    access = space_access(request, space_id, write=True)
    form = FileUploadForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
    )
    if request.method == "POST" and form.is_valid():
        file = services.space_file_upload(
            space=access.space,
            uploaded_by=request.user,
            upload=form.cleaned_data["upload"],
            name=form.cleaned_data["name"],
        )
        messages.success(request, _("“%(name)s” was uploaded.") % {"name": file.name})
        return redirect(file.get_absolute_url())
    return render(
        request,
        "labs/space/file_form.html",
        access.context(
            form=form,
            tab="files",
            trail=space_trail(
                access.space,
                (_("Files"), reverse("labs:file_list", args=[access.space.pk])),
                _("Upload"),
            ),
        ),
        status=400 if request.method == "POST" else 200,
    )


@never_cache
@login_required
def file_detail(request, space_id: int, file_id: int):
    access = space_access(request, space_id)
    file = get_object_or_404(access.space.files.select_related("post__thread"), pk=file_id)
    form = FileReplaceForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
    )
    if request.method == "POST":
        access = space_access(request, space_id, write=True)
        if form.is_valid():
            version = services.space_file_replace(
                file=file, uploaded_by=request.user, upload=form.cleaned_data["upload"]
            )
            messages.success(
                request,
                _("Version %(number)s of “%(name)s” was uploaded; earlier versions are kept.")
                % {"number": version.number, "name": file.name},
            )
            return redirect(file.get_absolute_url())
    return render(
        request,
        "labs/space/file_detail.html",
        access.context(
            file=file,
            versions=file.versions.select_related("uploaded_by"),
            form=form,
            tab="files",
            trail=space_trail(
                access.space,
                (_("Files"), reverse("labs:file_list", args=[access.space.pk])),
                file.name,
            ),
        ),
        status=400 if request.method == "POST" else 200,
    )


@never_cache
@login_required
def file_download(request, space_id: int, file_id: int, version_id: int | None = None):
    """Stream a stored file to a current member, always as a download, never rendered inline;
    the space's activity notes who downloaded which version (once a day)."""
    access = space_access(request, space_id)
    file = get_object_or_404(access.space.files, pk=file_id)
    versions = file.versions.all()
    version = (
        get_object_or_404(versions, pk=version_id)
        if version_id
        else versions.order_by("-number").first()
    )
    if version is None:
        raise Http404
    services.space_file_download_record(version=version, downloaded_by=request.user)
    return file_response(version.content, filename=version.original_name)
