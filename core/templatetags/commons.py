from django import template

from core.text import render_markdown

register = template.Library()


@register.filter(name="markdown")
def markdown_filter(value: str):
    """{{ text|markdown }}: the sanitised rendering of user-written Markdown."""
    return render_markdown(value)


@register.filter
def person(user) -> str:
    """A user's public name; "Former member" once the account is deleted, "—" for none."""
    if user is None:
        return "—"
    return user.public_name


@register.simple_tag
def trail(*labels_and_urls):
    """Breadcrumb pairs for non-page views: {% trail "Account" url "Email" "" as crumbs %}."""
    items = list(labels_and_urls)
    return list(zip(items[::2], items[1::2], strict=False))
