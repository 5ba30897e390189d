from .engine import RANK_INDEX, EmbeddedEngine, indexed_text, side_connection

__all__ = ["RANK_INDEX", "EmbeddedEngine", "indexed_text", "side_connection"]
