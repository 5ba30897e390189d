"""StreamField blocks for the site's own pages."""

from wagtail import blocks
from wagtail.images.blocks import ImageBlock


class CallToActionBlock(blocks.StructBlock):
    heading = blocks.CharBlock(max_length=120)
    text = blocks.TextBlock(required=False, max_length=400)
    link_page = blocks.PageChooserBlock(required=False)
    link_url = blocks.URLBlock(required=False)
    link_label = blocks.CharBlock(max_length=60)

    class Meta:
        icon = "link"
        template = "policylab_site/blocks/call_to_action.html"


class StandardPageBodyBlock(blocks.StreamBlock):
    heading = blocks.CharBlock(
        form_classname="title", icon="title", template="policylab_site/blocks/heading.html"
    )
    paragraph = blocks.RichTextBlock(
        features=["bold", "italic", "link", "ol", "ul", "h3", "h4", "blockquote"]
    )
    image = ImageBlock()
    call_to_action = CallToActionBlock()
