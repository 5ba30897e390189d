"""Light stemmers for the region's languages (placeholder: no stemming)."""


def stem(word: str, language: str) -> str:
    """``word`` (normalised, lower-case) reduced to its stem in ``language`` ("hi", "ne", "bn",
    "ur", "ta", ...). Latin-script words are returned unchanged: the engines stem English."""
    return word
