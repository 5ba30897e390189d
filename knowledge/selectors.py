"""Reads about the knowledge base."""


def latest_knowledge(*, limit: int = 4) -> list:
    return []
