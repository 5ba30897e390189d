"""Discussion threads and posts in a project space."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from core.forms import markdown_preview_requested, show_markdown_previews
from core.paging import page_of
from core.submissions import submit_once
from labs import selectors, services
from labs.forms import PostEditForm, PostForm, ThreadForm
from labs.models import Post
from labs.views.access import space_access
from labs.views.spaces import space_trail

THREADS_PER_PAGE = 20
POSTS_PER_PAGE = 50


@never_cache
@login_required
def thread_list(request, space_id: int):
    access = space_access(request, space_id)
    page_obj = page_of(
        selectors.space_threads(space=access.space), request.GET, per_page=THREADS_PER_PAGE
    )
    return render(
        request,
        "labs/space/thread_list.html",
        access.context(
            page_obj=page_obj, tab="threads", trail=space_trail(access.space, _("Discussions"))
        ),
    )


@never_cache
@login_required
def thread_create(request, space_id: int):
    access = space_access(request, space_id, write=True)
    form = ThreadForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
    )
    previewing = markdown_preview_requested(request)
    if previewing:
        show_markdown_previews(form)
    elif request.method == "POST" and form.is_valid():

        def start_thread() -> str:
            return services.thread_create(
                space=access.space,
                author=request.user,
                title=form.cleaned_data["title"],
                body=form.cleaned_data["body"],
                attachments=form.cleaned_data["attachments"],
            ).get_absolute_url()

        address, started = submit_once(
            user=request.user, token=form.cleaned_data["submission_token"], act=start_thread
        )
        if started:
            messages.success(request, _("Your thread was started."))
        return redirect(address or reverse("labs:thread_list", args=[access.space.pk]))
    return render(
        request,
        "labs/space/thread_form.html",
        access.context(form=form, tab="threads", trail=space_trail(access.space, _("New thread"))),
        status=400 if request.method == "POST" and not previewing else 200,
    )


@never_cache
@login_required
def thread_detail(request, space_id: int, thread_id: int):
    access = space_access(request, space_id)
    thread = get_object_or_404(access.space.threads, pk=thread_id)
    form = PostForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
    )
    previewing = markdown_preview_requested(request)
    if request.method == "POST":
        if not access.can_comment:
            raise PermissionDenied("Observers can read the space but not post.")
        if previewing:
            show_markdown_previews(form)
        elif form.is_valid():

            def reply() -> str:
                post = services.post_create(
                    thread=thread,
                    author=request.user,
                    body=form.cleaned_data["body"],
                    attachments=form.cleaned_data["attachments"],
                )
                return f"{thread.get_absolute_url()}?page=last#post-{post.pk}"

            address, posted = submit_once(
                user=request.user, token=form.cleaned_data["submission_token"], act=reply
            )
            if posted:
                messages.success(request, _("Your reply was posted."))
            return redirect(address or f"{thread.get_absolute_url()}?page=last")
    posts = selectors.thread_posts(thread=thread)
    paginator = Paginator(posts, POSTS_PER_PAGE)
    page_number = request.GET.get("page")
    page_obj = paginator.get_page(paginator.num_pages if page_number == "last" else page_number)
    return render(
        request,
        "labs/space/thread_detail.html",
        access.context(
            thread=thread,
            page_obj=page_obj,
            form=form,
            tab="threads",
            trail=space_trail(
                access.space,
                (_("Discussions"), reverse("labs:thread_list", args=[access.space.pk])),
                thread.title,
            ),
        ),
        status=400 if request.method == "POST" and not previewing else 200,
    )


def _post_or_404(access, thread_id, post_id) -> Post:
    return get_object_or_404(
        Post.objects.select_related("thread", "author"),
        pk=post_id,
        thread_id=thread_id,
        thread__space=access.space,
    )


@never_cache
@login_required
def post_edit(request, space_id: int, thread_id: int, post_id: int):
    access = space_access(request, space_id, write=True)
    post = _post_or_404(access, thread_id, post_id)
    if post.author_id != request.user.pk:
        raise PermissionDenied("Only the author may edit a post.")
    form = PostEditForm(
        request.POST if request.method == "POST" else None, initial={"body": post.body}
    )
    previewing = markdown_preview_requested(request)
    if previewing:
        show_markdown_previews(form)
    elif request.method == "POST" and form.is_valid():
        services.post_edit(post=post, editor=request.user, body=form.cleaned_data["body"])
        messages.success(
            request, _("Your post was updated; the earlier version is kept in its history.")
        )
        return redirect(post.get_absolute_url())
    return render(
        request,
        "labs/space/post_edit.html",
        access.context(
            post=post,
            thread=post.thread,
            form=form,
            tab="threads",
            trail=space_trail(
                access.space, (post.thread.title, post.thread.get_absolute_url()), _("Edit post")
            ),
        ),
        status=400 if request.method == "POST" and not previewing else 200,
    )


@never_cache
@login_required
def post_history(request, space_id: int, thread_id: int, post_id: int):
    access = space_access(request, space_id)
    post = _post_or_404(access, thread_id, post_id)
    return render(
        request,
        "labs/space/post_history.html",
        access.context(
            post=post,
            thread=post.thread,
            revisions=post.revisions.select_related("edited_by"),
            tab="threads",
            trail=space_trail(
                access.space, (post.thread.title, post.thread.get_absolute_url()), _("Post history")
            ),
        ),
    )
