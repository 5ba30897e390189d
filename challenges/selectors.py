"""Reads about challenges."""


def featured_open_challenges(*, limit: int = 3) -> list:
    return []
