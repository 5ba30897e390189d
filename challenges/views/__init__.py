"""Non-page views of the challenges app (the page types build their context in ``contexts``)."""
