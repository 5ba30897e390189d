"""Non-page views of the challenges app; the two page types build their context in ``contexts``.

Views stay thin: they find what they act on through ``access`` (404 for anything the person may
not read), bind forms, call ``challenges.services`` and redirect with a message. One module per
concern, as in ``challenges.services``: verification, briefs, engagement, proposals, reviews
(with the owner's console and selection), outcomes.
"""
