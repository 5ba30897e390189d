"""The Wagtail admin's document form, with the product's upload policy on the file."""

from django.conf import settings
from wagtail.documents.forms import BaseDocumentForm

from .uploads import policy_for_extensions


class DocumentForm(BaseDocumentForm):
    """Set as WAGTAILDOCS_DOCUMENT_FORM_BASE: single and multiple uploads, and replacing a file."""

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload and "file" in self.changed_data:
            policy_for_extensions(
                settings.WAGTAILDOCS_EXTENSIONS,
                max_bytes_setting="WAGTAILDOCS_MAX_UPLOAD_SIZE",
            ).check(upload)
        return upload
