"""What the Elasticsearch engine raises when the cluster cannot answer."""


class SearchUnavailable(Exception):
    """The engine could not answer; the service falls back to the embedded engine."""
